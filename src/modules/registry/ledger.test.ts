import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkLedgerRow, knownHeaderCount, mapHeaders, normaliseHeader, type LedgerCell, type LedgerField } from './ledger.ts';
import { CsvFormatError, csvField, detectEncoding, parseCsv } from './csv.ts';
import { searchTerms, tsqueryFor } from './text-search.ts';
import { checkMembership, builtInKindInfos, nextVisitDue, parseKeyGroupCell, schemaOfCustomFields } from './key-groups/kinds.ts';
import { ageOn, parseLedgerDate, parseRelation } from './vocabulary.ts';
import { makeIdNumber } from './id-number.ts';

const today = '2025-06-01';
const id = (birthDate: string, sequence: number) => makeIdNumber({ regionCode: '110108', birthDate, sequence });
const good: Partial<Record<LedgerField, LedgerCell>> = {
  building: '翠微路28号院3号楼',
  unit: '2单元',
  houseNumber: '302室',
  relation: '户主',
  name: '张三丰',
  gender: '男',
  birthDate: '1985/6/12',
  idNumber: id('1985-06-12', 1),
  phone: '138 1234 5678',
  ethnicity: '汉',
  residenceType: '户籍',
};

describe('header mapping', () => {
  it('maps the template headers, known aliases and marked-up headers to fields', () => {
    const m = mapHeaders(['序号', '*姓名', '身份证号码', '手机号', '楼号', '房间号', '与户主的关系', '性别（男/女）', '网格']);
    expect(m.fields).toEqual([null, 'name', 'idNumber', 'phone', 'building', 'houseNumber', 'relation', 'gender', 'grid']);
    expect(m.missing).toEqual([]);
  });

  it('names the required columns that are missing', () => {
    expect(mapHeaders(['姓名', '电话']).missing).toEqual(['building', 'houseNumber', 'relation', 'idNumber']);
  });

  it('uses the mapping the user gives for headers it does not know, and keeps the first of two columns for one field', () => {
    const m = mapHeaders(['户主或成员', '证件', '居民', '楼', '室', '姓名'], { 户主或成员: 'relation', 证件: 'idNumber', 居民: 'name' });
    expect(m.fields).toEqual(['relation', 'idNumber', 'name', 'building', 'houseNumber', null]);
    expect(m.duplicated).toEqual(['name']);
  });

  it('finds a header row by its known columns, not a title row', () => {
    expect(knownHeaderCount(['翠微路社区实有人口台账', '', ''])).toBe(0);
    expect(knownHeaderCount(['姓名', '身份证号', '楼栋', '备注2'])).toBe(3);
    expect(normaliseHeader(' 公民身份号码（必填） ')).toBe('公民身份号码');
  });

  it('counts mapped headers only where the row has them, so a title row stays a title row', () => {
    const mapping = { 住户姓名: 'name', 证件号: 'idNumber', 手机: 'phone' };
    expect(knownHeaderCount(['翠微路社区实有人口台账', '', ''], mapping)).toBe(0);
    expect(knownHeaderCount(['住户姓名', '证件号', '楼栋'], mapping)).toBe(3);
  });
});

