// Visits (走访) to key-group members: recorded by grid workers (moving the next due date
// on), and listed newest first.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { listPage, countAll, offsetOf } from '../../../platform/list-page.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, requirePermission, shownName, type Actor } from '../../../platform/auth/scope.ts';
import type { Page, RecordVisitBody, VisitListQuery, VisitRow, VisitView } from '../contract.ts';
import { residents, visits } from '../schema.ts';
import { pathOfCode, underPath, validationFailed } from '../use-cases/common.ts';
import { chinaToday } from '../vocabulary.ts';
import { visibleMembershipCondition } from './catalogue.ts';
import { loadMembership } from './memberships.ts';

/**
 * Records a visit. With a membership it counts for that group; without, for every group
 * of the person the visitor can see. The next due date moves on from the visit.
 */
export async function recordVisit(
  db: Db,
  actor: Actor,
  input: RecordVisitBody,
): Promise<VisitView> {
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
    return visit as VisitView;
  });
}

/** Visits in scope, newest first (of one person, or under a node). */
export async function listVisits(db: Db, actor: Actor, q: VisitListQuery): Promise<Page<VisitRow>> {
  requirePermission(actor, 'registry.read');
  const path = await pathOfCode(db, q.under);
  const conditions: SQL[] = [inScope(actor, 'registry.read', visits.orgPath), sql`(${visits.membershipId} is null or exists (select 1 from key_group_memberships m where m.id = ${visits.membershipId} and ${visibleMembershipCondition(actor, sql`m`)}))`];
  if (q.residentId) conditions.push(eq(visits.residentId, q.residentId));
  if (path) conditions.push(underPath(visits.orgPath, path));
  const where = and(...conditions);
  return listPage(
    q,
    db
      .select({ id: visits.id, residentId: visits.residentId, residentName: residents.name, orgPath: visits.orgPath, membershipId: visits.membershipId, visitedOn: visits.visitedOn, method: visits.method, visitorName: visits.visitorName, notes: visits.notes, createdAt: visits.createdAt })
      .from(visits)
      .innerJoin(residents, eq(residents.id, visits.residentId))
      .where(where)
      .orderBy(desc(visits.visitedOn), desc(visits.createdAt))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select(countAll).from(visits).where(where),
  );
}

