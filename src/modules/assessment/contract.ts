// Assessment (module `assessment`): topics of the month (每月一题), assessment schemes with
// weighted indicators from data, surveys and a third-party evaluator (双向考核, 第三方评估),
// surveys (问卷) answered on /portal or /m, and the period's report of an org unit.
// Routes validate and serialise with these schemas, services return the inferred types, and
// the web imports them. Depends on zod alone, so the web can.
//
// HTTP (under /api/assessment unless stated):
//   GET    /recurring                    recurringQuery → recurringList (categories × communities of the year)
//   GET    /recurring.xlsx               recurringQuery → .xlsx
//   GET    /topics                       topicListQuery → topicPage
//   POST   /topics                       createTopicBody → topicView (201, assessment.manage)
//   GET    /topics/:id                   → topicView (tasks and the recurrence month by month)
//   POST   /topics/:id/tasks/:taskId     updateTaskBody → topicView (assessment.manage)
//   POST   /topics/:id/close             closeTopicBody → topicView (assessment.manage)
//   GET    /data-sources                 → dataSourceList (the indicator source registry)
//   GET    /schemes                      schemeListQuery → schemePage
//   POST   /schemes                      createSchemeBody → schemeView (201, assessment.manage)
//   GET    /schemes/:id                  → schemeView
//   POST   /schemes/:id/evaluator-scores evaluatorScoresBody → schemeView (assessment.score: the third party)
//   POST   /schemes/:id/compute          → schemeResult (assessment.manage)
//   POST   /schemes/:id/publish          → schemeView (assessment.manage)
//   GET    /schemes/:id/result           → schemeResult
//   GET    /schemes/:id/result.xlsx      → .xlsx
//   GET    /schemes/:id/trace            traceQuery → scoreTrace (the source rows of one score)
//   GET    /surveys                      surveyListQuery → surveyPage
//   POST   /surveys                      createSurveyBody → surveyView (201, assessment.manage)
//   GET    /surveys/:id                  → surveyView
//   POST   /surveys/:id/sample           sampleBody → sampleResult (assessment.manage)
//   GET    /surveys/:id/invitations      invitationListQuery → invitationPage
//   POST   /surveys/:id/answers          workerAnswerBody → answerReceipt (assessment.survey: a worker on /m)
//   GET    /surveys/:id/results          → surveyResults
//   GET    /reports                      reportQuery → unitReport
//   GET    /reports.xlsx                 reportQuery → .xlsx
//   GET    /api/public/surveys/:code     → publicSurvey (public: by invitation code)
//   POST   /api/public/surveys/:code     answerBody → answerReceipt (public)
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/paging.ts';

// ---------------------------------------------------------------------------- vocabularies

export const topicStatuses = ['open', 'closed'] as const;
export type TopicStatus = (typeof topicStatuses)[number];

export const taskStatuses = ['open', 'done'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** 半年 / 年度 assessment periods. */
export const schemePeriods = ['half_year', 'year'] as const;
export type SchemePeriod = (typeof schemePeriods)[number];

/** The kinds of org unit a scheme assesses (stationed units and social organisations come with their modules). */
export const assessedKinds = ['street', 'community', 'department'] as const;
export type AssessedKind = (typeof assessedKinds)[number];

/** Where an indicator's value comes from: computed from data, a survey's scores, or a third-party evaluator. */
export const indicatorSources = ['data', 'survey', 'evaluator'] as const;
export type IndicatorSource = (typeof indicatorSources)[number];

export const indicatorDirections = ['higher_better', 'lower_better'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];

export const schemeStatuses = ['draft', 'computed', 'published'] as const;
export type SchemeStatus = (typeof schemeStatuses)[number];

export const questionKinds = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const surveyStatuses = ['open', 'closed'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

/** The data sources the server ships (others register more): the web offers these in a scheme's form. */
export const dataSourceKeys = [
  'case.onTimeClosureRate',
  'case.responseRate',
  'case.resolutionRate',
  'case.satisfiedRate',
  'case.reworkRate',
  'case.overdueCount',
  'gridwork.visitsOnTimeRate',
  'registry.completeness',
  'assessment.communityRating',
] as const;
export type DataSourceKey = (typeof dataSourceKeys)[number];

const code = z.string().trim().min(1).max(64);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-\d{2}$/);
const named = z.object({ code: z.string(), name: z.string() });

// ---------------------------------------------------------------------------- topics of the month

export const recurringQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  under: code.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(30),
});
export type RecurringQuery = z.infer<typeof recurringQuery>;

