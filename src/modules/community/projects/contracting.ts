// Award, contract and payment rules (pure): tranches split the awarded amount and follow
// the milestones; a tranche is paid only once its milestone is accepted, and only once.
import type { MilestoneStatus } from '../contract/projects.ts';

type Problem = { field: string; message: string };

/** Problems with an award: the tranches must sum to the amount, name real milestones, one tranche each. */
export function awardProblems(
  award: { amountFen: number; tranches: readonly { milestoneSeq: number; amountFen: number }[] },
  milestoneSeqs: readonly number[],
  remainingBudgetFen: number,
): Problem[] {
  const problems: Problem[] = [];
  if (award.amountFen > remainingBudgetFen) problems.push({ field: 'body.amountFen', message: `超出项目资金余额 ${remainingBudgetFen} 分 / exceeds the call's remaining budget` });
  const sum = award.tranches.reduce((s, t) => s + t.amountFen, 0);
  if (sum !== award.amountFen) problems.push({ field: 'body.tranches', message: `各期金额合计 ${sum} 分，应等于合同金额 ${award.amountFen} 分 / tranches must sum to the amount` });
  const seen = new Set<number>();
  award.tranches.forEach((t, i) => {
    if (!milestoneSeqs.includes(t.milestoneSeq)) problems.push({ field: `body.tranches.${i}.milestoneSeq`, message: '没有这个里程碑 / no such milestone' });
    if (seen.has(t.milestoneSeq)) problems.push({ field: `body.tranches.${i}.milestoneSeq`, message: '每个里程碑只对应一期拨付 / one tranche per milestone' });
    seen.add(t.milestoneSeq);
  });
  return problems;
}

/** Whether a tranche may be paid now. */
export function isTranchePayable(milestone: MilestoneStatus, paidAt: Date | null): boolean {
  return milestone === 'accepted' && paidAt === null;
}

/** Residents' satisfaction as a percentage with one decimal. */
export function satisfactionRate(satisfied: number, surveyed: number): number {
  return surveyed === 0 ? 0 : Math.round((satisfied * 1000) / surveyed) / 10;
}
