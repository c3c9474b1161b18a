// The password policy as pure rules (no I/O, no node modules), so the web app checks a new
// password live with the server's own rule: at least 8 characters from at least 3 of the 4
// character classes, at most 128, and not the old one.

export const minPasswordLength = 8;
export const maxPasswordLength = 128;
export const minCharacterClasses = 3;

export const characterClasses = { lower: /[a-z]/, upper: /[A-Z]/, digit: /[0-9]/, symbol: /[^a-zA-Z0-9]/ } as const;
export type CharacterClass = keyof typeof characterClasses;

export type PasswordProblem = 'too_short' | 'too_few_classes' | 'same_as_old' | 'too_long';

/** The character classes a password draws from. */
export function characterClassesOf(password: string): CharacterClass[] {
  return (Object.keys(characterClasses) as CharacterClass[]).filter((name) => characterClasses[name].test(password));
}

/** Whether a password is long enough, counted in characters (not UTF-16 units). */
export function isLongEnough(password: string): boolean {
  return [...password].length >= minPasswordLength;
}

/** Password policy: at least 8 characters from at least 3 of the 4 classes, not the old one. */
export function checkPasswordPolicy(password: string, oldPassword?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (!isLongEnough(password)) problems.push('too_short');
  if (password.length > maxPasswordLength) problems.push('too_long');
  if (characterClassesOf(password).length < minCharacterClasses) problems.push('too_few_classes');
  if (oldPassword !== undefined && password === oldPassword) problems.push('same_as_old');
  return problems;
}
