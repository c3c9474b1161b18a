// Service records (志愿服务记录): who, what, where, when, how long, confirmed by whom. A record is
// never changed; a correction is an amendment whose minutes count from then on, with its reason.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, shownName, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf, type ListPage } from '../../../platform/list-page.ts';
import type { AmendBody, ServiceRecordQuery, ServiceRecordView } from '../contract.ts';
import { communityRecordAmendments, communityServiceRecords, communityVolunteers } from '../schema.ts';
import { underPath } from '../places.ts';
import { appendEntry } from '../points/ledger.ts';
import { readSettings } from './settings.ts';

type RecordRow = typeof communityServiceRecords.$inferSelect;

/** The minutes that count for a record: its latest amendment's, else its own. */
const effectiveMinutes = sql<number>`coalesce((select a.minutes from community_record_amendments a where a.record_id = ${communityServiceRecords.id} order by a.amended_at desc, a.id desc limit 1), ${communityServiceRecords.minutes})`;

/** Each volunteer's cumulative minutes after amendments. */
export async function effectiveMinutesByVolunteer(db: Db, volunteerIds: readonly string[]): Promise<Map<string, number>> {
  if (volunteerIds.length === 0) return new Map();
  const rows = await db
    .select({ id: communityServiceRecords.volunteerId, minutes: sql<number>`sum(${effectiveMinutes})::int` })
    .from(communityServiceRecords)
    .where(inArray(communityServiceRecords.volunteerId, [...new Set(volunteerIds)]))
    .groupBy(communityServiceRecords.volunteerId);
  return new Map(rows.map((r) => [r.id, r.minutes]));
}

async function present(db: Db, rows: { r: RecordRow; name: string }[]): Promise<ServiceRecordView[]> {
  if (rows.length === 0) return [];
  const amendments = await db.select().from(communityRecordAmendments).where(inArray(communityRecordAmendments.recordId, rows.map((x) => x.r.id))).orderBy(asc(communityRecordAmendments.amendedAt), asc(communityRecordAmendments.id));
  return rows.map(({ r, name }) => {
    const own = amendments.filter((a) => a.recordId === r.id).map((a) => ({ minutes: a.minutes, reason: a.reason, amendedBy: a.amendedBy, amendedAt: a.amendedAt }));
    return {
      id: r.id, volunteerId: r.volunteerId, volunteerName: name, activityId: r.activityId, what: r.what, place: r.place, startedAt: r.startedAt, endedAt: r.endedAt,
      recordedMinutes: r.minutes, minutes: own.at(-1)?.minutes ?? r.minutes, confirmedBy: r.confirmedBy, amendments: own,
    };
  });
}

const withName = { r: communityServiceRecords, name: communityVolunteers.name };

/** A volunteer's records, newest first (their own page and the staff's view of one volunteer). */
export async function recordsOfVolunteer(db: Db, volunteerId: string, limit = 200): Promise<ServiceRecordView[]> {
  const rows = await db.select(withName).from(communityServiceRecords).innerJoin(communityVolunteers, eq(communityVolunteers.id, communityServiceRecords.volunteerId)).where(eq(communityServiceRecords.volunteerId, volunteerId)).orderBy(desc(communityServiceRecords.startedAt)).limit(limit);
  return present(db, rows);
}

export async function recordConditions(db: Db, actor: Actor, q: Pick<ServiceRecordQuery, 'under' | 'volunteerId'>): Promise<SQL[]> {
  const conditions: SQL[] = [inScope(actor, 'community.read', communityServiceRecords.orgPath)];
  const path = await underPath(db, q.under);
  if (path) conditions.push(underPaths(communityServiceRecords.orgPath, [path]));
  if (q.volunteerId) conditions.push(eq(communityServiceRecords.volunteerId, q.volunteerId));
  return conditions;
}

export async function listRecords(db: Db, actor: Actor, q: ServiceRecordQuery): Promise<ListPage<ServiceRecordView>> {
  const where = and(...(await recordConditions(db, actor, q)));
  return listPage(
    q,
    db.select(withName).from(communityServiceRecords).innerJoin(communityVolunteers, eq(communityVolunteers.id, communityServiceRecords.volunteerId)).where(where).orderBy(desc(communityServiceRecords.startedAt), asc(communityServiceRecords.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityServiceRecords).where(where),
    (rows) => present(db, rows),
  );
}

/** The records under the query's conditions, for the ledger. */
export async function recordsForLedger(db: Db, actor: Actor, q: Pick<ServiceRecordQuery, 'under' | 'volunteerId'>, limit: number): Promise<ServiceRecordView[]> {
  const rows = await db.select(withName).from(communityServiceRecords).innerJoin(communityVolunteers, eq(communityVolunteers.id, communityServiceRecords.volunteerId)).where(and(...(await recordConditions(db, actor, q)))).orderBy(desc(communityServiceRecords.startedAt)).limit(limit);
  return present(db, rows);
}

/** Points an amount of minutes earns. */
export const pointsFor = (minutes: number, pointsPerHour: number) => Math.floor((minutes * pointsPerHour) / 60);

export interface NewRecord {
  volunteerId: string;
  activityId: string | null;
  orgPath: string;
  what: string;
  place: string;
  startedAt: Date;
  endedAt: Date;
  minutes: number;
  confirmedBy: string;
  confirmedById: string | null;
}

/** Keeps a record and deposits its points in the time bank, in the caller's transaction. */
export async function addRecord(tx: Db, actor: Actor, record: NewRecord): Promise<RecordRow> {
  const [row] = await tx.insert(communityServiceRecords).values(record).returning();
  const { pointsPerHour } = await readSettings(tx);
  const points = pointsFor(record.minutes, pointsPerHour);
  if (points > 0) await appendEntry(tx, { volunteerId: record.volunteerId, kind: 'earn', points, memo: `服务 ${record.what}`, serviceRecordId: row!.id, createdBy: record.confirmedBy });
  await recordAudit(tx, actor, { action: 'community.record.create', targetType: 'community_service_record', targetId: row!.id, orgPath: record.orgPath, details: { minutes: record.minutes, activityId: record.activityId } });
  return row!;
}

/** Corrects a record by an amendment; the points follow the difference (refused if they were already spent). */
export async function amendRecord(db: Db, actor: Actor, id: string, body: AmendBody): Promise<ServiceRecordView> {
  const [found] = await db.select(withName).from(communityServiceRecords).innerJoin(communityVolunteers, eq(communityVolunteers.id, communityServiceRecords.volunteerId)).where(eq(communityServiceRecords.id, id));
  if (!found) throw new AppError('NOT_FOUND', { what: `服务记录 ${id}` });
  assertInScope(actor, 'community.write', found.r.orgPath);
  const [current] = await present(db, [found]);
  await db.transaction(async (tx) => {
    await tx.insert(communityRecordAmendments).values({ recordId: id, minutes: body.minutes, reason: body.reason, amendedBy: shownName(actor) });
    const { pointsPerHour } = await readSettings(tx);
    const delta = pointsFor(body.minutes, pointsPerHour) - pointsFor(current!.minutes, pointsPerHour);
    if (delta !== 0) await appendEntry(tx, { volunteerId: found.r.volunteerId, kind: 'correction', points: delta, memo: `服务记录更正：${body.reason}`, createdBy: shownName(actor) });
    await recordAudit(tx, actor, { action: 'community.record.amend', targetType: 'community_service_record', targetId: id, orgPath: found.r.orgPath, details: { from: current!.minutes, to: body.minutes, reason: body.reason } });
  });
  return (await present(db, [found]))[0]!;
}
