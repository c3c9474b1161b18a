// The server's password policy (src/platform/auth/password-policy.ts), checked live in the
// browser and shown rule by rule. The server decides.
import { characterClassesOf, checkPasswordPolicy, isCommonPassword, isLongEnough } from '#server/platform/auth/password-policy.ts';

export { minCharacterClasses } from '#server/platform/auth/password-policy.ts';

export interface PasswordCheck {
  isLongEnough: boolean;
  hasUpper: boolean;
  hasLower: boolean;
  hasDigit: boolean;
  hasSymbol: boolean;
  classCount: number;
  differsFromCurrent: boolean;
  isUncommon: boolean;
  isAcceptable: boolean;
}

export function checkPassword(password: string, current = ''): PasswordCheck {
  const classes = characterClassesOf(password);
  return {
    isLongEnough: isLongEnough(password),
    hasUpper: classes.includes('upper'),
    hasLower: classes.includes('lower'),
    hasDigit: classes.includes('digit'),
    hasSymbol: classes.includes('symbol'),
    classCount: classes.length,
    differsFromCurrent: password.length > 0 && password !== current,
    isUncommon: password.length > 0 && !isCommonPassword(password),
    isAcceptable: password.length > 0 && checkPasswordPolicy(password, current).length === 0,
  };
}
