// The case list: filters, search, the to-do filter and paging in the actor's scope, and the
// same rows in batches for the Excel export. A page reads one row more than it shows (is
// there a next page?) and counts nothing: a district's million cases cost more to count
// than to page through.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { queryRows } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { requirePermission, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import { placeOf } from '../../org/index.ts';
import type { CaseListItem, CasePage, CaseSort, CaseSource, CaseState, CaseTier, CaseUrgency, MatterClass, SlaLevel } from '../contract.ts';
import { caseHandlers, cases } from '../schema.ts';
import { loadCaseRules } from '../settings.ts';
import { caseActorId, dispatchedTo, onlyDepartmentOf, visibleCases } from '../policies.ts';
import { searchTerms, type CaseDeps } from './common.ts';
import { listItemColumns, orgUnitNamesOf, presentListItem, type ListItemRow } from './present.ts';
import { todoBranches, todoIds, todoRows, type TodoBranch } from './todo.ts';
import { scopeKey, TimedCache } from './scoped-cache.ts';


export interface CaseListQuery {
  states?: CaseState[] | undefined;
  categoryCode?: string | undefined;
  classCode?: string | undefined;
  matterClass?: MatterClass | undefined;
  source?: CaseSource | undefined;
  tier?: CaseTier | undefined;
  urgency?: CaseUrgency | undefined;
  under?: string | undefined;
  handlingUnit?: string | undefined;
  overdue?: boolean | undefined;
  slaLevel?: SlaLevel | undefined;
  supervised?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
  /** My to-do: cases waiting for an action of the actor's org units. */
  todo?: boolean | undefined;
  /** Cases I reported. */
  mine?: boolean | undefined;
  sort?: CaseSort | undefined;
  page: number;
  pageSize: number;
}

export type CaseFilters = Omit<CaseListQuery, 'page' | 'pageSize' | 'sort'>;

interface ListConditions {
  /** What the actor may see and the filters keep. */
  where: SQL;
  visible: SQL;
  filters: SQL;
  /** The department whose dispatched cases hold every row (see onlyDepartmentOf), or null. */
  department: string | null;
}

/**
 * The list's conditions but the to-do's (which the callers unite branch by branch), and the
 * department whose dispatched cases hold every row the list can show (or null).
 */
export async function listConditions(db: Db, actor: Actor, q: CaseFilters, now: Date): Promise<ListConditions> {
  const visible = visibleCases(actor);
  const conditions: (SQL | undefined)[] = [sql`true`];
  let department = onlyDepartmentOf(actor);
  if (q.states?.length) conditions.push(inArray(cases.state, q.states));
  if (q.categoryCode) conditions.push(eq(cases.categoryCode, q.categoryCode));
  if (q.classCode) conditions.push(eq(cases.classCode, q.classCode));
  if (q.matterClass) conditions.push(eq(cases.matterClass, q.matterClass));
  if (q.source) conditions.push(eq(cases.source, q.source));
  if (q.tier) conditions.push(eq(cases.tier, q.tier));
  if (q.urgency) conditions.push(eq(cases.urgency, q.urgency));
  if (q.under) {
    const orgUnit = await placeOf(db, q.under);
    if (!orgUnit) throw new AppError('NOT_FOUND', { what: q.under });
    conditions.push(orgUnit.level === 'department' ? dispatchedTo(orgUnit.code) : underPaths(cases.orgPath, [orgUnit.orgPath]));
    if (orgUnit.level === 'department') department = orgUnit.code;
  }
  if (q.handlingUnit) conditions.push(eq(cases.handlingUnit, q.handlingUnit));
  // The caller's clock, not the database's now(): a list at an injected time (tests, the demo) agrees with its sla views.
  if (q.overdue) conditions.push(sql`(${cases.overdueAt} is not null or ${cases.deadlineAt} < ${now.toISOString()})`);
  if (q.slaLevel) conditions.push(eq(cases.slaLevel, q.slaLevel));
  if (q.supervised) conditions.push(sql`${cases.supervisionLevel} is not null`);
  if (q.from) conditions.push(sql`${cases.createdAt} >= ${q.from.toISOString()}`);
  if (q.to) conditions.push(sql`${cases.createdAt} < ${q.to.toISOString()}`);
  if (q.q?.trim()) {
    const text = q.q.trim();
    const terms = searchTerms(text);
    conditions.push(
      /^[A-Za-z]{1,4}\d{8}-\d{1,7}$/.test(text)
        ? eq(cases.number, text)
        : terms.length
          ? sql`${cases.searchVector} @@ to_tsquery('simple', ${terms.map((t) => `'${t.replace(/'/g, "''")}'`).join(' & ')})`
          : sql`false`,
    );
  }
  if (q.mine) conditions.push(actor.id ? sql`(${cases.reporterUserId} = ${actor.id} or ${cases.createdBy} = ${caseActorId(actor)})` : sql`false`);
  const filters = and(...conditions) as SQL;
  return { where: sql`${visible} and ${filters}`, visible, filters, department };
}

