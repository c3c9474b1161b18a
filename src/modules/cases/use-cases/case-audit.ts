// Every case write goes to the audit log besides the timeline: who (with the request's IP),
// which case, where in the tree, and the facts of the step. Never the free text, reasons or
// reporter: they may name people, and the timeline keeps them under the case's own rules.
import { recordAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { CaseTimelineEntry } from '../workflow.ts';
import type { CaseRow } from '../schema.ts';

/** The audit details of a workflow step: states, tier, units and the step's own facts. */
export function caseAuditDetails(row: Pick<CaseRow, 'number'>, entry: CaseTimelineEntry, facts: Record<string, unknown>): Record<string, unknown> {
  return {
    number: row.number,
    version: entry.version,
    fromState: entry.fromState,
    toState: entry.toState,
    ...(entry.fromTier !== entry.toTier ? { fromTier: entry.fromTier, toTier: entry.toTier } : {}),
    ...(entry.targetUnitId ? { targetUnit: entry.targetUnitId } : {}),
    ...(entry.coUnitIds?.length ? { coUnits: [...entry.coUnitIds] } : {}),
    ...(entry.rating ? { rating: entry.rating } : {}),
    ...(entry.supervisionLevel ? { supervisionLevel: entry.supervisionLevel } : {}),
    ...(entry.parentCaseId ? { parentCaseId: entry.parentCaseId } : {}),
    ...(entry.photos?.length ? { photos: entry.photos.length } : {}),
    ...facts,
  };
}

/** Records a case write (`case.<verb>`) in the caller's transaction. */
export function recordCaseAudit(db: Db, actor: Actor, verb: string, target: { caseId: string; orgPath: string } | null, details: Record<string, unknown>): Promise<void> {
  return recordAudit(db, actor, {
    action: `case.${verb}`,
    targetType: target ? 'case' : 'attachment',
    targetId: target?.caseId ?? (typeof details.attachmentId === 'string' ? details.attachmentId : undefined),
    orgPath: target?.orgPath,
    details,
  });
}
