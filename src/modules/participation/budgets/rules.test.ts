import { describe, expect, it } from 'vitest';
import { checkChoice, nextBudgetStatus, pickWinners } from './rules.ts';

describe('participatory budget rules', () => {
  it('lets a household choose up to the amount, and not a fen over', () => {
    expect(checkChoice(100_000, [60_000, 40_000])).toEqual({ totalFen: 100_000, fits: true });
    expect(checkChoice(100_000, [60_000, 40_001])).toEqual({ totalFen: 100_001, fits: false });
  });

  it('takes winners by votes within the amount, passing over one that no longer fits', () => {
    const result = pickWinners(100_000, [
      { id: 'a', title: '加装扶手', costFen: 30_000, votes: 50 },
      { id: 'b', title: '楼道照明', costFen: 80_000, votes: 40 },
      { id: 'c', title: '健身器材', costFen: 60_000, votes: 35 },
      { id: 'd', title: '花坛', costFen: 10_000, votes: 5 },
      { id: 'e', title: '无人选', costFen: 1, votes: 0 },
    ]);
    expect(result).toEqual({ winners: ['a', 'c', 'd'], spentFen: 100_000 });
  });

  it('breaks a tie in votes by the cheaper project', () => {
    expect(pickWinners(50_000, [{ id: 'x', title: '甲', costFen: 40_000, votes: 9 }, { id: 'y', title: '乙', costFen: 30_000, votes: 9 }]).winners).toEqual(['y']);
  });

  it('moves collecting → reviewing → voting → decided and refuses skipping', () => {
    expect(nextBudgetStatus('collecting', 'review')).toBe('reviewing');
    expect(nextBudgetStatus('reviewing', 'open_voting')).toBe('voting');
    expect(nextBudgetStatus('voting', 'decide')).toBe('decided');
    expect(nextBudgetStatus('collecting', 'decide')).toBeNull();
    expect(nextBudgetStatus('decided', 'open_voting')).toBeNull();
  });
});
