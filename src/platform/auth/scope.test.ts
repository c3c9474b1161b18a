import { describe, expect, it } from 'vitest';
import { canAccess, coversPath, scopePaths, type Actor } from './scope.ts';
import { canGrantOn, roleNames, roles, separationConflict } from './roles.ts';
import { checkPasswordPolicy, generatePassword } from './passwords.ts';

const actor = (grants: Actor['grants']): Actor => ({ kind: 'user', id: 'u', name: 'u', grants, mustChangePassword: false });

describe('scope', () => {
  it.each([
    ['', '110000.110100', true],
    ['110000.110100.110108', '110000.110100.110108', true],
    ['110000.110100.110108', '110000.110100.110108.110108001', true],
    ['110000.110100.110108', '110000.110100.1101080', false],
    ['110000.110100.110108.110108001', '110000.110100.110108', false],
  ])('a grant on %j covers %j: %s', (scope, target, expected) => {
    expect(coversPath(scope, target)).toBe(expected);
  });

  it('keeps only the outermost paths per permission', () => {
    const a = actor([
      { role: 'street_staff', orgPath: '1.2.3' },
      { role: 'community_staff', orgPath: '1.2.3.4' },
      { role: 'community_staff', orgPath: '1.2.9.9' },
      { role: 'auditor', orgPath: '' },
    ]);
    expect(scopePaths(a, 'org.write').sort()).toEqual(['1.2.3', '1.2.9.9']);
    expect(scopePaths(a, 'audit.read')).toEqual(['']);
    expect(canAccess(a, 'org.write', '1.2.3.7')).toBe(true);
    expect(canAccess(a, 'org.write', '1.2.8')).toBe(false);
  });
});

describe('roles', () => {
  it('keeps the three administrators apart', () => {
    expect(separationConflict(['system_admin'], 'auditor')).toBe('system_admin');
    expect(separationConflict(['security_admin'], 'system_admin')).toBe('security_admin');
    expect(separationConflict(['auditor'], 'auditor')).toBeUndefined();
    expect(separationConflict(['street_staff'], 'auditor')).toBeUndefined();
  });

  it('gives no permission to two of the admin trio', () => {
    const trio = roleNames.filter((r) => roles[r].isAdminTrio);
    for (const a of trio) for (const b of trio) {
      if (a === b) continue;
      const shared = roles[a].permissions.filter((p) => (roles[b].permissions as readonly string[]).includes(p) && p !== 'user.read');
      expect(shared, `${a} ∩ ${b}`).toEqual([]);
    }
  });

  it('grants roles only on their level', () => {
    expect(canGrantOn('grid_worker', 'grid')).toBe(true);
    expect(canGrantOn('grid_worker', 'street')).toBe(false);
    expect(canGrantOn('system_admin', 'district')).toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['Kqvx7#mw', []],
    ['kqvxmw12', ['too_few_classes']],
    ['Password1', ['common']],
    ['Password1!', ['common']],
    ['abcdef12', ['too_few_classes', 'common']],
    ['Ab1!', ['too_short']],
    ['ABCDEFGH1', ['too_few_classes']],
    ['密码Abc123', []],
  ])('%j → %j', (password, problems) => {
    expect(checkPasswordPolicy(password)).toEqual(problems);
  });

  it('refuses the old password', () => {
    expect(checkPasswordPolicy('Kqvx7#mw', 'Kqvx7#mw')).toEqual(['same_as_old']);
  });

  it('generates passwords that meet the policy', () => {
    for (let i = 0; i < 200; i++) expect(checkPasswordPolicy(generatePassword())).toEqual([]);
  });
});
