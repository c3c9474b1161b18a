// The budget's rules, pure: a household's choice must fit the amount; winners are taken by votes
// (then the cheaper, then the title) while they fit what remains. Money in fen, integers only.
import type { BudgetAction, BudgetStatus } from './contract.ts';

export const budgetTransitions = {
  collecting: { review: 'reviewing' },
  reviewing: { open_voting: 'voting' },
  voting: { decide: 'decided' },
  decided: {},
} as const satisfies Record<BudgetStatus, Partial<Record<BudgetAction, BudgetStatus>>>;

export function nextBudgetStatus(status: BudgetStatus, action: BudgetAction): BudgetStatus | null {
  const row: Partial<Record<BudgetAction, BudgetStatus>> = budgetTransitions[status];
  return row[action] ?? null;
}

/** The total of a choice and whether it fits the amount (equal to it fits). */
export function checkChoice(amountFen: number, costsFen: readonly number[]): { totalFen: number; fits: boolean } {
  const totalFen = costsFen.reduce((s, c) => s + c, 0);
  return { totalFen, fits: totalFen <= amountFen };
}

export interface Candidate {
  id: string;
  title: string;
  costFen: number;
  votes: number;
}

/** The winning projects within the amount: by votes, then cost, then title; one that no longer fits is passed over. */
export function pickWinners(amountFen: number, candidates: readonly Candidate[]): { winners: string[]; spentFen: number } {
  const ranked = [...candidates].filter((c) => c.votes > 0).sort((a, b) => b.votes - a.votes || a.costFen - b.costFen || a.title.localeCompare(b.title, 'zh-CN'));
  const winners: string[] = [];
  let spentFen = 0;
  for (const c of ranked) {
    if (spentFen + c.costFen <= amountFen) {
      winners.push(c.id);
      spentFen += c.costFen;
    }
  }
  return { winners, spentFen };
}
