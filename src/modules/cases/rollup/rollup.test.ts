// The indicators read from the daily rollup equal the same indicators recomputed from the
// timeline alone, on random events over five months: for a day, a month, a year, windows with
// ragged edges and windows crossing today, by children at every level and by departments,
// with the rollup complete, behind, empty, today partly rolled, and after a backdated event.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedTree, setupTestApp, type TestContext } from '../../../../test/helpers.ts';
import { actorAt, makeCase } from '../../../../test/factories.ts';
import { addDays, beijingDate, beijingDayStart } from '../../../platform/beijing-time.ts';
import { queryRows } from '../../../platform/db.ts';
import { createConfiguredCipher } from '../../../app.ts';
import { insertOrgUnits } from '../../org/index.ts';
import { caseIndicators, rollTimeline } from '../index.ts';
import type { IndicatorQuery } from '../indicators.ts';
import { splitWindow } from './counts.ts';
import { dayRanges, rollupRecurringJobs } from './roll.ts';
import { ensureTimelinePartitions, monthsFrom } from '../timeline-partitions.ts';

const P = '110000.110100.110108';
const district = actorAt('district_staff', P);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small seeded generator, so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rnd = random(20261130);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const places = [
  `${P}.110108001`,
  `${P}.110108001.110108001001`,
  `${P}.110108001.110108001001.GA1`,
  `${P}.110108001.110108001002.GA2`,
  `${P}.110108002.110108002001`,
  `${P}.110108002.110108002001.GB1`,
];
const units = [null, '110108D01', '110108D02', '110108001001', '110108002001'];
const actions = ['report', 'accept', 'register', 'dispatch', 'acknowledge', 'verify_pass', 'overdue', 'rate'];

let ctx: TestContext;
let caseIds: string[];
let version = 1000;

/** Random timeline entries between two instants (the timeline takes them as a running system would write them). */
async function insertEvents(n: number, from: number, to: number) {
  const rows = Array.from({ length: n }, () => {
    const action = pick(actions);
    const at = new Date(from + rnd() * (to - from));
    const details =
      action === 'accept' ? { onTime: rnd() < 0.8 }
      : action === 'verify_pass' ? { overdue: rnd() < 0.2, reworked: rnd() < 0.1, extended: rnd() < 0.1, reportedAt: new Date(at.getTime() - rnd() * 200 * HOUR).toISOString() }
      : action === 'rate' ? { resolved: rnd() < 0.7 }
      : {};
    const rating = action === 'rate' ? pick(['satisfied', 'basically_satisfied', 'unsatisfied']) : null;
    return sql`(${pick(caseIds)}::uuid, ${version++}, ${action}, 'reported', 'grid', 'test', 'system', ${pick(places)}, ${pick(units)}, ${at.toISOString()}::timestamptz, ${rating}, ${JSON.stringify(details)}::jsonb)`;
  });
  for (let i = 0; i < rows.length; i += 500) {
    await ctx.database.db.execute(sql`insert into case_timeline (case_id, version, action, to_state, to_tier, actor_name, actor_role, org_path, handling_unit, at, rating, details)
      values ${sql.join(rows.slice(i, i + 500), sql`, `)}`);
  }
}

const now = Date.now();
const today = beijingDate(new Date(now));
const at = (day: string, hours = 0) => new Date(beijingDayStart(day).getTime() + hours * HOUR);

/** The windows compared: whole days, a month, a year, ragged edges, and windows ending now or later. */
function windows(): [string, Date, Date][] {
  const day = addDays(today, -Math.floor(1 + rnd() * 140));
  const ragged = now - Math.floor(rnd() * 120) * DAY - rnd() * DAY;
  return [
    ['a day', at(day), at(addDays(day, 1))],
    ['yesterday', at(addDays(today, -1)), at(today)],
    ['today so far', at(today), new Date(now)],
    ['a month', at(addDays(day, -30)), at(day)],
    ['a month to now', at(addDays(today, -30)), new Date(now)],
    ['a year to tomorrow', at(addDays(today, -365)), at(addDays(today, 1))],
    ['ragged edges', new Date(ragged), new Date(ragged + 17.5 * DAY)],
    ['ragged, crossing today', new Date(now - 40.3 * DAY), new Date(now + 2 * HOUR)],
    ['inside one day', new Date(ragged), new Date(ragged + 3 * HOUR)],
  ];
}

