// Helpers for the registry's tests: ledger files, multipart uploads, reading .xlsx
// responses back as text, and waiting for a background import.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { makeIdNumber } from './id-number.ts';

/** A valid ID number of a person born in Haidian (110108) on a date, with a sequence number. */
export const haidianId = (birthDate: string, sequence: number) => makeIdNumber({ regionCode: '110108', birthDate, sequence });

/** An .xlsx file with the given rows (the first is the header), optionally after a title row. */
export async function ledgerXlsx(rows: (string | number | Date | null)[][], options: { title?: string; sharedStrings?: boolean } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  if (options.title) sheet.addRow([options.title]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file, for app.inject. */
export function multipartFile(fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gongzhi${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every cell of every sheet of an .xlsx file, as lines of tab-separated text. */
export async function xlsxText(content: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const lines: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '')));
      lines.push(values.join('\t'));
    });
  });
  return lines.join('\n');
}

/** Polls an import job until it leaves a running state. */
export async function waitForImport(app: FastifyInstance, cookie: string, id: string, timeoutMs = 60_000): Promise<Record<string, unknown> & { status: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/registry/imports/${id}`, headers: { cookie } });
    const job = res.json() as Record<string, unknown> & { status: string };
    if (res.statusCode !== 200) throw new Error(`GET import ${id}: ${res.statusCode} ${res.body}`);
    if (job.status !== 'checking' && job.status !== 'committing') return job;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const given = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];

/** The header of the ledgers syntheticLedger writes. */
export const syntheticHeader = ['楼栋', '单元', '房号', '与户主关系', '姓名', '公民身份号码', '联系电话', '重点人群'];

/**
 * Rows of a valid ledger: households of three (head, spouse, child) in six-floor
 * buildings, each person with a distinct valid ID number and phone. `first` offsets the
 * people so two calls can make different people.
 */
export function* syntheticLedger(count: number, options: { first?: number; buildingPrefix?: string } = {}): Generator<string[]> {
  const first = options.first ?? 0;
  for (let n = first; n < first + count; n++) {
    const household = Math.floor(n / 3);
    const role = n % 3;
    const building = Math.floor(household / 24);
    const inBuilding = household % 24;
    const day = new Date(Date.UTC(1940, 0, 1) + (n % 25_000) * 86_400_000).toISOString().slice(0, 10);
    const id = makeIdNumber({ regionCode: '110108', birthDate: day, sequence: Math.floor(n / 25_000) % 1000 });
    yield [
      `${options.buildingPrefix ?? '测试小区'}${building + 1}号楼`,
      String(Math.floor(inBuilding / 12) + 1),
      `${Math.floor((inBuilding % 12) / 2) + 1}0${(inBuilding % 2) + 1}`,
      ['户主', '配偶', '子女'][role] as string,
      `${surnames[household % surnames.length]}${given[(n * 7) % given.length]}`,
      id,
      `13${String(n).padStart(9, '0')}`,
      '',
    ];
  }
}
