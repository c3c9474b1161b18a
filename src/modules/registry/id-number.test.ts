import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  checkAgainstIdNumber,
  computeCheckCharacter,
  idNumberProblemMessage,
  makeIdNumber,
  normaliseIdNumber,
  validateIdNumber,
  type IdNumberProblem,
} from './id-number.ts';
import { itMapsEach, itRefusesEach } from '../../../test/table.ts';

const today = new Date('2025-06-01T04:00:00Z'); // 2025-06-01 12:00 in Beijing

// Completes 17 digits with their check character, so a case can isolate one problem.
const withCheck = (first17: string): string => first17 + computeCheckCharacter(first17);

// An oracle written from the definition in ISO 7064 rather than from the tables in the
// code: weight of position i (1-based) is 2^(18-i) mod 11, check value is (12 - S mod 11) mod 11.
function oracleCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 1; i <= 17; i++) sum += Number(first17[i - 1]) * (2 ** (18 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

const provinces = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64',
  '65', '71', '81', '82',
];
const regionCodeArb = fc
  .tuple(fc.constantFrom(...provinces), fc.stringMatching(/^\d{4}$/))
  .map(([province, rest]) => province + rest);
const birthDateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-06-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const sequenceArb = fc.integer({ min: 0, max: 999 });
const partsArb = fc.record({ regionCode: regionCodeArb, birthDate: birthDateArb, sequence: sequenceArb });

describe('normaliseIdNumber', () => {
  itMapsEach('turns %j into %j', normaliseIdNumber, [
    ['11010519491231002X', '11010519491231002X'],
    ['  11010519491231002x  ', '11010519491231002X'],
    ['110105 19491231 002x', '11010519491231002X'],
    ['110105\t1949\u30001231002X', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    ['', ''],
  ]);
});

describe('validateIdNumber', () => {
  it('accepts the well-known example 11010519491231002X and reads its fields', () => {
    expect(validateIdNumber('11010519491231002X', { today })).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
  });

  it.each([
    // [number, birthDate, gender, regionCode]
    ['11010519491231002X', '1949-12-31', 'female', '110105'],
    [withCheck('44030419850612001'), '1985-06-12', 'male', '440304'],
    [withCheck('65010220000229002'), '2000-02-29', 'female', '650102'], // 2000 was a leap year
    [withCheck('82000019000101999'), '1900-01-01', 'male', '820000'],
    [withCheck('71000020250601000'), '2025-06-01', 'female', '710000'], // born today
  ])('accepts %s (born %s, %s, region %s)', (value, birthDate, gender, regionCode) => {
    expect(validateIdNumber(value, { today })).toEqual({ ok: true, value, birthDate, gender, regionCode });
  });

  it('accepts a number typed with spaces and a lower-case x, returning it normalised', () => {
    const result = validateIdNumber(' 110105 19491231 002x ', { today });
    expect(result).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  itRefusesEach<string, IdNumberProblem>('rejects %s as %s', (raw) => validateIdNumber(raw, { today }), [
    ['nothing', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['an old 15-digit number', '110105491231002', 'length'],
    ['17 characters', '11010519491231002', 'length'],
    ['19 characters', '11010519491231002X1', 'length'],
    ['a letter other than X', '11010519491231002A', 'characters'],
    ['X before the last place', '1101051949123100X2', 'characters'],
    ['a dash', '110105-1949123100X', 'characters'],
    ['province 00', withCheck('00010519491231002'), 'region'],
    ['province 16 (not assigned)', withCheck('16010519491231002'), 'region'],
    ['province 72 (not assigned)', withCheck('72010519491231002'), 'region'],
    ['province 83 (not assigned)', withCheck('83010519491231002'), 'region'],
    ['province 91 (not assigned)', withCheck('91010519491231002'), 'region'],
    ['30 February', withCheck('11010519490230002'), 'birth_date'],
    ['29 February of a common year', withCheck('11010519230229002'), 'birth_date'],
    ['29 February 1900 (not a leap year)', withCheck('11010519000229002'), 'birth_date'],
    ['month 13', withCheck('11010519491301002'), 'birth_date'],
    ['month 00', withCheck('11010519490001002'), 'birth_date'],
    ['day 00', withCheck('11010519491200002'), 'birth_date'],
    ['day 32', withCheck('11010519490132002'), 'birth_date'],
    ['31 December 1899', withCheck('11010518991231002'), 'birth_date'],
    ['the GB 11643 example born in 1880', '440524188001010014', 'birth_date'],
    ['tomorrow', withCheck('11010520250602002'), 'future_birth_date'],
    ['next year', withCheck('11010520260101002'), 'future_birth_date'],
    ['a wrong check digit', '110105194912310021', 'check_character'],
    ['X where a digit belongs', '11010519491231001X', 'check_character'],
  ]);

  it('takes today as the calendar date in Beijing, not UTC', () => {
    const born = withCheck('11010520240302002');
    // 20:00 UTC on 1 March is 04:00 on 2 March in Beijing.
    expect(validateIdNumber(born, { today: new Date('2024-03-01T20:00:00Z') }).ok).toBe(true);
    expect(validateIdNumber(born, { today: new Date('2024-03-01T15:59:59Z') })).toEqual({
      ok: false,
      reason: 'future_birth_date',
    });
  });

  it('uses the clock when no date is given', () => {
    expect(validateIdNumber(withCheck('11010529990101002'))).toEqual({ ok: false, reason: 'future_birth_date' });
    expect(validateIdNumber('11010519491231002X').ok).toBe(true);
  });

  it('reads gender from the 17th digit: odd is male, even is female', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const result = validateIdNumber(withCheck(`1101051949123100${digit}`), { today });
      expect(result).toMatchObject({ ok: true, gender: digit % 2 === 1 ? 'male' : 'female' });
    }
  });

  it('rejects every single-character change of a valid number', () => {
    fc.assert(
      fc.property(
        partsArb,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        (parts, position, replacement) => {
          const valid = makeIdNumber(parts);
          fc.pre(valid[position] !== replacement);
          const changed = valid.slice(0, position) + replacement + valid.slice(position + 1);
          expect(validateIdNumber(changed, { today }).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rejects every swap of two different neighbouring characters of a valid number', () => {
    fc.assert(
      fc.property(partsArb, fc.integer({ min: 0, max: 16 }), (parts, position) => {
        const valid = makeIdNumber(parts);
        const a = valid[position]!;
        const b = valid[position + 1]!;
        fc.pre(a !== b);
        const swapped = valid.slice(0, position) + b + a + valid.slice(position + 2);
        expect(validateIdNumber(swapped, { today }).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\dXx ]{0,20}$/)), (raw) => {
        const result = validateIdNumber(raw, { today });
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

describe('computeCheckCharacter', () => {
  itMapsEach('gives the check character of %s as %s', computeCheckCharacter, [
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'], // the worked example in GB 11643-1999
  ]);

  it('agrees with ISO 7064 MOD 11-2 computed from its definition', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        expect(computeCheckCharacter(first17)).toBe(oracleCheckCharacter(first17));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses anything but 17 digits', () => {
    expect(() => computeCheckCharacter('1101051949123100')).toThrow(Error);
    expect(() => computeCheckCharacter('1101051949123100A')).toThrow(Error);
  });
});

describe('makeIdNumber', () => {
  it('makes the well-known example from its parts', () => {
    expect(makeIdNumber({ regionCode: '110105', birthDate: '1949-12-31', sequence: 2 })).toBe('11010519491231002X');
  });

  it('makes numbers that validate and give back their birth date, region and gender', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const value = makeIdNumber(parts);
        expect(validateIdNumber(value, { today })).toEqual({
          ok: true,
          value,
          birthDate: parts.birthDate,
          gender: parts.sequence % 2 === 1 ? 'male' : 'female',
          regionCode: parts.regionCode,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['a 4-digit region', { regionCode: '1101', birthDate: '1990-01-01', sequence: 1 }],
    ['an unknown province', { regionCode: '990101', birthDate: '1990-01-01', sequence: 1 }],
    ['an impossible date', { regionCode: '110105', birthDate: '1990-02-30', sequence: 1 }],
    ['a date without dashes', { regionCode: '110105', birthDate: '19900101', sequence: 1 }],
    ['a date before 1900', { regionCode: '110105', birthDate: '1899-12-31', sequence: 1 }],
    ['a negative sequence', { regionCode: '110105', birthDate: '1990-01-01', sequence: -1 }],
    ['a sequence over 999', { regionCode: '110105', birthDate: '1990-01-01', sequence: 1000 }],
    ['a fractional sequence', { regionCode: '110105', birthDate: '1990-01-01', sequence: 1.5 }],
  ])('refuses %s', (_label, parts) => {
    expect(() => makeIdNumber(parts)).toThrow(/makeIdNumber/);
  });
});

describe('checkAgainstIdNumber', () => {
  const id = { birthDate: '1949-12-31', gender: 'female' as const };

  it.each<[string, { gender?: 'male' | 'female'; birthDate?: string }, Array<'gender' | 'birth_date'>]>([
    ['both agree', { gender: 'female', birthDate: '1949-12-31' }, []],
    ['nothing typed', {}, []],
    ['wrong gender', { gender: 'male', birthDate: '1949-12-31' }, ['gender']],
    ['wrong birth date', { gender: 'female', birthDate: '1949-12-30' }, ['birth_date']],
    ['both wrong', { gender: 'male', birthDate: '1950-01-01' }, ['gender', 'birth_date']],
    ['only a wrong birth date typed', { birthDate: '1950-01-01' }, ['birth_date']],
    ['only a right gender typed', { gender: 'female' }, []],
  ])('reports the disagreeing fields when %s', (_label, typed, expected) => {
    expect(checkAgainstIdNumber(id, typed)).toEqual(expected);
  });

  it('accepts a validation result directly', () => {
    const result = validateIdNumber('11010519491231002X', { today });
    if (!result.ok) throw new Error('expected a valid number');
    expect(checkAgainstIdNumber(result, { gender: 'male' })).toEqual(['gender']);
  });
});

describe('idNumberProblemMessage', () => {
  const problems: IdNumberProblem[] = [
    'empty', 'length', 'characters', 'region', 'birth_date', 'future_birth_date', 'check_character',
  ];

  it('says the check character is wrong in Chinese and English', () => {
    expect(idNumberProblemMessage('check_character', 'zh-CN')).toBe('身份证号校验位错误');
    expect(idNumberProblemMessage('check_character', 'en-US')).toMatch(/check character/);
  });

  it('has a distinct message for every problem in each locale', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const messages = problems.map((p) => idNumberProblemMessage(p, locale));
      expect(messages.every((m) => m.length > 0)).toBe(true);
      expect(new Set(messages).size).toBe(problems.length);
    }
  });

  it('writes the Chinese messages in Chinese and the English ones without Chinese', () => {
    for (const p of problems) {
      expect(idNumberProblemMessage(p, 'zh-CN')).toMatch(/身份证号/);
      expect(idNumberProblemMessage(p, 'en-US')).not.toMatch(/\p{Script=Han}/u);
    }
  });
});
