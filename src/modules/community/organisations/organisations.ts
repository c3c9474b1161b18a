// Social organisations: the register (registered and filed), edits, annual inspections, and the
// accounts of their own staff. Staff of the street and community keep the register; an
// organisation's staff (organisation_staff) see only their own organisations.
import { and, asc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, coversPath, inScope, shownName, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf, type ListPage } from '../../../platform/list-page.ts';
import { users, roleGrants } from '../../../platform/auth/schema.ts';
import type { CreateOrganisationBody, InspectionBody, OrganisationListQuery, OrganisationView, UpdateOrganisationBody } from '../contract.ts';
import { communityOrganisations, communityOrganisationStaff } from '../schema.ts';
import { communitiesByCode, invalidField, namesOfPaths, placeInScope, underPath } from '../places.ts';

type Row = typeof communityOrganisations.$inferSelect;

export async function presentOrganisations(db: Db, rows: Row[]): Promise<OrganisationView[]> {
  const names = await namesOfPaths(db, rows.map((r) => r.orgPath));
  const served = await communitiesByCode(db, rows.flatMap((r) => r.servedCommunities));
  return rows.map(({ createdAt: _c, servedCommunities, ...r }) => ({
    ...r,
    orgName: names.get(r.orgPath) ?? r.orgPath,
    servedCommunities: servedCommunities.map((code) => ({ code, name: served.get(code)?.name ?? code })),
  }));
}

async function checkServed(db: Db, codes: readonly string[]): Promise<void> {
  const found = await communitiesByCode(db, codes);
  const missing = codes.find((c) => found.get(c)?.level !== 'community');
  if (missing) throw invalidField('body.servedCommunities', `没有代码为 ${missing} 的社区 / no community has code ${missing}`);
}

async function assertCodeFree(db: Db, creditCode: string, self?: string): Promise<void> {
  const [taken] = await db.select({ id: communityOrganisations.id }).from(communityOrganisations).where(eq(communityOrganisations.creditCode, creditCode));
  if (taken && taken.id !== self) throw invalidField('body.creditCode', `统一社会信用代码 ${creditCode} 已登记 / this credit code is already on the register`);
}

/** Registers an organisation (or files a community organisation) with the street or community keeping it. */
export async function createOrganisation(db: Db, actor: Actor, body: CreateOrganisationBody): Promise<OrganisationView> {
  const place = await placeInScope(db, actor, 'community.write', body.orgCode);
  await checkServed(db, body.servedCommunities);
  if (body.creditCode) await assertCodeFree(db, body.creditCode);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(communityOrganisations)
      .values({
        kind: body.kind,
        name: body.name,
        creditCode: body.creditCode ?? null,
        registrationAuthority: body.registrationAuthority ?? null,
        filedOn: body.filedOn ?? null,
        orgPath: place.orgPath,
        fields: body.fields,
        contactName: body.contactName ?? null,
        contactPhone: body.contactPhone ?? null,
        address: body.address ?? null,
        staffCount: body.staffCount,
        servedCommunities: body.servedCommunities,
        incubation: body.incubation,
        inspections: [],
      })
      .returning();
    await recordAudit(tx, actor, { action: 'community.organisation.create', targetType: 'community_organisation', targetId: created!.id, orgPath: place.orgPath, details: { kind: body.kind, name: body.name } });
    return created!;
  });
  return (await presentOrganisations(db, [row]))[0]!;
}

async function loadOrganisation(db: Db, id: string): Promise<Row> {
  const [row] = await db.select().from(communityOrganisations).where(eq(communityOrganisations.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `社会组织 ${id}` });
  return row;
}

/** The organisations whose staff the actor is (organisation_staff accounts). */
export async function organisationsOfStaff(db: Db, actor: Actor): Promise<{ id: string; name: string; orgPath: string }[]> {
  if (!actor.id) return [];
  return db
    .select({ id: communityOrganisations.id, name: communityOrganisations.name, orgPath: communityOrganisations.orgPath })
    .from(communityOrganisationStaff)
    .innerJoin(communityOrganisations, eq(communityOrganisations.id, communityOrganisationStaff.organisationId))
    .where(eq(communityOrganisationStaff.userId, actor.id));
}

/** An organisation the actor may read: in their scope as staff, or their own as its staff. */
export async function getOrganisation(db: Db, actor: Actor, id: string): Promise<OrganisationView> {
  const row = await loadOrganisation(db, id);
  if (!canAccess(actor, 'community.read', row.orgPath)) {
    const own = await organisationsOfStaff(db, actor);
    if (!own.some((o) => o.id === id)) assertInScope(actor, 'community.read', row.orgPath);
  }
  return (await presentOrganisations(db, [row]))[0]!;
}

/** The organisations I am staff of. */
export async function myOrganisations(db: Db, actor: Actor): Promise<{ items: OrganisationView[] }> {
  const own = await organisationsOfStaff(db, actor);
  if (own.length === 0) return { items: [] };
  const rows = await db.select().from(communityOrganisations).where(inArray(communityOrganisations.id, own.map((o) => o.id))).orderBy(asc(communityOrganisations.name));
  return { items: await presentOrganisations(db, rows) };
}

export function organisationConditions(actor: Actor, q: Omit<OrganisationListQuery, 'page' | 'pageSize'>, path: string | undefined): SQL[] {
  const conditions: SQL[] = [inScope(actor, 'community.read', communityOrganisations.orgPath)];
  if (path) conditions.push(underPaths(communityOrganisations.orgPath, [path]));
  if (q.kind) conditions.push(eq(communityOrganisations.kind, q.kind));
  if (q.incubation) conditions.push(eq(communityOrganisations.incubation, q.incubation));
  if (q.status) conditions.push(eq(communityOrganisations.status, q.status));
  if (q.q) conditions.push(or(ilike(communityOrganisations.name, `%${q.q}%`), eq(communityOrganisations.creditCode, q.q.toUpperCase()))!);
  return conditions;
}

