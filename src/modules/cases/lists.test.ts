// The lists that count nothing: the to-do as a union of branches returns exactly what the
// old OR-predicate returned (written here as the oracle), per role; its board's counts come
// in one answer; paging's hasMore is right at the boundaries; department lists read
// case_handlers, written with the dispatch.
import { describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { permissionsOf } from '../../platform/auth/roles.ts';
import { underPaths, type Actor } from '../../platform/auth/scope.ts';
import { todoRules } from './workflow.ts';
import { inGB1, setupCaseWorld } from './test-support.ts';

const world = await setupCaseWorld();
const { ctx, people, call, ok, report, step, caseIn } = world;
const db = ctx.database.db;

/** The to-do as it was before the union: visibility through the handled_by array, the rules OR-ed. */
function oldTodo(actor: Actor): SQL {
  const visible: SQL[] = [];
  const todo: SQL[] = [];
  for (const grant of actor.grants) {
    const unit = grant.orgPath === '' ? null : (grant.orgPath.split('.').at(-1) ?? null);
    const held = permissionsOf(grant.role);
    if (held.includes('case.read')) {
      if (grant.role === 'resident') visible.push(actor.id ? sql`reporter_user_id = ${actor.id}` : sql`false`);
      else if (grant.orgPath === '') visible.push(sql`true`);
      else if (grant.role === 'department_handler') visible.push(sql`handled_by && ${sql.param([unit])}::text[]`);
      else visible.push(sql`(${underPaths(sql`org_path`, [grant.orgPath])} or handled_by && ${sql.param([unit])}::text[])`);
    }
    for (const rule of todoRules) {
      if (!held.includes(rule.permission)) continue;
      const relation =
        rule.relation === 'anyone' ? underPaths(sql`org_path`, [grant.orgPath])
        : rule.relation === 'reporter' ? (actor.id ? sql`reporter_user_id = ${actor.id}` : sql`false`)
        : rule.relation === 'dispatcher' ? (unit === null ? sql`false` : sql`dispatcher_unit = ${unit}`)
        : unit === null ? sql`false` : sql`handling_unit = ${unit}`;
      const parts = [relation];
      if (rule.states) parts.push(sql`state in ${rule.states}`);
      if (rule.pendingExtension) parts.push(sql`pending_extension is not null`);
      todo.push(sql`(${sql.join(parts, sql` and `)})`);
    }
  }
  const or = (parts: SQL[]) => (parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`);
  return sql`${or(visible)} and ${or(todo)}`;
}

const oracleIds = async (actor: Actor) => (await queryRows<{ id: string }>(db, sql`select id from cases where ${oldTodo(actor)} order by id`)).map((r) => r.id);
const ext = { extension: { unit: 'working_days', amount: 2 }, reason: '需协调物业公司' };

// A mixed set: every state of the loop in community A1, a pending extension, a case in
// street B, one dispatched to the second department, one the hotline took.
for (const state of ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'closed', 'rated', 'suspended']) await caseIn(state);
const extended = await caseIn('handling');
await step('dept', extended.id, 'request_extension', ext);
await report('resident', { ...inGB1, address: '街道B' });
const toDept2 = await caseIn('registered');
await step('communityA1', toDept2.id, 'dispatch', { targetUnitId: '110108D02' });
await report('hotline', { reporter: { name: '李先生', phone: '13900001111' } });

describe('the to-do as a union of branches', () => {
  it('returns exactly what the old predicate returned, for every role', async () => {
    for (const [who, person] of Object.entries(people)) {
      const page = await ok(call(who, 'GET', '/api/cases?todo=true&pageSize=500'));
      const ids = (page.items as { id: string }[]).map((c) => c.id).sort();
      expect(ids, who).toEqual(await oracleIds(person.actor));
      expect(page.hasMore, who).toBe(false);
      expect(page.total, who).toBe(ids.length);
    }
    // The set is not trivially empty: each side of the loop has work.
    expect((await oracleIds(people.communityA1!.actor)).length).toBeGreaterThan(2);
    expect((await oracleIds(people.dept!.actor)).length).toBeGreaterThan(1);
    expect((await oracleIds(people.resident!.actor)).length).toBeGreaterThan(0);
  });

  it('pages the union in the list order, the same rows as one page', async () => {
    const all = (await ok(call('communityA1', 'GET', '/api/cases?todo=true&sort=deadline_asc&pageSize=500'))).items.map((c: { id: string }) => c.id);
    const paged: string[] = [];
    for (let page = 1; ; page++) {
      const got = await ok(call('communityA1', 'GET', `/api/cases?todo=true&sort=deadline_asc&pageSize=2&page=${page}`));
      paged.push(...got.items.map((c: { id: string }) => c.id));
      if (!got.hasMore) break;
    }
    expect(paged).toEqual(all);
  });

  it("gives the board's counts in one answer, equal to the list's", async () => {
    for (const who of ['communityA1', 'streetA', 'district', 'dept', 'resident', 'gridWorker']) {
      const counts = await ok(call(who, 'GET', '/api/cases/todo-counts'));
      const states = (await ok(call(who, 'GET', '/api/cases/todo-states'))).states as string[];
      expect(counts.all, who).toBe((await oracleIds(people[who]!.actor)).length);
      expect(Object.keys(counts.byState).sort(), who).toEqual([...states].sort());
      for (const s of states) {
        const listed = await ok(call(who, 'GET', `/api/cases?todo=true&state=${s}&pageSize=500`));
        expect(counts.byState[s], `${who} ${s}`).toBe(listed.items.length);
      }
      for (const [tone, query] of [['overdue', 'overdue=true'], ['red', 'slaLevel=red'], ['yellow', 'slaLevel=yellow']] as const) {
        const listed = await ok(call(who, 'GET', `/api/cases?todo=true&${query}&pageSize=500`));
        expect(counts[tone], `${who} ${tone}`).toBe(listed.items.length);
      }
    }
    expect((await call(null, 'GET', '/api/cases/todo-counts')).statusCode).toBe(401);
  });
});

describe('paging without a count', () => {
  it('knows a next page from one row more, right at the boundaries', async () => {
    const n = (await ok(call('communityA1', 'GET', '/api/cases?pageSize=500'))).items.length;
    expect(n).toBeGreaterThan(3);
    const exact = await ok(call('communityA1', 'GET', `/api/cases?pageSize=${n}`));
    expect([exact.items.length, exact.hasMore, exact.total, exact.totalExact]).toEqual([n, false, n, true]);
    const oneShort = await ok(call('communityA1', 'GET', `/api/cases?pageSize=${n - 1}`));
    expect([oneShort.items.length, oneShort.hasMore, oneShort.totalExact]).toEqual([n - 1, true, false]);
    expect(oneShort.total).toBeGreaterThanOrEqual(n);
    const last = await ok(call('communityA1', 'GET', `/api/cases?pageSize=${n - 1}&page=2`));
    expect([last.items.length, last.hasMore, last.total, last.totalExact]).toEqual([1, false, n, true]);
    const past = await ok(call('communityA1', 'GET', `/api/cases?pageSize=${n}&page=2`));
    expect([past.items.length, past.hasMore]).toEqual([0, false]);
  });

  it('counts on its own request, in scope, and names a bad filter', async () => {
    const listed = (await ok(call('streetA', 'GET', '/api/cases?pageSize=500'))).items.length;
    expect(await ok(call('streetA', 'GET', '/api/cases/count'))).toEqual({ total: listed, capped: false });
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases where org_path like '110000.110100.110108.110108002.%'`);
    expect(n).toBeGreaterThan(0);
    const streetB = await ok(call('streetB', 'GET', '/api/cases/count?state=reported'));
    expect(streetB.total).toBe((await ok(call('streetB', 'GET', '/api/cases?state=reported&pageSize=500'))).items.length);
    const bad = await call('streetA', 'GET', '/api/cases/count?state=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('state');
    expect((await call('resident', 'GET', '/api/cases/count')).statusCode).toBe(200);
    expect((await call(null, 'GET', '/api/cases/count')).statusCode).toBe(401);
  });
});

