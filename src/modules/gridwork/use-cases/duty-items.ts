// A worker's due items of a week, computed from the district's rules when asked: the
// key-group members to visit (九必访: closed by a visit of that person in the week), the
// occasions to attend (六必到: closed by the worker) and to report (九必报: closed by a case
// of the rule's categories the worker reported after the occasion was announced).
import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { canAccess, type Actor } from '../../../platform/auth/scope.ts';
import { loadGrants } from '../../../platform/auth/sessions.ts';
import { casesReportedBy } from '../../cases/index.ts';
import { keyGroupVisitStatus } from '../../registry/index.ts';
import { findGrid, type GridRef } from '../../org/index.ts';
import type { DutyItem, DutyItemList } from '../contract.ts';
import { occasions } from '../schema.ts';
import { visitDueOn } from '../rules.ts';
import { addDays, chinaDay, chinaDayStart, weekStartOf } from './common.ts';
import { districtOfPath, rulesOf } from './duty-rules.ts';

/** The grids a user serves as a grid worker. */
export async function gridsServedBy(db: Db, userId: string): Promise<GridRef[]> {
  const grants = await loadGrants(db, userId);
  const codes = grants.filter((g) => g.role === 'grid_worker').map((g) => g.orgPath.split('.').at(-1) as string);
  const grids = await Promise.all(codes.map((c) => findGrid(db, c)));
  return grids.filter((g): g is GridRef => g !== undefined);
}

export interface WorkerGrids {
  id: string;
  name: string;
  grids: readonly GridRef[];
}

type OccasionRow = typeof occasions.$inferSelect;

/** Closes report occasions that a case of a worker serving the grid now satisfies (kept, so the closing stays put). */
async function closeReportedOccasions(db: Db, workers: readonly WorkerGrids[], open: OccasionRow[], categoriesOf: Map<string, string[]>, now: Date) {
  const reports = open.filter((o) => o.kind === 'report' && !o.closedAt);
  if (reports.length === 0) return;
  const from = new Date(Math.min(...reports.map((o) => o.createdAt.getTime())));
  const cases = await casesReportedBy(db, workers.map((w) => w.id), from, new Date(now.getTime() + 1));
  for (const o of reports) {
    const categories = categoriesOf.get(o.ruleId) ?? [];
    const servers = new Set(workers.filter((w) => w.grids.some((g) => g.code === o.gridCode)).map((w) => w.id));
    const match = cases.find((c) => servers.has(c.reporterUserId) && c.reportedAt >= o.createdAt && categories.includes(c.categoryCode) && (c.gridCode === null || c.gridCode === o.gridCode));
    if (!match) continue;
    const name = workers.find((w) => w.id === match.reporterUserId)?.name;
    await db.update(occasions).set({ closedAt: match.reportedAt, closedById: match.reporterUserId, closedByName: name || null, closedRef: match.id }).where(and(eq(occasions.id, o.id), isNull(occasions.closedAt)));
    o.closedAt = match.reportedAt;
    o.closedRef = match.id;
  }
}

function listOf(weekStart: string, weekEnd: string, items: DutyItem[]): DutyItemList {
  items.sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || a.dueAt.getTime() - b.dueAt.getTime());
  const open = items.filter((i) => !i.closedAt);
  return { weekStart, weekEnd, items, counts: { due: open.length, overdue: items.filter((i) => i.isOverdue).length, closed: items.length - open.length } };
}

