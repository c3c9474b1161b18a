// The cases the demo guarantees in every street whatever the hour: every open state, and
// yellow, red and overdue ones, each reported at the time that gives it its level at `now`.
import type { CaseAction, CaseActionInput } from '../workflow.ts';
import type { CategoryRow } from '../schema.ts';
import { policyFor, type CaseRules } from '../settings.ts';
import { slaOf, stageOfState } from '../use-cases/case-sla.ts';
import type { SlaStage } from '../sla.ts';
import { DAY, HOUR, simulate, type Place, type SimulatedCase } from './simulate.ts';

/** The open states, and the warning levels a stage can show at `now`. */
export type GuaranteedState = 'reported' | 'accepted' | 'registered' | 'dispatched' | 'handling' | 'handled' | 'suspended';
export type GuaranteedLevel = 'yellow' | 'red' | 'overdue';

/** Per street: every open state; in each state that has a running clock, one yellow, one red and one overdue case. */
export const guaranteedCases: readonly { state: GuaranteedState; level: GuaranteedLevel | null }[] = [
  ...(['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled'] as const).flatMap((state) => (['yellow', 'red', 'overdue'] as const).map((level) => ({ state, level }))),
  { state: 'suspended', level: null },
];

// The usual path to each open state: working hours waited, then the action that leads there.
const guaranteedPath: { hours: number; action: CaseAction; to: GuaranteedState }[] = [
  { hours: 0.5, action: 'accept', to: 'accepted' },
  { hours: 0.1, action: 'register', to: 'registered' },
  { hours: 0.1, action: 'dispatch', to: 'dispatched' },
  { hours: 0.5, action: 'acknowledge', to: 'handling' },
];
const pathTo = (state: GuaranteedState) => {
  if (state === 'reported') return [];
  if (state === 'handled') return [...guaranteedPath, { hours: 2, action: 'feedback' as const, to: 'handled' as const }];
  if (state === 'suspended') return [...guaranteedPath, { hours: 0.5, action: 'suspend' as const, to: 'suspended' as const }];
  return guaranteedPath.slice(0, guaranteedPath.findIndex((p) => p.to === state) + 1);
};

/**
 * The guaranteed case for one target, in the first of `categories` whose limits allow its
 * level at `now`. Some bands are empty at some hours: a stage limited in whole working days
 * ends at the close of a working day, so before work on a Monday (or after a holiday) a
 * one-day stage is either not yet yellow or already overdue, and red before the deadline
 * is empty whenever red starts at the deadline (the shipped limits). Yellow in the accept and
 * handle stages and overdue in every stage are always possible with the default limits.
 * `emptyBands` remembers (state, level, stage limit) found empty, to keep the search short.
 */
export function guaranteedCase(input: {
  rules: CaseRules;
  id: string;
  now: Date;
  place: Place;
  categories: readonly CategoryRow[];
  handlerFor: (category: CategoryRow, place: Place) => string;
  state: GuaranteedState;
  level: GuaranteedLevel | null;
  emptyBands?: Set<string>;
}): { createdAt: Date; sim: SimulatedCase; category: CategoryRow } | null {
  const stage = stageOfState(input.state === 'suspended' ? 'handling' : input.state) as SlaStage;
  for (const category of input.categories) {
    const key = `${input.state}|${input.level ?? ''}|${JSON.stringify(policyFor(input.rules, category.code)[stage])}`;
    if (input.emptyBands?.has(key)) continue;
    const made = simulateGuaranteedCase({ ...input, category, handler: input.handlerFor(category, input.place) });
    if (made) return { ...made, category };
    input.emptyBands?.add(key);
  }
  return null;
}

/**
 * One case driven along the usual path to `state`, reported at the time that makes its stage
 * show `level` at `now`. The level only grows as the report moves earlier (the stage starts
 * earlier, so every instant of its clock does), so a binary search over the report time finds,
 * on the working-day calendar, the latest report that reaches each level; the case is reported
 * halfway inside the band of its level. Null when the rules leave the band empty (red before
 * the deadline, when red starts at the deadline).
 */
export function simulateGuaranteedCase(input: {
  rules: CaseRules;
  id: string;
  now: Date;
  category: CategoryRow;
  place: Place;
  handler: string;
  state: GuaranteedState;
  level: GuaranteedLevel | null;
}): { createdAt: Date; sim: SimulatedCase } | null {
  const { rules, now, category, state } = input;
  const cal = rules.calendar;
  const path = pathTo(state);
  const stage = stageOfState(state === 'suspended' ? 'handling' : state);
  // The stage starts at the report (受理), at the acceptance (处置) or at the feedback (核查).
  const startsAt = stage === 'accept' ? 0 : stage === 'handle' ? 1 : path.length;
  const stageStart = (createdAt: number) => {
    let t = new Date(createdAt);
    for (const p of path.slice(0, startsAt)) t = cal.addWorkingMillis(t, Math.max(0.05, p.hours) * HOUR);
    return t;
  };
  const rank = (createdAt: number) => {
    const f = slaOf(rules, category.code, stage, stageStart(createdAt), [], now);
    return f.deadlineAt && f.deadlineAt.getTime() < now.getTime() ? 3 : f.slaLevel === 'red' ? 2 : f.slaLevel === 'yellow' ? 1 : 0;
  };
  const earliest = now.getTime() - 400 * DAY;
  /** The latest report time (to the minute) whose stage shows at least `wanted` at now. */
  const latestReaching = (wanted: number) => {
    if (rank(earliest) < wanted) return null;
    let lo = earliest;
    let hi = now.getTime();
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (rank(mid) >= wanted) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const wanted = { yellow: 1, red: 2, overdue: 3 }[input.level ?? 'yellow'];
  const upper = latestReaching(wanted);
  if (upper === null) return null;
  // Yellow and red: halfway between the latest report reaching the level and the latest reaching the next.
  // Overdue: two days before the latest overdue report, so the case is well past its deadline.
  const lower = wanted < 3 ? (latestReaching(wanted + 1) ?? earliest) : upper - 4 * DAY;
  if (upper - lower <= 120_000) return null;
  const reported = wanted < 3 ? lower + Math.floor((upper - lower) / 2) : upper - 2 * DAY;
  const createdAt = new Date(Math.floor(reported / 60_000) * 60_000);

  const sim = simulate({ rules, id: input.id, createdAt, now, category, place: input.place, reporterId: null }, (run) => {
    const { community, of } = run.actors;
    for (const p of path) {
      if (!run.wait(p.hours)) return;
      const by = p.action === 'acknowledge' || p.action === 'feedback' ? of(input.handler) : community;
      const extra: CaseActionInput =
        p.action === 'dispatch' ? { targetUnitId: input.handler } : p.action === 'feedback' ? { text: '已现场处置完毕', photos: ['demo-photo'] } : p.action === 'suspend' ? { reason: '等待鉴定结果' } : {};
      if (!run.step(p.action, by, extra)) throw new Error(`demo: ${p.action} refused on the way to ${state}`);
    }
  });
  const level = sim.sla.overdue_at ? 'overdue' : sim.sla.sla_level === 'normal' ? null : sim.sla.sla_level;
  if (sim.snapshot.state !== state || (input.level !== null && level !== input.level)) {
    throw new Error(`demo: a case meant to be ${state}/${input.level ?? '-'} at ${now.toISOString()} came out ${sim.snapshot.state}/${level ?? 'normal'}`);
  }
  return { createdAt, sim };
}
