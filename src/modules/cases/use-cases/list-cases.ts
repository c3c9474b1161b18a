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
import { orgUnitNamesOf, presentListItem } from './present.ts';
import { todoBranches, todoIds } from './todo.ts';


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

/** The planner's estimate of the rows a condition keeps (EXPLAIN reads no row). */
async function estimatedRows(db: Db, from: SQL): Promise<number> {
  const [plan] = await queryRows<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] | string }>(db, sql`explain (format json) select 1 from ${from}`);
  const raw = plan?.['QUERY PLAN'];
  const parsed = typeof raw === 'string' ? (JSON.parse(raw) as [{ Plan: { 'Plan Rows': number } }]) : raw;
  return Math.round(parsed?.[0]?.Plan['Plan Rows'] ?? 0);
}

/** Where the list reads from: the cases meeting the conditions, through the to-do's branches when asked for it. */
function source(actor: Actor, c: ListConditions, todo: boolean | undefined, top?: { order: SQL; limit: number }): SQL | null {
  if (!todo) return sql`${cases} where ${c.where}`;
  const branches = todoBranches(actor);
  return branches.length ? sql`${cases} where ${cases.id} in (${todoIds(branches, c.visible, c.filters, top)})` : null;
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
  const from = source(actor, conditions, q.todo, { order, limit: offset + q.pageSize + 1 });
  if (!from) return { items: [], page: q.page, pageSize: q.pageSize, hasMore: false, total: 0, totalExact: true };
  const window = sql`limit ${q.pageSize + 1} offset ${offset}`;
  // A department's newest cases: its rows of case_handlers in time order, each joined to its case.
  const byDepartment = department !== null && !q.todo && sort === 'created_desc';
  const found = await queryRows<Record<string, unknown>>(
    db,
    byDepartment
      ? sql`select ${cases.id} as id from ${caseHandlers} join ${cases} on ${cases.id} = ${caseHandlers.caseId}
          where ${caseHandlers.unit} = ${department} and ${where} order by ${caseHandlers.createdAt} desc, ${caseHandlers.caseId} desc ${window}`
      : sql`select ${cases.id} as id from ${from} order by ${order} ${window}`,
  );
  const hasMore = found.length > q.pageSize;
  const ids = found.slice(0, q.pageSize).map((r) => r.id as string);
  const loaded = ids.length ? await db.select().from(cases).where(inArray(cases.id, ids)) : [];
  const byId = new Map(loaded.map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const names = await orgUnitNamesOf(db, rows.flatMap((r) => [r.communityCode, r.streetCode, r.handlingUnit]));
  // Past the last page the total is known; before it, the planner's estimate stands in, never fewer than the rows seen.
  const seen = offset + found.length;
  const total = hasMore ? Math.max(seen, await estimatedRows(db, source(actor, conditions, q.todo) ?? sql`${cases} where false`)) : seen;
  return { items: rows.map((r) => presentListItem(r, names, rules, now)), page: q.page, pageSize: q.pageSize, hasMore, total, totalExact: !hasMore };
}

/** Cases meeting the filters, counted exactly; with a cap, up to cap + 1 (the count request). */
export async function countCases(db: Db, actor: Actor, q: CaseFilters, cap: number | null, now = new Date()): Promise<number> {
  requirePermission(actor, 'case.read');
  const from = source(actor, await listConditions(db, actor, q, now), q.todo);
  if (!from) return 0;
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
