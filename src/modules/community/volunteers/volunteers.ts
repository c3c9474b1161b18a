// Volunteers: registration by real name (linked to the registry's resident with the same name and
// mobile in the community), the register, and each volunteer's hours and star level.
import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { maskMobile } from '../../registry/index.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { queryRows, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf, type ListPage } from '../../../platform/list-page.ts';
import { hoursToNextStar, starLevel, type MyVolunteering, type RegisterSelfBody, type RegisterVolunteerBody, type VolunteerListQuery, type VolunteerView } from '../contract.ts';
import { communityVolunteers } from '../schema.ts';
import { invalidField, namesOfPaths, placeInScope, underPath } from '../places.ts';
import { readSettings } from './settings.ts';
import { effectiveMinutesByVolunteer, recordsOfVolunteer } from './records.ts';

export type VolunteerRow = typeof communityVolunteers.$inferSelect;

export async function presentVolunteers(db: Db, pii: PiiCipher, rows: VolunteerRow[]): Promise<VolunteerView[]> {
  if (rows.length === 0) return [];
  const [names, minutes, settings] = await Promise.all([namesOfPaths(db, rows.map((r) => r.orgPath)), effectiveMinutesByVolunteer(db, rows.map((r) => r.id)), readSettings(db)]);
  return rows.map((r) => {
    const total = minutes.get(r.id) ?? 0;
    return {
      id: r.id,
      name: r.name,
      mobile: maskMobile(pii.decrypt(r.mobileEnc)),
      residentLinked: r.residentId !== null,
      orgPath: r.orgPath,
      orgName: names.get(r.orgPath) ?? r.orgPath,
      skills: r.skills,
      availability: r.availability,
      totalMinutes: total,
      star: { level: starLevel(total, settings.starThresholds), hoursToNext: hoursToNextStar(total, settings.starThresholds) },
      registeredAt: r.registeredAt,
    };
  });
}

