import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { permissionsOf, type Role } from '../../platform/auth/roles.ts';
import { casesModule } from './module.ts';
import {
  caseActions,
  caseActorOf,
  caseRelations,
  caseStates,
  caseTiers,
  caseTransitions,
  caseWorkflowErrorCodes,
  defaultWorkflowConfig,
  newCaseSnapshot,
  todoRules,
  todoStatesFor,
  type CaseAction,
  type CaseActionInput,
  type CaseActor,
  type CaseInputField,
  type CaseRelation,
  type CaseSnapshot,
  type CaseState,
  type CaseTransition,
} from './workflow.ts';
import { applyAction, availableActions } from './apply-action.ts';
import { actionInputsOf, caseActionRequest } from './contract.ts';

const now = new Date('2026-03-02T02:00:00Z');
const config = defaultWorkflowConfig;

// The cast: units and people around one grid-level case reported by res-1.
const actors = {
  reporter: caseActorOf('res-1', 'resident', null),
  otherResident: caseActorOf('res-2', 'resident', null),
  operator: caseActorOf('op-1', 'hotline_operator', 'u-hotline'),
  dispatcher: caseActorOf('cs-1', 'community_staff', 'u-community'),
  otherCommunity: caseActorOf('cs-2', 'community_staff', 'u-community-2'),
  handler: caseActorOf('dh-1', 'department_handler', 'u-dept'),
  otherHandler: caseActorOf('dh-2', 'department_handler', 'u-dept-2'),
  gridWorker: caseActorOf('gw-1', 'grid_worker', 'u-grid'),
  streetStaff: caseActorOf('ss-1', 'street_staff', 'u-street'),
  districtStaff: caseActorOf('ds-1', 'district_staff', 'u-district'),
  leader: caseActorOf('ld-1', 'leader', 'u-street'),
} satisfies Record<string, CaseActor>;

/** The roles that work on cases. */
const caseRoles = ['grid_worker', 'community_staff', 'street_staff', 'district_staff', 'department_handler', 'hotline_operator', 'resident', 'leader'] as const satisfies readonly Role[];
type CaseRole = (typeof caseRoles)[number];

/** Who may take an action, per role: the relation of the first authority of the row the role holds. */
function whoMay(action: CaseAction): Partial<Record<CaseRole, CaseRelation>> {
  const out: Partial<Record<CaseRole, CaseRelation>> = {};
  for (const role of caseRoles) {
    const held = row(action).by.filter((b) => permissionsOf(role).includes(b.permission));
    // 'anyone' wins: a role that may act in any relation needs none.
    if (held.length) out[role] = held.some((b) => b.relation === 'anyone') ? 'anyone' : held[0]!.relation;
  }
  return out;
}

/** A consistent snapshot of case c-1 in `state`, as the loop would have left it. */
function caseIn(state: CaseState, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  const base = newCaseSnapshot({ id: 'c-1', reporterId: 'res-1' });
  const registered = !['reported', 'accepted', 'rejected'].includes(state);
  const atUnit = ['dispatched', 'handling', 'handled', 'closed', 'rated', 'suspended'].includes(state);
  return {
    ...base,
    state,
    version: 7,
    dispatcherUnitId: registered ? 'u-community' : null,
    handlingUnitId: atUnit ? 'u-dept' : null,
    suspendedFrom: state === 'suspended' ? 'handling' : null,
    rating: state === 'rated' ? 'unsatisfied' : null,
    parentCaseId: state === 'merged' ? 'c-0' : null,
    ...overrides,
  };
}

