// Applies one row of the workflow table to a case snapshot: pure, with `now` as an argument.
// The service loads the snapshot, calls applyAction, and stores `next` and `timelineEntry`
// in one transaction with a version check.
import {
  caseActions,
  caseRatings,
  caseTiers,
  caseTransitions,
  supervisionLevels,
  type ApplyActionResult,
  type CaseAction,
  type CaseActionInput,
  type CaseActor,
  type CaseAuthority,
  type CaseCheck,
  type CaseExtension,
  type CaseInputField,
  type CaseRelation,
  type CaseSnapshot,
  type CaseState,
  type CaseTier,
  type CaseTimelineEntry,
  type CaseTransition,
  type CaseWorkflowErrorCode,
  type WorkflowConfig,
} from './workflow.ts';

type Refusal = Extract<ApplyActionResult, { ok: false }>;

function refuse(code: CaseWorkflowErrorCode, details: Record<string, unknown>): Refusal {
  return { ok: false, code, details };
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
    case 'handling_org_unit':
      return actor.orgUnitId !== null && actor.orgUnitId === snapshot.handlingUnitId;
    case 'dispatcher':
      return actor.orgUnitId !== null && actor.orgUnitId === snapshot.dispatcherUnitId;
  }
}

/** The first authority of the row the actor holds (the permission, and the relation to the case), or null. */
function authorityOf(snapshot: CaseSnapshot, actor: CaseActor, row: CaseTransition): CaseAuthority | null {
  return row.by.find((b) => actor.permissions.includes(b.permission) && hasRelation(snapshot, actor, b.relation)) ?? null;
}

function failedCheck(
  snapshot: CaseSnapshot,
  actor: CaseActor,
  check: CaseCheck,
  config: WorkflowConfig,
): Refusal | null {
  switch (check) {
    case 'actor_has_org_unit':
      return actor.orgUnitId === null ? refuse('CASE_ACTOR_UNIT_REQUIRED', { actorId: actor.id }) : null;
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
      return { dispatcherUnitId: actor.orgUnitId };
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

  if (authorityOf(snapshot, actor, row) === null) {
    return refuse('CASE_ACTION_FORBIDDEN', { action, actorRole: actor.role, allowed: row.by });
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
    actorRole: actor.role,
    actorUnitId: actor.orgUnitId,
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

/** The actions this actor may take on this case now (state, permission, relation and case checks; not input), for the case page. */
export function availableActions(snapshot: CaseSnapshot, actor: CaseActor, config: WorkflowConfig): CaseAction[] {
  return caseActions.filter((action) => {
    const row = rowOf(action);
    return (
      row.from.includes(snapshot.state) &&
      authorityOf(snapshot, actor, row) !== null &&
      row.checks.every((check) => failedCheck(snapshot, actor, check, config) === null)
    );
  });
}
