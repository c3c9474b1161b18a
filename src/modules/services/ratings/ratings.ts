// 好差评: the applicant rates a delivered application (by number and phone, no account), a
// reporter rates their closed case; a bad rating opens a rectification record due in 15
// working days. Staff list ratings in scope; anyone reads the statistics.
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { inScope, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { caseFacts } from '../../cases/index.ts';
import { orgUnitNames } from '../../org/index.ts';
import {
  rectificationWorkingDays,
  type RateApplicationBody,
  type RateCaseBody,
  type RatingFilterQuery,
  type RatingListQuery,
  type RatingReceipt,
  type RatingStats,
  type RatingStatsQuery,
  type RatingView,
} from '../contract/ratings.ts';
import { applicationEvents, serviceApplications, serviceItemVersions } from '../schema.ts';
import { ratingRectifications, serviceRatings } from '../schema/ratings.ts';
import { fieldError, pathUnder, workingCalendar } from './common.ts';
import { dimensionProblems, isBadRating, satisfactionRate } from './rules.ts';

type RatingRow = typeof serviceRatings.$inferSelect;

/** Ratings as shown, with their centres' names and rectification ids. */
export async function presentRatings(db: Db, rows: RatingRow[]): Promise<RatingView[]> {
  if (rows.length === 0) return [];
  const [names, records] = await Promise.all([
    orgUnitNames(db, rows.map((r) => r.centreCode)),
    db.select({ id: ratingRectifications.id, ratingId: ratingRectifications.ratingId }).from(ratingRectifications).where(inArray(ratingRectifications.ratingId, rows.map((r) => r.id))),
  ]);
  return rows.map((r) => ({
    id: r.id, subjectKind: r.subjectKind, subjectNumber: r.subjectNumber, itemCode: r.itemCode, itemName: r.itemName,
    centreCode: r.centreCode, centreName: names.get(r.centreCode) ?? r.centreCode, channel: r.channel, level: r.level,
    dimensions: r.dimensions, comment: r.comment, voided: r.voided, createdAt: r.createdAt,
    rectificationId: records.find((x) => x.ratingId === r.id)?.id ?? null,
  }));
}

type NewRating = Omit<typeof serviceRatings.$inferInsert, 'id' | 'createdAt' | 'voided'>;

/** Stores a rating and, for a bad one, its rectification record; in the caller's transaction. */
async function storeRating(db: Db, actor: Actor | null, rating: NewRating): Promise<RatingReceipt> {
  const problems = dimensionProblems(rating.channel, rating.dimensions);
  if (problems.length > 0) throw fieldError('body.dimensions', problems.join('; '));
  const [row] = await db.insert(serviceRatings).values(rating).returning();
  const stored = row as RatingRow;
  let deadline: Date | null = null;
  if (isBadRating(stored.level)) {
    deadline = (await workingCalendar(db)).addWorkingDays(stored.createdAt, rectificationWorkingDays);
    await db.insert(ratingRectifications).values({ ratingId: stored.id, orgPath: stored.orgPath, status: 'awaiting_callback', deadline });
  }
  await recordAudit(db, actor, {
    action: 'services.rating.create', targetType: `${stored.subjectKind}_rating`, targetId: stored.subjectNumber, orgPath: stored.orgPath,
    details: { level: stored.level, channel: stored.channel, rectification: deadline !== null },
  });
  const [view] = await presentRatings(db, [stored]);
  return { rating: view as RatingView, rectificationDeadline: deadline };
}

/** The applicant rates their delivered application, proving it is theirs by the phone on it. */
export async function rateApplication(deps: { db: Db; pii: PiiCipher }, number: string, body: RateApplicationBody): Promise<RatingReceipt> {
  return deps.db.transaction(async (tx) => {
    const [app] = await tx.select().from(serviceApplications).where(eq(serviceApplications.number, number)).for('update');
    // The same answer for an unknown number and a wrong phone, as when following an application.
    if (!app || app.phoneHash !== deps.pii.lookupHash(body.phone)) throw new AppError('APPLICATION_TRACKING_FAILED', {});
    if (app.status === 'rated') throw new AppError('RATING_NOT_ALLOWED', { subject: '办件', reason: '已评价过 / already rated' });
    if (app.status !== 'delivered') throw new AppError('RATING_NOT_ALLOWED', { subject: '办件', reason: '办结送达后才能评价 / only after delivery' });
    const [item] = await tx.select({ name: serviceItemVersions.name }).from(serviceItemVersions).where(and(eq(serviceItemVersions.code, app.itemCode), eq(serviceItemVersions.version, app.itemVersion)));
    const receipt = await storeRating(tx, null, {
      subjectKind: 'application', subjectId: app.id, subjectNumber: app.number, itemCode: app.itemCode, itemName: item?.name ?? app.itemCode,
      centreCode: app.unitCode, orgPath: app.orgPath, channel: body.channel, level: body.level, dimensions: body.dimensions, comment: body.comment,
      raterUserId: null,
    });
    const now = new Date();
    await tx.update(serviceApplications).set({ status: 'rated', version: app.version + 1, updatedAt: now }).where(eq(serviceApplications.id, app.id));
    await tx.insert(applicationEvents).values({ applicationId: app.id, action: 'rate', status: 'rated', actorName: app.applicantName, note: `评价：${body.level} 星`, at: now });
    return receipt;
  });
}

/** The reporter rates their own closed case. */
export async function rateCase(db: Db, actor: Actor, caseId: string, body: RateCaseBody): Promise<RatingReceipt> {
  const [fact] = await caseFacts(db, { ids: [caseId] });
  // Another person's case is not found, so ids cannot be probed.
  if (!fact || !actor.id || fact.reporterUserId !== actor.id) throw new AppError('NOT_FOUND', { what: `事件 ${caseId}` });
  if (fact.state !== 'closed' && fact.state !== 'rated') throw new AppError('RATING_NOT_ALLOWED', { subject: '事件', reason: '结案后才能评价 / only after it is closed' });
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: serviceRatings.id }).from(serviceRatings).where(and(eq(serviceRatings.subjectKind, 'case'), eq(serviceRatings.subjectId, caseId)));
    if (existing) throw new AppError('RATING_NOT_ALLOWED', { subject: '事件', reason: '已评价过 / already rated' });
    return storeRating(tx, actor, {
      subjectKind: 'case', subjectId: fact.id, subjectNumber: fact.number, itemCode: fact.categoryCode, itemName: fact.categoryName,
      centreCode: fact.communityCode ?? fact.streetCode ?? (fact.orgPath.split('.').at(-1) as string), orgPath: fact.orgPath,
      channel: body.channel, level: body.level, dimensions: body.dimensions, comment: body.comment, raterUserId: actor.id,
    });
  });
}

