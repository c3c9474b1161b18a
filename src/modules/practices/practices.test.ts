import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { actorSession, seedTree, setupTestApp } from '../../../test/helpers.ts';
import { insertOrgUnits } from '../org/index.ts';
import type { PracticeFacets, PracticePage, PracticePoints, PracticeView } from './contract.ts';
import { loadPracticeLibrary } from './index.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
// A second district, outside the Haidian staff's scope.
await insertOrgUnits(ctx.database.db, [{ code: '110105', parentCode: '110100', level: 'district', name: '朝阳区', orgPath: '110000.110100.110105' }]);
const { app, database } = ctx;

const haidianStaff = await actorSession(ctx, 'district_staff', '110108');
const admin = await actorSession(ctx, 'system_admin');

function get<T>(url: string): Promise<T> {
  return app.inject({ method: 'GET', url }).then((res) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  });
}

function send(cookie: string | undefined, method: 'PATCH' | 'POST', url: string, payload: object) {
  return app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });
}

const versionOf = async (id: string) => (await queryRows<{ version: number }>(database.db, sql`select version from practices where id = ${id}`))[0]?.version;

describe('the public library', () => {
  it('lists every shipped practice to anyone, a page at a time', async () => {
    const first = await get<PracticePage>('/api/public/practices');
    expect(first.total).toBe(106);
    expect(first.items).toHaveLength(20);
    const last = await get<PracticePage>('/api/public/practices?page=6&pageSize=20');
    expect(last.items).toHaveLength(6);
    const ids = new Set([...first.items, ...last.items].map((p) => p.id));
    expect(ids.size).toBe(26);
  });

  it.each([
    // The Shanghai case study reports 2013 figures, so 2013 holds it too.
    ['year=2013', 12],
    ['year=2014', 20],
    ['year=2015', 40],
    ['year=2019', 31],
    ['source=zone_2015', 40],
    ['source=zone_2019', 31],
    ['source=top_ten_2014', 11],
    ['source=nominee_2014', 9],
    ['source=case_study', 4],
    ['year=2019&division=320000', 4],
    ['division=110108', 2],
  ])('filters by %s', async (filter, count) => {
    expect((await get<PracticePage>(`/api/public/practices?${filter}&pageSize=100`)).total).toBe(count);
  });

  it('filters by theme, province prefix and words', async () => {
    const grid = await get<PracticePage>('/api/public/practices?theme=grid_management&pageSize=100');
    expect(grid.total).toBeGreaterThan(5);
    expect(grid.items.every((p) => p.themes.includes('grid_management'))).toBe(true);
    const beijing = await get<PracticePage>('/api/public/practices?division=110000&pageSize=100');
    expect(beijing.items.every((p) => p.divisionCode?.startsWith('11'))).toBe(true);
    expect(beijing.items.map((p) => p.provinceName)).toContain('北京市');
    const words = await get<PracticePage>(`/api/public/practices?q=${encodeURIComponent('三事分流')}`);
    expect(words.items.map((p) => p.id)).toEqual(expect.arrayContaining(['top-ten-2014-500108', 'zone-2015-500108']));
    expect((await get<PracticePage>(`/api/public/practices?q=${encodeURIComponent('100%_')}`)).total).toBe(0);
  });

  it('counts the facets under a filter', async () => {
    const all = await get<PracticeFacets>('/api/public/practices/facets');
    expect(all.total).toBe(106);
    expect(Object.fromEntries(all.sources.map((s) => [s.key, s.count]))).toEqual({ top_ten_2013: 10, nominee_2013: 1, top_ten_2014: 11, nominee_2014: 9, zone_2015: 40, zone_2019: 31, case_study: 4 });
    expect(all.years.reduce((n, y) => n + y.count, 0)).toBe(106);
    expect(all.provinces.find((p) => p.key === '320000')).toMatchObject({ label: '江苏省' });
    const y2015 = await get<PracticeFacets>('/api/public/practices/facets?year=2015');
    expect(y2015.total).toBe(40);
    expect(y2015.years).toEqual([{ key: '2015', label: null, count: 40 }]);
  });

  it('places every practice with a place on the map', async () => {
    const all = await get<PracticePoints>('/api/public/practices/points');
    expect(all.points).toHaveLength(105);
    expect(all.unplaced).toBe(1);
    expect((await get<PracticePoints>('/api/public/practices/points?year=2019')).points).toHaveLength(31);
  });

  it('shows one practice with its feature links, and says when there is none', async () => {
    const haidian = await get<PracticeView>('/api/public/practices/case-study-haidian');
    expect(haidian).toMatchObject({ placeName: '北京市海淀区', divisionCode: '110108', source: 'case_study' });
    expect(haidian.features).toEqual(expect.arrayContaining(['grid_map', 'cases', 'public_roster']));
    const missing = await app.inject({ method: 'GET', url: '/api/public/practices/no-such' });
    expect(missing.statusCode).toBe(404);
  });

  it('exports the filtered list as .xlsx', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/practices/export?year=2015' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(41);
    expect(sheet?.getRow(1).getCell(4).value).toBe('名称');
  });

  it('refuses a bad filter, naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/practices?year=abc&division=12' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['querystring.year', 'querystring.division']));
  });
});

