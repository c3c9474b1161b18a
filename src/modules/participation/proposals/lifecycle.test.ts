import { describe, expect, it } from 'vitest';
import { proposalActions, proposalStatuses, type ProposalAction, type ProposalStatus } from '../contract.ts';
import { applyProposalAction, needsReason, nextProposalStatus, progressOf, reviewMean, satisfactionOf } from './lifecycle.ts';

const allowed: [ProposalStatus, ProposalAction, ProposalStatus][] = [
  ['submitted', 'sort', 'sorted'],
  ['submitted', 'merge', 'merged'],
  ['submitted', 'support', 'submitted'],
  ['sorted', 'open_review', 'in_review'],
  ['sorted', 'merge', 'merged'],
  ['sorted', 'support', 'sorted'],
  ['in_review', 'accept', 'accepted'],
  ['in_review', 'accept_in_part', 'partly_accepted'],
  ['in_review', 'decline', 'not_accepted'],
  ['in_review', 'support', 'in_review'],
  ['accepted', 'start', 'implementing'],
  ['partly_accepted', 'start', 'implementing'],
  ['implementing', 'complete', 'completed'],
  ['completed', 'evaluate', 'completed'],
  ['completed', 'close', 'closed'],
];

describe('proposal lifecycle', () => {
  it.each(allowed)('from %s, %s leads to %s', (from, action, to) => {
    expect(applyProposalAction(from, action)).toBe(to);
  });

  const refused = proposalStatuses.flatMap((from) => proposalActions.filter((action) => !allowed.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const));
  it.each(refused)('from %s, %s is refused', (from, action) => {
    expect(nextProposalStatus(from, action)).toBeUndefined();
    expect(() => applyProposalAction(from, action)).toThrow(expect.objectContaining({ code: 'PARTICIPATION_TRANSITION_REFUSED' }));
  });

  it('refuses answering before review, starting a declined proposal, evaluating before completion and supporting after the answer', () => {
    expect(nextProposalStatus('sorted', 'accept')).toBeUndefined();
    expect(nextProposalStatus('not_accepted', 'start')).toBeUndefined();
    expect(nextProposalStatus('implementing', 'evaluate')).toBeUndefined();
    expect(nextProposalStatus('accepted', 'support')).toBeUndefined();
  });

  it('asks a reason for every answer but a plain acceptance', () => {
    expect(needsReason('accepted')).toBe(false);
    expect(needsReason('partly_accepted')).toBe(true);
    expect(needsReason('not_accepted')).toBe(true);
  });

  it('averages the reviewers and counts milestones done', () => {
    expect(reviewMean([])).toBeNull();
    expect(reviewMean([{ feasibility: 8, benefit: 9, cost: 7 }, { feasibility: 6, benefit: 6, cost: 6 }])).toBe(7);
    expect(reviewMean([{ feasibility: 7, benefit: 7, cost: 8 }])).toBe(7.33);
    expect(progressOf([{ doneAt: 'x' }, { doneAt: null }, { doneAt: null }])).toBe(33);
    expect(progressOf([])).toBe(0);
  });

  it('meets the 95 % bar at exactly 95 %, not just below', () => {
    expect(satisfactionOf(19, 20).meetsBar).toBe(true);
    expect(satisfactionOf(94, 99).meetsBar).toBe(false);
    expect(satisfactionOf(95, 100)).toEqual({ share: 0.95, meetsBar: true });
    expect(satisfactionOf(0, 0)).toEqual({ share: null, meetsBar: null });
  });
});
