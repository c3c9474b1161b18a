// The case list, the to-do and (with --indicators) the indicator queries on 1,000,000
// generated cases (and their timelines) on PostgreSQL, through the same service functions
// the API calls, as actors of each level would run them. Prints p50/p95 per query against
// the targets and the figures measured before the lists stopped counting (issue 9); the
// last line is JSON.
//
//   DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres node --import tsx bench/cases-queries.ts --cases 1000000
//   (--runs 30, --indicators, --indicators-only; BENCH_CASES / BENCH_RUNS work too; --keep keeps the
//   generated database and prints its URL, BENCH_REUSE=<that URL> times it again without generating)
// With --indicators the timeline is rolled first (the job cases.rollup, timed) and each
// indicator query runs from the rollup and, as its baseline, from the timeline alone (fewer runs).
import os from 'node:os';
import type { Actor } from '../src/platform/auth/scope.ts';
import type { Role } from '../src/platform/auth/roles.ts';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { listChildOrgNodes } from '../src/modules/org/index.ts';
import { caseIndicators, countTodo, listCases, rollTimeline, type IndicatorSource } from '../src/modules/cases/index.ts';
import { benchDatabase, ms, percentile } from './bench-support.ts';
import { generateCaseHistory } from './case-data.ts';

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

const REUSE = process.env.BENCH_REUSE;
const { database, url, drop } = REUSE
  ? { database: await openDatabase({ engine: 'postgres', url: REUSE, poolSize: 4 }), url: REUSE, drop: async () => undefined }
  : await benchDatabase(4);
const db = database.db;
// A kept database may predate this code's migrations.
if (REUSE) await migrate(database);

/** The kept database's departments and sizes, as generateCaseHistory reports them. */
async function describeKept() {
  const departments = await listChildOrgNodes(db, '110108', 'departments');
  const [counts] = await queryRows<{ cases: number; timeline: number }>(db, sql`select (select count(*) from cases)::int as cases, (select count(*) from case_timeline)::int as timeline`);
  const [disk] = await queryRows<{ n: number }>(db, sql`select pg_database_size(current_database())::float8 as n`);
  return { departments, counts, generationSeconds: 0, diskMB: Math.round((disk?.n ?? 0) / 1048576) };
}
const t = () => performance.now();
try {
  const { departments, counts, generationSeconds, diskMB } = REUSE ? await describeKept() : await generateCaseHistory(db, CASES);
  let rollup: { seconds: number; days: number; rows: number; diskMB: number } | undefined;
  if (INDICATORS) {
    console.log('Rolling the timeline (cases.rollup) …');
    const started = t();
    const rolled = await rollTimeline(db);
    const seconds = Math.round((t() - started) / 100) / 10;
    const [size] = await queryRows<{ n: number }>(db, sql`select sum(pg_total_relation_size(c.oid))::float8 as n from pg_class c where c.relkind = 'r' and c.relname like 'case_daily_%'`);
    rollup = { seconds, days: rolled.days, rows: rolled.rows, diskMB: Math.round((size?.n ?? 0) / 1048576) };
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
  console.log(JSON.stringify({ bench: 'cases-queries', cases: counts?.cases, timeline: counts?.timeline, generationSeconds: Math.round(generationSeconds), diskMB, runs: RUNS, rollup, indicatorsEqual, loadavg: os.loadavg(), met, results }));
} finally {
  // --keep leaves the database for EXPLAIN ANALYZE by hand.
  if (process.argv.includes('--keep') || REUSE) {
    console.error(`kept: ${url}`);
    await database.close();
  } else await drop();
}
