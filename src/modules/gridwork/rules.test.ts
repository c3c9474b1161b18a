// The duty rule table and the record's scoring, row by row.
import { describe, expect, it } from 'vitest';
import { createDutyRuleBody } from './contract.ts';
import { defaultDutyRules, ruleProblems, scoreRecord, visitDueOn } from './rules.ts';
import { markOf } from './use-cases/attendance.ts';
import { weekStartOf } from './use-cases/common.ts';

describe('the default table', () => {
  it('has the three lists, each row valid against the contract and complete for its kind', () => {
    const count = (k: string) => defaultDutyRules.filter((r) => r.kind === k).length;
    expect([count('visit'), count('attend'), count('report')]).toEqual([7, 6, 9]);
    for (const r of defaultDutyRules) {
      expect(createDutyRuleBody.safeParse({ ...r, district: '110108' }).success).toBe(true);
      expect(ruleProblems(r.kind, r)).toEqual([]);
    }
  });

  it('names the missing fields of a rule by kind', () => {
    expect(ruleProblems('report', { keyGroupKinds: [], everyDays: null, categories: [], hoursAllowed: null }).map((p) => p.field)).toEqual(['body.categories', 'body.hoursAllowed']);
    expect(ruleProblems('attend', { keyGroupKinds: [], everyDays: null, categories: [], hoursAllowed: null })).toEqual([]);
  });
});

describe('visit due dates', () => {
  it.each([
    [null, 7, '2026-11-30', '2026-11-30'],
    ['2026-11-20', 7, '2026-11-30', '2026-11-27'],
    ['2026-11-25', 30, '2026-11-30', '2026-12-25'],
  ])('last visit %s, every %i days, week of %s → due %s', (last, every, week, due) => {
    expect(visitDueOn(last, every, week)).toBe(due);
  });

  it('starts weeks on Monday', () => {
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30');
    expect(weekStartOf('2026-12-06')).toBe('2026-11-30');
    expect(weekStartOf('2026-12-07')).toBe('2026-12-07');
  });
});

describe('the attendance sheet', () => {
  const at = new Date();
  it.each([
    ['2026-11-24', { checkInAt: at, checkOutAt: at }, false, 'present'],
    ['2026-11-24', { checkInAt: at, checkOutAt: null }, false, 'incomplete'],
    ['2026-11-24', undefined, true, 'leave'],
    ['2026-11-24', undefined, false, 'absent'],
    ['2026-11-28', undefined, false, 'rest'],
    ['2026-12-24', undefined, false, null],
  ] as const)('reads %s as %s', (day, row, onLeave, mark) => {
    expect(markOf(day, row, onLeave, '2026-11-30')).toBe(mark);
  });
});

describe('the record score', () => {
  it('rewards valid cases and timely visits and costs overdue items', () => {
    const base = { patrols: 10, distanceMeters: 20_000, coverage: 0.5, casesValid: 5, visitsOnTime: 8, dutyOverdue: 0, attendanceDays: 20 };
    expect(scoreRecord(base)).toBe(10 + 20 + 2.5 + 15 + 24 + 20);
    expect(scoreRecord({ ...base, dutyOverdue: 2 })).toBe(scoreRecord(base) - 6);
  });
});
