// Storing a transition: the guarded update of the case (its version must still be the one
// read: two people acting at once, one wins, the other gets VERSION_CONFLICT), its new
// time limit, the immutable timeline entry and the notifications, in the caller's
// transaction. System events of the clock are stored the same way.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { CaseSnapshot, CaseTimelineEntry } from '../workflow.ts';
import { caseAttachments, caseHandlers, cases, caseTimeline, type CaseRow } from '../schema.ts';
import type { CaseRules } from '../settings.ts';
import type { CaseDeps } from './common.ts';
import { slaOf, stageOfState, type ClockEvent } from './case-sla.ts';
import { notifyParties } from './notify-parties.ts';
import { caseAuditDetails, recordCaseAudit } from './case-audit.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { ActionRequest } from './act-on-case.ts';

export interface Applied {
  next: CaseSnapshot;
  entry: CaseTimelineEntry;
  actorName: string;
  /** Who acted, with the request's IP, for the audit log. */
  actor: Actor;
  extra: Partial<typeof cases.$inferInsert>;
  details: Record<string, unknown>;
}

/**
 * Stores one applied transition: the guarded update and the timeline entry, then tells the
 * parties. Throws VERSION_CONFLICT when the case moved on since `row` was read.
 */
export async function commitTransition(tx: Db, deps: CaseDeps, rules: CaseRules, row: CaseRow, applied: Applied, events: ClockEvent[], now: Date): Promise<CaseRow> {
  const { next, entry } = applied;
  const stateForStage = next.state === 'suspended' ? next.suspendedFrom : next.state;
  const stage = stageOfState(stateForStage);
  const restart = stage !== row.stage || ['reopen', 'escalate', 'verify_fail'].includes(entry.action) || !row.stageStartedAt;
  const startedAt = stage ? (restart ? now : row.stageStartedAt) : null;
  const clock = restart ? [] : [...events, { action: entry.action, at: now, extension: entry.action === 'approve_extension' ? (entry.extension ?? null) : null }];
  const sla = slaOf(rules, row.categoryCode, stage, startedAt, clock, now);
  const stageChanged = restart || stage === null;
  const handledBy = entry.action === 'dispatch' ? [...new Set([...row.handledBy, ...(entry.targetUnitId ? [entry.targetUnitId] : []), ...(entry.coUnitIds ?? [])])] : row.handledBy;
  const [updated] = await tx
    .update(cases)
    .set({
      state: next.state,
      tier: next.tier,
      version: next.version,
      dispatcherUnit: next.dispatcherUnitId,
      handlingUnit: next.handlingUnitId,
      coUnits: [...next.coHandlingUnitIds],
      handledBy,
      suspendedFrom: next.suspendedFrom,
      reopenCount: next.reopenCount,
      reworkCount: next.reworkCount,
      extensionCount: next.extensionCount,
      pendingExtension: next.pendingExtension,
      rating: next.rating,
      supervisionLevel: next.supervisionLevel,
      parentCaseId: next.parentCaseId,
      ...sla,
      overdueAt: stageChanged ? null : row.overdueAt,
      superviseRedAt: stageChanged ? null : row.superviseRedAt,
      slaLevel: stageChanged || !row.overdueAt ? sla.slaLevel : 'red',
      updatedAt: now,
      ...applied.extra,
    })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning();
  if (!updated) {
    const [current] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, row.id));
    throw new AppError('VERSION_CONFLICT', { caseId: row.id, currentVersion: current?.version });
  }
  const newHandlers = handledBy.filter((unit) => !row.handledBy.includes(unit));
  if (newHandlers.length) await tx.insert(caseHandlers).values(newHandlers.map((unit) => ({ caseId: row.id, unit, createdAt: row.createdAt }))).onConflictDoNothing();
  await tx.insert(caseTimeline).values({
    caseId: row.id,
    version: entry.version,
    action: entry.action,
    fromState: entry.fromState,
    toState: entry.toState,
    fromTier: entry.fromTier,
    toTier: entry.toTier,
    actorId: entry.actorId,
    actorName: applied.actorName,
    actorRole: entry.actorRole,
    actorUnit: entry.actorUnitId,
    orgPath: row.orgPath,
    handlingUnit: next.handlingUnitId,
    at: entry.at,
    reason: entry.reason ?? null,
    text: entry.text ?? null,
    photos: entry.photos ? [...entry.photos] : null,
    targetUnit: entry.targetUnitId ?? null,
    coUnits: entry.coUnitIds ? [...entry.coUnitIds] : null,
    rating: entry.rating ?? null,
    extension: entry.extension ?? null,
    supervisionLevel: entry.supervisionLevel ?? null,
    parentCaseId: entry.parentCaseId ?? null,
    details: applied.details,
  });
  await recordCaseAudit(tx, applied.actor, entry.action, { caseId: row.id, orgPath: row.orgPath }, caseAuditDetails(row, entry, applied.details));
  if (entry.photos?.length) await tx.update(caseAttachments).set({ caseId: row.id }).where(and(inArray(caseAttachments.id, [...entry.photos]), isNull(caseAttachments.caseId)));
  await notifyParties(tx, deps, updated, { action: entry.action, actorId: entry.actorId, targetUnit: entry.targetUnitId ?? null, text: entry.text ?? entry.reason ?? null, supervisionLevel: entry.supervisionLevel ?? null });
  return updated;
}

