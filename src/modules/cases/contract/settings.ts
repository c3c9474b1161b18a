// Requests and responses of what the cases module is configured with (categories, time
// limits, the calendar, settings, the responsibility matrix), of the indicators, and of the
// public follow-up by number and phone.
import { z } from 'zod';
import { attributeDatatypes, caseRatings, caseStates, indicatorGroupings, matterClasses, slaStages, workingTimeUnits } from './vocabulary.ts';
import { workingTime } from './cases.ts';

const orgUnitCode = z.string().min(1).max(40);

// ---------------------------------------------------------------------------- categories

/** An Open311 attribute definition of a category (GeoReport v2 service definition). */
export const categoryAttribute = z.object({
  code: z.string().regex(/^[A-Za-z0-9_]{1,32}$/),
  description: z.string().max(200),
  datatype: z.enum(attributeDatatypes),
  required: z.boolean(),
  order: z.number().int(),
  values: z.array(z.object({ key: z.string().max(40), name: z.string().max(100) })).optional(),
});
export type CategoryAttribute = z.infer<typeof categoryAttribute>;

export const category = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  namePinyin: z.string(),
  nameInitials: z.string(),
  description: z.string(),
  keywords: z.string(),
  defaultMatterClass: z.enum(matterClasses),
  attributes: z.array(categoryAttribute),
  sort: z.number().int(),
  active: z.boolean(),
  /** About vulnerable people or security: never published (Open311), whatever the privacy of its cases. */
  sensitive: z.boolean(),
});
export type Category = z.infer<typeof category>;

/** A class with its subclasses (the tree), or a subclass found by search with its class's name. */
export const categoryListItem = category.extend({ children: z.array(category).optional(), className: z.string().optional() });
export type CategoryListItem = z.infer<typeof categoryListItem>;

export const categoriesQuery = z.object({ q: z.string().max(40).optional(), all: z.enum(['true', 'false']).optional() });
export const categoryParams = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) });
export const categoryBody = z
  .object({
    parentCode: z.string().max(32).nullable().optional(),
    name: z.string().trim().min(1).max(40),
    defaultMatterClass: z.enum(matterClasses),
    description: z.string().max(500).optional(),
    keywords: z.string().max(200).optional(),
    attributes: z.array(categoryAttribute).max(20).optional(),
    sort: z.number().int().optional(),
    active: z.boolean().optional(),
    sensitive: z.boolean().optional(),
  })
  .strict();
export type CategoryBody = z.infer<typeof categoryBody>;

// ---------------------------------------------------------------------------- time limits and calendar

export const timeLimit = z.object({
  id: z.string(),
  categoryCode: z.string().nullable(),
  stage: z.enum(slaStages),
  unit: z.enum(workingTimeUnits),
  amount: z.number(),
  yellowAt: z.number(),
  redAt: z.number(),
  updatedAt: z.date(),
});
export type TimeLimit = z.infer<typeof timeLimit>;
export const timeLimitBody = z.object({ categoryCode: z.string().max(32).nullable(), stage: z.enum(slaStages), limit: workingTime, yellowAt: z.number(), redAt: z.number() }).strict();
export type TimeLimitBody = z.infer<typeof timeLimitBody>;

