import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assessQuorum, ballotUnitOf, basesOf, isBasisAllowed, reaches, type Tally, type VoteTerms } from './quorum.ts';

const count = (electorate: number, participants: number, inFavour: number): Tally => ({
  electorate: { count: electorate },
  participants: { count: participants },
  inFavour: { count: inFavour },
});

// Areas in hundredths of m²: 9,000.00 m² held by 90 owners.
const owners = (participants: number, participantArea: number, inFavour: number, inFavourArea: number): Tally => ({
  electorate: { count: 90, area: 900_000 },
  participants: { count: participants, area: participantArea },
  inFavour: { count: inFavour, area: inFavourArea },
});

type Row = [string, VoteTerms, Tally, { quorumMet: boolean; passed: boolean }];

const residents = (basis: VoteTerms['basis']): VoteTerms => ({ rule: 'residents_meeting', basis });
const villagers = (basis: VoteTerms['basis']): VoteTerms => ({ rule: 'villagers_meeting', basis });
const ordinary: VoteTerms = { rule: 'owners', basis: 'owners', matter: 'ordinary' };
const rebuild: VoteTerms = { rule: 'owners', basis: 'owners', matter: 'rebuild' };
const council: VoteTerms = { rule: 'council', basis: 'members' };

const rows: Row[] = [
  // 居民会议: more than half attend; more than half of those present decide.
  ['residents: exactly half of 100 adults attend', residents('adults'), count(100, 50, 50), { quorumMet: false, passed: false }],
  ['residents: half + 1 of 100 adults attend, all for', residents('adults'), count(100, 51, 51), { quorumMet: true, passed: true }],
  ['residents: 51 of 101 adults is more than half', residents('adults'), count(101, 51, 51), { quorumMet: true, passed: true }],
  ['residents: 50 of 101 adults is not', residents('adults'), count(101, 50, 50), { quorumMet: false, passed: false }],
  ['residents: exactly half of those present for', residents('households'), count(100, 60, 30), { quorumMet: true, passed: false }],
  ['residents: half + 1 of those present for', residents('households'), count(100, 60, 31), { quorumMet: true, passed: true }],
  ['residents: group representatives, half attend', residents('group_representatives'), count(24, 12, 12), { quorumMet: false, passed: false }],
  ['residents: group representatives, 13 of 24', residents('group_representatives'), count(24, 13, 7), { quorumMet: true, passed: true }],
  // 村民会议: more than half of adults, or at least two thirds of households.
  ['villagers: exactly half of adults', villagers('adults'), count(400, 200, 200), { quorumMet: false, passed: false }],
  ['villagers: half + 1 of adults', villagers('adults'), count(400, 201, 101), { quorumMet: true, passed: true }],
  ['villagers: exactly two thirds of 300 households', villagers('households'), count(300, 200, 101), { quorumMet: true, passed: true }],
  ['villagers: one short of two thirds of 300 households', villagers('households'), count(300, 199, 199), { quorumMet: false, passed: false }],
  ['villagers: 200 of 301 households is short of two thirds', villagers('households'), count(301, 200, 200), { quorumMet: false, passed: false }],
  ['villagers: 201 of 301 households', villagers('households'), count(301, 201, 101), { quorumMet: true, passed: true }],
  ['villagers: half of those present is not a decision', villagers('households'), count(300, 200, 100), { quorumMet: true, passed: false }],
  // 业主共同决定: two thirds of area and of number take part.
  ['owners: exactly two thirds of area and number', ordinary, owners(60, 600_000, 31, 300_001), { quorumMet: true, passed: true }],
  ['owners: two thirds of area but not of number', ordinary, owners(59, 600_000, 59, 600_000), { quorumMet: false, passed: false }],
  ['owners: two thirds of number but not of area (short by 0.01 m²)', ordinary, owners(60, 599_999, 60, 599_999), { quorumMet: false, passed: false }],
  ['owners ordinary: exactly half of participating number', ordinary, owners(60, 600_000, 30, 400_000), { quorumMet: true, passed: false }],
  ['owners ordinary: exactly half of participating area', ordinary, owners(60, 600_000, 40, 300_000), { quorumMet: true, passed: false }],
  ['owners ordinary: more than half of both', ordinary, owners(60, 600_000, 31, 300_001), { quorumMet: true, passed: true }],
  ['owners rebuild: exactly three quarters of both', rebuild, owners(60, 600_000, 45, 450_000), { quorumMet: true, passed: true }],
  ['owners rebuild: three quarters of area, one owner short', rebuild, owners(60, 600_000, 44, 500_000), { quorumMet: true, passed: false }],
  ['owners rebuild: three quarters of number, 0.01 m² short', rebuild, owners(60, 600_000, 50, 449_999), { quorumMet: true, passed: false }],
  ['owners rebuild: all in favour but no quorum', rebuild, owners(50, 800_000, 50, 800_000), { quorumMet: false, passed: false }],
  // Councils: more than half of members present, more than half of those present for.
  ['council: 5 of 9 present, 3 for', council, count(9, 5, 3), { quorumMet: true, passed: true }],
  ['council: 4 of 9 present', council, count(9, 4, 4), { quorumMet: false, passed: false }],
  ['council: 5 of 10 present is exactly half', council, count(10, 5, 5), { quorumMet: false, passed: false }],
  ['council: 6 of 10 present, 3 for is exactly half', council, count(10, 6, 3), { quorumMet: true, passed: false }],
];

