import { describe, expect, it } from 'vitest';
import { nextConventionStatus } from './rules.ts';

describe('convention versions', () => {
  it.each([
    ['draft', 'consult', 'consulting'],
    ['consulting', 'adopt', 'adopted'],
    ['consulting', 'reject', 'rejected'],
    ['adopted', 'put_in_force', 'in_force'],
  ] as const)('%s + %s → %s', (from, action, to) => {
    expect(nextConventionStatus(from, action)).toBe(to);
  });
  it.each([
    ['draft', 'adopt'],
    ['draft', 'put_in_force'],
    ['consulting', 'put_in_force'],
    ['in_force', 'consult'],
    ['superseded', 'put_in_force'],
    ['rejected', 'adopt'],
  ] as const)('refuses %s + %s', (from, action) => {
    expect(nextConventionStatus(from, action)).toBeNull();
  });
});
