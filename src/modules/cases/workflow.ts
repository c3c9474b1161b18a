// The case (事件/工单) closed loop as data: states, actions, who may act, what each action
// needs, and one pure function that applies a row. No clock, no database: the service layer
// loads a snapshot, calls applyAction with `now`, and stores `next` and `timelineEntry` in
// one transaction with a version check.
//
// The loop (信息采集、案卷建立、任务派遣、任务处理、处理反馈、核查结案、考核评价):
//   reported → accept → accepted → register → registered → dispatch → dispatched
//   → acknowledge → handling → feedback → handled → verify_pass → closed → rate → rated
// with reject (intake refuses), return (退单: back to the dispatcher), verify_fail (返工),
// reopen (reporter unsatisfied), escalate (微循环 → 小循环 → 大循环), merge,
// suspend/resume (挂起), extensions (延期), supervision (督办), instruction (批示), comments.
//
// Accept (受理: is this a valid request for us?) and register (立案: open a case file with
// category, matter class and tier, and become its dispatcher) stay two steps because the
// issue and the Haidian process name both and the accept stage has its own time limit; a
// grid worker's own patrol report can pass both in one service call.
// Verification passing closes the case directly (核查结案): a separate "close" by the
// dispatcher would add a step nobody in the seeds performs.

import { permissionsOf, type Permission, type Role } from '../../platform/auth/roles.ts';
import {
  caseActionInputs,
  caseStates,
  type CaseAction,
  type CaseInputField,
  type CaseRating,
  type CaseRelation,
  type CaseState,
  type CaseTier,
  type SupervisionLevel,
  type WorkingTime,
} from './contract.ts';

// The vocabulary lives in the contract; it is re-exported here for readers of the table.
export { caseActions, caseRatings, caseStates, caseTiers, supervisionLevels, caseInputFields, caseRelations } from './contract.ts';
export type { CaseAction, CaseInputField, CaseRating, CaseRelation, CaseState, CaseTier, SupervisionLevel } from './contract.ts';

/** An extension of a time limit (延期), in the units the time-limit policy uses. */
export type CaseExtension = WorkingTime;

/**
 * Who may act: holders of the permission (platform/auth/roles.ts) who stand in the relation
 * to the case: anyone (scope is checked by the service), its reporter, a member of the org
 * unit dispatching it at its current tier, or of the lead handling org unit.
 */
export interface CaseAuthority {
  readonly permission: Permission;
  readonly relation: CaseRelation;
}

/** Conditions on the case (not the input) that some rows add, each with its own error code. */
export type CaseCheck =
  | 'actor_has_org_unit'
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
  /** Any one of these lets an actor take the action. */
  readonly by: readonly CaseAuthority[];
  /** Input that must be present (non-blank): from the action's member of the contract. */
  readonly requires: readonly CaseInputField[];
  /** Input that may be given; anything else in the input is ignored and not recorded. */
  readonly accepts: readonly CaseInputField[];
  readonly checks: readonly CaseCheck[];
}

const may = (permission: Permission, relation: CaseRelation = 'anyone'): CaseAuthority => ({ permission, relation });

// Who acts, grouped so the rows below read as sentences.
const intake = [may('case.accept')];
// Registration happens before there is a dispatcher: the registering staff's org unit becomes it.
const registrar = [may('case.dispatch')];
const dispatcher = [may('case.dispatch', 'dispatcher')];
const handler = [may('case.acknowledge', 'handling_org_unit')];
// On-site verification is a grid worker's job (scope keeps them to their grid's cases);
// the dispatcher may verify at the desk, e.g. from photos, when no site visit is needed.
const verifier = [may('case.verify'), may('case.dispatch', 'dispatcher')];
// Extensions and suspensions are decided by the dispatcher, or by a leader.
const approver = [may('case.dispatch', 'dispatcher'), may('case.instruct')];
const reporterOrCallback = [may('case.rate', 'reporter'), may('case.callback')];
const overseer = [may('case.supervise')];
const leader = [may('case.instruct')];
const everyone = [may('case.handle'), may('case.rate', 'reporter')];

// Groups of states the rows start from.
const open = ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'suspended'] as const;
const atOrgUnit = ['dispatched', 'handling'] as const;
const suspendable = ['registered', 'dispatched', 'handling', 'handled'] as const;
const escalatable = ['registered', 'dispatched', 'handling'] as const;
const beforeDispatch = ['reported', 'accepted', 'registered'] as const;
const finished = ['closed', 'rated'] as const;

