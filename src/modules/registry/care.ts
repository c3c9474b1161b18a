// Key groups (重点人群) and visits (走访): who belongs to which group, with what details,
// and who is due or overdue for a visit. Sensitive groups need registry.sensitive.
import crypto from 'node:crypto';
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import { assertInScope, coversPath, hasPermission, inScope, requirePermission, scopePaths, shownName, type Actor } from '../../platform/auth/scope.ts';
import { grids } from '../org/index.ts';
import { builtInKindInfos, checkMembership, customFieldDefinition, schemaOfCustomFields, type CustomFieldDefinition, type KindInfo } from './key-groups.ts';
import { keyGroupKinds, keyGroupMemberships, residents, visits, type VisitMethod } from './schema.ts';
import { presentResidents, validationFailed, pathOfCode, type Reveal } from './service.ts';
import { addDays, chinaToday } from './vocabulary.ts';

/**
 * The condition that hides memberships of sensitive groups from actors without
 * registry.sensitive on them. `alias` names the memberships table in raw SQL.
 */
export function visibleMembershipCondition(actor: Actor, alias?: SQL): SQL {
  const sensitive = alias ? sql`${alias}.sensitive` : sql`${keyGroupMemberships.sensitive}`;
  const orgPath = alias ? sql`${alias}.org_path` : sql`${keyGroupMemberships.orgPath}`;
  return sql`(not ${sensitive} or ${inScope(actor, 'registry.sensitive', orgPath)})`;
}

/** Every kind, built-in and custom, by code. */
export async function kindCatalogue(db: Db): Promise<Map<string, KindInfo>> {
  const custom = await db.select().from(keyGroupKinds).orderBy(asc(keyGroupKinds.createdAt));
  const kinds = [
    ...builtInKindInfos(),
    ...custom.map((k): KindInfo => ({
      code: k.code,
      name: k.name,
      sensitive: k.sensitive,
      visitEveryDays: k.visitEveryDays,
      builtIn: false,
      orgPath: k.orgPath,
      fields: schemaOfCustomFields(k.fields),
      fieldDefinitions: k.fields,
    })),
  ];
  return new Map(kinds.map((k) => [k.code, k]));
}

/** The kinds an actor may use: custom ones made above or inside their scope; sensitive ones only with registry.sensitive. */
export async function listKinds(db: Db, actor: Actor) {
  requirePermission(actor, 'registry.read');
  const scopes = scopePaths(actor, 'registry.read');
  const mayUseSensitive = hasPermission(actor, 'registry.sensitive');
  const catalogue = await kindCatalogue(db);
  return [...catalogue.values()]
    .filter((k) => k.builtIn || scopes.some((s) => coversPath(k.orgPath, s) || coversPath(s, k.orgPath)))
    .filter((k) => !k.sensitive || mayUseSensitive)
    .map((k) => ({ code: k.code, name: k.name, sensitive: k.sensitive, visitEveryDays: k.visitEveryDays, builtIn: k.builtIn, orgPath: k.orgPath, fieldDefinitions: k.fieldDefinitions ?? null }));
}

