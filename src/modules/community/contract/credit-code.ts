// The unified social credit code (统一社会信用代码) per GB 32100-2015: 18 characters from a
// 31-character alphabet (no I, O, S, V, Z); the 18th is a check character over the first 17.
// Pure, so the web checks a code as it is typed.

export const creditCodeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weight of position i (0-based): 3^i mod 31, as the standard tabulates them. */
const weights = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** The check character for the first 17 characters, or null when one of them is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = creditCodeAlphabet.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * weights[i]!;
  }
  return creditCodeAlphabet[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'length' | 'character' | 'check';

/** Why a code is not a valid unified social credit code, with the check character it should have; null when valid. */
export function creditCodeProblem(code: string): { problem: CreditCodeProblem; expected?: string } | null {
  if (code.length !== 18) return { problem: 'length' };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected === null || !creditCodeAlphabet.includes(code[17]!)) return { problem: 'character' };
  return expected === code[17] ? null : { problem: 'check', expected };
}

/** Whether the code is a valid unified social credit code (upper case). */
export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}
