import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { makeCase } from '../../../../test/factories.ts';
import { createConfiguredCipher } from '../../../app.ts';
import { makeIdNumber } from '../../registry/index.ts';
import type { CommunityPackage } from '../contract/packages.ts';
import { insertTestApplication } from '../ratings/test-applications.ts';
import { seedTestCatalogue } from '../test-support.ts';
import { beijingDay } from '../appointments/rules.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
await seedTestCatalogue(ctx);
const { app, database } = ctx;
const db = database.db;
const pii = createConfiguredCipher(ctx.config);
const staff = await actorSession(ctx, 'community_staff', '110108001001');
const month = beijingDay(new Date()).slice(0, 7);
// Born 1940-01-01, an even sequence: a woman.
const ID = makeIdNumber({ regionCode: '110108', birthDate: '1940-01-01', sequence: 2 });

await makeCase({ db, pii, dataDir: ctx.config.dataDir }, staff.actor);
await insertTestApplication(db, pii, { number: 'SJ20261130-00001', status: 'approved', idNumber: ID, phone: '13800138000' });

async function sheetOf(ledger: string, cookie = staff.cookie) {
  const res = await app.inject({ method: 'GET', url: `/api/services/ledgers/${ledger}?under=110108001001&month=${month}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('generated ledgers', () => {
  it('lists the generated ledgers and the hand-kept ones they replace', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/services/ledgers', headers: { cookie: staff.cookie } });
    const body = res.json<{ generated: string[]; replaced: { name: string }[] }>();
    expect(body.generated).toEqual(['key_group_visits', 'elderly_allowance', 'applications_handled', 'cases_by_category']);
    expect(body.replaced.map((r) => r.name)).toContain('重点人群走访台账');
  });

  it('generates the elderly allowance roster with its usual headers and the ID number masked', async () => {
    const rows = await sheetOf('elderly_allowance');
    expect(rows[0]?.[0]).toBe(`翠微路社区高龄津贴发放花名册（${month.replace('-', '年')}月）`);
    expect(rows[1]).toEqual(['序号', '姓名', '性别', '出生年月', '年龄', '身份证号码', '所属社区', '办件编号', '批准日期', '备注']);
    expect(rows[2]?.slice(0, 4)).toEqual(['1', '王秀英', '女', '1940-01']);
    expect(rows[2]?.[5]).toBe(`1101*************${ID.slice(-1)}`);
    expect(JSON.stringify(rows)).not.toContain(ID);
  });

  it('generates the applications handled (phones masked), the cases by category and the key-group visits', async () => {
    const handled = await sheetOf('applications_handled');
    expect(handled[1]?.slice(0, 4)).toEqual(['序号', '办件编号', '事项名称', '申请人']);
    expect(JSON.stringify(handled)).not.toContain('13800138000');
    const cases = await sheetOf('cases_by_category');
    expect(cases[1]).toEqual(['序号', '类别编码', '事件类别', '受理数', '已办结', '办理中', '办结率']);
    expect(cases.find((r) => r[2] === '合计')?.[3]).toBe('1');
    const visits = await sheetOf('key_group_visits');
    expect(visits[1]?.[0]).toBe('序号');
  });

  it('refuses another community’s ledger, a bad month naming the field, and residents', async () => {
    const other = await actorSession(ctx, 'community_staff', '110108002001');
    expect((await app.inject({ method: 'GET', url: `/api/services/ledgers/cases_by_category?under=110108001001&month=${month}`, headers: { cookie: other.cookie } })).statusCode).toBe(403);
    const bad = await app.inject({ method: 'GET', url: '/api/services/ledgers/cases_by_category?month=2026-13', headers: { cookie: staff.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('querystring.month');
    const resident = await actorSession(ctx, 'resident', '110108001001');
    expect((await app.inject({ method: 'GET', url: `/api/services/ledgers/cases_by_category?month=${month}`, headers: { cookie: resident.cookie } })).statusCode).toBe(403);
  });
});

describe('community-type service packages', () => {
  it('shows a community its package and the gaps against the catalogue', async () => {
    await db.execute(sql`update org_nodes set community_type = 'old_town' where code = '110108001001'`);
    const res = await app.inject({ method: 'GET', url: '/api/services/packages/110108001001', headers: { cookie: staff.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const pkg = res.json<CommunityPackage>();
    expect(pkg.communityType).toBe('old_town');
    // The district-wide residence certificate is offered; items not in the catalogue are gaps.
    expect(pkg.offered.map((i) => i.code)).toContain('GZ-ZM-001');
    expect(pkg.offered.length + pkg.gaps.length).toBe(pkg.package?.items.length);
    expect(pkg.gaps.find((g) => g.code === 'GZ-DB-001')).toMatchObject({ reason: 'not_in_catalogue' });
    const untyped = (await app.inject({ method: 'GET', url: '/api/services/packages/110108001002', headers: { cookie: (await actorSession(ctx, 'street_staff', '110108001')).cookie } })).json<CommunityPackage>();
    expect(untyped).toMatchObject({ communityType: null, package: null, gaps: [] });
    expect((await app.inject({ method: 'GET', url: '/api/services/packages/110108002001', headers: { cookie: staff.cookie } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/public/services/packages' })).json<unknown[]>()).toHaveLength(7);
  });
});
