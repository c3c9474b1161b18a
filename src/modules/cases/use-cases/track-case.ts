// The public follow-up (办理过程可查询): a member of the public follows, and rates, a case
// with its number and the phone they gave, without an account.
import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../../platform/errors.ts';
import { shownName, type Actor } from '../../../platform/auth/scope.ts';
import type { RateTrackedBody, TimelineAction, TrackedCase } from '../contract.ts';
import { caseActorOf } from '../workflow.ts';
import { applyAction } from '../apply-action.ts';
import { cases, caseTimeline, type CaseRow } from '../schema.ts';
import { loadCaseRules } from '../settings.ts';
import { normalisePhone, snapshotOf, workflowConfig, workflowError, type CaseDeps } from './common.ts';
import { orgUnitNamesOf } from './present.ts';
import { commitTransition, extraColumns } from './commit-transition.ts';
import { TrackingGuard } from './tracking-guard.ts';

const guard = new TrackingGuard();

/**
 * The case a member of the public follows with its number and the phone they gave (办理过程可查询).
 * Failed attempts are counted per number, phone and address (tracking-guard.ts).
 */
async function trackedCase(deps: CaseDeps, number: string, phone: string, address?: string): Promise<CaseRow> {
  const normalised = normalisePhone(phone);
  const caseNumber = number.trim().toUpperCase();
  const hash = deps.pii.lookupHash(normalised);
  const keys = { number: caseNumber, phoneHash: hash, address };
  const minutes = guard.blockedFor(keys);
  if (minutes > 0) throw new AppError('CASE_TRACKING_LOCKED', { minutes });
  const [row] = await deps.db.select().from(cases).where(eq(cases.number, caseNumber));
  // Compare in constant time so the answer does not tell how close a guess was.
  if (!row || !row.reporterPhoneHash || !crypto.timingSafeEqual(Buffer.from(row.reporterPhoneHash), Buffer.from(hash))) {
    guard.failed(keys);
    throw new AppError('CASE_TRACKING_FAILED');
  }
  return row;
}

const publicActions = new Set<TimelineAction>(['report', 'accept', 'reject', 'register', 'dispatch', 'acknowledge', 'feedback', 'verify_pass', 'verify_fail', 'rate', 'reopen', 'suspend', 'resume', 'escalate', 'merge', 'approve_extension']);

/** The public view of a followed case: state, steps with units (no staff names), and whether it can be rated. */
export async function trackCase(deps: CaseDeps, number: string, phone: string, now = new Date(), address?: string): Promise<TrackedCase & { now: Date }> {
  const row = await trackedCase(deps, number, phone, address);
  const rules = await loadCaseRules(deps.db);
  const timeline = await deps.db.select().from(caseTimeline).where(eq(caseTimeline.caseId, row.id)).orderBy(asc(caseTimeline.version));
  const names = await orgUnitNamesOf(deps.db, [row.handlingUnit, row.communityCode, ...timeline.flatMap((t) => [t.actorUnit, t.targetUnit])]);
  return {
    number: row.number,
    title: row.title,
    state: row.state,
    categoryName: rules.categories.get(row.categoryCode)?.name ?? row.categoryCode,
    address: row.address,
    createdAt: row.createdAt,
    handlingUnitName: row.handlingUnit ? (names.get(row.handlingUnit) ?? null) : null,
    expectedAt: row.deadlineAt,
    rating: row.rating,
    canRate: row.state === 'closed',
    steps: timeline
      .filter((t) => publicActions.has(t.action))
      .map((t) => ({
        action: t.action,
        at: t.at,
        unitName: t.actorUnit ? (names.get(t.actorUnit) ?? null) : null,
        targetUnitName: t.targetUnit ? (names.get(t.targetUnit) ?? null) : null,
        text: ['feedback', 'reject', 'verify_pass'].includes(t.action) ? (t.text ?? t.reason) : null,
        photos: t.action === 'feedback' ? (t.photos?.length ?? 0) : 0,
      })),
    now,
  };
}

/** A rating given on the public follow-up page, with the number and phone as proof of being the reporter. */
export async function rateTrackedCase(deps: CaseDeps, input: RateTrackedBody, origin: { ip?: string; requestId?: string } = {}): Promise<TrackedCase> {
  const row = await trackedCase(deps, input.number, input.phone, origin.ip);
  const reporterId = snapshotOf(row).reporterId as string;
  const actor: Actor = { kind: 'user', id: row.reporterUserId, name: '报告人', grants: [], mustChangePassword: false, ...origin };
  const rules = await loadCaseRules(deps.db);
  const now = new Date();
  const caseActor = caseActorOf(reporterId, 'resident', null);
  const result = applyAction(snapshotOf(row), 'rate', caseActor, { rating: input.rating, ...(input.text ? { text: input.text } : {}) }, workflowConfig(rules), now);
  if (!result.ok) throw workflowError(result.code, result.details);
  const { extra, details } = extraColumns(row, result.timelineEntry, { action: 'rate', resolved: input.resolved }, now);
  await deps.db.transaction(async (tx) => {
    const updated = await commitTransition(tx, deps, rules, row, { next: result.next, entry: result.timelineEntry, actorName: shownName(actor), actor, extra, details: { ...details, via: 'public' } }, [], now);
    if (input.rating === 'unsatisfied' && rules.settings.reopenOnUnsatisfied) {
      const reopened = applyAction(result.next, 'reopen', caseActor, { reason: input.text?.trim() || '评价不满意，案件重启' }, workflowConfig(rules), now);
      if (reopened.ok) {
        await commitTransition(tx, deps, rules, updated, { next: reopened.next, entry: reopened.timelineEntry, actorName: shownName(actor), actor, extra: { closedAt: null, resolved: null }, details: { automatic: true } }, [], now);
      }
    }
  });
  return trackCase(deps, input.number, input.phone);
}