describe('department lists', () => {
  it('read case_handlers, written with the dispatch', async () => {
    const rows = await queryRows<{ unit: string }>(db, sql`select unit from case_handlers where case_id = ${toDept2.id} order by unit`);
    expect(rows.map((r) => r.unit)).toEqual(['110108D02']);
    const mismatch = await queryRows<{ id: string }>(db, sql`select id from cases c where array(select unnest(c.handled_by) order by 1) is distinct from
      coalesce((select array_agg(h.unit order by h.unit) from case_handlers h where h.case_id = c.id), '{}')`);
    expect(mismatch).toEqual([]);
    const dept2 = (await ok(call('dept2', 'GET', '/api/cases?pageSize=500'))).items.map((c: { id: string }) => c.id);
    expect(dept2).toEqual([toDept2.id]);
    const dept = (await ok(call('dept', 'GET', '/api/cases?pageSize=500'))).items.map((c: { id: string }) => c.id);
    expect(dept).not.toContain(toDept2.id);
    const under = (await ok(call('district', 'GET', '/api/cases?under=110108D02&pageSize=500'))).items.map((c: { id: string }) => c.id);
    expect(under).toEqual([toDept2.id]);
    // Walked through case_handlers in time order: the same rows, page by page, as the newest-first list.
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from case_handlers where unit = '110108D01'`);
    expect(dept).toHaveLength(n);
    const paged: string[] = [];
    for (let page = 1; ; page++) {
      const got = await ok(call('dept', 'GET', `/api/cases?pageSize=3&page=${page}`));
      paged.push(...got.items.map((c: { id: string }) => c.id));
      if (!got.hasMore) break;
    }
    expect(paged).toEqual(dept);
    const byUpdate = (await ok(call('dept', 'GET', '/api/cases?pageSize=500&sort=updated_desc'))).items.map((c: { id: string }) => c.id);
    expect([...byUpdate].sort()).toEqual([...dept].sort());
  });
});
