import { describe, expect, it } from 'vitest';
import { rankApplications, scoreApplication, scoreSheetProblems, trimmedMean } from './scoring.ts';
import { awardProblems, isTranchePayable, satisfactionRate } from './contracting.ts';

const criteria = [
  { key: 'need', name: '需求契合', maxScore: 40 },
  { key: 'plan', name: '方案可行', maxScore: 60 },
];

describe('expert scoring', () => {
  it('averages all scores when fewer than five members scored', () => {
    expect(trimmedMean([10, 20, 30, 40])).toEqual({ average: 25, counted: 4, dropped: 0 });
  });

  it('drops the highest and the lowest score from five members up', () => {
    expect(trimmedMean([0, 30, 31, 32, 100])).toEqual({ average: 31, counted: 3, dropped: 2 });
    expect(trimmedMean([30, 30, 30, 30, 30, 30])).toEqual({ average: 30, counted: 4, dropped: 2 });
  });

  it('drops only one copy of a repeated extreme', () => {
    expect(trimmedMean([10, 10, 20, 30, 30])).toEqual({ average: 20, counted: 3, dropped: 2 });
  });

  it('has no mean without scores', () => {
    expect(trimmedMean([])).toBeNull();
  });

  it('sums the criteria averages into the score', () => {
    const sheets = [
      { need: 40, plan: 60 },
      { need: 30, plan: 50 },
      { need: 35, plan: 40 },
      { need: 0, plan: 55 },
      { need: 38, plan: 10 },
    ];
    const { lines, score } = scoreApplication(criteria, sheets);
    // need: drop 0 and 40 → (30+35+38)/3 = 34.33; plan: drop 10 and 60 → (50+40+55)/3 = 48.33
    expect(lines.map((l) => l.average)).toEqual([34.33, 48.33]);
    expect(score).toBe(82.66);
  });

  it('checks a score sheet against the criteria, naming the field', () => {
    expect(scoreSheetProblems(criteria, { need: 41, other: 1 })).toEqual([
      { field: 'body.scores.need', message: expect.stringContaining('40') },
      { field: 'body.scores.plan', message: expect.any(String) },
      { field: 'body.scores.other', message: expect.any(String) },
    ]);
    expect(scoreSheetProblems(criteria, { need: 40, plan: 0 })).toEqual([]);
  });

  it('ranks by score, then the smaller request, then the earlier application; unscored last', () => {
    const at = (s: number) => new Date(2026, 0, 1, 0, 0, s);
    const ranked = rankApplications([
      { id: 'a', score: 80, requestedFen: 500, submittedAt: at(1) },
      { id: 'b', score: null, requestedFen: 100, submittedAt: at(0) },
      { id: 'c', score: 90, requestedFen: 900, submittedAt: at(2) },
      { id: 'd', score: 80, requestedFen: 400, submittedAt: at(3) },
      { id: 'e', score: 80, requestedFen: 400, submittedAt: at(0) },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([['c', 1], ['e', 2], ['d', 3], ['a', 4], ['b', null]]);
  });
});

describe('award and payment rules', () => {
  it('accepts tranches that sum to the amount, one per milestone', () => {
    expect(awardProblems({ amountFen: 100, tranches: [{ milestoneSeq: 1, amountFen: 40 }, { milestoneSeq: 2, amountFen: 60 }] }, [1, 2], 100)).toEqual([]);
  });

  it('refuses tranches that do not sum, repeat or name no milestone, and an amount over the budget', () => {
    const problems = awardProblems({ amountFen: 200, tranches: [{ milestoneSeq: 1, amountFen: 40 }, { milestoneSeq: 1, amountFen: 60 }, { milestoneSeq: 3, amountFen: 1 }] }, [1, 2], 150);
    expect(problems.map((p) => p.field)).toEqual(['body.amountFen', 'body.tranches', 'body.tranches.1.milestoneSeq', 'body.tranches.2.milestoneSeq']);
  });

  it('pays a tranche only after its milestone is accepted, and once', () => {
    expect(isTranchePayable('accepted', null)).toBe(true);
    expect(isTranchePayable('submitted', null)).toBe(false);
    expect(isTranchePayable('planned', null)).toBe(false);
    expect(isTranchePayable('rejected', null)).toBe(false);
    expect(isTranchePayable('accepted', new Date())).toBe(false);
  });

  it('gives satisfaction as a percentage with one decimal', () => {
    expect(satisfactionRate(2, 3)).toBe(66.7);
    expect(satisfactionRate(0, 0)).toBe(0);
  });
});
