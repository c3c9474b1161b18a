// Shared by the services tests: a small catalogue on the test tree, a material file, and
// helpers that drive applications through the HTTP API.
import type { TestContext } from '../../../test/helpers.ts';
import { systemActor } from '../../platform/auth/scope.ts';
import type { ItemContent } from './contract.ts';
import { createItem } from './catalogue/items.ts';

type Session = { cookie: string };

/** A minimal PDF, as a scanned material would come (checked by content). */
export const testPdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A multipart body with one file field. */
export function uploadBody(bytes: Buffer, filename: string) {
  const boundary = `----svc${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** An elderly allowance item: taken in by streets, online and counter, a required ID copy, a 容缺 bank card, a 告知承诺 residence proof. */
export const allowanceItem: ItemContent = {
  name: '高龄津贴申领',
  kind: 'benefit',
  departmentCode: '110108D01',
  acceptLevels: ['street'],
  statutoryDays: 20,
  promisedDays: 5,
  materials: [
    { key: 'id_card', name: '居民身份证', form: 'copy', count: 1, rule: 'required', note: '' },
    { key: 'bank_card', name: '本人银行卡', form: 'copy', count: 1, rule: 'deferrable', note: '' },
    { key: 'residence', name: '户籍证明', form: 'original', count: 1, rule: 'commitment', note: '' },
  ],
  fees: '不收费',
  channels: ['counter', 'online'],
  districtWide: false,
  formFields: [
    { key: 'birthDate', label: '出生日期', type: 'date', required: true, options: [] },
    { key: 'bank', label: '开户银行', type: 'select', required: false, options: ['工商银行', '农业银行'] },
  ],
  guide: '年满 80 周岁的本区户籍老人',
  admissionEntries: [],
};

/** A district-wide (全区通办) residence certificate, counter only. */
export const residenceItem: ItemContent = {
  ...allowanceItem,
  name: '居住证明开具',
  kind: 'confirmation',
  departmentCode: null,
  acceptLevels: ['community', 'street'],
  promisedDays: 1,
  statutoryDays: 3,
  materials: [{ key: 'id_card', name: '居民身份证', form: 'original', count: 1, rule: 'required', note: '' }],
  channels: ['counter'],
  districtWide: true,
  formFields: [],
};

/** Puts the test items into the catalogue. */
export async function seedTestCatalogue(ctx: TestContext): Promise<void> {
  const admin = { ...systemActor, grants: [{ role: 'district_staff' as const, orgPath: '' }] };
  await createItem(ctx.database.db, admin, 'GZ-GL-001', allowanceItem);
  await createItem(ctx.database.db, admin, 'GZ-ZM-001', residenceItem);
}

/** Uploads a material file as the session's user; returns its id. */
export async function uploadMaterial(ctx: TestContext, s: Session, bytes = testPdf): Promise<string> {
  const body = uploadBody(bytes, 'scan.pdf');
  const res = await ctx.app.inject({ method: 'POST', url: '/api/services/materials', payload: body.payload, headers: { ...body.headers, cookie: s.cookie } });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}
