// Points for taking part: the community's (or its street's) rule prices the action, and the
// award lands in the append-only ledger once per source.
import type { Db } from '../../../platform/db.ts';
import type { PointsAction } from '../contract.ts';

export interface PointsAward {
  /** The registry resident who took part. */
  residentId: string;
  /** The community whose rule applies (12 digits). */
  communityCode: string;
  action: PointsAction;
  /** What earned it, e.g. `meeting` + the meeting's id: a second award for the same source and resident is ignored. */
  sourceKind: string;
  sourceId: string;
  /** A short line for the ledger, e.g. the meeting's title. */
  note?: string;
}

/** Awards the points of the community's rule for the action; returns the points given (0 without a rule or when already awarded). */
export async function awardParticipationPoints(_db: Db, _award: PointsAward): Promise<number> {
  // The ledger lands in the next commit; the signature is what part-b calls.
  return 0;
}