/** Where a year's arrangement came from: the chinese-days package, the hand-kept fallback table, or an administrator's edit. */
export const holidayOrigins = ['package', 'table', 'override'] as const;
/** Where a day's status came from: a year's source, or the weekend rule for days no source lists. */
export const calendarDayOrigins = [...holidayOrigins, 'weekend_rule'] as const;
export const calendarYear = z.object({
  year: z.number().int(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  provisional: z.boolean(),
  source: z.string(),
  edited: z.boolean(),
  origin: z.enum(holidayOrigins),
  /** YYYY-MM-DD → the festival a listed day belongs to, where the source names it. */
  names: z.record(z.string(), z.string()),
});
export type CalendarYear = z.infer<typeof calendarYear>;
export const calendarDay = z.object({
  date: z.string(),
  working: z.boolean(),
  kind: z.enum(['holiday', 'workday', 'weekend', 'weekday']),
  origin: z.enum(calendarDayOrigins),
  name: z.string().nullable(),
});
export type CalendarDay = z.infer<typeof calendarDay>;
export const calendarYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const calendarYearBody = z
  .object({ holidays: z.array(z.string()).max(366), workdays: z.array(z.string()).max(366), provisional: z.boolean().optional(), source: z.string().trim().min(1).max(200) })
  .strict();
export type CalendarYearBody = z.infer<typeof calendarYearBody>;
export const savedCalendarYear = calendarYear.omit({ edited: true, origin: true, names: true }).extend({ edited: z.boolean(), updatedAt: z.date(), updatedBy: z.string().nullable() });
export type SavedCalendarYear = z.infer<typeof savedCalendarYear>;

// ---------------------------------------------------------------------------- settings

export const caseSettings = z.object({
  /** How often an unsatisfied reporter may reopen a case. */
  maxReopens: z.number().int().min(0).max(10),
  maxExtensions: z.number().int().min(0).max(10),
  /** An unsatisfied rating reopens the case at once (while reopens are left). */
  reopenOnUnsatisfied: z.boolean(),
  /** Duplicate suggestion: same category, open, within this distance and this many days. */
  duplicateRadiusMetres: z.number().int().min(10).max(5000),
  duplicateDays: z.number().int().min(1).max(365),
  workingHours: z.array(z.tuple([z.string(), z.string()])).min(1).max(4),
  /** Overdue cases are supervised automatically: yellow when overdue, red this many working days later. */
  autoSupervise: z.boolean(),
  redSupervisionAfterWorkingDays: z.number().int().min(0).max(30),
  /** Case number prefix per district code (default: the initials of the district's name, 海淀区 → HD). */
  numberPrefixes: z.record(z.string(), z.string().regex(/^[A-Z]{1,4}$/)),
});
/** Deployment settings of the cases module. */
export type CaseSettings = z.infer<typeof caseSettings>;
export const caseSettingsBody = caseSettings.partial().strict();

// ---------------------------------------------------------------------------- responsibility matrix

export const routingRule = z.object({
  id: z.string(),
  nodeCode: z.string(),
  nodePath: z.string(),
  categoryCode: z.string().nullable(),
  unitCode: z.string(),
  coUnitCodes: z.array(z.string()),
  note: z.string(),
  createdAt: z.date(),
});
export type RoutingRule = z.infer<typeof routingRule>;
export const routingRulesQuery = z.object({ node: orgUnitCode.optional() });
export const routingRuleBody = z
  .object({ nodeCode: orgUnitCode, categoryCode: z.string().max(32).nullable(), unitCode: orgUnitCode, coUnitCodes: z.array(orgUnitCode).max(10).optional(), note: z.string().max(200).optional() })
  .strict();
export type RoutingRuleBody = z.infer<typeof routingRuleBody>;

// ---------------------------------------------------------------------------- indicators

export const indicatorMetrics = z.object({
  reported: z.number().int(),
  accepted: z.number().int(),
  registered: z.number().int(),
  dispatched: z.number().int(),
  closed: z.number().int(),
  onTimeClosureRate: z.number().nullable(),
  reworkRate: z.number().nullable(),
  extensionRate: z.number().nullable(),
  overdueCount: z.number().int(),
  averageHandlingHours: z.number().nullable(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  unsatisfied: z.number().int(),
  satisfactionRate: z.number().nullable(),
  responseRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfiedRate: z.number().nullable(),
});
export type IndicatorMetrics = z.infer<typeof indicatorMetrics>;
const orgUnitRef = z.object({ code: z.string(), name: z.string(), level: z.string() });
export const indicatorsQuery = z.object({
  under: orgUnitCode.optional(),
  groupBy: z.enum(indicatorGroupings).default('children'),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export const caseIndicatorsView = z.object({
  under: orgUnitRef,
  groupBy: z.enum(indicatorGroupings),
  from: z.date(),
  to: z.date(),
  units: z.array(indicatorMetrics.extend(orgUnitRef.shape)),
  total: indicatorMetrics,
});
export type CaseIndicatorsView = z.infer<typeof caseIndicatorsView>;

// ---------------------------------------------------------------------------- public follow-up (no account)

export const trackedCase = z.object({
  number: z.string(),
  title: z.string(),
  state: z.enum(caseStates),
  categoryName: z.string(),
  address: z.string(),
  createdAt: z.date(),
  handlingUnitName: z.string().nullable(),
  expectedAt: z.date().nullable(),
  rating: z.enum(caseRatings).nullable(),
  canRate: z.boolean(),
  steps: z.array(z.object({ action: z.string(), at: z.date(), unitName: z.string().nullable(), targetUnitName: z.string().nullable(), text: z.string().nullable(), photos: z.number().int() })),
});
export type TrackedCase = z.infer<typeof trackedCase>;
export const trackBody = z.object({ number: z.string().trim().min(5).max(30), phone: z.string().trim().min(5).max(20) }).strict();
export const rateTrackedBody = z
  .object({ number: z.string().trim().min(5).max(30), phone: z.string().trim().min(5).max(20), rating: z.enum(caseRatings), text: z.string().trim().max(500).optional(), resolved: z.boolean().optional() })
  .strict();
export type RateTrackedBody = z.infer<typeof rateTrackedBody>;
