// After review: award and contract (amount, tranches per milestone), execution (milestone
// reports and their acceptance, service records counted against indicators, site visits),
// the final evaluation, and payment of a tranche once its milestone is accepted.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { shownName, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ApplicationDetail, AwardBody, EvaluationBody, ProjectServiceRecordBody } from '../contract/projects.ts';
import { projectApplications, projectCalls, projectEvaluations, projectMilestones, projectServiceRecords, projectSiteVisits, projectTranches } from '../schema/projects.ts';
import { getApplication } from './applications.ts';
import { addEvent, assertStanding, invalid, loadApplication, loadCall, yuan } from './common.ts';
import { awardProblems, isTranchePayable, satisfactionRate } from './contracting.ts';

/** Awards a contract to an application of a call in review: amount and tranches tied to its milestones. */
export async function awardApplication(db: Db, actor: Actor, id: string, body: AwardBody): Promise<ApplicationDetail> {
  const app = await loadApplication(db, id);
  await assertStanding(db, actor, app, 'staff');
  const call = await loadCall(db, app.callId);
  if (!['reviewing', 'awarded'].includes(call.status) || app.status !== 'submitted') throw new AppError('CONFLICT', { reason: '只能在评审后对未立项的申报立项 / award a submitted application after review' });
  await db.transaction(async (tx) => {
    // Lock the call so two awards cannot together exceed its budget.
    await tx.select({ id: projectCalls.id }).from(projectCalls).where(eq(projectCalls.id, call.id)).for('update');
    const [{ awarded }] = (await tx.select({ awarded: sql<number>`coalesce(sum(${projectApplications.awardedFen}), 0)::bigint` }).from(projectApplications).where(eq(projectApplications.callId, call.id))) as [{ awarded: number }];
    const milestones = await tx.select().from(projectMilestones).where(eq(projectMilestones.applicationId, id));
    const problems = awardProblems(body, milestones.map((m) => m.seq), call.budgetFen - Number(awarded));
    if (problems.length) throw invalid(problems);
    await tx.update(projectApplications).set({ status: 'awarded', awardedFen: body.amountFen, contractNumber: body.contractNumber }).where(eq(projectApplications.id, id));
    await tx.insert(projectTranches).values(body.tranches.map((t, i) => ({ applicationId: id, seq: i + 1, milestoneId: milestones.find((m) => m.seq === t.milestoneSeq)!.id, amountFen: t.amountFen })));
    await tx.update(projectCalls).set({ status: 'awarded' }).where(eq(projectCalls.id, call.id));
    await addEvent(tx, actor, { callId: call.id, applicationId: id, kind: 'application.award', summary: `立项并签订合同 ${body.contractNumber}：${yuan(body.amountFen)}，分 ${body.tranches.length} 期拨付` });
    await recordAudit(tx, actor, { action: 'community.project_application.award', targetType: 'project_application', targetId: id, orgPath: app.orgPath, details: { amountFen: body.amountFen } });
  });
  return getApplication(db, actor, id, 'staff');
}

async function loadMilestone(db: Db, id: string) {
  const [m] = await db.select().from(projectMilestones).where(eq(projectMilestones.id, id));
  if (!m) throw new AppError('NOT_FOUND', { what: `里程碑 ${id}` });
  return { milestone: m, app: await loadApplication(db, m.applicationId) };
}

function assertAwarded(status: string): void {
  if (status !== 'awarded') throw new AppError('CONFLICT', { reason: '项目未立项或已结项 / the project is not under way' });
}

/** The organisation reports a milestone reached (its deliverables described); staff then accept or reject it. */
export async function reportMilestone(db: Db, actor: Actor, milestoneId: string, report: string): Promise<ApplicationDetail> {
  const { milestone, app } = await loadMilestone(db, milestoneId);
  await assertStanding(db, actor, app, 'organisation');
  assertAwarded(app.status);
  if (milestone.status === 'accepted') throw new AppError('CONFLICT', { reason: '里程碑已验收 / already accepted' });
  await db.transaction(async (tx) => {
    await tx.update(projectMilestones).set({ status: 'submitted', report }).where(eq(projectMilestones.id, milestoneId));
    await addEvent(tx, actor, { callId: app.callId, applicationId: app.id, kind: 'milestone.report', summary: `提交里程碑 ${milestone.seq}“${milestone.title}”的成果` });
    await recordAudit(tx, actor, { action: 'community.project_milestone.report', targetType: 'project_milestone', targetId: milestoneId, orgPath: app.orgPath });
  });
  return getApplication(db, actor, app.id, 'organisation');
}

/** Staff accept or reject a reported milestone. */
export async function decideMilestone(db: Db, actor: Actor, milestoneId: string, body: { accept: boolean; note: string }): Promise<ApplicationDetail> {
  const { milestone, app } = await loadMilestone(db, milestoneId);
  await assertStanding(db, actor, app, 'staff');
  assertAwarded(app.status);
  if (milestone.status !== 'submitted') throw new AppError('CONFLICT', { reason: '里程碑尚未提交成果或已验收 / nothing reported to decide' });
  await db.transaction(async (tx) => {
    await tx.update(projectMilestones).set({ status: body.accept ? 'accepted' : 'rejected', decisionNote: body.note, decidedBy: shownName(actor), decidedAt: new Date() }).where(eq(projectMilestones.id, milestoneId));
    await addEvent(tx, actor, { callId: app.callId, applicationId: app.id, kind: body.accept ? 'milestone.accept' : 'milestone.reject', summary: `里程碑 ${milestone.seq}“${milestone.title}”${body.accept ? '验收通过' : '验收未通过'}${body.note ? `：${body.note}` : ''}` });
    await recordAudit(tx, actor, { action: 'community.project_milestone.decide', targetType: 'project_milestone', targetId: milestoneId, orgPath: app.orgPath, details: { accept: body.accept } });
  });
  return getApplication(db, actor, app.id, 'staff');
}

