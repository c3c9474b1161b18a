// The district's command centre on 1,000,000 generated cases (a year, with their timelines)
// on PostgreSQL: the calls the page makes (overview, trend, categories, rankings, map), timed
// through the same service functions the API calls. Baseline in the same run: the same calls
// with the rollup emptied, so every figure is counted from the timeline itself.
//
//   DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres node --import tsx bench/command-centre.ts
//   (BENCH_CASES=1000000 BENCH_RUNS=20 to change the size; BENCH_KEEP=1 keeps the generated
//   database and prints its URL; BENCH_REUSE=<that URL> times it again without generating)
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../src/platform/db.ts';
import type { Actor } from '../src/platform/auth/scope.ts';
import { findOrgUnit, listChildOrgNodes, listGridPlacesUnder, seedOrgDemo } from '../src/modules/org/index.ts';
import { ensureCategories, loadCaseRules, rollTimeline } from '../src/modules/cases/index.ts';
import { commandCategories, commandMap, commandOverview, commandRankings, commandTrend } from '../src/modules/command/index.ts';
import { migrate } from '../src/platform/migrate.ts';
import { benchDatabase, ms, percentile } from './bench-support.ts';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const REUSE = process.env.BENCH_REUSE;
const KEEP = process.env.BENCH_KEEP === '1';
const fresh = REUSE ? undefined : await benchDatabase(8);
const database: Database = fresh?.database ?? (await openDatabase({ engine: 'postgres', url: REUSE ?? '', poolSize: 8 }));
// A kept database may predate this code's migrations.
if (REUSE) await migrate(database);
const drop = async () => {
  if (fresh && !KEEP) return fresh.drop();
  if (fresh) console.log(`Kept: BENCH_REUSE=${fresh.url}`);
  await database.close();
};
const db = database.db;
const t = () => performance.now();

/** The demo district with a year of generated cases and their timelines; returns the district's org path. */
async function generate(): Promise<string> {
  console.log('Seeding the demo district …');
  const org = await seedOrgDemo(db, '110108', () => undefined);
  await ensureCategories(db);
  const leaves = [...(await loadCaseRules(db)).categories.values()].filter((c) => c.parentCode).map((c) => c.code);
  const places = await listGridPlacesUnder(db, org.district.orgPath);
  const departments = (await listChildOrgNodes(db, '110108', 'departments')).map((d) => d.code);
  await db.execute(sql`create temporary table bg_grids as
    select g.ord - 1 as idx, g.code, g.org_path, g.lng, g.lat
    from unnest(${sql.param(places.map((p) => p.gridCode))}::text[], ${sql.param(places.map((p) => p.orgPath))}::text[],
      ${sql.param(places.map((p) => (p.minLng + p.maxLng) / 2))}::float8[], ${sql.param(places.map((p) => (p.minLat + p.maxLat) / 2))}::float8[])
      with ordinality as g(code, org_path, lng, lat, ord)`);

  console.log(`Generating ${CASES.toLocaleString()} cases over a year, with their timelines …`);
  let started = t();
  // Depth in the workflow: old cases are finished (rated or closed); the last 20 days spread over the open states.
  for (let from = 1; from <= CASES; from += 250_000) {
    const to = Math.min(CASES, from + 249_999);
    await db.execute(sql`insert into cases (id, number, title, description, category_code, class_code, matter_class, urgency, source, state, tier, version,
        org_path, grid_code, district_code, lng, lat, handling_unit, created_at, updated_at, overdue_at, supervision_level)
      select gen_random_uuid(), 'CB' || lpad(s.g::text, 8, '0'), '基准案件', '基准测试', s.cat, left(s.cat, 2), 'government', 'normal', 'grid_patrol',
        s.state, 'grid', 1, gr.org_path, gr.code, '110108', gr.lng + (s.r % 100) * 1e-5, gr.lat + (s.r % 77) * 1e-5,
        (${sql.param(departments)}::text[])[1 + s.r % ${departments.length}], s.ts, s.ts,
        case when s.r % 20 = 0 and s.state not in ('closed', 'rated') then s.ts + interval '5 days' end,
        case when s.r % 50 = 0 then 'red' when s.r % 30 = 0 then 'yellow' end
      from (select g, ts, r, (${sql.param(leaves)}::text[])[1 + r % ${leaves.length}] as cat,
              case when ts < now() - interval '20 days' then (array['rated', 'rated', 'closed'])[1 + r % 3]
                   else (array['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'closed', 'rated'])[1 + r % 8] end as state
            from (select g, now() - interval '365 days' + (g::float8 / ${CASES}) * interval '365 days' as ts, (random() * 1e9)::int as r
                  from generate_series(${from}::int, ${to}::int) g) x) s
      join bg_grids gr on gr.idx = s.g % ${places.length}`);
  }
  console.log(`  cases in ${((t() - started) / 1000).toFixed(0)} s`);
  started = t();
  await db.execute(sql`create temporary table bg_steps (v int, action text, hours int)`);
  await db.execute(sql`insert into bg_steps values (1, 'report', 0), (2, 'accept', 1), (3, 'dispatch', 2), (4, 'verify_pass', 20), (5, 'rate', 30)`);
  await db.execute(sql`insert into case_timeline (case_id, version, action, to_state, to_tier, actor_name, actor_role, org_path, handling_unit, at, rating, details)
    select c.id, st.v, st.action, c.state, 'grid', 'bench', 'community_staff', c.org_path, case when st.v >= 3 then c.handling_unit end,
      c.created_at + st.hours * interval '1 hour', case when st.action = 'rate' then 'satisfied' end,
      case when st.action = 'accept' then jsonb_build_object('onTime', hashtext(c.id::text) % 10 <> 0)
           when st.action = 'rate' then '{"resolved": true}'::jsonb
           when st.action = 'verify_pass' then jsonb_build_object('overdue', c.overdue_at is not null, 'reportedAt', c.created_at)
           else '{}'::jsonb end
    from cases c join bg_steps st on st.v <= case c.state when 'rated' then 5 when 'closed' then 4 when 'reported' then 1 when 'accepted' then 2 else 3 end
    where c.created_at + st.hours * interval '1 hour' < now()
    order by c.created_at + st.hours * interval '1 hour'`);
  console.log(`  timelines in ${((t() - started) / 1000).toFixed(0)} s`);
  await db.execute(sql`vacuum analyze cases`);
  await db.execute(sql`vacuum analyze case_timeline`);
  return org.district.orgPath;
}

