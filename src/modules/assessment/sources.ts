// The indicator source registry: each data source measures the assessed units of a scheme
// over its period, giving a value per org unit and the rows it came from (the trace). The
// cases, grid work and registry sources ship here, read through those modules' index.ts;
// other modules add theirs with registerDataSource.
import type { Db } from '../../platform/db.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { caseIndicators } from '../cases/index.ts';
import { gridsUnder, listChildOrgNodes, type TreePlace } from '../org/index.ts';
import { workerRecords } from '../gridwork/index.ts';
import { householdsWithAdults } from '../registry/index.ts';
import type { AssessedKind, IndicatorDirection } from './contract.ts';

export interface Measured {
  value: number | null;
  rows: { label: string; value: string }[];
}

export interface MeasureContext {
  db: Db;
  /** The scheme's node (a district or street) and the units assessed under it. */
  under: TreePlace;
  units: readonly TreePlace[];
  kind: AssessedKind;
  from: Date;
  to: Date;
  /** The period as China days [fromDay, toDay] inclusive. */
  fromDay: string;
  toDay: string;
  /** Shared by the sources of one computation (a source reads once for several indicators). */
  memo: Map<string, Promise<unknown>>;
}

export interface DataSource {
  key: string;
  direction: IndicatorDirection;
  kinds: readonly AssessedKind[];
  measure: (ctx: MeasureContext) => Promise<Map<string, Measured>>;
}

const registry = new Map<string, DataSource>();

/** Adds a data source (a module's own figures) to the registry. */
export function registerDataSource(source: DataSource): void {
  registry.set(source.key, source);
}

/** A source by key, or undefined. */
export function dataSource(key: string): DataSource | undefined {
  return registry.get(key);
}

/** Every registered source. */
export function dataSources(): DataSource[] {
  return [...registry.values()];
}

function memo<T>(ctx: MeasureContext, key: string, load: () => Promise<T>): Promise<T> {
  let p = ctx.memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    ctx.memo.set(key, p);
  }
  return p;
}

/** Reads the case indicators on behalf of the assessment, on the scheme's node only (the assessor's scope was checked before). */
function indicatorReader(under: TreePlace): Actor {
  return { kind: 'system', id: null, name: 'assessment', displayName: '考核', grants: [{ role: 'leader', orgPath: under.orgPath }], mustChangePassword: false };
}

type CaseMetrics = Awaited<ReturnType<typeof caseIndicators>>['units'][number];

/** The case indicators of every assessed unit: children of the node, communities of its streets, or its departments. */
function caseMetricsOf(ctx: MeasureContext): Promise<Map<string, CaseMetrics>> {
  return memo(ctx, 'case', async () => {
    const actor = indicatorReader(ctx.under);
    const base = { from: ctx.from, to: ctx.to };
    const out = new Map<string, CaseMetrics>();
    if (ctx.kind === 'department') {
      for (const u of (await caseIndicators(ctx.db, actor, { ...base, under: ctx.under.code, groupBy: 'departments' })).units) out.set(u.code, u);
      return out;
    }
    // Units one level below the node come in one query; communities under a district come street by street.
    const parents = ctx.under.level === 'district' && ctx.kind === 'community' ? await listChildOrgNodes(ctx.db, ctx.under.code, 'divisions') : [ctx.under];
    for (const p of parents) for (const u of (await caseIndicators(ctx.db, actor, { ...base, under: p.code, groupBy: 'children' })).units) out.set(u.code, u);
    return out;
  });
}

const caseSource = (key: keyof CaseMetrics & string, direction: IndicatorDirection, label: string): DataSource => ({
  key: `case.${key}`,
  direction,
  kinds: ['street', 'community', 'department'],
  measure: async (ctx) => {
    const metrics = await caseMetricsOf(ctx);
    return new Map(
      ctx.units.map((u) => {
        const m = metrics.get(u.code);
        const value = m ? (m[key] as number | null) : null;
        const rows = m
          ? [
              { label, value: value === null ? '—' : String(value) },
              { label: '上报 reported', value: String(m.reported) },
              { label: '受理 accepted', value: String(m.accepted) },
              { label: '结案 closed', value: String(m.closed) },
              { label: '超期 overdue', value: String(m.overdueCount) },
              { label: '评价 rated', value: String(m.rated) },
              { label: '满意 satisfied', value: String(m.satisfied) },
            ]
          : [];
        return [u.code, { value, rows }];
      }),
    );
  },
});

