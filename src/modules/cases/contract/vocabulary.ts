// The cases module's vocabulary: every enum a client may see, `as const` so the web can use
// the arrays as values and the types alike.
// ---------------------------------------------------------------------------- vocabulary

/** Every state a case can be in (see workflow.ts for what each means). */
export const caseStates = ['reported', 'accepted', 'rejected', 'registered', 'dispatched', 'handling', 'handled', 'closed', 'rated', 'suspended', 'merged'] as const;
export type CaseState = (typeof caseStates)[number];

/** States in which a case still waits for someone. */
export const openCaseStates = ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'suspended'] as const satisfies readonly CaseState[];
/** States a case does not leave by working on it (a finished case may still be reopened). */
export const finishedCaseStates = ['closed', 'rated', 'rejected', 'merged'] as const satisfies readonly CaseState[];

/** Every workflow action on a case; i18n keys are `case.action.<action>`. */
export const caseActions = [
  'accept', 'reject', 'register', 'dispatch', 'acknowledge', 'return', 'feedback', 'verify_pass', 'verify_fail', 'rate', 'reopen',
  'request_extension', 'approve_extension', 'reject_extension', 'suspend', 'resume', 'supervise', 'escalate', 'merge', 'instruct', 'comment',
] as const;
export type CaseAction = (typeof caseActions)[number];

/** Timeline entries besides the workflow's actions: intake, and what the clock and the system do. */
export const timelineActions = [...caseActions, 'report', 'warning', 'overdue', 'auto_supervise', 'merged_in'] as const;
export type TimelineAction = (typeof timelineActions)[number];

/** Handling tier: grid-level (微循环), street-level (小循环), district-level (大循环) cycle, lowest first. */
export const caseTiers = ['grid', 'street', 'district'] as const;
export type CaseTier = (typeof caseTiers)[number];

/** The reporter's judgement (满意 / 基本满意 / 不满意). */
export const caseRatings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type CaseRating = (typeof caseRatings)[number];

/** Supervision (督办) levels, mildest first. */
export const supervisionLevels = ['ordinary', 'yellow', 'red'] as const;
export type SupervisionLevel = (typeof supervisionLevels)[number];

/** 三事分流: 政府大事 / 社区小事 / 居民私事. */
export const matterClasses = ['government', 'community', 'private'] as const;
export type MatterClass = (typeof matterClasses)[number];

export const caseUrgencies = ['normal', 'urgent', 'critical'] as const;
export type CaseUrgency = (typeof caseUrgencies)[number];

/** Where a case came from: grid worker patrol, resident web/H5, hotline operator, Open311 client, a department, other staff. */
export const caseSources = ['grid_patrol', 'resident', 'hotline', 'open311', 'department', 'staff'] as const;
export type CaseSource = (typeof caseSources)[number];

/** The stages that carry a time limit: accepting (受理), handling (处置), verifying (核查). */
export const slaStages = ['accept', 'handle', 'verify'] as const;
export type SlaStage = (typeof slaStages)[number];

/** Warning colour of a case in its stage. */
export const slaLevels = ['normal', 'yellow', 'red'] as const;
export type SlaLevel = (typeof slaLevels)[number];

/** Units of working time that time limits and extensions are stated in. */
export const workingTimeUnits = ['working_days', 'working_hours'] as const;
export type WorkingTimeUnit = (typeof workingTimeUnits)[number];

/** What an actor must be to the case, besides holding the permission (see workflow.ts). */
export const caseRelations = ['anyone', 'reporter', 'dispatcher', 'handling_org_unit'] as const;
export type CaseRelation = (typeof caseRelations)[number];

/** Inputs the workflow records on the timeline. */
export const caseInputFields = ['reason', 'text', 'photos', 'targetUnitId', 'coUnitIds', 'rating', 'extension', 'supervisionLevel', 'parentCaseId'] as const;
export type CaseInputField = (typeof caseInputFields)[number];

/** Sort orders of the case list. */
export const caseSorts = ['created_desc', 'deadline_asc', 'updated_desc'] as const;
export type CaseSort = (typeof caseSorts)[number];

/** Open311 attribute datatypes (GeoReport v2 service definition). */
export const attributeDatatypes = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;

/** How the indicators group units: the children of a node, or its departments. */
export const indicatorGroupings = ['children', 'departments'] as const;

