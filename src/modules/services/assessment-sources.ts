// The services' figures as assessment indicators (好差评 rankings feed the assessment): per
// assessed unit and period, the share of ratings of 满意 or 非常满意, and the share of
// applications decided (办结) by their promised day. A unit counts what its own centre and the
// centres below it took in (the rating and the application carry the centre's org path).
import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { registerDataSource, type DataSource, type Measured, type MeasureContext } from '../assessment/index.ts';
import type { TreePlace } from '../org/index.ts';
import { serviceApplications } from './schema.ts';
import { serviceRatings } from './schema/ratings.ts';

interface PathCounts {
  orgPath: string;
  total: number;
  hits: number;
}

const under = (column: typeof serviceRatings.orgPath | typeof serviceApplications.orgPath, path: string) => sql`(${column} = ${path} or ${column} like ${`${path}.%`})`;

/** Valid ratings of applications rated in the period, and those of 满意 (4) or 非常满意 (5), per centre path. */
export function satisfactionCounts(db: Db, path: string, from: Date, to: Date): Promise<PathCounts[]> {
  return db
    .select({ orgPath: serviceRatings.orgPath, total: sql<number>`count(*)::int`, hits: sql<number>`(count(*) filter (where ${serviceRatings.level} >= 4))::int` })
    .from(serviceRatings)
    .where(and(eq(serviceRatings.subjectKind, 'application'), eq(serviceRatings.voided, false), gte(serviceRatings.createdAt, from), lt(serviceRatings.createdAt, to), under(serviceRatings.orgPath, path)))
    .groupBy(serviceRatings.orgPath);
}

/** Accepted applications decided (approved or refused) in the period, and those decided by their promised day, per centre path. */
export function onTimeCounts(db: Db, path: string, from: Date, to: Date): Promise<PathCounts[]> {
  const a = serviceApplications;
  return db
    .select({ orgPath: a.orgPath, total: sql<number>`count(*)::int`, hits: sql<number>`(count(*) filter (where ${a.finishedAt} <= ${a.dueAt}))::int` })
    .from(a)
    .where(and(isNotNull(a.dueAt), isNotNull(a.finishedAt), inArray(a.status, ['approved', 'refused', 'delivered', 'rated']), gte(a.finishedAt, from), lt(a.finishedAt, to), under(a.orgPath, path)))
    .groupBy(a.orgPath);
}

function unitOfPath(units: readonly TreePlace[], path: string): TreePlace | undefined {
  return units.find((u) => path === u.orgPath || path.startsWith(`${u.orgPath}.`));
}

/** Sums path counts into the assessed units: a share (4 decimals) with its counts as the trace. */
function perUnit(ctx: MeasureContext, counts: PathCounts[], labels: { total: string; hits: string }): Map<string, Measured> {
  const sums = new Map<string, { total: number; hits: number }>();
  for (const c of counts) {
    const unit = unitOfPath(ctx.units, c.orgPath);
    if (!unit) continue;
    const s = sums.get(unit.code) ?? { total: 0, hits: 0 };
    s.total += c.total;
    s.hits += c.hits;
    sums.set(unit.code, s);
  }
  return new Map(
    ctx.units.map((u) => {
      const s = sums.get(u.code) ?? { total: 0, hits: 0 };
      const value = s.total ? Math.round((s.hits / s.total) * 10_000) / 10_000 : null;
      return [u.code, { value, rows: [{ label: labels.total, value: String(s.total) }, { label: labels.hits, value: String(s.hits) }] }];
    }),
  );
}

export const serviceDataSources: DataSource[] = [
  {
    key: 'services.satisfaction',
    direction: 'higher_better',
    kinds: ['street', 'community'],
    measure: async (ctx) => perUnit(ctx, await satisfactionCounts(ctx.db, ctx.under.orgPath, ctx.from, ctx.to), { total: '好差评 ratings', hits: '满意及非常满意 satisfied or very satisfied' }),
  },
  {
    key: 'services.on_time',
    direction: 'higher_better',
    kinds: ['street', 'community'],
    measure: async (ctx) => perUnit(ctx, await onTimeCounts(ctx.db, ctx.under.orgPath, ctx.from, ctx.to), { total: '办结 decided', hits: '按承诺时限办结 decided by the promised day' }),
  },
];

/** Adds the services' indicators to the assessment's source registry (once, at start). */
export function registerServiceDataSources(): void {
  for (const source of serviceDataSources) registerDataSource(source);
}
