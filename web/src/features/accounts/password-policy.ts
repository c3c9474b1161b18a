// The server's password policy, checked live in the browser: at least 8 characters with
// at least 3 of 4 character classes, and not the current password. The server decides.

export interface PasswordCheck {
  isLongEnough: boolean;
  hasUpper: boolean;
  hasLower: boolean;
  hasDigit: boolean;
  hasSymbol: boolean;
  classCount: number;
  differsFromCurrent: boolean;
  isAcceptable: boolean;
}

export const minPasswordLength = 8;
export const minCharacterClasses = 3;

export function checkPassword(password: string, current = ''): PasswordCheck {
  const hasUpper = /[A-Z]/.test(password);
  const hasLower = /[a-z]/.test(password);
  const hasDigit = /[0-9]/.test(password);
  const hasSymbol = /[^A-Za-z0-9]/.test(password);
  const classCount = [hasUpper, hasLower, hasDigit, hasSymbol].filter(Boolean).length;
  const isLongEnough = [...password].length >= minPasswordLength;
  const differsFromCurrent = password.length > 0 && password !== current;
  return {
    isLongEnough,
    hasUpper,
    hasLower,
    hasDigit,
    hasSymbol,
    classCount,
    differsFromCurrent,
    isAcceptable: isLongEnough && classCount >= minCharacterClasses && differsFromCurrent,
  };
}
