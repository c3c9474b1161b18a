// One page of a list: the rows of the page and the count of all rows on the same condition,
// read together. Every paged list of the modules ends here.
import { sql } from 'drizzle-orm';

/** What a paged list is asked for (see pageQuery in paging.ts). */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** A page of a list, as every paged response has it. */
export interface ListPage<T> extends PageRequest {
  items: T[];
  total: number;
}

/** The select list that counts rows: `db.select(countAll).from(table).where(where)`. */
export const countAll = { total: sql<number>`count(*)::int` };

/** How many rows the page skips. */
export function offsetOf(q: PageRequest): number {
  return (q.page - 1) * q.pageSize;
}

/** An empty page (a search that can match nothing). */
export function emptyPage<T>(q: PageRequest): ListPage<T> {
  return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
}

/** Runs the page's rows query and its count query together; `present` turns rows into items. */
export async function listPage<R, T = R>(
  q: PageRequest,
  rows: PromiseLike<R[]>,
  count: PromiseLike<{ total: number }[]>,
  present: (rows: R[]) => T[] | Promise<T[]> = (found) => found as unknown as T[],
): Promise<ListPage<T>> {
  const [found, [counted]] = await Promise.all([rows, count]);
  return { items: await present(found), total: counted?.total ?? 0, page: q.page, pageSize: q.pageSize };
}