/** Extra columns an action sets besides the snapshot (timestamps, facts for indicators). */
export function extraColumns(row: CaseRow, entry: CaseTimelineEntry, req: ActionRequest, now: Date): { extra: Partial<typeof cases.$inferInsert>; details: Record<string, unknown> } {
  switch (entry.action) {
    case 'accept':
    {
      const onTime = row.deadlineAt === null || now.getTime() <= row.deadlineAt.getTime();
      return { extra: { acceptedAt: now, acceptOnTime: onTime }, details: { onTime } };
    }
    case 'dispatch':
      return { extra: { reporterShared: req.shareReporterContact === true }, details: req.shareReporterContact ? { reporterShared: true } : {} };
    case 'verify_pass':
      // The closure records the facts the indicators ask of it, so a period's closures are
      // counted from their own timeline lines (no look-back over each case's history).
      return {
        extra: { closedAt: now },
        details: { overdue: row.overdueCount > 0, reworked: row.reworkCount > 0, extended: row.extensionCount > 0, reportedAt: row.createdAt.toISOString() },
      };
    case 'rate': {
      const resolved = req.resolved ?? entry.rating !== 'unsatisfied';
      return { extra: { ratedAt: now, resolved }, details: { resolved } };
    }
    case 'reopen':
      return { extra: { closedAt: null, resolved: null }, details: {} };
    default:
      return { extra: {}, details: {} };
  }
}



/** Records what the clock did (warning, overdue, automatic supervision) on a locked row, bumping its version. */
export async function recordSystemEvent(
  tx: Db,
  deps: CaseDeps,
  row: CaseRow,
  event: { action: 'warning' | 'overdue' | 'auto_supervise'; set: Partial<typeof cases.$inferInsert>; supervisionLevel?: 'yellow' | 'red'; details: Record<string, unknown> },
  now: Date,
): Promise<CaseRow> {
  const [updated] = await tx
    .update(cases)
    .set({ ...event.set, version: row.version + 1, updatedAt: now })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning();
  if (!updated) throw new AppError('VERSION_CONFLICT', { caseId: row.id });
  await tx.insert(caseTimeline).values({
    caseId: row.id,
    version: row.version + 1,
    action: event.action,
    fromState: row.state,
    toState: row.state,
    fromTier: row.tier,
    toTier: row.tier,
    actorId: null,
    actorName: 'system',
    actorRole: 'system',
    actorUnit: null,
    orgPath: row.orgPath,
    handlingUnit: row.handlingUnit,
    at: now,
    supervisionLevel: event.supervisionLevel ?? null,
    details: event.details,
  });
  await notifyParties(tx, deps, updated, { action: event.action, actorId: null, supervisionLevel: event.supervisionLevel ?? null });
  return updated;
}
