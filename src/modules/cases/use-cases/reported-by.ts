// Cases reported by given people in a time window, without scope: for the grid workers'
// patrols, duty items and records (gridwork), which check scope on their own rows. Who
// reported a case is the actor of its first timeline entry (reporter_user_id is kept for
// residents only).
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { caseTimeline, cases } from '../schema.ts';
import type { CaseState } from '../contract.ts';

export interface ReportedCase {
  id: string;
  number: string;
  title: string;
  state: CaseState;
  categoryCode: string;
  reporterUserId: string;
  gridCode: string | null;
  reportedAt: Date;
}

/** The cases these users reported in [from, to), oldest first. */
export async function casesReportedBy(db: Db, reporterIds: readonly string[], from: Date, to: Date): Promise<ReportedCase[]> {
  if (reporterIds.length === 0) return [];
  const rows = await db
    .select({ id: cases.id, number: cases.number, title: cases.title, state: cases.state, categoryCode: cases.categoryCode, reporterUserId: caseTimeline.actorId, gridCode: cases.gridCode, reportedAt: cases.createdAt })
    .from(caseTimeline)
    .innerJoin(cases, eq(cases.id, caseTimeline.caseId))
    .where(and(eq(caseTimeline.action, 'report'), inArray(caseTimeline.actorId, [...reporterIds]), gte(cases.createdAt, from), lt(cases.createdAt, to)))
    .orderBy(cases.createdAt);
  return rows.map((r) => ({ ...r, reporterUserId: r.reporterUserId as string }));
}
