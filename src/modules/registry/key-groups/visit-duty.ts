// Key-group members and their visits, without scope: for the grid workers' duty lists
// (九必访) and records (gridwork), which check scope on the worker's grids themselves.
import { and, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { underPaths } from '../../../platform/auth/scope.ts';
import { keyGroupMemberships, residents, visits } from '../schema.ts';

export interface MemberVisitStatus {
  membershipId: string;
  residentId: string;
  residentName: string;
  kind: string;
  gridCode: string;
  /** The member's last visit before `since` (any visitor), or null. */
  lastVisitBefore: string | null;
  /** Visits of the member on or after `since`, oldest first. */
  visitsSince: { id: string; visitedOn: string; visitorId: string | null }[];
}

/** Current members of these key-group kinds living under the org paths, with their visits around `since` (YYYY-MM-DD). */
export async function keyGroupVisitStatus(db: Db, orgPaths: readonly string[], kinds: readonly string[], since: string): Promise<MemberVisitStatus[]> {
  if (orgPaths.length === 0 || kinds.length === 0) return [];
  const members = await db
    .select({
      membershipId: keyGroupMemberships.id,
      residentId: keyGroupMemberships.residentId,
      residentName: residents.name,
      kind: keyGroupMemberships.kind,
      gridCode: residents.gridCode,
      lastVisitBefore: sql<string | null>`(select max(v.visited_on)::text from visits v where v.resident_id = ${keyGroupMemberships.residentId} and v.visited_on < ${since}::date)`,
    })
    .from(keyGroupMemberships)
    .innerJoin(residents, eq(residents.id, keyGroupMemberships.residentId))
    .where(and(isNull(keyGroupMemberships.until), inArray(keyGroupMemberships.kind, [...kinds]), eq(residents.status, 'active'), underPaths(residents.orgPath, orgPaths)))
    .orderBy(residents.gridCode, residents.namePinyin);
  if (members.length === 0) return [];
  const recent = await db
    .select({ id: visits.id, residentId: visits.residentId, visitedOn: visits.visitedOn, visitorId: visits.visitorId })
    .from(visits)
    .where(and(inArray(visits.residentId, [...new Set(members.map((m) => m.residentId))]), gte(visits.visitedOn, since)))
    .orderBy(visits.visitedOn);
  return members.map((m) => ({ ...m, visitsSince: recent.filter((v) => v.residentId === m.residentId).map(({ residentId: _, ...v }) => v) }));
}

/** Visits these users recorded in [from, to) (YYYY-MM-DD), with the resident's name, oldest first. */
export async function visitsRecordedBy(db: Db, visitorIds: readonly string[], from: string, to: string, createdFrom?: Date, createdTo?: Date) {
  if (visitorIds.length === 0) return [];
  const conditions = [inArray(visits.visitorId, [...visitorIds]), gte(visits.visitedOn, from), lt(visits.visitedOn, to)];
  if (createdFrom) conditions.push(gte(visits.createdAt, createdFrom));
  if (createdTo) conditions.push(lt(visits.createdAt, createdTo));
  return db
    .select({ id: visits.id, residentId: visits.residentId, residentName: residents.name, visitedOn: visits.visitedOn, method: visits.method, visitorId: visits.visitorId, createdAt: visits.createdAt })
    .from(visits)
    .innerJoin(residents, eq(residents.id, visits.residentId))
    .where(and(...conditions))
    .orderBy(visits.createdAt);
}
