import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rectificationActions, rectificationStatuses } from '../contract/ratings.ts';
import { dimensionProblems, isBadRating, isRectificationOverdue, nextRectificationStatus, satisfactionRate } from './rules.ts';

describe('好差评 rules', () => {
  it('counts 不满意 and 非常不满意 as bad, nothing else', () => {
    expect([5, 4, 3, 2, 1].map(isBadRating)).toEqual([false, false, false, true, true]);
  });

  it('asks every dimension of the channel and refuses another channel’s', () => {
    expect(dimensionProblems('counter', { service_efficiency: 5, service_level: 4, service_attitude: 5 })).toEqual([]);
    expect(dimensionProblems('counter', { service_efficiency: 5, service_level: 4 })).toEqual(['service_attitude: 未评价 / not rated']);
    expect(dimensionProblems('online', { efficiency: 5, guide_accuracy: 5, convenience: 5, operability: 5, service_level: 3 })).toHaveLength(1);
  });

  it('rates satisfaction as the share of 基本满意 and better', () => {
    expect(satisfactionRate({})).toBeNull();
    expect(satisfactionRate({ '5': 6, '3': 1, '2': 2, '1': 1 })).toBe(0.7);
  });

  it('moves a record through callback and rectification, and back after a rejected appeal', () => {
    expect(nextRectificationStatus('callback', { status: 'awaiting_callback', calledBack: false })).toBe('rectifying');
    expect(nextRectificationStatus('rectify', { status: 'awaiting_callback', calledBack: false })).toBeNull();
    expect(nextRectificationStatus('rectify', { status: 'rectifying', calledBack: true })).toBe('rectified');
    expect(nextRectificationStatus('reject_appeal', { status: 'appealed', calledBack: true })).toBe('rectifying');
    expect(nextRectificationStatus('reject_appeal', { status: 'appealed', calledBack: false })).toBe('awaiting_callback');
    expect(nextRectificationStatus('uphold_appeal', { status: 'appealed', calledBack: false })).toBe('voided');
  });

  it('never leaves a finished record', () => {
    fc.assert(
      fc.property(fc.constantFrom(...rectificationActions), fc.constantFrom('rectified' as const, 'voided' as const), fc.boolean(), (action, status, calledBack) => {
        expect(nextRectificationStatus(action, { status, calledBack })).toBeNull();
      }),
    );
    for (const status of rectificationStatuses) expect(isRectificationOverdue({ status, deadline: new Date(0) }, new Date(1))).toBe(['awaiting_callback', 'rectifying', 'appealed'].includes(status));
  });
});