/** Adds a kind of key group under a node or grid (a community's own 关爱 list, say). */
export async function createKind(
  db: Db,
  actor: Actor,
  input: { under: string; name: string; sensitive: boolean; visitEveryDays?: number | null | undefined; fields: CustomFieldDefinition[] },
) {
  const node = { orgPath: (await pathOfCode(db, input.under)) as string };
  assertInScope(actor, 'registry.write', node.orgPath);
  if (input.sensitive) assertInScope(actor, 'registry.sensitive', node.orgPath);
  const fields = input.fields.map((f) => customFieldDefinition.parse(f));
  const keys = new Set<string>();
  for (const f of fields) {
    if (keys.has(f.key)) throw validationFailed([{ field: 'body.fields', message: `字段 ${f.key} 重复` }]);
    if (f.type === 'choice' && !f.options?.length) throw validationFailed([{ field: 'body.fields', message: `选项字段 ${f.label} 须列出选项` }]);
    keys.add(f.key);
  }
  const catalogue = await kindCatalogue(db);
  if ([...catalogue.values()].some((k) => k.name === input.name && (k.builtIn || coversPath(k.orgPath, node.orgPath) || coversPath(node.orgPath, k.orgPath)))) {
    throw new AppError('CONFLICT', { what: `人群类别 ${input.name}` });
  }
  const code = `custom_${crypto.randomBytes(5).toString('hex')}`;
  return db.transaction(async (tx) => {
    const [kind] = await tx
      .insert(keyGroupKinds)
      .values({ code, orgPath: node.orgPath, name: input.name, sensitive: input.sensitive, visitEveryDays: input.visitEveryDays ?? null, fields })
      .returning();
    await recordAudit(tx, actor, { action: 'registry.kind.create', targetType: 'key_group_kind', targetId: code, orgPath: node.orgPath, details: { name: input.name, sensitive: input.sensitive } });
    const created = kind as typeof keyGroupKinds.$inferSelect;
    return { code: created.code, name: created.name, sensitive: created.sensitive, visitEveryDays: created.visitEveryDays, builtIn: false, orgPath: created.orgPath, fieldDefinitions: created.fields };
  });
}

async function kindFor(db: Db, actor: Actor, code: string, orgPath: string): Promise<KindInfo> {
  const kind = (await kindCatalogue(db)).get(code);
  if (!kind || (!kind.builtIn && !coversPath(kind.orgPath, orgPath))) throw validationFailed([{ field: 'body.kind', message: `没有人群类别 ${code}` }]);
  if (kind.sensitive) assertInScope(actor, 'registry.sensitive', orgPath);
  return kind;
}

type Membership = typeof keyGroupMemberships.$inferSelect;

async function loadMembership(db: Db, actor: Actor, id: string): Promise<Membership> {
  const [m] = await db.select().from(keyGroupMemberships).where(eq(keyGroupMemberships.id, id));
  if (!m) throw new AppError('NOT_FOUND', { what: `重点人群登记 ${id}` });
  assertInScope(actor, 'registry.write', m.orgPath);
  if (m.sensitive) assertInScope(actor, 'registry.sensitive', m.orgPath);
  return m;
}

/** Puts a person in a key group with the group's details and visit interval. */
export async function addMembership(
  db: Db,
  actor: Actor,
  residentId: string,
  input: { kind: string; fields?: Record<string, unknown> | undefined; since?: string | undefined; visitEveryDays?: number | null | undefined },
) {
  const [resident] = await db.select({ id: residents.id, orgPath: residents.orgPath, birthDate: residents.birthDate, status: residents.status }).from(residents).where(eq(residents.id, residentId));
  if (!resident) throw new AppError('NOT_FOUND', { what: `居民 ${residentId}` });
  assertInScope(actor, 'registry.write', resident.orgPath);
  if (resident.status !== 'active') throw validationFailed([{ field: 'body.kind', message: '该居民已不在册' }]);
  const kind = await kindFor(db, actor, input.kind, resident.orgPath);
  const today = chinaToday();
  const checked = checkMembership(kind, resident, input.fields ?? {}, today);
  if (!checked.ok) throw validationFailed(checked.problems.map((p) => ({ field: `body.${p.field}`, message: p.message })));
  const [existing] = await db.select({ id: keyGroupMemberships.id }).from(keyGroupMemberships).where(and(eq(keyGroupMemberships.residentId, residentId), eq(keyGroupMemberships.kind, kind.code), isNull(keyGroupMemberships.until)));
  if (existing) throw new AppError('CONFLICT', { what: `${kind.name}登记` });
  const since = input.since ?? today;
  const every = input.visitEveryDays === undefined ? kind.visitEveryDays : input.visitEveryDays;
  return db.transaction(async (tx) => {
    const [m] = await tx
      .insert(keyGroupMemberships)
      .values({ residentId, kind: kind.code, orgPath: resident.orgPath, sensitive: kind.sensitive, fields: checked.fields, since, visitEveryDays: every, nextVisitDue: every ? addDays(since, every) : null })
      .returning();
    const created = m as Membership;
    // The audit names the group, never its details (which may be health or legal data).
    await recordAudit(tx, actor, { action: 'registry.keygroup.add', targetType: 'resident', targetId: residentId, orgPath: resident.orgPath, details: { kind: kind.code, membershipId: created.id } });
    return { ...created, name: kind.name };
  });
}

