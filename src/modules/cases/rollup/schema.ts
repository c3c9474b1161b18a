// The daily rollup of the case timeline (migration 0029 gave the cases module the command
// centre's tables): per Beijing day the counts the indicators are computed from, under
// four keys of decreasing detail, and the days it holds.
import { bigint, boolean, date, doublePrecision, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const count = (name: string) => integer(name).notNull().default(0);

/** The counted columns every rollup keeps (fresh builders per table). */
const counts = () => ({
  reported: count('reported'),
  accepted: count('accepted'),
  acceptedOnTime: count('accepted_on_time'),
  registered: count('registered'),
  dispatched: count('dispatched'),
  closed: count('closed'),
  closedOnTime: count('closed_on_time'),
  closedReworked: count('closed_reworked'),
  closedExtended: count('closed_extended'),
  handlingSeconds: doublePrecision('handling_seconds').notNull().default(0),
  overdue: count('overdue'),
  rated: count('rated'),
  satisfied: count('satisfied'),
  basicallySatisfied: count('basically_satisfied'),
  unsatisfied: count('unsatisfied'),
  resolved: count('resolved'),
});

/** The detailed rollup: day × place (the case's org path) × lead unit × category. */
export const dailyCounts = pgTable(
  'case_daily_counts',
  {
    day: date('day').notNull(),
    orgPath: text('org_path').notNull(),
    handlingUnit: text('handling_unit').notNull().default(''),
    categoryCode: text('category_code').notNull(),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgPath, t.handlingUnit, t.categoryCode] })],
);

/** case_daily_counts summed over lead unit and category, places cut to the community (COMMUNITY_DEPTH segments). */
export const dailyTotals = pgTable(
  'case_daily_totals',
  {
    day: date('day').notNull(),
    orgPath: text('org_path').notNull(),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgPath] })],
);

/** case_daily_counts summed over the lead unit, places cut to the street: an area's categories. */
export const dailyCategories = pgTable(
  'case_daily_categories',
  {
    day: date('day').notNull(),
    orgPath: text('org_path').notNull(),
    categoryCode: text('category_code').notNull(),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgPath, t.categoryCode] })],
);

/** case_daily_counts summed over the category, places cut to the street: the departments' rankings. */
export const dailyUnits = pgTable(
  'case_daily_units',
  {
    day: date('day').notNull(),
    orgPath: text('org_path').notNull(),
    handlingUnit: text('handling_unit').notNull().default(''),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgPath, t.handlingUnit] })],
);

/** case_daily_counts summed over lead unit and category, places cut to the street (STREET_DEPTH): a district's streets. */
export const dailyStreets = pgTable(
  'case_daily_streets',
  {
    day: date('day').notNull(),
    orgPath: text('org_path').notNull(),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgPath] })],
);

/** case_daily_counts summed over the category, places cut to the district (DISTRICT_DEPTH): the departments. */
export const dailyLeads = pgTable(
  'case_daily_leads',
  {
    day: date('day').notNull(),
    orgPath: text('org_path').notNull(),
    handlingUnit: text('handling_unit').notNull().default(''),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgPath, t.handlingUnit] })],
);

/** How far the rollup has folded the timeline: entries with id <= foldedId and at < completeUntil (migration 0032). */
export const rollupState = pgTable('case_rollup_state', {
  onlyRow: boolean('only_row').primaryKey().default(true),
  foldedId: bigint('folded_id', { mode: 'number' }).notNull(),
  completeUntil: timestamp('complete_until', { withTimezone: true }).notNull(),
});
