// The password policy as pure rules (no I/O, no node modules), so the web app checks a new
// password live with the server's own rule: at least 8 characters from at least 3 of the 4
// character classes, at most 128, not a common or leaked password, and not the old one.
import { dictionary } from '@zxcvbn-ts/language-common';

export const minPasswordLength = 8;
export const maxPasswordLength = 128;
export const minCharacterClasses = 3;

export const characterClasses = { lower: /[a-z]/, upper: /[A-Z]/, digit: /[0-9]/, symbol: /[^a-zA-Z0-9]/ } as const;
export type CharacterClass = keyof typeof characterClasses;

export type PasswordProblem = 'too_short' | 'too_few_classes' | 'same_as_old' | 'too_long' | 'common';

// zxcvbn-ts's list of the most common passwords (about 49,000, from leaked password dumps,
// lower case), kept up to date by its maintainers, and a few that Chinese users favour.
let blocklist: Set<string> | undefined;
const chineseFavourites = ['woaini1314', 'woaini520', 'a5201314', 'aa5201314', 'qq5201314', 'zxcvbnm123', 'abc@123456', 'admin@123', 'admin123456', 'p@ssw0rd123'];

/**
 * Whether a password is common or leaked: on the list as it is, or once its trailing
 * symbols are dropped (`Password1`, `Password1!` are `password1`), ignoring case.
 */
export function isCommonPassword(password: string): boolean {
  blocklist ??= new Set([...dictionary['passwords-common'], ...chineseFavourites]);
  const lower = password.toLowerCase();
  return blocklist.has(lower) || blocklist.has(lower.replace(/[^a-z0-9]+$/, ''));
}

/** The character classes a password draws from. */
export function characterClassesOf(password: string): CharacterClass[] {
  return (Object.keys(characterClasses) as CharacterClass[]).filter((name) => characterClasses[name].test(password));
}

/** Whether a password is long enough, counted in characters (not UTF-16 units). */
export function isLongEnough(password: string): boolean {
  return [...password].length >= minPasswordLength;
}

/** Password policy: at least 8 characters from at least 3 of the 4 classes, not common or leaked, not the old one. */
export function checkPasswordPolicy(password: string, oldPassword?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (!isLongEnough(password)) problems.push('too_short');
  if (password.length > maxPasswordLength) problems.push('too_long');
  if (characterClassesOf(password).length < minCharacterClasses) problems.push('too_few_classes');
  if (isCommonPassword(password)) problems.push('common');
  if (oldPassword !== undefined && password === oldPassword) problems.push('same_as_old');
  return problems;
}
