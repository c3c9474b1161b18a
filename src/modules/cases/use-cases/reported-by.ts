// Cases reported by given people in a time window, without scope: for the grid workers'
// patrols, duty items and records (gridwork), which check scope on their own rows.
import { and, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { cases } from '../schema.ts';
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
    .select({ id: cases.id, number: cases.number, title: cases.title, state: cases.state, categoryCode: cases.categoryCode, reporterUserId: cases.reporterUserId, gridCode: cases.gridCode, reportedAt: cases.createdAt })
    .from(cases)
    .where(and(inArray(cases.reporterUserId, [...reporterIds]), gte(cases.createdAt, from), lt(cases.createdAt, to)))
    .orderBy(cases.createdAt);
  return rows.map((r) => ({ ...r, reporterUserId: r.reporterUserId as string }));
}