/** For each action: an actor who may take it, an input that satisfies it, and any case facts it needs. */
const valid: Record<CaseAction, { actor: CaseActor; input: CaseActionInput; setup?: Partial<CaseSnapshot> }> = {
  accept: { actor: actors.operator, input: {} },
  reject: { actor: actors.operator, input: { reason: '不属于受理范围' } },
  register: { actor: actors.dispatcher, input: {} },
  dispatch: { actor: actors.dispatcher, input: { targetUnitId: 'u-dept', coUnitIds: ['u-grid'] } },
  acknowledge: { actor: actors.handler, input: {} },
  return: { actor: actors.handler, input: { reason: '非本单位职责' } },
  feedback: { actor: actors.handler, input: { text: '已清理完毕', photos: ['att-1', 'att-2'] } },
  verify_pass: { actor: actors.gridWorker, input: { text: '现场核查属实', photos: ['att-3'] } },
  verify_fail: { actor: actors.gridWorker, input: { reason: '仍有垃圾堆放' } },
  rate: { actor: actors.reporter, input: { rating: 'basically_satisfied', text: '处理及时' } },
  reopen: { actor: actors.reporter, input: { reason: '问题复发' } },
  request_extension: {
    actor: actors.handler,
    input: { extension: { unit: 'working_days', amount: 3 }, reason: '需协调物业' },
  },
  approve_extension: { actor: actors.dispatcher, input: {}, setup: { pendingExtension: { unit: 'working_days', amount: 3 } } },
  reject_extension: {
    actor: actors.dispatcher,
    input: { reason: '时限充足' },
    setup: { pendingExtension: { unit: 'working_days', amount: 3 } },
  },
  suspend: { actor: actors.dispatcher, input: { reason: '等待司法鉴定' } },
  resume: { actor: actors.dispatcher, input: {} },
  supervise: { actor: actors.leader, input: { supervisionLevel: 'yellow', text: '请加快办理' } },
  escalate: { actor: actors.dispatcher, input: { reason: '需街道协调', targetUnitId: 'u-street' } },
  merge: { actor: actors.operator, input: { parentCaseId: 'c-0' } },
  instruct: { actor: actors.leader, input: { text: '请街道牵头' } },
  comment: { actor: actors.reporter, input: { text: '补充情况' } },
};

const row = (action: CaseAction): CaseTransition => caseTransitions[action];

function expectedState(action: CaseAction, from: CaseState, snapshot: CaseSnapshot): CaseState {
  const to = row(action).to;
  if (to === 'same') return from;
  if (to === 'previous') return snapshot.suspendedFrom!;
  return to;
}

function apply(
  snapshot: CaseSnapshot,
  action: CaseAction,
  actor: CaseActor,
  input: CaseActionInput,
  cfg = config,
) {
  return applyAction(snapshot, action, actor, input, cfg, now);
}

describe('the table', () => {
  it('has one row per action, and every state and role it names exists', () => {
    expect(Object.keys(caseTransitions).sort()).toEqual([...caseActions].sort());
    for (const action of caseActions) {
      const r = row(action);
      for (const state of r.from) expect(caseStates).toContain(state);
      if (r.to !== 'same' && r.to !== 'previous') expect(caseStates).toContain(r.to);
      for (const b of r.by) {
        expect(casesModule.permissions).toContain(b.permission);
        expect(caseRelations).toContain(b.relation);
      }
      expect(r.by.length).toBeGreaterThan(0);
      expect(r.requires.filter((f) => r.accepts.includes(f))).toEqual([]);
    }
  });

  it('lets every non-terminal state be left by some action other than comment', () => {
    const leaving = new Set(
      caseActions.filter((a) => !['comment', 'instruct', 'supervise'].includes(a)).flatMap((a) => row(a).from),
    );
    expect(caseStates.filter((s) => !leaving.has(s))).toEqual(['rejected', 'merged']);
  });

  it('has unique error codes', () => {
    expect(new Set(caseWorkflowErrorCodes).size).toBe(caseWorkflowErrorCodes.length);
  });
});

// Who might act before the table spoke of permissions (role → relation to the case), kept
// as the reference: granting the workflow's permissions to roles must not change it.
const staff = { community_staff: 'dispatcher', street_staff: 'dispatcher', district_staff: 'dispatcher' } as const;
const intake = { hotline_operator: 'anyone', community_staff: 'anyone', street_staff: 'anyone', district_staff: 'anyone' } as const;
const handlers = { grid_worker: 'handling_org_unit', community_staff: 'handling_org_unit', street_staff: 'handling_org_unit', district_staff: 'handling_org_unit', department_handler: 'handling_org_unit' } as const;
const approvers = { ...staff, leader: 'anyone' } as const;
const reporterOrCallback = { resident: 'reporter', hotline_operator: 'anyone' } as const;
const whoMayByRole: Record<CaseAction, Partial<Record<CaseRole, CaseRelation>>> = {
  accept: intake,
  reject: intake,
  register: { community_staff: 'anyone', street_staff: 'anyone', district_staff: 'anyone' },
  dispatch: staff,
  acknowledge: handlers,
  return: handlers,
  feedback: handlers,
  verify_pass: { grid_worker: 'anyone', ...staff },
  verify_fail: { grid_worker: 'anyone', ...staff },
  rate: reporterOrCallback,
  reopen: reporterOrCallback,
  request_extension: handlers,
  approve_extension: approvers,
  reject_extension: approvers,
  suspend: approvers,
  resume: approvers,
  supervise: { leader: 'anyone', street_staff: 'anyone', district_staff: 'anyone' },
  escalate: staff,
  merge: intake,
  instruct: { leader: 'anyone' },
  comment: {
    grid_worker: 'anyone', community_staff: 'anyone', street_staff: 'anyone', district_staff: 'anyone',
    department_handler: 'anyone', hotline_operator: 'anyone', resident: 'reporter', leader: 'anyone',
  },
};

