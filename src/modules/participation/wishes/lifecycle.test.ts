import { describe, expect, it } from 'vitest';
import { wishActions, wishStatuses, type WishAction, type WishStatus } from '../contract.ts';
import { applyWishAction, nextWishStatus } from './lifecycle.ts';

const allowed: [WishStatus, WishAction, WishStatus][] = [
  ['open', 'claim', 'claimed'],
  ['open', 'withdraw', 'withdrawn'],
  ['claimed', 'fulfil', 'fulfilled'],
  ['claimed', 'release', 'open'],
  ['fulfilled', 'thank', 'thanked'],
];

describe('micro-wish lifecycle', () => {
  it.each(allowed)('from %s, %s leads to %s', (from, action, to) => {
    expect(applyWishAction(from, action)).toBe(to);
  });

  const refused = wishStatuses.flatMap((from) => wishActions.filter((action) => !allowed.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const));
  it.each(refused)('from %s, %s is refused', (from, action) => {
    expect(nextWishStatus(from, action)).toBeUndefined();
    expect(() => applyWishAction(from, action)).toThrow(expect.objectContaining({ code: 'PARTICIPATION_TRANSITION_REFUSED' }));
  });

  it('refuses fulfilling a wish nobody claimed, thanking before fulfilment, and a second claim', () => {
    expect(nextWishStatus('open', 'fulfil')).toBeUndefined();
    expect(nextWishStatus('claimed', 'thank')).toBeUndefined();
    expect(nextWishStatus('claimed', 'claim')).toBeUndefined();
  });
});
