// Cases (事件/工单): the closed loop from report to rating, with routing, time limits on the
// working-day calendar, escalation, supervision, hotline intake and Open311.
/** Reports a case (other modules and the CLI). */
export { createCase, type CreateCaseInput } from './use-cases/create-case.ts';
/** Takes one workflow action on a case. */
export { actOnCase, type ActionRequest } from './use-cases/act-on-case.ts';
/** One case as its page shows it. */
export { getCase } from './use-cases/get-case.ts';
/** Cases some users reported in a time window, without scope (grid workers' patrols and records). */
export { casesReportedBy, type ReportedCase } from './use-cases/reported-by.ts';
/** Cases by id, or a period's cases under some paths, with category and reporter (services: ratings of closed cases, the ledger of cases by category). */
export { caseFacts, type CaseFact } from './use-cases/case-facts.ts';
/** The case list with filters and paging. */
export { listCases } from './use-cases/list-cases.ts';
/** The to-do board's counts in one query. */
export { countTodo } from './use-cases/case-counts.ts';
/** What the case use cases need besides the database. */
export type { CaseDeps } from './use-cases/common.ts';
/** Cases reported per month, category and community under a node (the assessment's recurring problems and topics). */
export { monthlyCaseCounts, type MonthlyCaseCount } from './use-cases/monthly-counts.ts';
/** Indicators per org unit and period (from the daily rollup, or from the timeline alone for comparison). */
export { caseIndicators, type IndicatorSource } from './indicators.ts';
/** The indicator formulas applied to counts. */
export { indicatorMetrics, type IndicatorCounts } from './indicator-formulas.ts';
/** The daily rollup of the timeline: counts of an area over whole days, the folded entries plus the unfolded rest (the command centre's figures and warnings). */
export { countColumns, countsBy, emptyCounts, metricsOf, type CountRow, type CountArea, type DayRange, type Needs } from './rollup/counts.ts';
/**
 * Folds the timeline's new entries into the daily rollup (the job cases.rollup; demo, benchmarks
 * and tests).
 */
export { rollTimeline } from './rollup/roll.ts';
/** Marks warnings, overdue cases and automatic supervision (one batch). */
export { sweepDeadlines } from './clock.ts';
/** Seeds the shipped categories and time limits; the rules in force. */
export { ensureCategories, loadCaseRules } from './settings.ts';
/** Seeds a year of demo cases. */
export { seedCasesDemo } from './demo/seed.ts';
/** The cases module's vocabulary and the schemas of its requests and responses. */
export { caseStates, openCaseStates, caseActions, matterClasses, caseSources, caseUrgencies, type CaseState, type CaseAction, type MatterClass, type CaseSource } from './contract.ts';
