import { describe, expect, it } from 'vitest';
import { movementOf, ranks, scoreOf } from './ranking.ts';

describe('rankings', () => {
  it('scores a unit by the mean of the rates it has', () => {
    expect(scoreOf({ code: 'a', onTimeClosureRate: 1, responseRate: 0.5, satisfiedRate: null })).toBe(0.75);
    expect(scoreOf({ code: 'a', onTimeClosureRate: null, responseRate: null, satisfiedRate: null })).toBeNull();
  });
  it('ranks best first, equal scores sharing a rank, units without a score unranked', () => {
    const r = ranks([
      { code: 'a', onTimeClosureRate: 0.5, responseRate: null, satisfiedRate: null },
      { code: 'b', onTimeClosureRate: 0.9, responseRate: null, satisfiedRate: null },
      { code: 'c', onTimeClosureRate: 0.5, responseRate: null, satisfiedRate: null },
      { code: 'd', onTimeClosureRate: 0.1, responseRate: null, satisfiedRate: null },
      { code: 'e', onTimeClosureRate: null, responseRate: null, satisfiedRate: null },
    ]);
    expect(Object.fromEntries(r)).toEqual({ b: 1, a: 2, c: 2, d: 4 });
  });
  it('says how a unit moved', () => {
    expect(movementOf(1, 3)).toBe('up');
    expect(movementOf(3, 1)).toBe('down');
    expect(movementOf(2, 2)).toBe('same');
    expect(movementOf(2, null)).toBe('new');
  });
});
