// Chinese public holidays and make-up working days (调休), as published each year by the
// General Office of the State Council (国务院办公厅关于 YYYY 年部分节假日安排的通知).
//
// This is the shipped default. The arrangement is announced every November for the next
// year, so deployments edit it at run time (settings → calendar) rather than waiting for a
// release; `validateHolidayData` in calendar.ts checks an edited copy before it is used.

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

/** The shipped arrangements for 2025–2027. */
export const chineseHolidays: HolidayData = {
  // 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号 (2024-11-12).
  // First year under the 2024 revision of 全国年节及纪念日放假办法 (除夕 and 5月2日 added).
  2025: {
    source: '国办发明电〔2024〕12号',
    holidays: [
      ...days('2025-01-01', '2025-01-01'), // 元旦, 不调休
      ...days('2025-01-28', '2025-02-04'), // 春节 (除夕 to 正月初七), 8 days
      ...days('2025-04-04', '2025-04-06'), // 清明节
      ...days('2025-05-01', '2025-05-05'), // 劳动节
      ...days('2025-05-31', '2025-06-02'), // 端午节
      ...days('2025-10-01', '2025-10-08'), // 国庆节、中秋节, 8 days
    ],
    workdays: [
      '2025-01-26', // Sun, 春节
      '2025-02-08', // Sat, 春节
      '2025-04-27', // Sun, 劳动节
      '2025-09-28', // Sun, 国庆节
      '2025-10-11', // Sat, 国庆节
    ],
  },

  // 国务院办公厅关于2026年部分节假日安排的通知, 国办发明电〔2025〕7号 (2025-11-04),
  // checked against the text published by Xinhua the same day.
  2026: {
    source: '国办发明电〔2025〕7号',
    holidays: [
      ...days('2026-01-01', '2026-01-03'), // 元旦
      ...days('2026-02-15', '2026-02-23'), // 春节 (腊月二十八 to 正月初七), 9 days
      ...days('2026-04-04', '2026-04-06'), // 清明节
      ...days('2026-05-01', '2026-05-05'), // 劳动节
      ...days('2026-06-19', '2026-06-21'), // 端午节
      ...days('2026-09-25', '2026-09-27'), // 中秋节
      ...days('2026-10-01', '2026-10-07'), // 国庆节
    ],
    workdays: [
      '2026-01-04', // Sun, 元旦
      '2026-02-14', // Sat, 春节
      '2026-02-28', // Sat, 春节
      '2026-05-09', // Sat, 劳动节
      '2026-09-20', // Sun, 国庆节
      '2026-10-10', // Sat, 国庆节
    ],
  },

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