/** Pays a tranche: only once its milestone is accepted, and once (a concurrent second payment finds it paid). */
export async function payTranche(db: Db, actor: Actor, trancheId: string, voucherNumber: string): Promise<ApplicationDetail> {
  const [tranche] = await db.select().from(projectTranches).where(eq(projectTranches.id, trancheId));
  if (!tranche) throw new AppError('NOT_FOUND', { what: `拨付 ${trancheId}` });
  const app = await loadApplication(db, tranche.applicationId);
  await assertStanding(db, actor, app, 'staff');
  const [milestone] = await db.select().from(projectMilestones).where(eq(projectMilestones.id, tranche.milestoneId));
  if (!isTranchePayable(milestone!.status, tranche.paidAt)) {
    if (tranche.paidAt) throw new AppError('CONFLICT', { reason: '该期已拨付 / already paid' });
    throw new AppError('COMMUNITY_MILESTONE_NOT_ACCEPTED', { seq: milestone!.seq });
  }
  await db.transaction(async (tx) => {
    const paid = await tx
      .update(projectTranches)
      .set({ paidAt: new Date(), paidBy: shownName(actor), voucherNumber })
      .where(and(eq(projectTranches.id, trancheId), isNull(projectTranches.paidAt)))
      .returning({ id: projectTranches.id });
    if (paid.length === 0) throw new AppError('CONFLICT', { reason: '该期已拨付 / already paid' });
    await addEvent(tx, actor, { callId: app.callId, applicationId: app.id, kind: 'tranche.pay', summary: `拨付第 ${tranche.seq} 期 ${yuan(tranche.amountFen)}（凭证 ${voucherNumber}）` });
    await recordAudit(tx, actor, { action: 'community.project_tranche.pay', targetType: 'project_tranche', targetId: trancheId, orgPath: app.orgPath, details: { amountFen: tranche.amountFen } });
  });
  return getApplication(db, actor, app.id, 'staff');
}

/** The organisation records services delivered, counted against one of the project's indicators. */
export async function addServiceRecord(db: Db, actor: Actor, id: string, body: ProjectServiceRecordBody): Promise<ApplicationDetail> {
  const app = await loadApplication(db, id);
  await assertStanding(db, actor, app, 'organisation');
  assertAwarded(app.status);
  if (!app.indicators.some((i) => i.key === body.indicatorKey)) throw invalid([{ field: 'body.indicatorKey', message: '项目没有这项指标 / no such projectIndicator' }]);
  await db.transaction(async (tx) => {
    await tx.insert(projectServiceRecords).values({ applicationId: id, ...body, recordedBy: shownName(actor) });
    await recordAudit(tx, actor, { action: 'community.project_service.record', targetType: 'project_application', targetId: id, orgPath: app.orgPath, details: { indicatorKey: body.indicatorKey, quantity: body.quantity } });
  });
  return getApplication(db, actor, id, 'organisation');
}

/** Staff record a site visit (执行监管). */
export async function addSiteVisit(db: Db, actor: Actor, id: string, body: { visitedOn: string; findings: string; rating: number }): Promise<ApplicationDetail> {
  const app = await loadApplication(db, id);
  await assertStanding(db, actor, app, 'staff');
  assertAwarded(app.status);
  await db.transaction(async (tx) => {
    await tx.insert(projectSiteVisits).values({ applicationId: id, ...body, visitor: shownName(actor) });
    await addEvent(tx, actor, { callId: app.callId, applicationId: id, kind: 'visit', summary: `实地督导（${body.visitedOn}），评价 ${body.rating} 星` });
    await recordAudit(tx, actor, { action: 'community.project_visit.record', targetType: 'project_application', targetId: id, orgPath: app.orgPath });
  });
  return getApplication(db, actor, id, 'staff');
}

/** The final evaluation (结项评估): a third party's score and the residents' satisfaction; the project is then completed. */
export async function evaluateProject(db: Db, actor: Actor, id: string, body: EvaluationBody): Promise<ApplicationDetail> {
  const app = await loadApplication(db, id);
  await assertStanding(db, actor, app, 'staff');
  assertAwarded(app.status);
  await db.transaction(async (tx) => {
    await tx.insert(projectEvaluations).values({ applicationId: id, ...body, evaluatedBy: shownName(actor) });
    await tx.update(projectApplications).set({ status: 'completed' }).where(eq(projectApplications.id, id));
    await addEvent(tx, actor, { callId: app.callId, applicationId: id, kind: 'evaluation', summary: `结项评估：第三方 ${body.evaluator} 评分 ${body.thirdPartyScore}，居民满意度 ${satisfactionRate(body.satisfied, body.surveyed)}%` });
    await recordAudit(tx, actor, { action: 'community.project_application.evaluate', targetType: 'project_application', targetId: id, orgPath: app.orgPath, details: { thirdPartyScore: body.thirdPartyScore } });
  });
  return getApplication(db, actor, id, 'staff');
}