// Each order ends on the id, so a page boundary is the same however the rows are found
// (the to-do's branches and their union agree on it).
const sorts = {
  created_desc: [desc(cases.createdAt), desc(cases.id)],
  updated_desc: [desc(cases.updatedAt), desc(cases.id)],
  deadline_asc: [sql`${cases.deadlineAt} asc nulls last`, desc(cases.createdAt), desc(cases.id)],
} as const;

// The estimate is the same for every page of a scope and filter for a while: the list under
// load (the to-do's branches plan in milliseconds) asks the planner once per few seconds.
const estimates = new TimedCache<number>(10_000, 2_000);

/** The planner's estimate of the rows a condition keeps (EXPLAIN reads no row), the same answer for 10 s per scope and filter. */
async function estimatedRows(db: Db, key: string, from: SQL, now: Date): Promise<number> {
  const hit = estimates.get(key, now.getTime());
  if (hit !== undefined) return hit;
  const [plan] = await queryRows<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] | string }>(db, sql`explain (format json) select 1 from ${from}`);
  const raw = plan?.['QUERY PLAN'];
  const parsed = typeof raw === 'string' ? (JSON.parse(raw) as [{ Plan: { 'Plan Rows': number } }]) : raw;
  const rows = Math.round(parsed?.[0]?.Plan['Plan Rows'] ?? 0);
  estimates.set(key, rows, now.getTime());
  return rows;
}

/** Where the list reads from: the cases meeting the conditions, through the to-do's branches when asked for it. */
function source(actor: Actor, c: ListConditions, todo: boolean | undefined): SQL | null {
  if (!todo) return c.where;
  const branches = todoBranches(actor);
  return branches.length ? sql`${cases.id} in (${todoIds(branches, c.visible, c.filters)})` : null;
}

const listColumns = Object.entries(listItemColumns);
const listColumnsSql = sql.join(
  listColumns.map(([, column]) => sql`${column}`),
  sql`, `,
);

/**
 * A page of the to-do: the branches' own rows united under the name `cases`, so that the
 * list's order (written on cases' columns) applies to the union as it stands.
 */