/** The registry's resident in the community with this name and mobile (the real-name check), if any. */
async function matchResident(db: Db, pii: PiiCipher, communityPath: string, name: string, mobile: string): Promise<string | null> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id::text as id from residents where phone_hash = ${pii.lookupHash(mobile)} and name = ${name} and status = 'active' and (org_path = ${communityPath} or org_path like ${`${communityPath}.%`}) limit 2`,
  );
  return rows.length === 1 ? rows[0]!.id : null;
}

async function insertVolunteer(db: Db, pii: PiiCipher, actor: Actor, orgPath: string, body: RegisterSelfBody, userId: string | null): Promise<VolunteerRow> {
  const mobileHash = pii.lookupHash(body.mobile);
  const [taken] = await db.select({ id: communityVolunteers.id }).from(communityVolunteers).where(and(eq(communityVolunteers.mobileHash, mobileHash), eq(communityVolunteers.name, body.name)));
  if (taken) throw invalidField('body.mobile', '该姓名和手机号已登记为志愿者 / this name and mobile are already registered');
  const residentId = await matchResident(db, pii, orgPath, body.name, body.mobile);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(communityVolunteers)
      .values({ orgPath, name: body.name, mobileEnc: pii.encrypt(body.mobile), mobileHash, residentId, userId, skills: body.skills, availability: body.availability })
      .returning();
    await recordAudit(tx, actor, { action: 'community.volunteer.register', targetType: 'community_volunteer', targetId: row!.id, orgPath, details: { residentLinked: residentId !== null, self: userId !== null } });
    return row!;
  });
}

/** Staff register a volunteer in a community of their scope. */
export async function registerVolunteer(db: Db, pii: PiiCipher, actor: Actor, body: RegisterVolunteerBody): Promise<VolunteerView> {
  const place = await placeInScope(db, actor, 'community.write', body.orgCode);
  return (await presentVolunteers(db, pii, [await insertVolunteer(db, pii, actor, place.orgPath, body, null)]))[0]!;
}

/** The community path of a resident's account: the community (or the grid's community) they hold the volunteer permission on. */
function communityOfResident(actor: Actor): string {
  const grant = actor.grants.find((g) => g.role === 'resident');
  if (!grant) throw new AppError('FORBIDDEN', { permission: 'community.volunteer' });
  return grant.orgPath.split('.').slice(0, 5).join('.');
}

/** A resident registers themself as a volunteer of their community. */
export async function registerSelf(db: Db, pii: PiiCipher, actor: Actor, body: RegisterSelfBody): Promise<MyVolunteering> {
  if (!actor.id) throw new AppError('FORBIDDEN', { permission: 'community.volunteer' });
  const [mine] = await db.select({ id: communityVolunteers.id }).from(communityVolunteers).where(eq(communityVolunteers.userId, actor.id));
  if (mine) throw new AppError('CONFLICT', { what: '志愿者登记' });
  await insertVolunteer(db, pii, actor, communityOfResident(actor), body, actor.id);
  return myVolunteering(db, pii, actor);
}

/** The volunteer record of the signed-in resident, or null. */
export async function volunteerOfActor(db: Db, actor: Actor): Promise<VolunteerRow | null> {
  if (!actor.id) return null;
  const [row] = await db.select().from(communityVolunteers).where(eq(communityVolunteers.userId, actor.id));
  return row ?? null;
}

/** The signed-in resident's volunteer record; COMMUNITY_NOT_A_VOLUNTEER when they have not registered. */
export async function requireVolunteer(db: Db, actor: Actor): Promise<VolunteerRow> {
  const row = await volunteerOfActor(db, actor);
  if (!row) throw new AppError('COMMUNITY_NOT_A_VOLUNTEER');
  return row;
}

/** My hours, star level and service records. */
export async function myVolunteering(db: Db, pii: PiiCipher, actor: Actor): Promise<MyVolunteering> {
  const row = await volunteerOfActor(db, actor);
  if (!row) return { volunteer: null, records: [] };
  const [volunteer] = await presentVolunteers(db, pii, [row]);
  return { volunteer: volunteer!, records: await recordsOfVolunteer(db, row.id) };
}

export async function loadVolunteer(db: Db, actor: Actor, id: string, permission: 'community.read' | 'community.write'): Promise<VolunteerRow> {
  const [row] = await db.select().from(communityVolunteers).where(eq(communityVolunteers.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `志愿者 ${id}` });
  assertInScope(actor, permission, row.orgPath);
  return row;
}

export async function getVolunteer(db: Db, pii: PiiCipher, actor: Actor, id: string): Promise<MyVolunteering> {
  const row = await loadVolunteer(db, actor, id, 'community.read');
  const [volunteer] = await presentVolunteers(db, pii, [row]);
  return { volunteer: volunteer!, records: await recordsOfVolunteer(db, row.id) };
}

export async function listVolunteers(db: Db, pii: PiiCipher, actor: Actor, q: VolunteerListQuery): Promise<ListPage<VolunteerView>> {
  const conditions: SQL[] = [inScope(actor, 'community.read', communityVolunteers.orgPath)];
  const path = await underPath(db, q.under);
  if (path) conditions.push(underPaths(communityVolunteers.orgPath, [path]));
  if (q.q) conditions.push(ilike(communityVolunteers.name, `%${q.q}%`));
  const where = and(...conditions);
  return listPage(
    q,
    db.select().from(communityVolunteers).where(where).orderBy(desc(communityVolunteers.registeredAt), asc(communityVolunteers.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityVolunteers).where(where),
    (rows) => presentVolunteers(db, pii, rows),
  );
}

/** Volunteers by id (names for attendee lists and records). */
export async function volunteersById(db: Db, ids: readonly string[]): Promise<Map<string, VolunteerRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(communityVolunteers).where(inArray(communityVolunteers.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
