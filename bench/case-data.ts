// The generated case history the case benchmarks run on: the demo district's tree, N cases
// reported over a year in time order (old ones mostly finished), their timelines and the
// department rows, loaded set-based on PostgreSQL. Shared by bench/cases-queries.ts and
// bench/cases-todo-load.ts.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../src/platform/db.ts';
import { listChildOrgNodes, listGridPlacesUnder, seedOrgDemo } from '../src/modules/org/index.ts';
import { ensureCategories, loadCaseRules } from '../src/modules/cases/index.ts';

/** Seeds the demo district and generates `CASES` cases with their timelines; prints progress. */
export async function generateCaseHistory(db: Db, CASES: number) {
  const t = () => performance.now();
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
  // Ten days of cases at a time: one sort of the whole timeline would spill tens of GB to disk at 10 M cases.
  const [span] = await queryRows<{ first: number; last: number }>(db, sql`select extract(epoch from min(created_at))::float8 * 1000 as first, extract(epoch from max(created_at))::float8 * 1000 as last from cases`);
  for (let from = new Date(span?.first ?? 0); from.getTime() <= (span?.last ?? 0); from = new Date(from.getTime() + 10 * 86_400_000)) {
    const to = new Date(from.getTime() + 10 * 86_400_000);
    await db.execute(sql`insert into case_timeline (case_id, version, action, from_state, to_state, from_tier, to_tier, actor_name, actor_role, actor_unit, org_path, handling_unit, at, target_unit, rating, details)
    select c.id, st.v, st.action, st.from_state, st.to_state, 'grid', 'grid', 'bench', 'community_staff', c.community_code, c.org_path,
      -- (A step not yet due is not in the past: the newest cases stop at now.)
      case when st.v >= 4 then c.handling_unit end, least(c.created_at + st.hours * interval '1 hour', now()),
      case when st.action = 'dispatch' then c.handling_unit end, case when st.action = 'rate' then c.rating end,
      case when st.action = 'accept' then '{"onTime": true}'::jsonb when st.action = 'rate' then jsonb_build_object('resolved', c.resolved)
           when st.action = 'verify_pass' then jsonb_build_object('overdue', c.overdue_count > 0, 'reworked', c.rework_count > 0, 'extended', c.extension_count > 0, 'reportedAt', c.created_at)
           else '{}'::jsonb end
    from cases c join bg_steps st on st.v <= c.version
    where c.created_at >= ${from} and c.created_at < ${to}
    -- Appended in time order, as a running system writes it.
    order by c.created_at + st.hours * interval '1 hour'`);
    process.stdout.write(`  timelines of cases to ${to.toISOString().slice(0, 10)} (${((t() - started) / 1000).toFixed(0)} s)\n`);
  }
  await db.execute(sql`insert into case_timeline (case_id, version, action, from_state, to_state, from_tier, to_tier, actor_name, actor_role, org_path, handling_unit, at, details)
    select id, version + 1, 'overdue', state, state, 'grid', 'grid', 'system', 'system', org_path, handling_unit, least(created_at + interval '5 days', now()), '{}'::jsonb from cases where overdue_count = 1`);
  console.log(`  timelines in ${((t() - started) / 1000).toFixed(0)} s`);
  await db.execute(sql`vacuum analyze cases`);
  await db.execute(sql`vacuum analyze case_timeline`);
  const [counts] = await queryRows<{ cases: number; timeline: number }>(db, sql`select (select count(*) from cases)::int as cases, (select count(*) from case_timeline)::int as timeline`);
  console.log(`  ${counts?.cases.toLocaleString()} cases, ${counts?.timeline.toLocaleString()} timeline entries`);
  const [disk] = await queryRows<{ database: number; cases: number; timeline: number; handlers: number }>(db, sql`select pg_database_size(current_database())::float8 as database,
    pg_total_relation_size('cases')::float8 as cases, (select sum(pg_total_relation_size(relid)) from pg_partition_tree('case_timeline'))::float8 as timeline, pg_total_relation_size('case_handlers')::float8 as handlers`);
  const mb = (n: number | undefined) => Math.round((n ?? 0) / 1048576);
  console.log(`  disk: database ${mb(disk?.database)} MB (cases ${mb(disk?.cases)} MB, timeline ${mb(disk?.timeline)} MB, case_handlers ${mb(disk?.handlers)} MB)`);

  return { org, departments, counts, generationSeconds, diskMB: mb(disk?.database) };
}
