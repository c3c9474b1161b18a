// Mainland China mobile numbers: 11 digits starting 13–19 (MIIT numbering plan).
import type { Locale } from '../../platform/errors.ts';

export type MobileProblem = 'empty' | 'format';

export type MobileResult = { ok: true; value: string } | { ok: false; reason: MobileProblem };

const mobilePattern = /^1[3-9]\d{9}$/;

const messages = {
  empty: { 'zh-CN': '请填写手机号', 'en-US': 'Enter the mobile number' },
  format: {
    'zh-CN': '手机号格式不正确，应为以1开头的11位数字',
    'en-US': 'The mobile number must be 11 digits starting with 1',
  },
} as const satisfies Record<MobileProblem, Record<Locale, string>>;

/** Puts a typed or imported mobile number in canonical form: 11 digits, no country code. */
export function normaliseMobile(raw: string): string {
  // NFKC turns full-width digits, ＋ and － into ASCII; then drop spaces and dashes.
  const compact = raw.normalize('NFKC').replace(/[\s\-\u2010-\u2015]/g, '');
  const withoutCountry = compact.replace(/^(?:\+86|0086)/, '');
  // A bare 86 prefix is only taken off a 13-digit string: 11-digit numbers never start with 86.
  return /^86\d{11}$/.test(withoutCountry) ? withoutCountry.slice(2) : withoutCountry;
}

/** Checks a mainland mobile number and returns it normalised. */
export function validateMobile(raw: string): MobileResult {
  const value = normaliseMobile(raw);
  if (value === '') return { ok: false, reason: 'empty' };
  if (!mobilePattern.test(value)) return { ok: false, reason: 'format' };
  return { ok: true, value };
}

/** The message shown to a clerk for a problem with a mobile number. */
export function mobileProblemMessage(problem: MobileProblem, locale: Locale): string {
  return messages[problem][locale];
}
