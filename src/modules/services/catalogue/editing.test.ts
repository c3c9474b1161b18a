// Editing the catalogue from the console: an item names the admission-list entries it is on
// (unknown ones refused, naming the field), a bundle is added, changed under its version
// (a stale change refused with the current version), withdrawn from the public catalogue and
// published again; only the catalogue keepers may do it, and each change is audited.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../../test/helpers.ts';
import { queryRows } from '../../../platform/db.ts';
import { allowanceItem, residenceItem, seedTestCatalogue } from '../test-support.ts';

type Session = Awaited<ReturnType<typeof actorSession>>;
let ctx: TestContext;
let district: Session;
let street: Session;

const inject = (s: Session | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: s ? { cookie: s.cookie } : {} });

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  await seedTestCatalogue(ctx);
  [district, street] = await Promise.all([actorSession(ctx, 'district_staff', '110108'), actorSession(ctx, 'street_staff', '110108001')]);
  const entry = await inject(district, 'POST', '/api/services/admission-entries', { list: 'certificate', code: 'ZM-01', title: '居住证明', districtCode: '110108' });
  expect(entry.statusCode, entry.body).toBe(201);
});

describe('items on the admission lists', () => {
  it('keeps the entries an item is on in its new version, and names an unknown entry', async () => {
    const bad = await inject(district, 'PUT', '/api/services/items/GZ-ZM-001', { ...residenceItem, version: 1, admissionEntries: ['ZM-01', 'ZM-99'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([{ field: 'body.admissionEntries.1', message: '准入清单中没有事项 ZM-99' }]);
    const malformed = await inject(district, 'PUT', '/api/services/items/GZ-ZM-001', { ...residenceItem, version: 1, admissionEntries: ['zm 1'] });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details.fields[0].field).toBe('body.admissionEntries.0');
    const ok = await inject(district, 'PUT', '/api/services/items/GZ-ZM-001', { ...residenceItem, version: 1, admissionEntries: ['ZM-01'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, admissionEntries: ['ZM-01'] });
    expect((await inject(undefined, 'GET', '/api/public/services/GZ-ZM-001')).json().admissionEntries).toEqual(['ZM-01']);
    // Nothing was changed by the refused attempts: version 2 is the first new one.
    expect((await inject(district, 'GET', '/api/services/items/GZ-ZM-001/versions/1')).json().admissionEntries).toEqual([]);
  });

  it('withdraws an item from the public catalogue and publishes it again', async () => {
    const withdrawn = await inject(district, 'PUT', '/api/services/items/GZ-GL-001', { ...allowanceItem, version: 1, active: false });
    expect(withdrawn.json()).toMatchObject({ active: false, version: 2 });
    expect((await inject(undefined, 'GET', '/api/public/services/GZ-GL-001')).statusCode).toBe(404);
    const published = await inject(district, 'PUT', '/api/services/items/GZ-GL-001', { ...allowanceItem, version: 2, active: true });
    expect(published.json()).toMatchObject({ active: true, version: 3 });
    expect((await inject(undefined, 'GET', '/api/public/services/GZ-GL-001')).statusCode).toBe(200);
  });
});

describe('bundles edited under their version', () => {
  const bundle = { code: 'YJS-TEST', name: '老人服务一件事', lifeEvent: '年满八十', itemCodes: ['GZ-GL-001', 'GZ-ZM-001'], active: true };

  it('adds a bundle once, naming a duplicate code and unknown or repeated items', async () => {
    const unknown = await inject(district, 'POST', '/api/services/bundles', { ...bundle, itemCodes: ['GZ-GL-001', 'NOPE-1', 'GZ-GL-001'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.itemCodes.1', 'body.itemCodes.2']);
    expect((await inject(street, 'POST', '/api/services/bundles', bundle)).statusCode).toBe(403);
    const made = await inject(district, 'POST', '/api/services/bundles', bundle);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ code: 'YJS-TEST', version: 1, active: true });
    // The combined form: the ID card asked once, each form field once.
    expect(made.json().materials.filter((m: { key: string }) => m.key === 'id_card')).toHaveLength(1);
    const again = await inject(district, 'POST', '/api/services/bundles', bundle);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.fields[0].field).toBe('body.code');
  });

  it('changes a bundle under its version, refuses a stale change with the current version, and withdraws it', async () => {
    const { code, ...content } = bundle;
    const changed = await inject(district, 'PUT', `/api/services/bundles/${code}`, { ...content, version: 1, name: '高龄老人服务一件事' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, name: '高龄老人服务一件事' });
    const stale = await inject(district, 'PUT', `/api/services/bundles/${code}`, { ...content, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    const withdrawn = await inject(district, 'PUT', `/api/services/bundles/${code}`, { ...content, version: 2, active: false });
    expect(withdrawn.json()).toMatchObject({ version: 3, active: false });
    expect((await inject(undefined, 'GET', `/api/public/services/bundles/${code}`)).statusCode).toBe(404);
    expect((await inject(district, 'GET', `/api/services/bundles/${code}`)).json()).toMatchObject({ active: false, version: 3 });
    expect((await inject(district, 'PUT', '/api/services/bundles/NOPE-1', { ...content, version: 1 })).statusCode).toBe(404);
  });

  it('records every change in the audit log', async () => {
    const rows = await queryRows<{ action: string }>(ctx.database.db, sql`select action from audit_log where target_id in ('YJS-TEST', 'GZ-ZM-001', 'GZ-GL-001') order by id`);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['services.item.update', 'services.bundle.create', 'services.bundle.update']));
    expect(rows.filter((r) => r.action === 'services.bundle.update')).toHaveLength(2);
  });
});