describe('who may act: permissions and relations', () => {
  it.each(caseActions.map((a) => [a]))('%s: the same roles in the same relations as by role', (action) => {
    expect(whoMay(action)).toEqual(whoMayByRole[action]);
  });

  it('gives roles outside the workflow no action', () => {
    for (const role of ['system_admin', 'security_admin', 'auditor', 'open311_client'] as const) {
      const actor = caseActorOf('x', role, null);
      for (const state of caseStates) expect(availableActions(caseIn(state), actor, config)).toEqual([]);
    }
  });
});

describe('the contract states each action\'s inputs', () => {
  it('has one member per action, and the table requires and accepts what the member does', () => {
    expect(caseActionRequest.options.map((o) => o.shape.action.value).sort()).toEqual([...caseActions].sort());
    for (const action of caseActions) {
      const inputs = actionInputsOf[action].filter((f) => (row(action).requires as readonly string[]).includes(f.name) || (row(action).accepts as readonly string[]).includes(f.name));
      for (const f of inputs) if (f.required) expect(row(action).requires).toContain(f.name);
    }
    // the server names the next tier's centre when a client leaves the target out
    expect(actionInputsOf.escalate).toEqual([{ name: 'reason', required: true }, { name: 'targetUnitId', required: false }]);
    expect(row('escalate').requires).toEqual(['reason', 'targetUnitId']);
  });

  it('parses a body of each member and refuses one missing what it requires', () => {
    expect(caseActionRequest.safeParse({ action: 'reject', reason: '不属于受理范围' }).success).toBe(true);
    expect(caseActionRequest.safeParse({ action: 'reject' }).success).toBe(false);
    expect(caseActionRequest.safeParse({ action: 'reject', reason: '  ' }).success).toBe(false);
    expect(caseActionRequest.safeParse({ action: 'dispatch', targetUnitId: 'D1', shareReporterContact: true }).success).toBe(true);
    expect(caseActionRequest.safeParse({ action: 'accept', rating: 'satisfied' }).success).toBe(false);
  });
});

