// The command centre's figures for an area: the overview (now, today, the period and the one
// before), trends, top and growing categories, and rankings. Period counts come from the
// rollup plus the live timeline (counts.ts); the state of things now from the cases themselves.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { listChildOrgNodes, orgUnitsUnder, type TreePlace } from '../../org/index.ts';
import { loadCaseRules } from '../../cases/index.ts';
import { addDays, beijingDay, periodDays, previousPeriod, resolveArea, type Area, type DayRange } from '../area.ts';
import { countsBy, metricsOf, type CountRow } from '../counts.ts';
import { movementOf, ranks, scoreOf } from '../ranking.ts';
import type {
  AreaPeriodQuery, CategoriesView, NowFigures, OverviewView, PeriodFigures, RankingGroup, RankingRow, RankingView, TrendBucket, TrendView,
} from '../contract.ts';
import { openCaseStates, caseAreaFilter } from '../case-reads.ts';

function periodFigures(row: CountRow | undefined): PeriodFigures {
  const m = metricsOf(row);
  return {
    reported: m.reported,
    closed: m.closed,
    closedOnTime: row?.closed_on_time ?? 0,
    overdue: m.overdueCount,
    responseRate: m.responseRate,
    resolutionRate: m.resolutionRate,
    satisfiedRate: m.satisfiedRate,
    onTimeClosureRate: m.onTimeClosureRate,
  };
}

const total = sql`'all'`;

/** Open, overdue and supervised cases of the area now. */
async function nowFigures(db: Db, area: Area): Promise<NowFigures> {
  const [row] = await queryRows<NowFigures>(
    db,
    sql`select count(*)::int as open,
        count(*) filter (where overdue_at is not null)::int as overdue,
        count(*) filter (where supervision_level = 'yellow')::int as "yellowSupervised",
        count(*) filter (where supervision_level = 'red')::int as "redSupervised"
      from cases c where c.state in ${openCaseStates} and ${caseAreaFilter(area)}`,
  );
  return row ?? { open: 0, overdue: 0, yellowSupervised: 0, redSupervised: 0 };
}

