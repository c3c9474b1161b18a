// Facts of cases for the services module, without scope (it checks its own): a closed case's
// reporter and place for its 好差评 rating, and a month's cases with their category for the
// generated ledger of cases by category.
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { underPaths } from '../../../platform/auth/scope.ts';
import { caseCategories, cases } from '../schema.ts';
import type { CaseState } from '../contract.ts';

export interface CaseFact {
  id: string;
  number: string;
  title: string;
  state: CaseState;
  categoryCode: string;
  categoryName: string;
  reporterUserId: string | null;
  orgPath: string;
  communityCode: string | null;
  streetCode: string | null;
  createdAt: Date;
  closedAt: Date | null;
}

/** Cases by id, or the cases created under some org paths in [from, to), oldest first. */
export async function caseFacts(db: Db, filter: { ids: readonly string[] } | { orgPaths: readonly string[]; from: Date; to: Date }): Promise<CaseFact[]> {
  const where =
    'ids' in filter
      ? filter.ids.length === 0
        ? undefined
        : inArray(cases.id, [...filter.ids])
      : and(underPaths(cases.orgPath, filter.orgPaths), gte(cases.createdAt, filter.from), lt(cases.createdAt, filter.to));
  if (!where) return [];
  return db
    .select({
      id: cases.id, number: cases.number, title: cases.title, state: cases.state, categoryCode: cases.categoryCode, categoryName: caseCategories.name,
      reporterUserId: cases.reporterUserId, orgPath: cases.orgPath, communityCode: cases.communityCode, streetCode: cases.streetCode,
      createdAt: cases.createdAt, closedAt: cases.closedAt,
    })
    .from(cases)
    .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
    .where(where)
    .orderBy(cases.createdAt);
}
