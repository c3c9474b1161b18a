// Resident identity numbers (公民身份号码) per GB 11643-1999:
//   6-digit address code (GB/T 2260 division code) + 8-digit birth date (YYYYMMDD)
//   + 3-digit sequence code (odd for men, even for women) + 1 check character
//   (ISO 7064:1983 MOD 11-2, where 10 is written X).
// Pure functions only: no I/O, no clock unless the caller leaves `today` out.
import type { Locale } from '../../platform/errors.ts';
import type { Gender } from './contract.ts';

export type IdNumberProblem =
  | 'empty'
  | 'length'
  | 'characters'
  | 'region'
  | 'birth_date'
  | 'future_birth_date'
  | 'check_character';

export type { Gender };

/** What a valid number says about its holder. */
export interface ValidIdNumber {
  ok: true;
  /** The normalised number: 18 characters, upper-case X. */
  value: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: Gender;
  /** The 6-digit address code: where the number was first issued, not where the person lives. */
  regionCode: string;
}

export interface InvalidIdNumber {
  ok: false;
  reason: IdNumberProblem;
}

export type IdNumberResult = ValidIdNumber | InvalidIdNumber;

// GB/T 2260 province-level codes: the first two digits of every address code.
const provinceCodes: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', // 北京 天津 河北 山西 内蒙古
  '21', '22', '23', // 辽宁 吉林 黑龙江
  '31', '32', '33', '34', '35', '36', '37', // 上海 江苏 浙江 安徽 福建 江西 山东
  '41', '42', '43', '44', '45', '46', // 河南 湖北 湖南 广东 广西 海南
  '50', '51', '52', '53', '54', // 重庆 四川 贵州 云南 西藏
  '61', '62', '63', '64', '65', // 陕西 甘肃 青海 宁夏 新疆
  '71', // 台湾
  '81', '82', // 香港 澳门
]);

// GB 11643-1999 §8.2: ISO 7064 MOD 11-2 weights 2^(18-i) mod 11 for positions 1–17,
// and the check character for each remainder 0–10.
const checkWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

const earliestBirthDate = '1900-01-01';
// Birth dates are calendar dates in China, so "today" is taken in China Standard Time
// (UTC+8, no daylight saving) whatever the server's time zone.
const chinaOffsetMs = 8 * 60 * 60 * 1000;

const messages = {
  empty: { 'zh-CN': '请填写身份证号', 'en-US': 'Enter the ID number' },
  length: {
    'zh-CN': '身份证号应为18位（15位旧号码请换算为18位）',
    'en-US': 'The ID number must have 18 characters (convert old 15-digit numbers to 18)',
  },
  characters: {
    'zh-CN': '身份证号只能由数字组成，最后一位可以是X',
    'en-US': 'The ID number may contain only digits, with X allowed as the last character',
  },
  region: {
    'zh-CN': '身份证号前两位不是有效的省级行政区划代码',
    'en-US': 'The first two digits of the ID number are not a valid province code',
  },
  birth_date: {
    'zh-CN': '身份证号中的出生日期无效',
    'en-US': 'The birth date in the ID number is not a valid date',
  },
  future_birth_date: {
    'zh-CN': '身份证号中的出生日期晚于今天',
    'en-US': 'The birth date in the ID number is in the future',
  },
  check_character: {
    'zh-CN': '身份证号校验位错误',
    'en-US': 'The check character of the ID number is wrong',
  },
} as const satisfies Record<IdNumberProblem, Record<Locale, string>>;

/** Puts a typed or imported ID number in canonical form: no spaces, upper-case X. */
export function normaliseIdNumber(raw: string): string {
  // NFKC turns full-width digits and Ｘ (common in pasted text) into ASCII.
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Checks an ID number and reads birth date, gender and region from it. */
export function validateIdNumber(raw: string, options: { today?: Date } = {}): IdNumberResult {
  const value = normaliseIdNumber(raw);
  if (value === '') return invalid('empty');
  if (value.length !== 18) return invalid('length');
  if (!/^\d{17}[\dX]$/.test(value)) return invalid('characters');
  if (!provinceCodes.has(value.slice(0, 2))) return invalid('region');

  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < earliestBirthDate) return invalid('birth_date');
  if (birthDate > chinaDate(options.today ?? new Date())) return invalid('future_birth_date');

  if (value[17] !== computeCheckCharacter(value.slice(0, 17))) return invalid('check_character');

  return {
    ok: true,
    value,
    birthDate,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
  };
}

/** The message shown to a clerk for a problem with an ID number. */
export function idNumberProblemMessage(problem: IdNumberProblem, locale: Locale): string {
  return messages[problem][locale];
}

/**
 * Builds a valid ID number (for demo data and tests). The sequence's parity sets the
 * gender, as in real numbers: odd for men, even for women.
 */
export function makeIdNumber(parts: { regionCode: string; birthDate: string; sequence: number }): string {
  const { regionCode, birthDate, sequence } = parts;
  if (!/^\d{6}$/.test(regionCode) || !provinceCodes.has(regionCode.slice(0, 2))) {
    throw new Error(`makeIdNumber: region code must be 6 digits starting with a province code, got "${regionCode}"`);
  }
  if (!isCalendarDate(birthDate) || birthDate < earliestBirthDate) {
    throw new Error(`makeIdNumber: birth date must be a real date (YYYY-MM-DD) from 1900 on, got "${birthDate}"`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new Error(`makeIdNumber: sequence must be an integer from 0 to 999, got ${sequence}`);
  }
  const body = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return body + computeCheckCharacter(body);
}

/**
 * Compares what a clerk typed with what the ID number says; returns the fields that
 * disagree (fields left out are not compared).
 */
export function checkAgainstIdNumber(
  id: Pick<ValidIdNumber, 'gender' | 'birthDate'>,
  typed: { gender?: Gender; birthDate?: string },
): Array<'gender' | 'birth_date'> {
  const mismatches: Array<'gender' | 'birth_date'> = [];
  if (typed.gender !== undefined && typed.gender !== id.gender) mismatches.push('gender');
  if (typed.birthDate !== undefined && typed.birthDate !== id.birthDate) mismatches.push('birth_date');
  return mismatches;
}

/** GB 11643: ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function computeCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('computeCheckCharacter: expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * checkWeights[i]!;
  return checkCharacters[sum % 11]!;
}

function invalid(reason: IdNumberProblem): InvalidIdNumber {
  return { ok: false, reason };
}

// True when "YYYY-MM-DD" names a day that exists (no 2023-02-29, no month 13).
function isCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// The calendar date in China of an instant, as YYYY-MM-DD.
function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + chinaOffsetMs).toISOString().slice(0, 10);
}
