// The case (事件/工单) closed loop as data: states, actions, who may act, what each action
// needs, and one pure function that applies a row. No clock, no database: the service layer
// loads a snapshot, calls applyAction with `now`, and stores `next` and `timelineEntry` in
// one transaction with a version check.
//
// The loop (SEEDS row 2, 信息采集、案卷建立、任务派遣、任务处理、处理反馈、核查结案、考核评价):
//   reported → accept → accepted → register → registered → dispatch → dispatched
//   → acknowledge → handling → feedback → handled → verify_pass → closed → rate → rated
// with reject (intake refuses), return (退单: back to the dispatcher), verify_fail (返工),
// reopen (reporter unsatisfied), escalate (微循环 → 小循环 → 大循环, SEEDS row 3), merge,
// suspend/resume (挂起), extensions (延期), supervision (督办), instruction (批示), comments.
//
// Accept (受理: is this a valid request for us?) and register (立案: open a case file with
// category, matter class and tier, and become its dispatcher) stay two steps because the
// issue and the Haidian process name both and the accept stage has its own time limit; a
// grid worker's own patrol report can pass both in one service call.
// Verification passing closes the case directly (核查结案): a separate "close" by the
// dispatcher would add a step nobody in the seeds performs.

import type { WorkingTimeAmount } from './sla.ts';

/** Every state a case can be in. */
export const caseStates = [
  'reported', // 上报: created by a resident, grid worker, hotline operator, Open311 client or department
  'accepted', // 受理
  'rejected', // 不予受理 (terminal)
  'registered', // 立案: waiting for the dispatcher of its tier
  'dispatched', // 派遣: waiting for the handling unit to acknowledge (签收) or return (退单)
  'handling', // 处置中
  'handled', // 已反馈: waiting for on-site verification (核查)
  'closed', // 结案: waiting for the reporter's rating
  'rated', // 已评价
  'suspended', // 挂起: the clock is stopped; resumes to the state it left
  'merged', // 已合并 into a parent case (terminal)
] as const;
export type CaseState = (typeof caseStates)[number];

/** Every action on a case; i18n keys are `case.action.<action>`. */
export const caseActions = [
  'accept',
  'reject',
  'register',
  'dispatch',
  'acknowledge',
  'return',
  'feedback',
  'verify_pass',
  'verify_fail',
  'rate',
  'reopen',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'suspend',
  'resume',
  'supervise',
  'escalate',
  'merge',
  'instruct',
  'comment',
] as const;
export type CaseAction = (typeof caseActions)[number];

/** Roles an actor may hold. */
export const caseRoles = [
  'grid_worker',
  'community_staff',
  'street_staff',
  'district_staff',
  'department_handler',
  'hotline_operator',
  'resident',
  'leader',
] as const;
export type CaseRole = (typeof caseRoles)[number];

/** Handling tier: grid-level (微循环), street-level (小循环), district-level (大循环) cycle, lowest first. */
export const caseTiers = ['grid', 'street', 'district'] as const;
export type CaseTier = (typeof caseTiers)[number];

/** The reporter's judgement (满意 / 基本满意 / 不满意). */
export const caseRatings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type CaseRating = (typeof caseRatings)[number];

/** Supervision (督办) levels, mildest first. */
export const supervisionLevels = ['ordinary', 'yellow', 'red'] as const;
export type SupervisionLevel = (typeof supervisionLevels)[number];

/** An extension of a time limit (延期), in the units the time-limit policy uses. */
export type CaseExtension = WorkingTimeAmount;

/**
 * What an actor must be to the case, besides holding the role:
 * anyone with the role (scope is checked by the service), the reporter, a member of the
 * lead handling unit, or a member of the dispatching unit of the case's current tier.
 */
export type CaseRelation = 'anyone' | 'reporter' | 'handling_unit' | 'dispatcher';

