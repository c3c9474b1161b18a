// The case list, the to-do and (with --indicators) the indicator queries on 1,000,000
// generated cases (and their timelines) on PostgreSQL, through the same service functions
// the API calls, as actors of each level would run them. Prints p50/p95 per query against
// the targets and the figures measured before the lists stopped counting (issue 9); the
// last line is JSON.
//
//   DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres node --import tsx bench/cases-queries.ts --cases 1000000
//   (--runs 30, --indicators, --indicators-only; BENCH_CASES / BENCH_RUNS work too)
// With --indicators the finished days are rolled first (the job cases.rollup, timed) and each
// indicator query runs from the rollup and, as its baseline, from the timeline alone (fewer runs).
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/platform/db.ts';
import type { Actor } from '../src/platform/auth/scope.ts';
import type { Role } from '../src/platform/auth/roles.ts';
import { listChildOrgNodes, listGridPlacesUnder, seedOrgDemo } from '../src/modules/org/index.ts';
import { caseIndicators, countTodo, ensureCategories, listCases, loadCaseRules, rollFinishedDays, type IndicatorSource } from '../src/modules/cases/index.ts';
import { benchDatabase, ms, percentile } from './bench-support.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const CASES = Number(arg('cases') ?? process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(arg('runs') ?? process.env.BENCH_RUNS ?? 30);
const INDICATORS_ONLY = process.argv.includes('--indicators-only');
const INDICATORS = INDICATORS_ONLY || process.argv.includes('--indicators');
// A year from the timeline takes seconds: the baseline runs a few times only.
const BASELINE_RUNS = Math.min(RUNS, 3);
// What main measured before (issue 9, 1 M cases, this machine): the page with its capped count.
const before: Record<string, string> = {
  'list: district, first page': 'count 58–300 ms',
  'list: district, to-do': '650–1,200 ms',
  'list: department, all dispatched to it': 'p50 150, p95 271 ms',
};
const targets: Record<string, number> = {
  'list: district, first page': 50, 'list: district, to-do': 50, 'list: district, to-do board (deadline order)': 50,
  'indicators: district by street, year': 200, 'indicators: district by department, year': 200,
};