/** Changes a membership's details or visit interval. */
export async function updateMembership(db: Db, actor: Actor, id: string, input: { version: number; fields?: Record<string, unknown> | undefined; visitEveryDays?: number | null | undefined }) {
  const m = await loadMembership(db, actor, id);
  const kind = await kindFor(db, actor, m.kind, m.orgPath);
  let fields = m.fields;
  if (input.fields !== undefined) {
    const [resident] = await db.select({ birthDate: residents.birthDate }).from(residents).where(eq(residents.id, m.residentId));
    const checked = checkMembership(kind, { birthDate: resident?.birthDate ?? '1900-01-01' }, input.fields, chinaToday());
    if (!checked.ok) throw validationFailed(checked.problems.map((p) => ({ field: `body.${p.field}`, message: p.message })));
    fields = checked.fields;
  }
  const every = input.visitEveryDays === undefined ? m.visitEveryDays : input.visitEveryDays;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(keyGroupMemberships)
      .set({ fields, visitEveryDays: every, nextVisitDue: every ? addDays(m.lastVisitedOn ?? m.since, every) : null, version: sql`${keyGroupMemberships.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(keyGroupMemberships.id, id), eq(keyGroupMemberships.version, input.version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { id });
    await recordAudit(tx, actor, { action: 'registry.keygroup.update', targetType: 'resident', targetId: m.residentId, orgPath: m.orgPath, details: { kind: m.kind, membershipId: id, fields: Object.keys(input).filter((k) => k !== 'version') } });
    return { ...updated, name: kind.name };
  });
}

/** Ends a membership (no longer living alone, 低保 stopped…); the record stays. */
export async function endMembership(db: Db, actor: Actor, id: string, input: { until?: string | undefined; reason: string }) {
  const m = await loadMembership(db, actor, id);
  if (m.until) throw validationFailed([{ field: 'body.until', message: '该登记已结束' }]);
  const until = input.until ?? chinaToday();
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(keyGroupMemberships).set({ until, nextVisitDue: null, version: sql`${keyGroupMemberships.version} + 1`, updatedAt: sql`now()` }).where(eq(keyGroupMemberships.id, id)).returning();
    await recordAudit(tx, actor, { action: 'registry.keygroup.end', targetType: 'resident', targetId: m.residentId, orgPath: m.orgPath, details: { kind: m.kind, membershipId: id, reason: input.reason } });
    return updated as Membership;
  });
}

/**
 * Members of key groups in scope, with the visit schedule: `overdue` keeps those whose next
 * visit is before today, `dueWithinDays` those due within that many days. One query.
 */
export async function listMembers(
  db: Db,
  pii: PiiCipher,
  actor: Actor,
  q: { kind?: string | undefined; under?: string | undefined; overdue?: boolean | undefined; dueWithinDays?: number | undefined; page: number; pageSize: number },
  reveal: Reveal | null,
) {
  requirePermission(actor, 'registry.read');
  const catalogue = await kindCatalogue(db);
  if (q.kind) {
    const kind = catalogue.get(q.kind);
    if (!kind) throw validationFailed([{ field: 'querystring.kind', message: `没有人群类别 ${q.kind}` }]);
    if (kind.sensitive) requirePermission(actor, 'registry.sensitive');
  }
  const path = await pathOfCode(db, q.under);
  const today = chinaToday();
  const conditions: SQL[] = [
    inScope(actor, 'registry.read', keyGroupMemberships.orgPath),
    visibleMembershipCondition(actor),
    isNull(keyGroupMemberships.until),
  ];
  if (path) conditions.push(sql`(${keyGroupMemberships.orgPath} = ${path} or ${keyGroupMemberships.orgPath} like ${`${path}.%`})`);
  if (q.kind) conditions.push(eq(keyGroupMemberships.kind, q.kind));
  if (q.overdue) conditions.push(sql`${keyGroupMemberships.nextVisitDue} < ${today}::date`);
  if (q.dueWithinDays !== undefined) conditions.push(sql`${keyGroupMemberships.nextVisitDue} <= ${addDays(today, q.dueWithinDays)}::date`);
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select({ membership: keyGroupMemberships, resident: residents })
      .from(keyGroupMemberships)
      .innerJoin(residents, eq(residents.id, keyGroupMemberships.residentId))
      .where(where)
      .orderBy(sql`${keyGroupMemberships.nextVisitDue} asc nulls last`, asc(residents.namePinyin), asc(keyGroupMemberships.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(keyGroupMemberships).where(where),
  ]);
  const people = await presentResidents(db, pii, actor, rows.map((r) => r.resident), reveal, 'key-groups');
  const items = rows.map((r, i) => ({
    ...r.membership,
    name: catalogue.get(r.membership.kind)?.name ?? r.membership.kind,
    daysOverdue: r.membership.nextVisitDue && r.membership.nextVisitDue < today ? Math.round((Date.parse(today) - Date.parse(r.membership.nextVisitDue)) / 86_400_000) : 0,
    resident: people[i] as (typeof people)[number],
  }));
  return { items, total: count?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * Records a visit. With a membership it counts for that group; without, for every group
 * of the person the visitor can see. The next due date moves on from the visit.
 */
export async function recordVisit(
  db: Db,
  actor: Actor,
  input: { residentId: string; membershipId?: string | undefined; visitedOn?: string | undefined; method: VisitMethod; notes?: string | undefined },
) {
  const [resident] = await db.select({ id: residents.id, orgPath: residents.orgPath }).from(residents).where(eq(residents.id, input.residentId));
  if (!resident) throw new AppError('NOT_FOUND', { what: `居民 ${input.residentId}` });
  assertInScope(actor, 'registry.write', resident.orgPath);
  const today = chinaToday();
  const visitedOn = input.visitedOn ?? today;
  if (visitedOn > today) throw validationFailed([{ field: 'body.visitedOn', message: '走访日期不能晚于今天' }]);
  if (input.membershipId) {
    const m = await loadMembership(db, actor, input.membershipId);
    if (m.residentId !== resident.id) throw validationFailed([{ field: 'body.membershipId', message: '该登记不属于此居民' }]);
  }
  return db.transaction(async (tx) => {
    const [visit] = await tx
      .insert(visits)
      .values({ residentId: resident.id, membershipId: input.membershipId ?? null, orgPath: resident.orgPath, visitedOn, method: input.method, visitorId: actor.kind === 'user' ? actor.id : null, visitorName: shownName(actor), notes: input.notes ?? null })
      .returning();
    const which = input.membershipId ? sql`id = ${input.membershipId}` : sql`resident_id = ${resident.id} and until is null and ${visibleMembershipCondition(actor, sql`key_group_memberships`)}`;
    await tx.execute(sql`
      update key_group_memberships
         set last_visited_on = greatest(coalesce(last_visited_on, ${visitedOn}::date), ${visitedOn}::date),
             next_visit_due = case when visit_every_days is null then null
                                   else greatest(coalesce(last_visited_on, ${visitedOn}::date), ${visitedOn}::date) + visit_every_days end,
             updated_at = now()
       where ${which}`);
    await recordAudit(tx, actor, { action: 'registry.visit.record', targetType: 'resident', targetId: resident.id, orgPath: resident.orgPath, details: { visitId: visit?.id, method: input.method, visitedOn } });
    return visit as typeof visits.$inferSelect;
  });
}

/** Visits in scope, newest first (of one person, or under a node). */
export async function listVisits(db: Db, actor: Actor, q: { residentId?: string | undefined; under?: string | undefined; page: number; pageSize: number }) {
  requirePermission(actor, 'registry.read');
  const path = await pathOfCode(db, q.under);
  const conditions: SQL[] = [inScope(actor, 'registry.read', visits.orgPath), sql`(${visits.membershipId} is null or exists (select 1 from key_group_memberships m where m.id = ${visits.membershipId} and ${visibleMembershipCondition(actor, sql`m`)}))`];
  if (q.residentId) conditions.push(eq(visits.residentId, q.residentId));
  if (path) conditions.push(sql`(${visits.orgPath} = ${path} or ${visits.orgPath} like ${`${path}.%`})`);
  const where = and(...conditions);
  const [items, [count]] = await Promise.all([
    db
      .select({ id: visits.id, residentId: visits.residentId, residentName: residents.name, orgPath: visits.orgPath, membershipId: visits.membershipId, visitedOn: visits.visitedOn, method: visits.method, visitorName: visits.visitorName, notes: visits.notes, createdAt: visits.createdAt })
      .from(visits)
      .innerJoin(residents, eq(residents.id, visits.residentId))
      .where(where)
      .orderBy(desc(visits.visitedOn), desc(visits.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(visits).where(where),
  ]);
  return { items, total: count?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/** A grid worker's start screen: my grids, what is in them, and who is due for a visit. */
export async function myGridSummary(db: Db, actor: Actor) {
  requirePermission(actor, 'registry.read');
  const today = chinaToday();
  const gridRows = await db
    .select({ code: grids.code, name: grids.name, orgPath: grids.orgPath })
    .from(grids)
    .where(inScope(actor, 'registry.read', grids.orgPath))
    .orderBy(asc(grids.code))
    .limit(50);
  const [counts] = await queryRows<Record<string, number>>(db, sql`
    select (select count(*)::int from buildings where ${inScope(actor, 'registry.read', sql`buildings.org_path`)}) as buildings,
           (select count(*)::int from houses where ${inScope(actor, 'registry.read', sql`houses.org_path`)}) as houses,
           (select count(*)::int from residents where status = 'active' and ${inScope(actor, 'registry.read', sql`residents.org_path`)}) as residents,
           (select count(*)::int from key_group_memberships m where m.until is null and ${inScope(actor, 'registry.read', sql`m.org_path`)} and ${visibleMembershipCondition(actor, sql`m`)}) as "keyGroupMembers",
           (select count(*)::int from key_group_memberships m where m.until is null and m.next_visit_due < ${today}::date and ${inScope(actor, 'registry.read', sql`m.org_path`)} and ${visibleMembershipCondition(actor, sql`m`)}) as overdue,
           (select count(*)::int from key_group_memberships m where m.until is null and m.next_visit_due between ${today}::date and ${addDays(today, 7)}::date and ${inScope(actor, 'registry.read', sql`m.org_path`)} and ${visibleMembershipCondition(actor, sql`m`)}) as "dueThisWeek"
  `);
  return {
    grids: gridRows.map(({ code, name }) => ({ code, name })),
    counts: {
      buildings: counts?.buildings ?? 0,
      houses: counts?.houses ?? 0,
      residents: counts?.residents ?? 0,
      keyGroupMembers: counts?.keyGroupMembers ?? 0,
      overdue: counts?.overdue ?? 0,
      dueThisWeek: counts?.dueThisWeek ?? 0,
    },
  };
}