/** The due items of several workers in the week of `day`, each in their grids: a few queries for all of them. */
export async function dutyItemsOfWorkers(db: Db, workers: readonly WorkerGrids[], day: string, now = new Date()): Promise<Map<string, DutyItemList>> {
  const weekStart = weekStartOf(day);
  const weekEnd = addDays(weekStart, 6);
  const today = chinaDay(now);
  const endOfDay = (d: string) => new Date(chinaDayStart(addDays(d, 1)).getTime() - 1);
  const byGrid = new Map<string, DutyItem[]>();
  const push = (item: DutyItem) => byGrid.set(item.gridCode, [...(byGrid.get(item.gridCode) ?? []), item]);
  const allGrids = [...new Map(workers.flatMap((w) => w.grids).map((g) => [g.code, g])).values()];
  const districts = [...new Set(allGrids.map((g) => districtOfPath(g.orgPath)).filter((d): d is string => Boolean(d)))];
  for (const district of districts) {
    const rules = (await rulesOf(db, district)).filter((r) => r.active);
    const grids = allGrids.filter((g) => districtOfPath(g.orgPath) === district);
    // 九必访
    const visitRules = rules.filter((r) => r.kind === 'visit' && r.everyDays);
    const kinds = [...new Set(visitRules.flatMap((r) => r.keyGroupKinds))];
    const members = await keyGroupVisitStatus(db, grids.map((g) => g.orgPath), kinds, weekStart);
    for (const m of members) {
      const rule = visitRules.filter((r) => r.keyGroupKinds.includes(m.kind)).sort((a, b) => (a.everyDays ?? 0) - (b.everyDays ?? 0))[0];
      if (!rule?.everyDays) continue;
      const dueOn = visitDueOn(m.lastVisitBefore, rule.everyDays, weekStart);
      if (dueOn > weekEnd) continue;
      const visit = m.visitsSince.find((v) => v.visitedOn <= weekEnd);
      push({
        key: `visit:${m.membershipId}`, kind: 'visit', ruleId: rule.id, ruleName: rule.name, title: m.residentName, gridCode: m.gridCode,
        residentId: m.residentId, occasionId: null, dueAt: endOfDay(dueOn),
        isOverdue: visit ? visit.visitedOn > dueOn : dueOn < today,
        closedAt: visit ? chinaDayStart(visit.visitedOn) : null, closedBy: visit?.id ?? null,
      });
    }
    // 六必到 and 九必报
    const rows = await db
      .select()
      .from(occasions)
      .where(and(inArray(occasions.gridCode, grids.map((g) => g.code)), lte(occasions.createdAt, endOfDay(weekEnd)), or(isNull(occasions.closedAt), gte(occasions.closedAt, chinaDayStart(weekStart)))));
    const byId = new Map(rules.map((r) => [r.id, r]));
    await closeReportedOccasions(db, workers, rows, new Map(rules.map((r) => [r.id, r.categories])), now);
    for (const o of rows) {
      push({
        key: o.id, kind: o.kind, ruleId: o.ruleId, ruleName: byId.get(o.ruleId)?.name ?? '', title: o.title, gridCode: o.gridCode,
        residentId: null, occasionId: o.id, dueAt: o.dueAt,
        isOverdue: o.closedAt ? o.closedAt > o.dueAt : o.dueAt < now,
        closedAt: o.closedAt, closedBy: o.closedRef,
      });
    }
  }
  return new Map(workers.map((w) => [w.id, listOf(weekStart, weekEnd, w.grids.flatMap((g) => byGrid.get(g.code) ?? []))]));
}

/** The due items of a worker in the week of `day`, in their grids. */
export async function dutyItemsOf(db: Db, worker: { id: string; name: string }, grids: readonly GridRef[], day: string, now = new Date()): Promise<DutyItemList> {
  const lists = await dutyItemsOfWorkers(db, [{ ...worker, grids }], day, now);
  return lists.get(worker.id) as DutyItemList;
}

/** The actor's own due items, or (for staff above their grids) another worker's. */
export async function listDutyItems(db: Db, actor: Actor, q: { workerId?: string | undefined; day?: string | undefined; open?: boolean | undefined }): Promise<DutyItemList> {
  const workerId = q.workerId ?? actor.id;
  if (!workerId) throw new AppError('GRIDWORK_NOT_A_WORKER', {});
  const grids = await gridsServedBy(db, workerId);
  if (workerId !== actor.id) {
    if (grids.length === 0 || !grids.every((g) => canAccess(actor, 'gridwork.read', g.orgPath))) throw new AppError('OUT_OF_SCOPE', { permission: 'gridwork.read' });
  } else if (grids.length === 0) {
    throw new AppError('GRIDWORK_NOT_A_WORKER', {});
  }
  const name = workerId === actor.id ? (actor.displayName ?? actor.name) : '';
  const list = await dutyItemsOf(db, { id: workerId, name }, grids, q.day ?? chinaDay());
  return q.open ? { ...list, items: list.items.filter((i) => !i.closedAt) } : list;
}
