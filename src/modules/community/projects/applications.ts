// Applications by organisations (plan, budget lines, milestones, indicators), the lists each
// party sees, and one application's whole file with its scores, money and timeline.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { inScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, emptyPage, listPage, offsetOf } from '../../../platform/list-page.ts';
import type { ApplicationDetail, ApplicationListQuery, ApplicationSummary, ApplicationBody } from '../contract/projects.ts';
import {
  projectApplications, projectCalls, projectEvaluations, projectEvents, projectMilestones, projectPanel, projectReviews,
  projectServiceRecords, projectSiteVisits, projectTranches,
} from '../schema/projects.ts';
import { assertCallVisibleToOrganisation } from './calls.ts';
import { addEvent, assertStanding, deliverablesOf, invalid, loadApplication, loadCall, yuan, type ApplicationRow, type Standing } from './common.ts';
import { isTranchePayable } from './contracting.ts';
import { organisationsOfStaff } from '../organisations/organisations.ts';
import { rankApplications, scoreApplication } from './scoring.ts';

/** An organisation applies to an open call; its staff act for it. */
export async function applyToCall(db: Db, actor: Actor, callId: string, body: ApplicationBody): Promise<ApplicationDetail> {
  const call = await loadCall(db, callId);
  assertCallVisibleToOrganisation(actor, call);
  const organisation = (await organisationsOfStaff(db, actor)).find((o) => o.id === body.organisationId);
  if (!organisation) throw new AppError('COMMUNITY_NOT_ORGANISATION_STAFF');
  if (call.status !== 'open') throw new AppError('CONFLICT', { reason: '项目已截止申报 / the call is closed' });
  const requestedFen = body.budgetLines.reduce((s, l) => s + l.amountFen, 0);
  if (requestedFen > call.budgetFen) throw invalid([{ field: 'body.budgetLines', message: `预算合计 ${yuan(requestedFen)} 超过项目资金 ${yuan(call.budgetFen)} / over the call's budget` }]);
  const [taken] = await db.select({ id: projectApplications.id }).from(projectApplications).where(and(eq(projectApplications.callId, callId), eq(projectApplications.organisationId, organisation.id)));
  if (taken) throw new AppError('CONFLICT', { reason: '该组织已申报此项目 / already applied' });
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projectApplications)
      .values({ callId, orgPath: call.orgPath, organisationId: organisation.id, organisationName: organisation.name, title: body.title, plan: body.plan, budgetLines: body.budgetLines, requestedFen, indicators: body.indicators, submittedBy: actor.id })
      .returning({ id: projectApplications.id });
    await tx.insert(projectMilestones).values(body.milestones.map((m, i) => ({ applicationId: row!.id, seq: i + 1, title: m.title, dueOn: m.dueOn })));
    await addEvent(tx, actor, { callId, applicationId: row!.id, kind: 'application.submit', summary: `${organisation.name} 申报“${body.title}”，预算 ${yuan(requestedFen)}` });
    await recordAudit(tx, actor, { action: 'community.project_application.submit', targetType: 'project_application', targetId: row!.id, orgPath: call.orgPath, details: { organisationId: organisation.id } });
    return row!.id;
  });
  return getApplication(db, actor, id, 'organisation');
}

type ReviewRow = typeof projectReviews.$inferSelect;

async function scoresOf(db: Db, apps: ApplicationRow[]) {
  if (apps.length === 0) return new Map<string, { reviews: ReviewRow[] }>();
  const reviews = await db.select().from(projectReviews).where(inArray(projectReviews.applicationId, apps.map((a) => a.id)));
  return new Map(apps.map((a) => [a.id, { reviews: reviews.filter((r) => r.applicationId === a.id) }]));
}

/** Summaries with score and rank within their calls (rank among all of a call's applications). */
async function summarise(db: Db, rows: ApplicationRow[]): Promise<ApplicationSummary[]> {
  if (rows.length === 0) return [];
  const callIds = [...new Set(rows.map((r) => r.callId))];
  const calls = await db.select().from(projectCalls).where(inArray(projectCalls.id, callIds));
  // Ranks compare every application of the call, not just this page.
  const siblings = await db.select().from(projectApplications).where(inArray(projectApplications.callId, callIds));
  const reviews = await scoresOf(db, siblings);
  const scored = siblings.map((a) => {
    const call = calls.find((c) => c.id === a.callId)!;
    const rs = reviews.get(a.id)?.reviews ?? [];
    const { score } = scoreApplication(call.criteria, rs.filter((r) => !r.conflict).map((r) => r.scores));
    return { ...a, score, reviews: rs.filter((r) => !r.conflict).length, conflicts: rs.filter((r) => r.conflict).length };
  });
  const ranked = callIds.flatMap((c) => rankApplications(scored.filter((a) => a.callId === c)));
  return rows.map((r) => {
    const s = ranked.find((x) => x.id === r.id)!;
    return {
      id: r.id, callId: r.callId, callTitle: calls.find((c) => c.id === r.callId)!.title, organisationId: r.organisationId, organisationName: r.organisationName,
      title: r.title, requestedFen: r.requestedFen, awardedFen: r.awardedFen, status: r.status, score: s.score, rank: s.rank, reviews: s.reviews, conflicts: s.conflicts, submittedAt: r.submittedAt,
    };
  });
}