/** The start of a Beijing day (YYYY-MM-DD) as an instant. */
const beijingDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const dayAfter = (day: string) => new Date(beijingDayStart(day).getTime() + 86_400_000);

/** The ratings the asker may read that match the filters (list and export). */
export async function ratingCondition(db: Db, actor: Actor, q: RatingFilterQuery): Promise<SQL | undefined> {
  const conditions: (SQL | undefined)[] = [inScope(actor, 'services.read', serviceRatings.orgPath)];
  if (q.under) conditions.push(underPaths(serviceRatings.orgPath, [await pathUnder(db, q.under)]));
  if (q.centre) conditions.push(eq(serviceRatings.centreCode, q.centre));
  if (q.item) conditions.push(eq(serviceRatings.itemCode, q.item));
  if (q.level) conditions.push(eq(serviceRatings.level, q.level));
  if (q.bad !== undefined) conditions.push(q.bad ? lt(serviceRatings.level, 3) : gte(serviceRatings.level, 3));
  if (q.from) conditions.push(gte(serviceRatings.createdAt, beijingDayStart(q.from)));
  if (q.to) conditions.push(lt(serviceRatings.createdAt, dayAfter(q.to)));
  return and(...conditions);
}

/** Ratings in the asker's scope, newest first. */
export async function listRatings(db: Db, actor: Actor, q: RatingListQuery) {
  const where = await ratingCondition(db, actor, q);
  return listPage(
    q,
    db.select().from(serviceRatings).where(where).orderBy(desc(serviceRatings.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(serviceRatings).where(where),
    (rows) => presentRatings(db, rows),
  );
}

interface StatsRow {
  code: string;
  name: string | null;
  level: number;
  n: number;
  called_back: number;
  rectified: number;
}

/** Statistics per centre or item of the valid ratings under a node (the whole tree when none), public. */
export async function ratingStatistics(db: Db, q: RatingStatsQuery): Promise<RatingStats> {
  const conditions: SQL[] = [eq(serviceRatings.voided, false)];
  if (q.under) conditions.push(underPaths(serviceRatings.orgPath, [await pathUnder(db, q.under)]));
  if (q.from) conditions.push(gte(serviceRatings.createdAt, q.from));
  if (q.to) conditions.push(lt(serviceRatings.createdAt, q.to));
  const key = q.by === 'item' ? sql`coalesce(${serviceRatings.itemCode}, '')` : sql`${serviceRatings.centreCode}`;
  const rows = (await db
    .select({
      code: sql<string>`${key}`,
      name: sql<string | null>`max(${serviceRatings.itemName})`,
      level: serviceRatings.level,
      n: sql<number>`count(*)::int`,
      called_back: sql<number>`count(${ratingRectifications.callbackAt})::int`,
      rectified: sql<number>`count(*) filter (where ${ratingRectifications.status} = 'rectified')::int`,
    })
    .from(serviceRatings)
    .leftJoin(ratingRectifications, eq(ratingRectifications.ratingId, serviceRatings.id))
    .where(and(...conditions))
    .groupBy(key, serviceRatings.level)) as StatsRow[];
  const names = q.by === 'centre' ? await orgUnitNames(db, rows.map((r) => r.code)) : new Map<string, string>();
  const byCode = new Map<string, StatsRow[]>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  const summarise = (group: StatsRow[]) => {
    const byLevel: Record<string, number> = {};
    for (const r of group) byLevel[String(r.level)] = (byLevel[String(r.level)] ?? 0) + r.n;
    return {
      total: group.reduce((a, r) => a + r.n, 0),
      byLevel,
      bad: group.filter((r) => isBadRating(r.level)).reduce((a, r) => a + r.n, 0),
      satisfaction: satisfactionRate(byLevel),
      calledBack: group.reduce((a, r) => a + r.called_back, 0),
      rectified: group.reduce((a, r) => a + r.rectified, 0),
    };
  };
  const out = [...byCode.entries()].map(([code, group]) => ({ code, name: q.by === 'centre' ? (names.get(code) ?? code) : (group[0]?.name ?? code), ...summarise(group) }));
  out.sort((a, b) => (b.satisfaction ?? -1) - (a.satisfaction ?? -1) || b.total - a.total);
  return { rows: out, total: summarise(rows) };
}
