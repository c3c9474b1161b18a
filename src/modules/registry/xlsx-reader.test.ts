import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { columnIndex, readXlsxRows } from './xlsx-reader.ts';
import { readLedger } from './ledger-reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-xlsx-'));
const rowsOf = async (file: string) => {
  const out: { rowNo: number; cells: unknown[] }[] = [];
  for await (const row of readXlsxRows(file)) out.push(row);
  return out;
};

describe('readXlsxRows', () => {
  it.each([true, false])('reads every Chinese character intact across chunk boundaries (shared strings: %s)', async (sharedStrings) => {
    // exceljs's own streaming reader turns characters split between two inflated chunks into "�".
    const file = path.join(dir, `big-${sharedStrings}.xlsx`);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: sharedStrings });
    const sheet = workbook.addWorksheet('台账');
    const expected: string[][] = [];
    for (let i = 0; i < 6000; i++) {
      const row = [`翠微路${i}号院${i % 7}号楼`, `欧阳${'秀英建国丽华'.slice(i % 5, (i % 5) + 2)}`, `备注：第${i}行，含“引号”与&符号<>`];
      expected.push(row);
      sheet.addRow(row).commit();
    }
    sheet.commit();
    await workbook.commit();
    const rows = await rowsOf(file);
    expect(rows.map((r) => r.cells)).toEqual(expected);
    expect(rows.map((r) => r.cells.join('')).join('')).not.toContain('\uFFFD');
  });

  it('reads typed cells, rich text, formulas, gaps and row numbers as Excel shows them', async () => {
    const file = path.join(dir, 'typed.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.getCell('A1').value = '翠微路社区实有人口台账';
    sheet.getCell('A3').value = '姓名';
    sheet.getCell('C3').value = { richText: [{ text: '身份' }, { text: '证号', font: { bold: true } }] };
    sheet.getCell('A4').value = '张三丰';
    sheet.getCell('B4').value = 13812345678;
    sheet.getCell('C4').value = true;
    sheet.getCell('D4').value = new Date(Date.UTC(1985, 5, 12));
    sheet.getCell('E4').value = { formula: 'A4&"x"', result: '张三丰x' };
    await workbook.xlsx.writeFile(file);
    const rows = await rowsOf(file);
    expect(rows.map((r) => r.rowNo)).toEqual([1, 3, 4]);
    expect(rows[1]?.cells).toEqual(['姓名', undefined, '身份证号']);
    expect(rows[2]?.cells.slice(0, 3)).toEqual(['张三丰', 13812345678, true]);
    expect(rows[2]?.cells[3]).toBe(31210); // a date cell is Excel's day number (1985-06-12)
    expect(rows[2]?.cells[4]).toBe('张三丰x');
  });

  it('refuses a file that is not an .xlsx workbook', async () => {
    const file = path.join(dir, 'not.xlsx');
    fs.writeFileSync(file, 'PK but not really a zip');
    const read = async () => {
      for await (const _row of readLedger(file, 'xlsx')) void _row;
    };
    await expect(read()).rejects.toMatchObject({ code: 'REGISTRY_IMPORT_FORMAT' });
  });

  it('turns cell references into column indexes', () => {
    expect(['A1', 'Z9', 'AA10', 'AB12', 'XFD1'].map(columnIndex)).toEqual([0, 25, 26, 27, 16383]);
  });
});