/** The register under the actor's scope, paged. */
export async function listOrganisations(db: Db, actor: Actor, q: OrganisationListQuery): Promise<ListPage<OrganisationView>> {
  const where = and(...organisationConditions(actor, q, await underPath(db, q.under)));
  return listPage(
    q,
    db.select().from(communityOrganisations).where(where).orderBy(asc(communityOrganisations.name), asc(communityOrganisations.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityOrganisations).where(where),
    (rows) => presentOrganisations(db, rows),
  );
}

/** Edits an organisation, naming the version read. */
export async function updateOrganisation(db: Db, actor: Actor, id: string, body: UpdateOrganisationBody): Promise<OrganisationView> {
  const row = await loadOrganisation(db, id);
  assertInScope(actor, 'community.write', row.orgPath);
  if (body.servedCommunities) await checkServed(db, body.servedCommunities);
  if (body.creditCode) await assertCodeFree(db, body.creditCode, id);
  const { version, ...changes } = body;
  const updated = await db.transaction(async (tx) => {
    const [next] = await tx
      .update(communityOrganisations)
      .set({ ...changes, version: version + 1 })
      .where(and(eq(communityOrganisations.id, id), eq(communityOrganisations.version, version)))
      .returning();
    if (!next) throw new AppError('VERSION_CONFLICT', { currentVersion: row.version });
    await recordAudit(tx, actor, { action: 'community.organisation.update', targetType: 'community_organisation', targetId: id, orgPath: row.orgPath, details: { fields: Object.keys(changes) } });
    return next;
  });
  return (await presentOrganisations(db, [updated]))[0]!;
}

/** Records the result of a year's inspection (one per year: a later one for the same year replaces it). */
export async function recordInspection(db: Db, actor: Actor, id: string, body: InspectionBody): Promise<OrganisationView> {
  const row = await loadOrganisation(db, id);
  assertInScope(actor, 'community.write', row.orgPath);
  const inspections = [...row.inspections.filter((i) => i.year !== body.year), { year: body.year, result: body.result, note: body.note ?? null, recordedBy: shownName(actor) }].sort((a, b) => b.year - a.year);
  const updated = await db.transaction(async (tx) => {
    const [next] = await tx.update(communityOrganisations).set({ inspections, version: row.version + 1 }).where(and(eq(communityOrganisations.id, id), eq(communityOrganisations.version, row.version))).returning();
    if (!next) throw new AppError('VERSION_CONFLICT', { currentVersion: row.version });
    await recordAudit(tx, actor, { action: 'community.organisation.inspect', targetType: 'community_organisation', targetId: id, orgPath: row.orgPath, details: { year: body.year, result: body.result } });
    return next;
  });
  return (await presentOrganisations(db, [updated]))[0]!;
}

/** The accounts acting for an organisation. */
export async function listStaff(db: Db, actor: Actor, id: string) {
  const row = await loadOrganisation(db, id);
  assertInScope(actor, 'community.read', row.orgPath);
  const items = await db
    .select({ userId: users.id, username: users.username, displayName: users.displayName })
    .from(communityOrganisationStaff)
    .innerJoin(users, eq(users.id, communityOrganisationStaff.userId))
    .where(eq(communityOrganisationStaff.organisationId, id))
    .orderBy(asc(users.username));
  return { items };
}

/** Makes an organisation_staff account (granted where the organisation is kept, or above it) act for it. */
export async function addStaff(db: Db, actor: Actor, id: string, username: string) {
  const row = await loadOrganisation(db, id);
  assertInScope(actor, 'community.write', row.orgPath);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!user) throw invalidField('body.username', `没有用户名为 ${username} 的账号 / no account is named ${username}`);
  const grants = await db.select({ orgPath: roleGrants.orgPath }).from(roleGrants).where(and(eq(roleGrants.userId, user.id), eq(roleGrants.role, 'organisation_staff')));
  const related = grants.some((g) => coversPath(g.orgPath, row.orgPath) || coversPath(row.orgPath, g.orgPath));
  if (!related) throw invalidField('body.username', '该账号须先在组织所在街道或社区授予“社会组织工作人员”角色 / grant the account the organisation staff role where the organisation is first');
  await db.transaction(async (tx) => {
    await tx.insert(communityOrganisationStaff).values({ organisationId: id, userId: user.id }).onConflictDoNothing();
    await recordAudit(tx, actor, { action: 'community.organisation.staff_add', targetType: 'community_organisation', targetId: id, orgPath: row.orgPath, details: { username } });
  });
  return listStaff(db, actor, id);
}

/** Stops an account acting for an organisation. */
export async function removeStaff(db: Db, actor: Actor, id: string, userId: string) {
  const row = await loadOrganisation(db, id);
  assertInScope(actor, 'community.write', row.orgPath);
  await db.transaction(async (tx) => {
    await tx.delete(communityOrganisationStaff).where(and(eq(communityOrganisationStaff.organisationId, id), eq(communityOrganisationStaff.userId, userId)));
    await recordAudit(tx, actor, { action: 'community.organisation.staff_remove', targetType: 'community_organisation', targetId: id, orgPath: row.orgPath, details: { userId } });
  });
  return listStaff(db, actor, id);
}
