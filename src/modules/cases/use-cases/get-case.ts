// One case as its page shows it, with the actions the actor may take and what each needs.
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/scope.ts';
import { actionInputsOf, type CaseAction, type CaseDetail } from '../contract.ts';
import { availableActions } from '../apply-action.ts';
import { caseAttachments, cases, caseTimeline, type CaseRow } from '../schema.ts';
import { loadCaseRules, type CaseRules } from '../settings.ts';
import { caseActorsFor, seesReporter } from '../policies.ts';
import { reporterFor } from './reveal-reporter.ts';
import { loadVisibleCase, snapshotOf, workflowConfig, type CaseDeps } from './common.ts';
import { orgUnitNamesOf, presentListItem, presentTimeline } from './present.ts';

/** The actions the actor may take on the case now, under any of their roles. */
export function actionsFor(actor: Actor, row: CaseRow, rules: CaseRules): CaseAction[] {
  const config = workflowConfig(rules);
  return [...new Set(caseActorsFor(actor, row).flatMap((a) => availableActions(snapshotOf(row), a, config)))];
}

/** One case as its page shows it: record, time limit, timeline, attachments, merged cases and the actions the actor may take. */
export async function getCase(deps: CaseDeps, actor: Actor, id: string, now = new Date()): Promise<CaseDetail> {
  const { db } = deps;
  const row = await loadVisibleCase(db, actor, id);
  const rules = await loadCaseRules(db);
  const [timeline, attachments, children, parent] = await Promise.all([
    db.select().from(caseTimeline).where(eq(caseTimeline.caseId, id)).orderBy(asc(caseTimeline.version)),
    db.select().from(caseAttachments).where(eq(caseAttachments.caseId, id)).orderBy(asc(caseAttachments.createdAt)),
    db.select({ id: cases.id, number: cases.number, title: cases.title, createdAt: cases.createdAt }).from(cases).where(eq(cases.parentCaseId, id)),
    row.parentCaseId ? db.select({ id: cases.id, number: cases.number, title: cases.title }).from(cases).where(eq(cases.id, row.parentCaseId)).then((r) => r[0] ?? null) : Promise.resolve(null),
  ]);
  const names = await orgUnitNamesOf(db, [row.communityCode, row.streetCode, row.districtCode, row.gridCode, row.dispatcherUnit, row.handlingUnit, ...row.coUnits, ...timeline.flatMap((t) => [t.actorUnit, t.targetUnit, ...(t.coUnits ?? [])])]);
  const showReporter = seesReporter(actor, row);
  const actions = actionsFor(actor, row, rules);
  return {
    ...presentListItem(row, names, rules, now),
    description: row.description,
    districtCode: row.districtCode,
    gridName: row.gridCode ? (names.get(row.gridCode) ?? null) : null,
    dispatcherUnitName: row.dispatcherUnit ? (names.get(row.dispatcherUnit) ?? null) : null,
    coUnits: row.coUnits.map((code) => ({ code, name: names.get(code) ?? code })),
    reporter: reporterFor(deps, actor, row),
    reporterHidden: !showReporter && (row.reporterName !== null || row.reporterPhone !== null || row.reporterUserId !== null),
    reporterShared: row.reporterShared,
    residentIds: row.residentIds,
    houseIds: row.houseIds,
    peopleInvolved: row.peopleInvolved,
    amountInvolved: row.amountInvolved === null ? null : Number(row.amountInvolved),
    attributes: row.attributes,
    mediaUrl: row.mediaUrl,
    isPublic: row.isPublic,
    reopenCount: row.reopenCount,
    reworkCount: row.reworkCount,
    extensionCount: row.extensionCount,
    pendingExtension: row.pendingExtension,
    resolved: row.resolved,
    parent,
    mergedCases: children,
    attachments: attachments.map((a) => ({ id: a.id, mime: a.mime, size: a.size, originalName: a.originalName, hasThumbnail: a.hasThumbnail, createdAt: a.createdAt })),
    timeline: presentTimeline(timeline, showReporter, names),
    availableActions: actions,
    allowedActions: actions.map((action) => ({ action, inputs: actionInputsOf[action].map((f) => ({ ...f })) })),
  };
}
