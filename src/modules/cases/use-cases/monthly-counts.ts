// Cases reported per month, category and community under a node, without scope: for the
// assessment's recurring problems and its topics (每月一题), which check scope on their own.
// Rejected and merged reports are left out, so a problem reported twice counts once.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { queryRows } from '../../../platform/db.ts';

export interface MonthlyCaseCount {
  categoryCode: string;
  categoryName: string;
  communityCode: string;
  /** YYYY-MM in China time. */
  month: string;
  count: number;
}

/** Counts of cases reported in [from, to) under an org path, by category × community × month; optionally one category and community. */
export async function monthlyCaseCounts(db: Db, q: { underPath: string; from: Date; to: Date; categoryCode?: string; communityCode?: string }): Promise<MonthlyCaseCount[]> {
  const like = q.underPath === '' ? '%' : `${q.underPath}.%`;
  return queryRows<MonthlyCaseCount>(
    db,
    sql`select c.category_code as "categoryCode", k.name as "categoryName", c.community_code as "communityCode",
          to_char(c.created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as count
        from cases c join case_categories k on k.code = c.category_code
        where c.created_at >= ${q.from.toISOString()} and c.created_at < ${q.to.toISOString()}
          and (c.org_path like ${like} or c.org_path = ${q.underPath})
          and c.community_code is not null and c.state not in ('rejected', 'merged')
          ${q.categoryCode ? sql`and c.category_code = ${q.categoryCode}` : sql``}
          ${q.communityCode ? sql`and c.community_code = ${q.communityCode}` : sql``}
        group by 1, 2, 3, 4`,
  );
}
