// The period's report of an org unit (indicators, rankings, warnings, topics, survey results),
// and the .xlsx files of the recurring list, a scheme's result and the report.
import ExcelJS from 'exceljs';
import type { Db } from '../../../platform/db.ts';
import { assertInScope, type Actor } from '../../../platform/auth/scope.ts';
import { caseIndicators } from '../../cases/index.ts';
import { findOrgUnit } from '../../org/index.ts';
import type { RecurringQuery, ReportQuery, UnitReport } from '../contract.ts';
import { openTopicsUnder, recurringProblems } from './topics.ts';
import { rankingsOf, schemeResult } from './schemes.ts';
import { surveysUnder } from './surveys.ts';
import { chinaToday, existingUnit, invalid } from './common.ts';

/** Early warnings of a unit in a period, provided by the command module when both are installed (see setWarningReader). */
export type WarningReader = (db: Db, orgPath: string, from: Date, to: Date) => Promise<UnitReport['warnings']>;
let warningReader: WarningReader | undefined;

/** Lets the command module give the reports its warnings (it is later in the module list; the assessment does not import it). */
export function setWarningReader(reader: WarningReader): void {
  warningReader = reader;
}

const reportedIndicators = ['reported', 'closed', 'overdueCount', 'onTimeClosureRate', 'responseRate', 'resolutionRate', 'satisfiedRate', 'reworkRate', 'averageHandlingHours'] as const;

export async function unitReport(db: Db, actor: Actor, q: ReportQuery): Promise<UnitReport> {
  if (q.to.getTime() <= q.from.getTime()) throw invalid('query.to', '结束时间须晚于开始时间 / to must be after from');
  const unit = await existingUnit(db, q.unit, 'query.unit');
  assertInScope(actor, 'assessment.read', unit.orgPath);
  // The unit's own case figures: its row among its parent's children (or departments).
  const parentCode = unit.orgPath.split('.').at(-2);
  const parent = parentCode ? await findOrgUnit(db, parentCode) : undefined;
  let metrics: Record<string, number | null> | undefined;
  if (parent) {
    const reader: Actor = { kind: 'system', id: null, name: 'assessment', grants: [{ role: 'leader', orgPath: parent.orgPath }], mustChangePassword: false };
    const view = await caseIndicators(db, reader, { under: parent.code, groupBy: unit.level === 'department' ? 'departments' : 'children', from: q.from, to: q.to });
    metrics = view.units.find((u) => u.code === unit.code) as Record<string, number | null> | undefined;
  }
  const fromDay = chinaToday(q.from);
  const toDay = chinaToday(q.to);
  return {
    orgUnit: { code: unit.code, name: unit.name, level: unit.level },
    from: q.from,
    to: q.to,
    indicators: reportedIndicators.map((key) => ({ key, value: metrics?.[key] ?? null })),
    rankings: await rankingsOf(db, unit.code, fromDay, toDay),
    warnings: warningReader ? await warningReader(db, unit.orgPath, q.from, q.to) : [],
    topics: await openTopicsUnder(db, [unit.orgPath]),
    surveys: await surveysUnder(db, unit.orgPath),
  };
}

function sheetOf(workbook: ExcelJS.Workbook, name: string, header: string[], rows: (string | number | null)[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((h) => ({ header: h, width: Math.max(12, h.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  return sheet;
}

const bytesOf = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

export async function recurringWorkbook(db: Db, actor: Actor, q: RecurringQuery) {
  const list = await recurringProblems(db, actor, q);
  const workbook = new ExcelJS.Workbook();
  sheetOf(workbook, '高频问题', ['街道', '社区', '事件类别', '件数', '出现月数'], list.items.map((i) => [i.streetName, i.communityName, i.categoryName, i.count, i.months]));
  return { fileName: `高频问题-${q.year}.xlsx`, bytes: await bytesOf(workbook) };
}

export async function resultWorkbook(db: Db, actor: Actor, id: string) {
  const result = await schemeResult(db, actor, id);
  const workbook = new ExcelJS.Workbook();
  const header = ['排名', '单位', '总分', ...result.indicators.flatMap((i) => [`${i.name}（原始值）`, `${i.name}（得分，权重${i.weight}）`])];
  const rows = result.rows.map((r) => [r.rank, r.orgUnit.name, r.total, ...result.indicators.flatMap((ind) => {
    const item = r.items.find((it) => it.indicatorId === ind.id);
    return [item?.raw ?? null, item?.normalised ?? null];
  })]);
  sheetOf(workbook, '考核结果', header, rows);
  return { fileName: `${result.scheme.name}-考核结果.xlsx`, bytes: await bytesOf(workbook) };
}

export async function reportWorkbook(db: Db, actor: Actor, q: ReportQuery) {
  const r = await unitReport(db, actor, q);
  const workbook = new ExcelJS.Workbook();
  sheetOf(workbook, '指标', ['指标', '数值'], r.indicators.map((i) => [i.key, i.value]));
  sheetOf(workbook, '排名', ['考核方案', '名次', '参评单位数', '总分'], r.rankings.map((x) => [x.schemeName, x.rank, x.of, x.total]));
  sheetOf(workbook, '预警', ['预警', '时间', '状态'], r.warnings.map((w) => [w.title, w.at.toISOString(), w.status]));
  sheetOf(workbook, '每月一题', ['课题', '类别', '社区', '牵头单位', '任务完成'], r.topics.map((t) => [t.title, t.category.name, t.community.name, t.leadUnit.name, `${t.tasksDone}/${t.tasksTotal}`]));
  sheetOf(workbook, '问卷', ['问卷', '抽样户数', '答卷', '回收率'], r.surveys.map((s) => [s.title, s.invited, s.answered, s.responseRate]));
  return { fileName: `${r.orgUnit.name}-${chinaToday(q.from)}-${chinaToday(q.to)}-报告.xlsx`, bytes: await bytesOf(workbook) };
}
