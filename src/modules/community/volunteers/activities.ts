// Volunteer activities: published by a community or an organisation with places; volunteers sign
// up, then check in and out with the code the organiser shows as a QR code, or the organiser
// confirms them. Check-out keeps the service record, confirmed by the organiser.
import { randomInt } from 'node:crypto';
import { and, asc, count, eq, gte, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import { maskMobile } from '../../registry/index.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, hasPermission, inScope, shownName, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf, type ListPage } from '../../../platform/list-page.ts';
import type { ActivityListQuery, ActivityView, CreateActivityBody, TodayView } from '../contract.ts';
import { communityActivities, communityOrganisations, communitySignups } from '../schema.ts';
import { invalidField, namesOfPaths, placeInScope, underPath } from '../places.ts';
import { organisationsOfStaff } from '../organisations/organisations.ts';
import { creditedMinutes } from './hours.ts';
import { addRecord } from './records.ts';
import { requireVolunteer, volunteerOfActor, volunteersById } from './volunteers.ts';

type Row = typeof communityActivities.$inferSelect;

/** How long an organiser's code lasts before it must be shown anew. */
export const checkCodeMinutes = 15;

async function present(db: Db, rows: Row[], volunteerId: string | null): Promise<ActivityView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const orgIds = rows.flatMap((r) => (r.organisationId ? [r.organisationId] : []));
  const [names, counts, mine, orgs] = await Promise.all([
    namesOfPaths(db, rows.map((r) => r.orgPath)),
    db.select({ id: communitySignups.activityId, n: count() }).from(communitySignups).where(inArray(communitySignups.activityId, ids)).groupBy(communitySignups.activityId),
    volunteerId ? db.select().from(communitySignups).where(and(inArray(communitySignups.activityId, ids), eq(communitySignups.volunteerId, volunteerId))) : Promise.resolve([]),
    orgIds.length ? db.select({ id: communityOrganisations.id, name: communityOrganisations.name }).from(communityOrganisations).where(inArray(communityOrganisations.id, orgIds)) : Promise.resolve([]),
  ]);
  const countBy = new Map(counts.map((c) => [c.id, c.n]));
  const mineBy = new Map(mine.map((m) => [m.activityId, m]));
  const orgBy = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((r) => {
    const own = mineBy.get(r.id);
    const attended = own?.checkedInAt && own.checkedOutAt ? creditedMinutes(r, own.checkedInAt, own.checkedOutAt) : null;
    return {
      id: r.id, title: r.title, description: r.description, place: r.place, startsAt: r.startsAt, endsAt: r.endsAt, places: r.places, signedUp: countBy.get(r.id) ?? 0, status: r.status,
      orgName: names.get(r.orgPath) ?? r.orgPath, organisationName: r.organisationId ? (orgBy.get(r.organisationId) ?? null) : null,
      mine: own ? { signedUpAt: own.signedUpAt, checkedInAt: own.checkedInAt, checkedOutAt: own.checkedOutAt, minutes: attended } : null,
    };
  });
}

/** Who may run an activity: staff of its place, or the staff of the organisation publishing it. */
async function assertOrganiser(db: Db, actor: Actor, row: Row): Promise<void> {
  if (canAccess(actor, 'community.write', row.orgPath)) return;
  if (row.organisationId && hasPermission(actor, 'community.organisation') && (await organisationsOfStaff(db, actor)).some((o) => o.id === row.organisationId)) return;
  assertInScope(actor, 'community.write', row.orgPath);
}