/** Inputs an action may require or accept. */
export type CaseInputField =
  | 'reason'
  | 'text'
  | 'photos'
  | 'targetUnitId'
  | 'coUnitIds'
  | 'rating'
  | 'extension'
  | 'supervisionLevel'
  | 'parentCaseId';

/** Conditions on the case (not the input) that some rows add, each with its own error code. */
export type CaseCheck =
  | 'actor_has_unit'
  | 'reopen_limit'
  | 'reopen_after_unsatisfied'
  | 'no_pending_extension'
  | 'extension_limit'
  | 'pending_extension'
  | 'tier_below_top';

/** One row of the workflow table. */
export interface CaseTransition {
  readonly from: readonly CaseState[];
  /** Target state; 'same' keeps the state, 'previous' returns to the state the case was suspended from. */
  readonly to: CaseState | 'same' | 'previous';
  readonly by: Readonly<Partial<Record<CaseRole, CaseRelation>>>;
  /** Input that must be present (non-blank). */
  readonly requires: readonly CaseInputField[];
  /** Input that may be given; anything else in the input is ignored and not recorded. */
  readonly accepts: readonly CaseInputField[];
  readonly checks: readonly CaseCheck[];
}

// Who acts, grouped so the rows below read as sentences.
const intake = {
  hotline_operator: 'anyone',
  community_staff: 'anyone',
  street_staff: 'anyone',
  district_staff: 'anyone',
} as const;
// Registration happens before there is a dispatcher: the registering staff's unit becomes it.
const registrar = {
  community_staff: 'anyone',
  street_staff: 'anyone',
  district_staff: 'anyone',
} as const;
const dispatcher = {
  community_staff: 'dispatcher',
  street_staff: 'dispatcher',
  district_staff: 'dispatcher',
} as const;
const handler = {
  grid_worker: 'handling_unit',
  community_staff: 'handling_unit',
  street_staff: 'handling_unit',
  district_staff: 'handling_unit',
  department_handler: 'handling_unit',
} as const;
// On-site verification is a grid worker's job (the service checks it is the case's grid);
// the dispatcher may verify at the desk, e.g. from photos, when no site visit is needed.
const verifier = { grid_worker: 'anyone', ...dispatcher } as const;
// Extensions and suspensions are decided by the dispatcher, or by a leader.
const approver = { ...dispatcher, leader: 'anyone' } as const;
const reporterOrCallback = { resident: 'reporter', hotline_operator: 'anyone' } as const;
const overseer = { leader: 'anyone', street_staff: 'anyone', district_staff: 'anyone' } as const;
const everyone = {
  grid_worker: 'anyone',
  community_staff: 'anyone',
  street_staff: 'anyone',
  district_staff: 'anyone',
  department_handler: 'anyone',
  hotline_operator: 'anyone',
  resident: 'reporter',
  leader: 'anyone',
} as const;
const leaderOnly = { leader: 'anyone' } as const;

// Groups of states the rows start from.
const open = ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'suspended'] as const;
const atUnit = ['dispatched', 'handling'] as const;
const suspendable = ['registered', 'dispatched', 'handling', 'handled'] as const;
const escalatable = ['registered', 'dispatched', 'handling'] as const;
const beforeDispatch = ['reported', 'accepted', 'registered'] as const;
const finished = ['closed', 'rated'] as const;

