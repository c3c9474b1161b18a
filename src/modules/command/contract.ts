// The command module's contract (指挥中心): the figures of the leaders' screen, its trends,
// categories, map and rankings, the early-warning rules and warnings, and the leaders' to-do.
// Routes validate with these, services return these types, and the web imports them.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/paging.ts';

export const trendBuckets = ['day', 'week', 'month'] as const;
export type TrendBucket = (typeof trendBuckets)[number];

/** Who a ranking compares: the children of the area (streets of a district, communities of a street) or its departments. */
export const rankingGroups = ['children', 'departments'] as const;
export type RankingGroup = (typeof rankingGroups)[number];

/** The early-warning rules: a category surging in one place, repeated reports at one place, a unit whose overdue share jumps. */
export const warningKinds = ['category_surge', 'repeated_place', 'overdue_jump'] as const;
export type WarningKind = (typeof warningKinds)[number];

export const warningStates = ['open', 'acknowledged', 'closed'] as const;
export type WarningState = (typeof warningStates)[number];

/** The tables of the command centre that export to .xlsx. */
export const exportTables = ['rankings', 'categories', 'places', 'warnings'] as const;
export type ExportTable = (typeof exportTables)[number];

const code = z.string().min(1).max(40);
const dateParam = z.coerce.date();

/** The area and period every figure is asked for: `under` defaults to the actor's own area; the period to the last 30 days. */
export const areaPeriodQuery = z.object({
  under: code.optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
});
export type AreaPeriodQuery = z.infer<typeof areaPeriodQuery>;

export const areaView = z.object({ code: z.string(), name: z.string(), level: z.string() });
export type AreaView = z.infer<typeof areaView>;

/** What happened in a span of time (counted from the case timeline). Rates are null when nothing was there to count. */
export const periodFigures = z.object({
  reported: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  overdue: z.number().int(),
  /** 接诉即办: 响应率, 解决率, 满意率 (cases' indicator formulas). */
  responseRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfiedRate: z.number().nullable(),
  onTimeClosureRate: z.number().nullable(),
});
export type PeriodFigures = z.infer<typeof periodFigures>;

/** The state of things now: cases not finished, overdue among them, and under yellow or red supervision (督办). */
export const nowFigures = z.object({
  open: z.number().int(),
  overdue: z.number().int(),
  yellowSupervised: z.number().int(),
  redSupervised: z.number().int(),
});
export type NowFigures = z.infer<typeof nowFigures>;

export const overviewView = z.object({
  area: areaView,
  /** Set when the figures are those of one department (what it led), not of an area. */
  department: z.boolean(),
  from: z.date(),
  to: z.date(),
  now: nowFigures,
  today: periodFigures,
  period: periodFigures,
  previous: periodFigures,
  openWarnings: z.number().int(),
});
export type OverviewView = z.infer<typeof overviewView>;

export const trendQuery = areaPeriodQuery.extend({ bucket: z.enum(trendBuckets).default('day') });
export const trendPoint = z.object({ bucket: z.string(), reported: z.number().int(), closed: z.number().int(), overdue: z.number().int() });
export const trendView = z.object({ bucket: z.enum(trendBuckets), points: z.array(trendPoint) });
export type TrendPoint = z.infer<typeof trendPoint>;
export type TrendView = z.infer<typeof trendView>;

export const categoryFigure = z.object({ categoryCode: z.string(), name: z.string(), reported: z.number().int(), previous: z.number().int() });
export type CategoryFigure = z.infer<typeof categoryFigure>;
/** A category growing in one place (a child of the area) against the previous period of the same length. */
export const placeGrowth = categoryFigure.extend({ placeCode: z.string(), placeName: z.string(), growth: z.number().int() });
export type PlaceGrowth = z.infer<typeof placeGrowth>;
export const categoriesView = z.object({ top: z.array(categoryFigure), growing: z.array(placeGrowth) });
export type CategoriesView = z.infer<typeof categoriesView>;

export const rankingQuery = areaPeriodQuery.extend({ groupBy: z.enum(rankingGroups).default('children') });
export const rankingRow = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  reported: z.number().int(),
  closed: z.number().int(),
  onTimeClosureRate: z.number().nullable(),
  responseRate: z.number().nullable(),
  satisfiedRate: z.number().nullable(),
  /** The mean of the available rates (0–1), what the rank orders by; null when the unit had nothing to rate. */
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  /** Against the previous period of the same length: up (a better rank), down, same, or new (no rank before). */
  movement: z.enum(['up', 'down', 'same', 'new']),
});
export type RankingRow = z.infer<typeof rankingRow>;
export const rankingView = z.object({ groupBy: z.enum(rankingGroups), rows: z.array(rankingRow) });
export type RankingView = z.infer<typeof rankingView>;

/** Live cases for the map (points, clusters, heat) and each grid's load. */
export const mapCase = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  categoryCode: z.string(),
  state: z.string(),
  slaLevel: z.string(),
  lng: z.number(),
  lat: z.number(),
  createdAt: z.date(),
});
export type MapCase = z.infer<typeof mapCase>;
export const gridLoad = z.object({ gridCode: z.string(), open: z.number().int(), overdue: z.number().int(), overdueShare: z.number().nullable() });
export type GridLoad = z.infer<typeof gridLoad>;
export const mapQuery = z.object({ under: code.optional() });
export const mapView = z.object({
  cases: z.array(mapCase),
  /** True when there were more live cases than the map shows (the newest are shown). */
  truncated: z.boolean(),
  grids: z.array(gridLoad),
});
export type MapView = z.infer<typeof mapView>;

