// Files the registry hands out: the ledger template, the import error report, lists as
// .xlsx (written as a stream, a batch of rows at a time), and the printable household
// file (户档). Identifiers in them are masked unless the caller revealed them.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import { requirePermission, shownName, type Actor } from '../../platform/auth/scope.ts';
import { orgUnitNames } from '../org/index.ts';
import type { BuildingExportQuery, ImportErrorView, BuildingRow, HouseholdFile, KeyGroupMember, MemberFilter, ResidentFilter, ResidentView } from './contract.ts';
import { kindCatalogue } from './key-groups/catalogue.ts';
import { builtInKindInfos, disabilityCategoryLabels } from './key-groups/kinds.ts';
import { listMembers } from './key-groups/memberships.ts';
import { eachImportError, getImport } from './import/jobs.ts';
import { ledgerColumns } from './ledger.ts';
import { listBuildings } from './use-cases/buildings.ts';
import { getHousehold } from './use-cases/households.ts';
import { presentResidents } from './use-cases/present-residents.ts';
import type { Reveal } from './use-cases/reveal.ts';
import { eachResident, searchResidents } from './use-cases/search-residents.ts';
import {
  educationLabels,
  ethnicities,
  genderLabels,
  politicalStatusLabels,
  relationLabels,
  residenceTypeLabels,
  statusLabels,
  tenureLabels,
} from './vocabulary.ts';

export interface SheetColumn<Row> {
  header: string;
  width: number;
  value: (row: Row) => string | number | null;
}

/** Writes rows to an .xlsx stream: one sheet, a bold header row, rows as they come. */
export async function writeXlsx<Row>(out: Writable, sheetName: string, columns: SheetColumn<Row>[], batches: AsyncIterable<Row[]>, title?: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: title ? 2 : 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width, style: { numFmt: '@' } }));
  if (title) {
    const row = sheet.addRow([title]);
    row.font = { bold: true, size: 14 };
    row.commit();
  }
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for await (const batch of batches) {
    for (const item of batch) sheet.addRow(columns.map((c) => c.value(item) ?? '')).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** A fixed list as one batch. */
export async function* batchOf<Row>(rows: Row[]): AsyncGenerator<Row[]> {
  yield rows;
}

/** The columns of a resident list (masked values come from the presenter). */
export function residentColumns(kindNames: ReadonlyMap<string, string>): SheetColumn<ResidentView>[] {
  return [
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '性别', width: 6, value: (r) => genderLabels[r.gender] },
    { header: '出生日期', width: 12, value: (r) => r.birthDate },
    { header: '年龄', width: 6, value: (r) => r.age },
    { header: '公民身份号码', width: 22, value: (r) => r.idNumber },
    { header: '联系电话', width: 14, value: (r) => r.phone },
    { header: '民族', width: 8, value: (r) => r.ethnicity },
    { header: '人口类型', width: 10, value: (r) => residenceTypeLabels[r.residenceType] },
    { header: '来本地日期', width: 12, value: (r) => r.arrivedOn },
    { header: '住址', width: 30, value: (r) => r.address },
    { header: '与户主关系', width: 10, value: (r) => (r.relation ? relationLabels[r.relation] : null) },
    { header: '网格', width: 14, value: (r) => r.gridCode },
    { header: '文化程度', width: 10, value: (r) => (r.education ? educationLabels[r.education] : null) },
    { header: '政治面貌', width: 12, value: (r) => (r.politicalStatus ? politicalStatusLabels[r.politicalStatus] : null) },
    { header: '工作单位', width: 20, value: (r) => r.employer },
    { header: '重点人群', width: 20, value: (r) => r.keyGroups.map((k) => kindNames.get(k.kind) ?? k.name).join('、') },
    { header: '状态', width: 8, value: (r) => statusLabels[r.status] },
    { header: '备注', width: 20, value: (r) => r.notes },
  ];
}