/** The workflow table: one row per action. */
export const caseTransitions = {
  accept:            { from: ['reported'],   to: 'accepted',   by: intake,             requires: [],                           accepts: ['text'],              checks: [] },
  reject:            { from: ['reported'],   to: 'rejected',   by: intake,             requires: ['reason'],                   accepts: [],                    checks: [] },
  // The registering unit becomes the case's dispatcher at its tier.
  register:          { from: ['accepted'],   to: 'registered', by: registrar,          requires: [],                           accepts: ['text'],              checks: ['actor_has_unit'] },
  // One lead unit (主办) plus optional co-handling units (协办).
  dispatch:          { from: ['registered'], to: 'dispatched', by: dispatcher,         requires: ['targetUnitId'],             accepts: ['coUnitIds', 'text'], checks: [] },
  acknowledge:       { from: ['dispatched'], to: 'handling',   by: handler,            requires: [],                           accepts: ['text'],              checks: [] },
  // 退单: the unit says the case is not its own; it goes back to the dispatcher.
  return:            { from: atUnit,         to: 'registered', by: handler,            requires: ['reason'],                   accepts: ['photos'],            checks: [] },
  feedback:          { from: ['handling'],   to: 'handled',    by: handler,            requires: ['text', 'photos'],           accepts: [],                    checks: [] },
  verify_pass:       { from: ['handled'],    to: 'closed',     by: verifier,           requires: [],                           accepts: ['text', 'photos'],    checks: [] },
  // 返工: the check on site failed; the same unit works on it again.
  verify_fail:       { from: ['handled'],    to: 'handling',   by: verifier,           requires: ['reason'],                   accepts: ['photos'],            checks: [] },
  rate:              { from: ['closed'],     to: 'rated',      by: reporterOrCallback, requires: ['rating'],                   accepts: ['text'],              checks: [] },
  reopen:            { from: finished,       to: 'registered', by: reporterOrCallback, requires: ['reason'],                   accepts: [],                    checks: ['reopen_limit', 'reopen_after_unsatisfied'] },
  request_extension: { from: atUnit,         to: 'same',       by: handler,            requires: ['extension', 'reason'],      accepts: [],                    checks: ['no_pending_extension', 'extension_limit'] },
  // The approver may grant a different extension than was asked.
  approve_extension: { from: atUnit,         to: 'same',       by: approver,           requires: [],                           accepts: ['extension', 'text'], checks: ['pending_extension'] },
  reject_extension:  { from: atUnit,         to: 'same',       by: approver,           requires: ['reason'],                   accepts: [],                    checks: ['pending_extension'] },
  suspend:           { from: suspendable,    to: 'suspended',  by: approver,           requires: ['reason'],                   accepts: [],                    checks: [] },
  resume:            { from: ['suspended'],  to: 'previous',   by: approver,           requires: [],                           accepts: ['text'],              checks: [] },
  supervise:         { from: open,           to: 'same',       by: overseer,           requires: ['supervisionLevel', 'text'], accepts: [],                    checks: [] },
  // The target unit is the dispatching centre of the next tier up; it becomes the dispatcher.
  escalate:          { from: escalatable,    to: 'registered', by: dispatcher,         requires: ['reason', 'targetUnitId'],   accepts: [],                    checks: ['tier_below_top'] },
  merge:             { from: beforeDispatch, to: 'merged',     by: intake,             requires: ['parentCaseId'],             accepts: ['reason'],            checks: [] },
  instruct:          { from: open,           to: 'same',       by: leaderOnly,         requires: ['text'],                     accepts: [],                    checks: [] },
  comment:           { from: caseStates,     to: 'same',       by: everyone,           requires: ['text'],                     accepts: ['photos'],            checks: [] },
} as const satisfies Record<CaseAction, CaseTransition>;

/** What the workflow needs to know about a case. */
export interface CaseSnapshot {
  readonly id: string;
  readonly state: CaseState;
  readonly tier: CaseTier;
  /** Optimistic-lock version; the next snapshot and the timeline entry carry version + 1. */
  readonly version: number;
  /** The reporting user, when the reporter has an account (hotline callers may not). */
  readonly reporterId: string | null;
  /** The unit that registered the case at its current tier and dispatches it. */
  readonly dispatcherUnitId: string | null;
  /** The lead handling unit (主办). */
  readonly handlingUnitId: string | null;
  /** Co-handling units (协办). */
  readonly coHandlingUnitIds: readonly string[];
  /** Set while suspended: the state to resume to. */
  readonly suspendedFrom: CaseState | null;
  readonly reopenCount: number;
  readonly reworkCount: number;
  readonly extensionCount: number;
  /** An extension asked for and not yet decided. */
  readonly pendingExtension: CaseExtension | null;
  readonly rating: CaseRating | null;
  readonly supervisionLevel: SupervisionLevel | null;
  readonly parentCaseId: string | null;
}