const questions: [string, Omit<IndicatorQuery, 'from' | 'to'>][] = [
  ['district by street', { groupBy: 'children' }],
  ['street by community', { groupBy: 'children', under: '110108001' }],
  ['community by grid', { groupBy: 'children', under: '110108001001' }],
  ['district by department', { groupBy: 'departments' }],
];

async function expectRollupEqualsTimeline(label: string) {
  for (const [name, from, to] of windows()) {
    for (const [question, q] of questions) {
      const query = { ...q, from, to };
      const [rolled, oracle] = [await caseIndicators(ctx.database.db, district, query), await caseIndicators(ctx.database.db, district, query, 'timeline')];
      expect(rolled, `${label}: ${question}, ${name} (${from.toISOString()} – ${to.toISOString()})`).toEqual(oracle);
    }
  }
}

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  await insertOrgUnits(ctx.database.db, [{ code: '110108D02', parentCode: '110108', level: 'department', name: '海淀区住房和城乡建设委员会', orgPath: `${P}.110108D02` }]);
  const deps = { db: ctx.database.db, pii: createConfiguredCipher(ctx.config), dataDir: ctx.config.dataDir };
  const reporter = actorAt('district_staff', P);
  caseIds = [];
  for (const [i, point] of [{ lng: 116.285, lat: 39.905 }, { lng: 116.295, lat: 39.905 }, { lng: 116.305, lat: 39.905 }].entries()) {
    caseIds.push((await makeCase(deps, reporter, { ...point, categoryCode: i % 2 ? '0502' : '0501' })).id);
  }
  // Five months of history and today up to now.
  await insertEvents(3000, now - 150 * DAY, now);
});

/** Puts the rollup back to what it held before `day`, as if the job had not run since (the state still exact). */
async function rewind(day: string) {
  for (const table of ['case_daily_counts', 'case_daily_totals', 'case_daily_streets', 'case_daily_leads', 'case_daily_categories', 'case_daily_units']) {
    await ctx.database.db.execute(sql`delete from ${sql.raw(table)} where day >= ${day}::date`);
  }
  await ctx.database.db.execute(sql`update case_rollup_state set complete_until = ${beijingDayStart(day).toISOString()}`);
}

/** One run of the job: it rolls `days` days again, and the answers still equal the recomputation. */
async function rollAndCompare(days: number, label: string) {
  expect((await rollTimeline(ctx.database.db)).days, label).toBe(days);
  await expectRollupEqualsTimeline(label);
}