export async function createActivity(db: Db, actor: Actor, body: CreateActivityBody): Promise<ActivityView> {
  let orgPath: string;
  if (hasPermission(actor, 'community.write')) orgPath = (await placeInScope(db, actor, 'community.write', body.orgCode)).orgPath;
  else {
    const own = (await organisationsOfStaff(db, actor)).find((o) => o.id === body.organisationId);
    if (!own) throw new AppError('COMMUNITY_NOT_ORGANISATION_STAFF');
    orgPath = (await placeInScope(db, actor, 'community.organisation', body.orgCode)).orgPath;
  }
  if (body.organisationId) {
    const [org] = await db.select({ id: communityOrganisations.id }).from(communityOrganisations).where(eq(communityOrganisations.id, body.organisationId));
    if (!org) throw invalidField('body.organisationId', '没有这个社会组织 / no such organisation');
  }
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(communityActivities)
      .values({ orgPath, organisationId: body.organisationId ?? null, title: body.title, description: body.description, place: body.place, startsAt: body.startsAt, endsAt: body.endsAt, places: body.places, status: 'open', createdBy: actor.id, createdByName: shownName(actor) })
      .returning();
    await recordAudit(tx, actor, { action: 'community.activity.create', targetType: 'community_activity', targetId: created!.id, orgPath, details: { title: body.title } });
    return created!;
  });
  return (await present(db, [row], null))[0]!;
}

async function loadActivity(db: Db, id: string): Promise<Row> {
  const [row] = await db.select().from(communityActivities).where(eq(communityActivities.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `活动 ${id}` });
  return row;
}

function activityConditions(q: ActivityListQuery, path: string | undefined, now: Date): SQL[] {
  const conditions: SQL[] = [];
  if (path) conditions.push(underPaths(communityActivities.orgPath, [path]));
  if (q.status) conditions.push(eq(communityActivities.status, q.status));
  if (q.upcoming) conditions.push(gte(communityActivities.endsAt, now));
  return conditions;
}

/** Staff: the activities in their scope. */
export async function listActivities(db: Db, actor: Actor, q: ActivityListQuery, now = new Date()): Promise<ListPage<ActivityView>> {
  const where = and(inScope(actor, 'community.read', communityActivities.orgPath), ...activityConditions(q, await underPath(db, q.under), now));
  return pageOfActivities(db, q, where, null);
}

/** Anyone (and a signed-in volunteer, with their own sign-ups): the open activities. */
export async function listOpenActivities(db: Db, actor: Actor | null, q: ActivityListQuery, now = new Date()): Promise<ListPage<ActivityView>> {
  const where = and(eq(communityActivities.status, 'open'), gte(communityActivities.endsAt, now), ...activityConditions({ ...q, status: undefined, upcoming: undefined }, await underPath(db, q.under), now));
  const volunteer = actor ? await volunteerOfActor(db, actor) : null;
  return pageOfActivities(db, q, where, volunteer?.id ?? null);
}

function pageOfActivities(db: Db, q: ActivityListQuery, where: SQL | undefined, volunteerId: string | null) {
  return listPage(
    q,
    db.select().from(communityActivities).where(where).orderBy(asc(communityActivities.startsAt), asc(communityActivities.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityActivities).where(where),
    (rows) => present(db, rows, volunteerId),
  );
}

const beijingOffsetMs = 8 * 3_600_000;

/** Today's activities (Beijing day) the signed-in volunteer signed up for: /m's home offers 签到 / 签退 on them. */
export async function myActivitiesToday(db: Db, actor: Actor, now = new Date()): Promise<TodayView> {
  const volunteer = await volunteerOfActor(db, actor);
  if (!volunteer) return { registered: false, items: [] };
  const dayStart = new Date(Math.floor((now.getTime() + beijingOffsetMs) / 86_400_000) * 86_400_000 - beijingOffsetMs);
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const rows = await db
    .select({ a: communityActivities })
    .from(communityActivities)
    .innerJoin(communitySignups, and(eq(communitySignups.activityId, communityActivities.id), eq(communitySignups.volunteerId, volunteer.id)))
    .where(and(lt(communityActivities.startsAt, dayEnd), gte(communityActivities.endsAt, dayStart)))
    .orderBy(asc(communityActivities.startsAt))
    .limit(20);
  return { registered: true, items: await present(db, rows.map((r) => r.a), volunteer.id) };
}

export async function getActivity(db: Db, actor: Actor, id: string): Promise<ActivityView> {
  const row = await loadActivity(db, id);
  const volunteer = await volunteerOfActor(db, actor);
  if (!volunteer && !canAccess(actor, 'community.read', row.orgPath)) {
    if (hasPermission(actor, 'community.volunteer') && !hasPermission(actor, 'community.organisation')) throw new AppError('COMMUNITY_NOT_A_VOLUNTEER');
    await assertOrganiser(db, actor, row);
  }
  return (await present(db, [row], volunteer?.id ?? null))[0]!;
}

export async function closeActivity(db: Db, actor: Actor, id: string): Promise<ActivityView> {
  const row = await loadActivity(db, id);
  await assertOrganiser(db, actor, row);
  await db.transaction(async (tx) => {
    await tx.update(communityActivities).set({ status: 'closed', checkCode: null, checkCodeExpiresAt: null }).where(eq(communityActivities.id, id));
    await recordAudit(tx, actor, { action: 'community.activity.close', targetType: 'community_activity', targetId: id, orgPath: row.orgPath, details: {} });
  });
  return (await present(db, [await loadActivity(db, id)], null))[0]!;
}

/** A fresh code for the organiser's QR code; the previous one stops working. */
export async function newCheckCode(db: Db, actor: Actor, id: string, now = new Date()) {
  const row = await loadActivity(db, id);
  await assertOrganiser(db, actor, row);
  if (row.status !== 'open') throw new AppError('COMMUNITY_ACTIVITY_CLOSED');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + checkCodeMinutes * 60_000);
  await db.update(communityActivities).set({ checkCode: code, checkCodeExpiresAt: expiresAt }).where(eq(communityActivities.id, id));
  return { code, expiresAt, url: `/m/community/check/${id}?code=${code}` };
}

