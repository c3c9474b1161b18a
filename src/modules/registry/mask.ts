// Masked forms of personal data for screens and exports, for users without the reveal
// permission. Rule: a value that is not in the expected shape is masked entirely, so a
// mask function can never pass a clear value through.
import { normaliseIdNumber } from './id-number.ts';
import { normaliseMobile } from './phone.ts';

/** What a value that cannot be partly masked is shown as (its length is not revealed). */
export const fullMask = '******';

/** Shows an ID number with only the region code and the last four characters: 110105********002X. */
export function maskIdNumber(raw: string): string {
  const value = normaliseIdNumber(raw);
  if (value === '') return '';
  if (!/^\d{17}[\dX]$/.test(value)) return fullMask;
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

/** Shows a mobile number with only its first three and last four digits: 138****5678. */
export function maskMobile(raw: string): string {
  const value = normaliseMobile(raw);
  if (value === '') return '';
  if (!/^1[3-9]\d{9}$/.test(value)) return fullMask;
  return `${value.slice(0, 3)}****${value.slice(7)}`;
}

/**
 * Shows a name with only its first and, from three characters on, its last character:
 * 李*, 张*丰, 欧**明. A one-character name is masked entirely.
 */
export function maskName(raw: string): string {
  // Code points, so that a rare character outside the BMP is never cut in half.
  const chars = Array.from(raw.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
