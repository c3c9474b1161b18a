// Masked forms of personal data for screens and exports, for users without the reveal
// permission. Rule: a value that is not in the expected shape is masked entirely, so a
// mask function can never pass a clear value through.
import { normaliseIdNumber } from './id-number.ts';
import { normaliseMobile } from './phone.ts';

/** What a value that cannot be partly masked is shown as (its length is not revealed). */
export const fullMask = '******';

/*
 * How much a mask may show. A masked value must leave at least 10^4 candidates to someone
 * who tries each one against an exact-match search (which is also rate-limited and audited).
 *
 * ID number (GB 11643: 6 region, 8 birth date, 3 sequence whose last digit's parity is the
 * gender, 1 check character): we show the province and prefecture (4) and the check
 * character (1): 1401*************3. Assume the worst: the searcher knows the district (the
 * address suggests it), the birth date to within a year (the age is shown and can be
 * filtered on) and the gender (shown). Left to guess: 365 birth dates × 500 sequences of the
 * right parity, of which the shown check character keeps about 1 in 11:
 *   365 × 500 / 11 ≈ 16,590 ≥ 10^4.
 * Showing one more digit (the 17th) would leave 365 × 100 / 11 ≈ 3,318, and the old mask
 * (region, birth year, last four) left 34. The birth date is then masked whole too.
 */
/** Clear characters at the start and the end of a masked ID number. */
export const idNumberMaskShown = { head: 4, tail: 1 } as const;

/** Shows an ID number with only its province, prefecture and check character: 1101*************X. */
export function maskIdNumber(raw: string): string {
  const value = normaliseIdNumber(raw);
  if (value === '') return '';
  if (!/^\d{17}[\dX]$/.test(value)) return fullMask;
  const { head, tail } = idNumberMaskShown;
  return `${value.slice(0, head)}${'*'.repeat(18 - head - tail)}${value.slice(18 - tail)}`;
}

/** What a birth date is shown as beside a masked ID number: nothing of it (the age is shown). */
export const maskedBirthDate = '****-**-**';

/*
 * Mobile number (11 digits: a 3-digit network prefix, a 4-digit number block, 4 digits):
 * we show the prefix and the last two: 154******02. Six hidden digits leave 10^6
 * candidates; a searcher who knows the city's number blocks (a city holds some tens to
 * hundreds of the 10^4 blocks of a prefix) still faces blocks × 10^2 ≥ 10^4 for any city
 * holding 100 blocks. The old mask (last four shown) left 10^4 in theory and fell in 8,979
 * tries.
 */
/** Clear digits at the start and the end of a masked mobile number. */
export const mobileMaskShown = { head: 3, tail: 2 } as const;

/** Shows a mobile number with only its first three and last two digits: 138******78. */
export function maskMobile(raw: string): string {
  const value = normaliseMobile(raw);
  if (value === '') return '';
  if (!/^1[3-9]\d{9}$/.test(value)) return fullMask;
  const { head, tail } = mobileMaskShown;
  return `${value.slice(0, head)}${'*'.repeat(11 - head - tail)}${value.slice(11 - tail)}`;
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
