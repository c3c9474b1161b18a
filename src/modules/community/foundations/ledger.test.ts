import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { positionOf, postingsFor, publicDonorName, refusalOf, trialDifference, votePasses, type FundOperation, type Posting } from './ledger.ts';

const operation = fc.record({
  kind: fc.constantFrom('donation', 'grant', 'grant_payment', 'expense' as const),
  amountFen: fc.integer({ min: 1, max: 10_000_000 }),
}) as fc.Arbitrary<FundOperation>;

describe('fund ledger', () => {
  it('keeps the trial balance at zero and the bank covering the grants after every operation', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80 }), (ops) => {
        const lines: Posting[] = [];
        for (const op of ops) {
          if (refusalOf(op, positionOf(lines))) continue;
          lines.push(...postingsFor(op));
          expect(trialDifference(lines)).toBe(0);
          const { bankFen, payableFen } = positionOf(lines);
          expect(payableFen).toBeGreaterThanOrEqual(0);
          expect(bankFen).toBeGreaterThanOrEqual(payableFen);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a grant or an expense beyond the uncommitted money', () => {
    const lines = [...postingsFor({ kind: 'donation', amountFen: 100 }), ...postingsFor({ kind: 'grant', amountFen: 70 })];
    expect(refusalOf({ kind: 'expense', amountFen: 31 }, positionOf(lines))).toEqual({ availableFen: 30 });
    expect(refusalOf({ kind: 'expense', amountFen: 30 }, positionOf(lines))).toBeNull();
    expect(refusalOf({ kind: 'grant', amountFen: 31 }, positionOf(lines))).toEqual({ availableFen: 30 });
    expect(refusalOf({ kind: 'grant_payment', amountFen: 71 }, positionOf(lines))).toEqual({ availableFen: 70 });
  });

  it('passes a grant with more than half of the whole board for it', () => {
    expect(votePasses(5, [{ vote: 'for' }, { vote: 'for' }, { vote: 'for' }])).toBe(true);
    expect(votePasses(5, [{ vote: 'for' }, { vote: 'for' }, { vote: 'abstain' }])).toBe(false);
    expect(votePasses(4, [{ vote: 'for' }, { vote: 'for' }, { vote: 'against' }])).toBe(false);
  });

  it('shows donors publicly without personal data', () => {
    expect(publicDonorName({ donorName: '张三丰', donorKind: 'person', anonymous: false })).toBe('张*');
    expect(publicDonorName({ donorName: '张三丰', donorKind: 'person', anonymous: true })).toBe('匿名');
    expect(publicDonorName({ donorName: '某某科技有限公司', donorKind: 'organisation', anonymous: false })).toBe('某某科技有限公司');
  });
});
