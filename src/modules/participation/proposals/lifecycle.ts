// The proposal lifecycle as a table (Jinniu: 收集、分拣、审议、公开、落实、评估): which action
// takes a proposal from which status to which. Supports and evaluations keep the status but are
// allowed only in some: supports while it is still being decided, evaluations once it is done.
import { AppError } from '../../../platform/errors.ts';
import type { ProposalAction, ProposalAnswer, ProposalStatus } from '../contract.ts';

export const proposalTransitions = {
  submitted: { sort: 'sorted', merge: 'merged', support: 'submitted' },
  sorted: { open_review: 'in_review', merge: 'merged', support: 'sorted' },
  in_review: { accept: 'accepted', accept_in_part: 'partly_accepted', decline: 'not_accepted', support: 'in_review' },
  accepted: { start: 'implementing' },
  partly_accepted: { start: 'implementing' },
  not_accepted: {},
  implementing: { complete: 'completed' },
  completed: { evaluate: 'completed', close: 'closed' },
  closed: {},
  merged: {},
} as const satisfies Record<ProposalStatus, Partial<Record<ProposalAction, ProposalStatus>>>;

/** The action that gives an official answer. */
export const answerActions = { accepted: 'accept', partly_accepted: 'accept_in_part', not_accepted: 'decline' } as const satisfies Record<ProposalAnswer, ProposalAction>;

/** The status an action leads to, or undefined when the table refuses it. */
export function nextProposalStatus(from: ProposalStatus, action: ProposalAction): ProposalStatus | undefined {
  return (proposalTransitions[from] as Partial<Record<ProposalAction, ProposalStatus>>)[action];
}

/** The status an action leads to; PARTICIPATION_TRANSITION_REFUSED when the table refuses it. */
export function applyProposalAction(from: ProposalStatus, action: ProposalAction): ProposalStatus {
  const to = nextProposalStatus(from, action);
  if (!to) throw new AppError('PARTICIPATION_TRANSITION_REFUSED', { from, action });
  return to;
}

/** The actions the table allows from a status. */
export function proposalActionsFrom(from: ProposalStatus): ProposalAction[] {
  return Object.keys(proposalTransitions[from]) as ProposalAction[];
}

/** A reason is required unless the answer is a plain acceptance. */
export function needsReason(answer: ProposalAnswer): boolean {
  return answer !== 'accepted';
}

/** The mean of the reviewers' scores (each reviewer's three scores averaged, then the reviewers), to two places; null without scores. */
export function reviewMean(scores: readonly { feasibility: number; benefit: number; cost: number }[]): number | null {
  if (scores.length === 0) return null;
  const total = scores.reduce((sum, s) => sum + s.feasibility + s.benefit + s.cost, 0);
  return Math.round((total / (scores.length * 3)) * 100) / 100;
}

/** Progress in whole percent: the share of milestones done. */
export function progressOf(milestones: readonly { doneAt: unknown }[]): number {
  if (milestones.length === 0) return 0;
  return Math.floor((milestones.filter((m) => m.doneAt !== null).length * 100) / milestones.length);
}

/** The share satisfied and whether it meets the bar (integers compared, no float at the boundary). */
export function satisfactionOf(satisfied: number, count: number, bar = { num: 95, den: 100 }): { share: number | null; meetsBar: boolean | null } {
  if (count === 0) return { share: null, meetsBar: null };
  return { share: satisfied / count, meetsBar: satisfied * bar.den >= count * bar.num };
}