export async function listAttendees(db: Db, pii: PiiCipher, actor: Actor, id: string) {
  const row = await loadActivity(db, id);
  await assertOrganiser(db, actor, row);
  const signups = await db.select().from(communitySignups).where(eq(communitySignups.activityId, id)).orderBy(asc(communitySignups.signedUpAt));
  const volunteers = await volunteersById(db, signups.map((s) => s.volunteerId));
  return {
    items: signups.map((s) => {
      const v = volunteers.get(s.volunteerId)!;
      return { volunteerId: s.volunteerId, name: v.name, mobile: maskMobile(pii.decrypt(v.mobileEnc)), signedUpAt: s.signedUpAt, checkedInAt: s.checkedInAt, checkedOutAt: s.checkedOutAt };
    }),
  };
}

/** A volunteer signs up while places remain; the activity's row is locked so the last place goes once. */
export async function signUp(db: Db, actor: Actor, id: string, now = new Date()): Promise<ActivityView> {
  const volunteer = await requireVolunteer(db, actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(communityActivities).where(eq(communityActivities.id, id)).for('update');
    if (!row) throw new AppError('NOT_FOUND', { what: `活动 ${id}` });
    if (row.status !== 'open' || row.endsAt <= now) throw new AppError('COMMUNITY_ACTIVITY_CLOSED');
    const [already] = await tx.select().from(communitySignups).where(and(eq(communitySignups.activityId, id), eq(communitySignups.volunteerId, volunteer.id)));
    if (already) throw new AppError('COMMUNITY_ALREADY_SIGNED_UP');
    const [taken] = await tx.select({ n: count() }).from(communitySignups).where(eq(communitySignups.activityId, id));
    if ((taken?.n ?? 0) >= row.places) throw new AppError('COMMUNITY_ACTIVITY_FULL');
    await tx.insert(communitySignups).values({ activityId: id, volunteerId: volunteer.id });
    await recordAudit(tx, actor, { action: 'community.activity.sign_up', targetType: 'community_activity', targetId: id, orgPath: row.orgPath, details: { volunteerId: volunteer.id } });
  });
  return (await present(db, [await loadActivity(db, id)], volunteer.id))[0]!;
}

/** A volunteer withdraws before checking in. */
export async function cancelSignUp(db: Db, actor: Actor, id: string): Promise<ActivityView> {
  const volunteer = await requireVolunteer(db, actor);
  const row = await loadActivity(db, id);
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(communitySignups).where(and(eq(communitySignups.activityId, id), eq(communitySignups.volunteerId, volunteer.id), isNull(communitySignups.checkedInAt))).returning();
    if (!gone) throw new AppError('COMMUNITY_NOT_SIGNED_UP');
    await recordAudit(tx, actor, { action: 'community.activity.cancel_sign_up', targetType: 'community_activity', targetId: id, orgPath: row.orgPath, details: { volunteerId: volunteer.id } });
  });
  return (await present(db, [row], volunteer.id))[0]!;
}