async function pageOfApplications(db: Db, q: ApplicationListQuery, where: SQL | undefined) {
  const cond = and(where, q.callId ? eq(projectApplications.callId, q.callId) : undefined, q.status ? eq(projectApplications.status, q.status) : undefined);
  return listPage(
    q,
    db.select().from(projectApplications).where(cond).orderBy(desc(projectApplications.submittedAt), desc(projectApplications.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(projectApplications).where(cond),
    (rows) => summarise(db, rows),
  );
}

/** Applications in the staff member's part of the tree. */
export function listApplications(db: Db, actor: Actor, q: ApplicationListQuery) {
  return pageOfApplications(db, q, inScope(actor, 'community.projects', projectApplications.orgPath));
}

/** The applications of the organisations whose staff the actor is. */
export async function listOwnApplications(db: Db, actor: Actor, q: ApplicationListQuery) {
  const mine = await organisationsOfStaff(db, actor);
  if (mine.length === 0) return emptyPage<ApplicationSummary>(q);
  return pageOfApplications(db, q, inArray(projectApplications.organisationId, mine.map((o) => o.id)));
}

/** The applications to calls whose panel the expert sits on; the panel's score is not shown to its members. */
export async function listApplicationsForExpert(db: Db, actor: Actor, q: ApplicationListQuery) {
  const mine = db.select({ id: projectPanel.callId }).from(projectPanel).where(eq(projectPanel.userId, actor.id ?? '00000000-0000-0000-0000-000000000000'));
  const page = await pageOfApplications(db, q, inArray(projectApplications.callId, mine));
  return { ...page, items: page.items.map((a) => ({ ...a, score: null, rank: null })) };
}

/** One application's file, for one who stands towards it as staff, its organisation or an expert. */
export async function getApplication(db: Db, actor: Actor, id: string, as: Standing): Promise<ApplicationDetail> {
  const app = await loadApplication(db, id);
  await assertStanding(db, actor, app, as);
  const call = await loadCall(db, app.callId);
  const [summary] = await summarise(db, [app]);
  const reviews = (await scoresOf(db, [app])).get(app.id)!.reviews;
  const { lines } = scoreApplication(call.criteria, reviews.filter((r) => !r.conflict).map((r) => r.scores));
  const mine = reviews.find((r) => r.reviewerId === actor.id);
  const [milestones, tranches, records, visits, [evaluation], events] = await Promise.all([
    db.select().from(projectMilestones).where(eq(projectMilestones.applicationId, id)).orderBy(asc(projectMilestones.seq)),
    db.select().from(projectTranches).where(eq(projectTranches.applicationId, id)).orderBy(asc(projectTranches.seq)),
    db.select().from(projectServiceRecords).where(eq(projectServiceRecords.applicationId, id)).orderBy(desc(projectServiceRecords.servedOn)).limit(200),
    db.select().from(projectSiteVisits).where(eq(projectSiteVisits.applicationId, id)).orderBy(desc(projectSiteVisits.visitedOn)),
    db.select().from(projectEvaluations).where(eq(projectEvaluations.applicationId, id)),
    db.select().from(projectEvents).where(eq(projectEvents.applicationId, id)).orderBy(asc(projectEvents.id)),
  ]);
  const files = await deliverablesOf(db, milestones.map((m) => m.id));
  const achieved = await db
    .select({ key: projectServiceRecords.indicatorKey, total: sql<number>`sum(${projectServiceRecords.quantity})::int` })
    .from(projectServiceRecords)
    .where(eq(projectServiceRecords.applicationId, id))
    .groupBy(projectServiceRecords.indicatorKey);
  // The call's own events (opening, closing) come first on every application's timeline.
  const callEvents = await db.select().from(projectEvents).where(and(eq(projectEvents.callId, app.callId), sql`${projectEvents.applicationId} is null`)).orderBy(asc(projectEvents.id));
  // An expert sees the panel's result only once they have given their own sheet.
  const hidden = as === 'expert' && !mine;
  return {
    ...summary!,
    ...(hidden ? { score: null, rank: null } : {}),
    plan: app.plan,
    budgetLines: app.budgetLines,
    criteria: call.criteria,
    scoreLines: hidden ? [] : lines,
    myReview: mine ? { conflict: mine.conflict, conflictNote: mine.conflictNote, scores: mine.scores } : null,
    contractNumber: app.contractNumber,
    milestones: milestones.map((m) => ({ id: m.id, seq: m.seq, title: m.title, dueOn: m.dueOn, status: m.status, report: m.report, decisionNote: m.decisionNote, decidedBy: m.decidedBy, decidedAt: m.decidedAt, deliverables: files.get(m.id) ?? [] })),
    tranches: tranches.map((t) => {
      const m = milestones.find((x) => x.id === t.milestoneId)!;
      return { id: t.id, seq: t.seq, milestoneSeq: m.seq, amountFen: t.amountFen, paidAt: t.paidAt, paidBy: t.paidBy, voucherNumber: t.voucherNumber, payable: isTranchePayable(m.status, t.paidAt) };
    }),
    indicators: app.indicators.map((i) => ({ ...i, achieved: achieved.find((a) => a.key === i.key)?.total ?? 0 })),
    serviceRecords: records.map((r) => ({ indicatorKey: r.indicatorKey, quantity: r.quantity, servedOn: r.servedOn, note: r.note, recordedBy: r.recordedBy })),
    siteVisits: visits.map((v) => ({ visitedOn: v.visitedOn, findings: v.findings, rating: v.rating, visitor: v.visitor })),
    evaluation: evaluation ? { evaluator: evaluation.evaluator, thirdPartyScore: evaluation.thirdPartyScore, surveyed: evaluation.surveyed, satisfied: evaluation.satisfied, conclusion: evaluation.conclusion, evaluatedAt: evaluation.evaluatedAt } : null,
    timeline: [...callEvents, ...events].map((e) => ({ at: e.at, actor: e.actor, kind: e.kind, summary: e.summary })),
  };
}
