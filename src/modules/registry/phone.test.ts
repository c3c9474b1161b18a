import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mobileProblemMessage, normaliseMobile, validateMobile, type MobileProblem } from './phone.ts';
import { itMapsEach, itRefusesEach } from '../../../test/table.ts';

const mobileArb = fc.stringMatching(/^1[3-9]\d{9}$/);

describe('normaliseMobile', () => {
  itMapsEach('turns %j into %j', normaliseMobile, [
    ['13812345678', '13812345678'],
    [' 138 1234 5678 ', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['86 138 1234 5678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['＋８６\u3000138－1234－5678', '13812345678'],
    ['', ''],
  ]);

  it('leaves a number alone when taking off 86 would not leave 11 digits', () => {
    expect(normaliseMobile('861234')).toBe('861234');
  });

  it('leaves a canonical mobile number unchanged', () => {
    fc.assert(
      fc.property(mobileArb, (mobile) => {
        expect(normaliseMobile(mobile)).toBe(mobile);
      }),
    );
  });
});

describe('validateMobile', () => {
  it.each([
    ['13012345678'],
    ['19912345678'],
    ['+86 159 0000 1111'],
    ['0086-177-0000-1111'],
  ])('accepts %s', (raw) => {
    expect(validateMobile(raw)).toEqual({ ok: true, value: normaliseMobile(raw) });
  });

  itRefusesEach<string, MobileProblem>('rejects %s as %s', validateMobile, [
    ['nothing', '', 'empty'],
    ['only spaces and dashes', ' - ', 'empty'],
    ['only a country code', '+86', 'empty'],
    ['10 digits', '1381234567', 'format'],
    ['12 digits', '138123456789', 'format'],
    ['a second digit of 2', '12812345678', 'format'],
    ['a second digit of 1', '11812345678', 'format'],
    ['a landline with area code', '010-12345678', 'format'],
    ['a letter', '1381234567a', 'format'],
    ['a foreign country code', '+1 13812345678', 'format'],
  ]);

  it('accepts every mainland mobile number however it is spaced or prefixed', () => {
    fc.assert(
      fc.property(
        mobileArb,
        fc.constantFrom('', '+86', '0086', '86', '+86 ', '0086-'),
        fc.constantFrom((s: string) => s, (s: string) => `${s.slice(0, 3)} ${s.slice(3, 7)} ${s.slice(7)}`, (s: string) => `${s.slice(0, 3)}-${s.slice(3, 7)}-${s.slice(7)}`),
        (mobile, prefix, spacing) => {
          expect(validateMobile(prefix + spacing(mobile))).toEqual({ ok: true, value: mobile });
        },
      ),
    );
  });

  it('only ever returns 11-digit numbers starting 13–19 as valid', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+\d -]{0,16}$/)), (raw) => {
        const result = validateMobile(raw);
        if (result.ok) expect(result.value).toMatch(/^1[3-9]\d{9}$/);
      }),
    );
  });
});

describe('mobileProblemMessage', () => {
  it.each<[MobileProblem, string, RegExp]>([
    ['empty', '请填写手机号', /mobile number/],
    ['format', '手机号格式不正确，应为以1开头的11位数字', /11 digits/],
  ])('explains %s in Chinese and English', (problem, zh, en) => {
    expect(mobileProblemMessage(problem, 'zh-CN')).toBe(zh);
    expect(mobileProblemMessage(problem, 'en-US')).toMatch(en);
  });
});