/** Who is acting. */
export interface CaseActor {
  readonly id: string;
  readonly roles: readonly CaseRole[];
  /** The org unit (community, street office, department, grid…) the actor acts for. */
  readonly unitId: string | null;
}

/** The input of an action; each row says which fields it requires. */
export interface CaseActionInput {
  readonly reason?: string;
  readonly text?: string;
  /** Attachment ids of photos already stored. */
  readonly photos?: readonly string[];
  readonly targetUnitId?: string;
  readonly coUnitIds?: readonly string[];
  readonly rating?: CaseRating;
  /** Asked for by request_extension; on approve_extension, an optional different grant. */
  readonly extension?: CaseExtension;
  readonly supervisionLevel?: SupervisionLevel;
  readonly parentCaseId?: string;
}

/** Per-deployment settings of the workflow. */
export interface WorkflowConfig {
  /** How often an unsatisfied reporter may reopen a case (issue 4: once by default). */
  readonly maxReopens: number;
  /** How many extensions a case may be granted. */
  readonly maxExtensions: number;
}

/** The defaults: one reopen, two extensions. */
export const defaultWorkflowConfig: WorkflowConfig = { maxReopens: 1, maxExtensions: 2 };

/** Stable error codes of the workflow, for the platform's error catalogue. */
export const caseWorkflowErrorCodes = [
  'CASE_ACTION_UNKNOWN', // not an action of the table
  'CASE_ACTION_NOT_ALLOWED', // the action does not apply in the case's state
  'CASE_ACTION_FORBIDDEN', // the actor has no role, or not the relation to the case, the row asks for
  'CASE_INPUT_REQUIRED', // a required input field is missing or empty
  'CASE_INPUT_INVALID', // an input field has a value the action cannot take
  'CASE_ACTOR_UNIT_REQUIRED', // the actor acts for no unit, and the action makes their unit responsible
  'CASE_REOPEN_LIMIT_REACHED', // reopened as often as the configuration allows
  'CASE_REOPEN_NOT_UNSATISFIED', // a rated case is reopened only after an unsatisfied rating
  'CASE_EXTENSION_PENDING', // an extension is already waiting for a decision
  'CASE_EXTENSION_LIMIT_REACHED', // granted as many extensions as the configuration allows
  'CASE_EXTENSION_NOT_PENDING', // no extension is waiting for a decision
  'CASE_TIER_AT_TOP', // a district-level case cannot be escalated further
] as const;
export type CaseWorkflowErrorCode = (typeof caseWorkflowErrorCodes)[number];

/** One immutable line of the case timeline, stored with the state change. */
export interface CaseTimelineEntry {
  readonly caseId: string;
  /** The case version this entry creates. */
  readonly version: number;
  readonly action: CaseAction;
  readonly fromState: CaseState;
  readonly toState: CaseState;
  readonly fromTier: CaseTier;
  readonly toTier: CaseTier;
  readonly actorId: string;
  /** The role under which the table allowed the action. */
  readonly actorRole: CaseRole;
  readonly actorUnitId: string | null;
  readonly at: Date;
  readonly reason?: string;
  readonly text?: string;
  readonly photos?: readonly string[];
  readonly targetUnitId?: string;
  readonly coUnitIds?: readonly string[];
  readonly rating?: CaseRating;
  /** The extension asked for (request_extension) or granted (approve_extension). */
  readonly extension?: CaseExtension;
  readonly supervisionLevel?: SupervisionLevel;
  readonly parentCaseId?: string;
}

