// The time limit of a case's current stage, from the stage's start and the clock events
// (suspensions, approved extensions) since, on the module's calendar and policies.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { CaseState, SlaLevel, SlaStage } from '../contract.ts';
import { computeSla, type SlaSuspension, type WorkingTimeAmount } from '../sla.ts';
import { caseTimeline } from '../schema.ts';
import { policyFor, type CaseRules } from '../settings.ts';


/** The stage whose time limit runs in a state (a suspended case keeps the stage it left). */
export function stageOfState(state: CaseState | null): SlaStage | null {
  switch (state) {
    case 'reported':
      return 'accept';
    case 'accepted':
    case 'registered':
    case 'dispatched':
    case 'handling':
      return 'handle';
    case 'handled':
      return 'verify';
    default:
      return null;
  }
}

export interface ClockEvent {
  action: string;
  at: Date;
  extension: WorkingTimeAmount | null;
}

export interface SlaFields {
  stage: SlaStage | null;
  stageStartedAt: Date | null;
  warnAt: Date | null;
  redAt: Date | null;
  deadlineAt: Date | null;
  slaLevel: SlaLevel;
}

/** The time limit of a case's current stage, from when the stage started and the clock events since. */
export function slaOf(rules: CaseRules, categoryCode: string, stage: SlaStage | null, startedAt: Date | null, events: readonly ClockEvent[], now: Date): SlaFields {
  if (!stage || !startedAt) return { stage, stageStartedAt: startedAt, warnAt: null, redAt: null, deadlineAt: null, slaLevel: 'normal' };
  const suspensions: SlaSuspension[] = [];
  const extensions: WorkingTimeAmount[] = [];
  for (const e of events) {
    if (e.at.getTime() < startedAt.getTime()) continue;
    if (e.action === 'suspend') suspensions.push({ start: e.at, end: null });
    else if (e.action === 'resume') {
      const open = suspensions.at(-1);
      if (open && open.end === null) suspensions[suspensions.length - 1] = { start: open.start, end: e.at };
    } else if (e.action === 'approve_extension' && e.extension) extensions.push(e.extension);
  }
  const sla = computeSla(policyFor(rules, categoryCode), stage, rules.calendar, { startedAt, suspensions, extensions });
  return { stage, stageStartedAt: startedAt, warnAt: sla.warnAt, redAt: sla.redAt, deadlineAt: sla.deadline, slaLevel: sla.level(now) };
}

export async function clockEvents(db: Db, caseId: string, since: Date | null): Promise<ClockEvent[]> {
  if (!since) return [];
  const rows = await db
    .select({ action: caseTimeline.action, at: caseTimeline.at, extension: caseTimeline.extension })
    .from(caseTimeline)
    .where(and(eq(caseTimeline.caseId, caseId), sql`${caseTimeline.at} >= ${since.toISOString()}`, inArray(caseTimeline.action, ['suspend', 'resume', 'approve_extension'])))
    .orderBy(asc(caseTimeline.version));
  return rows;
}
