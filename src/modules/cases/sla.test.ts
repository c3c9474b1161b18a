import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createCalendar } from '../../platform/calendar.ts';
import { chineseHolidays } from '../../platform/calendar-cn.ts';
import {
  assertStageTimeLimit,
  computeSla,
  computeStageSla,
  type SlaLevel,
  type SlaPolicy,
  type StageFacts,
  type StageTimeLimit,
  type WorkingTimeAmount,
} from './sla.ts';

const calendar = createCalendar(chineseHolidays, {
  timeZone: 'Asia/Shanghai',
  workingHours: [
    ['09:00', '12:00'],
    ['13:30', '17:30'],
  ],
});
const HOUR = 3_600_000;

/** Beijing wall-clock time "YYYY-MM-DD HH:MM" as an instant. */
function bj(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}:00+08:00`);
}

/** The instant as Beijing wall-clock time, or null. */
function show(date: Date | null): string | null {
  return date && new Date(date.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

const hours = (amount: number): WorkingTimeAmount => ({ unit: 'working_hours', amount });
const days = (amount: number): WorkingTimeAmount => ({ unit: 'working_days', amount });

// 受理 within 8 working hours; 处置 within 3 working days; 核查 within 1 working day.
const policy: SlaPolicy = {
  accept: { limit: hours(8), yellowAt: 0.8, redAt: 1 },
  handle: { limit: days(3), yellowAt: 0.8, redAt: 1 },
  verify: { limit: days(1), yellowAt: 0.5, redAt: 1 },
};

function facts(startedAt: string, more: Partial<StageFacts> = {}): StageFacts {
  return { startedAt: bj(startedAt), suspensions: [], extensions: [], ...more };
}

function suspension(start: string, end: string | null) {
  return { start: bj(start), end: end === null ? null : bj(end) };
}

describe('deadlines across 春节 2026', () => {
  it('counts an hour limit into the make-up Saturday', () => {
    // Fri 15:00–17:30 is 2.5 h; Sat 2/14 is a working day: 3 h in the morning, 2.5 h after lunch
    const sla = computeSla(policy, 'accept', calendar, facts('2026-02-13 15:00'));
    expect(show(sla.deadline)).toBe('2026-02-14 16:00');
    expect(show(sla.warnAt)).toBe('2026-02-14 14:24'); // 6.4 h
    expect(sla.limitMillis).toBe(8 * HOUR);
  });

  it('counts a day limit over the holiday and both make-up Saturdays', () => {
    // Thu 2/12 start; working days after it: Fri 2/13, Sat 2/14, (2/15–2/23 off), Tue 2/24
    const sla = computeSla(policy, 'handle', calendar, facts('2026-02-12 10:00'));
    expect(show(sla.deadline)).toBe('2026-02-24 17:30');
    expect(sla.limitMillis).toBe(27 * HOUR); // 6 h on Thursday + 3 × 7 h
    expect(show(sla.warnAt)).toBe('2026-02-24 10:36'); // 21.6 h: 20 h by Saturday night, 1.6 h on Tuesday
  });

  it('gives a stage started on the eve of the holiday its time after the holiday', () => {
    const sla = computeSla(policy, 'verify', calendar, facts('2026-02-14 17:00'));
    expect(show(sla.deadline)).toBe('2026-02-24 17:30');
  });
});

describe('levels and overdue', () => {
  const sla = computeSla(policy, 'accept', calendar, facts('2026-02-13 15:00'));

  it.each<[string, SlaLevel, boolean]>([
    ['2026-02-13 15:00', 'normal', false],
    ['2026-02-14 14:23', 'normal', false],
    ['2026-02-14 14:24', 'yellow', false],
    ['2026-02-14 16:00', 'yellow', false], // done at the deadline is on time
    ['2026-02-14 16:01', 'red', true],
    ['2026-02-20 10:00', 'red', true], // still overdue during the holiday
  ])('at %s the level is %s and overdue is %s', (now, level, overdue) => {
    expect(sla.level(bj(now))).toBe(level);
    expect(sla.isOverdue(bj(now))).toBe(overdue);
  });

  it('is overdue one millisecond after the deadline', () => {
    expect(sla.isOverdue(sla.deadline!)).toBe(false);
    expect(sla.isOverdue(new Date(sla.deadline!.getTime() + 1))).toBe(true);
  });

  it('turns red later than the deadline when red is set beyond the limit', () => {
    const late = computeStageSla({ limit: hours(10), yellowAt: 0.8, redAt: 1.4 }, calendar, facts('2026-03-02 09:00'));
    expect(show(late.deadline)).toBe('2026-03-03 12:00'); // 7 h + 3 h
    expect(show(late.redAt)).toBe('2026-03-03 17:30'); // 14 h
    expect(late.level(bj('2026-03-03 15:00'))).toBe('yellow');
    expect(late.isOverdue(bj('2026-03-03 15:00'))).toBe(true);
    expect(late.level(bj('2026-03-04 09:00'))).toBe('red');
  });
});

describe('suspension stops the clock', () => {
  it('moves the deadline by the suspended working time', () => {
    // suspended all of Friday 2/13: 7 working hours
    const sla = computeSla(policy, 'handle', calendar, facts('2026-02-12 10:00', { suspensions: [suspension('2026-02-13 09:00', '2026-02-13 17:30')] }));
    expect(show(sla.deadline)).toBe('2026-02-25 17:30');
  });

  it('counts only working time of a suspension that spans the holiday', () => {
    // Sat 2/14 13:30–17:30 (4 h) and Tue 2/24 09:00–12:00 (3 h) are the working time inside it
    const sla = computeSla(policy, 'handle', calendar, facts('2026-02-12 10:00', { suspensions: [suspension('2026-02-14 12:00', '2026-02-24 12:00')] }));
    expect(show(sla.deadline)).toBe('2026-02-25 17:30');
    expect(sla.elapsedMillis(bj('2026-02-24 12:00'))).toBe(16 * HOUR); // frozen at Saturday noon
  });

  it('moves an hour limit across lunch and the night', () => {
    // 2 h limit from Mon 11:00 would end 14:30; suspended 11:30–16:30 (3.5 working hours)
    const sla = computeStageSla({ limit: hours(2), yellowAt: 0.8, redAt: 1 }, calendar, facts('2026-03-02 11:00', {
      suspensions: [suspension('2026-03-02 11:30', '2026-03-02 16:30')],
    }));
    expect(show(sla.deadline)).toBe('2026-03-03 09:30'); // 0.5 h before, 1 h to 17:30, 0.5 h next morning
  });

  it('holds the deadline open while the case is still suspended', () => {
    const sla = computeSla(policy, 'handle', calendar, facts('2026-02-12 10:00', { suspensions: [suspension('2026-02-13 10:00', null)] }));
    expect(sla.deadline).toBeNull();
    expect(sla.warnAt).toBeNull();
    expect(sla.isOverdue(bj('2026-12-31 12:00'))).toBe(false);
    expect(sla.level(bj('2026-12-31 12:00'))).toBe('normal');
    expect(sla.elapsedMillis(bj('2026-12-31 12:00'))).toBe(7 * HOUR); // Thursday 6 h + Friday 1 h
  });

  it('keeps a warning that fell before an open suspension', () => {
    // yellow at 2/24 10:36; suspended from 2/24 11:00, before the deadline
    const sla = computeSla(policy, 'handle', calendar, facts('2026-02-12 10:00', { suspensions: [suspension('2026-02-24 11:00', null)] }));
    expect(show(sla.warnAt)).toBe('2026-02-24 10:36');
    expect(sla.deadline).toBeNull();
    expect(sla.level(bj('2026-03-10 10:00'))).toBe('yellow');
  });

  it('does not rescue a case suspended after its deadline', () => {
    const sla = computeSla(policy, 'handle', calendar, facts('2026-02-12 10:00', {
      suspensions: [suspension('2026-02-26 10:00', null), suspension('2026-02-25 09:00', '2026-02-25 12:00')],
    }));
    expect(show(sla.deadline)).toBe('2026-02-24 17:30');
    expect(sla.isOverdue(bj('2026-03-02 10:00'))).toBe(true);
  });

  it('counts overlapping suspensions once and ignores time before the stage began', () => {
    const sla = computeSla(policy, 'handle', calendar, facts('2026-02-12 10:00', {
      suspensions: [
        suspension('2026-02-10 09:00', '2026-02-12 11:00'), // 1 h inside the stage
        suspension('2026-02-13 09:00', '2026-02-13 15:00'),
        suspension('2026-02-13 13:30', '2026-02-13 17:30'), // overlaps: Friday's 7 h once
      ],
    }));
    // 8 suspended working hours: 2/24 17:30 + 8 h = 2/26 10:00
    expect(show(sla.deadline)).toBe('2026-02-26 10:00');
  });
});

describe('extensions add to the limit', () => {
  it.each<[string, WorkingTimeAmount[], string]>([
    ['2 working days', [days(2)], '2026-02-26 17:30'],
    ['4 working hours', [hours(4)], '2026-02-25 14:30'],
    ['two extensions', [days(1), days(1)], '2026-02-26 17:30'],
    ['days and hours', [days(1), hours(3.5)], '2026-02-26 14:00'],
  ])('a 3-day limit from Thu 2/12 extended by %s ends %s', (_name, extensions, deadline) => {
    const sla = computeSla(policy, 'handle', calendar, facts('2026-02-12 10:00', { extensions }));
    expect(show(sla.deadline)).toBe(deadline);
  });

  it('combines an extension with a suspension', () => {
    const sla = computeSla(policy, 'handle', calendar, facts('2026-02-12 10:00', {
      extensions: [days(2)],
      suspensions: [suspension('2026-02-14 12:00', '2026-02-24 12:00')], // 7 working hours
    }));
    expect(show(sla.deadline)).toBe('2026-02-27 17:30');
  });

  it('moves the warning with the longer limit', () => {
    const sla = computeSla(policy, 'accept', calendar, facts('2026-03-02 09:00', { extensions: [hours(2)] }));
    expect(show(sla.deadline)).toBe('2026-03-03 12:00'); // 10 h
    expect(show(sla.warnAt)).toBe('2026-03-03 10:00'); // 8 h
  });
});

describe('policy checks', () => {
  it.each<[string, StageTimeLimit]>([
    ['a zero limit', { limit: hours(0), yellowAt: 0.8, redAt: 1 }],
    ['a fractional day limit', { limit: days(1.5), yellowAt: 0.8, redAt: 1 }],
    ['yellow after red', { limit: hours(8), yellowAt: 1, redAt: 0.8 }],
    ['no yellow threshold', { limit: hours(8), yellowAt: 0, redAt: 1 }],
  ])('refuses %s', (_name, limit) => {
    expect(() => assertStageTimeLimit(limit)).toThrow(RangeError);
    expect(() => computeStageSla(limit, calendar, facts('2026-03-02 09:00'))).toThrow(RangeError);
  });

  it('refuses an invalid extension', () => {
    expect(() => computeSla(policy, 'handle', calendar, facts('2026-03-02 09:00', { extensions: [days(-1)] }))).toThrow(RangeError);
  });
});

describe('properties', () => {
  const base = Date.parse('2025-01-01T00:00:00+08:00');
  const span = Date.parse('2027-10-01T00:00:00+08:00') - base;
  const instant = fc.integer({ min: 0, max: span }).map((t) => new Date(base + t));
  const amount: fc.Arbitrary<WorkingTimeAmount> = fc.oneof(
    fc.integer({ min: 1, max: 15 }).map(days),
    fc.integer({ min: 1, max: 4 * 60 }).map((q) => hours(q / 4)),
  );
  const closedSuspension = fc
    .tuple(fc.integer({ min: 0, max: 30 * 24 }), fc.integer({ min: 1, max: 10 * 24 * 60 }))
    .map(([startHours, lengthMinutes]) => ({ startHours, lengthMinutes }));
  const stageFacts = fc
    .record({ start: instant, suspensions: fc.array(closedSuspension, { maxLength: 3 }), extensions: fc.array(amount, { maxLength: 2 }) })
    .map(({ start, suspensions, extensions }) => ({
      startedAt: start,
      extensions,
      suspensions: suspensions.map((s) => {
        const from = start.getTime() + s.startHours * HOUR;
        return { start: new Date(from), end: new Date(from + s.lengthMinutes * 60_000) };
      }),
    }));
  const limit = amount.map((l): StageTimeLimit => ({ limit: l, yellowAt: 0.8, redAt: 1 }));
  const rank: Record<SlaLevel, number> = { normal: 0, yellow: 1, red: 2 };

  it('shows exactly the limit on the clock at the deadline', () => {
    fc.assert(
      fc.property(limit, stageFacts, (l, f) => {
        const sla = computeStageSla(l, calendar, f);
        expect(sla.elapsedMillis(sla.deadline!)).toBe(sla.limitMillis);
      }),
      { numRuns: 200 },
    );
  });

  it('never moves the deadline earlier for a suspension or an extension', () => {
    fc.assert(
      fc.property(limit, stageFacts, amount, (l, f, extra) => {
        const plain = computeStageSla(l, calendar, { ...f, suspensions: [] }).deadline!;
        const suspended = computeStageSla(l, calendar, f).deadline!;
        const extended = computeStageSla(l, calendar, { ...f, extensions: [...f.extensions, extra] }).deadline!;
        expect(suspended.getTime()).toBeGreaterThanOrEqual(plain.getTime());
        expect(extended.getTime()).toBeGreaterThan(suspended.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('only ever raises the level as time passes, and is red exactly when overdue at redAt = 1', () => {
    fc.assert(
      fc.property(limit, stageFacts, fc.integer({ min: 0, max: 60 * 24 }), fc.integer({ min: 0, max: 60 * 24 }), (l, f, h1, h2) => {
        const sla = computeStageSla(l, calendar, f);
        const t1 = new Date(f.startedAt.getTime() + Math.min(h1, h2) * HOUR);
        const t2 = new Date(f.startedAt.getTime() + Math.max(h1, h2) * HOUR);
        expect(rank[sla.level(t1)]).toBeLessThanOrEqual(rank[sla.level(t2)]);
        expect(sla.level(t2) === 'red').toBe(sla.isOverdue(t2));
        expect(sla.warnAt!.getTime()).toBeLessThanOrEqual(sla.deadline!.getTime());
      }),
      { numRuns: 200 },
    );
  });
});