describe('indicators from the daily rollup', () => {
  it('equal the timeline recomputation with nothing rolled, everything rolled, the rollup behind, and after late events', async () => {
    await expectRollupEqualsTimeline('nothing rolled');

    const first = await rollTimeline(ctx.database.db);
    expect(first.days).toBeGreaterThan(140);
    const [held] = await queryRows<{ n: number }>(ctx.database.db, sql`select coalesce(sum(reported + accepted + closed + rated), 0)::int as n from case_daily_counts where day = ${today}::date`);
    expect(held?.n, 'today is rolled too').toBeGreaterThan(0);
    await expectRollupEqualsTimeline('everything rolled');

    // The job fell behind: the last twenty days are not folded; they are read from the timeline.
    await rewind(addDays(today, -20));
    await expectRollupEqualsTimeline('twenty days behind');
    await rollAndCompare(21, 'caught up');
    // Some three hundred report queries each time: minutes on a loaded machine.
  }, 400_000);

  it('today partly rolled plus the entries written since, and after the instant it is complete to, equal the recomputation', async () => {
    await rollTimeline(ctx.database.db);
    // Written after the roll: today's (ids above the folded one) and ahead of the rollup's instant.
    await insertEvents(60, at(today).getTime(), now);
    await insertEvents(20, Date.now() + 5 * 60_000, now + 2 * HOUR - 1);
    expect(await rollupRecurringJobs[0]?.due?.(ctx.database.db)).toBe(true);
    await expectRollupEqualsTimeline('today partly rolled, new entries live');
    await rollAndCompare(1, 'today rolled again');
  }, 400_000);

  it('a backdated event five days old, written after the roll, is folded by the next run', async () => {
    const day = addDays(today, -5);
    const dayCount = async () => {
      const [row] = await queryRows<{ n: number }>(ctx.database.db, sql`select coalesce(sum(reported + accepted + registered + dispatched + closed + overdue + rated), 0)::int as n from case_daily_counts where day = ${day}::date`);
      return row?.n ?? 0;
    };
    await rollTimeline(ctx.database.db);
    const before = await dayCount();
    await ctx.database.db.execute(sql`insert into case_timeline (case_id, version, action, to_state, to_tier, actor_name, actor_role, org_path, handling_unit, at, details)
      values (${caseIds[0]}::uuid, ${version++}, 'report', 'reported', 'grid', 'test', 'system', ${places[1]}, null, ${at(day, 10).toISOString()}::timestamptz, '{}'::jsonb)`);
    // Read from the timeline until folded: the answers are exact in between.
    await expectRollupEqualsTimeline('backdated, not folded yet');
    await rollAndCompare(1, 'backdated, folded');
    expect(await dayCount()).toBe(before + 1);
  }, 400_000);

  // Two connections: PGlite has one. Ids are handed out in one order and committed in another.
  it.skipIf(!process.env.DATABASE_URL)('an entry whose transaction is still open when the job runs is folded by a later run, not skipped', async () => {
    const db = ctx.database.db;
    const day = addDays(today, -7);
    const year = { groupBy: 'children' as const, from: at(addDays(today, -365)), to: at(addDays(today, 1)) };
    await rollTimeline(db);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let written = () => {};
    const wasWritten = new Promise<void>((resolve) => (written = resolve));
    const writer = db.transaction(async (tx) => {
      await tx.execute(sql`insert into case_timeline (case_id, version, action, to_state, to_tier, actor_name, actor_role, org_path, handling_unit, at, details)
        values (${caseIds[1]}::uuid, ${version++}, 'report', 'reported', 'grid', 'test', 'system', ${places[2]}, null, ${at(day, 9).toISOString()}::timestamptz, '{}'::jsonb)`);
      written();
      await held;
    });
    await wasWritten;
    // Entries with larger ids, committed first.
    await insertEvents(5, at(addDays(today, -3)).getTime(), at(addDays(today, -2)).getTime());
    const meanwhile = await rollTimeline(db);
    expect(meanwhile.days, 'the horizon stays while a writer is in flight').toBe(0);
    expect(await caseIndicators(db, district, year)).toEqual(await caseIndicators(db, district, year, 'timeline'));
    release();
    await writer;
    const next = await rollTimeline(db);
    expect(next.days).toBe(2);
    expect(await caseIndicators(db, district, year)).toEqual(await caseIndicators(db, district, year, 'timeline'));
    const [folded] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from case_timeline t, case_rollup_state s where t.id > s.folded_id`);
    expect(folded?.n).toBe(0);
  }, 60_000);

  it('roll again without change: nothing rolled, same rows', async () => {
    const before = await queryRows(ctx.database.db, sql`select * from case_daily_units order by day, org_path, handling_unit`);
    expect(await rollupRecurringJobs[0]?.due?.(ctx.database.db), 'a quiet minute queues no job').toBe(false);
    const again = await rollTimeline(ctx.database.db);
    expect(again.days).toBe(0);
    expect(await queryRows(ctx.database.db, sql`select * from case_daily_units order by day, org_path, handling_unit`)).toEqual(before);
  });

  it('a wrong count in the rollup shows: the comparison fails', async () => {
    const query = { groupBy: 'children' as const, from: at(addDays(today, -365)), to: at(addDays(today, 1)) };
    const oracle = await caseIndicators(ctx.database.db, district, query, 'timeline');
    expect(await caseIndicators(ctx.database.db, district, query)).toEqual(oracle);
    await ctx.database.db.execute(sql`update case_daily_streets set reported = reported + 1 where (day, org_path) in (select day, org_path from case_daily_streets where reported > 0 limit 1)`);
    expect(await caseIndicators(ctx.database.db, district, query)).not.toEqual(oracle);
    await ctx.database.db.execute(sql`update case_daily_streets set reported = reported - 1 where (day, org_path) in (select day, org_path from case_daily_streets where reported > 1 limit 1)`);
  });
});

describe('splitWindow', () => {
  const state = { foldedId: 500, completeUntil: new Date(beijingDayStart('2026-11-30').getTime() + 9.5 * HOUR) };
  it('reads the rolled days from the rollup; from the timeline the edges, the unfolded entries and what lies after the rollup', () => {
    const from = new Date(beijingDayStart('2026-03-05').getTime() + 5 * HOUR);
    const to = new Date(beijingDayStart('2026-12-01').getTime() + 2 * HOUR);
    expect(splitWindow(from, to, state)).toEqual({
      days: { from: '2026-03-06', to: '2026-12-01' },
      live: [
        { from, to: beijingDayStart('2026-03-06') },
        { from: beijingDayStart('2026-03-06'), to: state.completeUntil, after: 500 },
        { from: state.completeUntil, to },
      ],
    });
  });
  it('ends on a whole day before the instant the rollup is complete to', () => {
    const from = beijingDayStart('2026-02-01');
    const to = beijingDayStart('2026-03-01');
    expect(splitWindow(from, to, state)).toEqual({ days: { from: '2026-02-01', to: '2026-03-01' }, live: [{ from, to, after: 500 }] });
    const earlyToday = new Date(beijingDayStart('2026-11-30').getTime() + 3 * HOUR);
    expect(splitWindow(from, earlyToday, state)).toEqual({
      days: { from: '2026-02-01', to: '2026-11-30' },
      live: [{ from, to: beijingDayStart('2026-11-30'), after: 500 }, { from: beijingDayStart('2026-11-30'), to: earlyToday }],
    });
  });
  it('reads the timeline alone when the rollup holds none of the window, or nothing', () => {
    const from = beijingDayStart('2026-12-01');
    const to = beijingDayStart('2026-12-08');
    expect(splitWindow(from, to, state)).toEqual({ live: [{ from, to }] });
    expect(splitWindow(from, to, undefined)).toEqual({ live: [{ from, to }] });
    const within = new Date(beijingDayStart('2026-02-01').getTime() + HOUR);
    expect(splitWindow(within, new Date(within.getTime() + 5 * HOUR), state)).toEqual({ live: [{ from: within, to: new Date(within.getTime() + 5 * HOUR) }] });
  });
});

describe('dayRanges', () => {
  it('joins consecutive days, at most a month each', () => {
    expect(dayRanges(['2026-01-03', '2026-01-01', '2026-01-02', '2026-01-05', '2026-01-03'])).toEqual([
      { from: '2026-01-01', to: '2026-01-04' },
      { from: '2026-01-05', to: '2026-01-06' },
    ]);
    const days = Array.from({ length: 70 }, (_, i) => addDays('2026-01-01', i));
    expect(dayRanges(days)).toEqual([
      { from: '2026-01-01', to: '2026-02-01' },
      { from: '2026-02-01', to: '2026-03-04' },
      { from: '2026-03-04', to: '2026-03-12' },
    ]);
  });
});

describe('timeline partitions', () => {
  it('are months of Beijing time, twelve ahead', () => {
    expect(monthsFrom(new Date('2026-12-31T16:30:00Z'), 2)).toEqual(['2027-01-01', '2027-02-01', '2027-03-01']);
    expect(monthsFrom(new Date('2026-11-30T12:00:00Z'), 12).at(-1)).toBe('2027-11-01');
  });
  it('are created ahead by the job, again without harm, and entries land in their month', async () => {
    expect(await ensureTimelinePartitions(ctx.database.db, new Date(now + 400 * DAY))).toEqual([]);
    expect(await ensureTimelinePartitions(ctx.database.db, new Date(now + 400 * DAY))).toEqual([]);
    const ahead = monthsFrom(new Date(now + 400 * DAY), 12).at(-1)?.slice(0, 7).replace('-', '_');
    const [made] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from pg_class where relname = ${`case_timeline_${ahead}`}`);
    expect(made?.n).toBe(1);
    const [misplaced] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from case_timeline_default`);
    expect(misplaced?.n).toBe(0);
  });
});
