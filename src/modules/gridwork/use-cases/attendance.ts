// Attendance (考勤): check-in and check-out inside the worker's grid (with a tolerance in
// metres; outside, refused with the distance), leave and duty-swap requests approved by
// community staff, and the monthly sheet of a community as .xlsx.
import ExcelJS from 'exceljs';
import { and, desc, eq, gte, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { findOrgUnit, gridsOfCommunity } from '../../org/index.ts';
import type { AttendanceDayView, AttendanceMark, CheckBody, CreateLeaveBody, LeaveView } from '../contract.ts';
import { attendance, leaves } from '../schema.ts';
import { distanceOutsideMeters } from '../track.ts';
import { addDays, chinaDay, communityPathOf, gridGeometry, loadSettings, pathUnder, workerGrid, workerOf } from './common.ts';
import { gridsServedBy } from './duty-items.ts';
import { userName, workersUnder } from './workers.ts';

type DayRow = typeof attendance.$inferSelect;

function presentDay(r: DayRow): AttendanceDayView {
  return { id: r.id, workerId: r.workerId, workerName: r.workerName, gridCode: r.gridCode, day: r.day, checkInAt: r.checkInAt, checkOutAt: r.checkOutAt, checkInDistanceMeters: r.checkInDistance === null ? null : Math.round(r.checkInDistance) };
}

async function checkPlace(db: Db, actor: Actor, body: CheckBody) {
  const worker = workerOf(actor);
  const grid = await workerGrid(db, actor, body.gridCode);
  const now = new Date();
  const at = body.at && body.at < now ? body.at : now;
  const distance = distanceOutsideMeters(await gridGeometry(db, grid), body.lng, body.lat);
  const { checkInToleranceMeters } = await loadSettings(db);
  if (distance > checkInToleranceMeters) throw new AppError('GRIDWORK_OUTSIDE_GRID', { distance: Math.round(distance), tolerance: checkInToleranceMeters });
  return { worker, grid, at, distance, day: chinaDay(at) };
}

/** Checks in (the first check-in of the day stands). */
export async function checkIn(db: Db, actor: Actor, body: CheckBody): Promise<AttendanceDayView> {
  const { worker, grid, at, distance, day } = await checkPlace(db, actor, body);
  await db.insert(attendance).values({ workerId: worker.id, workerName: worker.name, gridCode: grid.code, orgPath: grid.orgPath, day, checkInAt: at, checkInDistance: distance }).onConflictDoNothing();
  const [row] = await db.select().from(attendance).where(and(eq(attendance.workerId, worker.id), eq(attendance.day, day)));
  if (row && row.checkInAt === null) {
    const [updated] = await db.update(attendance).set({ checkInAt: at, checkInDistance: distance }).where(eq(attendance.id, row.id)).returning();
    return presentDay(updated as DayRow);
  }
  return presentDay(row as DayRow);
}

/** Checks out (the last check-out of the day stands); refused before a check-in. */
export async function checkOut(db: Db, actor: Actor, body: CheckBody): Promise<AttendanceDayView> {
  const { worker, at, distance, day } = await checkPlace(db, actor, body);
  const [row] = await db.select().from(attendance).where(and(eq(attendance.workerId, worker.id), eq(attendance.day, day)));
  if (!row?.checkInAt) throw new AppError('GRIDWORK_NOT_CHECKED_IN', {});
  if (row.checkOutAt && row.checkOutAt >= at) return presentDay(row);
  const [updated] = await db.update(attendance).set({ checkOutAt: at, checkOutDistance: distance }).where(eq(attendance.id, row.id)).returning();
  return presentDay(updated as DayRow);
}

/** The worker's days of a month (default this one) and today. */
export async function myAttendance(db: Db, actor: Actor, month: string | undefined) {
  const worker = workerOf(actor);
  const m = month ?? chinaDay().slice(0, 7);
  const days = daysOf(m);
  const rows = await db.select().from(attendance).where(and(eq(attendance.workerId, worker.id), gte(attendance.day, days[0] as string), lte(attendance.day, days.at(-1) as string))).orderBy(attendance.day);
  const [today] = await db.select().from(attendance).where(and(eq(attendance.workerId, worker.id), eq(attendance.day, chinaDay())));
  return { month: m, today: today ? presentDay(today) : null, days: rows.map(presentDay) };
}

// ------------------------------------------------------------------ leave and duty swaps

type LeaveRow = typeof leaves.$inferSelect;

function presentLeave(r: LeaveRow): LeaveView {
  return {
    id: r.id, kind: r.kind, workerId: r.workerId, workerName: r.workerName, gridCode: r.gridCode, orgPath: r.orgPath, from: r.fromDay, to: r.toDay, reason: r.reason,
    swapWithId: r.swapWithId, swapWithName: r.swapWithName, status: r.status, decidedByName: r.decidedByName, decidedAt: r.decidedAt, decisionNote: r.decisionNote,
    createdAt: r.createdAt, version: r.version,
  };
}

/** A worker asks for leave, or to swap duty with a worker of the same community. */
export async function createLeave(db: Db, actor: Actor, body: CreateLeaveBody): Promise<LeaveView> {
  const worker = workerOf(actor);
  const grid = await workerGrid(db, actor, undefined);
  let swapWithName: string | null = null;
  if (body.kind === 'swap' && body.swapWithId) {
    const theirs = await gridsServedBy(db, body.swapWithId);
    if (body.swapWithId === worker.id || !theirs.some((g) => g.communityCode === grid.communityCode)) {
      throw new AppError('VALIDATION_FAILED', { summary: 'body.swapWithId', fields: [{ field: 'body.swapWithId', message: '须为本社区的其他网格员 / must be another worker of the community' }] });
    }
    swapWithName = (await userName(db, body.swapWithId)) ?? null;
  }
  const [row] = await db
    .insert(leaves)
    .values({ kind: body.kind, workerId: worker.id, workerName: worker.name, gridCode: grid.code, orgPath: grid.orgPath, fromDay: body.from, toDay: body.to, reason: body.reason, swapWithId: body.swapWithId ?? null, swapWithName, status: 'pending' })
    .returning();
  return presentLeave(row as LeaveRow);
}

/** Requests in the actor's area (community staff and above), or the worker's own. */
export async function listLeaves(db: Db, actor: Actor, q: { under?: string | undefined; status?: LeaveView['status'] | undefined; mine?: boolean | undefined; page: number; pageSize: number }) {
  const path = await pathUnder(db, q.under);
  const own = actor.id ? eq(leaves.workerId, actor.id) : undefined;
  const conditions: (SQL | undefined)[] = [q.mine ? (own ?? eq(leaves.workerId, '00000000-0000-0000-0000-000000000000')) : or(inScope(actor, 'gridwork.read', leaves.orgPath), own)];
  if (path) conditions.push(underPaths(leaves.orgPath, [path]));
  if (q.status) conditions.push(eq(leaves.status, q.status));
  const where = and(...conditions);
  return listPage(q, db.select().from(leaves).where(where).orderBy(desc(leaves.createdAt)).limit(q.pageSize).offset(offsetOf(q)), db.select(countAll).from(leaves).where(where), (rows) => rows.map(presentLeave));
}

/** Community staff (or above) approve or reject a pending request; a worker cannot decide their own. */
export async function decideLeave(db: Db, actor: Actor, id: string, body: { approve: boolean; note?: string | undefined; version: number }): Promise<LeaveView> {
  const [row] = await db.select().from(leaves).where(eq(leaves.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: id });
  assertInScope(actor, 'gridwork.write', communityPathOf(row.orgPath));
  if (row.status !== 'pending') throw new AppError('GRIDWORK_ALREADY_DECIDED', {});
  const [updated] = await db
    .update(leaves)
    .set({ status: body.approve ? 'approved' : 'rejected', decidedByName: actor.displayName ?? actor.name, decidedAt: new Date(), decisionNote: body.note ?? null, version: row.version + 1 })
    .where(and(eq(leaves.id, id), eq(leaves.version, body.version)))
    .returning();
  if (!updated) throw new AppError('VERSION_CONFLICT', { currentVersion: row.version });
  await recordAudit(db, actor, { action: body.approve ? 'gridwork.leave.approve' : 'gridwork.leave.reject', targetType: 'leave', targetId: id, orgPath: row.orgPath, details: { workerId: row.workerId, kind: row.kind, from: row.fromDay, to: row.toDay } });
  return presentLeave(updated);
}

// ------------------------------------------------------------------ the monthly sheet

const markLabels: Record<AttendanceMark, string> = { present: '√', incomplete: '半', leave: '假', absent: '×', rest: '休' };

/** How a worker's day reads on the sheet: attendance first, then approved leave, weekends as rest. */
export function markOf(day: string, row: { checkInAt: Date | null; checkOutAt: Date | null } | undefined, onLeave: boolean, today: string): AttendanceMark | null {
  if (day > today) return null;
  if (row?.checkInAt && row.checkOutAt) return 'present';
  if (row?.checkInAt) return 'incomplete';
  if (onLeave) return 'leave';
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? 'rest' : 'absent';
}

/** Days of a month, YYYY-MM-DD. */
function daysOf(month: string): string[] {
  const days: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  return days;
}

/** The attendance sheet of a community for a month: one row a worker, one column a day, with totals. */
export async function attendanceSheet(db: Db, actor: Actor, communityCode: string, month: string): Promise<{ fileName: string; bytes: Buffer }> {
  const community = await findOrgUnit(db, communityCode);
  if (!community || community.level !== 'community') throw new AppError('VALIDATION_FAILED', { summary: 'query.community', fields: [{ field: 'query.community', message: `${communityCode} 不是社区 / is not a community` }] });
  assertInScope(actor, 'gridwork.read', community.orgPath);
  const days = daysOf(month);
  const last = days.at(-1) as string;
  const [workers, rows, approved, grids] = await Promise.all([
    workersUnder(db, community.orgPath),
    db.select().from(attendance).where(and(underPaths(attendance.orgPath, [community.orgPath]), gte(attendance.day, days[0] as string), lte(attendance.day, last))),
    db.select().from(leaves).where(and(underPaths(leaves.orgPath, [community.orgPath]), eq(leaves.status, 'approved'), eq(leaves.kind, 'leave'), lte(leaves.fromDay, last), gte(leaves.toDay, days[0] as string))),
    gridsOfCommunity(db, communityCode),
  ]);
  const gridName = new Map(grids.map((g) => [g.code, g.name]));
  const today = chinaDay();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${month} 考勤`, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.columns = [
    { header: '网格员', width: 12 }, { header: '网格', width: 16 },
    ...days.map((d) => ({ header: String(Number(d.slice(8))), width: 4 })),
    { header: '出勤', width: 6 }, { header: '半天/未签退', width: 10 }, { header: '请假', width: 6 }, { header: '缺勤', width: 6 },
  ];
  sheet.getRow(1).font = { bold: true };
  const seen = new Set<string>();
  for (const w of workers) {
    if (seen.has(w.id)) continue;
    seen.add(w.id);
    const marks = days.map((d) => markOf(d, rows.find((r) => r.workerId === w.id && r.day === d), approved.some((l) => l.workerId === w.id && l.fromDay <= d && l.toDay >= d), today));
    const count = (m: AttendanceMark) => marks.filter((x) => x === m).length;
    sheet.addRow([w.name, gridName.get(w.gridCode) ?? w.gridCode, ...marks.map((m) => (m ? markLabels[m] : '')), count('present'), count('incomplete'), count('leave'), count('absent')]);
  }
  sheet.addRow([]);
  sheet.addRow(['说明：√ 出勤　半 仅签到　假 请假　× 缺勤　休 周末']);
  await recordAudit(db, actor, { action: 'gridwork.attendance.export', targetType: 'org_unit', targetId: communityCode, orgPath: community.orgPath, details: { month } });
  return { fileName: `${community.name}-考勤-${month}.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

