// The catalogue as a workbook: one sheet of items, one of their materials, one of their form
// fields. Export writes the versions in force; import creates new items and makes a new
// version of each item whose content changed, all in one transaction or not at all.
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { acceptLevels, itemContent, serviceChannels, type FormField, type ItemContent, type MaterialSpec, type ServiceItem } from '../contract.ts';
import { channelLabels, formLabels, itemKindLabels, keyOfLabel, levelLabels, ruleLabels } from '../labels.ts';
import { serviceItems, serviceItemVersions } from '../schema.ts';
import { listItems } from './items.ts';
import { itemSearchText } from './search-keys.ts';

const itemHeaders = ['编码', '名称', '事项类型', '决定部门编码', '受理层级', '法定时限（工作日）', '承诺时限（工作日）', '收费', '办理渠道', '全区通办', '办事指南', '所在清单'];
const materialHeaders = ['事项编码', '材料标识', '材料名称', '形式', '份数', '要求', '说明'];
const fieldHeaders = ['事项编码', '字段标识', '字段名称', '类型', '必填', '选项'];

function addSheet(wb: ExcelJS.Workbook, name: string, headers: string[], rows: (string | number)[][]): void {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ width: Math.max(10, h.length * 2 + 4) }));
  sheet.addRow(headers).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
}

/** Every item in force (withdrawn ones too) as an .xlsx workbook. */
export async function exportCatalogue(db: Db, actor: Actor): Promise<Buffer> {
  requirePermission(actor, 'services.read');
  const items: ServiceItem[] = [];
  for (let page = 1; ; page++) {
    const got = await listItems(db, { page, pageSize: 500, includeInactive: true });
    items.push(...got.items);
    if (items.length >= got.total || got.items.length === 0) break;
  }
  const wb = new ExcelJS.Workbook();
  addSheet(
    wb,
    '事项',
    itemHeaders,
    items.map((i) => [i.code, i.name, itemKindLabels[i.kind], i.departmentCode ?? '', i.acceptLevels.map((l) => levelLabels[l]).join('、'), i.statutoryDays, i.promisedDays, i.fees, i.channels.map((c) => channelLabels[c]).join('、'), i.districtWide ? '是' : '否', i.guide, i.admissionEntries.join('、')]),
  );
  addSheet(wb, '材料', materialHeaders, items.flatMap((i) => i.materials.map((m) => [i.code, m.key, m.name, formLabels[m.form], m.count, ruleLabels[m.rule], m.note])));
  addSheet(wb, '表单', fieldHeaders, items.flatMap((i) => i.formFields.map((f) => [i.code, f.key, f.label, f.type, f.required ? '是' : '否', f.options.join('、')])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(row: ExcelJS.Row, col: number): string {
  const v = row.getCell(col).value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}

function rowsOf(wb: ExcelJS.Workbook, name: string): { n: number; cell: (col: number) => string }[] {
  const sheet = wb.getWorksheet(name);
  if (!sheet) return [];
  const out: { n: number; cell: (col: number) => string }[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) out.push({ n, cell: (col) => cellText(row, col) });
  });
  return out;
}

const split = (text: string) => text.split(/[、,，;；\s]+/).filter(Boolean);

function fail(sheet: string, row: number, reason: string): never {
  throw new AppError('SERVICE_IMPORT_INVALID', { row: `${sheet}!${row}`, reason });
}

function labelled<K extends string>(labels: Record<K, string>, text: string, sheet: string, row: number, column: string): K {
  const key = keyOfLabel(labels, text);
  if (!key) fail(sheet, row, `${column}“${text}”不是 ${Object.values(labels).join('/')} 之一`);
  return key;
}

/** Reads the workbook into item contents by code; any bad row fails the whole file, naming the row. */
export async function readCatalogueWorkbook(bytes: Buffer): Promise<Map<string, ItemContent>> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    fail('-', 0, '不是 .xlsx 文件');
  }
  const materials = new Map<string, MaterialSpec[]>();
  for (const r of rowsOf(wb, '材料')) {
    const list = materials.get(r.cell(1)) ?? [];
    list.push({ key: r.cell(2), name: r.cell(3), form: labelled(formLabels, r.cell(4), '材料', r.n, '形式'), count: Number(r.cell(5) || 1), rule: labelled(ruleLabels, r.cell(6), '材料', r.n, '要求'), note: r.cell(7) });
    materials.set(r.cell(1), list);
  }
  const fields = new Map<string, FormField[]>();
  for (const r of rowsOf(wb, '表单')) {
    const list = fields.get(r.cell(1)) ?? [];
    list.push({ key: r.cell(2), label: r.cell(3), type: r.cell(4) as FormField['type'], required: r.cell(5) === '是', options: split(r.cell(6)) });
    fields.set(r.cell(1), list);
  }
  const items = new Map<string, ItemContent>();
  const rows = rowsOf(wb, '事项');
  if (rows.length === 0) fail('事项', 1, '没有“事项”工作表或其中没有事项');
  for (const r of rows) {
    const code = r.cell(1);
    if (!/^[A-Za-z0-9_-]{2,40}$/.test(code)) fail('事项', r.n, `编码“${code}”应为 2–40 位字母、数字、-、_`);
    if (items.has(code)) fail('事项', r.n, `编码 ${code} 重复`);
    const parsed = itemContent.safeParse({
      name: r.cell(2),
      kind: labelled(itemKindLabels, r.cell(3), '事项', r.n, '事项类型'),
      departmentCode: r.cell(4) || null,
      acceptLevels: split(r.cell(5)).map((t) => keyOfLabel(levelLabels, t) ?? t).filter((l) => (acceptLevels as readonly string[]).includes(l)),
      statutoryDays: Number(r.cell(6)),
      promisedDays: Number(r.cell(7)),
      fees: r.cell(8) || '不收费',
      channels: split(r.cell(9)).map((t) => keyOfLabel(channelLabels, t) ?? t).filter((c) => (serviceChannels as readonly string[]).includes(c)),
      districtWide: r.cell(10) === '是',
      guide: r.cell(11),
      admissionEntries: split(r.cell(12)),
      materials: materials.get(code) ?? [],
      formFields: fields.get(code) ?? [],
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      fail('事项', r.n, `${issue.path.join('.')}: ${issue.message}`);
    }
    items.set(code, parsed.data);
  }
  return items;
}