/** One grid's polygon as map context (a department may see the grid of a case it leads), in the org module's GeoJSON shape. */
export const gridContextParams = z.object({ code: z.string().regex(/^[A-Za-z0-9-]{1,32}$/) });
export const gridContextView = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), geometry: z.unknown(), properties: z.record(z.string(), z.unknown()) })),
});

/** The live stream: `event: case` carries a MapCase for each case reported in the area (id = the timeline id, for Last-Event-ID). */
export const commandStreamQuery = z.object({ under: code.optional(), after: z.coerce.number().int().min(0).optional() });

// ---------------------------------------------------------------------------- early warning

export const surgeParams = z.object({
  /** Days of history the baseline is taken from. */
  baselineDays: z.number().int().min(7).max(180),
  /** The Poisson upper tail below which today's count is a surge. */
  pValue: z.number().gt(0).lt(0.5),
  /** Fewer cases than this never make a surge (a quiet place going from 0 to 2 is not news). */
  minCount: z.number().int().min(1).max(1000),
});
export const repeatedPlaceParams = z.object({
  /** Days looked back. */
  days: z.number().int().min(1).max(90),
  /** Reports at the same address (or within the same square cell of this size) that make a warning. */
  minReports: z.number().int().min(2).max(1000),
  /** The cell's side in metres: reports without an address are the same place when their points share a cell. */
  radiusMeters: z.number().int().min(20).max(2000).default(100),
});
export const overdueJumpParams = z.object({
  /** Days in each of the two windows compared (the recent one and the one before it). */
  days: z.number().int().min(3).max(90),
  /** The rise of the overdue share (0–1) that makes a warning. */
  minRise: z.number().gt(0).lt(1),
  /** Closures/marks needed in the recent window before a share means anything. */
  minCases: z.number().int().min(1).max(10_000),
});
export const ruleParams = z.union([surgeParams, repeatedPlaceParams, overdueJumpParams]);

export const warningRuleView = z.object({
  kind: z.enum(warningKinds),
  enabled: z.boolean(),
  params: z.record(z.string(), z.number()),
  /** The version of the area's own rule; 0 when the area follows a rule from above. */
  version: z.number().int(),
  updatedAt: z.date(),
  /** Whether the area has its own rule (else the nearest area above it, or the installation's default, applies). */
  own: z.boolean(),
  /** The area whose rule is in force (null: the installation's default). */
  from: z.object({ code: z.string(), name: z.string() }).nullable(),
});
export type WarningRuleView = z.infer<typeof warningRuleView>;
export const warningRuleList = z.object({ area: areaView.nullable(), items: z.array(warningRuleView) });
export type WarningRuleList = z.infer<typeof warningRuleList>;
export const ruleParamsPath = z.object({ kind: z.enum(warningKinds) });
/** Rules of a district or street (default: the installation's). */
export const rulesQuery = z.object({ under: code.optional() });
export const resetRuleQuery = z.object({ under: code });
export const updateRuleBody = z
  .object({
    /** The district or street whose own rule this writes (default: the installation's). */
    under: code.optional(),
    enabled: z.boolean().optional(),
    params: z.record(z.string(), z.number()).optional(),
    /** The rule's version as read (0 to give the area its own rule). */
    version: z.number().int().min(0),
  })
  .strict();
export type UpdateRuleInput = z.infer<typeof updateRuleBody>;

export const warningView = z.object({
  id: z.uuid(),
  kind: z.enum(warningKinds),
  state: z.enum(warningStates),
  /** The place the warning is about (a grid, community or department) and its name. */
  placeCode: z.string(),
  placeName: z.string(),
  categoryCode: z.string().nullable(),
  title: z.string(),
  /** What the rule saw: counts, baseline, p-value or shares. */
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  caseIds: z.array(z.uuid()),
  detectedAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.string().nullable(),
  closedAt: z.date().nullable(),
  closedBy: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type WarningView = z.infer<typeof warningView>;
export const listWarningsQuery = z.object({ ...pageQuery, under: code.optional(), state: z.enum(warningStates).optional() });
export type ListWarningsQuery = z.infer<typeof listWarningsQuery>;
export const warningList = pageOf(warningView);
export type WarningList = z.infer<typeof warningList>;
export const warningParams = z.object({ id: z.uuid() });
export const warningNoteBody = z.object({ note: z.string().trim().min(1).max(500), version: z.number().int() }).strict();
export type WarningNoteInput = z.infer<typeof warningNoteBody>;

// ---------------------------------------------------------------------------- leaders' to-do

export const todoCase = z.object({ id: z.uuid(), number: z.string(), title: z.string(), state: z.string(), slaLevel: z.string(), createdAt: z.date() });
export const leaderTodoView = z.object({
  /** Cases escalated to the leader's tier or asked for instruction (批示), not yet instructed. */
  awaitingInstruction: z.object({ total: z.number().int(), items: z.array(todoCase) }),
  redSupervised: z.object({ total: z.number().int(), items: z.array(todoCase) }),
  openWarnings: z.object({ total: z.number().int(), items: z.array(warningView) }),
  /** Governance topics (每月一题) awaiting the leader, from the assessment module when it is present. */
  topics: z.object({ total: z.number().int(), items: z.array(z.object({ id: z.string(), title: z.string() })) }),
});
export type LeaderTodoView = z.infer<typeof leaderTodoView>;

export const exportParams = z.object({ table: z.enum(exportTables) });
export const exportQuery = rankingQuery.extend({ state: z.enum(warningStates).optional() });
