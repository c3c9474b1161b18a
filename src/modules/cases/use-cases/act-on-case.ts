// Every workflow action through one function: load the case, check what the input refers
// to, let the table decide (trying each role the actor holds on the case), and store the
// transition with its timeline entry and notifications in one transaction.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { shownName, type Actor } from '../../../platform/auth/scope.ts';
import { placeOf } from '../../org/index.ts';
import { caseActions, type CaseAction, type CaseActionBody } from '../contract.ts';
import type { CaseActor, CaseWorkflowErrorCode } from '../workflow.ts';
import { applyAction } from '../apply-action.ts';
import { cases, type CaseRow } from '../schema.ts';
import { loadCaseRules, type CaseRules } from '../settings.ts';
import { canSeeCase, caseActorsFor, tierOfLevel } from '../policies.ts';
import { finishedStates, loadVisibleCase, snapshotOf, workflowConfig, workflowError, type CaseDeps } from './common.ts';
import { clockEvents } from './case-sla.ts';
import { checkAttachments } from './attachments.ts';
import { commitTransition, extraColumns } from './commit-transition.ts';


/**
 * An action as a client asks for it: any member of the contract's caseActionRequest, or a
 * body in the flat form (every field optional), which the workflow then checks itself.
 */
export type ActionRequest = CaseActionBody;

async function checkReferences(db: Db, actor: Actor, row: CaseRow, req: ActionRequest): Promise<ActionRequest> {
  const out = { ...req };
  for (const code of [req.targetUnitId, ...(req.coUnitIds ?? [])]) {
    if (code !== undefined && !(await placeOf(db, code))) throw new AppError('CASE_UNIT_UNKNOWN', { code });
  }
  if (req.action === 'escalate' && !req.targetUnitId) {
    // The dispatching centre of the next tier up: the street office, then the district.
    const next = row.tier === 'grid' ? row.streetCode : row.districtCode;
    if (next) out.targetUnitId = next;
  }
  if (req.action === 'merge' && req.parentCaseId) {
    const parent = await db.select().from(cases).where(eq(cases.id, req.parentCaseId)).then((r) => r[0]);
    if (!parent || !canSeeCase(actor, parent)) throw new AppError('CASE_MERGE_INVALID', { parent: req.parentCaseId, reason: '案件不存在 / no such case' });
    if (parent.id === row.id || finishedStates.includes(parent.state) || parent.parentCaseId) {
      throw new AppError('CASE_MERGE_INVALID', { parent: parent.number, reason: '目标案件已办结或已合并 / the case is finished or merged' });
    }
  }
  if (req.photos?.length) await checkAttachments(db, actor, req.photos, row.id);
  return out;
}

/** Tries the actor in each role on each org unit they act for; the first the table allows wins, else the most telling refusal. */
function decide(row: CaseRow, candidates: CaseActor[], req: ActionRequest, rules: CaseRules, now: Date) {
  const snapshot = snapshotOf(row);
  const action = req.action as CaseAction;
  let refusal: { code: CaseWorkflowErrorCode; details: Readonly<Record<string, unknown>> } | undefined;
  for (const candidate of candidates) {
    const result = applyAction(snapshot, action, candidate, req, workflowConfig(rules), now);
    if (result.ok) return { ...result, actor: candidate };
    if (!refusal || (refusal.code === 'CASE_ACTION_FORBIDDEN' && result.code !== 'CASE_ACTION_FORBIDDEN')) refusal = result;
  }
  if (!(caseActions as readonly string[]).includes(req.action)) throw new AppError('CASE_ACTION_UNKNOWN', { action: req.action });
  if (!refusal) {
    const probe = applyAction(snapshot, action, { id: 'nobody', permissions: [], orgUnitId: null, role: 'nobody' }, req, workflowConfig(rules), now);
    throw probe.ok ? new AppError('CASE_ACTION_FORBIDDEN', { action }) : workflowError(probe.code === 'CASE_ACTION_NOT_ALLOWED' ? probe.code : 'CASE_ACTION_FORBIDDEN', probe.code === 'CASE_ACTION_NOT_ALLOWED' ? probe.details : { action });
  }
  throw workflowError(refusal.code, refusal.details);
}

/**
 * Takes one workflow action on a case for an actor: the one service function behind every
 * button on the case page. Returns the updated row.
 */
export async function actOnCase(deps: CaseDeps, actor: Actor, caseId: string, request: ActionRequest, now = new Date()): Promise<{ row: CaseRow }> {
  const { db } = deps;
  const row = await loadVisibleCase(db, actor, caseId);
  if (request.version !== undefined && request.version !== row.version) {
    throw new AppError('VERSION_CONFLICT', { caseId, currentVersion: row.version });
  }
  const rules = await loadCaseRules(db);
  const req = await checkReferences(db, actor, row, request);
  const decided = decide(row, caseActorsFor(actor, row), req, rules, now);
  let next = decided.next;
  let entry = decided.timelineEntry;
  if (entry.action === 'register' && decided.actor.orgUnitId) {
    // The registering org unit's level is the tier that handles the case (微/小/大循环).
    const orgUnit = await placeOf(db, decided.actor.orgUnitId);
    const tier = tierOfLevel(orgUnit?.level ?? 'community');
    next = { ...next, tier };
    entry = { ...entry, toTier: tier };
  }
  const events = await clockEvents(db, row.id, row.stageStartedAt);
  const { extra, details } = extraColumns(row, entry, req, now);
  return db.transaction(async (tx) => {
    let updated = await commitTransition(tx, deps, rules, row, { next, entry, actorName: shownName(actor), actor, extra, details }, events, now);
    // An unsatisfied rating reopens the case at once while reopens are left (once by default).
    if (entry.action === 'rate' && entry.rating === 'unsatisfied' && rules.settings.reopenOnUnsatisfied) {
      const reopened = applyAction(next, 'reopen', decided.actor, { reason: req.text?.trim() || '评价不满意，案件重启' }, workflowConfig(rules), now);
      if (reopened.ok) {
        const more = extraColumns(updated, reopened.timelineEntry, { action: 'reopen' }, now);
        updated = await commitTransition(tx, deps, rules, updated, { next: reopened.next, entry: reopened.timelineEntry, actorName: shownName(actor), actor, ...more, details: { automatic: true } }, [], now);
      }
    }
    return { row: updated };
  });
}