/** The result of applyAction. */
export type ApplyActionResult =
  | { readonly ok: true; readonly next: CaseSnapshot; readonly timelineEntry: CaseTimelineEntry }
  | { readonly ok: false; readonly code: CaseWorkflowErrorCode; readonly details: Readonly<Record<string, unknown>> };

type Refusal = Extract<ApplyActionResult, { ok: false }>;

function refuse(code: CaseWorkflowErrorCode, details: Record<string, unknown>): Refusal {
  return { ok: false, code, details };
}

/** A freshly reported case, before anyone has acted on it. */
export function newCaseSnapshot(fields: {
  id: string;
  reporterId: string | null;
  tier?: CaseTier;
}): CaseSnapshot {
  return {
    id: fields.id,
    state: 'reported',
    tier: fields.tier ?? 'grid',
    version: 1,
    reporterId: fields.reporterId,
    dispatcherUnitId: null,
    handlingUnitId: null,
    coHandlingUnitIds: [],
    suspendedFrom: null,
    reopenCount: 0,
    reworkCount: 0,
    extensionCount: 0,
    pendingExtension: null,
    rating: null,
    supervisionLevel: null,
    parentCaseId: null,
  };
}

function isCaseAction(action: string): action is CaseAction {
  return Object.hasOwn(caseTransitions, action);
}

function rowOf(action: CaseAction): CaseTransition {
  return caseTransitions[action];
}

function hasRelation(snapshot: CaseSnapshot, actor: CaseActor, relation: CaseRelation): boolean {
  switch (relation) {
    case 'anyone':
      return true;
    case 'reporter':
      return snapshot.reporterId !== null && actor.id === snapshot.reporterId;
    case 'handling_unit':
      return actor.unitId !== null && actor.unitId === snapshot.handlingUnitId;
    case 'dispatcher':
      return actor.unitId !== null && actor.unitId === snapshot.dispatcherUnitId;
  }
}

/** The first of the actor's roles under which the row lets them act, or null. */
function permittedRole(snapshot: CaseSnapshot, actor: CaseActor, row: CaseTransition): CaseRole | null {
  for (const role of actor.roles) {
    const relation = row.by[role];
    if (relation !== undefined && hasRelation(snapshot, actor, relation)) return role;
  }
  return null;
}

function failedCheck(
  snapshot: CaseSnapshot,
  actor: CaseActor,
  check: CaseCheck,
  config: WorkflowConfig,
): Refusal | null {
  switch (check) {
    case 'actor_has_unit':
      return actor.unitId === null ? refuse('CASE_ACTOR_UNIT_REQUIRED', { actorId: actor.id }) : null;
    case 'reopen_limit':
      return snapshot.reopenCount >= config.maxReopens
        ? refuse('CASE_REOPEN_LIMIT_REACHED', { reopenCount: snapshot.reopenCount, maxReopens: config.maxReopens })
        : null;
    case 'reopen_after_unsatisfied':
      return snapshot.state === 'rated' && snapshot.rating !== 'unsatisfied'
        ? refuse('CASE_REOPEN_NOT_UNSATISFIED', { rating: snapshot.rating })
        : null;
    case 'no_pending_extension':
      return snapshot.pendingExtension !== null
        ? refuse('CASE_EXTENSION_PENDING', { pendingExtension: snapshot.pendingExtension })
        : null;
    case 'extension_limit':
      return snapshot.extensionCount >= config.maxExtensions
        ? refuse('CASE_EXTENSION_LIMIT_REACHED', {
            extensionCount: snapshot.extensionCount,
            maxExtensions: config.maxExtensions,
          })
        : null;
    case 'pending_extension':
      return snapshot.pendingExtension === null ? refuse('CASE_EXTENSION_NOT_PENDING', {}) : null;
    case 'tier_below_top':
      return nextTier(snapshot.tier) === null ? refuse('CASE_TIER_AT_TOP', { tier: snapshot.tier }) : null;
  }
}

