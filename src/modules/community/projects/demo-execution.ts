// The demo's projects after review, written set-based: awards, milestones reported and accepted,
// tranches paid, services, a site visit and the final evaluation, with their timeline — a few
// statements instead of the use cases one by one (each of which re-reads the whole file). The
// use cases themselves are tested in projects.test.ts; the demo test checks what this leaves.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { projectApplications, projectCalls, projectEvaluations, projectEvents, projectMilestones, projectServiceRecords, projectSiteVisits, projectTranches } from '../schema/projects.ts';
import { satisfactionRate } from './contracting.ts';
import { yuan } from './common.ts';

interface Award {
  applicationId: string;
  amountFen: number;
  contractNumber: string;
  /** Per tranche: its milestone's seq, its amount, and the voucher when it is paid. */
  tranches: { milestoneSeq: number; amountFen: number; voucher?: string }[];
  /** How many milestones (from the first) were reported and accepted, with the reports. */
  accepted: { report: string; note: string }[];
  services: { indicatorKey: string; quantity: number; servedOn: string; note: string }[];
  visit?: { visitedOn: string; findings: string; rating: number };
  evaluation?: { evaluator: string; thirdPartyScore: number; surveyed: number; satisfied: number; conclusion: string };
}

type EventRow = typeof projectEvents.$inferInsert;

/** Writes the awards of one call and everything after them. */
export async function writeExecution(db: Db, callId: string, who: { staff: string; organisation: string }, awards: Award[]): Promise<void> {
  const ids = awards.map((a) => a.applicationId);
  const milestones = await db.select().from(projectMilestones).where(inArray(projectMilestones.applicationId, ids));
  const milestoneOf = (applicationId: string, seq: number) => milestones.find((m) => m.applicationId === applicationId && m.seq === seq)!;
  const now = Date.now();
  // Timeline rows a second apart, in the order the use cases would write them.
  const events: EventRow[] = [];
  const event = (applicationId: string, actor: string, kind: string, summary: string) => events.push({ callId, applicationId, actor, kind, summary, at: new Date(now + events.length * 1000) });
  const tranches: (typeof projectTranches.$inferInsert)[] = [];
  const services: (typeof projectServiceRecords.$inferInsert)[] = [];
  const visits: (typeof projectSiteVisits.$inferInsert)[] = [];
  const evaluations: (typeof projectEvaluations.$inferInsert)[] = [];
  const decided: { id: string; report: string; note: string }[] = [];
  for (const a of awards) {
    event(a.applicationId, who.staff, 'application.award', `立项并签订合同 ${a.contractNumber}：${yuan(a.amountFen)}，分 ${a.tranches.length} 期拨付`);
    a.accepted.forEach((m, i) => {
      const milestone = milestoneOf(a.applicationId, i + 1);
      decided.push({ id: milestone.id, ...m });
      event(a.applicationId, who.organisation, 'milestone.report', `提交里程碑 ${milestone.seq}“${milestone.title}”的成果`);
      event(a.applicationId, who.staff, 'milestone.accept', `里程碑 ${milestone.seq}“${milestone.title}”验收通过${m.note ? `：${m.note}` : ''}`);
    });
    a.tranches.forEach((t, i) => {
      tranches.push({ applicationId: a.applicationId, seq: i + 1, milestoneId: milestoneOf(a.applicationId, t.milestoneSeq).id, amountFen: t.amountFen, paidAt: t.voucher ? new Date(now) : null, paidBy: t.voucher ? who.staff : null, voucherNumber: t.voucher ?? null });
      if (t.voucher) event(a.applicationId, who.staff, 'tranche.pay', `拨付第 ${i + 1} 期 ${yuan(t.amountFen)}（凭证 ${t.voucher}）`);
    });
    services.push(...a.services.map((s) => ({ applicationId: a.applicationId, ...s, recordedBy: who.organisation })));
    if (a.visit) {
      visits.push({ applicationId: a.applicationId, ...a.visit, visitor: who.staff });
      event(a.applicationId, who.staff, 'visit', `实地督导（${a.visit.visitedOn}），评价 ${a.visit.rating} 星`);
    }
    if (a.evaluation) {
      evaluations.push({ applicationId: a.applicationId, ...a.evaluation, evaluatedBy: who.staff });
      event(a.applicationId, who.staff, 'evaluation', `结项评估：第三方 ${a.evaluation.evaluator} 评分 ${a.evaluation.thirdPartyScore}，居民满意度 ${satisfactionRate(a.evaluation.satisfied, a.evaluation.surveyed)}%`);
    }
  }
  const decidedAt = new Date(now);
  await db.transaction(async (tx) => {
    for (const a of awards) {
      await tx.update(projectApplications).set({ status: a.evaluation ? 'completed' : 'awarded', awardedFen: a.amountFen, contractNumber: a.contractNumber }).where(eq(projectApplications.id, a.applicationId));
    }
    for (const m of decided) await tx.update(projectMilestones).set({ status: 'accepted', report: m.report, decisionNote: m.note, decidedBy: who.staff, decidedAt }).where(eq(projectMilestones.id, m.id));
    await tx.update(projectCalls).set({ status: 'awarded' }).where(eq(projectCalls.id, callId));
    if (tranches.length) await tx.insert(projectTranches).values(tranches);
    if (services.length) await tx.insert(projectServiceRecords).values(services);
    if (visits.length) await tx.insert(projectSiteVisits).values(visits);
    if (evaluations.length) await tx.insert(projectEvaluations).values(evaluations);
    await tx.insert(projectEvents).values(events);
  });
}