export const recurringItem = z.object({
  categoryCode: z.string(),
  categoryName: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  streetName: z.string(),
  count: z.number().int(),
  /** Months of the year with at least one such case: how steadily it recurs. */
  months: z.number().int(),
  /** An open topic already taken up for this pair. */
  topicId: z.string().uuid().nullable(),
});
export type RecurringItem = z.infer<typeof recurringItem>;
export const recurringList = z.object({ year: z.number().int(), items: z.array(recurringItem) });
export type RecurringList = z.infer<typeof recurringList>;

export const topicTaskInput = z.object({
  title: z.string().trim().min(1).max(200),
  deadline: isoDay,
  ownerUnitCode: code.optional(),
});

export const createTopicBody = z
  .object({
    title: z.string().trim().min(2).max(200),
    categoryCode: code,
    communityCode: code,
    leadUnitCode: code,
    coUnitCodes: z.array(code).max(20).default([]),
    /** The target in words (e.g. 月均事件数下降 50%). */
    target: z.string().trim().min(1).max(500),
    /** The monthly case count the topic aims to stay under. */
    targetMonthly: z.number().int().min(0).max(100_000).nullable().default(null),
    tasks: z.array(topicTaskInput).min(1).max(50),
  })
  .strict();
export type CreateTopicBody = z.infer<typeof createTopicBody>;

export const topicTaskView = z.object({
  id: z.string().uuid(),
  title: z.string(),
  deadline: z.string(),
  ownerUnit: named.nullable(),
  status: z.enum(taskStatuses),
  note: z.string().nullable(),
  doneAt: z.date().nullable(),
  isOverdue: z.boolean(),
});
export type TopicTaskView = z.infer<typeof topicTaskView>;

export const topicSummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  category: named,
  community: named,
  leadUnit: named,
  status: z.enum(topicStatuses),
  openedAt: z.date(),
  tasksDone: z.number().int(),
  tasksTotal: z.number().int(),
});
export type TopicSummary = z.infer<typeof topicSummary>;

export const topicView = topicSummary.extend({
  coUnits: z.array(named),
  target: z.string(),
  targetMonthly: z.number().int().nullable(),
  closedAt: z.date().nullable(),
  closingNote: z.string().nullable(),
  tasks: z.array(topicTaskView),
  /** Cases of the topic's category in its community, month by month from 6 months before opening to now. */
  monthly: z.array(z.object({ month, count: z.number().int(), afterOpening: z.boolean() })),
  /** Mean monthly count before opening and after it (null when no month yet). */
  before: z.number().nullable(),
  after: z.number().nullable(),
  version: z.number().int(),
});
export type TopicView = z.infer<typeof topicView>;

export const topicListQuery = z.object({ ...pageQuery, status: z.enum(topicStatuses).optional() });
export const topicPage = pageOf(topicSummary);
export type TopicPage = z.infer<typeof topicPage>;

export const updateTaskBody = z.object({ status: z.enum(taskStatuses), note: z.string().trim().max(500).optional() }).strict();
export const closeTopicBody = z.object({ note: z.string().trim().min(1).max(1000) }).strict();

// ---------------------------------------------------------------------------- schemes and indicators

export const dataSourceView = z.object({
  key: z.string(),
  direction: z.enum(indicatorDirections),
  /** Which kinds of org unit it can measure. */
  kinds: z.array(z.enum(assessedKinds)),
});
export const dataSourceList = z.object({ items: z.array(dataSourceView) });
export type DataSourceList = z.infer<typeof dataSourceList>;

export const indicatorInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    source: z.enum(indicatorSources),
    /** For `data`: a key of the source registry. */
    dataKey: z.string().max(100).optional(),
    /** For `survey`: the survey and its scale question whose mean scores each unit. */
    surveyId: z.string().uuid().optional(),
    questionKey: z.string().max(40).optional(),
    /** Percent of the total; a scheme's weights add up to 100. */
    weight: z.number().min(0).max(100),
    direction: z.enum(indicatorDirections).default('higher_better'),
  })
  .strict();
export type IndicatorInput = z.infer<typeof indicatorInput>;

export const createSchemeBody = z
  .object({
    name: z.string().trim().min(2).max(200),
    period: z.enum(schemePeriods),
    /** The first day of the period (a half year starts on 01-01 or 07-01, a year on 01-01). */
    periodStart: isoDay,
    kind: z.enum(assessedKinds),
    /** The node whose units of that kind are assessed (a district: its streets, communities or departments). */
    underCode: code,
    indicators: z.array(indicatorInput).min(1).max(30),
  })
  .strict();
export type CreateSchemeBody = z.infer<typeof createSchemeBody>;

export const indicatorView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  source: z.enum(indicatorSources),
  dataKey: z.string().nullable(),
  surveyId: z.string().uuid().nullable(),
  questionKey: z.string().nullable(),
  weight: z.number(),
  direction: z.enum(indicatorDirections),
  /** Units the evaluator has scored on this indicator (evaluator source). */
  scoredUnits: z.number().int(),
});
export type IndicatorView = z.infer<typeof indicatorView>;

