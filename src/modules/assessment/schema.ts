// The assessment module's tables (migrations/0014_assessment.sql creates them).
import { boolean, date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AssessedKind, IndicatorDirection, IndicatorSource, Question, SchemePeriod, SchemeStatus, SurveyStatus, TaskStatus, TopicStatus } from './contract.ts';

export const topics = pgTable('assessment_topics', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  categoryCode: text('category_code').notNull(),
  communityCode: text('community_code').notNull(),
  orgPath: text('org_path').notNull(),
  leadUnitCode: text('lead_unit_code').notNull(),
  coUnitCodes: text('co_unit_codes').array().notNull().default([]),
  target: text('target').notNull(),
  targetMonthly: integer('target_monthly'),
  status: text('status').notNull().$type<TopicStatus>().default('open'),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closingNote: text('closing_note'),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const topicTasks = pgTable('assessment_topic_tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  topicId: uuid('topic_id').notNull(),
  title: text('title').notNull(),
  deadline: date('deadline').notNull(),
  ownerUnitCode: text('owner_unit_code'),
  status: text('status').notNull().$type<TaskStatus>().default('open'),
  note: text('note'),
  doneAt: timestamp('done_at', { withTimezone: true }),
  sort: integer('sort').notNull().default(0),
});

export const surveys = pgTable('assessment_surveys', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  intro: text('intro').notNull().default(''),
  underCode: text('under_code').notNull(),
  orgPath: text('org_path').notNull(),
  anonymous: boolean('anonymous').notNull().default(false),
  onePerHousehold: boolean('one_per_household').notNull().default(true),
  status: text('status').notNull().$type<SurveyStatus>().default('open'),
  closesOn: date('closes_on'),
  questions: jsonb('questions').notNull().$type<Question[]>(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const invitations = pgTable('assessment_survey_invitations', {
  code: text('code').primaryKey(),
  surveyId: uuid('survey_id').notNull(),
  householdId: uuid('household_id').notNull(),
  communityCode: text('community_code').notNull(),
  gridCode: text('grid_code'),
  orgPath: text('org_path').notNull(),
  address: text('address').notNull(),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
});

export const responses = pgTable('assessment_survey_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  surveyId: uuid('survey_id').notNull(),
  invitationCode: text('invitation_code'),
  communityCode: text('community_code').notNull(),
  orgPath: text('org_path').notNull(),
  via: text('via').notNull().$type<'portal' | 'worker'>(),
  workerId: uuid('worker_id'),
  answers: jsonb('answers').notNull().$type<Record<string, string | string[] | number>>(),
  answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
});

export const schemes = pgTable('assessment_schemes', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  period: text('period').notNull().$type<SchemePeriod>(),
  periodStart: date('period_start').notNull(),
  periodEnd: date('period_end').notNull(),
  kind: text('kind').notNull().$type<AssessedKind>(),
  underCode: text('under_code').notNull(),
  orgPath: text('org_path').notNull(),
  status: text('status').notNull().$type<SchemeStatus>().default('draft'),
  computedAt: timestamp('computed_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const indicators = pgTable('assessment_indicators', {
  id: uuid('id').primaryKey().defaultRandom(),
  schemeId: uuid('scheme_id').notNull(),
  name: text('name').notNull(),
  source: text('source').notNull().$type<IndicatorSource>(),
  dataKey: text('data_key'),
  surveyId: uuid('survey_id'),
  questionKey: text('question_key'),
  weight: doublePrecision('weight').notNull(),
  direction: text('direction').notNull().$type<IndicatorDirection>(),
  sort: integer('sort').notNull().default(0),
});

export const evaluatorScores = pgTable(
  'assessment_evaluator_scores',
  {
    indicatorId: uuid('indicator_id').notNull(),
    orgUnitCode: text('org_unit_code').notNull(),
    score: doublePrecision('score').notNull(),
    evidence: text('evidence').notNull(),
    scoredBy: uuid('scored_by'),
    scoredByName: text('scored_by_name').notNull(),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.orgUnitCode] })],
);

export interface StoredItem {
  indicatorId: string;
  raw: number | null;
  normalised: number;
  weighted: number;
}
export type TraceRows = Record<string, { label: string; value: string }[]>;

export const results = pgTable(
  'assessment_results',
  {
    schemeId: uuid('scheme_id').notNull(),
    orgUnitCode: text('org_unit_code').notNull(),
    orgUnitName: text('org_unit_name').notNull(),
    rank: integer('rank').notNull(),
    total: doublePrecision('total').notNull(),
    items: jsonb('items').notNull().$type<StoredItem[]>(),
    trace: jsonb('trace').notNull().$type<TraceRows>(),
  },
  (t) => [primaryKey({ columns: [t.schemeId, t.orgUnitCode] })],
);

/** 下评上: a community's rating of a department that led its cases, per half year. */
export const unitRatings = pgTable(
  'assessment_unit_ratings',
  {
    periodStart: date('period_start').notNull(),
    unitCode: text('unit_code').notNull(),
    raterCode: text('rater_code').notNull(),
    raterPath: text('rater_path').notNull(),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    ratedBy: uuid('rated_by'),
    ratedByName: text('rated_by_name').notNull(),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.periodStart, t.unitCode, t.raterCode] })],
);