async function todoPage(db: Db, branches: TodoBranch[], c: ListConditions, order: SQL, limit: number, offset: number): Promise<ListItemRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select * from (${todoRows(branches, c.visible, c.filters, listColumnsSql, { order, limit: offset + limit })}) as ${cases} order by ${order} limit ${limit} offset ${offset}`,
  );
  // As drizzle maps a select's columns: by each column's own mapping of the driver's value.
  return rows.map((row) => Object.fromEntries(listColumns.map(([key, column]) => {
    const value = row[column.name];
    return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
  })) as ListItemRow);
}

/** The case list with filters and paging, in the actor's scope. */
export async function listCases(deps: Pick<CaseDeps, 'db'>, actor: Actor, q: CaseListQuery, now = new Date()): Promise<CasePage> {
  const { db } = deps;
  requirePermission(actor, 'case.read');
  const conditions = await listConditions(db, actor, q, now);
  const { where, department } = conditions;
  const rules = await loadCaseRules(db);
  const sort = q.sort ?? 'created_desc';
  const order = sql.join([...sorts[sort]], sql`, `);
  const offset = (q.page - 1) * q.pageSize;
  const branches = q.todo ? todoBranches(actor) : [];
  if (q.todo && !branches.length) return { items: [], page: q.page, pageSize: q.pageSize, hasMore: false, total: 0, totalExact: true };
  // The page's rows come with the statement that finds them: one round trip, one plan.
  // A department's newest cases: its rows of case_handlers in time order, each joined to its case.
  const byDepartment = department !== null && !q.todo && sort === 'created_desc';
  const found = q.todo
    ? await todoPage(db, branches, conditions, order, q.pageSize + 1, offset)
    : byDepartment
      ? await db
          .select(listItemColumns)
          .from(caseHandlers)
          .innerJoin(cases, eq(cases.id, caseHandlers.caseId))
          .where(sql`${caseHandlers.unit} = ${department} and ${where}`)
          .orderBy(desc(caseHandlers.createdAt), desc(caseHandlers.caseId))
          .limit(q.pageSize + 1)
          .offset(offset)
      : await db
          .select(listItemColumns)
          .from(cases)
          .where(where)
          .orderBy(...sorts[sort])
          .limit(q.pageSize + 1)
          .offset(offset);
  const hasMore = found.length > q.pageSize;
  const rows = found.slice(0, q.pageSize);
  const names = await orgUnitNamesOf(db, rows.flatMap((r) => [r.communityCode, r.streetCode, r.handlingUnit]));
  // Past the last page the total is known; before it, the planner's estimate stands in, never fewer than the rows seen.
  const seen = offset + found.length;
  const key = `${scopeKey(actor)}|${JSON.stringify(filtersOf(q))}`;
  const total = hasMore ? Math.max(seen, await estimatedRows(db, key, sql`${cases} where ${source(actor, conditions, q.todo) ?? sql`false`}`, now)) : seen;
  return { items: rows.map((r) => presentListItem(r, names, rules, now)), page: q.page, pageSize: q.pageSize, hasMore, total, totalExact: !hasMore };
}

/** The filters of a list query: what its rows are, not which of them a page shows. */
function filtersOf({ page: _page, pageSize: _pageSize, sort: _sort, ...filters }: CaseListQuery): CaseFilters {
  return filters;
}

/** Cases meeting the filters, counted exactly; with a cap, up to cap + 1 (the count request). */
export async function countCases(db: Db, actor: Actor, q: CaseFilters, cap: number | null, now = new Date()): Promise<number> {
  requirePermission(actor, 'case.read');
  const condition = source(actor, await listConditions(db, actor, q, now), q.todo);
  if (!condition) return 0;
  const from = sql`${cases} where ${condition}`;
  const limited = cap === null ? sql`select 1 from ${from}` : sql`select 1 from ${from} limit ${cap + 1}`;
  const [count] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from (${limited}) counted`);
  return count?.total ?? 0;
}

/** Rows for an export, in batches (the caller writes them out); more than `max` is refused before any is read. */
export async function* casesForExport(deps: Pick<CaseDeps, 'db'>, actor: Actor, q: Omit<CaseListQuery, 'page' | 'pageSize'>, max: number, now = new Date()): AsyncGenerator<CaseListItem[]> {
  const total = await countCases(deps.db, actor, q, null, now);
  if (total > max) throw new AppError('CASE_EXPORT_TOO_LARGE', { total, max });
  const batch = 2000;
  for (let page = 1; ; page++) {
    const found = await listCases(deps, actor, { ...q, page, pageSize: batch }, now);
    if (found.items.length) yield found.items;
    if (!found.hasMore) return;
  }
}