export const schemeSummary = z.object({
  id: z.string().uuid(),
  name: z.string(),
  period: z.enum(schemePeriods),
  periodStart: z.string(),
  periodEnd: z.string(),
  kind: z.enum(assessedKinds),
  under: named,
  status: z.enum(schemeStatuses),
  computedAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
});
export type SchemeSummary = z.infer<typeof schemeSummary>;
export const schemeView = schemeSummary.extend({ indicators: z.array(indicatorView), units: z.array(named) });
export type SchemeView = z.infer<typeof schemeView>;
export const schemeListQuery = z.object({ ...pageQuery, status: z.enum(schemeStatuses).optional() });
export const schemePage = pageOf(schemeSummary);
export type SchemePage = z.infer<typeof schemePage>;

export const evaluatorScoresBody = z
  .object({
    indicatorId: z.string().uuid(),
    scores: z
      .array(z.object({ orgUnitCode: code, score: z.number().min(0).max(100), evidence: z.string().trim().min(1).max(2000) }).strict())
      .min(1)
      .max(1000),
  })
  .strict();
export type EvaluatorScoresBody = z.infer<typeof evaluatorScoresBody>;

export const resultItem = z.object({
  indicatorId: z.string().uuid(),
  /** The source's value (a rate, a count, a mean score); null when the source had nothing. */
  raw: z.number().nullable(),
  /** 0–100 after normalisation across the units (direction applied). */
  normalised: z.number(),
  /** normalised × weight / 100. */
  weighted: z.number(),
});
export const resultRow = z.object({
  rank: z.number().int(),
  orgUnit: named,
  total: z.number(),
  /** The rank of the previous computation of a scheme of the same kind, for arrows (null: none). */
  items: z.array(resultItem),
});
export type ResultRow = z.infer<typeof resultRow>;
export const schemeResult = z.object({
  scheme: schemeSummary,
  indicators: z.array(indicatorView),
  rows: z.array(resultRow),
});
export type SchemeResult = z.infer<typeof schemeResult>;

export const traceQuery = z.object({ indicatorId: z.string().uuid(), orgUnitCode: code });
export const scoreTrace = z.object({
  indicator: indicatorView,
  orgUnit: named,
  raw: z.number().nullable(),
  normalised: z.number(),
  /** The rows the value came from: counts behind a rate, responses behind a mean, the evaluator's score and evidence. */
  rows: z.array(z.object({ label: z.string(), value: z.string() })),
});
export type ScoreTrace = z.infer<typeof scoreTrace>;

// ---------------------------------------------------------------------------- surveys

export const questionInput = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    text: z.string().trim().min(1).max(300),
    kind: z.enum(questionKinds),
    required: z.boolean().default(false),
    /** Choices of single and multiple questions. */
    options: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    /** The top of a scale question (1..scaleMax). */
    scaleMax: z.number().int().min(2).max(10).default(5),
    /** Simple skip logic: ask only when an earlier single question has this answer. */
    showIf: z.object({ questionKey: z.string(), equals: z.string() }).strict().nullable().default(null),
  })
  .strict();
export type QuestionInput = z.infer<typeof questionInput>;
export type Question = z.output<typeof questionInput>;

export const createSurveyBody = z
  .object({
    title: z.string().trim().min(2).max(200),
    intro: z.string().trim().max(2000).default(''),
    underCode: code,
    /** Answers keep no household or worker with them. */
    anonymous: z.boolean().default(false),
    /** One answer per sampled household (by its invitation). */
    onePerHousehold: z.boolean().default(true),
    closesOn: isoDay.nullable().default(null),
    questions: z.array(questionInput).min(1).max(50),
  })
  .strict();
export type CreateSurveyBody = z.infer<typeof createSurveyBody>;

export const surveySummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  under: named,
  status: z.enum(surveyStatuses),
  anonymous: z.boolean(),
  onePerHousehold: z.boolean(),
  invited: z.number().int(),
  answered: z.number().int(),
  createdAt: z.date(),
  closesOn: z.string().nullable(),
});
export type SurveySummary = z.infer<typeof surveySummary>;
export const surveyView = surveySummary.extend({ intro: z.string(), questions: z.array(questionInput) });
export type SurveyView = z.infer<typeof surveyView>;
export const surveyListQuery = z.object({ ...pageQuery, status: z.enum(surveyStatuses).optional() });
export const surveyPage = pageOf(surveySummary);
export type SurveyPage = z.infer<typeof surveyPage>;