type Confirmer = { name: string; id: string | null };

async function checkIn(db: Db, actor: Actor, row: Row, volunteerId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [signup] = await tx.select().from(communitySignups).where(and(eq(communitySignups.activityId, row.id), eq(communitySignups.volunteerId, volunteerId))).for('update');
    if (!signup) throw new AppError('COMMUNITY_NOT_SIGNED_UP');
    if (signup.checkedInAt) return;
    await tx.update(communitySignups).set({ checkedInAt: now }).where(and(eq(communitySignups.activityId, row.id), eq(communitySignups.volunteerId, volunteerId)));
    await recordAudit(tx, actor, { action: 'community.activity.check_in', targetType: 'community_activity', targetId: row.id, orgPath: row.orgPath, details: { volunteerId } });
  });
}

async function checkOut(db: Db, actor: Actor, row: Row, volunteerId: string, confirmer: Confirmer, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [signup] = await tx.select().from(communitySignups).where(and(eq(communitySignups.activityId, row.id), eq(communitySignups.volunteerId, volunteerId))).for('update');
    if (!signup) throw new AppError('COMMUNITY_NOT_SIGNED_UP');
    if (!signup.checkedInAt) throw new AppError('COMMUNITY_NOT_CHECKED_IN');
    if (signup.checkedOutAt) throw new AppError('COMMUNITY_ALREADY_CHECKED_OUT');
    await tx.update(communitySignups).set({ checkedOutAt: now }).where(and(eq(communitySignups.activityId, row.id), eq(communitySignups.volunteerId, volunteerId)));
    await addRecord(tx, actor, {
      volunteerId, activityId: row.id, orgPath: row.orgPath, what: row.title, place: row.place, startedAt: signup.checkedInAt, endedAt: now,
      minutes: creditedMinutes(row, signup.checkedInAt, now), confirmedBy: confirmer.name, confirmedById: confirmer.id,
    });
    await recordAudit(tx, actor, { action: 'community.activity.check_out', targetType: 'community_activity', targetId: row.id, orgPath: row.orgPath, details: { volunteerId } });
  });
}

/** The volunteer checks in or out with the organiser's current code: the code stands for the organiser's confirmation. */
export async function checkWithCode(db: Db, actor: Actor, id: string, code: string, direction: 'in' | 'out', now = new Date()): Promise<ActivityView> {
  const volunteer = await requireVolunteer(db, actor);
  const row = await loadActivity(db, id);
  if (row.status !== 'open') throw new AppError('COMMUNITY_ACTIVITY_CLOSED');
  if (!row.checkCode || row.checkCode !== code || !row.checkCodeExpiresAt || row.checkCodeExpiresAt < now) throw new AppError('COMMUNITY_CHECK_IN_CODE_INVALID');
  if (direction === 'in') await checkIn(db, actor, row, volunteer.id, now);
  else await checkOut(db, actor, row, volunteer.id, { name: row.createdByName, id: row.createdBy }, now);
  return (await present(db, [row], volunteer.id))[0]!;
}

/** The organiser checks a volunteer in or out (a volunteer without a phone, a code that would not scan). */
export async function confirmAttendance(db: Db, actor: Actor, id: string, volunteerId: string, direction: 'in' | 'out', now = new Date()): Promise<ActivityView> {
  const row = await loadActivity(db, id);
  await assertOrganiser(db, actor, row);
  if (row.status !== 'open') throw new AppError('COMMUNITY_ACTIVITY_CLOSED');
  if (direction === 'in') await checkIn(db, actor, row, volunteerId, now);
  else await checkOut(db, actor, row, volunteerId, { name: shownName(actor), id: actor.id }, now);
  return (await present(db, [row], null))[0]!;
}

