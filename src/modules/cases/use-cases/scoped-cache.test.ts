import { describe, expect, it } from 'vitest';
import { scopeKey, TimedCache } from './scoped-cache.ts';

describe('TimedCache', () => {
  it('answers until its time is up, never from a clock moved back, and drops the oldest entries first', () => {
    const cache = new TimedCache<number>(1_000, 2);
    cache.set('a', 1, 10_000);
    expect(cache.get('a', 10_999)).toBe(1);
    expect(cache.get('a', 11_000)).toBeUndefined();
    expect(cache.get('a', 9_999)).toBeUndefined();
    cache.set('b', 2, 10_000);
    cache.set('c', 3, 10_000);
    expect([cache.get('a', 10_000), cache.get('b', 10_000), cache.get('c', 10_000)]).toEqual([undefined, 2, 3]);
  });

  it('keys a scope by the actor and its grants, whatever their order', () => {
    const grants = [
      { role: 'street_staff' as const, orgPath: 'a.b' },
      { role: 'community_staff' as const, orgPath: 'a.b.c' },
    ];
    const actor = { kind: 'user' as const, id: 'u1', name: 'u', displayName: 'U', grants, mustChangePassword: false };
    expect(scopeKey(actor)).toBe(scopeKey({ ...actor, grants: [...grants].reverse() }));
    expect(scopeKey(actor)).not.toBe(scopeKey({ ...actor, id: 'u2' }));
  });
});
