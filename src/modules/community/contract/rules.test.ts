import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from './credit-code.ts';
import { hoursToNextStar, starLevel, validStarThresholds } from './stars.ts';
import { creditedMinutes } from '../volunteers/hours.ts';

describe('unified social credit code (GB 32100)', () => {
  it('accepts real codes: the standard example, a company, a foundation', () => {
    for (const code of ['91350100M000100Y43', '91110000802100433B', '53100000500021676K', '911100001000128552']) expect(isValidCreditCode(code), code).toBe(true);
  });

  it('computes the check character, 0 when the sum is a multiple of 31', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('91110000100012855')).toBe('2');
    // Find a prefix whose weighted sum is ≡ 0 (mod 31) by varying the last character.
    const zero = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').map((c) => `9135010000000000${c}`).find((p) => creditCodeCheckChar(p) === '0');
    expect(zero).toBeDefined();
  });

  it('names what is wrong: length, a character outside the alphabet, the check character with the one expected', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toEqual({ problem: 'length' });
    expect(creditCodeProblem('91350100M000100Y4O')).toEqual({ problem: 'character' });
    expect(creditCodeProblem('91350100I000100Y43')).toEqual({ problem: 'character' });
    expect(creditCodeProblem('91350100M000100Y44')).toEqual({ problem: 'check', expected: '3' });
    expect(creditCodeProblem('51110000500000513W')).toEqual({ problem: 'check', expected: '2' });
  });
});

describe('star levels by cumulative hours', () => {
  it('reaches a star exactly at its threshold, not a minute before', () => {
    expect(starLevel(0)).toBe(0);
    expect(starLevel(100 * 60 - 1)).toBe(0);
    expect(starLevel(100 * 60)).toBe(1);
    expect(starLevel(300 * 60 - 1)).toBe(1);
    expect(starLevel(300 * 60)).toBe(2);
    expect(starLevel(600 * 60)).toBe(3);
    expect(starLevel(1000 * 60 - 1)).toBe(3);
    expect(starLevel(1000 * 60)).toBe(4);
    expect(starLevel(1500 * 60 - 1)).toBe(4);
    expect(starLevel(1500 * 60)).toBe(5);
    expect(starLevel(9000 * 60)).toBe(5);
  });

  it('follows configured thresholds and says the hours to the next star', () => {
    expect(starLevel(50 * 60, [50, 100, 150, 200, 250])).toBe(1);
    expect(hoursToNextStar(99 * 60 + 1)).toBe(1);
    expect(hoursToNextStar(1500 * 60)).toBeNull();
    expect(validStarThresholds([100, 300, 600, 1000, 1500])).toBe(true);
    expect(validStarThresholds([100, 100, 600, 1000, 1500])).toBe(false);
    expect(validStarThresholds([100, 300, 600, 1000])).toBe(false);
  });
});

describe('credited minutes of an attendance', () => {
  const activity = { startsAt: new Date('2026-11-28T01:00:00Z'), endsAt: new Date('2026-11-28T04:00:00Z') };
  const at = (hhmm: string) => new Date(`2026-11-28T${hhmm}:00Z`);
  it('credits the scheduled time within the grace of start and end', () => {
    expect(creditedMinutes(activity, at('01:30'), at('03:30'))).toBe(180);
    expect(creditedMinutes(activity, at('00:40'), at('04:20'))).toBe(180);
  });
  it('credits only the time present when later or earlier than the grace', () => {
    expect(creditedMinutes(activity, at('01:31'), at('04:00'))).toBe(149);
    expect(creditedMinutes(activity, at('01:00'), at('02:00'))).toBe(60);
    expect(creditedMinutes(activity, at('05:00'), at('06:00'))).toBe(0);
    expect(creditedMinutes(activity, at('02:00'), at('02:00'))).toBe(0);
  });
});
