// Each worker's record for a period: patrols (count, distance, coverage), cases reported and
// how many were valid (not rejected), visit items closed on time, duty items overdue and
// attendance days — ranked within a community or street, and exported as .xlsx.
import ExcelJS from 'exceljs';
import { and, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertInScope, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import { casesReportedBy } from '../../cases/index.ts';
import { gridsUnder, orgUnitNames, type GridRef } from '../../org/index.ts';
import type { RecordQuery, WorkerRecord } from '../contract.ts';
import { attendance, patrols } from '../schema.ts';
import { scoreRecord } from '../rules.ts';
import { addDays, chinaDayStart, pathUnder } from './common.ts';
import { dutyItemsOfWorkers } from './duty-items.ts';
import { workersUnder } from './workers.ts';

/** The records of every grid worker under an org path for [from, to] (China days), ranked. No scope check: callers check it. */
export async function workerRecords(db: Db, orgPath: string, from: string, to: string): Promise<WorkerRecord[]> {
  if (to < from) throw new AppError('VALIDATION_FAILED', { summary: 'to', fields: [{ field: 'query.to', message: '结束日期不能早于开始日期 / to must not be before from' }] });
  if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000) throw new AppError('VALIDATION_FAILED', { summary: 'to', fields: [{ field: 'query.to', message: '期间最长一年 / at most a year' }] });
  const placements = await workersUnder(db, orgPath);
  const byWorker = new Map<string, { name: string; grids: string[] }>();
  for (const p of placements) {
    const w = byWorker.get(p.id) ?? { name: p.name, grids: [] };
    w.grids.push(p.gridCode);
    byWorker.set(p.id, w);
  }
  const ids = [...byWorker.keys()];
  if (ids.length === 0) return [];
  const start = chinaDayStart(from);
  const end = chinaDayStart(addDays(to, 1));
  const [patrolRows, cases, days] = await Promise.all([
    db.select({ workerId: patrols.workerId, distance: patrols.distanceMeters, coverage: patrols.coverage }).from(patrols).where(and(inArray(patrols.workerId, ids), gte(patrols.startedAt, start), lt(patrols.startedAt, end))),
    casesReportedBy(db, ids, start, end),
    db.select({ workerId: attendance.workerId }).from(attendance).where(and(inArray(attendance.workerId, ids), gte(attendance.day, from), lt(attendance.day, addDays(to, 1)), isNotNull(attendance.checkInAt))),
  ]);
  const gridRefs = new Map((await gridsUnder(db, [orgPath])).map((g) => [g.code, g]));
  const names = await orgUnitNames(db, [...new Set([...gridRefs.values()].flatMap((g) => [g.code, g.communityCode]))]);
  const rows: WorkerRecord[] = [];
  const workers = [...byWorker].map(([id, w]) => ({ id, name: w.name, grids: w.grids.map((c) => gridRefs.get(c)).filter((g): g is GridRef => g !== undefined) }));
  // Duty items week by week over the period; an item overdue in several weeks counts once.
  const onTime = new Map(workers.map((w) => [w.id, new Set<string>()]));
  const overdue = new Map(workers.map((w) => [w.id, new Set<string>()]));
  for (let week = from; week <= to; week = addDays(week, 7)) {
    for (const [id, list] of await dutyItemsOfWorkers(db, workers, week)) {
      for (const item of list.items) {
        if (item.kind === 'visit' && item.closedAt && !item.isOverdue && item.closedAt >= start && item.closedAt < end) onTime.get(id)?.add(item.key + item.closedBy);
        if (item.isOverdue) overdue.get(id)?.add(item.key);
      }
    }
  }
  for (const { id, name, grids } of workers) {
    const mine = patrolRows.filter((p) => p.workerId === id);
    const reported = cases.filter((c) => c.reporterUserId === id);
    const figures = {
      patrols: mine.length,
      distanceMeters: Math.round(mine.reduce((s, p) => s + p.distance, 0)),
      coverage: mine.length === 0 ? 0 : Math.round((mine.reduce((s, p) => s + p.coverage, 0) / mine.length) * 1000) / 1000,
      casesValid: reported.filter((c) => c.state !== 'rejected').length,
      visitsOnTime: onTime.get(id)?.size ?? 0,
      dutyOverdue: overdue.get(id)?.size ?? 0,
      attendanceDays: days.filter((d) => d.workerId === id).length,
    };
    const grid = grids[0];
    rows.push({
      rank: 0, workerId: id, workerName: name, gridCode: grid?.code ?? '', gridName: grid ? (names.get(grid.code) ?? grid.code) : '',
      communityName: grid ? (names.get(grid.communityCode) ?? '') : '', casesReported: reported.length, ...figures, score: scoreRecord(figures),
    });
  }
  rows.sort((a, b) => b.score - a.score || a.workerName.localeCompare(b.workerName, 'zh-CN'));
  rows.forEach((r, i) => {
    r.rank = i > 0 && (rows[i - 1] as WorkerRecord).score === r.score ? (rows[i - 1] as WorkerRecord).rank : i + 1;
  });
  return rows;
}

async function recordsFor(db: Db, actor: Actor, q: Pick<RecordQuery, 'under' | 'from' | 'to'>): Promise<WorkerRecord[]> {
  const path = (await pathUnder(db, q.under)) ?? scopePaths(actor, 'gridwork.read')[0];
  if (path === undefined) throw new AppError('FORBIDDEN', { permission: 'gridwork.read' });
  assertInScope(actor, 'gridwork.read', path);
  return workerRecords(db, path, q.from, q.to);
}

/** A page of the ranked records in the actor's area. */
export async function listWorkerRecords(db: Db, actor: Actor, q: RecordQuery) {
  const all = await recordsFor(db, actor, q);
  const start = (q.page - 1) * q.pageSize;
  return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize };
}

const columns: { header: string; width: number; value: (r: WorkerRecord) => string | number }[] = [
  { header: '排名', width: 6, value: (r) => r.rank },
  { header: '网格员', width: 12, value: (r) => r.workerName },
  { header: '社区', width: 16, value: (r) => r.communityName },
  { header: '网格', width: 16, value: (r) => r.gridName },
  { header: '巡查次数', width: 10, value: (r) => r.patrols },
  { header: '巡查里程(公里)', width: 14, value: (r) => Math.round(r.distanceMeters / 100) / 10 },
  { header: '平均覆盖率', width: 12, value: (r) => `${Math.round(r.coverage * 100)}%` },
  { header: '上报事件', width: 10, value: (r) => r.casesReported },
  { header: '有效事件', width: 10, value: (r) => r.casesValid },
  { header: '按时走访', width: 10, value: (r) => r.visitsOnTime },
  { header: '逾期事项', width: 10, value: (r) => r.dutyOverdue },
  { header: '出勤天数', width: 10, value: (r) => r.attendanceDays },
  { header: '得分', width: 8, value: (r) => r.score },
];

/** The ranked records as one sheet. */
export async function workerRecordsWorkbook(db: Db, actor: Actor, q: Pick<RecordQuery, 'under' | 'from' | 'to'>): Promise<{ fileName: string; bytes: Buffer }> {
  const rows = await recordsFor(db, actor, q);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('网格员工作记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map((c) => c.value(r)));
  return { fileName: `网格员工作记录-${q.from}-${q.to}.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