// What each action requires and accepts is stated once, by its member of the contract.
const inputs = (action: CaseAction) => caseActionInputs[action];

/** The workflow table: one row per action. */
export const caseTransitions = {
  accept:            { from: ['reported'],   to: 'accepted',   by: intake,             ...inputs('accept'),            checks: [] },
  reject:            { from: ['reported'],   to: 'rejected',   by: intake,             ...inputs('reject'),            checks: [] },
  // The registering org unit becomes the case's dispatcher at its tier.
  register:          { from: ['accepted'],   to: 'registered', by: registrar,          ...inputs('register'),          checks: ['actor_has_org_unit'] },
  // One lead org unit (主办) plus optional co-handling org units (协办).
  dispatch:          { from: ['registered'], to: 'dispatched', by: dispatcher,         ...inputs('dispatch'),          checks: [] },
  acknowledge:       { from: ['dispatched'], to: 'handling',   by: handler,            ...inputs('acknowledge'),       checks: [] },
  // 退单: the org unit says the case is not its own; it goes back to the dispatcher.
  return:            { from: atOrgUnit,      to: 'registered', by: handler,            ...inputs('return'),            checks: [] },
  feedback:          { from: ['handling'],   to: 'handled',    by: handler,            ...inputs('feedback'),          checks: [] },
  verify_pass:       { from: ['handled'],    to: 'closed',     by: verifier,           ...inputs('verify_pass'),       checks: [] },
  // 返工: the check on site failed; the same org unit works on it again.
  verify_fail:       { from: ['handled'],    to: 'handling',   by: verifier,           ...inputs('verify_fail'),       checks: [] },
  rate:              { from: ['closed'],     to: 'rated',      by: reporterOrCallback, ...inputs('rate'),              checks: [] },
  reopen:            { from: finished,       to: 'registered', by: reporterOrCallback, ...inputs('reopen'),            checks: ['reopen_limit', 'reopen_after_unsatisfied'] },
  request_extension: { from: atOrgUnit,      to: 'same',       by: handler,            ...inputs('request_extension'), checks: ['no_pending_extension', 'extension_limit'] },
  approve_extension: { from: atOrgUnit,      to: 'same',       by: approver,           ...inputs('approve_extension'), checks: ['pending_extension'] },
  reject_extension:  { from: atOrgUnit,      to: 'same',       by: approver,           ...inputs('reject_extension'),  checks: ['pending_extension'] },
  suspend:           { from: suspendable,    to: 'suspended',  by: approver,           ...inputs('suspend'),           checks: [] },
  resume:            { from: ['suspended'],  to: 'previous',   by: approver,           ...inputs('resume'),            checks: [] },
  supervise:         { from: open,           to: 'same',       by: overseer,           ...inputs('supervise'),         checks: [] },
  // The target is the dispatching centre of the next tier up; it becomes the dispatcher.
  escalate:          { from: escalatable,    to: 'registered', by: dispatcher,         ...inputs('escalate'),          checks: ['tier_below_top'] },
  merge:             { from: beforeDispatch, to: 'merged',     by: intake,             ...inputs('merge'),             checks: [] },
  instruct:          { from: open,           to: 'same',       by: leader,             ...inputs('instruct'),          checks: [] },
  comment:           { from: caseStates,     to: 'same',       by: everyone,           ...inputs('comment'),           checks: [] },
} as const satisfies Record<CaseAction, CaseTransition>;

/** Every permission the table asks for: an actor holding none of them takes no action. */
export const workflowPermissions: ReadonlySet<Permission> = new Set(Object.values(caseTransitions).flatMap((row) => row.by.map((b) => b.permission)));

/**
 * What waits for someone (the to-do board): cases in these states that an actor holding the
 * permission, in the relation, may move on. 'anyone' means in the part of the tree the
 * permission is granted on. The one statement of "mine to do"; the list's todo filter and
 * the board's groups both come from it.
 */
export interface TodoRule {
  readonly permission: Permission;
  readonly relation: CaseRelation;
  /** The states the case waits in; null: any state. */
  readonly states: readonly CaseState[] | null;
  /** Only while an extension request waits for a decision. */
  readonly pendingExtension?: true;
}

