import { describe, expect, it } from 'vitest';
import { hundredthsOf, squareMetres, tallyVote } from './tally.ts';

describe('tallying a vote', () => {
  it('counts households present and in favour, and meets the residents-meeting quorum at half + 1', () => {
    const ballots = [...Array(4).fill({ choice: 'for', area: 0 }), { choice: 'against', area: 0 }, { choice: 'abstain', area: 0 }];
    const result = tallyVote({ rule: 'residents_meeting', basis: 'households' }, { count: 10, area: 0 }, ballots);
    expect(result).toMatchObject({ quorumMet: true, passed: true, participants: { count: 6 }, choices: { for: { count: 4 }, against: { count: 1 }, abstain: { count: 1 } } });
    const five = tallyVote({ rule: 'residents_meeting', basis: 'households' }, { count: 10, area: 0 }, ballots.slice(0, 5));
    expect(five).toMatchObject({ quorumMet: false, passed: false });
  });

  it('weighs owners by floor area: two thirds of the number but not of the area fails', () => {
    const electorate = { count: 3, area: hundredthsOf(90) + hundredthsOf(90) + hundredthsOf(120.5) };
    const small = tallyVote({ rule: 'owners', basis: 'owners', matter: 'ordinary' }, electorate, [
      { choice: 'for', area: hundredthsOf(90) },
      { choice: 'for', area: hundredthsOf(90) },
    ]);
    expect(small).toMatchObject({ quorumMet: false, participants: { count: 2, area: 18_000 } });
    const withBig = tallyVote({ rule: 'owners', basis: 'owners', matter: 'ordinary' }, electorate, [
      { choice: 'for', area: hundredthsOf(90) },
      { choice: 'against', area: hundredthsOf(120.5) },
    ]);
    // 210.5 of 300.5 m² take part (≥ 2/3); 90 of 210.5 m² in favour is not more than half.
    expect(withBig).toMatchObject({ quorumMet: true, passed: false });
  });

  it('converts areas without float drift', () => {
    expect(hundredthsOf(0.29)).toBe(29);
    expect(hundredthsOf(88.85)).toBe(8885);
    expect(hundredthsOf(null)).toBe(0);
    expect(squareMetres(30_050)).toBe('300.50');
  });
});
