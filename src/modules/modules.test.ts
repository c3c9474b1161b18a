import { describe, expect, it } from 'vitest';
import { modules } from './index.ts';
import { roles } from '../platform/auth/roles.ts';
import { errorMessage, installErrorCatalogue, platformErrors } from '../platform/errors.ts';
import { installErrorCodes, jobHandlersOf, permissionsDeclared } from '../platform/module.ts';

describe('the module list', () => {
  it('gives every module a unique name matching its folder', () => {
    const names = modules.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['org', 'registry', 'accounts', 'cases', 'notifications', 'audit', 'facilities']);
  });

  it('declares each permission once, and every declared permission is carried by some role', () => {
    const declared = permissionsDeclared(modules);
    expect(new Set(declared).size).toBe(declared.length);
    const carried = new Set<string>(Object.values(roles).flatMap((r) => [...r.permissions]));
    expect(declared.filter((p) => !carried.has(p))).toEqual([]);
    expect([...carried].filter((p) => !declared.includes(p))).toEqual([]);
  });

  it('declares each error code once, none of them a platform code', () => {
    const codes = modules.flatMap((m) => Object.keys(m.errors));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((c) => Object.hasOwn(platformErrors, c))).toEqual([]);
    expect(() => installErrorCodes(modules)).not.toThrow();
    expect(() => installErrorCatalogue({ CASE_TIER_AT_TOP: { status: 400, zh: 'x', en: 'x' } })).toThrow(/declared twice/);
  });

  it('registers each job kind once', () => {
    expect(Object.keys(jobHandlersOf(modules))).toEqual(expect.arrayContaining(['notify.deliver', 'cases.deadlines', 'cases.thumbnail']));
  });
});

describe('error messages', () => {
  it('shows the current version in VERSION_CONFLICT only when the thrower knows it', () => {
    expect(errorMessage('VERSION_CONFLICT', 'zh-CN', { currentVersion: 4 })).toBe('数据已被他人修改（当前版本 4），请刷新后重试');
    expect(errorMessage('VERSION_CONFLICT', 'en-US', {})).toBe('Someone else changed this record; reload and try again');
  });

  it("uses a module's messages once the modules are installed", () => {
    installErrorCodes(modules);
    expect(errorMessage('DIVISION_UNKNOWN', 'en-US', { code: '999999' })).toBe('No administrative division has code 999999');
  });
});