describe('checkLedgerRow', () => {
  it('accepts a good row and normalises it', () => {
    const result = checkLedgerRow(good, { today });
    expect(result).toEqual({
      ok: true,
      row: expect.objectContaining({
        building: '翠微路28号院3号楼', unit: '2', houseNumber: '302', floor: 3, householdNumber: '1', relation: 'head', name: '张三丰',
        gender: 'male', birthDate: '1985-06-12', idNumber: id('1985-06-12', 1), phone: '13812345678', ethnicity: '汉族', residenceType: 'local',
      }),
    });
  });

  it('reports every problem of a row by column, in Chinese', () => {
    const result = checkLedgerRow(
      { ...good, name: '', idNumber: '110108198506120018', phone: '1381234567', relation: '邻居', residenceType: '流动人口', ethnicity: '火星族', keyGroups: '独居老人、五保' },
      { today },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(expect.arrayContaining([
      { column: '姓名', message: '必填' },
      { column: '公民身份号码', message: '身份证号校验位错误' },
      { column: '联系电话', message: '手机号格式不正确，应为以1开头的11位数字' },
      { column: '与户主关系', message: expect.stringContaining('“邻居”不是有效的与户主关系') },
      { column: '来本地日期', message: '流动人口必须填写来本地日期' },
      { column: '民族', message: expect.stringContaining('“火星族”不是有效值') },
      { column: '重点人群', message: '不认识的人群类别：五保' },
    ]));
  });

  it('cross-checks gender and birth date with the ID number', () => {
    const result = checkLedgerRow({ ...good, gender: '女', birthDate: '1985-06-13' }, { today });
    expect(result.ok ? [] : result.problems.map((p) => p.column)).toEqual(['性别', '出生日期']);
  });

  it('explains an ID number Excel stored as a number (its last digits are lost)', () => {
    const result = checkLedgerRow({ ...good, idNumber: 110108198506120000 }, { today });
    expect(result.ok ? '' : result.problems[0]?.message).toMatch(/存成了数字/);
  });

  it('reads Excel date cells (as dates or day numbers) and requires a grade for a disabled person', () => {
    expect(checkLedgerRow({ ...good, birthDate: 31210 }, { today }).ok).toBe(true); // 31210 is 1985-06-12 in Excel
    expect(checkLedgerRow({ ...good, birthDate: 31211 }, { today }).ok).toBe(false);
    const disabled = checkLedgerRow({ ...good, birthDate: new Date(Date.UTC(1985, 5, 12)), keyGroups: '残疾人' }, { today });
    expect(disabled.ok ? [] : disabled.problems.map((p) => p.column)).toEqual(['残疾类别', '残疾等级']);
    const graded = checkLedgerRow({ ...good, keyGroups: '残疾人，低保', disabilityCategory: '肢体', disabilityGrade: '二级' }, { today });
    expect(graded.ok && graded.row.keyGroups).toEqual([
      { kind: 'disabled', fields: { category: 'physical', grade: 2 } },
      { kind: 'low_income', fields: { scheme: 'dibao' } },
    ]);
  });

  it('refuses key groups a person cannot belong to, and sensitive groups whose details a ledger lacks', () => {
    const young = checkLedgerRow({ ...good, keyGroups: '独居老人' }, { today });
    expect(young.ok ? '' : young.problems[0]?.message).toBe('独居老人须年满60周岁（现39岁）');
    const correction = checkLedgerRow({ ...good, keyGroups: '社区矫正' }, { today });
    expect(correction.ok ? '' : correction.problems[0]?.message).toMatch(/请在系统中单独登记/);
  });

  it('never throws and never accepts a row without a valid ID number, whatever the cells', () => {
    fc.assert(
      fc.property(fc.record({ name: fc.string(), idNumber: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), building: fc.string(), houseNumber: fc.string(), relation: fc.string(), phone: fc.string() }), (cells) => {
        const result = checkLedgerRow(cells, { today });
        if (result.ok) expect(result.row.idNumber).toMatch(/^\d{17}[\dX]$/);
      }),
    );
  });
});

describe('CSV reading', () => {
  const chunks = async function* (parts: (string | Uint8Array)[]) {
    for (const p of parts) yield typeof p === 'string' ? Buffer.from(p) : p;
  };
  const read = async (parts: (string | Uint8Array)[]) => {
    const out: { rowNo: number; fields: string[] }[] = [];
    for await (const r of parseCsv(chunks(parts))) out.push(r);
    return out;
  };

  it('reads quoted fields with commas, doubled quotes and line breaks, numbering records as rows', async () => {
    expect(await read(['姓名,备注\r\n', '"张,三","说""好""\n的"\r\n\r\n李四,', 'x'])).toEqual([
      { rowNo: 1, fields: ['姓名', '备注'] },
      { rowNo: 2, fields: ['张,三', '说"好"\n的'] },
      { rowNo: 5, fields: ['李四', 'x'] },
    ]);
  });

  it('reads GB 18030 (Chinese Excel) and UTF-8 with a byte-order mark, split anywhere', async () => {
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]); // 姓名,张三
    expect(detectEncoding(gbk)).toBe('gb18030');
    expect(await read([gbk])).toEqual([{ rowNo: 1, fields: ['姓名', '张三'] }]);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('姓名,张三丰\n')]);
    expect(await read([utf8.subarray(0, 5), utf8.subarray(5, 9), utf8.subarray(9)])).toEqual([{ rowNo: 1, fields: ['姓名', '张三丰'] }]);
  });

  it('accepts any line end, rows of any length and a stray quote inside a field', async () => {
    expect(await read(['a,b\nc\r\nd,"e\r\nf",g\rh"i'])).toEqual([
      { rowNo: 1, fields: ['a', 'b'] },
      { rowNo: 2, fields: ['c'] },
      { rowNo: 3, fields: ['d', 'e\r\nf', 'g'] },
      { rowNo: 5, fields: ['h"i'] },
    ]);
  });

  it('refuses a quote that is never closed', async () => {
    await expect(read(['姓名,备注\n张三,"没有闭合\n李四,1\n'])).rejects.toThrow(CsvFormatError);
    await expect(read(['姓名,备注\n张三,"没有闭合\n李四,1\n'])).rejects.toThrow('有引号没有闭合，直到文件末尾（第 3 行）');
  });

  it('stops reading the source when the reader stops early', async () => {
    let given = 0;
    async function* endless() {
      for (;;) {
        given++;
        yield Buffer.from('张三,1\n'.repeat(1000));
      }
    }
    for await (const record of parseCsv(endless())) if (record.rowNo > 10) break;
    expect(given).toBeLessThan(100);
  });

  it('reads back any table it writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.string({ minLength: 1 }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), async (table) => {
        const text = table.map((row) => row.map(csvField).join(',')).join('\r\n');
        expect((await read([text])).map((r) => r.fields)).toEqual(table);
      }),
    );
  });
});