describe('staff edits', () => {
  it.each<Role>(['community_staff', 'street_staff', 'grid_worker', 'resident', 'leader', 'auditor'])('a %s may not edit the library', async (role) => {
    const grantedOn: Partial<Record<Role, string>> = { community_staff: '110108001001', resident: '110108001001', street_staff: '110108001', grid_worker: 'GA1', leader: '110108' };
    const who = await actorSession(ctx, role, grantedOn[role]);
    const before = await versionOf('case-study-haidian');
    const res = await send(who.cookie, 'PATCH', '/api/practices/case-study-haidian', { version: before, features: [] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(await versionOf('case-study-haidian')).toBe(before);
  });

  it('an anonymous caller is asked to sign in before anything is checked', async () => {
    const res = await send(undefined, 'PATCH', '/api/practices/case-study-haidian', { version: 'x' });
    expect(res.statusCode).toBe(401);
  });

  it('district staff edit the feature links of a practice in their district, once per version', async () => {
    const version = await versionOf('case-study-haidian');
    const res = await send(haidianStaff.cookie, 'PATCH', '/api/practices/case-study-haidian', { version, features: ['grid_map', 'assessment'], themes: ['grid_management'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ features: ['grid_map', 'assessment'], themes: ['grid_management'], version: (version ?? 0) + 1 });
    const stale = await send(haidianStaff.cookie, 'PATCH', '/api/practices/case-study-haidian', { version, features: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const audit = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where target_id = 'case-study-haidian'`);
    expect(audit.map((a) => a.action)).toEqual(['practices.update']);
    // Reloading the shipped library keeps what staff changed.
    await loadPracticeLibrary(database.db);
    expect((await get<PracticeView>('/api/public/practices/case-study-haidian')).features).toEqual(['grid_map', 'assessment']);
  });

  it('district staff may not edit a practice elsewhere; the system administrator may', async () => {
    const version = await versionOf('top-ten-2014-320100');
    const res = await send(haidianStaff.cookie, 'PATCH', '/api/practices/top-ten-2014-320100', { version, features: [] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    expect(await versionOf('top-ten-2014-320100')).toBe(version);
    const ok = await send(admin.cookie, 'PATCH', '/api/practices/top-ten-2014-320100', { version, features: ['services'] });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses unknown features and themes, naming the field, and changes nothing', async () => {
    const version = await versionOf('zone-2015-110108');
    const res = await send(haidianStaff.cookie, 'PATCH', '/api/practices/zone-2015-110108', { version, features: ['teleport'], themes: [] });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.features.0', 'body.themes']));
    expect(await versionOf('zone-2015-110108')).toBe(version);
  });

  const local = { title: '翠微路社区楼门议事', year: 2026, themes: ['consultation'], summary: '每个楼门推选议事代表，每月在楼门口商量一件身边的事。', features: ['participation'] };

  it('district staff add a local practice for a community of their district; it joins the public list', async () => {
    const res = await send(haidianStaff.cookie, 'POST', '/api/practices', { ...local, orgCode: '110108001001' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<PracticeView>();
    expect(created).toMatchObject({ source: 'local', divisionCode: '110108', provinceCode: '110000', isShipped: false });
    expect(created.lng).not.toBeNull();
    const listed = await get<PracticePage>('/api/public/practices?source=local');
    expect(listed.items.map((p) => p.id)).toEqual([created.id]);
    expect((await get<PracticePage>('/api/public/practices')).total).toBe(107);
  });

  it('refuses a local practice outside the caller’s district, for a department, or with bad fields', async () => {
    const count = async () => (await get<PracticePage>('/api/public/practices?source=local')).total;
    const before = await count();
    const outside = await send(haidianStaff.cookie, 'POST', '/api/practices', { ...local, orgCode: '110105' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('OUT_OF_SCOPE');
    const department = await send(haidianStaff.cookie, 'POST', '/api/practices', { ...local, orgCode: '110108D01' });
    expect(department.statusCode).toBe(400);
    expect(department.json().error.details.fields[0].field).toBe('body.orgCode');
    const bad = await send(haidianStaff.cookie, 'POST', '/api/practices', { ...local, orgCode: '110108001001', title: '', year: 1800 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['body.title', 'body.year']));
    expect(await count()).toBe(before);
  });
});