describe('to-do rules', () => {
  it.each<[Role, CaseState[]]>([
    ['hotline_operator', ['reported']],
    ['community_staff', ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled']],
    ['street_staff', ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled']],
    ['district_staff', ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled']],
    ['department_handler', ['dispatched', 'handling']],
    ['grid_worker', ['dispatched', 'handling', 'handled']],
    ['resident', ['closed']],
    ['leader', []],
  ])('groups a %s\'s to-do board by %j', (role, states) => {
    expect(todoStatesFor(permissionsOf(role))).toEqual(states);
  });

  it('names only states an action of the same permission and relation starts from', () => {
    for (const rule of todoRules) {
      const actions = caseActions.filter((a) => row(a).by.some((b) => b.permission === rule.permission && b.relation === rule.relation));
      for (const state of rule.states ?? []) expect(actions.some((a) => (row(a).from as readonly string[]).includes(state))).toBe(true);
    }
  });
});

describe('allowed: every row from every state it names', () => {
  const cases = caseActions.flatMap((action) => row(action).from.map((from) => [action, from] as const));
  it.each(cases)('%s from %s', (action, from) => {
    const { actor, input, setup } = valid[action];
    const snapshot = caseIn(from, setup);
    const result = apply(snapshot, action, actor, input);
    if (!result.ok) throw new Error(`refused ${result.code} ${JSON.stringify(result.details)}`);
    expect(result.next.state).toBe(expectedState(action, from, snapshot));
    expect(result.next.version).toBe(snapshot.version + 1);
    expect(result.timelineEntry).toMatchObject({
      caseId: 'c-1',
      version: snapshot.version + 1,
      action,
      fromState: from,
      toState: result.next.state,
      actorId: actor.id,
      actorRole: actor.role,
      actorUnitId: actor.orgUnitId,
      at: now,
    });
    // the input is carried into the timeline
    for (const [field, value] of Object.entries(input)) {
      expect(result.timelineEntry).toHaveProperty(field, value);
    }
  });
});

describe('what each action records', () => {
  it('makes the registering unit the dispatcher', () => {
    const r = apply(caseIn('accepted'), 'register', actors.streetStaff, {});
    expect(r.ok && r.next.dispatcherUnitId).toBe('u-street');
  });

  it('dispatches to one lead unit with co-handling units', () => {
    const r = apply(caseIn('registered'), 'dispatch', actors.dispatcher, { targetUnitId: 'u-dept', coUnitIds: ['u-grid', 'u-dept-2'] });
    expect(r.ok && [r.next.handlingUnitId, r.next.coHandlingUnitIds]).toEqual(['u-dept', ['u-grid', 'u-dept-2']]);
  });

  it('returns a dispatched case to the dispatcher with the reason', () => {
    const r = apply(caseIn('dispatched', { coHandlingUnitIds: ['u-grid'] }), 'return', actors.handler, { reason: '非本单位职责' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.next).toMatchObject({ state: 'registered', dispatcherUnitId: 'u-community', handlingUnitId: null, coHandlingUnitIds: [] });
    expect(r.timelineEntry.reason).toBe('非本单位职责');
  });

  it('counts a failed verification as rework and sends the case back to handling', () => {
    const r = apply(caseIn('handled', { reworkCount: 1 }), 'verify_fail', actors.gridWorker, { reason: '仍有积水' });
    expect(r.ok && [r.next.state, r.next.reworkCount, r.next.handlingUnitId]).toEqual(['handling', 2, 'u-dept']);
  });

  it('records the rating', () => {
    const r = apply(caseIn('closed'), 'rate', actors.operator, { rating: 'unsatisfied' });
    expect(r.ok && [r.next.state, r.next.rating]).toEqual(['rated', 'unsatisfied']);
  });

  it('reopens an unsatisfied case to the dispatcher and counts it', () => {
    const r = apply(caseIn('rated'), 'reopen', actors.reporter, { reason: '没有修好' });
    expect(r.ok && r.next).toMatchObject({ state: 'registered', reopenCount: 1, rating: null, handlingUnitId: null });
  });

  it('keeps a requested extension pending until it is decided', () => {
    const asked = apply(caseIn('handling'), 'request_extension', actors.handler, valid.request_extension.input);
    expect(asked.ok && [asked.next.state, asked.next.pendingExtension]).toEqual(['handling', { unit: 'working_days', amount: 3 }]);
    if (!asked.ok) return;
    const granted = apply(asked.next, 'approve_extension', actors.dispatcher, {});
    expect(granted.ok && [granted.next.pendingExtension, granted.next.extensionCount]).toEqual([null, 1]);
    expect(granted.ok && granted.timelineEntry.extension).toEqual({ unit: 'working_days', amount: 3 });
    const refused = apply(asked.next, 'reject_extension', actors.dispatcher, { reason: '无需延期' });
    expect(refused.ok && [refused.next.pendingExtension, refused.next.extensionCount]).toEqual([null, 0]);
  });

  it('lets the approver grant a different extension than was asked', () => {
    const r = apply(caseIn('handling', { pendingExtension: { unit: 'working_days', amount: 5 } }), 'approve_extension', actors.leader, {
      extension: { unit: 'working_days', amount: 2 },
    });
    expect(r.ok && r.timelineEntry.extension).toEqual({ unit: 'working_days', amount: 2 });
  });

  it.each(['registered', 'dispatched', 'handling', 'handled'] as const)('resumes a case suspended from %s to that state', (from) => {
    const suspended = apply(caseIn(from), 'suspend', actors.dispatcher, { reason: '等待鉴定' });
    expect(suspended.ok && [suspended.next.state, suspended.next.suspendedFrom]).toEqual(['suspended', from]);
    if (!suspended.ok) return;
    const resumed = apply(suspended.next, 'resume', actors.leader, {});
    expect(resumed.ok && [resumed.next.state, resumed.next.suspendedFrom]).toEqual([from, null]);
  });

  it('supervises without changing the state', () => {
    const r = apply(caseIn('handling'), 'supervise', actors.districtStaff, { supervisionLevel: 'red', text: '限期办结' });
    expect(r.ok && [r.next.state, r.next.supervisionLevel]).toEqual(['handling', 'red']);
  });

  it('escalates grid → street → district, back to registered under the new dispatcher', () => {
    const toStreet = apply(caseIn('handling'), 'escalate', actors.dispatcher, { reason: '跨社区', targetUnitId: 'u-street' });
    expect(toStreet.ok && toStreet.next).toMatchObject({ state: 'registered', tier: 'street', dispatcherUnitId: 'u-street', handlingUnitId: null });
    expect(toStreet.ok && [toStreet.timelineEntry.fromTier, toStreet.timelineEntry.toTier]).toEqual(['grid', 'street']);
    if (!toStreet.ok) return;
    const toDistrict = apply(toStreet.next, 'escalate', actors.streetStaff, { reason: '需区级部门', targetUnitId: 'u-district' });
    expect(toDistrict.ok && [toDistrict.next.tier, toDistrict.next.dispatcherUnitId]).toEqual(['district', 'u-district']);
    if (!toDistrict.ok) return;
    // the community can no longer dispatch it; the district can
    expect(apply(toDistrict.next, 'dispatch', actors.dispatcher, { targetUnitId: 'u-dept' }).ok).toBe(false);
    expect(apply(toDistrict.next, 'dispatch', actors.districtStaff, { targetUnitId: 'u-dept' }).ok).toBe(true);
  });

  it('merges a duplicate into its parent', () => {
    const r = apply(caseIn('accepted'), 'merge', actors.dispatcher, { parentCaseId: 'c-0' });
    expect(r.ok && [r.next.state, r.next.parentCaseId]).toEqual(['merged', 'c-0']);
  });

  it('records a leader instruction without changing the state', () => {
    const r = apply(caseIn('dispatched'), 'instruct', actors.leader, { text: '请尽快处理' });
    expect(r.ok && [r.next.state, r.timelineEntry.text]).toEqual(['dispatched', '请尽快处理']);
  });

  it('records only the input the action takes', () => {
    const r = apply(caseIn('handling'), 'comment', actors.handler, { text: '已到现场', rating: 'unsatisfied', targetUnitId: 'u-x' });
    expect(r.ok && r.timelineEntry).not.toHaveProperty('rating');
    expect(r.ok && r.timelineEntry).not.toHaveProperty('targetUnitId');
    expect(r.ok && r.next.rating).toBeNull();
  });

  it('ignores an invalid value in input the action does not take', () => {
    expect(apply(caseIn('handling'), 'comment', actors.handler, { text: 't', rating: 'great' as never }).ok).toBe(true);
  });

  it('does not change the snapshot it was given', () => {
    const snapshot = Object.freeze(caseIn('handling'));
    expect(() => apply(snapshot, 'feedback', actors.handler, valid.feedback.input)).not.toThrow();
    expect(snapshot.state).toBe('handling');
  });

  it('records the role the actor acted in', () => {
    const r = apply(caseIn('handled'), 'verify_pass', caseActorOf('x', 'grid_worker', 'u-grid'), {});
    expect(r.ok && r.timelineEntry.actorRole).toBe('grid_worker');
  });
});

describe('refused: wrong state', () => {
  const cases = caseActions.flatMap((action) =>
    caseStates.filter((s) => !row(action).from.includes(s)).map((state) => [action, state] as const),
  );
  it.each(cases)('%s from %s', (action, state) => {
    const { actor, input, setup } = valid[action];
    const r = apply(caseIn(state, setup), action, actor, input);
    expect(r).toMatchObject({ ok: false, code: 'CASE_ACTION_NOT_ALLOWED', details: { action, state } });
  });

  it('refuses an action that is not in the table', () => {
    const r = apply(caseIn('handling'), 'delete' as CaseAction, actors.leader, {});
    expect(r).toMatchObject({ ok: false, code: 'CASE_ACTION_UNKNOWN' });
  });
});

describe('refused: wrong role', () => {
  const cases = caseActions.flatMap((action) =>
    caseRoles.filter((role) => !(role in whoMay(action))).map((role) => [action, role] as const),
  );
  it.each(cases)('%s by a %s', (action, role) => {
    const { input, setup } = valid[action];
    const snapshot = caseIn(row(action).from[0]!, setup);
    // The actor shares every relation the case offers, so only the role is wrong.
    const actor = caseActorOf('res-1', role, snapshot.handlingUnitId ?? snapshot.dispatcherUnitId ?? 'u-any');
    expect(apply(snapshot, action, actor, input)).toMatchObject({ ok: false, code: 'CASE_ACTION_FORBIDDEN' });
  });
});

describe('refused: right role, wrong relation to the case', () => {
  const cases = caseActions.flatMap((action) =>
    (Object.entries(whoMay(action)) as [CaseRole, CaseRelation][])
      .filter(([, relation]) => relation !== 'anyone')
      .map(([role, relation]) => [action, role, relation] as const),
  );
  it.each(cases)('%s by a %s who is not the %s', (action, role) => {
    const { input, setup } = valid[action];
    const snapshot = caseIn(row(action).from[0]!, setup);
    const stranger = caseActorOf('someone-else', role, 'u-elsewhere');
    expect(apply(snapshot, action, stranger, input)).toMatchObject({ ok: false, code: 'CASE_ACTION_FORBIDDEN' });
  });

  it('does not let a unit-less actor pass a unit relation on a case with no unit', () => {
    const snapshot = caseIn('registered', { dispatcherUnitId: null });
    const unitless = caseActorOf('cs-9', 'community_staff', null);
    expect(apply(snapshot, 'dispatch', unitless, { targetUnitId: 'u-dept' })).toMatchObject({ code: 'CASE_ACTION_FORBIDDEN' });
  });

  it('does not treat an anonymous reporter as anyone', () => {
    const snapshot = caseIn('closed', { reporterId: null });
    expect(apply(snapshot, 'rate', actors.reporter, { rating: 'satisfied' })).toMatchObject({ code: 'CASE_ACTION_FORBIDDEN' });
    expect(apply(snapshot, 'rate', actors.operator, { rating: 'satisfied' }).ok).toBe(true);
  });
});

describe('refused: missing required input', () => {
  const cases = caseActions.flatMap((action) =>
    (row(action).requires as readonly CaseInputField[]).map((field) => [action, field] as const),
  );
  it.each(cases)('%s without %s', (action, field) => {
    const { actor, input, setup } = valid[action];
    const snapshot = caseIn(row(action).from[0]!, setup);
    const { [field]: _omitted, ...rest } = input;
    expect(apply(snapshot, action, actor, rest)).toMatchObject({ ok: false, code: 'CASE_INPUT_REQUIRED', details: { fields: [field] } });
  });

  it.each([
    ['reject', { reason: '   ' }],
    ['feedback', { text: '已处理', photos: [] }],
    ['dispatch', { targetUnitId: '' }],
  ] as const)('%s with a blank value counts as missing', (action, input) => {
    const r = apply(caseIn(row(action).from[0]!), action, valid[action].actor, input);
    expect(r).toMatchObject({ ok: false, code: 'CASE_INPUT_REQUIRED' });
  });

  it('lists every missing field at once', () => {
    const r = apply(caseIn('handling'), 'feedback', actors.handler, {});
    expect(r).toMatchObject({ code: 'CASE_INPUT_REQUIRED', details: { fields: ['text', 'photos'] } });
  });
});

describe('refused: invalid input', () => {
  it.each<[string, CaseAction, CaseState, CaseActionInput, string]>([
    ['an unknown rating', 'rate', 'closed', { rating: 'great' as never }, 'rating'],
    ['an unknown supervision level', 'supervise', 'handling', { supervisionLevel: 'purple' as never, text: 't' }, 'supervisionLevel'],
    ['a zero extension', 'request_extension', 'handling', { reason: 'r', extension: { unit: 'working_hours', amount: 0 } }, 'extension'],
    ['half a working day', 'request_extension', 'handling', { reason: 'r', extension: { unit: 'working_days', amount: 1.5 } }, 'extension'],
    ['an unknown extension unit', 'request_extension', 'handling', { reason: 'r', extension: { unit: 'weeks' as never, amount: 1 } }, 'extension'],
    ['a merge into itself', 'merge', 'reported', { parentCaseId: 'c-1' }, 'parentCaseId'],
    ['the lead unit also as co-handler', 'dispatch', 'registered', { targetUnitId: 'u-dept', coUnitIds: ['u-dept'] }, 'coUnitIds'],
    ['a co-handling unit twice', 'dispatch', 'registered', { targetUnitId: 'u-dept', coUnitIds: ['u-grid', 'u-grid'] }, 'coUnitIds'],
    ['an empty photo id', 'feedback', 'handling', { text: 't', photos: [' '] }, 'photos'],
  ])('refuses %s', (_name, action, state, input, field) => {
    const r = apply(caseIn(state), action, valid[action].actor, input);
    expect(r).toMatchObject({ ok: false, code: 'CASE_INPUT_INVALID', details: { field } });
  });
});

describe('refused: case conditions', () => {
  it('reopens only as often as configured', () => {
    const once = caseIn('rated', { reopenCount: 1 });
    expect(apply(once, 'reopen', actors.reporter, { reason: 'r' })).toMatchObject({ code: 'CASE_REOPEN_LIMIT_REACHED' });
    expect(apply(once, 'reopen', actors.reporter, { reason: 'r' }, { ...config, maxReopens: 2 }).ok).toBe(true);
    expect(apply(caseIn('closed'), 'reopen', actors.operator, { reason: 'r' }, { ...config, maxReopens: 0 })).toMatchObject({
      code: 'CASE_REOPEN_LIMIT_REACHED',
    });
  });

  it.each(['satisfied', 'basically_satisfied'] as const)('does not reopen a case rated %s', (rating) => {
    expect(apply(caseIn('rated', { rating }), 'reopen', actors.reporter, { reason: 'r' })).toMatchObject({
      code: 'CASE_REOPEN_NOT_UNSATISFIED',
    });
  });

  it('refuses a second extension request while one is pending', () => {
    const snapshot = caseIn('handling', { pendingExtension: { unit: 'working_hours', amount: 4 } });
    expect(apply(snapshot, 'request_extension', actors.handler, valid.request_extension.input)).toMatchObject({
      code: 'CASE_EXTENSION_PENDING',
    });
  });

  it('refuses extensions beyond the configured number', () => {
    const snapshot = caseIn('handling', { extensionCount: 2 });
    expect(apply(snapshot, 'request_extension', actors.handler, valid.request_extension.input)).toMatchObject({
      code: 'CASE_EXTENSION_LIMIT_REACHED',
    });
  });

  it.each(['approve_extension', 'reject_extension'] as const)('refuses to %s when none is pending', (action) => {
    expect(apply(caseIn('handling'), action, actors.dispatcher, { reason: 'r' })).toMatchObject({ code: 'CASE_EXTENSION_NOT_PENDING' });
  });

  it('refuses to escalate a district-level case', () => {
    const snapshot = caseIn('registered', { tier: 'district', dispatcherUnitId: 'u-district' });
    expect(apply(snapshot, 'escalate', actors.districtStaff, { reason: 'r', targetUnitId: 'u-city' })).toMatchObject({
      code: 'CASE_TIER_AT_TOP',
    });
  });

  it('refuses registration by staff who act for no unit', () => {
    const unitless = caseActorOf('cs-9', 'community_staff', null);
    expect(apply(caseIn('accepted'), 'register', unitless, {})).toMatchObject({ code: 'CASE_ACTOR_UNIT_REQUIRED' });
  });
});

describe('availableActions', () => {
  it.each<[string, CaseState, CaseActor, Partial<CaseSnapshot>, CaseAction[]]>([
    ['the handling unit, dispatched', 'dispatched', actors.handler, {}, ['acknowledge', 'return', 'request_extension', 'comment']],
    ['another department, dispatched', 'dispatched', actors.otherHandler, {}, ['comment']],
    ['the reporter, closed', 'closed', actors.reporter, {}, ['rate', 'reopen', 'comment']],
    ['another resident, closed', 'closed', actors.otherResident, {}, []],
    ['the reporter, rated satisfied', 'rated', actors.reporter, { rating: 'satisfied' }, ['comment']],
    [
      'the dispatcher, handling with an extension pending',
      'handling',
      actors.dispatcher,
      { pendingExtension: { unit: 'working_hours', amount: 8 } },
      ['approve_extension', 'reject_extension', 'suspend', 'escalate', 'comment'],
    ],
    ['a leader, suspended', 'suspended', actors.leader, {}, ['resume', 'supervise', 'instruct', 'comment']],
  ])('offers %s exactly the actions it may take', (_name, state, actor, overrides, expected) => {
    expect(availableActions(caseIn(state, overrides), actor, config)).toEqual(expected);
  });
});

describe('properties of random action sequences', () => {
  const pool: CaseActor[] = Object.values(actors);
  const units = ['u-dept', 'u-dept-2', 'u-community', 'u-grid', 'u-street', 'u-district'];
  const fullInput = fc.record({
    reason: fc.constant('原因'),
    text: fc.constant('说明'),
    photos: fc.constant(['att-1']),
    targetUnitId: fc.constantFrom(...units),
    rating: fc.constantFrom('satisfied', 'basically_satisfied', 'unsatisfied'),
    extension: fc.constantFrom({ unit: 'working_days', amount: 2 }, { unit: 'working_hours', amount: 4 }),
    supervisionLevel: fc.constantFrom('ordinary', 'yellow', 'red'),
    parentCaseId: fc.constantFrom('c-0', 'c-1'),
  }) as fc.Arbitrary<CaseActionInput>;
  const partialInput = fc.record(
    {
      reason: fc.constantFrom('', '原因'),
      text: fc.constantFrom('', '说明'),
      photos: fc.constantFrom([], ['att-1']),
      targetUnitId: fc.constantFrom(...units),
      rating: fc.constantFrom('satisfied', 'unsatisfied', 'bad'),
      supervisionLevel: fc.constantFrom('yellow', 'none'),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<CaseActionInput>;
  // The happy path, so that walks get round the loop and not only into rejection and merging.
  const forward: Partial<Record<CaseState, CaseAction>> = {
    reported: 'accept',
    accepted: 'register',
    registered: 'dispatch',
    dispatched: 'acknowledge',
    handling: 'feedback',
    handled: 'verify_pass',
    closed: 'rate',
    rated: 'reopen',
    suspended: 'resume',
  };
  const step = fc.record({
    mode: fc.constantFrom('forward', 'guided', 'raw'),
    pick: fc.nat(),
    actorPick: fc.nat(),
    input: fc.oneof({ arbitrary: fullInput, weight: 4 }, { arbitrary: partialInput, weight: 1 }),
  });
  const reached = new Set<CaseState>();

  it('stay inside the table, close only through verification, and rate only closed cases', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 80, size: 'max' }), fc.integer({ min: 0, max: 2 }), (steps, maxReopens) => {
        const cfg = { ...config, maxReopens };
        let snapshot = newCaseSnapshot({ id: 'c-1', reporterId: 'res-1' });
        const history: CaseAction[] = [];
        for (const s of steps) {
          let action: CaseAction;
          let actor: CaseActor;
          if (s.mode !== 'raw') {
            // Pick one of the actions someone in the pool may take now (the forward one when
            // asked and possible), then one who may.
            const current = snapshot;
            const offered = pool.map((a) => availableActions(current, a, cfg));
            const options = caseActions.filter((act) => offered.some((list) => list.includes(act)));
            if (options.length === 0) break;
            const ahead = forward[current.state];
            action = s.mode === 'forward' && ahead && options.includes(ahead) ? ahead : options[s.pick % options.length]!;
            const chosen = action;
            const able = pool.filter((_, i) => offered[i]!.includes(chosen));
            actor = able[s.actorPick % able.length]!;
          } else {
            action = caseActions[s.pick % caseActions.length]!;
            actor = pool[s.actorPick % pool.length]!;
          }
          const before = snapshot;
          const r = applyAction(before, action, actor, s.input, cfg, now);
          if (!r.ok) {
            expect(caseWorkflowErrorCodes).toContain(r.code);
            continue;
          }
          const after = r.next;
          // only rows of the table, from the states they name, to the states they name
          expect(row(action).from).toContain(before.state);
          expect(caseStates).toContain(after.state);
          expect(after.state).toBe(expectedState(action, before.state, before));
          expect(availableActions(before, actor, cfg)).toContain(action);
          // closed only through verification, rated only from closed
          if (after.state === 'closed' && before.state !== 'closed') {
            expect([action, before.state]).toEqual(['verify_pass', 'handled']);
          }
          if (after.state === 'rated' && before.state !== 'rated') {
            expect([action, before.state]).toEqual(['rate', 'closed']);
          }
          // bookkeeping stays consistent
          expect(after.version).toBe(before.version + 1);
          expect(caseTiers.indexOf(after.tier)).toBeGreaterThanOrEqual(caseTiers.indexOf(before.tier));
          expect(after.reopenCount).toBeLessThanOrEqual(maxReopens);
          expect(after.extensionCount).toBeLessThanOrEqual(cfg.maxExtensions);
          expect(after.suspendedFrom !== null).toBe(after.state === 'suspended');
          expect(r.timelineEntry.version).toBe(after.version);
          history.push(action);
          reached.add(after.state);
          snapshot = after;
        }
        if (snapshot.state === 'closed' || snapshot.state === 'rated') expect(history).toContain('verify_pass');
      }),
      { numRuns: 300 },
    );
    // the walk did get round the loop
    expect([...reached].sort()).toEqual([...caseStates].sort());
  });
});
