// Key-group memberships: who belongs to which group, with what details and visit
// interval; and the list of members due or overdue for a visit.
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { listPage, countAll, offsetOf } from '../../../platform/list-page.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { assertInScope, inScope, requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import type { AddMembershipBody, EndedMembership, EndMembershipBody, KeyGroupMember, MemberQuery, MembershipView, Page, UpdateMembershipBody } from '../contract.ts';
import { keyGroupMemberships, residents } from '../schema.ts';
import { pathOfCode, underPath, validationFailed } from '../use-cases/common.ts';
import { presentResidents } from '../use-cases/present-residents.ts';
import type { Reveal } from '../use-cases/reveal.ts';
import { addDays, chinaToday } from '../vocabulary.ts';
import { kindCatalogue, kindFor, visibleMembershipCondition } from './catalogue.ts';
import { checkMembership } from './kinds.ts';

type Membership = typeof keyGroupMemberships.$inferSelect;

/** A membership the actor may change (sensitive ones need registry.sensitive). */
export async function loadMembership(db: Db, actor: Actor, id: string): Promise<Membership> {
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
  input: AddMembershipBody,
): Promise<MembershipView> {
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
export async function updateMembership(db: Db, actor: Actor, id: string, input: UpdateMembershipBody): Promise<MembershipView> {
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
export async function endMembership(db: Db, actor: Actor, id: string, input: EndMembershipBody): Promise<EndedMembership> {
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
  q: MemberQuery,
  reveal: Reveal | null,
): Promise<Page<KeyGroupMember>> {
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
  if (path) conditions.push(underPath(keyGroupMemberships.orgPath, path));
  if (q.kind) conditions.push(eq(keyGroupMemberships.kind, q.kind));
  if (q.overdue) conditions.push(sql`${keyGroupMemberships.nextVisitDue} < ${today}::date`);
  if (q.dueWithinDays !== undefined) conditions.push(sql`${keyGroupMemberships.nextVisitDue} <= ${addDays(today, q.dueWithinDays)}::date`);
  const where = and(...conditions);
  return listPage(
    q,
    db
      .select({ membership: keyGroupMemberships, resident: residents })
      .from(keyGroupMemberships)
      .innerJoin(residents, eq(residents.id, keyGroupMemberships.residentId))
      .where(where)
      .orderBy(sql`${keyGroupMemberships.nextVisitDue} asc nulls last`, asc(residents.namePinyin), asc(keyGroupMemberships.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select(countAll).from(keyGroupMemberships).where(where),
    async (rows) => {
      const people = await presentResidents(db, pii, actor, rows.map((r) => r.resident), reveal, 'key-groups');
      return rows.map((r, i) => ({
        ...r.membership,
        name: catalogue.get(r.membership.kind)?.name ?? r.membership.kind,
        daysOverdue: r.membership.nextVisitDue && r.membership.nextVisitDue < today ? Math.round((Date.parse(today) - Date.parse(r.membership.nextVisitDue)) / 86_400_000) : 0,
        resident: people[i] as KeyGroupMember['resident'],
      }));
    },
  );
}

