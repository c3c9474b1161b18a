// The catalogue and bundles over HTTP: versions kept for applications, pinyin search on the
// public catalogue, .xlsx export and import (all or nothing, naming the bad row), and a
// bundle fanned out to its items, complete only when every item is.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../../test/helpers.ts';
import { makeIdNumber } from '../../registry/index.ts';
import { allowanceItem, residenceItem, seedTestCatalogue, uploadBody, uploadMaterial } from '../test-support.ts';

type Session = Awaited<ReturnType<typeof actorSession>>;
let ctx: TestContext;
let district: Session;
let streetA: Session;
let department: Session;
let resident: Session;

const inject = (s: Session | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: s ? { cookie: s.cookie } : {} });

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  await seedTestCatalogue(ctx);
  [district, streetA, department, resident] = await Promise.all([
    actorSession(ctx, 'district_staff', '110108'),
    actorSession(ctx, 'street_staff', '110108001'),
    actorSession(ctx, 'department_handler', '110108D01'),
    actorSession(ctx, 'resident', '110108001001'),
  ]);
});

describe('catalogue', () => {
  it('finds items by name, pinyin and initials without an account', async () => {
    for (const q of ['高龄', 'gaoling', 'glj']) {
      const res = await inject(undefined, 'GET', `/api/public/services?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((i: { code: string }) => i.code), q).toEqual(['GZ-GL-001']);
    }
    const one = await inject(undefined, 'GET', '/api/public/services/GZ-GL-001');
    expect(one.json().materials).toHaveLength(3);
    expect((await inject(undefined, 'GET', '/api/public/services/NOPE')).statusCode).toBe(404);
  });

  it('versions a change; an application keeps the version it was made under', async () => {
    const app = await inject(resident, 'POST', '/api/services/applications', {
      itemCode: 'GZ-GL-001',
      communityCode: '110108001001',
      applicant: { name: '王秀兰', idNumber: makeIdNumber({ regionCode: '110108', birthDate: '1940-05-06', sequence: 5 }), phone: '13912345678' },
      form: { birthDate: '1940-05-06' },
    });
    expect(app.statusCode, app.body).toBe(201);
    expect(app.json().itemVersion).toBe(1);
    const changed = await inject(district, 'PUT', '/api/services/items/GZ-GL-001', { ...allowanceItem, version: 1, name: '高龄老人津贴申领', promisedDays: 3 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().version).toBe(2);
    // A second change from the old version is refused.
    expect((await inject(district, 'PUT', '/api/services/items/GZ-GL-001', { ...allowanceItem, version: 1 })).statusCode).toBe(409);
    const again = await inject(streetA, 'GET', `/api/services/applications/${app.json().number}`);
    expect(again.json()).toMatchObject({ itemVersion: 1, itemName: '高龄津贴申领' });
    expect((await inject(streetA, 'GET', '/api/services/items/GZ-GL-001/versions/1')).json().promisedDays).toBe(5);
    // Only the catalogue keepers change it; a bad field is named.
    expect((await inject(streetA, 'PUT', '/api/services/items/GZ-GL-001', { ...allowanceItem, version: 2 })).statusCode).toBe(403);
    const bad = await inject(district, 'POST', '/api/services/items', { ...residenceItem, code: 'BAD_ONE', promisedDays: 9 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('promisedDays');
  });

  it('exports the catalogue and imports it back: new items made, changed ones versioned, a bad row refused whole', async () => {
    const res = await inject(department, 'GET', '/api/services/items/export.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const items = wb.getWorksheet('事项')!;
    expect(items.getRow(1).getCell(1).value).toBe('编码');
    // Add a new item and change a promise.
    items.addRow(['VOLUNTEER_CERT', '志愿服务证明开具', '公共服务', '', '社区', 5, 2, '不收费', '窗口、网上', '否', '']);
    wb.getWorksheet('材料')!.addRow(['VOLUNTEER_CERT', 'id_card', '居民身份证', '原件', 1, '必需', '']);
    items.eachRow((row) => {
      if (row.getCell(1).value === 'GZ-ZM-001') row.getCell(7).value = 2;
    });
    const good = uploadBody(Buffer.from(await wb.xlsx.writeBuffer()), 'catalogue.xlsx');
    const imported = await ctx.app.inject({ method: 'POST', url: '/api/services/items/import', payload: good.payload, headers: { ...good.headers, cookie: district.cookie } });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ created: 1, updated: 1, unchanged: 1 });
    expect((await inject(undefined, 'GET', '/api/public/services?q=zhiyuan')).json().total).toBe(1);
    // A bad kind on one row refuses the whole file, naming the row.
    items.addRow(['BROKEN', '坏事项', '不存在的类型', '', '社区', 5, 2, '', '窗口', '否', '']);
    const badFile = uploadBody(Buffer.from(await wb.xlsx.writeBuffer()), 'catalogue.xlsx');
    const refused = await ctx.app.inject({ method: 'POST', url: '/api/services/items/import', payload: badFile.payload, headers: { ...badFile.headers, cookie: district.cookie } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('事项!');
    expect((await inject(undefined, 'GET', '/api/public/services?q=VOLUNTEER')).json().total).toBe(1);
  });
});

describe('bundles (高效办成一件事)', () => {
  it('fans one application out to its items and completes only when every item is done', async () => {
    const saved = await inject(district, 'POST', '/api/services/bundles', { code: 'ELDER_CARE', name: '老年人助老一件事', lifeEvent: '年满八十', itemCodes: ['GZ-GL-001', 'GZ-ZM-001'] });
    expect(saved.statusCode, saved.body).toBe(201);
    // One set of materials: the ID card asked once, the strictest rule kept.
    expect(saved.json().materials.filter((m: { key: string }) => m.key === 'id_card')).toHaveLength(1);
    const files = [await uploadMaterial(ctx, streetA), await uploadMaterial(ctx, streetA)];
    const res = await inject(streetA, 'POST', '/api/services/bundle-applications', {
      bundleCode: 'ELDER_CARE',
      communityCode: '110108001001',
      applicant: { name: '陈淑珍', idNumber: makeIdNumber({ regionCode: '110108', birthDate: '1941-01-02', sequence: 8 }), phone: '13811112222' },
      form: { birthDate: '1941-01-02' },
      materials: [{ key: 'id_card', fileIds: [files[0]] }, { key: 'bank_card', fileIds: [files[1]] }, { key: 'residence', committed: true }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const bundle = res.json();
    expect(bundle.applications).toHaveLength(2);
    expect(bundle.complete).toBe(false);
    const [first, second] = bundle.applications as { number: string; itemCode: string }[];
    const steps = async (number: string, itemCode: string) => {
      for (const action of ['accept', 'start_review', 'approve', 'deliver']) {
        const by = itemCode === 'GZ-GL-001' && (action === 'start_review' || action === 'approve') ? department : streetA;
        const r = await inject(by, 'POST', `/api/services/applications/${number}/actions`, { action });
        expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
      }
    };
    await steps(first!.number, first!.itemCode);
    expect((await inject(streetA, 'GET', `/api/services/bundle-applications/${bundle.number}`)).json().complete).toBe(false);
    await steps(second!.number, second!.itemCode);
    expect((await inject(streetA, 'GET', `/api/services/bundle-applications/${bundle.number}`)).json().complete).toBe(true);
  });
});