describe('search terms', () => {
  it('indexes Chinese as bigrams and other runs whole', () => {
    expect(searchTerms('翠微路28号院3号楼')).toEqual(['翠微', '微路', '28', '号院', '3', '号楼']);
    expect(searchTerms('张三')).toEqual(['张三']);
    expect(searchTerms('王')).toEqual(['王']);
  });

  it('builds a tsquery of every term, the last as a prefix; punctuation only separates', () => {
    expect(tsqueryFor('张三丰')).toBe("'张三' & '三丰':*");
    expect(tsqueryFor("O'Neil & 3号楼")).toBe("'o' & 'neil' & '3' & '号楼':*");
    expect(tsqueryFor('8号院 3')).toBe("'8' & '号院' & '3':*");
    expect(tsqueryFor('张 丰')).toBe("'张':* & '丰':*");
    expect(tsqueryFor('  ,, ')).toBeUndefined();
  });
});

describe('key groups', () => {
  const kinds = new Map(builtInKindInfos().map((k) => [k.code, k]));

  it('marks community correction and severe mental disorders as sensitive, and nothing else', () => {
    expect(builtInKindInfos().filter((k) => k.sensitive).map((k) => k.code)).toEqual(['community_correction', 'severe_mental_disorder']);
  });

  it('validates the fields of each kind', () => {
    const disabled = kinds.get('disabled')!;
    expect(checkMembership(disabled, { birthDate: '1980-01-01' }, { category: 'physical', grade: 5 }, today)).toMatchObject({ ok: false, problems: [{ field: 'fields.grade' }] });
    const correction = kinds.get('community_correction')!;
    expect(checkMembership(correction, { birthDate: '1980-01-01' }, { correctionType: 'parole', startDate: '2025-02-01', endDate: '2025-01-01' }, today)).toMatchObject({ ok: false, problems: [{ field: 'fields.endDate' }] });
    expect(checkMembership(kinds.get('left_behind_child')!, { birthDate: '2010-06-02' }, {}, today)).toEqual({ ok: true, fields: {} });
    expect(checkMembership(kinds.get('left_behind_child')!, { birthDate: '2009-06-01' }, {}, today)).toMatchObject({ ok: false });
  });

  it('builds schemas for kinds staff define', () => {
    const schema = schemaOfCustomFields([
      { key: 'helper', label: '结对帮扶人', type: 'text', required: true },
      { key: 'level', label: '困难程度', type: 'choice', required: false, options: ['一般', '严重'] },
    ]);
    expect(schema.safeParse({ helper: '李四', level: '严重' }).success).toBe(true);
    expect(schema.safeParse({ level: '严重' }).success).toBe(false);
    expect(schema.safeParse({ helper: '李四', other: 1 }).success).toBe(false);
  });

  it('schedules the next visit from the last one, or from joining', () => {
    expect(nextVisitDue(7, null, '2025-05-01')).toBe('2025-05-08');
    expect(nextVisitDue(30, '2025-05-20', '2025-01-01')).toBe('2025-06-19');
    expect(nextVisitDue(null, null, '2025-05-01')).toBeNull();
  });

  it('reads the key-group cell of a ledger', () => {
    expect(parseKeyGroupCell('独居老人、特困; 军属')).toEqual({
      kinds: [
        { kind: 'elderly_alone', fields: {} },
        { kind: 'low_income', fields: { scheme: 'tekun' } },
        { kind: 'veteran', fields: { category: 'military_family' } },
      ],
      unknown: [],
    });
  });
});

describe('vocabulary', () => {
  it.each([
    ['1985-06-12', '1985-06-12'], ['1985/6/2', '1985-06-02'], ['1985.06.12', '1985-06-12'], ['19850612', '1985-06-12'], ['1985年6月12日', '1985-06-12'],
    ['1985-02-30', undefined], ['85-6-12', undefined],
  ])('reads the date %s as %s', (raw, expected) => {
    expect(parseLedgerDate(raw)).toBe(expected);
  });

  it('reads relations as household registers write them', () => {
    expect(['之子', '妻', '外孙女', '岳母', '户主'].map(parseRelation)).toEqual(['child', 'spouse', 'grandchild', 'parent_in_law', 'head']);
  });

  it('counts age in whole years', () => {
    expect(ageOn('1965-06-02', '2025-06-01')).toBe(59);
    expect(ageOn('1965-06-01', '2025-06-01')).toBe(60);
  });
});
