import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fullMask, maskIdNumber, maskMobile, maskName } from './mask.ts';
import { makeIdNumber } from './id-number.ts';
import { itMapsEach } from '../../../test/table.ts';

const idNumberArb = fc
  .record({
    regionCode: fc.constantFrom('110105', '440304', '650102', '310115'),
    birthDate: fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(makeIdNumber);
const mobileArb = fc.stringMatching(/^1[3-9]\d{9}$/);

describe('maskIdNumber', () => {
  itMapsEach('masks %j as %j', maskIdNumber, [
    ['11010519491231002X', '1101*************X'],
    ['11010519491231002x', '1101*************X'],
    [' 110105 19491231 002X ', '1101*************X'],
    ['110105194912310021', '1101*************1'], // well-formed but failing its check: still masked, not revealed
    ['', ''],
    ['   ', ''],
    ['110105491231002', fullMask], // old 15-digit number
    ['11010519491231002', fullMask],
    ['11010519491231002X9', fullMask],
    ['1101051949123100XX', fullMask],
    ['张三丰', fullMask],
    ['not an id number!', fullMask],
  ]);

  it('shows only the first four and the check character of a valid number (nothing of the birth date or sequence)', () => {
    fc.assert(
      fc.property(idNumberArb, (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked).toBe(`${id.slice(0, 4)}${'*'.repeat(13)}${id.slice(17)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('shows nothing of any input except the first four and the last character of a well-formed number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\dXx ]{10,20}$/)), (raw) => {
        const masked = maskIdNumber(raw);
        const shown = masked.replaceAll('*', '');
        expect(shown.length).toBeLessThanOrEqual(5);
        if (shown.length > 0) expect(masked).toMatch(/^\d{4}\*{13}[\dX]$/);
      }),
    );
  });
});

describe('maskMobile', () => {
  itMapsEach('masks %j as %j', maskMobile, [
    ['13812345678', '138******78'],
    ['+86 138 1234 5678', '138******78'],
    ['0086-138-1234-5678', '138******78'],
    ['', ''],
    ['1381234567', fullMask],
    ['138123456789', fullMask],
    ['010-12345678', fullMask],
    ['12812345678', fullMask],
    ['abc', fullMask],
  ]);

  it('never shows the six middle digits of a mobile number', () => {
    fc.assert(
      fc.property(mobileArb, (mobile) => {
        const masked = maskMobile(mobile);
        expect(masked).toBe(`${mobile.slice(0, 3)}******${mobile.slice(9)}`);
      }),
    );
  });

  it('shows at most five digits of any input, and only in the masked shape', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+\d -]{8,16}$/)), (raw) => {
        const masked = maskMobile(raw);
        if (masked !== '' && masked !== fullMask) expect(masked).toMatch(/^1[3-9]\d\*{6}\d{2}$/);
      }),
    );
  });
});

describe('maskName', () => {
  itMapsEach('masks %j as %j', maskName, [
    ['张三丰', '张*丰'],
    ['李四', '李*'],
    ['王', '*'],
    ['欧阳修明', '欧**明'],
    ['阿不都·热合曼', '阿*****曼'],
    ['  张三丰  ', '张*丰'],
    ['𠮷田', '𠮷*'], // a character outside the BMP is kept whole
    ['Anna', 'A**a'],
    ['', ''],
    ['   ', ''],
  ]);

  it('never shows any character between the first and the last', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 0, maxLength: 12 }), (raw) => {
        const chars = Array.from(raw.trim());
        const masked = Array.from(maskName(raw));
        expect(masked).toHaveLength(chars.length);
        if (chars.length < 2) {
          expect(masked.every((c) => c === '*')).toBe(true);
          return;
        }
        expect(masked[0]).toBe(chars[0]);
        expect(masked.slice(1, -1).every((c) => c === '*')).toBe(true);
        // Two-character names hide the given name; longer ones keep the last character.
        expect(masked[masked.length - 1]).toBe(chars.length === 2 ? '*' : chars[chars.length - 1]);
      }),
    );
  });
});
