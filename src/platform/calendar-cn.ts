// Chinese public holidays and make-up working days (调休), as published each year by the
// General Office of the State Council (国务院办公厅关于 YYYY 年部分节假日安排的通知).
//
// The years come from the maintained `chinese-days` package wherever it has them (it is
// updated when each notice comes out, usually in November for the next year). The hand-kept
// table below is only the fallback for years the installed package lacks. Deployments still
// edit a year at run time (settings → calendar) when a notice is newer than their release;
// `validateHolidayData` in calendar.ts checks an edited copy before it is used.
import { createRequire } from 'node:module';

/** Where a year's arrangement came from: the package, the hand-kept fallback table, or an administrator's edit. */
export type HolidayOrigin = 'package' | 'table' | 'override';

/** One year's arrangement: which days are off and which weekend days are worked. */
export interface HolidayYear {
  /** YYYY-MM-DD days off: statutory holidays and the days of the 放假调休 blocks (weekends included). */
  readonly holidays: readonly string[];
  /** YYYY-MM-DD weekend days that are working days (调休上班). */
  readonly workdays: readonly string[];
  /** True when the year was not taken from a published notice and must be replaced when it is. */
  readonly provisional?: boolean;
  /** The notice (or reasoning) the year comes from, shown in the settings screen. */
  readonly source: string;
  /** Where the arrangement came from (the hand table when unset). */
  readonly origin?: HolidayOrigin;
  /** YYYY-MM-DD → the festival a listed day belongs to (春节, 国庆节…), where the source names it. */
  readonly names?: Readonly<Record<string, string>>;
}

/** Holiday arrangements keyed by Gregorian year. */
export type HolidayData = Readonly<Record<number, HolidayYear>>;

/** Lists every day from `from` to `to` inclusive (both YYYY-MM-DD, same year), to keep the table below readable. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The hand-kept fallback: years the installed `chinese-days` lacks. 2025 and 2026 were kept
 * here until the package was adopted; it carries both exactly as the notices give them
 * (国办发明电〔2024〕12号, 国办发明电〔2025〕7号; calendar.test.ts checks the counts).
 */
export const holidayTable: HolidayData = {
  // PROVISIONAL. The 2027 notice had not been published when this was written (it usually
  // appears in November of the year before). These are only the 13 statutory days of
  // 全国年节及纪念日放假办法 (2024 revision, arts. 2–3) on the 2027 dates:
  //   元旦 1月1日; 春节 除夕 2月5日 + 正月初一至初三 2月6–8日 (正月初一 is Sat 6 Feb 2027;
  //   note ICU's Chinese calendar says 7 Feb because that new moon falls minutes before
  //   midnight Beijing time); 清明 4月5日 (solar term); 劳动节 5月1–2日; 端午 五月初五 6月9日;
  //   中秋 八月十五 9月15日; 国庆 10月1–3日.
  // No 调休 blocks, 补假 for statutory days that fall on weekends, or make-up working days
  // are guessed, so this year has fewer days off than the real arrangement will have:
  // deadlines come out earlier, never later. Replace it (settings → calendar) once the
  // notice is out, and drop `provisional`.
  2027: {
    source: '全国年节及纪念日放假办法 statutory days only; notice not yet published',
    provisional: true,
    holidays: [
      '2027-01-01', // 元旦 (Fri)
      ...days('2027-02-05', '2027-02-08'), // 春节: 除夕 (Fri) to 正月初三 (Mon)
      '2027-04-05', // 清明节 (Mon)
      ...days('2027-05-01', '2027-05-02'), // 劳动节 (Sat, Sun)
      '2027-06-09', // 端午节 (Wed)
      '2027-09-15', // 中秋节 (Wed)
      ...days('2027-10-01', '2027-10-03'), // 国庆节 (Fri–Sun)
    ],
    workdays: [],
  },
};

// ---------------------------------------------------------------------------- the package

interface PackageData {
  /** YYYY-MM-DD → "English name,中文名,days" */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Turns the package's day lists into years; each day keeps the festival's Chinese name. */
export function yearsFromPackage(data: PackageData, version: string): Record<number, HolidayYear> {
  const years = new Map<number, { holidays: string[]; workdays: string[]; names: Record<string, string> }>();
  const yearOf = (day: string) => {
    const year = Number(day.slice(0, 4));
    let entry = years.get(year);
    if (!entry) years.set(year, (entry = { holidays: [], workdays: [], names: {} }));
    return entry;
  };
  for (const list of ['holidays', 'workdays'] as const) {
    for (const [day, label] of Object.entries(data[list])) {
      const entry = yearOf(day);
      entry[list].push(day);
      const name = label.split(',')[1];
      if (name) entry.names[day] = name;
    }
  }
  const out: Record<number, HolidayYear> = {};
  for (const [year, entry] of years) {
    out[year] = { holidays: entry.holidays.sort(), workdays: entry.workdays.sort(), names: entry.names, source: `chinese-days ${version}（国务院办公厅节假日安排通知）`, origin: 'package' };
  }
  return out;
}

/** The package's years, and the hand table's for the years the package lacks. */
export function combineHolidaySources(fromPackage: HolidayData, table: HolidayData): HolidayData {
  const combined: Record<number, HolidayYear> = {};
  for (const [year, data] of Object.entries(table)) combined[Number(year)] = { ...data, origin: 'table' };
  return { ...combined, ...fromPackage };
}

const require = createRequire(import.meta.url);
// The package's data file, not its API: the calendar needs whole years, and the JSON is what
// the package's own functions read.
const packaged = require('chinese-days/dist/chinese-days.json') as PackageData;
const packageVersion = (require('chinese-days/package.json') as { version: string }).version;

/** The years from the package, as installed. */
export const packageHolidays: HolidayData = yearsFromPackage(packaged, packageVersion);

/** The shipped arrangements: the package's years, the hand table where the package lacks a year. */
export const chineseHolidays: HolidayData = combineHolidaySources(packageHolidays, holidayTable);
