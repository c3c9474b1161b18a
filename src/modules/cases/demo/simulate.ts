// One case run through the real workflow table (applyAction) on the working-day calendar,
// as a script says, stopping at `now`: its final snapshot, timeline rows and deadlines.
import { caseActorOf, newCaseSnapshot, type CaseAction, type CaseActionInput, type CaseActor, type CaseSnapshot } from '../workflow.ts';
import { applyAction } from '../apply-action.ts';
import type { CategoryRow } from '../schema.ts';
import type { CaseRules } from '../settings.ts';
import { slaOf, stageOfState, type SlaFields } from '../use-cases/case-sla.ts';
import type { SlaStage } from '../sla.ts';
import { tierOfLevel } from '../policies.ts';
import type { GridPlace } from '../../org/index.ts';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Where a demo case happens: a grid with its community and street (org's GridPlace). */
export type Place = GridPlace;

export interface SimInput {
  rules: CaseRules;
  id: string;
  createdAt: Date;
  now: Date;
  category: CategoryRow;
  place: Place;
  reporterId: string | null;
}

const names = { community: '社区受理员', street: '街道指挥中心', dept: '部门办理员', grid: '网格员', resident: '报告人', leader: '街道领导', hotline: '热线话务员' };

/** What a script sees of the case it drives: working-time waits, workflow steps, the case so far. */
export interface CaseRun {
  /** Waits `hours` of working time; false when that is after `now` (the script should stop). */
  wait(hours: number): boolean;
  /** Takes one action of the workflow table at the current time; false when the table refuses it. */
  step(action: CaseAction, actor: CaseActor, extra?: CaseActionInput): boolean;
  /** The simulated time the case has reached. */
  readonly at: Date;
  readonly snapshot: CaseSnapshot;
  readonly stage: SlaStage | null;
  sla(): SlaFields;
  readonly actors: { community: CaseActor; street: CaseActor; hotline: CaseActor; leader: CaseActor; reporter: CaseActor; verifier: CaseActor; of(unit: string | null): CaseActor };
}

/** Runs one case through the workflow table as `script` says, stopping at `now`; overdue marks fall on the way. */
export function simulate(input: SimInput, script: (run: CaseRun) => void) {
  const { rules, now, place } = input;
  const config = { maxReopens: rules.settings.maxReopens, maxExtensions: rules.settings.maxExtensions };
  const cal = rules.calendar;
  let s: CaseSnapshot = newCaseSnapshot({ id: input.id, reporterId: input.reporterId });
  let t = input.createdAt;
  const timeline: Record<string, unknown>[] = [];
  const handledBy = new Set<string>();
  let acceptedAt: Date | null = null;
  let closedAt: Date | null = null;
  let ratedAt: Date | null = null;
  let acceptOnTime: boolean | null = null;
  let overdueCount = 0;
  let stage = stageOfState('reported');
  let stageStart: Date | null = t;
  let overdueMarked = false;
  let overdueAt: Date | null = null;
  const clock: { action: string; at: Date; extension: { unit: 'working_days' | 'working_hours'; amount: number } | null }[] = [];
  const entry = (row: Record<string, unknown>) => timeline.push({ case_id: input.id, org_path: place.orgPath, co_units: null, target_unit: null, reason: null, text: null, rating: null, extension: null, supervision_level: null, parent_case_id: null, details: {}, ...row });
  entry({ version: 1, action: 'report', from_state: null, to_state: 'reported', from_tier: null, to_tier: 'grid', actor_id: null, actor_name: input.reporterId ? names.resident : names.grid, actor_role: input.reporterId ? 'resident' : 'grid_worker', actor_unit: input.reporterId ? null : place.gridCode, at: t.toISOString() });

  // Deadlines change only when the stage or its clock does: compute them once per change.
  let slaCache: ReturnType<typeof slaOf> | null = null;
  const sla = () => (slaCache ??= slaOf(rules, input.category.code, stage, stageStart, clock, t));
  const community = caseActorOf('demo-community', 'community_staff', place.communityCode);
  const street = caseActorOf('demo-street', 'street_staff', place.streetCode);
  const actorFor = (unit: string | null): CaseActor =>
    unit === place.gridCode ? caseActorOf('demo-grid', 'grid_worker', unit) : unit === place.communityCode ? community : unit === place.streetCode ? street : caseActorOf('demo-dept', 'department_handler', unit);
  const nameOf = (a: CaseActor) => (a.role === 'community_staff' ? names.community : a.role === 'street_staff' ? names.street : a.role === 'grid_worker' ? names.grid : a.role === 'resident' ? names.resident : a.role === 'leader' ? names.leader : a.role === 'hotline_operator' ? names.hotline : names.dept);

  /** Marks the stage overdue (as the deadline job does, at the deadline) if its deadline falls before `until`. */
  const markOverdue = (until: number): void => {
    const current = sla();
    if (current.deadlineAt && !overdueMarked && current.deadlineAt.getTime() < until) {
      overdueMarked = true;
      overdueCount++;
      overdueAt = current.deadlineAt;
      s = { ...s, version: s.version + 1 };
      entry({ version: s.version, action: 'overdue', handling_unit: s.handlingUnitId, from_state: s.state, to_state: s.state, from_tier: s.tier, to_tier: s.tier, actor_id: null, actor_name: 'system', actor_role: 'system', actor_unit: null, at: current.deadlineAt.toISOString(), details: { stage } });
      if (rules.settings.autoSupervise && s.supervisionLevel === null) {
        s = { ...s, version: s.version + 1, supervisionLevel: 'yellow' };
        entry({ version: s.version, action: 'auto_supervise', handling_unit: s.handlingUnitId, from_state: s.state, to_state: s.state, from_tier: s.tier, to_tier: s.tier, actor_id: null, actor_name: 'system', actor_role: 'system', actor_unit: null, at: current.deadlineAt.toISOString(), supervision_level: 'yellow', details: { reason: 'overdue' } });
      }
    }
  };
  /** Waits `hours` of working time, marking the stage overdue on the way if its deadline passes. Returns false when that is after now. */
  const wait = (hours: number): boolean => {
    const next = cal.addWorkingMillis(t, Math.max(0.05, hours) * HOUR);
    markOverdue(Math.min(next.getTime(), now.getTime()));
    if (next.getTime() > now.getTime()) return false;
    t = next;
    return true;
  };

  const step = (action: CaseAction, actor: CaseActor, extra: CaseActionInput = {}): boolean => {
    const result = applyAction(s, action, actor, extra, config, t);
    if (!result.ok) return false;
    let next = result.next;
    const e = result.timelineEntry;
    let toTier = e.toTier;
    if (action === 'register' && actor.orgUnitId) {
      toTier = tierOfLevel(actor.orgUnitId === place.streetCode ? 'street' : 'community');
      next = { ...next, tier: toTier };
    }
    if (action === 'dispatch') for (const u of [extra.targetUnitId, ...(extra.coUnitIds ?? [])]) if (u) handledBy.add(u);
    if (action === 'accept') {
      acceptedAt = t;
      const d = sla().deadlineAt;
      acceptOnTime = d === null || t.getTime() <= d.getTime();
    }
    if (action === 'verify_pass') closedAt = t;
    if (action === 'rate') ratedAt = t;
    if (action === 'reopen') closedAt = null;
    entry({
      version: e.version, action, from_state: e.fromState, to_state: next.state, from_tier: e.fromTier, to_tier: toTier, actor_id: null, actor_name: nameOf(actor), handling_unit: next.handlingUnitId,
      actor_role: e.actorRole, actor_unit: e.actorUnitId, at: t.toISOString(), reason: e.reason ?? null, text: e.text ?? null, target_unit: e.targetUnitId ?? null,
      co_units: e.coUnitIds ?? null, rating: e.rating ?? null, extension: e.extension ?? null, supervision_level: e.supervisionLevel ?? null, parent_case_id: e.parentCaseId ?? null,
      details:
        action === 'accept'
          ? { onTime: acceptOnTime }
          : action === 'rate'
            ? { resolved: e.rating !== 'unsatisfied' }
            : action === 'verify_pass'
              ? { overdue: overdueCount > 0, reworked: s.reworkCount > 0, extended: s.extensionCount > 0, reportedAt: input.createdAt.toISOString() }
              : {},
    });
    const newStage = stageOfState(next.state === 'suspended' ? next.suspendedFrom : next.state);
    if (newStage !== stage || ['reopen', 'escalate', 'verify_fail'].includes(action)) {
      stage = newStage;
      stageStart = newStage ? t : null;
      clock.length = 0;
      slaCache = null;
      overdueMarked = false;
      overdueAt = null;
    } else if (['suspend', 'resume', 'approve_extension'].includes(action)) {
      clock.push({ action, at: t, extension: e.extension ?? null });
      slaCache = null;
    }
    s = next;
    return true;
  };

  const reporter = caseActorOf(input.reporterId ?? 'nobody', 'resident', null);
  const hotline = caseActorOf('demo-hotline', 'hotline_operator', place.streetCode);
  const leader = caseActorOf('demo-leader', 'leader', place.streetCode);
  const verifier = caseActorOf('demo-grid', 'grid_worker', place.gridCode);
  script({
    wait,
    step,
    get at() {
      return t;
    },
    get snapshot() {
      return s;
    },
    get stage() {
      return stage;
    },
    sla,
    actors: { community, street, hotline, leader, reporter, verifier, of: actorFor },
  });
  // A case still in its stage at `now` is overdue if the deadline passed after the last step.
  if (stage && s.state !== 'suspended') markOverdue(now.getTime());
  return {
    snapshot: s,
    timeline,
    handledBy: [...handledBy],
    sla: (() => {
      const f = stage && s.state !== 'suspended' ? sla() : { stage, stageStartedAt: stageStart, warnAt: null, redAt: null, deadlineAt: null, slaLevel: 'normal' as const };
      const level = overdueAt ? 'red' : f.deadlineAt ? slaOf(rules, input.category.code, stage, stageStart, clock, now).slaLevel : 'normal';
      return {
        stage: f.stage, stage_started_at: f.stageStartedAt?.toISOString() ?? null, warn_at: f.warnAt?.toISOString() ?? null, red_at: f.redAt?.toISOString() ?? null,
        deadline_at: f.deadlineAt?.toISOString() ?? null, sla_level: level, overdue_at: (overdueAt as Date | null)?.toISOString() ?? null,
      };
    })(),
    overdueCount,
    acceptOnTime,
    acceptedAt: acceptedAt as Date | null,
    closedAt: closedAt as Date | null,
    ratedAt: ratedAt as Date | null,
    updatedAt: new Date(Date.parse(String(timeline.at(-1)?.at ?? input.createdAt.toISOString()))),
  };
}

/** A simulated case: its snapshot, timeline rows and deadline fields. */
export type SimulatedCase = ReturnType<typeof simulate>;
