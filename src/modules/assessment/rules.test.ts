import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalise, rankByTotal, scoreUnits, weightsAddUp } from './scoring.ts';
import { allocate, drawSample } from './sampling.ts';
import { checkAnswers, checkQuestions } from './answers.ts';
import { questionInput } from './contract.ts';

describe('normalisation, weights and ranking', () => {
  it('maps the best unit to 100 and the worst to 0, reversed when lower is better', () => {
    expect(normalise([0.5, 1, 0.75], 'higher_better')).toEqual([0, 100, 50]);
    expect(normalise([0.5, 1, 0.75], 'lower_better')).toEqual([100, 0, 50]);
  });
  it('gives everyone 100 when all are equal, and 0 to a unit without a value', () => {
    expect(normalise([3, 3, null], 'higher_better')).toEqual([100, 100, 0]);
    expect(normalise([null, null], 'lower_better')).toEqual([0, 0]);
  });
  it('keeps normalised values within 0–100 for any input', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null })), fc.constantFrom('higher_better' as const, 'lower_better' as const), (values, dir) => {
        for (const n of normalise(values, dir)) expect(n >= 0 && n <= 100).toBe(true);
      }),
    );
  });
  it('checks that weights add up to 100', () => {
    expect(weightsAddUp([40, 30, 30])).toBe(true);
    expect(weightsAddUp([40, 30])).toBe(false);
  });
  it('ranks ties alike and skips the next rank', () => {
    const ranked = rankByTotal([{ id: 'a', total: 80 }, { id: 'b', total: 90 }, { id: 'c', total: 80 }, { id: 'd', total: 10 }]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([['b', 1], ['a', 2], ['c', 2], ['d', 4]]);
  });
  it('weighs normalised values into a total and ranks by it', () => {
    const units = ['x', 'y', 'z'];
    const raw: Record<string, (number | null)[]> = { rate: [0.9, 0.6, 0.3], overdue: [5, 1, 3] };
    const result = scoreUnits(units, [{ id: 'rate', weight: 60, direction: 'higher_better' }, { id: 'overdue', weight: 40, direction: 'lower_better' }], (id, i) => raw[id]?.[i] ?? null);
    // x: 100×0.6 + 0×0.4 = 60; y: 50×0.6 + 100×0.4 = 70; z: 0 + 50×0.4 = 20
    expect(result.map((r) => [r.unit, r.total, r.rank])).toEqual([['y', 70, 1], ['x', 60, 2], ['z', 20, 3]]);
    expect(result[0]?.items[1]).toEqual({ indicatorId: 'overdue', raw: 1, normalised: 100, weighted: 40 });
  });
});

describe('sampling', () => {
  it('allocates in proportion to the strata, never beyond what a stratum holds', () => {
    expect(allocate([50, 30, 20], 10)).toEqual([5, 3, 2]);
    expect(allocate([1, 100], 10)).toEqual([0, 10]);
    expect(allocate([2, 1], 10)).toEqual([2, 1]);
  });
  const frame = Array.from({ length: 300 }, (_, i) => ({ id: `h${String(i).padStart(3, '0')}`, communityCode: i < 200 ? 'c1' : 'c2', gridCode: i % 4 === 0 ? 'g1' : 'g2' }));
  it('draws N distinct households in each community, stratified by grid, the same for the same seed', () => {
    const a = drawSample(frame, 20, 7);
    expect(a.filter((r) => r.communityCode === 'c1')).toHaveLength(20);
    expect(a.filter((r) => r.communityCode === 'c2')).toHaveLength(20);
    expect(new Set(a.map((r) => r.id)).size).toBe(40);
    expect(a.filter((r) => r.communityCode === 'c1' && r.gridCode === 'g1')).toHaveLength(5);
    expect(drawSample([...frame].reverse(), 20, 7).map((r) => r.id).sort()).toEqual(a.map((r) => r.id).sort());
    expect(drawSample(frame, 20, 8).map((r) => r.id).sort()).not.toEqual(a.map((r) => r.id).sort());
  });
  it('takes the whole community when it has fewer households than asked', () => {
    expect(drawSample(frame.slice(0, 5), 20, 1)).toHaveLength(5);
  });
});

describe('answers', () => {
  const questions = [
    questionInput.parse({ key: 'lived', text: '您在本社区居住满一年吗', kind: 'single', required: true, options: ['是', '否'] }),
    questionInput.parse({ key: 'score', text: '对社区工作的满意程度', kind: 'scale', required: true, scaleMax: 5, showIf: { questionKey: 'lived', equals: '是' } }),
    questionInput.parse({ key: 'needs', text: '您最需要的服务', kind: 'multiple', options: ['养老', '托育', '停车'] }),
    questionInput.parse({ key: 'words', text: '建议', kind: 'text' }),
  ];
  it('accepts a complete answer', () => {
    expect(checkAnswers(questions, { lived: '是', score: 4, needs: ['养老', '停车'], words: '多办活动' })).toEqual([]);
  });
  it('names the missing required question and a bad scale point', () => {
    expect(checkAnswers(questions, { score: 9, lived: '是' }).map((p) => p.field)).toEqual(['answers.score']);
    expect(checkAnswers(questions, {}).map((p) => p.field)).toEqual(['answers.lived']);
  });
  it('skips a question by an earlier answer, and refuses an answer to the skipped one', () => {
    expect(checkAnswers(questions, { lived: '否' })).toEqual([]);
    expect(checkAnswers(questions, { lived: '否', score: 3 }).map((p) => p.field)).toEqual(['answers.score']);
  });
  it('refuses unknown questions and options', () => {
    expect(checkAnswers(questions, { lived: '是', score: 3, needs: ['游泳'], other: 'x' }).map((p) => p.field).sort()).toEqual(['answers.needs', 'answers.other']);
  });
  it('checks the questionnaire: duplicate keys and skip logic pointing forward', () => {
    const bad = [questionInput.parse({ key: 'a', text: 'A', kind: 'text', showIf: { questionKey: 'b', equals: 'x' } }), questionInput.parse({ key: 'a', text: 'B', kind: 'single', options: ['x'] })];
    expect(checkQuestions(bad).map((p) => p.field)).toEqual(['questions.0.showIf', 'questions.1.key', 'questions.1.options']);
    expect(checkQuestions(questions)).toEqual([]);
  });
});