export const sampleBody = z
  .object({
    /** Households drawn in each community under the survey's node (stratified by grid within it). */
    perCommunity: z.number().int().min(1).max(1000),
    /** The same seed draws the same sample. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  })
  .strict();
export type SampleBody = z.infer<typeof sampleBody>;
export const sampleResult = z.object({
  invited: z.number().int(),
  communities: z.array(z.object({ code: z.string(), name: z.string(), households: z.number().int(), drawn: z.number().int() })),
});
export type SampleResult = z.infer<typeof sampleResult>;

export const invitationView = z.object({
  code: z.string(),
  community: named,
  gridCode: z.string().nullable(),
  /** The household's address (no names). */
  address: z.string(),
  answeredAt: z.date().nullable(),
});
export type InvitationView = z.infer<typeof invitationView>;
export const invitationListQuery = z.object({ ...pageQuery, answered: z.enum(['yes', 'no']).optional() });
export const invitationPage = pageOf(invitationView);
export type InvitationPage = z.infer<typeof invitationPage>;

/** An answer per question key: a choice, several choices, a scale point, or text. */
export const answersSchema = z.record(z.string().max(40), z.union([z.string().max(2000), z.array(z.string().max(100)).max(20), z.number()]));
export type Answers = z.infer<typeof answersSchema>;
export const answerBody = z.object({ answers: answersSchema }).strict();
export const workerAnswerBody = z.object({ invitationCode: z.string().trim().min(4).max(20), answers: answersSchema }).strict();
export const answerReceipt = z.object({ surveyId: z.string().uuid(), answeredAt: z.date() });
export type AnswerReceipt = z.infer<typeof answerReceipt>;

export const publicSurvey = z.object({
  title: z.string(),
  intro: z.string(),
  anonymous: z.boolean(),
  communityName: z.string(),
  questions: z.array(questionInput),
  answered: z.boolean(),
  open: z.boolean(),
});
export type PublicSurvey = z.infer<typeof publicSurvey>;

export const questionResult = z.object({
  key: z.string(),
  text: z.string(),
  kind: z.enum(questionKinds),
  answered: z.number().int(),
  counts: z.array(z.object({ option: z.string(), count: z.number().int() })),
  mean: z.number().nullable(),
  /** Text answers, newest first (at most 50). */
  texts: z.array(z.string()),
});
export const surveyResults = z.object({
  survey: surveySummary,
  responseRate: z.number().nullable(),
  byCommunity: z.array(z.object({ code: z.string(), name: z.string(), invited: z.number().int(), answered: z.number().int() })),
  questions: z.array(questionResult),
});
export type SurveyResults = z.infer<typeof surveyResults>;

// ---------------------------------------------------------------------------- reports

export const reportQuery = z.object({
  unit: code,
  from: z.coerce.date(),
  to: z.coerce.date(),
});
export type ReportQuery = z.infer<typeof reportQuery>;
export const unitReport = z.object({
  orgUnit: named.extend({ level: z.string() }),
  from: z.date(),
  to: z.date(),
  /** Case indicators of the unit in the period (a label key and a value). */
  indicators: z.array(z.object({ key: z.string(), value: z.number().nullable() })),
  rankings: z.array(z.object({ schemeId: z.string().uuid(), schemeName: z.string(), rank: z.number().int(), of: z.number().int(), total: z.number() })),
  /** Early warnings of the period (from the command module when it provides them). */
  warnings: z.array(z.object({ title: z.string(), at: z.date(), status: z.string() })),
  topics: z.array(topicSummary),
  surveys: z.array(z.object({ id: z.string().uuid(), title: z.string(), invited: z.number().int(), answered: z.number().int(), responseRate: z.number().nullable() })),
});
export type UnitReport = z.infer<typeof unitReport>;

// ---------------------------------------------------------------------------- two-way assessment (下评上)

const halfYearStart = isoDay.refine((d) => /-(01|07)-01$/.test(d), '半年从 1 月 1 日或 7 月 1 日开始 / a half year starts on 01-01 or 07-01');

/** The departments a community may rate in a half year: those that led its cases then. */
export const rateableQuery = z.object({ community: code, periodStart: halfYearStart });
export type RateableQuery = z.infer<typeof rateableQuery>;
export const rateableUnit = z.object({
  code: z.string(),
  name: z.string(),
  /** The community's score (1–5), or null when it has not rated yet. */
  score: z.number().int().nullable(),
  comment: z.string(),
  ratedAt: z.date().nullable(),
});
export const rateableList = z.object({ community: named, periodStart: z.string(), periodEnd: z.string(), items: z.array(rateableUnit) });
export type RateableList = z.infer<typeof rateableList>;

export const rateUnitBody = z
  .object({
    /** The rating community (the staff member's own). */
    community: code,
    unitCode: code,
    periodStart: halfYearStart,
    score: z.number().int().min(1).max(5),
    comment: z.string().trim().max(500).default(''),
  })
  .strict();
export type RateUnitBody = z.infer<typeof rateUnitBody>;