/** Unit codes covering a path: the assessed unit whose org path is a prefix of it. */
function unitOfPath(units: readonly TreePlace[], path: string): TreePlace | undefined {
  return units.find((u) => path === u.orgPath || path.startsWith(`${u.orgPath}.`));
}

const visitsOnTime: DataSource = {
  key: 'gridwork.visitsOnTimeRate',
  direction: 'higher_better',
  kinds: ['street', 'community'],
  measure: async (ctx) => {
    const [records, grids] = await Promise.all([workerRecords(ctx.db, ctx.under.orgPath, ctx.fromDay, ctx.toDay), gridsUnder(ctx.db, [ctx.under.orgPath])]);
    const gridPath = new Map(grids.map((g) => [g.code, g.orgPath]));
    const sums = new Map<string, { onTime: number; overdue: number }>();
    for (const r of records) {
      const unit = unitOfPath(ctx.units, gridPath.get(r.gridCode) ?? '');
      if (!unit) continue;
      const s = sums.get(unit.code) ?? { onTime: 0, overdue: 0 };
      s.onTime += r.visitsOnTime;
      s.overdue += r.dutyOverdue;
      sums.set(unit.code, s);
    }
    return new Map(
      ctx.units.map((u) => {
        const s = sums.get(u.code) ?? { onTime: 0, overdue: 0 };
        const due = s.onTime + s.overdue;
        return [u.code, { value: due ? Math.round((s.onTime / due) * 10_000) / 10_000 : null, rows: [{ label: '按时走访 visits on time', value: String(s.onTime) }, { label: '超期未办 duty items overdue', value: String(s.overdue) }] }];
      }),
    );
  },
};

const completeness: DataSource = {
  key: 'registry.completeness',
  direction: 'higher_better',
  kinds: ['street', 'community'],
  measure: async (ctx) => {
    const communities = ctx.kind === 'community' ? ctx.units : (await Promise.all(ctx.units.map((u) => listChildOrgNodes(ctx.db, u.code, 'divisions')))).flat();
    const sums = new Map<string, { households: number; complete: number }>();
    for (const c of communities) {
      const unit = unitOfPath(ctx.units, c.orgPath);
      if (!unit) continue;
      const list = await householdsWithAdults(ctx.db, c.code, ctx.toDay);
      const s = sums.get(unit.code) ?? { households: 0, complete: 0 };
      s.households += list.length;
      // A household file is complete when its head (户主) is recorded and it has an adult member.
      s.complete += list.filter((h) => h.headResidentId !== null && h.adults.length > 0).length;
      sums.set(unit.code, s);
    }
    return new Map(
      ctx.units.map((u) => {
        const s = sums.get(u.code) ?? { households: 0, complete: 0 };
        return [u.code, { value: s.households ? Math.round((s.complete / s.households) * 10_000) / 10_000 : null, rows: [{ label: '户数 households', value: String(s.households) }, { label: '户档完整 complete files', value: String(s.complete) }] }];
      }),
    );
  },
};

for (const s of [
  caseSource('onTimeClosureRate', 'higher_better', '按期结案率 on-time closure rate'),
  caseSource('responseRate', 'higher_better', '响应率 response rate'),
  caseSource('resolutionRate', 'higher_better', '解决率 resolution rate'),
  caseSource('satisfiedRate', 'higher_better', '满意率 satisfied rate'),
  caseSource('reworkRate', 'lower_better', '返工率 rework rate'),
  caseSource('overdueCount', 'lower_better', '超期件数 overdue cases'),
  visitsOnTime,
  completeness,
]) {
  registerDataSource(s);
}