export const todoRules: readonly TodoRule[] = [
  { permission: 'case.accept', relation: 'anyone', states: ['reported'] },
  { permission: 'case.dispatch', relation: 'anyone', states: ['accepted'] },
  { permission: 'case.dispatch', relation: 'dispatcher', states: ['registered', 'handled'] },
  { permission: 'case.dispatch', relation: 'dispatcher', states: null, pendingExtension: true },
  { permission: 'case.acknowledge', relation: 'handling_org_unit', states: ['dispatched', 'handling'] },
  { permission: 'case.verify', relation: 'anyone', states: ['handled'] },
  { permission: 'case.rate', relation: 'reporter', states: ['closed'] },
];

/** The states a holder of these permissions finds work in, in the order of the loop (for the board's groups). */
export function todoStatesFor(permissions: Iterable<Permission>): CaseState[] {
  const held = new Set(permissions);
  const states = new Set(todoRules.filter((r) => held.has(r.permission)).flatMap((r) => r.states ?? []));
  return caseStates.filter((s) => states.has(s));
}

/** What the workflow needs to know about a case. */
export interface CaseSnapshot {
  readonly id: string;
  readonly state: CaseState;
  readonly tier: CaseTier;
  /** Optimistic-lock version; the next snapshot and the timeline entry carry version + 1. */
  readonly version: number;
  /** The reporting user, when the reporter has an account (hotline callers may not). */
  readonly reporterId: string | null;
  /** The org unit that registered the case at its current tier and dispatches it. */
  readonly dispatcherUnitId: string | null;
  /** The lead handling org unit (主办). */
  readonly handlingUnitId: string | null;
  /** Co-handling org units (协办). */
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

/** Who is acting: one of the actor's roles, on one org unit. */
export interface CaseActor {
  readonly id: string;
  /** What the role lets the actor do (the table asks for these). */
  readonly permissions: readonly Permission[];
  /** The org unit (community, street office, department, grid…) the actor acts for. */
  readonly orgUnitId: string | null;
  /** The role the permissions come from: recorded on the timeline, never read by the table. */
  readonly role: string;
}

/** The workflow actor of someone acting in a role on an org unit. */
export function caseActorOf(id: string, role: Role, orgUnitId: string | null): CaseActor {
  return { id, permissions: permissionsOf(role), orgUnitId, role };
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
  /** How often an unsatisfied reporter may reopen a case (once by default). */
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
  'CASE_ACTION_FORBIDDEN', // the actor lacks the permission, or the relation to the case, the row asks for
  'CASE_INPUT_REQUIRED', // a required input field is missing or empty
  'CASE_INPUT_INVALID', // an input field has a value the action cannot take
  'CASE_ACTOR_UNIT_REQUIRED', // the actor acts for no org unit, and the action makes their org unit responsible
  'CASE_REOPEN_LIMIT_REACHED', // reopened as often as the configuration allows
  'CASE_REOPEN_NOT_UNSATISFIED', // a rated case is reopened only after an unsatisfied rating
  'CASE_EXTENSION_PENDING', // an extension is already waiting for a decision
  'CASE_EXTENSION_LIMIT_REACHED', // granted as many extensions as the configuration allows
  'CASE_EXTENSION_NOT_PENDING', // no extension is waiting for a decision
  'CASE_TIER_AT_TOP', // a district-level case cannot be escalated further
] as const;
export type CaseWorkflowErrorCode = (typeof caseWorkflowErrorCodes)[number];

/**
 * One immutable line of the case timeline, stored with the state change: the action's input
 * as given (for approve_extension, `extension` is the grant) and who did what when.
 */
export interface CaseTimelineEntry extends CaseActionInput {
  readonly caseId: string;
  /** The case version this entry creates. */
  readonly version: number;
  readonly action: CaseAction;
  readonly fromState: CaseState;
  readonly toState: CaseState;
  readonly fromTier: CaseTier;
  readonly toTier: CaseTier;
  readonly actorId: string;
  /** The role the actor acted in. */
  readonly actorRole: string;
  readonly actorUnitId: string | null;
  readonly at: Date;
}

/** The result of applyAction. */
export type ApplyActionResult =
  | { readonly ok: true; readonly next: CaseSnapshot; readonly timelineEntry: CaseTimelineEntry }
  | { readonly ok: false; readonly code: CaseWorkflowErrorCode; readonly details: Readonly<Record<string, unknown>> };

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
