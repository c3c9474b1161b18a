// Patrols (网格巡查): a worker starts one in their grid, the phone sends its points in
// batches (poor ones dropped by the filter), and ends it; distance and coverage are kept on
// the patrol. Supervisors list today's patrols of their area (with the last point, live) and
// past ones by day; viewing another worker's track is audited.
import { and, asc, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { inScope, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { casesReportedBy } from '../../cases/index.ts';
import { visitsRecordedBy } from '../../registry/index.ts';
import { findGrid, orgUnitNames } from '../../org/index.ts';
import { gridworkDefaults, type AppendPointsBody, type AppendPointsResult, type EndPatrolBody, type PatrolDetail, type PatrolListQuery, type PatrolView, type StartPatrolBody } from '../contract.ts';
import { patrols, trackPoints } from '../schema.ts';
import { coverageShare, filterFixes, trackLengthMeters } from '../track.ts';
import { addDays, chinaDay, chinaDayStart, gridGeometry, maySee, pathUnder, workerGrid, workerOf } from './common.ts';

type PatrolRow = typeof patrols.$inferSelect;
interface Links {
  cases: PatrolDetail['cases'];
  visits: PatrolDetail['visits'];
}

/** The cases reported and visits recorded by each patrol's worker during it (server time of arrival). */
async function linksOf(db: Db, rows: readonly PatrolRow[], now: Date): Promise<Map<string, Links>> {
  const links = new Map<string, Links>(rows.map((r) => [r.id, { cases: [], visits: [] }]));
  if (rows.length === 0) return links;
  const workers = [...new Set(rows.map((r) => r.workerId))];
  const from = new Date(Math.min(...rows.map((r) => r.startedAt.getTime())));
  const to = new Date(Math.max(...rows.map((r) => (r.endedAt ?? now).getTime())) + 1);
  const [cases, visits] = await Promise.all([
    casesReportedBy(db, workers, from, to),
    visitsRecordedBy(db, workers, chinaDay(from), addDays(chinaDay(to), 1), from, to),
  ]);
  const inWindow = (r: PatrolRow, at: Date, who: string | null) => who === r.workerId && at >= r.startedAt && at <= (r.endedAt ?? now);
  for (const r of rows) {
    const link = links.get(r.id) as Links;
    link.cases = cases.filter((c) => inWindow(r, c.reportedAt, c.reporterUserId)).map((c) => ({ id: c.id, caseNo: c.number, title: c.title, state: c.state, reportedAt: c.reportedAt }));
    link.visits = visits.filter((v) => inWindow(r, v.createdAt, v.visitorId)).map((v) => ({ id: v.id, residentName: v.residentName, visitedOn: v.visitedOn, method: v.method }));
  }
  return links;
}

async function present(db: Db, rows: PatrolRow[], now = new Date()): Promise<(PatrolView & { links: Links })[]> {
  const [names, links] = await Promise.all([orgUnitNames(db, [...new Set(rows.map((r) => r.gridCode))]), linksOf(db, rows, now)]);
  return rows.map((r) => {
    const link = links.get(r.id) as Links;
    return {
      id: r.id,
      workerId: r.workerId,
      workerName: r.workerName,
      gridCode: r.gridCode,
      gridName: names.get(r.gridCode) ?? r.gridCode,
      orgPath: r.orgPath,
      status: r.status,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      distanceMeters: Math.round(r.distanceMeters * 10) / 10,
      durationSeconds: Math.max(0, Math.round(((r.endedAt ?? now).getTime() - r.startedAt.getTime()) / 1000)),
      coverage: Math.round(r.coverage * 1000) / 1000,
      pointCount: r.pointCount,
      lastPoint: r.lastAt && r.lastLng !== null && r.lastLat !== null ? { lng: r.lastLng, lat: r.lastLat, recordedAt: r.lastAt } : null,
      caseCount: link.cases.length,
      visitCount: link.visits.length,
      links: link,
    };
  });
}

async function presentOne(db: Db, row: PatrolRow): Promise<PatrolView> {
  const [view] = await present(db, [row]);
  const { links: _links, ...rest } = view as PatrolView & { links: Links };
  return rest;
}

async function ownPatrol(db: Db, actor: Actor, id: string): Promise<PatrolRow> {
  const [row] = await db.select().from(patrols).where(eq(patrols.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `巡查 ${id}` });
  if (row.workerId !== workerOf(actor).id) throw new AppError('OUT_OF_SCOPE', { permission: 'gridwork.write' });
  return row;
}

/** Starts a patrol in the worker's grid; a worker with one under way gets that one back. */
export async function startPatrol(db: Db, actor: Actor, body: StartPatrolBody): Promise<PatrolView> {
  const worker = workerOf(actor);
  const grid = await workerGrid(db, actor, body.gridCode);
  const now = new Date();
  const startedAt = body.startedAt && body.startedAt < now ? body.startedAt : now;
  const [active] = await db.select().from(patrols).where(and(eq(patrols.workerId, worker.id), eq(patrols.status, 'active')));
  if (active) return presentOne(db, active);
  const [row] = await db.insert(patrols).values({ workerId: worker.id, workerName: worker.name, gridCode: grid.code, orgPath: grid.orgPath, status: 'active', startedAt }).returning();
  return presentOne(db, row as PatrolRow);
}

/** Recomputes distance and coverage from every kept point. */
async function refigure(db: Db, row: PatrolRow): Promise<PatrolRow> {
  const points = await db.select({ lng: trackPoints.lng, lat: trackPoints.lat, recordedAt: trackPoints.recordedAt }).from(trackPoints).where(eq(trackPoints.patrolId, row.id)).orderBy(asc(trackPoints.recordedAt), asc(trackPoints.id));
  const grid = await findGrid(db, row.gridCode);
  const coverage = grid ? coverageShare(await gridGeometry(db, grid), points, gridworkDefaults.coverageBufferMeters) : 0;
  const last = points.at(-1);
  const [updated] = await db
    .update(patrols)
    .set({ distanceMeters: trackLengthMeters(points), coverage, pointCount: points.length, lastLng: last?.lng ?? null, lastLat: last?.lat ?? null, lastAt: last?.recordedAt ?? null })
    .where(eq(patrols.id, row.id))
    .returning();
  return updated as PatrolRow;
}

/** Appends a batch of points to the worker's own patrol; points outside its time window or failing the filter are dropped. */
export async function appendPoints(db: Db, actor: Actor, id: string, body: AppendPointsBody): Promise<AppendPointsResult> {
  const row = await ownPatrol(db, actor, id);
  const previous = row.lastAt && row.lastLng !== null && row.lastLat !== null ? { lng: row.lastLng, lat: row.lastLat, accuracy: null, recordedAt: row.lastAt } : null;
  // A late batch (queued offline) may hold points older than the last one kept: it is filtered on its own.
  const startsAfterLast = previous !== null && body.points.every((p) => p.recordedAt > previous.recordedAt);
  const { kept, dropped } = filterFixes(body.points, { maxAccuracyMeters: gridworkDefaults.maxAccuracyMeters, maxSpeedMetersPerSecond: gridworkDefaults.maxSpeedMetersPerSecond }, { from: row.startedAt, to: row.endedAt }, startsAfterLast ? previous : null);
  if (kept.length > 0) {
    await db.insert(trackPoints).values(kept.map((p) => ({ patrolId: row.id, lng: p.lng, lat: p.lat, accuracy: p.accuracy, recordedAt: p.recordedAt })));
  }
  const updated = kept.length > 0 ? await refigure(db, row) : row;
  return { accepted: kept.length, dropped, patrol: await presentOne(db, updated) };
}

/** Ends the worker's own patrol (at the time the phone says, not before its start nor in the future). */
export async function endPatrol(db: Db, actor: Actor, id: string, body: EndPatrolBody): Promise<PatrolView> {
  const row = await ownPatrol(db, actor, id);
  if (row.status === 'ended') return presentOne(db, row);
  const now = new Date();
  const wanted = body.endedAt ?? now;
  const endedAt = wanted > now ? now : wanted < row.startedAt ? row.startedAt : wanted;
  const [ended] = await db.update(patrols).set({ status: 'ended', endedAt }).where(eq(patrols.id, id)).returning();
  return presentOne(db, await refigure(db, ended as PatrolRow));
}

/** The worker's patrol under way, if any. */
export async function currentPatrol(db: Db, actor: Actor): Promise<{ patrol: PatrolView | null }> {
  const worker = workerOf(actor);
  const [active] = await db.select().from(patrols).where(and(eq(patrols.workerId, worker.id), eq(patrols.status, 'active')));
  return { patrol: active ? await presentOne(db, active) : null };
}

/** Patrols of a day (default today, with those still under way) in the actor's area, or the worker's own. */
export async function listPatrols(db: Db, actor: Actor, q: PatrolListQuery) {
  const day = q.day ?? chinaDay();
  const from = chinaDayStart(day);
  const to = chinaDayStart(addDays(day, 1));
  const path = await pathUnder(db, q.under);
  const visible = actor.id ? or(inScope(actor, 'gridwork.read', patrols.orgPath), eq(patrols.workerId, actor.id)) : inScope(actor, 'gridwork.read', patrols.orgPath);
  const onDay = and(gte(patrols.startedAt, from), lt(patrols.startedAt, to)) as SQL;
  const conditions: (SQL | undefined)[] = [visible, day === chinaDay() ? or(onDay, eq(patrols.status, 'active')) : onDay];
  if (path) conditions.push(underPaths(patrols.orgPath, [path]));
  if (q.status) conditions.push(eq(patrols.status, q.status));
  if (q.workerId) conditions.push(eq(patrols.workerId, q.workerId));
  const where = and(...conditions);
  return listPage(
    q,
    db.select().from(patrols).where(where).orderBy(desc(patrols.startedAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(patrols).where(where),
    async (rows) => (await present(db, rows)).map(({ links: _links, ...rest }) => rest),
  );
}

/** One patrol with its track; a supervisor's view of another worker's track is audited. */
export async function getPatrol(db: Db, actor: Actor, id: string): Promise<PatrolDetail> {
  const [row] = await db.select().from(patrols).where(eq(patrols.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `巡查 ${id}` });
  if (!maySee(actor, row.workerId, row.orgPath)) throw new AppError('OUT_OF_SCOPE', { permission: 'gridwork.read' });
  const track = await db.select({ lng: trackPoints.lng, lat: trackPoints.lat, accuracy: trackPoints.accuracy, recordedAt: trackPoints.recordedAt }).from(trackPoints).where(eq(trackPoints.patrolId, id)).orderBy(asc(trackPoints.recordedAt), asc(trackPoints.id));
  if (actor.id !== row.workerId) {
    await recordAudit(db, actor, { action: 'gridwork.track.view', targetType: 'patrol', targetId: id, orgPath: row.orgPath, details: { workerId: row.workerId, workerName: row.workerName, points: track.length } });
  }
  const [view] = await present(db, [row]);
  const { links, ...rest } = view as PatrolView & { links: Links };
  return { ...rest, track, cases: links.cases, visits: links.visits };
}