const sameContent = (a: ItemContent, b: ItemContent) => JSON.stringify(a) === JSON.stringify(b);

/** Imports a catalogue workbook: new codes become items, changed items get a new version. */
export async function importCatalogue(db: Db, actor: Actor, bytes: Buffer): Promise<{ created: number; updated: number; unchanged: number }> {
  requirePermission(actor, 'services.catalogue');
  const items = await readCatalogueWorkbook(bytes);
  const result = { created: 0, updated: 0, unchanged: 0 };
  await db.transaction(async (tx) => {
    for (const [code, content] of items) {
      const [head] = await tx.select().from(serviceItems).where(eq(serviceItems.code, code));
      const searchText = itemSearchText(content.name, code);
      if (!head) {
        await tx.insert(serviceItems).values({ code, currentVersion: 1, searchText });
        await tx.insert(serviceItemVersions).values({ code, version: 1, ...content, createdBy: actor.id });
        result.created++;
        continue;
      }
      const [current] = await tx.select().from(serviceItemVersions).where(and(eq(serviceItemVersions.code, code), eq(serviceItemVersions.version, head.currentVersion)));
      const { code: _c, version: _v, createdBy: _b, createdAt: _a, ...was } = current!;
      if (sameContent(itemContent.parse(was), content)) {
        result.unchanged++;
        continue;
      }
      const next = head.currentVersion + 1;
      await tx.update(serviceItems).set({ currentVersion: next, searchText, updatedAt: new Date() }).where(eq(serviceItems.code, code));
      await tx.insert(serviceItemVersions).values({ code, version: next, ...content, createdBy: actor.id });
      result.updated++;
    }
    await recordAudit(tx, actor, { action: 'services.catalogue.import', targetType: 'service_item', targetId: 'catalogue', orgPath: '', details: result });
  });
  return result;
}