/** The ledger template: the columns with Chinese headers, an example row, and instructions. */
export async function writeTemplate(out: Writable): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共治 Gongzhi';
  const sheet = workbook.addWorksheet('实有人口台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ledgerColumns.map((c) => ({ header: c.header, key: c.field, width: Math.max(10, c.header.length * 2 + 4, c.example.length + 4), style: { numFmt: '@' } }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  ledgerColumns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    if (c.hint) cell.note = c.hint;
  });
  sheet.addRow(Object.fromEntries(ledgerColumns.map((c) => [c.field, c.example])));

  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '列', width: 14 }, { header: '是否必填', width: 10 }, { header: '说明与可选值', width: 90 }];
  help.getRow(1).font = { bold: true };
  const allowed: Record<string, string> = {
    tenure: Object.values(tenureLabels).join('、'),
    relation: '户主、配偶、子、女、儿媳、女婿、孙子、孙女、父亲、母亲、公婆、岳父母、祖父母、兄弟姐妹、其他',
    gender: Object.values(genderLabels).join('、'),
    ethnicity: ethnicities.slice(0, 10).join('、') + ' 等56个民族',
    residenceType: Object.values(residenceTypeLabels).join('、'),
    education: Object.values(educationLabels).join('、'),
    politicalStatus: Object.values(politicalStatusLabels).join('、'),
    keyGroups: builtInKindInfos().filter((k) => !k.sensitive).map((k) => k.name).join('、') + '；低保、特困、退役军人、军属、烈属 亦可',
    disabilityCategory: Object.values(disabilityCategoryLabels).map((l) => l.replace(/残疾$/, '')).join('、'),
    disabilityGrade: '一级、二级、三级、四级',
    idNumber: '18位公民身份号码，末位可为X；请把本列设为文本格式，否则 Excel 会丢失末几位',
    phone: '11位手机号',
    birthDate: '如 1985-06-12；可不填，以身份证号为准',
  };
  for (const c of ledgerColumns) help.addRow([c.header, c.required ? '必填' : '', [c.hint, allowed[c.field]].filter(Boolean).join('；')]);
  help.addRow([]);
  help.addRow(['说明', '', '表头可以在第1至第10行；列的顺序不限，表头名称可用常见写法（如“身份证号”“手机号”）。同一身份证号即同一人，重复导入不会产生重复记录。']);
  await workbook.xlsx.write(out);
}

const escapeHtml = (text: string | number | null | undefined) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** What the printed household file shows. */
export type PrintedHousehold = Pick<HouseholdFile, 'address' | 'number' | 'members' | 'history'> & { house: Pick<HouseholdFile['house'], 'tenure'> };

