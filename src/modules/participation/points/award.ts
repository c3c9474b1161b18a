// Points for taking part: the community's rule (or else its street's) prices the action, and the
// award lands in the append-only ledger once per resident, action and source (a unique key, so
// a retried or repeated award adds nothing).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { pathOf } from '../../org/index.ts';
import type { PointsAction } from '../contract.ts';
import { participationPointsEntries, participationPointsRules } from '../schema.ts';

export interface PointsAward {
  /** The registry resident who took part. */
  residentId: string;
  /** The community whose rule applies (its code). */
  communityCode: string;
  action: PointsAction;
  /** What earned it, e.g. `meeting` + the meeting's id: a second award for the same source and resident is ignored. */
  sourceKind: string;
  sourceId: string;
  /** A short line for the ledger, e.g. the meeting's title. */
  note?: string;
}

/** The points the rules give an action in a community: the community's own rule, else its street's, else 0. */
export async function pointsFor(db: Db, communityPath: string, action: PointsAction): Promise<number> {
  const codes = communityPath.split('.');
  const [communityCode, streetCode] = [codes[4], codes[3]].filter((c): c is string => c !== undefined);
  const rows = await db
    .select({ orgCode: participationPointsRules.orgCode, points: participationPointsRules.points })
    .from(participationPointsRules)
    .where(and(eq(participationPointsRules.action, action), inArray(participationPointsRules.orgCode, [communityCode ?? '', streetCode ?? ''])));
  return (rows.find((r) => r.orgCode === communityCode) ?? rows.find((r) => r.orgCode === streetCode))?.points ?? 0;
}

/** Awards the points of the community's rule for the action; returns the points given (0 without a rule or when already awarded). */
export async function awardParticipationPoints(db: Db, award: PointsAward): Promise<number> {
  const communityPath = await pathOf(db, award.communityCode);
  if (!communityPath) return 0;
  const points = await pointsFor(db, communityPath, award.action);
  if (points === 0) return 0;
  const inserted = await db
    .insert(participationPointsEntries)
    .values({ residentId: award.residentId, communityCode: award.communityCode, orgPath: communityPath, action: award.action, points, sourceKind: award.sourceKind, sourceId: award.sourceId, note: (award.note ?? '').slice(0, 200) })
    .onConflictDoNothing()
    .returning({ id: participationPointsEntries.id });
  return inserted.length > 0 ? points : 0;
}
