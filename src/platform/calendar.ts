// A Chinese working-day calendar: which days are worked (weekends, public holidays and
// 调休 make-up days) and arithmetic on working time, for case time limits (时限).
//
// All arguments and results are instants (Date). Day boundaries and working hours are
// Beijing time. Asia/Shanghai has been UTC+8 all year since China dropped daylight saving
// time in 1991, so a fixed +08:00 offset is exact for every date this calendar will see and
// avoids depending on the ICU time-zone data of the machine.

import type { HolidayData, HolidayOrigin } from './calendar-cn.ts';

export type { HolidayData, HolidayOrigin, HolidayYear } from './calendar-cn.ts';

/** What a day is and why: listed as a holiday or make-up day by a source, or neither, so the weekend rule decides. */
export interface DayInfo {
  date: string;
  working: boolean;
  kind: 'holiday' | 'workday' | 'weekend' | 'weekday';
  origin: HolidayOrigin | 'weekend_rule';
  /** The festival the day belongs to, where the source names it. */
  name: string | null;
}

/** "HH:MM" in 24-hour Beijing time. */
export type ClockTime = string;

/** How the calendar interprets days and hours. */
export interface CalendarOptions {
  /** Only Asia/Shanghai is supported (fixed UTC+8, see above). */
  readonly timeZone: 'Asia/Shanghai';
  /** Working periods of a working day, in order, e.g. [['09:00','12:00'],['13:30','17:30']]. */
  readonly workingHours: readonly (readonly [ClockTime, ClockTime])[];
}

/** Working-time arithmetic over one holiday table and one set of working hours. */
export interface WorkingCalendar {
  /** Whether the Beijing-time day of `date` (an instant, or a YYYY-MM-DD day) is a working day. */
  isWorkingDay(date: Date | string): boolean;
  /** End of the working hours of the `days`-th working day after the day of `start` (that day does not count); 0 returns `start`. */
  addWorkingDays(start: Date, days: number): Date;
  /** The instant after `hours` of working time from `start`, counting only working hours on working days. */
  addWorkingHours(start: Date, hours: number): Date;
  /** The instant after `millis` of working time from `start` (the unit addWorkingHours uses). */
  addWorkingMillis(start: Date, millis: number): Date;
  /** Working time between two instants in milliseconds; negative when `b` is before `a`. */
  workingMillisBetween(a: Date, b: Date): number;
  /** Whether the holiday table has this year; outside it only weekends are days off. */
  coversYear(year: number): boolean;
  /** Whether this year's arrangement is marked provisional (not from a published notice). */
  isProvisional(year: number): boolean;
  /** What a YYYY-MM-DD day is and where that came from (the package, the hand table, an override, or the weekend rule). */
  dayInfo(day: string): DayInfo;
}

const OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai, UTC+8, no DST since 1991
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// A search for working time that finds none in 20 years means the data is broken (e.g.
// every day marked a holiday); fail loudly rather than loop.
const MAX_SCAN_DAYS = 366 * 20;

const ymdPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const clockPattern = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Days since 1970-01-01 of the Beijing-time day containing instant `t` (ms). */
function dayNumberOf(t: number): number {
  return Math.floor((t + OFFSET_MS) / DAY_MS);
}

/** The instant at which Beijing-time day `day` begins. */
function dayStartOf(day: number): number {
  return day * DAY_MS - OFFSET_MS;
}

function dayKeyOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayNumberOfKey(key: string): number | null {
  const m = ymdPattern.exec(key);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-30 over to March; reject anything that does not round-trip.
  if (new Date(t).toISOString().slice(0, 10) !== key) return null;
  return t / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function minutesOf(clock: string): number | null {
  const m = clockPattern.exec(clock);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

function instantMs(date: Date, name: string): number {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

/** Lists the problems in a holiday table (empty when it is usable), for the calendar settings screen. */
export function validateHolidayData(data: HolidayData): string[] {
  const problems: string[] = [];
  for (const [yearKey, year] of Object.entries(data)) {
    const seen = new Map<string, 'holidays' | 'workdays'>();
    for (const list of ['holidays', 'workdays'] as const) {
      for (const key of year[list]) {
        const day = dayNumberOfKey(key);
        if (day === null) {
          problems.push(`${yearKey}.${list}: "${key}" is not a YYYY-MM-DD date`);
          continue;
        }
        if (key.slice(0, 4) !== yearKey) {
          problems.push(`${yearKey}.${list}: ${key} is not in ${yearKey}`);
        }
        const earlier = seen.get(key);
        if (earlier === list) problems.push(`${yearKey}.${list}: ${key} is listed twice`);
        else if (earlier) problems.push(`${yearKey}: ${key} is both a holiday and a make-up working day`);
        seen.set(key, list);
        if (list === 'workdays' && weekdayOf(day) !== 0 && weekdayOf(day) !== 6) {
          problems.push(`${yearKey}.workdays: ${key} is not a Saturday or Sunday`);
        }
      }
    }
  }
  return problems;
}

/** Builds a working calendar from a holiday table; throws RangeError on invalid data or hours. */
export function createCalendar(data: HolidayData, options: CalendarOptions): WorkingCalendar {
  if (options.timeZone !== 'Asia/Shanghai') {
    throw new RangeError(`unsupported time zone ${String(options.timeZone)}`);
  }
  const problems = validateHolidayData(data);
  if (problems.length > 0) throw new RangeError(`invalid holiday data: ${problems.join('; ')}`);

  const periods = parseWorkingHours(options.workingHours);
  const lastPeriodEnd = periods[periods.length - 1]![1];
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const years = new Map<number, HolidayOrigin>();
  const provisionalYears = new Set<number>();
  for (const [yearKey, year] of Object.entries(data)) {
    years.set(Number(yearKey), year.origin ?? 'table');
    if (year.provisional) provisionalYears.add(Number(yearKey));
    for (const key of year.holidays) holidays.add(key);
    for (const key of year.workdays) workdays.add(key);
  }

  // Deadlines ask about the same few hundred days again and again (the demo's year of cases
  // millions of times): remember each day's answer; the tables above never change.
  const workingDays = new Map<number, boolean>();
  const isWorkingDayNumber = (day: number): boolean => {
    const known = workingDays.get(day);
    if (known !== undefined) return known;
    const key = dayKeyOf(day);
    const weekday = weekdayOf(day);
    const working = workdays.has(key) || (!holidays.has(key) && weekday !== 0 && weekday !== 6);
    workingDays.set(day, working);
    return working;
  };

  const addWorkingMillis = (start: Date, millis: number): Date => {
    const t = instantMs(start, 'start');
    if (!Number.isFinite(millis) || millis < 0) {
      throw new RangeError(`working time must be a non-negative number, got ${millis}`);
    }
    let remaining = Math.round(millis);
    if (remaining === 0) return new Date(t);
    const firstDay = dayNumberOf(t);
    for (let day = firstDay; day < firstDay + MAX_SCAN_DAYS; day++) {
      if (!isWorkingDayNumber(day)) continue;
      const base = dayStartOf(day);
      for (const [from, to] of periods) {
        const periodEnd = base + to * MINUTE_MS;
        if (periodEnd <= t) continue;
        const begin = Math.max(base + from * MINUTE_MS, t);
        const available = periodEnd - begin;
        // `<=` so that a limit filling a period exactly ends at 12:00 or 17:30, not at the next opening.
        if (remaining <= available) return new Date(begin + remaining);
        remaining -= available;
      }
    }
    throw new RangeError(`no working time found within ${MAX_SCAN_DAYS} days of ${start.toISOString()}`);
  };

  const workingMillisBetween = (a: Date, b: Date): number => {
    const ta = instantMs(a, 'a');
    const tb = instantMs(b, 'b');
    if (tb < ta) return 0 - workingMillisBetween(b, a); // 0 - x, not -x: no -0
    let total = 0;
    for (let day = dayNumberOf(ta); day <= dayNumberOf(tb); day++) {
      if (!isWorkingDayNumber(day)) continue;
      const base = dayStartOf(day);
      for (const [from, to] of periods) {
        const overlap = Math.min(base + to * MINUTE_MS, tb) - Math.max(base + from * MINUTE_MS, ta);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  };

  return {
    isWorkingDay(date) {
      if (typeof date === 'string') {
        const day = dayNumberOfKey(date);
        if (day === null) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
        return isWorkingDayNumber(day);
      }
      return isWorkingDayNumber(dayNumberOf(instantMs(date, 'date')));
    },

    addWorkingDays(start, count) {
      const t = instantMs(start, 'start');
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`working days must be a non-negative integer, got ${count}`);
      }
      if (count === 0) return new Date(t);
      let found = 0;
      const firstDay = dayNumberOf(t) + 1;
      for (let day = firstDay; day < firstDay + MAX_SCAN_DAYS + count * 7; day++) {
        if (isWorkingDayNumber(day) && ++found === count) {
          return new Date(dayStartOf(day) + lastPeriodEnd * MINUTE_MS);
        }
      }
      throw new RangeError(`no ${count} working days found after ${start.toISOString()}`);
    },

    addWorkingHours(start, hours) {
      if (!Number.isFinite(hours) || hours < 0) {
        throw new RangeError(`working hours must be a non-negative number, got ${hours}`);
      }
      return addWorkingMillis(start, hours * 3_600_000);
    },

    addWorkingMillis,
    workingMillisBetween,

    coversYear(year) {
      return years.has(year);
    },

    isProvisional(year) {
      return provisionalYears.has(year);
    },

    dayInfo(key) {
      const day = dayNumberOfKey(key);
      if (day === null) throw new RangeError(`"${key}" is not a YYYY-MM-DD date`);
      const year = Number(key.slice(0, 4));
      const listed = workdays.has(key) ? 'workday' : holidays.has(key) ? 'holiday' : null;
      if (listed) {
        return { date: key, working: listed === 'workday', kind: listed, origin: years.get(year) ?? 'table', name: data[year]?.names?.[key] ?? null };
      }
      const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
      return { date: key, working: !weekend, kind: weekend ? 'weekend' : 'weekday', origin: 'weekend_rule', name: null };
    },
  };
}

function parseWorkingHours(
  workingHours: CalendarOptions['workingHours'],
): (readonly [number, number])[] {
  if (workingHours.length === 0) throw new RangeError('working hours must have at least one period');
  const periods: (readonly [number, number])[] = [];
  let previousEnd = 0;
  for (const [fromText, toText] of workingHours) {
    const from = minutesOf(fromText);
    const to = minutesOf(toText);
    if (from === null || to === null) {
      throw new RangeError(`working hours "${fromText}–${toText}" are not HH:MM times`);
    }
    if (from >= to || from < previousEnd) {
      throw new RangeError(`working hours must be ordered, non-overlapping periods; "${fromText}–${toText}" is not`);
    }
    periods.push([from, to]);
    previousEnd = to;
  }
  return periods;
}
