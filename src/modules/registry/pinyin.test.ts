import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { isPinyinSyllable, nameSearchKeys, searchTermKind } from './pinyin.ts';
import { itMapsEach } from '../../../test/table.ts';

// The CJK Unified Ideographs block as far as GB 18030 / Unicode 4.1 (U+4E00–U+9FA5).
const hanChars: string[] = [];
for (let code = 0x4e00; code <= 0x9fa5; code++) hanChars.push(String.fromCodePoint(code));

// Readings that are interjections, not syllables a name is written with.
const interjections = new Set(['m', 'n', 'ng', 'hng', 'ê', 'e\u0302']);
const defaultReading = (char: string): string => pinyin(char, { toneType: 'none', v: true });
const nameChars = hanChars.filter((c) => /^[a-z]+$/.test(defaultReading(c)) && !interjections.has(defaultReading(c)));

describe('nameSearchKeys', () => {
  it.each([
    ['张三丰', 'zhangsanfeng', 'zsf'],
    ['单雄信', 'shanxiongxin', 'sxx'], // 单 as a surname is shan, not dan
    ['曾国藩', 'zengguofan', 'zgf'], // not ceng
    ['欧阳修', 'ouyangxiu', 'oyx'],
    ['解宝', 'xiebao', 'xb'], // not jie
    ['区志强', 'ouzhiqiang', 'ozq'], // not qu
    ['仇英', 'qiuying', 'qy'], // not chou
    ['朴正', 'piaozheng', 'pz'], // not pu
    ['查良镛', 'zhaliangyong', 'zly'], // not cha
    ['乐嘉', 'yuejia', 'yj'], // not le
    ['盖聂', 'genie', 'gn'], // not gai
    ['尉迟恭', 'yuchigong', 'ycg'], // compound surname, not wei
    ['万俟卨', 'moqixie', 'mqx'], // compound surname, not wan si
    ['长孙无忌', 'zhangsunwuji', 'zswj'], // compound surname, not chang
    ['单单', 'shandan', 'sd'], // only the first character is read as a surname
    ['吕布', 'lvbu', 'lb'], // ü is written v, as input methods do
    ['女娲', 'nvwa', 'nw'],
    ['Anna王', 'annawang', 'aw'], // a run of letters is one word
    ['王Anna', 'wanganna', 'wa'],
    ['Zhang San', 'zhangsan', 'zs'],
    ['José李', 'joseli', 'jl'], // accents are dropped
    ['Ａｎｎａ王', 'annawang', 'aw'], // full-width letters are read as ASCII
    ['李 四', 'lisi', 'ls'],
    ['  张三  ', 'zhangsan', 'zs'],
    ['阿依古丽·买买提', 'ayiguli' + 'maimaiti', 'aygl' + 'mmt'], // the middle dot is dropped
    ['张三2', 'zhangsan2', 'zs2'],
    ['𠮷田', '𠮷tian', '𠮷t'], // a character pinyin-pro cannot read is kept as it is
    ['', '', ''],
    ['·', '', ''],
  ])('gives %s the keys %s / %s', (name, full, initials) => {
    expect(nameSearchKeys(name)).toEqual({ full, initials });
  });

  it('gives a Chinese name one initial per character, each starting its syllable in the full key', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...nameChars), { minLength: 1, maxLength: 4 }), (chars) => {
        const { full, initials } = nameSearchKeys(chars.join(''));
        expect(full).toMatch(/^[a-z]+$/);
        expect(initials).toMatch(/^[a-z]+$/);
        expect(initials).toHaveLength(chars.length);
        expect(full.startsWith(initials[0]!)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never puts spaces, upper case or tone marks in the keys', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 8 }), (name) => {
        const { full, initials } = nameSearchKeys(name);
        for (const key of [full, initials]) {
          expect(key).not.toMatch(/\s/);
          expect(key).toBe(key.toLowerCase());
          expect(key).not.toMatch(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/);
        }
        expect(Array.from(initials).length).toBeLessThanOrEqual(Array.from(full).length);
      }),
    );
  });
});

describe('searchTermKind', () => {
  itMapsEach('treats %j as %s', searchTermKind, [
    ['zsf', 'initials'],
    ['ZSF', 'initials'],
    ['ly', 'initials'],
    ['z', 'initials'], // one letter is taken as an initial
    ['a', 'initials'],
    ['zhangsanfeng', 'pinyin'],
    ['zhang san feng', 'pinyin'],
    ['ZhangSan', 'pinyin'],
    ['zhangsanf', 'pinyin'], // the last syllable is still being typed
    ['zhangs', 'pinyin'],
    ['zh', 'pinyin'],
    ['ouyang', 'pinyin'],
    ["xi'an", 'pinyin'],
    ['lvbu', 'pinyin'],
    ['lübu', 'pinyin'],
    ['zsfeng', 'initials'], // a mix of initials and pinyin is matched as initials
    ['张三丰', 'chinese'],
    ['张', 'chinese'],
    ['张s', 'chinese'],
    ['王Anna', 'chinese'],
    ['Anna?', 'chinese'],
    ['', 'chinese'],
    ['138', 'digits'],
    ['13812345678', 'digits'],
    ['138 1234 5678', 'digits'],
    ['138-1234', 'digits'],
    ['002X', 'digits'], // the tail of an ID number
    ['11010519491231002x', 'digits'],
    ['１３８', 'digits'],
    ['X', 'initials'],
  ]);

  it('reads the full key of any Chinese name of two or more characters as pinyin', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...nameChars), { minLength: 2, maxLength: 4 }), (chars) => {
        expect(searchTermKind(nameSearchKeys(chars.join('')).full)).toBe('pinyin');
      }),
      { numRuns: 1000 },
    );
  });

  it('reads every prefix of length two or more of a full key as pinyin, as the user types it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...nameChars), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        (chars, cut) => {
          const { full } = nameSearchKeys(chars.join(''));
          fc.pre(full.length >= 2);
          const typed = full.slice(0, 2 + (cut % (full.length - 1)));
          expect(searchTermKind(typed)).toBe('pinyin');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('classifies any query without throwing', () => {
    fc.assert(
      fc.property(fc.string(), (q) => {
        expect(['initials', 'pinyin', 'chinese', 'digits']).toContain(searchTermKind(q));
      }),
    );
  });
});

describe('isPinyinSyllable', () => {
  it('knows every reading pinyin-pro gives a common character', () => {
    const readings = new Set(nameChars.map(defaultReading));
    const unknown = [...readings].filter((r) => !isPinyinSyllable(r));
    expect(unknown).toEqual([]);
  });

  itMapsEach('says %j is a syllable: %s', isPinyinSyllable, [
    ['zhang', true],
    ['lv', true],
    ['a', true],
    ['zh', false],
    ['ng', false],
    ['zsf', false],
    ['', false],
  ]);
});
