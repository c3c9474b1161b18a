import crypto from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

// OWASP's argon2id parameters (19 MiB, 2 passes): strong, and fast enough for a login.
// Algorithm.Argon2id is 2; the package's const enum cannot be read under verbatimModuleSyntax.
const argonOptions = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

/** Checks a password against its argon2id hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Checked against when the user does not exist, so that a wrong username takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;
/** Spends the time of one verification, for unknown usernames. */
export async function verifyNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

export { checkPasswordPolicy, type PasswordProblem } from './password-policy.ts';

/** A random password that meets the policy, for initial and reset passwords. */
export function generatePassword(length = 14): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#%^*-_+='];
  const all = sets.join('');
  const pick = (chars: string) => chars[crypto.randomInt(chars.length)] as string;
  const chars = sets.map(pick);
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