/** The printable household file (户档) as an HTML page. */
export function householdFileHtml(file: PrintedHousehold, meta: { communityName: string; gridName: string; printedBy: string; printedAt: string }): string {
  const head = file.members.find((m) => m.relation === 'head');
  const revealed = file.members.some((m) => m.revealed);
  const rows = file.members
    .map(
      (m, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(m.name)}</td><td>${escapeHtml(m.relation ? relationLabels[m.relation] : '')}</td><td>${escapeHtml(genderLabels[m.gender])}</td>
      <td>${escapeHtml(m.birthDate)}</td><td class="mono">${escapeHtml(m.idNumber)}</td><td class="mono">${escapeHtml(m.phone)}</td><td>${escapeHtml(m.ethnicity)}</td>
      <td>${escapeHtml(residenceTypeLabels[m.residenceType])}</td><td>${escapeHtml(m.keyGroups.map((k) => k.name).join('、'))}</td></tr>`,
    )
    .join('\n');
  const history = file.history
    .map((h) => `<tr><td>${escapeHtml(h.name)}</td><td>${escapeHtml(h.relation && h.relation in relationLabels ? relationLabels[h.relation as keyof typeof relationLabels] : '')}</td><td>${escapeHtml(h.movedInOn)}</td><td>${escapeHtml(h.movedOutOn ?? '至今')}</td><td>${escapeHtml(h.reason)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>户档 · ${escapeHtml(file.address)}</title>
<style>
  @page { size: A4 landscape; margin: 15mm; }
  body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif; font-size: 12px; color: #000; }
  h1 { text-align: center; font-size: 22px; letter-spacing: 8px; margin: 0 0 4px; }
  .sub { text-align: center; margin-bottom: 12px; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 14px; }
  th, td { border: 1px solid #000; padding: 4px 6px; text-align: left; }
  th { background: #eee; }
  .mono { font-family: monospace; }
  .meta td { border: none; padding: 2px 6px; }
  .foot { margin-top: 16px; font-size: 11px; color: #333; }
  @media print { .noprint { display: none; } }
</style></head>
<body>
<p class="noprint"><button onclick="window.print()">打印</button></p>
<h1>户 档</h1>
<div class="sub">${escapeHtml(meta.communityName)} · ${escapeHtml(meta.gridName)}</div>
<table class="meta"><tr><td>住址：${escapeHtml(file.address)}</td><td>户号：${escapeHtml(file.number)}</td>
<td>户主：${escapeHtml(head?.name ?? '未登记')}</td><td>居住方式：${escapeHtml(tenureLabels[file.house.tenure])}</td><td>在册人数：${file.members.length}</td></tr></table>
<h2>家庭成员</h2>
<table><thead><tr><th>序号</th><th>姓名</th><th>与户主关系</th><th>性别</th><th>出生日期</th><th>公民身份号码</th><th>联系电话</th><th>民族</th><th>人口类型</th><th>重点人群</th></tr></thead>
<tbody>${rows || '<tr><td colspan="10">无在册成员</td></tr>'}</tbody></table>
<h2>迁入迁出记录</h2>
<table><thead><tr><th>姓名</th><th>与户主关系</th><th>迁入日期</th><th>迁出日期</th><th>说明</th></tr></thead>
<tbody>${history || '<tr><td colspan="5">无</td></tr>'}</tbody></table>
<div class="foot">打印人：${escapeHtml(meta.printedBy)}&#12288;打印时间：${escapeHtml(meta.printedAt)}&#12288;${revealed ? '本档含明文身份信息，已记录查看事由，请妥善保管。' : '身份证号、手机号已按规定脱敏显示。'}</div>
</body></html>`;
}

// ---------------------------------------------------------------------------- exports (audited)

/** Filters as the audit log keeps them: identifiers typed into a filter are not copied. */
export function auditableFilters(q: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(q)) {
    if (value === undefined || key === 'reason' || key === 'reveal') continue;
    out[key] = key === 'idNumber' || key === 'phone' || (key === 'q' && typeof value === 'string' && /\d{6,}/.test(value)) ? '***' : value;
  }
  return out;
}

/** Exports residents found by a search as .xlsx; audited (with the reveal reason) before the first row is written. */
export async function exportResidents(db: Db, pii: PiiCipher, actor: Actor, q: ResidentFilter, reveal: Reveal | null, out: Writable): Promise<void> {
  requirePermission(actor, 'registry.export');
  const { total } = await searchResidents(db, pii, actor, { ...q, page: 1, pageSize: 1 }, null);
  await recordAudit(db, actor, {
    action: 'registry.export',
    targetType: 'resident',
    details: { list: 'residents', filters: auditableFilters(q), count: total, revealed: reveal !== null, ...(reveal ? { reason: reveal.reason } : {}) },
  });
  const kindNames = new Map([...(await kindCatalogue(db)).values()].map((k) => [k.code, k.name]));
  async function* views() {
    for await (const rows of eachResident(db, pii, actor, q)) yield presentResidents(db, pii, actor, rows, reveal ? { ...reveal, audited: true } : null, 'export');
  }
  await writeXlsx(out, '居民', residentColumns(kindNames), views());
}

/** Exports key-group members (e.g. those overdue for a visit) as .xlsx; audited. */
export async function exportMembers(
  db: Db,
  pii: PiiCipher,
  actor: Actor,
  q: MemberFilter,
  reveal: Reveal | null,
  out: Writable,
): Promise<void> {
  requirePermission(actor, 'registry.export');
  const first = await listMembers(db, pii, actor, { ...q, page: 1, pageSize: 1 }, null);
  await recordAudit(db, actor, {
    action: 'registry.export',
    targetType: 'key_group',
    details: { list: 'key-groups', filters: auditableFilters(q), count: first.total, revealed: reveal !== null, ...(reveal ? { reason: reveal.reason } : {}) },
  });
  async function* batches() {
    for (let page = 1; ; page++) {
      const { items } = await listMembers(db, pii, actor, { ...q, page, pageSize: 1000 }, reveal ? { ...reveal, audited: true } : null);
      if (items.length) yield items;
      if (items.length < 1000) return;
    }
  }
  const columns: SheetColumn<KeyGroupMember>[] = [
    { header: '姓名', width: 10, value: (m) => m.resident.name },
    { header: '人群类别', width: 16, value: (m) => m.name },
    { header: '性别', width: 6, value: (m) => genderLabels[m.resident.gender] },
    { header: '年龄', width: 6, value: (m) => m.resident.age },
    { header: '公民身份号码', width: 22, value: (m) => m.resident.idNumber },
    { header: '联系电话', width: 14, value: (m) => m.resident.phone },
    { header: '住址', width: 30, value: (m) => m.resident.address },
    { header: '网格', width: 14, value: (m) => m.resident.gridCode },
    { header: '登记日期', width: 12, value: (m) => m.since },
    { header: '走访周期（天）', width: 10, value: (m) => m.visitEveryDays },
    { header: '上次走访', width: 12, value: (m) => m.lastVisitedOn },
    { header: '下次应访', width: 12, value: (m) => m.nextVisitDue },
    { header: '逾期天数', width: 8, value: (m) => m.daysOverdue || null },
  ];
  await writeXlsx(out, '重点人群', columns, batches());
}

/** Exports buildings as .xlsx; audited. */
export async function exportBuildings(db: Db, actor: Actor, q: BuildingExportQuery, out: Writable): Promise<void> {
  requirePermission(actor, 'registry.export');
  const first = await listBuildings(db, actor, { ...q, page: 1, pageSize: 1 });
  await recordAudit(db, actor, { action: 'registry.export', targetType: 'building', details: { list: 'buildings', filters: auditableFilters(q), count: first.total } });
  async function* batches() {
    for (let page = 1; ; page++) {
      const { items } = await listBuildings(db, actor, { ...q, page, pageSize: 500 });
      if (items.length) yield items;
      if (items.length < 500) return;
    }
  }
  const uses: Record<string, string> = { residential: '住宅', commercial: '商业', mixed: '商住混合', office: '办公', public: '公共设施', other: '其他' };
  const columns: SheetColumn<BuildingRow>[] = [
    { header: '楼栋', width: 24, value: (b) => b.name },
    { header: '地址', width: 30, value: (b) => b.address },
    { header: '网格', width: 14, value: (b) => b.gridCode },
    { header: '层数', width: 6, value: (b) => b.floors },
    { header: '单元数', width: 8, value: (b) => b.units },
    { header: '用途', width: 10, value: (b) => uses[b.use] ?? b.use },
    { header: '房屋数', width: 8, value: (b) => b.houseCount },
    { header: '在册人数', width: 8, value: (b) => b.residentCount },
  ];
  await writeXlsx(out, '楼栋', columns, batches());
}

/** The printable household file of one household; audited as an export. */
export async function householdFile(db: Db, pii: PiiCipher, actor: Actor, id: string, reveal: Reveal | null): Promise<string> {
  const file = await getHousehold(db, pii, actor, id, reveal, 'registry.export');
  const communityCode = file.orgPath.split('.').at(-2) ?? '';
  const names = await orgUnitNames(db, [communityCode, file.gridCode]);
  await recordAudit(db, actor, { action: 'registry.export', targetType: 'household', targetId: id, orgPath: file.orgPath, details: { list: 'household-file', revealed: reveal !== null, ...(reveal ? { reason: reveal.reason } : {}) } });
  return householdFileHtml(file, {
    communityName: names.get(communityCode) ?? '',
    gridName: names.get(file.gridCode) ?? file.gridCode,
    printedBy: shownName(actor),
    printedAt: new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
  });
}

/** The row-level error report of an import as .xlsx (row, name, column, reason). */
export async function writeImportReport(db: Db, actor: Actor, id: string, out: Writable): Promise<void> {
  const job = await getImport(db, actor, id);
  const columns: SheetColumn<ImportErrorView>[] = [
    { header: '行号', width: 8, value: (e) => e.rowNo },
    { header: '姓名', width: 12, value: (e) => e.name },
    { header: '列', width: 14, value: (e) => e.column },
    { header: '错误原因', width: 80, value: (e) => e.message },
  ];
  const title = `${job.fileName}：共 ${job.totalRows} 行，正确 ${job.validRows} 行，错误 ${job.errorRows} 行`;
  await writeXlsx(out, '错误报告', columns, eachImportError(db, actor, id), title);
}
