import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createCalendar, validateHolidayData, type CalendarOptions, type HolidayData } from './calendar.ts';
import { chineseHolidays, combineHolidaySources, holidayTable, packageHolidays, yearsFromPackage } from './calendar-cn.ts';

const options: CalendarOptions = {
  timeZone: 'Asia/Shanghai',
  workingHours: [
    ['09:00', '12:00'],
    ['13:30', '17:30'],
  ],
};
const calendar = createCalendar(chineseHolidays, options);
const HOUR = 3_600_000;

/** Beijing wall-clock time "YYYY-MM-DD HH:MM" as an instant. */
function bj(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}:00+08:00`);
}

/** The instant as Beijing wall-clock time "YYYY-MM-DD HH:MM". */
function show(date: Date): string {
  return new Date(date.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

describe('shipped holiday data', () => {
  it('passes validation', () => {
    expect(validateHolidayData(chineseHolidays)).toEqual([]);
  });

  it.each([
    // year, days off on what would be weekdays, make-up working days (the difference is the
    // 13 statutory days of the 2024 放假办法 in both years)
    [2025, 18, 5],
    [2026, 19, 6],
  ])('gives %i the published number of weekday holidays and make-up days', (year, weekdaysOff, makeUps) => {
    const data = chineseHolidays[year]!;
    const weekdayHolidays = data.holidays.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
    expect(weekdayHolidays).toHaveLength(weekdaysOff);
    expect(data.workdays).toHaveLength(makeUps);
    expect(data.provisional).toBeUndefined();
  });

  it('marks 2027 provisional with only its 13 statutory days', () => {
    expect(calendar.isProvisional(2027)).toBe(true);
    expect(calendar.isProvisional(2026)).toBe(false);
    expect(chineseHolidays[2027]!.holidays).toHaveLength(13);
    expect(chineseHolidays[2027]!.workdays).toEqual([]);
  });

  it('covers the package’s years and the hand table’s 2027, and no later year', () => {
    expect([2004, 2024, 2025, 2026, 2027, 2028].map((y) => calendar.coversYear(y))).toEqual([true, true, true, true, true, false]);
  });
});

describe('where the days come from', () => {
  it('takes a year from the package where it has it, and the hand table only where it does not', () => {
    expect(packageHolidays[2026]).toBeDefined();
    expect(chineseHolidays[2026]?.origin).toBe('package');
    expect(chineseHolidays[2026]?.source).toMatch(/^chinese-days \d+\.\d+\.\d+/);
    // The installed package has no 2027 yet: the provisional hand-kept year stands in.
    expect(packageHolidays[2027]).toBeUndefined();
    expect(Object.keys(holidayTable)).toEqual(['2027']);
    expect(chineseHolidays[2027]).toMatchObject({ origin: 'table', provisional: true });
  });

  it('falls back to the hand table for a year a package lacks, and prefers the package once it has it', () => {
    const older = yearsFromPackage({ holidays: { '2025-10-01': 'National Day,国庆节,8' }, workdays: {} }, '0.9');
    const table = { 2025: { source: 'hand', holidays: ['2025-05-01'], workdays: [] }, 2026: { source: 'hand 2026', holidays: ['2026-10-01'], workdays: [] } };
    const combined = combineHolidaySources(older, table);
    expect(combined[2025]).toMatchObject({ origin: 'package', holidays: ['2025-10-01'], names: { '2025-10-01': '国庆节' } });
    expect(combined[2026]).toMatchObject({ origin: 'table', source: 'hand 2026' });
    const cal = createCalendar(combined, options);
    expect(cal.dayInfo('2025-10-01')).toEqual({ date: '2025-10-01', working: false, kind: 'holiday', origin: 'package', name: '国庆节' });
    expect(cal.dayInfo('2026-10-01')).toEqual({ date: '2026-10-01', working: false, kind: 'holiday', origin: 'table', name: null });
  });

  it('says for each day whether the package, an override or the weekend rule decided it', () => {
    expect(calendar.dayInfo('2026-02-17')).toEqual({ date: '2026-02-17', working: false, kind: 'holiday', origin: 'package', name: '春节' });
    expect(calendar.dayInfo('2026-02-14')).toEqual({ date: '2026-02-14', working: true, kind: 'workday', origin: 'package', name: '春节' });
    expect(calendar.dayInfo('2026-03-07')).toEqual({ date: '2026-03-07', working: false, kind: 'weekend', origin: 'weekend_rule', name: null });
    expect(calendar.dayInfo('2026-03-09')).toEqual({ date: '2026-03-09', working: true, kind: 'weekday', origin: 'weekend_rule', name: null });
    const edited = createCalendar({ ...chineseHolidays, 2027: { source: 'notice', holidays: ['2027-02-09'], workdays: [], origin: 'override' } }, options);
    expect(edited.dayInfo('2027-02-09')).toMatchObject({ kind: 'holiday', origin: 'override' });
    expect(() => calendar.dayInfo('2026-13-01')).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it.each([
    // 2026 春节: 2/15–2/23 off, Saturdays 2/14 and 2/28 worked
    ['2026-02-13', true, 'Friday before 春节'],
    ['2026-02-14', true, 'make-up Saturday before 春节'],
    ['2026-02-15', false, '腊月二十八, first day off'],
    ['2026-02-17', false, '正月初一'],
    ['2026-02-23', false, 'Monday, last day off'],
    ['2026-02-24', true, 'Tuesday after 春节'],
    ['2026-02-28', true, 'make-up Saturday after 春节'],
    ['2026-03-01', false, 'ordinary Sunday'],
    ['2026-01-04', true, 'make-up Sunday after 元旦'],
    ['2026-05-09', true, 'make-up Saturday after 劳动节'],
    ['2026-09-20', true, 'make-up Sunday before 国庆'],
    ['2026-10-07', false, '国庆 last day'],
    ['2026-10-10', true, 'make-up Saturday after 国庆'],
    ['2025-01-26', true, '2025 make-up Sunday before 春节'],
    ['2025-02-04', false, '2025 正月初七'],
    ['2025-10-08', false, '2025 国庆+中秋 eighth day'],
    ['2025-10-11', true, '2025 make-up Saturday'],
    ['2027-02-08', false, '2027 正月初三 (provisional)'],
    ['2030-01-01', true, 'Tuesday in a year without data: weekends only'],
    ['2030-01-05', false, 'Saturday in a year without data'],
  ])('%s is a working day: %s (%s)', (day, expected) => {
    expect(calendar.isWorkingDay(day)).toBe(expected);
  });

  it('takes the day boundary in Beijing time, not UTC', () => {
    // 2026-02-14 23:59 Beijing is a make-up Saturday; one minute later is 春节
    expect(calendar.isWorkingDay(new Date('2026-02-14T15:59:00Z'))).toBe(true);
    expect(calendar.isWorkingDay(new Date('2026-02-14T16:00:00Z'))).toBe(false);
    // 2026-02-24 00:30 Beijing is still 2026-02-23 in UTC, but a working day here
    expect(calendar.isWorkingDay(new Date('2026-02-23T16:30:00Z'))).toBe(true);
  });

  it('does not throw for years outside the data', () => {
    expect(() => calendar.isWorkingDay(bj('1999-12-31 10:00'))).not.toThrow();
    expect(calendar.addWorkingDays(bj('2040-06-01 10:00'), 1)).toEqual(bj('2040-06-04 17:30'));
  });

  it('rejects a malformed day', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // start, days, deadline: the start day never counts
    ['2026-02-12 10:00', 1, '2026-02-13 17:30'],
    ['2026-02-12 10:00', 2, '2026-02-14 17:30'], // make-up Saturday counts
    ['2026-02-12 10:00', 3, '2026-02-24 17:30'], // skips 春节 2/15–2/23
    ['2026-02-12 10:00', 7, '2026-02-28 17:30'], // second make-up Saturday counts
    ['2026-02-12 10:00', 8, '2026-03-02 17:30'],
    ['2026-02-14 20:00', 1, '2026-02-24 17:30'], // started on a make-up day, after hours
    ['2026-02-18 10:00', 1, '2026-02-24 17:30'], // started during the holiday
    ['2026-03-06 08:00', 1, '2026-03-09 17:30'], // Friday before hours: Friday still does not count
    ['2026-03-06 10:00', 0, '2026-03-06 10:00'],
    ['2025-09-30 10:00', 1, '2025-10-09 17:30'], // 2025 国庆+中秋 ends Wed 10/8
  ])('from %s plus %i working days is %s', (start, count, deadline) => {
    expect(show(calendar.addWorkingDays(bj(start), count))).toBe(deadline);
  });

  it('rejects negative and fractional days', () => {
    expect(() => calendar.addWorkingDays(bj('2026-03-02 10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(bj('2026-03-02 10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  it.each([
    ['2026-03-02 10:00', 1, '2026-03-02 11:00', 'within the morning'],
    ['2026-03-02 11:00', 1, '2026-03-02 12:00', 'ends exactly at lunch, not after it'],
    ['2026-03-02 11:00', 2, '2026-03-02 14:30', 'across lunch'],
    ['2026-03-02 12:30', 1, '2026-03-02 14:30', 'starting during lunch'],
    ['2026-03-02 08:00', 1, '2026-03-02 10:00', 'starting before hours'],
    ['2026-03-02 16:30', 1, '2026-03-02 17:30', 'ends exactly at closing'],
    ['2026-03-02 16:30', 2, '2026-03-03 10:00', 'overnight'],
    ['2026-03-02 17:30', 1, '2026-03-03 10:00', 'starting at closing'],
    ['2026-03-06 16:00', 2, '2026-03-09 09:30', 'over a weekend'],
    ['2026-02-13 16:30', 2, '2026-02-14 10:00', 'into a make-up Saturday'],
    ['2026-02-14 17:00', 1, '2026-02-24 09:30', 'across 春节'],
    ['2026-03-02 09:00', 7, '2026-03-02 17:30', 'one full working day'],
    ['2026-03-02 09:00', 0.25, '2026-03-02 09:15', 'a quarter of an hour'],
    ['2026-03-02 22:00', 0, '2026-03-02 22:00', 'zero hours leaves the instant alone'],
  ])('from %s plus %s h is %s (%s)', (start, hours, expected) => {
    expect(show(calendar.addWorkingHours(bj(start), hours))).toBe(expected);
  });

  it('rejects negative or non-finite hours', () => {
    expect(() => calendar.addWorkingHours(bj('2026-03-02 10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(bj('2026-03-02 10:00'), Number.NaN)).toThrow(RangeError);
  });
});

describe('workingMillisBetween', () => {
  it.each([
    ['2026-03-02 09:00', '2026-03-02 17:30', 7],
    ['2026-03-02 11:00', '2026-03-02 14:00', 1.5],
    ['2026-03-02 12:10', '2026-03-02 13:20', 0],
    ['2026-03-06 17:00', '2026-03-09 09:30', 1],
    ['2026-02-13 09:00', '2026-02-24 09:00', 14], // Friday + make-up Saturday, then nothing until 2/24
    ['2026-02-15 00:00', '2026-02-24 00:00', 0], // all of 春节
    ['2026-02-13 09:00', '2026-03-02 09:00', 7 * 7], // 2/13, 2/14, 2/24–2/28 are worked
  ])('from %s to %s is %s working hours', (a, b, hours) => {
    expect(calendar.workingMillisBetween(bj(a), bj(b))).toBe(hours * HOUR);
  });

  it('is negative when the end is before the start', () => {
    expect(calendar.workingMillisBetween(bj('2026-03-02 17:30'), bj('2026-03-02 09:00'))).toBe(-7 * HOUR);
  });
});

describe('editable data and options', () => {
  it('uses an edited year instead of the shipped one', () => {
    const edited: HolidayData = {
      ...chineseHolidays,
      2027: { source: 'test', holidays: ['2027-03-01'], workdays: ['2027-03-06'] },
    };
    const cal = createCalendar(edited, options);
    expect(cal.isWorkingDay('2027-03-01')).toBe(false);
    expect(cal.isWorkingDay('2027-03-06')).toBe(true);
    expect(cal.isWorkingDay('2027-02-08')).toBe(true);
    expect(cal.isProvisional(2027)).toBe(false);
  });

  it('honours other working hours', () => {
    const cal = createCalendar(chineseHolidays, { timeZone: 'Asia/Shanghai', workingHours: [['08:30', '17:00']] });
    expect(show(cal.addWorkingDays(bj('2026-03-02 10:00'), 1))).toBe('2026-03-03 17:00');
    expect(show(cal.addWorkingHours(bj('2026-03-02 16:00'), 2))).toBe('2026-03-03 09:30');
  });

  it.each<[string, HolidayData, RegExp]>([
    ['a malformed date', { 2026: { source: 't', holidays: ['2026-2-1'], workdays: [] } }, /not a YYYY-MM-DD/],
    ['an impossible date', { 2026: { source: 't', holidays: ['2026-02-30'], workdays: [] } }, /not a YYYY-MM-DD/],
    ['a date in another year', { 2026: { source: 't', holidays: ['2025-12-31'], workdays: [] } }, /not in 2026/],
    ['a day both off and worked', { 2026: { source: 't', holidays: ['2026-02-14'], workdays: ['2026-02-14'] } }, /both/],
    ['a make-up day on a weekday', { 2026: { source: 't', holidays: [], workdays: ['2026-02-13'] } }, /not a Saturday or Sunday/],
    ['a repeated date', { 2026: { source: 't', holidays: ['2026-01-01', '2026-01-01'], workdays: [] } }, /twice/],
  ])('refuses data with %s', (_name, data, message) => {
    expect(validateHolidayData(data).join('\n')).toMatch(message);
    expect(() => createCalendar(data, options)).toThrow(RangeError);
  });

  it.each<[string, CalendarOptions['workingHours']]>([
    ['no periods', []],
    ['a period ending before it starts', [['12:00', '09:00']]],
    ['overlapping periods', [['09:00', '12:00'], ['11:00', '17:00']]],
    ['a malformed time', [['9am', '12:00']]],
  ])('refuses working hours with %s', (_name, workingHours) => {
    expect(() => createCalendar(chineseHolidays, { timeZone: 'Asia/Shanghai', workingHours })).toThrow(RangeError);
  });
});

describe('properties', () => {
  // Instants from late 2024 to early 2028, so that the data years and their edges are hit.
  const instant = fc
    .integer({ min: Date.parse('2024-12-01T00:00:00+08:00'), max: Date.parse('2028-01-31T00:00:00+08:00') })
    .map((t) => new Date(t));
  // Quarter hours are exact in binary floating point, so h * 3.6e6 is an integer.
  const hours = fc.integer({ min: 0, max: 4 * 400 }).map((q) => q / 4);

  // An instant inside working hours of a working day.
  const workingInstant = fc
    .tuple(
      fc.integer({ min: Date.UTC(2024, 11, 1), max: Date.UTC(2028, 0, 31) }).map((t) => new Date(t).toISOString().slice(0, 10)),
      fc.constantFrom(['09:00', 180], ['13:30', 240]),
      fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    )
    .filter(([day]) => calendar.isWorkingDay(day))
    .map(([day, [opening, minutes], fraction]) => new Date(bj(`${day} ${opening}`).getTime() + Math.floor(fraction * minutes * 60_000)));

  it('addWorkingHours is monotonic in the hours added', () => {
    fc.assert(
      fc.property(instant, hours, hours, (start, h1, h2) => {
        const [lo, hi] = h1 <= h2 ? [h1, h2] : [h2, h1];
        expect(calendar.addWorkingHours(start, lo).getTime()).toBeLessThanOrEqual(calendar.addWorkingHours(start, hi).getTime());
      }),
    );
  });

  it('addWorkingHours is monotonic in the start instant', () => {
    fc.assert(
      fc.property(instant, instant, hours, (a, b, h) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(calendar.addWorkingHours(lo, h).getTime()).toBeLessThanOrEqual(calendar.addWorkingHours(hi, h).getTime());
      }),
    );
  });

  it('counts back exactly the hours added from a start inside working hours', () => {
    fc.assert(
      fc.property(workingInstant, hours, (start, h) => {
        expect(calendar.workingMillisBetween(start, calendar.addWorkingHours(start, h))).toBe(h * 3.6e6);
      }),
    );
  });

  it('counts back exactly the hours added from any start', () => {
    fc.assert(
      fc.property(instant, hours, (start, h) => {
        expect(calendar.workingMillisBetween(start, calendar.addWorkingHours(start, h))).toBe(h * 3.6e6);
      }),
    );
  });

  it('ends a positive addition inside working hours of a working day', () => {
    fc.assert(
      fc.property(instant, hours.filter((h) => h > 0), (start, h) => {
        const end = calendar.addWorkingHours(start, h);
        expect(calendar.isWorkingDay(end)).toBe(true);
        // the last millisecond before the result was working time
        expect(calendar.workingMillisBetween(new Date(end.getTime() - 1), end)).toBe(1);
      }),
    );
  });

  it('adds working time between instants', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        expect(calendar.workingMillisBetween(a, b) + calendar.workingMillisBetween(b, c)).toBe(
          calendar.workingMillisBetween(a, c),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('places a working-day deadline at 17:30 on the Nth working day after the start day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (start, n) => {
        const deadline = calendar.addWorkingDays(start, n);
        expect(show(deadline).slice(11)).toBe('17:30');
        expect(calendar.isWorkingDay(deadline)).toBe(true);
        // exactly n working days from the day after the start day to the deadline's day
        const startDay = show(start).slice(0, 10);
        let count = 0;
        for (let t = bj(`${startDay} 12:00`).getTime() + 86_400_000; t <= deadline.getTime(); t += 86_400_000) {
          if (calendar.isWorkingDay(new Date(t))) count++;
        }
        expect(count).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});
