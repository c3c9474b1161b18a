// The case list: filters, search, the to-do filter and paging in the actor's scope, and the
// same rows in batches for the Excel export.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { queryRows } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { requirePermission, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import { placeOf } from '../../org/index.ts';
import type { CaseListItem, CasePage, CaseSort, CaseSource, CaseState, CaseTier, CaseUrgency, MatterClass, SlaLevel } from '../contract.ts';
import { cases } from '../schema.ts';
import { loadCaseRules } from '../settings.ts';
import { caseActorId, visibleCases } from '../policies.ts';
import { searchTerms, type CaseDeps } from './common.ts';
import { orgUnitNamesOf, presentListItem } from './present.ts';
import { todoCondition } from './todo.ts';


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

async function listConditions(db: Db, actor: Actor, q: Omit<CaseListQuery, 'page' | 'pageSize' | 'sort'>, now: Date): Promise<SQL> {
  const conditions: (SQL | undefined)[] = [visibleCases(actor)];
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
    conditions.push(orgUnit.level === 'department' ? sql`${cases.handledBy} && ${sql.param([orgUnit.code])}::text[]` : underPaths(cases.orgPath, [orgUnit.orgPath]));
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
  if (q.todo) conditions.push(todoCondition(actor));
  if (q.mine) conditions.push(actor.id ? sql`(${cases.reporterUserId} = ${actor.id} or ${cases.createdBy} = ${caseActorId(actor)})` : sql`false`);
  return and(...conditions) as SQL;
}

const sorts = {
  created_desc: [desc(cases.createdAt), desc(cases.id)],
  updated_desc: [desc(cases.updatedAt), desc(cases.id)],
  deadline_asc: [sql`${cases.deadlineAt} asc nulls last`, desc(cases.createdAt)],
} as const;

const COUNT_CAP = 10_000;

/** The case list with filters and paging, in the actor's scope. */
export async function listCases(deps: Pick<CaseDeps, 'db'>, actor: Actor, q: CaseListQuery, now = new Date()): Promise<CasePage> {
  const { db } = deps;
  requirePermission(actor, 'case.read');
  const where = await listConditions(db, actor, q, now);
  const rules = await loadCaseRules(db);
  // Counting a whole district's million cases costs more than the page itself: count up to
  // a cap, and say when the real total is larger (the list shows "10000+").
  const [rows, [count]] = await Promise.all([
    db.select().from(cases).where(where).orderBy(...sorts[q.sort ?? 'created_desc']).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from (select 1 from ${cases} where ${where} limit ${COUNT_CAP + 1}) capped`),
  ]);
  const names = await orgUnitNamesOf(db, rows.flatMap((r) => [r.communityCode, r.streetCode, r.handlingUnit]));
  const total = Math.min(count?.total ?? 0, COUNT_CAP);
  return { items: rows.map((r) => presentListItem(r, names, rules, now)), total, totalCapped: (count?.total ?? 0) > COUNT_CAP, page: q.page, pageSize: q.pageSize };
}

/** Rows for an export, in batches (the caller writes them out). */
export async function* casesForExport(deps: Pick<CaseDeps, 'db'>, actor: Actor, q: Omit<CaseListQuery, 'page' | 'pageSize'>, max: number, now = new Date()): AsyncGenerator<CaseListItem[]> {
  const { db } = deps;
  requirePermission(actor, 'case.read');
  const where = await listConditions(db, actor, q, now);
  const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(cases).where(where);
  if ((count?.total ?? 0) > max) throw new AppError('CASE_EXPORT_TOO_LARGE', { total: count?.total, max });
  const rules = await loadCaseRules(db);
  const batch = 2000;
  for (let offset = 0; ; offset += batch) {
    const rows = await db.select().from(cases).where(where).orderBy(...sorts[q.sort ?? 'created_desc']).limit(batch).offset(offset);
    if (rows.length === 0) return;
    const names = await orgUnitNamesOf(db, rows.flatMap((r) => [r.communityCode, r.streetCode, r.handlingUnit]));
    yield rows.map((r) => presentListItem(r, names, rules, now));
    if (rows.length < batch) return;
  }
}