const load = () => `load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} on ${os.cpus().length} cores`;
try {
  console.log(`Before: ${load()}`);
  const districtPath = REUSE ? ((await findOrgUnit(db, '110108'))?.orgPath ?? '') : await generate();
  const [counts] = await queryRows<{ cases: number; timeline: number }>(db, sql`select (select count(*) from cases)::int as cases, (select count(*) from case_timeline)::int as timeline`);
  console.log(`  ${counts?.cases.toLocaleString()} cases, ${counts?.timeline.toLocaleString()} timeline entries`);

  const district: Actor = { kind: 'user', id: '00000000-0000-0000-0000-000000000001', name: 'leader', grants: [{ role: 'leader', orgPath: districtPath }], mustChangePassword: false };
  const month = { from: new Date(Date.now() - 29 * 86_400_000) };
  const page = async () => {
    await Promise.all([
      commandOverview(db, district, month),
      commandTrend(db, district, { ...month, bucket: 'day' }),
      commandCategories(db, district, month),
      commandRankings(db, district, { ...month, groupBy: 'children' }),
      commandRankings(db, district, { ...month, groupBy: 'departments' }),
      commandMap(db, district, undefined),
    ]);
  };
  const calls: [string, () => Promise<unknown>][] = [
    ['overview (30 days, previous, today, now)', () => commandOverview(db, district, month)],
    ['trend by day (30 days)', () => commandTrend(db, district, { ...month, bucket: 'day' })],
    ['trend by month (a year)', () => commandTrend(db, district, { from: new Date(Date.now() - 364 * 86_400_000), bucket: 'month' })],
    ['categories (top and growing)', () => commandCategories(db, district, month)],
    ['rankings: streets', () => commandRankings(db, district, { ...month, groupBy: 'children' })],
    ['rankings: departments', () => commandRankings(db, district, { ...month, groupBy: 'departments' })],
    ['map (live cases, grid load)', () => commandMap(db, district, undefined)],
    ['the whole page (all of these at once)', page],
    [
      'the whole page (one call after another)',
      async () => {
        await commandOverview(db, district, month);
        await commandTrend(db, district, { ...month, bucket: 'day' });
        await commandCategories(db, district, month);
        await commandRankings(db, district, { ...month, groupBy: 'children' });
        await commandRankings(db, district, { ...month, groupBy: 'departments' });
        await commandMap(db, district, undefined);
      },
    ],
  ];
  // The server keeps no answers: each call reads the rollup and the timeline's unfolded entries.
  // Busy: as a busy day — a new report written before each run, read from the timeline until the job folds it.
  let busy = false;
  let busyReports = 0;
  const timeAll = async (runs: number, only?: string[]) => {
    const result: Record<string, { p50: number; p95: number }> = {};
    for (const [name, run] of calls) {
      if (only && !only.includes(name)) continue;
      await run();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        if (busy) {
          await db.execute(sql`insert into case_timeline (case_id, version, action, to_state, to_tier, actor_name, actor_role, org_path, at, details)
            select c.id, (select max(version) + 1 from case_timeline v where v.case_id = c.id), 'report', c.state, 'grid', 'bench', 'resident', c.org_path, now(), '{}'::jsonb from (select * from cases order by created_at desc offset ${++busyReports} limit 1) c`);
        }
        const s = t();
        await run();
        times.push(t() - s);
      }
      result[name] = { p50: percentile(times, 50), p95: percentile(times, 95) };
      console.log(`${name.padEnd(44)} ${ms(percentile(times, 50)).padStart(10)} ${ms(percentile(times, 95)).padStart(10)}   load ${os.loadavg()[0]?.toFixed(2)}`);
    }
    return result;
  };

  // A reused database is rolled already: its baseline would not be one.
  let baseline: Record<string, { p50: number; p95: number }> = {};
  if (!REUSE) {
    console.log('\nBaseline: no rollup, every figure from the timeline (the overview and the whole page)');
    baseline = await timeAll(3, ['overview (30 days, previous, today, now)', 'the whole page (all of these at once)']);
  }
  let started = t();
  const rolled = await rollTimeline(db);
  const rollMs = t() - started;
  console.log(`\nRollup of ${rolled.days} days: ${rolled.rows.toLocaleString()} rows in ${(rollMs / 1000).toFixed(1)} s`);
  started = t();
  await rollTimeline(db);
  console.log(`A recurring rollup run, nothing new: ${ms(t() - started)}`);
  await db.execute(sql`insert into case_timeline (case_id, version, action, to_state, to_tier, actor_name, actor_role, org_path, at, details)
    select c.id, (select max(version) + 1 from case_timeline v where v.case_id = c.id), 'report', c.state, 'grid', 'bench', 'resident', c.org_path, now(), '{}'::jsonb
    from cases c order by c.created_at desc limit 5`);
  started = t();
  await rollTimeline(db);
  const recurringMs = t() - started;
  console.log(`A recurring rollup run after five new entries (today again): ${ms(recurringMs)}`);
  console.log(`\nWith the rollup (${RUNS} runs each)                p50        p95`);
  const rolledTimes = await timeAll(RUNS);
  const key = 'the whole page (all of these at once)';
  const overview = 'overview (30 days, previous, today, now)';
  // One page load makes these calls (the year's trend is a second tab): their server time summed, as if made one after another.
  const pageCalls = ['overview (30 days, previous, today, now)', 'trend by day (30 days)', 'categories (top and growing)', 'rankings: streets', 'rankings: departments', 'map (live cases, grid load)'];
  const sumP50 = pageCalls.reduce((a, name) => a + (rolledTimes[name]?.p50 ?? 0), 0);
  const sumP95 = pageCalls.reduce((a, name) => a + (rolledTimes[name]?.p95 ?? 0), 0);
  console.log(`${'one page load, calls summed (server time)'.padEnd(44)} ${ms(sumP50).padStart(10)} ${ms(sumP95).padStart(10)}`);
  const summary = {
      cases: counts?.cases, timeline: counts?.timeline, rollupRows: rolled.rows, rollupSeconds: Math.round(rollMs / 100) / 10,
      recurringRollMs: Math.round(recurringMs), overviewP95Ms: Math.round(rolledTimes[overview]?.p95 ?? 0), pageP50Ms: Math.round(rolledTimes[key]?.p50 ?? 0), pageSumP50Ms: Math.round(sumP50), pageSumP95Ms: Math.round(sumP95), pageP95Ms: Math.round(rolledTimes[key]?.p95 ?? 0),
      baselineOverviewP50Ms: Math.round(baseline[overview]?.p50 ?? 0), loadavg: os.loadavg(), baselinePageP50Ms: Math.round(baseline[key]?.p50 ?? 0), speedUp: Math.round(((baseline[key]?.p50 ?? 0) / (rolledTimes[key]?.p50 ?? 1)) * 10) / 10,
  };
  console.log(JSON.stringify(summary));
  busy = true;
  console.log(`\nBusy: a new report written before each run, not folded yet (${RUNS} runs each)`);
  const busyTimes = await timeAll(RUNS, [key, 'the whole page (one call after another)']);
  console.log(`After: ${load()}`);
  const busyFigures = { busyPageP50Ms: Math.round(busyTimes[key]?.p50 ?? 0), busyPageP95Ms: Math.round(busyTimes[key]?.p95 ?? 0), busySequentialP50Ms: Math.round(busyTimes['the whole page (one call after another)']?.p50 ?? 0) };
  console.log(JSON.stringify({ ...summary, ...busyFigures, loadavg: os.loadavg() }));
} finally {
  await drop();
}