function nextTier(tier: CaseTier): CaseTier | null {
  return caseTiers[caseTiers.indexOf(tier) + 1] ?? null;
}

function isPresent(input: CaseActionInput, field: CaseInputField): boolean {
  const value = input[field];
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function isValidExtension(extension: CaseExtension): boolean {
  const { unit, amount } = extension;
  if (unit === 'working_days') return Number.isInteger(amount) && amount > 0;
  if (unit === 'working_hours') return Number.isFinite(amount) && amount > 0;
  return false;
}

/** The first invalid input field, checking only fields that are present. */
function invalidInput(snapshot: CaseSnapshot, input: CaseActionInput): Refusal | null {
  const invalid = (field: string, reason: string): Refusal => refuse('CASE_INPUT_INVALID', { field, reason });
  if (input.rating !== undefined && !(caseRatings as readonly string[]).includes(input.rating)) {
    return invalid('rating', `must be one of ${caseRatings.join(', ')}`);
  }
  if (input.supervisionLevel !== undefined && !(supervisionLevels as readonly string[]).includes(input.supervisionLevel)) {
    return invalid('supervisionLevel', `must be one of ${supervisionLevels.join(', ')}`);
  }
  if (input.extension !== undefined && !isValidExtension(input.extension)) {
    return invalid('extension', 'must be a positive number of working hours or a positive whole number of working days');
  }
  if (input.parentCaseId !== undefined && input.parentCaseId === snapshot.id) {
    return invalid('parentCaseId', 'a case cannot be merged into itself');
  }
  if (input.coUnitIds !== undefined) {
    if (new Set(input.coUnitIds).size !== input.coUnitIds.length) {
      return invalid('coUnitIds', 'lists a unit twice');
    }
    if (input.targetUnitId !== undefined && input.coUnitIds.includes(input.targetUnitId)) {
      return invalid('coUnitIds', 'includes the lead unit');
    }
  }
  if (input.photos !== undefined && input.photos.some((id) => id.trim() === '')) {
    return invalid('photos', 'has an empty attachment id');
  }
  return null;
}

/** The changes an action makes besides the state; `state` is already the target state. */
function changesOf(
  action: CaseAction,
  snapshot: CaseSnapshot,
  actor: CaseActor,
  input: CaseActionInput,
): Partial<CaseSnapshot> {
  switch (action) {
    case 'register':
      return { dispatcherUnitId: actor.unitId };
    case 'dispatch':
      return { handlingUnitId: input.targetUnitId ?? null, coHandlingUnitIds: input.coUnitIds ?? [] };
    case 'return':
      return { handlingUnitId: null, coHandlingUnitIds: [], pendingExtension: null };
    case 'verify_fail':
      return { reworkCount: snapshot.reworkCount + 1 };
    case 'rate':
      return { rating: input.rating ?? null };
    case 'reopen':
      return { reopenCount: snapshot.reopenCount + 1, rating: null, handlingUnitId: null, coHandlingUnitIds: [] };
    case 'request_extension':
      return { pendingExtension: input.extension ?? null };
    case 'approve_extension':
      return { pendingExtension: null, extensionCount: snapshot.extensionCount + 1 };
    case 'reject_extension':
      return { pendingExtension: null };
    case 'suspend':
      return { suspendedFrom: snapshot.state };
    case 'resume':
      return { suspendedFrom: null };
    case 'supervise':
      return { supervisionLevel: input.supervisionLevel ?? null };
    case 'escalate':
      return {
        tier: nextTier(snapshot.tier) ?? snapshot.tier,
        dispatcherUnitId: input.targetUnitId ?? null,
        handlingUnitId: null,
        coHandlingUnitIds: [],
        pendingExtension: null,
      };
    case 'merge':
      return { parentCaseId: input.parentCaseId ?? null };
    case 'accept':
    case 'reject':
    case 'acknowledge':
    case 'feedback':
    case 'verify_pass':
    case 'instruct':
    case 'comment':
      return {};
  }
}

/** The part of the input the row requires or accepts; the rest is ignored. */
function relevantInput(input: CaseActionInput, row: CaseTransition): CaseActionInput {
  const fields = new Set<string>([...row.requires, ...row.accepts]);
  return Object.fromEntries(Object.entries(input).filter(([field]) => fields.has(field))) as CaseActionInput;
}

function targetState(row: CaseTransition, snapshot: CaseSnapshot): CaseState {
  if (row.to === 'same') return snapshot.state;
  if (row.to === 'previous') return snapshot.suspendedFrom ?? snapshot.state;
  return row.to;
}

/** Applies one action to a case snapshot: the next snapshot and its timeline entry, or a coded refusal. */
export function applyAction(
  snapshot: CaseSnapshot,
  action: CaseAction,
  actor: CaseActor,
  input: CaseActionInput,
  config: WorkflowConfig,
  now: Date,
): ApplyActionResult {
  // Actions arrive from HTTP bodies too: check at run time what the type promises.
  if (!isCaseAction(action)) return refuse('CASE_ACTION_UNKNOWN', { action });
  const row = rowOf(action);

  if (!row.from.includes(snapshot.state)) {
    return refuse('CASE_ACTION_NOT_ALLOWED', { action, state: snapshot.state, allowedFrom: row.from });
  }

  const role = permittedRole(snapshot, actor, row);
  if (role === null) {
    return refuse('CASE_ACTION_FORBIDDEN', { action, actorRoles: actor.roles, allowed: row.by });
  }

  const missing = row.requires.filter((field) => !isPresent(input, field));
  if (missing.length > 0) return refuse('CASE_INPUT_REQUIRED', { action, fields: missing });

  const used = relevantInput(input, row);
  const invalid = invalidInput(snapshot, used);
  if (invalid) return invalid;

  for (const check of row.checks) {
    const failed = failedCheck(snapshot, actor, check, config);
    if (failed) return failed;
  }

  const extension = action === 'approve_extension' ? (used.extension ?? snapshot.pendingExtension) : used.extension;
  const next: CaseSnapshot = {
    ...snapshot,
    ...changesOf(action, snapshot, actor, used),
    state: targetState(row, snapshot),
    version: snapshot.version + 1,
  };
  const timelineEntry: CaseTimelineEntry = {
    caseId: snapshot.id,
    version: next.version,
    action,
    fromState: snapshot.state,
    toState: next.state,
    fromTier: snapshot.tier,
    toTier: next.tier,
    actorId: actor.id,
    actorRole: role,
    actorUnitId: actor.unitId,
    at: new Date(now.getTime()),
    ...(used.reason !== undefined && { reason: used.reason }),
    ...(used.text !== undefined && { text: used.text }),
    ...(used.photos !== undefined && { photos: [...used.photos] }),
    ...(used.targetUnitId !== undefined && { targetUnitId: used.targetUnitId }),
    ...(used.coUnitIds !== undefined && { coUnitIds: [...used.coUnitIds] }),
    ...(used.rating !== undefined && { rating: used.rating }),
    ...(extension != null && { extension }),
    ...(used.supervisionLevel !== undefined && { supervisionLevel: used.supervisionLevel }),
    ...(used.parentCaseId !== undefined && { parentCaseId: used.parentCaseId }),
  };
  return { ok: true, next, timelineEntry };
}

/** The actions this actor may take on this case now (state, role, relation and case checks; not input), for the case page. */
export function availableActions(snapshot: CaseSnapshot, actor: CaseActor, config: WorkflowConfig): CaseAction[] {
  return caseActions.filter((action) => {
    const row = rowOf(action);
    return (
      row.from.includes(snapshot.state) &&
      permittedRole(snapshot, actor, row) !== null &&
      row.checks.every((check) => failedCheck(snapshot, actor, check, config) === null)
    );
  });
}
