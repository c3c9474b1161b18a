// Cases (事件/工单): the closed loop from report to rating, with routing, time limits on the
// working-day calendar, escalation, supervision, hotline intake and Open311.
export {
  /** Reports a case (other modules and the CLI). */
  createCase,
  /** Takes one workflow action on a case. */
  actOnCase,
  /** One case as its page shows it. */
  getCase,
  /** The case list with filters and paging. */
  listCases,
  type CaseDeps,
  type CreateCaseInput,
  type ActionRequest,
} from './service.ts';
/** Indicators per unit and period. */
export { caseIndicators } from './indicators.ts';
/** Marks warnings, overdue cases and automatic supervision (one batch). */
export { sweepDeadlines } from './clock.ts';
/** Seeds the shipped categories and time limits. */
export { ensureCatalogue, loadCaseRules } from './settings.ts';
/** Seeds a year of demo cases. */
export { seedCasesDemo } from './demo.ts';
export { cases, caseTimeline, caseCategories, matterClasses, caseSources, caseUrgencies, type MatterClass, type CaseSource } from './schema.ts';
export { caseStates, caseActions, type CaseState, type CaseAction } from './workflow.ts';
