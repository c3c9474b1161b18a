// Counts the lists no longer pay for on every page: the exact count of a filtered list
// (cached briefly per actor and filter, since boards ask again on every visit) and the
// to-do board's counts, all from one query over the to-do's branches.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { queryRows } from '../../../platform/db.ts';
import { requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import type { CaseCount, TodoCounts } from '../contract.ts';
import { cases } from '../schema.ts';
import { countCases, listConditions, type CaseFilters } from './list-cases.ts';
import { todoBranches, todoRows, todoStates } from './todo.ts';
import { scopeKey, TimedCache } from './scoped-cache.ts';

const COUNT_CAP = 10_000;
const cache = new TimedCache<CaseCount>(30_000, 2_000);

/** The list's filters counted up to 10,000 (capped: more), the same answer for 30 s per actor scope and filter. */
export async function countCasesCached(db: Db, actor: Actor, q: CaseFilters, now = new Date()): Promise<CaseCount> {
  const key = `${scopeKey(actor)}|${JSON.stringify(q)}`;
  const hit = cache.get(key, now.getTime());
  if (hit) return hit;
  const total = await countCases(db, actor, q, COUNT_CAP, now);
  const count = { total: Math.min(total, COUNT_CAP), capped: total > COUNT_CAP };
  cache.set(key, count, now.getTime());
  return count;
}

/** The to-do board's counts: all, overdue, red, yellow and per waiting state, in one query. */
export async function countTodo(db: Db, actor: Actor, now = new Date()): Promise<TodoCounts> {
  requirePermission(actor, 'case.read');
  const { states } = todoStates(actor);
  const branches = todoBranches(actor);
  const zero: TodoCounts = { all: 0, overdue: 0, red: 0, yellow: 0, byState: Object.fromEntries(states.map((s) => [s, 0])) };
  if (branches.length === 0) return zero;
  const { visible, filters } = await listConditions(db, actor, {}, now);
  const byState = states.map((s, i) => sql`count(*) filter (where t.state = ${s})::int as ${sql.identifier(`s${i}`)}`);
  // The columns counted come from the branches' own rows: a second look-up of every case by
  // its id cost a random heap read per open case (2.2 s for a district of 10 M cases).
  const columns = sql`${cases.id}, ${cases.state}, ${cases.overdueAt} as overdue_at, ${cases.deadlineAt} as deadline_at, ${cases.slaLevel} as sla_level`;
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select count(*)::int as total,
        count(*) filter (where t.overdue_at is not null or t.deadline_at < ${now.toISOString()})::int as overdue,
        count(*) filter (where t.sla_level = 'red')::int as red,
        count(*) filter (where t.sla_level = 'yellow')::int as yellow
        ${byState.length ? sql`, ${sql.join(byState, sql`, `)}` : sql``}
      from (${todoRows(branches, visible, filters, columns)}) t`,
  );
  if (!row) return zero;
  return { all: row.total ?? 0, overdue: row.overdue ?? 0, red: row.red ?? 0, yellow: row.yellow ?? 0, byState: Object.fromEntries(states.map((s, i) => [s, row[`s${i}`] ?? 0])) };
}