const { database, url, drop } = await benchDatabase(4);
const db = database.db;
const t = () => performance.now();
try {
  console.log('Seeding the demo district …');
  const org = await seedOrgDemo(db, '110108', () => undefined);
  await ensureCategories(db);
  const rules = await loadCaseRules(db);
  const leaves = [...rules.categories.values()].filter((c) => c.parentCode);
  // The tree through org's functions; the generator joins them as temporary tables.
  const places = (await listGridPlacesUnder(db, org.district.orgPath)).sort((a, b) => (a.gridCode < b.gridCode ? -1 : 1));
  const column = <T>(pick: (p: (typeof places)[number]) => T) => sql.param(places.map(pick));
  await db.execute(sql`create temporary table bg_grids as
    select g.ord - 1 as idx, g.code, g.org_path, g.community_code, g.street_code, g.lng, g.lat
    from unnest(${column((p) => p.gridCode)}::text[], ${column((p) => p.orgPath)}::text[], ${column((p) => p.communityCode)}::text[],
      ${column((p) => p.streetCode)}::text[], ${column((p) => (p.minLng + p.maxLng) / 2)}::float8[], ${column((p) => (p.minLat + p.maxLat) / 2)}::float8[])
      with ordinality as g(code, org_path, community_code, street_code, lng, lat, ord)`);
  const departments = await listChildOrgNodes(db, '110108', 'departments');
  await db.execute(sql`create temporary table bg_depts as
    select d.ord - 1 as idx, d.code from unnest(${sql.param(departments.map((d) => d.code))}::text[]) with ordinality as d(code, ord)`);
  await db.execute(sql`create temporary table bg_cats (idx int, code text, class_code text, matter text, name text, bigrams text)`);
  for (const [i, c] of leaves.entries()) {
    const chars = Array.from(`${c.name}问题`);
    const bigrams = chars.slice(0, -1).map((ch, k) => `${ch}${chars[k + 1]}`).join(' ');
    await db.execute(sql`insert into bg_cats values (${i}, ${c.code}, ${c.parentCode}, ${c.defaultMatterClass}, ${c.name}, ${bigrams})`);
  }
  const [{ n: ngrids } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from bg_grids`);
  const [{ n: ndepts } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from bg_depts`);

  console.log(`Generating ${CASES.toLocaleString()} cases over a year …`);
  let started = t();
  // States by age: old cases are mostly finished; recent ones spread over the open states.
  const states = ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'closed', 'rated'];
  for (let from = 1; from <= CASES; from += 250_000) {
    const to = Math.min(CASES, from + 249_999);
    await db.execute(sql`insert into cases (id, number, title, description, category_code, class_code, matter_class, urgency, source, state, tier, version,
        org_path, grid_code, community_code, street_code, district_code, lng, lat, address, dispatcher_unit, handling_unit, handled_by,
        created_at, updated_at, accepted_at, closed_at, rated_at, rating, resolved, stage, stage_started_at, warn_at, red_at, deadline_at, sla_level,
        overdue_at, overdue_count, accept_on_time, search_vector, is_public)
      select gen_random_uuid(), 'BM' || to_char(s.ts, 'YYYYMMDD') || '-' || lpad(s.g::text, 7, '0'), c.name || '问题', '基准测试生成的案件描述',
        c.code, c.class_code, c.matter, 'normal', (array['grid_patrol','hotline','resident','open311'])[1 + s.r % 4], s.state, 'grid', s.v,
        gr.org_path, gr.code, gr.community_code, gr.street_code, '110108', gr.lng, gr.lat, '', gr.community_code,
        case when s.v >= 4 then case when c.matter = 'government' then d.code else gr.community_code end end,
        case when s.v >= 4 then array[case when c.matter = 'government' then d.code else gr.community_code end] else '{}' end,
        s.ts, s.ts + s.v * interval '3 hours', case when s.v >= 2 then s.ts + interval '1 hour' end,
        case when s.v >= 7 then s.ts + interval '20 hours' end, case when s.v = 8 then s.ts + interval '30 hours' end,
        case when s.v = 8 then (array['satisfied','satisfied','satisfied','satisfied','basically_satisfied','unsatisfied'])[1 + s.r % 6] end,
        case when s.v = 8 then s.r % 6 <> 5 end,
        case when s.v = 1 then 'accept' when s.v between 2 and 5 then 'handle' when s.v = 6 then 'verify' end,
        case when s.v <= 6 then s.ts end,
        case when s.v <= 6 then s.ts + interval '4 days' end, case when s.v <= 6 then s.ts + interval '5 days' end,
        case when s.v <= 6 then s.ts + interval '5 days' end,
        case when s.v <= 6 and s.ts + interval '5 days' < now() then 'red' else 'normal' end,
        case when s.v <= 6 and s.ts + interval '5 days' < now() then s.ts + interval '5 days' end,
        case when s.r % 20 = 0 then 1 else 0 end, s.v >= 2,
        to_tsvector('simple', c.bigrams), true
      from (
        select g, ts, r,
          (case when ts < now() - interval '20 days' then (array['rated','rated','rated','closed'])[1 + r % 4]
                else (array['reported','accepted','registered','dispatched','handling','handled','closed','rated'])[1 + r % 8] end) as state,
          0 as v
        -- Reported in time order over the year, as a running system inserts them.
        from (select g, now() - interval '365 days' + (g::float8 / ${CASES}) * interval '365 days' - random() * interval '1 hour' as ts,
                (random() * 1e9)::int as r from generate_series(${from}::int, ${to}::int) g) x
      ) s0
      cross join lateral (select s0.g, s0.ts, s0.r, s0.state, array_position(${sql.param(states)}::text[], s0.state) as v) s
      join bg_grids gr on gr.idx = s.g % ${ngrids}
      join bg_cats c on c.idx = s.r % ${leaves.length}
      join bg_depts d on d.idx = s.r % ${ndepts}`);
    process.stdout.write(`  ${to.toLocaleString()} cases (${((t() - started) / 1000).toFixed(0)} s)\n`);
  }
  // The department lists' rows, as dispatch writes them.
  await db.execute(sql`insert into case_handlers (case_id, unit, created_at) select id, handled_by[1], created_at from cases where cardinality(handled_by) > 0`);
  const generationSeconds = (t() - started) / 1000;
  console.log('Generating their timelines …');
  await db.execute(sql`create temporary table bg_steps (v int, action text, from_state text, to_state text, hours int)`);
  await db.execute(sql`insert into bg_steps values (1, 'report', null, 'reported', 0), (2, 'accept', 'reported', 'accepted', 1), (3, 'register', 'accepted', 'registered', 1),
    (4, 'dispatch', 'registered', 'dispatched', 2), (5, 'acknowledge', 'dispatched', 'handling', 4), (6, 'feedback', 'handling', 'handled', 18),
    (7, 'verify_pass', 'handled', 'closed', 20), (8, 'rate', 'closed', 'rated', 30)`);
  started = t();
  await db.execute(sql`insert into case_timeline (case_id, version, action, from_state, to_state, from_tier, to_tier, actor_name, actor_role, actor_unit, org_path, handling_unit, at, target_unit, rating, details)
    select c.id, st.v, st.action, st.from_state, st.to_state, 'grid', 'grid', 'bench', 'community_staff', c.community_code, c.org_path,
      case when st.v >= 4 then c.handling_unit end, c.created_at + st.hours * interval '1 hour',
      case when st.action = 'dispatch' then c.handling_unit end, case when st.action = 'rate' then c.rating end,
      case when st.action = 'accept' then '{"onTime": true}'::jsonb when st.action = 'rate' then jsonb_build_object('resolved', c.resolved)
           when st.action = 'verify_pass' then jsonb_build_object('overdue', c.overdue_count > 0, 'reworked', c.rework_count > 0, 'extended', c.extension_count > 0, 'reportedAt', c.created_at)
           else '{}'::jsonb end
    from cases c join bg_steps st on st.v <= c.version
    -- Appended in time order, as a running system writes it.
    order by c.created_at + st.hours * interval '1 hour'`);
  await db.execute(sql`insert into case_timeline (case_id, version, action, from_state, to_state, from_tier, to_tier, actor_name, actor_role, org_path, handling_unit, at, details)
    select id, version + 1, 'overdue', state, state, 'grid', 'grid', 'system', 'system', org_path, handling_unit, created_at + interval '5 days', '{}'::jsonb from cases where overdue_count = 1`);
  console.log(`  timelines in ${((t() - started) / 1000).toFixed(0)} s`);
  await db.execute(sql`vacuum analyze cases`);
  await db.execute(sql`vacuum analyze case_timeline`);
  const [counts] = await queryRows<{ cases: number; timeline: number }>(db, sql`select (select count(*) from cases)::int as cases, (select count(*) from case_timeline)::int as timeline`);
  console.log(`  ${counts?.cases.toLocaleString()} cases, ${counts?.timeline.toLocaleString()} timeline entries`);
  const [disk] = await queryRows<{ database: number; cases: number; timeline: number; handlers: number }>(db, sql`select pg_database_size(current_database())::float8 as database,
    pg_total_relation_size('cases')::float8 as cases, (select sum(pg_total_relation_size(relid)) from pg_partition_tree('case_timeline'))::float8 as timeline, pg_total_relation_size('case_handlers')::float8 as handlers`);
  const mb = (n: number | undefined) => Math.round((n ?? 0) / 1048576);
  console.log(`  disk: database ${mb(disk?.database)} MB (cases ${mb(disk?.cases)} MB, timeline ${mb(disk?.timeline)} MB, case_handlers ${mb(disk?.handlers)} MB)`);
  let rollup: { seconds: number; days: number; rows: number; diskMB: number } | undefined;
  if (INDICATORS) {
    console.log('Rolling the finished days (cases.rollup) …');
    started = t();
    const rolled = await rollFinishedDays(db);
    const seconds = Math.round((t() - started) / 100) / 10;
    const [size] = await queryRows<{ n: number }>(db, sql`select sum(pg_total_relation_size(c.oid))::float8 as n from pg_class c where c.relkind = 'r' and c.relname like 'case_daily_%'`);
    rollup = { seconds, days: rolled.days, rows: rolled.rows, diskMB: mb(size?.n) };
    console.log(`  ${rolled.days} days, ${rolled.rows.toLocaleString()} detailed rows in ${seconds} s; rollup tables ${rollup.diskMB} MB`);
  }

  const actor = (role: Role, orgPath: string): Actor => ({ kind: 'user', id: '00000000-0000-0000-0000-000000000001', name: role, grants: [{ role, orgPath }], mustChangePassword: false });
  const street = (await listChildOrgNodes(db, '110108', 'divisions')).find((n) => n.level === 'street');
  const community = street ? (await listChildOrgNodes(db, street.code, 'divisions')).find((n) => n.level === 'community') : undefined;
  const district = actor('district_staff', '110000.110100.110108');
  const streetStaff = actor('street_staff', street?.orgPath ?? '');
  const communityStaff = actor('community_staff', community?.orgPath ?? '');
  const deptHandler = actor('department_handler', departments[0]?.orgPath ?? '');
  const page = { page: 1, pageSize: 20 };
  const month = { from: new Date(Date.now() - 30 * 86_400_000), to: new Date() };
  const quarter = { from: new Date(Date.now() - 91 * 86_400_000), to: new Date() };
  const year = { from: new Date(Date.now() - 365 * 86_400_000), to: new Date() };

  const queries: [string, () => Promise<unknown>, number?][] = [
    ['list: district, first page', () => listCases({ db }, district, page)],
    ['list: district, to-do', () => listCases({ db }, district, { ...page, todo: true })],
    ['list: district, to-do board (deadline order)', () => listCases({ db }, district, { ...page, todo: true, sort: 'deadline_asc' })],
    ['list: district, to-do, page 10', () => listCases({ db }, district, { page: 10, pageSize: 20, todo: true, sort: 'deadline_asc' })],
    ['to-do counts: district (one request)', () => countTodo(db, district)],
    ['list: street, to-do', () => listCases({ db }, streetStaff, { ...page, todo: true })],
    ['list: district, page 50', () => listCases({ db }, district, { page: 50, pageSize: 20 })],
    ['list: district, open + overdue', () => listCases({ db }, district, { ...page, states: ['dispatched', 'handling'], overdue: true })],
    ['list: district, class 05, last 30 days', () => listCases({ db }, district, { ...page, classCode: '05', from: month.from })],
    ['list: district, text search "垃圾"', () => listCases({ db }, district, { ...page, q: '垃圾' })],
    ['list: district, by number', () => listCases({ db }, district, { ...page, q: 'BM20260101-0000001' })],
    ['list: street, first page', () => listCases({ db }, streetStaff, page)],
    ['list: community, first page', () => listCases({ db }, communityStaff, page)],
    ['list: department, to-do', () => listCases({ db }, deptHandler, { ...page, todo: true })],
    ['list: department, all dispatched to it', () => listCases({ db }, deptHandler, page)],
    ['list: district, under a department', () => listCases({ db }, district, { ...page, under: departments[0]?.code })],
  ];
  const indicatorQueries: [string, (source: IndicatorSource) => ReturnType<typeof caseIndicators>][] = [
    ['indicators: district by street, year', (source) => caseIndicators(db, district, { groupBy: 'children', ...year }, source)],
    ['indicators: district by department, year', (source) => caseIndicators(db, district, { groupBy: 'departments', ...year }, source)],
    ['indicators: district by street, 30 days', (source) => caseIndicators(db, district, { groupBy: 'children', ...month }, source)],
    ['indicators: district by department, 30 days', (source) => caseIndicators(db, district, { groupBy: 'departments', ...month }, source)],
    ['indicators: street by community, 30 days', (source) => caseIndicators(db, streetStaff, { groupBy: 'children', under: street?.code, ...month }, source)],
    ['indicators: district by street, 91 days', (source) => caseIndicators(db, district, { groupBy: 'children', ...quarter }, source)],
  ];
  let indicatorsEqual: boolean | undefined;
  if (INDICATORS) {
    // The rollup's answers must be the timeline's: compared once before timing.
    indicatorsEqual = true;
    for (const [name, run] of indicatorQueries) {
      const [rolled, baseline] = [await run('rollup'), await run('timeline')];
      if (JSON.stringify(rolled) !== JSON.stringify(baseline)) {
        indicatorsEqual = false;
        console.log(`DIFFERENT: ${name}\n  rollup   ${JSON.stringify(rolled.total)}\n  timeline ${JSON.stringify(baseline.total)}`);
      }
    }
    console.log(`indicators from the rollup equal the timeline's: ${indicatorsEqual}`);
    if (INDICATORS_ONLY) queries.length = 0;
    for (const [name, run] of indicatorQueries) queries.push([name, () => run('rollup')], [`${name} (timeline baseline)`, () => run('timeline'), BASELINE_RUNS]);
  }
  console.log(`\n${RUNS} runs each (after 2 warm-up runs; baselines ${BASELINE_RUNS} after 1), ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, PostgreSQL`);
  console.log(`${'query'.padEnd(48)} ${'p50'.padStart(10)} ${'p95'.padStart(10)}  ${'target p95'.padStart(10)}  before (issue 9)`);
  const results: Record<string, { p50: number; p95: number; target?: number }> = {};
  for (const [name, run, runs = RUNS] of queries) {
    await run();
    if (runs > BASELINE_RUNS) await run();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = t();
      await run();
      times.push(t() - s);
    }
    const [p50, p95] = [percentile(times, 50), percentile(times, 95)];
    const target = targets[name];
    results[name] = { p50: Math.round(p50 * 10) / 10, p95: Math.round(p95 * 10) / 10, ...(target ? { target } : {}) };
    console.log(`${name.padEnd(48)} ${ms(p50).padStart(10)} ${ms(p95).padStart(10)}  ${(target ? `≤ ${target} ms` : '').padStart(10)}  ${before[name] ?? ''}`);
  }
  const met = Object.values(results).every((r) => r.target === undefined || r.p95 <= r.target);
  console.log(JSON.stringify({ bench: 'cases-queries', cases: counts?.cases, timeline: counts?.timeline, generationSeconds: Math.round(generationSeconds), diskMB: mb(disk?.database), runs: RUNS, rollup, indicatorsEqual, loadavg: os.loadavg(), met, results }));
} finally {
  // --keep leaves the database for EXPLAIN ANALYZE by hand.
  if (process.argv.includes('--keep')) {
    console.error(`kept: ${url}`);
    await database.close();
  } else await drop();
}
