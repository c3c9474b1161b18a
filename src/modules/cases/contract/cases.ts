// Requests and responses of the case endpoints: intake, reading, lists, attachments, hotline.
import { z } from 'zod';
import {
  caseActions,
  caseRatings,
  caseSorts,
  caseSources,
  caseStates,
  caseTiers,
  caseUrgencies,
  matterClasses,
  slaLevels,
  slaStages,
  supervisionLevels,
  workingTimeUnits,
} from './vocabulary.ts';

// ---------------------------------------------------------------------------- shared pieces

const orgUnitCode = z.string().min(1).max(40);
export const workingTime = z.object({ unit: z.enum(workingTimeUnits), amount: z.number().positive() });
/** An amount of working time (an extension, a time limit). */
export type WorkingTime = z.infer<typeof workingTime>;
export const idParams = z.object({ id: z.uuid() });
const namedCode = z.object({ code: z.string(), name: z.string() });

// ---------------------------------------------------------------------------- cases: reading

export const caseSla = z.object({
  stage: z.enum(slaStages).nullable(),
  stageStartedAt: z.date().nullable(),
  warnAt: z.date().nullable(),
  redAt: z.date().nullable(),
  deadlineAt: z.date().nullable(),
  level: z.enum(slaLevels),
  isOverdue: z.boolean(),
  overdueCount: z.number().int(),
});
export type CaseSla = z.infer<typeof caseSla>;

/** A row of the case list and the to-do board. */
export const caseListItem = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.enum(caseStates),
  tier: z.enum(caseTiers),
  version: z.number().int(),
  categoryCode: z.string(),
  categoryName: z.string(),
  classCode: z.string(),
  className: z.string(),
  matterClass: z.enum(matterClasses),
  urgency: z.enum(caseUrgencies),
  source: z.enum(caseSources),
  address: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  gridCode: z.string().nullable(),
  communityCode: z.string().nullable(),
  communityName: z.string().nullable(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  dispatcherUnit: z.string().nullable(),
  handlingUnit: z.string().nullable(),
  handlingUnitName: z.string().nullable(),
  supervisionLevel: z.enum(supervisionLevels).nullable(),
  rating: z.enum(caseRatings).nullable(),
  sla: caseSla,
  createdAt: z.date(),
  updatedAt: z.date(),
  closedAt: z.date().nullable(),
});
export type CaseListItem = z.infer<typeof caseListItem>;