describe('quorum rule table', () => {
  it.each(rows)('%s', (_name, terms, tally, expected) => {
    const result = assessQuorum(terms, tally);
    expect({ quorumMet: result.quorumMet, passed: result.passed }).toEqual(expected);
  });

  it('states every check with its part, whole and share (owners count area beside number)', () => {
    const result = assessQuorum(ordinary, owners(60, 600_000, 31, 300_001));
    expect(result.checks.map((c) => [c.stage, c.measure, c.part, c.whole, c.met])).toEqual([
      ['participation', 'count', 60, 90, true],
      ['participation', 'area', 600_000, 900_000, true],
      ['decision', 'count', 31, 60, true],
      ['decision', 'area', 300_001, 600_000, true],
    ]);
    expect(assessQuorum(residents('adults'), count(10, 6, 4)).checks).toHaveLength(2);
  });

  it('treats using maintenance funds as ordinary and raising them as a three-quarters matter', () => {
    const tally = owners(60, 600_000, 40, 400_000);
    expect(assessQuorum(ordinary, tally).passed).toBe(true);
    expect(assessQuorum({ ...ordinary, matter: 'raise_maintenance_fund' }, tally).passed).toBe(false);
    expect(assessQuorum({ ...ordinary, matter: 'change_common_use' }, owners(60, 600_000, 45, 450_000)).passed).toBe(true);
  });

  it('meets nothing with an empty electorate', () => {
    expect(assessQuorum(residents('adults'), count(0, 0, 0))).toMatchObject({ quorumMet: false, passed: false });
  });

  it('refuses a basis the rule does not count by, and non-integer measures', () => {
    expect(isBasisAllowed('owners', 'adults')).toBe(false);
    expect(isBasisAllowed('villagers_meeting', 'group_representatives')).toBe(false);
    expect(basesOf('villagers_meeting')).toEqual(['adults', 'households']);
    expect(() => assessQuorum({ rule: 'owners', basis: 'adults' }, count(1, 1, 1))).toThrow(RangeError);
    expect(() => reaches(1.5, 3, { num: 1, den: 2, strict: true })).toThrow(RangeError);
    expect(() => reaches(-1, 3, { num: 1, den: 2, strict: true })).toThrow(RangeError);
  });

  it('compares exactly at areas far beyond float precision', () => {
    const whole = 3 * 2 ** 51; // 6.75 × 10¹⁵ hundredths of m²
    expect(reaches(2 * 2 ** 51, whole, { num: 2, den: 3, strict: false })).toBe(true);
    expect(reaches(2 * 2 ** 51 - 1, whole, { num: 2, den: 3, strict: false })).toBe(false);
  });

  it('agrees with integer arithmetic for every part and whole (more than half, at least two thirds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (whole, raw) => {
        const part = raw % (whole + 1);
        expect(reaches(part, whole, { num: 1, den: 2, strict: true })).toBe(2 * part > whole);
        expect(reaches(part, whole, { num: 2, den: 3, strict: false })).toBe(3 * part >= 2 * whole);
      }),
    );
  });

  it('gives one ballot per person, household or house by basis', () => {
    expect(ballotUnitOf('adults')).toBe('person');
    expect(ballotUnitOf('households')).toBe('household');
    expect(ballotUnitOf('owners')).toBe('house');
    expect(ballotUnitOf('members')).toBe('person');
  });
});
