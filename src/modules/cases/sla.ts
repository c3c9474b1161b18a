// Time limits (时限) of a case stage on the working-day calendar: the deadline, when the
// yellow warning (预警) and red mark fall, and whether a case is overdue (超期).
//
// The clock of a stage runs in working time from the stage's start. A suspension (挂起)
// stops it: working time inside a suspension does not count, so the deadline moves by the
// suspended working time. An approved extension (延期) adds to the limit. Pure: `now` is
// always an argument, and the facts come from the case timeline.

import type { WorkingCalendar } from '../../platform/calendar.ts';

import type { SlaLevel, SlaStage } from './contract.ts';
export { slaStages, type SlaLevel, type SlaStage } from './contract.ts';

/** An amount of working time, as policies and extensions state it. */
export interface WorkingTimeAmount {
  readonly unit: 'working_days' | 'working_hours';
  /** Whole days for working_days; any positive number for working_hours. */
  readonly amount: number;
}

/** The time limit of one stage and where its warnings fall. */
export interface StageTimeLimit {
  readonly limit: WorkingTimeAmount;
  /** Fraction of the limit after which the case shows yellow, e.g. 0.8. */
  readonly yellowAt: number;
  /** Fraction of the limit after which it shows red; 1 means red once overdue. */
  readonly redAt: number;
}

/** A time-limit policy: one limit per stage (per category, chosen by the caller). */
export type SlaPolicy = Readonly<Record<SlaStage, StageTimeLimit>>;

/** A suspension of the clock; `end` is null while the case is still suspended. */
export interface SlaSuspension {
  readonly start: Date;
  readonly end: Date | null;
}

/** What the timeline says about the stage. */
export interface StageFacts {
  readonly startedAt: Date;
  readonly suspensions: readonly SlaSuspension[];
  /** Approved extensions only. */
  readonly extensions: readonly WorkingTimeAmount[];
}


/** The computed time limit of a stage. */
export interface StageSla {
  /** The limit with extensions, in working milliseconds. */
  readonly limitMillis: number;
  /** When the limit is used up; null while an open suspension holds the clock before that point. */
  readonly deadline: Date | null;
  /** When the case turns yellow; null like `deadline`. */
  readonly warnAt: Date | null;
  /** When the case turns red (the deadline when redAt is 1); null like `deadline`. */
  readonly redAt: Date | null;
  /** Working time counted on the clock up to `now` (suspended time excluded). */
  elapsedMillis(now: Date): number;
  /** Whether `now` is after the deadline. */
  isOverdue(now: Date): boolean;
  /** Yellow from warnAt on, red after redAt. */
  level(now: Date): SlaLevel;
}

const HOUR_MS = 3_600_000;

/** Checks a stage time limit; throws RangeError naming the problem (for the settings screen). */
export function assertStageTimeLimit(limit: StageTimeLimit): void {
  assertAmount(limit.limit, 'limit');
  if (!(limit.yellowAt > 0 && limit.yellowAt <= limit.redAt && Number.isFinite(limit.redAt))) {
    throw new RangeError(`thresholds must satisfy 0 < yellowAt <= redAt, got ${limit.yellowAt} and ${limit.redAt}`);
  }
}

function assertAmount(amount: WorkingTimeAmount, name: string): void {
  const ok =
    amount.unit === 'working_days'
      ? Number.isInteger(amount.amount) && amount.amount > 0
      : amount.unit === 'working_hours' && Number.isFinite(amount.amount) && amount.amount > 0;
  if (!ok) throw new RangeError(`${name} must be a positive whole number of working days or positive working hours`);
}

/** The stage limit plus extensions, as working milliseconds from the stage start. */
function limitMillisOf(calendar: WorkingCalendar, limit: WorkingTimeAmount, facts: StageFacts): number {
  // Whole working days are counted together, so that "3 days + 2 days" ends at the close of
  // the fifth working day after the start day, as a 5-day limit would.
  let days = 0;
  let hours = 0;
  for (const amount of [limit, ...facts.extensions]) {
    if (amount.unit === 'working_days') days += amount.amount;
    else hours += amount.amount;
  }
  const dayMillis = days > 0 ? calendar.workingMillisBetween(facts.startedAt, calendar.addWorkingDays(facts.startedAt, days)) : 0;
  return dayMillis + Math.round(hours * HOUR_MS);
}

/** Suspensions clipped to the stage, sorted and merged; an open one runs to +∞ (end null). */
function normalise(facts: StageFacts): { start: number; end: number | null }[] {
  const from = facts.startedAt.getTime();
  const spans = facts.suspensions
    .map((s) => ({ start: Math.max(s.start.getTime(), from), end: s.end === null ? null : s.end.getTime() }))
    .filter((s) => s.end === null || s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number | null }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && (last.end === null || span.start <= last.end)) {
      if (last.end !== null) last.end = span.end === null ? null : Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

/** Computes deadline, warning instants and level functions for one stage. */
export function computeStageSla(limit: StageTimeLimit, calendar: WorkingCalendar, facts: StageFacts): StageSla {
  assertStageTimeLimit(limit);
  for (const extension of facts.extensions) assertAmount(extension, 'extension');
  const start = facts.startedAt.getTime();
  if (!Number.isFinite(start)) throw new RangeError('startedAt is not a valid date');

  const limitMillis = limitMillisOf(calendar, limit.limit, facts);
  const suspensions = normalise(facts);

  // The running stretches of the clock: from the start to the first suspension, between
  // suspensions, and after the last one (unless it is still open).
  const running: { start: number; end: number | null }[] = [];
  let cursor: number | null = start;
  for (const s of suspensions) {
    if (cursor === null) break;
    running.push({ start: cursor, end: s.start });
    cursor = s.end;
  }
  if (cursor !== null) running.push({ start: cursor, end: null });

  const elapsedMillis = (now: Date): number => {
    const t = now.getTime();
    let total = 0;
    for (const r of running) {
      if (t <= r.start) break;
      const end = r.end === null ? t : Math.min(r.end, t);
      total += calendar.workingMillisBetween(new Date(r.start), new Date(end));
    }
    return total;
  };

  /** The first instant at which the clock shows `target` working ms, or null if an open suspension stops it first. */
  const instantAt = (target: number): Date | null => {
    let remaining = target;
    for (const r of running) {
      const available =
        r.end === null ? Number.POSITIVE_INFINITY : calendar.workingMillisBetween(new Date(r.start), new Date(r.end));
      if (remaining <= available) return calendar.addWorkingMillis(new Date(r.start), remaining);
      remaining -= available;
    }
    return null;
  };

  const deadline = instantAt(limitMillis);
  const warnAt = instantAt(Math.round(limitMillis * limit.yellowAt));
  const redAt = instantAt(Math.round(limitMillis * limit.redAt));

  return {
    limitMillis,
    deadline,
    warnAt,
    redAt,
    elapsedMillis,
    isOverdue: (now) => deadline !== null && now.getTime() > deadline.getTime(),
    level: (now) => {
      if (redAt !== null && now.getTime() > redAt.getTime()) return 'red';
      if (warnAt !== null && now.getTime() >= warnAt.getTime()) return 'yellow';
      return 'normal';
    },
  };
}

/** Computes the time limit of one stage of a case under a policy. */
export function computeSla(policy: SlaPolicy, stage: SlaStage, calendar: WorkingCalendar, facts: StageFacts): StageSla {
  return computeStageSla(policy[stage], calendar, facts);
}
