// Generated ledgers (台账): the reports communities kept by hand, made from the platform's data
// on demand as .xlsx with the ledger's usual headers. Identifiers are masked.
import ExcelJS from 'exceljs';
import { and, asc, gte, inArray, like, lt, or } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, scopePaths, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { caseFacts } from '../../cases/index.ts';
import { orgUnitNames, placeOf } from '../../org/index.ts';
import { keyGroupVisitStatus, maskIdNumber, validateIdNumber } from '../../registry/index.ts';
import type { GeneratedLedger, LedgerQuery } from '../contract/ledgers.ts';
import { channelLabels, statusLabels } from '../labels.ts';
import { serviceApplications, serviceItemVersions } from '../schema.ts';
import type { ServiceDeps } from '../applications/common.ts';
import { presentListItems } from '../applications/present.ts';
import { beijingInstant } from '../appointments/rules.ts';
import { beijingDate, beijingMinute } from '../../../platform/beijing-time.ts';

interface Sheet {
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

interface Period {
  month: string;
  from: Date;
  to: Date;
  orgPath: string;
  name: string;
}

const keyGroupKinds: Record<string, string> = {
  elderly_alone: '独居老人', disabled: '残疾人', low_income: '低保/特困', veteran: '退役军人/优抚对象', left_behind_child: '留守儿童',
  community_correction: '社区矫正对象', severe_mental_disorder: '严重精神障碍患者',
};
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

async function keyGroupVisits(_deps: ServiceDeps, p: Period): Promise<Sheet> {
  const members = await keyGroupVisitStatus(_deps.db, [p.orgPath], Object.keys(keyGroupKinds), `${p.month}-01`);
  const end = `${nextMonth(p.month)}-01`;
  const grids = await orgUnitNames(_deps.db, members.map((m) => m.gridCode));
  return {
    title: '重点人群走访台账',
    headers: ['序号', '姓名', '人群类别', '所属网格', '本月走访次数', '本月走访日期', '上次走访日期', '走访情况'],
    rows: members.map((m, i) => {
      const visits = m.visitsSince.filter((v) => v.visitedOn < end);
      return [i + 1, m.residentName, keyGroupKinds[m.kind] ?? m.kind, grids.get(m.gridCode) ?? m.gridCode, visits.length, visits.map((v) => v.visitedOn).join('、'), m.lastVisitBefore ?? '', visits.length > 0 ? '已走访' : '未走访'];
    }),
  };
}

/** Applications approved in the period of items named as the elderly allowance (高龄津贴/补贴). */
async function elderlyAllowance(deps: ServiceDeps, p: Period): Promise<Sheet> {
  const items = await deps.db.selectDistinct({ code: serviceItemVersions.code }).from(serviceItemVersions).where(or(like(serviceItemVersions.name, '%高龄%'), like(serviceItemVersions.name, '%老年人津贴%')));
  const rows = items.length
    ? await deps.db
        .select()
        .from(serviceApplications)
        .where(and(inArray(serviceApplications.itemCode, items.map((i) => i.code)), inArray(serviceApplications.status, ['approved', 'delivered', 'rated']), underPaths(serviceApplications.orgPath, [p.orgPath]), lt(serviceApplications.submittedAt, p.to)))
        .orderBy(asc(serviceApplications.communityCode), asc(serviceApplications.applicantName))
    : [];
  const communities = await orgUnitNames(deps.db, rows.map((r) => r.communityCode));
  const onDay = `${p.month}-01`;
  return {
    title: '高龄津贴发放花名册',
    headers: ['序号', '姓名', '性别', '出生年月', '年龄', '身份证号码', '所属社区', '办件编号', '批准日期', '备注'],
    rows: rows.map((r, i) => {
      const id = validateIdNumber(deps.pii.decrypt(r.idNumberEnc));
      const birth = id.ok ? id.birthDate : '';
      const age = birth ? Number(onDay.slice(0, 4)) - Number(birth.slice(0, 4)) - (onDay.slice(5) < birth.slice(5) ? 1 : 0) : '';
      return [i + 1, r.applicantName, id.ok ? (id.gender === 'male' ? '男' : '女') : '', birth.slice(0, 7), age, maskIdNumber(deps.pii.decrypt(r.idNumberEnc)), communities.get(r.communityCode) ?? r.communityCode, r.number, beijingDate(r.finishedAt ?? r.updatedAt), ''];
    }),
  };
}

async function applicationsHandled(deps: ServiceDeps, p: Period): Promise<Sheet> {
  const rows = await deps.db
    .select()
    .from(serviceApplications)
    .where(and(underPaths(serviceApplications.orgPath, [p.orgPath]), gte(serviceApplications.submittedAt, p.from), lt(serviceApplications.submittedAt, p.to)))
    .orderBy(asc(serviceApplications.submittedAt))
    .limit(20_000);
  const items = await presentListItems(deps, rows);
  return {
    title: '便民服务事项办理台账',
    headers: ['序号', '办件编号', '事项名称', '申请人', '身份证号', '联系电话', '受理渠道', '受理单位', '申请日期', '承诺办结日期', '办理状态', '是否超期'],
    rows: items.map((a, i) => [i + 1, a.number, a.itemName, a.applicant.name, a.applicant.idNumber, a.applicant.phone, channelLabels[a.channel], a.unitName, beijingDate(a.submittedAt), beijingDate(a.dueAt), statusLabels[a.status], a.deadline === 'overdue' ? '是' : '否']),
  };
}

async function casesByCategory(deps: ServiceDeps, p: Period): Promise<Sheet> {
  const cases = await caseFacts(deps.db, { orgPaths: [p.orgPath], from: p.from, to: p.to });
  const byCategory = new Map<string, { name: string; total: number; closed: number }>();
  for (const c of cases) {
    const row = byCategory.get(c.categoryCode) ?? { name: c.categoryName, total: 0, closed: 0 };
    row.total += 1;
    if (c.state === 'closed' || c.state === 'rated') row.closed += 1;
    byCategory.set(c.categoryCode, row);
  }
  const rows = [...byCategory.entries()].sort((a, b) => b[1].total - a[1].total);
  const rate = (closed: number, total: number) => (total ? `${((closed / total) * 100).toFixed(1)}%` : '');
  const total = rows.reduce((a, [, r]) => a + r.total, 0);
  const closed = rows.reduce((a, [, r]) => a + r.closed, 0);
  return {
    title: '事件分类统计台账',
    headers: ['序号', '类别编码', '事件类别', '受理数', '已办结', '办理中', '办结率'],
    rows: [...rows.map(([code, r], i) => [i + 1, code, r.name, r.total, r.closed, r.total - r.closed, rate(r.closed, r.total)]), ['', '', '合计', total, closed, total - closed, rate(closed, total)]],
  };
}

const makers: Record<GeneratedLedger, (deps: ServiceDeps, p: Period) => Promise<Sheet>> = {
  key_group_visits: keyGroupVisits,
  elderly_allowance: elderlyAllowance,
  applications_handled: applicationsHandled,
  cases_by_category: casesByCategory,
};

/** A ledger of an org unit for a month, as a workbook with a title row, the usual headers and the rows; audited. */
export async function generateLedger(deps: ServiceDeps, actor: Actor, ledger: GeneratedLedger, q: LedgerQuery): Promise<{ fileName: string; body: Buffer }> {
  const code = q.under ?? scopePaths(actor, 'services.ledgers')[0]?.split('.').at(-1);
  const place = code ? await placeOf(deps.db, code) : undefined;
  if (!place) throw new AppError('NOT_FOUND', { what: code ?? '' });
  assertInScope(actor, 'services.ledgers', place.orgPath);
  const period: Period = { month: q.month, from: beijingInstant(`${q.month}-01`, '00:00'), to: beijingInstant(`${nextMonth(q.month)}-01`, '00:00'), orgPath: place.orgPath, name: place.name };
  const sheet = await makers[ledger](deps, period);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.title, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([`${place.name}${sheet.title}（${q.month.replace('-', '年')}月）`]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, sheet.headers.length);
  ws.addRow(sheet.headers).font = { bold: true };
  ws.columns = sheet.headers.map((h) => ({ width: Math.max(10, h.length * 2 + 6) }));
  for (const row of sheet.rows) ws.addRow(row);
  ws.addRow([]);
  ws.addRow([`由共治平台根据业务数据生成，生成时间 ${beijingMinute(new Date())}`]);
  await recordAudit(deps.db, actor, { action: 'services.ledger.generate', targetType: 'ledger', targetId: ledger, orgPath: place.orgPath, details: { month: q.month, rows: sheet.rows.length } });
  return { fileName: `${place.name}-${sheet.title}-${q.month}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}