export const caseTimelineEntry = z.object({
  version: z.number().int(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  fromTier: z.string().nullable(),
  toTier: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  actorUnit: z.string().nullable(),
  actorUnitName: z.string().nullable(),
  at: z.date(),
  reason: z.string().nullable(),
  text: z.string().nullable(),
  photos: z.array(z.string()),
  targetUnit: z.string().nullable(),
  targetUnitName: z.string().nullable(),
  coUnits: z.array(z.string()),
  rating: z.string().nullable(),
  extension: workingTime.nullable(),
  supervisionLevel: z.string().nullable(),
  parentCaseId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type CaseTimelineView = z.infer<typeof caseTimelineEntry>;

const caseRef = z.object({ id: z.string(), number: z.string(), title: z.string() });

/** One input of an action as a form shows it: the field, and whether it must be given. */
export const actionInputField = z.object({ name: z.string(), required: z.boolean() });
/** An action the actor may take now, with its inputs (from the action's member of caseActionRequest). */
export const allowedAction = z.object({ action: z.enum(caseActions), inputs: z.array(actionInputField) });
export type AllowedAction = z.infer<typeof allowedAction>;

export const caseAttachmentView = z.object({ id: z.string(), mime: z.string(), size: z.number().int(), originalName: z.string(), hasThumbnail: z.boolean(), createdAt: z.date() });

/** The reporter's contact as a case shows it: masked, or in clear when `revealed` (with a reason, audited). */
export const reporterView = z.object({ name: z.string().nullable(), phone: z.string().nullable(), userId: z.string().nullable(), revealed: z.boolean() });
export type ReporterView = z.infer<typeof reporterView>;
/** Why the reader needs the reporter's contact in clear (kept in the audit log). */
export const revealReporterBody = z.object({ reason: z.string().trim().min(2).max(200) }).strict();
export type RevealReporterBody = z.infer<typeof revealReporterBody>;

/** One case as its page shows it. */
export const caseDetail = caseListItem.extend({
  description: z.string(),
  districtCode: z.string().nullable(),
  gridName: z.string().nullable(),
  dispatcherUnitName: z.string().nullable(),
  coUnits: z.array(namedCode),
  /** Masked (张*, 138******78) unless the reporter is the reader; revealed through POST /api/cases/:id/reporter/reveal. */
  reporter: reporterView.nullable(),
  reporterHidden: z.boolean(),
  reporterShared: z.boolean(),
  residentIds: z.array(z.string()),
  houseIds: z.array(z.string()),
  peopleInvolved: z.number().int().nullable(),
  amountInvolved: z.number().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  mediaUrl: z.string().nullable(),
  isPublic: z.boolean(),
  reopenCount: z.number().int(),
  reworkCount: z.number().int(),
  extensionCount: z.number().int(),
  pendingExtension: workingTime.nullable(),
  resolved: z.boolean().nullable(),
  parent: caseRef.nullable(),
  mergedCases: z.array(caseRef.extend({ createdAt: z.date() })),
  attachments: z.array(caseAttachmentView),
  timeline: z.array(caseTimelineEntry),
  /** The actions the actor may take now (names only; `allowedActions` adds their inputs). */
  availableActions: z.array(z.enum(caseActions)),
  allowedActions: z.array(allowedAction),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const caseDuplicate = z.object({ id: z.string(), number: z.string(), title: z.string(), state: z.enum(caseStates), address: z.string(), createdAt: z.date(), distance: z.number() });
export type CaseDuplicate = z.infer<typeof caseDuplicate>;

export const caseListQuery = z.object({
  state: z.string().regex(/^[a-z_,]+$/).optional(),
  categoryCode: z.string().max(32).optional(),
  classCode: z.string().max(32).optional(),
  matterClass: z.enum(matterClasses).optional(),
  source: z.enum(caseSources).optional(),
  tier: z.enum(caseTiers).optional(),
  urgency: z.enum(caseUrgencies).optional(),
  under: orgUnitCode.optional(),
  handlingUnit: orgUnitCode.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  slaLevel: z.enum(slaLevels).optional(),
  supervised: z.enum(['true', 'false']).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  q: z.string().max(100).optional(),
  todo: z.enum(['true', 'false']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  sort: z.enum(caseSorts).optional(),
});
export type CaseListQueryString = z.infer<typeof caseListQuery>;

/**
 * A page of cases. Nothing is counted: hasMore says whether a next page exists (one row more
 * than the page was read), and total is exact only on the last page (totalExact), else the
 * planner's estimate ("about N"). GET /api/cases/count counts exactly, up to a cap.
 */
export const casePage = z.object({
  items: z.array(caseListItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
  total: z.number().int(),
  totalExact: z.boolean(),
});
export type CasePage = z.infer<typeof casePage>;

/** Cases meeting the list's filters, counted up to a cap (capped: more). */
export const caseCount = z.object({ total: z.number().int(), capped: z.boolean() });
export type CaseCount = z.infer<typeof caseCount>;

/** The to-do board's counts in one answer: all, by time-limit tone, and by the state the work waits in. */
export const todoCounts = z.object({
  all: z.number().int(),
  overdue: z.number().int(),
  red: z.number().int(),
  yellow: z.number().int(),
  byState: z.record(z.string(), z.number().int()),
});
export type TodoCounts = z.infer<typeof todoCounts>;

export const duplicatesQuery = z.object({ categoryCode: z.string().max(32), lng: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) });

/** The states the actor's to-do board groups its cases by (from the to-do rules in workflow.ts). */
export const todoStates = z.object({ states: z.array(z.enum(caseStates)) });
export type TodoStates = z.infer<typeof todoStates>;

// ---------------------------------------------------------------------------- cases: intake

export const createCaseBody = z
  .object({
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().min(1).max(4000),
    categoryCode: z.string().min(1).max(32),
    matterClass: z.enum(matterClasses).optional(),
    urgency: z.enum(caseUrgencies).optional(),
    source: z.enum(caseSources).optional(),
    lng: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    address: z.string().trim().max(200).optional(),
    /** Community, street or grid, when there is no point or it lies in no grid. */
    orgCode: orgUnitCode.optional(),
    reporter: z.object({ name: z.string().trim().max(50).optional(), phone: z.string().trim().max(20).optional() }).optional(),
    residentIds: z.array(z.string().max(64)).max(50).optional(),
    houseIds: z.array(z.string().max(64)).max(50).optional(),
    peopleInvolved: z.number().int().min(0).max(1_000_000).optional(),
    amountInvolved: z.number().min(0).max(1e12).optional(),
    attachmentIds: z.array(z.uuid()).max(20).optional(),
    attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    isPublic: z.boolean().optional(),
    /** Intake staff accept (and, when they may, register) the case at once. */
    acceptNow: z.boolean().optional(),
  })
  .strict();
export type CreateCaseBody = z.infer<typeof createCaseBody>;

export const createCaseResponse = z.object({ case: caseListItem, duplicates: z.array(caseDuplicate) });

export const dispatchProposal = z.object({
  matterClass: z.enum(matterClasses),
  basis: z.enum(['matrix', 'matter_class', 'none']),
  unit: namedCode.nullable(),
  coUnits: z.array(namedCode),
  ruleId: z.string().nullable(),
  ruleNode: z.string().nullable(),
});
export type DispatchProposal = z.infer<typeof dispatchProposal>;

export const attachmentQuery = z.object({ caseId: z.uuid().optional() });
export const attachmentUploaded = z.object({ id: z.string(), mime: z.string(), size: z.number().int(), hasThumbnail: z.boolean() });
export type AttachmentUploaded = z.infer<typeof attachmentUploaded>;
export const attachmentReadQuery = z.object({ thumb: z.enum(['1', 'true']).optional() });

/** The hotline's caller look-up: the phone in the body (never in a URL). */
export const callerBody = z.object({ phone: z.string().trim().min(5).max(20) }).strict();
/** A caller's earlier cases whose reporter the reader may see; phone and name masked for everyone. */
export const callerHistory = z.object({ phone: z.string(), callerName: z.string().nullable(), cases: z.array(caseListItem) });
export type CallerHistory = z.infer<typeof callerHistory>;