async function openWarningCount(db: Db, area: Area): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from command_warnings w where w.state <> 'closed' and (w.org_path = ${area.orgPath} or w.org_path like ${`${area.orgPath}.%`})`,
  );
  return row?.n ?? 0;
}

export async function commandOverview(db: Db, actor: Actor, q: AreaPeriodQuery, now = new Date()): Promise<OverviewView> {
  const area = await resolveArea(db, actor, q.under);
  const range = periodDays(q.from, q.to, now);
  const today = beijingDay(now);
  const [period, previous, todays, nowF, warnings] = await Promise.all([
    countsBy(db, area, range, total, {}),
    countsBy(db, area, previousPeriod(range), total, {}),
    countsBy(db, area, { from: today, to: addDays(today, 1) }, total, {}),
    nowFigures(db, area),
    openWarningCount(db, area),
  ]);
  return {
    area: { code: area.code, name: area.name, level: area.level },
    department: area.isDepartment,
    from: new Date(`${range.from}T00:00:00+08:00`),
    to: new Date(`${range.to}T00:00:00+08:00`),
    now: nowF,
    today: periodFigures(todays[0]),
    period: periodFigures(period[0]),
    previous: periodFigures(previous[0]),
    openWarnings: warnings,
  };
}

const bucketKey: Record<TrendBucket, SQL> = {
  day: sql`to_char(day, 'YYYY-MM-DD')`,
  week: sql`to_char(date_trunc('week', day), 'YYYY-MM-DD')`,
  month: sql`to_char(day, 'YYYY-MM')`,
};

/** The Monday of a day's week (ISO weeks, as date_trunc('week')). */
export function mondayOf(day: string): string {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/** The buckets of a period in order, so a quiet day shows as 0 rather than a gap. */
export function bucketsOf(range: DayRange, bucket: TrendBucket): string[] {
  const keys: string[] = [];
  for (let day = range.from; day < range.to; day = addDays(day, 1)) {
    let key = day;
    if (bucket === 'month') key = day.slice(0, 7);
    if (bucket === 'week') key = mondayOf(day);
    if (keys.at(-1) !== key) keys.push(key);
  }
  return keys;
}

export async function commandTrend(db: Db, actor: Actor, q: AreaPeriodQuery & { bucket: TrendBucket }, now = new Date()): Promise<TrendView> {
  const area = await resolveArea(db, actor, q.under);
  const range = periodDays(q.from, q.to, now);
  const rows = await countsBy(db, area, range, bucketKey[q.bucket], { counts: ['reported', 'closed', 'overdue'] });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return {
    bucket: q.bucket,
    points: bucketsOf(range, q.bucket).map((key) => {
      const r = byKey.get(key);
      return { bucket: key, reported: r?.reported ?? 0, closed: r?.closed ?? 0, overdue: r?.overdue ?? 0 };
    }),
  };
}

/** The places an area compares: its divisions one level down (a department compares nothing). */
async function childrenOf(db: Db, area: Area): Promise<{ places: TreePlace[]; key: SQL }> {
  if (area.isDepartment) return { places: [], key: sql`''` };
  const depth = area.orgPath.split('.').length + 1;
  return { places: await listChildOrgNodes(db, area.code, 'divisions'), key: sql`split_part(org_path, '.', ${depth})` };
}

const TOP = 10;

export async function commandCategories(db: Db, actor: Actor, q: AreaPeriodQuery, now = new Date()): Promise<CategoriesView> {
  const area = await resolveArea(db, actor, q.under);
  const range = periodDays(q.from, q.to, now);
  const before = previousPeriod(range);
  const { places, key: placeKey } = await childrenOf(db, area);
  const pairKey = sql`${placeKey} || '|' || category_code`;
  // One read per period: the area's category counts are the sums of its places' pairs.
  const [curPairs, prevPairs, rules] = await Promise.all([
    countsBy(db, area, range, pairKey, { category: true, counts: ['reported'] }),
    countsBy(db, area, before, pairKey, { category: true, counts: ['reported'] }),
    loadCaseRules(db),
  ]);
  const byCategory = (pairs: { key: string; reported: number }[]) => {
    const sums = new Map<string, number>();
    for (const p of pairs) {
      const code = p.key.slice(p.key.indexOf('|') + 1);
      sums.set(code, (sums.get(code) ?? 0) + p.reported);
    }
    return sums;
  };
  const nameOf = (code: string) => rules.categories.get(code)?.name ?? code;
  const prevBy = byCategory(prevPairs);
  const top = [...byCategory(curPairs)]
    .map(([key, reported]) => ({ key, reported }))
    .filter((r) => r.reported > 0)
    .sort((a, b) => b.reported - a.reported || (a.key < b.key ? -1 : 1))
    .slice(0, TOP)
    .map((r) => ({ categoryCode: r.key, name: nameOf(r.key), reported: r.reported, previous: prevBy.get(r.key) ?? 0 }));
  const prevPairBy = new Map(prevPairs.map((r) => [r.key, r.reported]));
  const placeName = new Map(places.map((p) => [p.code, p.name]));
  const growing = curPairs
    .map((r) => {
      const [placeCode = '', categoryCode = ''] = r.key.split('|');
      const previous = prevPairBy.get(r.key) ?? 0;
      return { categoryCode, name: nameOf(categoryCode), placeCode, placeName: placeName.get(placeCode) ?? placeCode, reported: r.reported, previous, growth: r.reported - previous };
    })
    .filter((r) => r.growth > 0 && placeName.has(r.placeCode))
    .sort((a, b) => b.growth - a.growth || b.reported - a.reported || (`${a.placeCode}|${a.categoryCode}` < `${b.placeCode}|${b.categoryCode}` ? -1 : 1))
    .slice(0, TOP);
  return { top, growing };
}

export async function commandRankings(db: Db, actor: Actor, q: AreaPeriodQuery & { groupBy: RankingGroup }, now = new Date()): Promise<RankingView> {
  const area = await resolveArea(db, actor, q.under);
  const range = periodDays(q.from, q.to, now);
  let units: TreePlace[];
  let key: SQL;
  if (q.groupBy === 'departments') {
    units = area.isDepartment ? [] : await orgUnitsUnder(db, area.orgPath, 'department');
    key = sql`handling_unit`;
  } else {
    ({ places: units, key } = await childrenOf(db, area));
  }
  const needs = { unit: q.groupBy === 'departments' };
  const [cur, prev] = await Promise.all([countsBy(db, area, range, key, needs), countsBy(db, area, previousPeriod(range), key, needs)]);
  const rowsOf = (counts: (CountRow & { key: string })[]) => {
    const by = new Map(counts.map((c) => [c.key, c]));
    return units.map((u) => ({ unit: u, m: metricsOf(by.get(u.code)) }));
  };
  const current = rowsOf(cur);
  const before = rowsOf(prev);
  const input = (rows: typeof current) => rows.map(({ unit, m }) => ({ code: unit.code, onTimeClosureRate: m.onTimeClosureRate, responseRate: m.responseRate, satisfiedRate: m.satisfiedRate }));
  const rankNow = ranks(input(current));
  const rankBefore = ranks(input(before));
  const rows: RankingRow[] = current.map(({ unit, m }) => {
    const rank = rankNow.get(unit.code) ?? null;
    const previousRank = rankBefore.get(unit.code) ?? null;
    return {
      code: unit.code, name: unit.name, level: unit.level, reported: m.reported, closed: m.closed,
      onTimeClosureRate: m.onTimeClosureRate, responseRate: m.responseRate, satisfiedRate: m.satisfiedRate,
      score: scoreOf({ code: unit.code, ...m }), rank, previousRank, movement: movementOf(rank, previousRank),
    };
  });
  rows.sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || (a.code < b.code ? -1 : 1));
  return { groupBy: q.groupBy, rows };
}
