import { Faker, en } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { defaultRuleParams, detectOverdueJump, detectSurge, placeKey, poissonUpperTail, repeatedPlaces, ruleFor } from './detection.ts';

/** A seeded generator (faker's Mersenne Twister), so the noise is the same on every run. */
function seeded(seed: number) {
  const generator = new Faker({ locale: en, seed });
  return () => generator.number.float({ min: 0, max: 1 });
}

/** A Poisson draw by Knuth's method (fine for the small rates of one category in one place). */
function poisson(random: () => number, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= random();
  } while (p > limit);
  return k - 1;
}

describe('poissonUpperTail', () => {
  it('matches values computed by hand', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    // P(X ≥ 1) = 1 − e^{−2}
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 10);
    // P(X ≥ 3 | λ = 1) = 1 − e^{−1}(1 + 1 + 1/2)
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 10);
  });
  it('stays finite and tiny far in the tail', () => {
    const p = poissonUpperTail(200, 5);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
  });
});

describe('detectSurge', () => {
  const params = defaultRuleParams.category_surge;

  it('fires on a planted surge against a steady baseline', () => {
    const random = seeded(42);
    const history = Array.from({ length: 28 }, () => poisson(random, 3));
    const finding = detectSurge(history, 15, params);
    expect(finding.fires).toBe(true);
    expect(finding.expected).toBeGreaterThan(2);
    expect(finding.pValue).toBeLessThan(params.pValue);
  });

  it('does not fire on steady noise: 500 places × 60 days of seeded Poisson counts', () => {
    const random = seeded(7);
    let alarms = 0;
    let days = 0;
    for (let place = 0; place < 500; place++) {
      const rate = 0.5 + random() * 6;
      const series = Array.from({ length: 88 }, () => poisson(random, rate));
      for (let d = 28; d < series.length; d++) {
        days++;
        if (detectSurge(series.slice(d - 28, d), series[d] as number, params).fires) alarms++;
      }
    }
    // At p < 0.001 the expected false-alarm rate is below 1 in 1000 days (the baseline's own noise adds a little).
    expect(days).toBe(30_000);
    expect(alarms / days).toBeLessThan(0.002);
  });

  it('finds a planted surge among noisy places and nowhere else', () => {
    const random = seeded(2026);
    const fired: number[] = [];
    for (let place = 0; place < 50; place++) {
      const history = Array.from({ length: 28 }, () => poisson(random, 2));
      const today = place === 17 ? 14 : poisson(random, 2);
      if (detectSurge(history, today, params).fires) fired.push(place);
    }
    expect(fired).toEqual([17]);
  });

  it('ignores a quiet place with a couple of cases (below the minimum count)', () => {
    expect(detectSurge(Array(28).fill(0), 3, params).fires).toBe(false);
    expect(detectSurge(Array(28).fill(0), 5, params).fires).toBe(true);
  });
});

describe('detectOverdueJump', () => {
  const params = defaultRuleParams.overdue_jump;
  it('fires when the overdue share rises by the given amount', () => {
    expect(detectOverdueJump({ overdue: 8, total: 20 }, { overdue: 2, total: 20 }, params).fires).toBe(true);
    expect(detectOverdueJump({ overdue: 4, total: 20 }, { overdue: 2, total: 20 }, params).fires).toBe(false);
  });
  it('needs enough cases in the recent window', () => {
    expect(detectOverdueJump({ overdue: 5, total: 5 }, { overdue: 0, total: 20 }, params).fires).toBe(false);
  });
});

describe('repeatedPlaces', () => {
  it('groups by normalised address, else by a cell of the rule\'s size (~100 m by default)', () => {
    expect(placeKey('幸福路 12 号', 116.3, 39.9)).toBe(placeKey('幸福路12', 116.3, 39.9));
    // About 30 m apart: one place in a 100 m cell, two in a 20 m one.
    expect(placeKey('', 116.3002, 39.9002)).toBe(placeKey(null, 116.3005, 39.9004));
    expect(placeKey('', 116.3002, 39.9002, 20)).not.toBe(placeKey(null, 116.3005, 39.9004, 20));
    // About 370 m apart: one place in a 1 km cell.
    expect(placeKey('', 116.3002, 39.9002)).not.toBe(placeKey(null, 116.3045, 39.9004));
    expect(placeKey('', 116.3002, 39.9002, 1000)).toBe(placeKey(null, 116.3045, 39.9004, 1000));
    expect(placeKey('', null, null)).toBeNull();
    const reports = [
      { id: 1, key: 'a:x' }, { id: 2, key: 'a:x' }, { id: 3, key: 'a:x' }, { id: 4, key: 'a:y' }, { id: 5, key: null },
    ];
    expect(repeatedPlaces(reports, 3).map((p) => [p.key, p.reports.length])).toEqual([['a:x', 3]]);
  });
});

describe('ruleFor', () => {
  it('takes the nearest area\'s rule of the kind, else the default', () => {
    const rules = [
      { kind: 'category_surge', orgPath: '', id: 'default' },
      { kind: 'category_surge', orgPath: '1.2.3', id: 'district' },
      { kind: 'category_surge', orgPath: '1.2.3.4', id: 'street' },
      { kind: 'repeated_place', orgPath: '', id: 'other kind' },
    ];
    expect(ruleFor(rules, 'category_surge', '1.2.3.4.5.G1')?.id).toBe('street');
    expect(ruleFor(rules, 'category_surge', '1.2.3.44.5')?.id).toBe('district');
    expect(ruleFor(rules, 'category_surge', '1.2.3')?.id).toBe('district');
    expect(ruleFor(rules, 'category_surge', '1.2.9.1')?.id).toBe('default');
    expect(ruleFor(rules, 'repeated_place', '1.2.3.4')?.id).toBe('other kind');
    expect(ruleFor(rules, 'overdue_jump', '1.2.3.4')).toBeUndefined();
  });
});
