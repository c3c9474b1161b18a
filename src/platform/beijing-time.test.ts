import { describe, expect, it } from 'vitest';
import { beijingDate, beijingMinute, beijingYear } from './beijing-time.ts';

describe('Beijing time', () => {
  it('turns the year, the day and the minute at Beijing midnight, not at UTC midnight', () => {
    const newYearInBeijing = new Date('2026-12-31T16:00:00Z');
    const lastMinuteBefore = new Date('2026-12-31T15:59:00Z');
    expect(beijingYear(newYearInBeijing)).toBe(2027);
    expect(beijingYear(lastMinuteBefore)).toBe(2026);
    expect(beijingDate(newYearInBeijing)).toBe('2027-01-01');
    expect(beijingMinute(lastMinuteBefore)).toBe('2026-12-31 23:59');
  });

  it('gives an empty text for no instant', () => {
    expect(beijingDate(null)).toBe('');
    expect(beijingMinute(null)).toBe('');
  });
});
