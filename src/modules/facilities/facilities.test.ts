// Facilities over HTTP on a small planted district: coverage figures, recomputation after a
// facility moves, the road network, "near me", files in and out, bad input, and scope per role.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../test/helpers.ts';
import { actorAt, makeBuilding, makeHouse, makeResident } from '../../../test/factories.ts';
import { createConfiguredCipher } from '../../app.ts';
import { createJobRunner } from '../../platform/jobs.ts';
import { makeIdNumber } from '../registry/index.ts';
import type { BuildingCircle, CoverageGapPage, CoverageReport, FacilityView, NearResult } from './contract.ts';
import { haversineMeters } from './coverage/geometry.ts';
import { facilityJobs, facilityRecurringJobs } from './jobs.ts';

let ctx: TestContext;
let district: string, streetA: string, communityA1: string, gridA1: string, communityB1: string, resident: string, anonymous: string;
const A1 = '110108001001';
const B1 = '110108002001';
const buildings: Record<'near' | 'far' | 'b', string> = { near: '', far: '', b: '' };
let serial = 0;

async function runJobs(): Promise<void> {
  const runner = createJobRunner({ ctx: { database: ctx.database, config: ctx.config, pii: createConfiguredCipher(ctx.config) }, handlers: facilityJobs });
  while ((await runner.runOnce()) > 0);
}

/** A multipart upload with one field "file" (light-my-request encodes FormData itself). */
function upload(bytes: Buffer, fileName: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  return form;
}

function call(cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) {
  return ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
}

async function planted(name: string, gridCode: string, lng: number, lat: number, births: string[]): Promise<string> {
  const staff = actorAt('community_staff', '');
  const building = await makeBuilding(ctx.database.db, staff, { gridCode, name, lng, lat });
  const house = await makeHouse(ctx.database.db, staff, { buildingId: building.id });
  for (const birthDate of births) {
    serial++;
    await makeResident(ctx.database.db, createConfiguredCipher(ctx.config), staff, { houseId: house.id, name: `居民${'甲乙丙丁戊己庚辛'[serial % 8]}`, idNumber: makeIdNumber({ regionCode: '110108', birthDate, sequence: 500 + serial }) });
  }
  return building.id;
}

const facilityInput = (over: Partial<Record<string, unknown>> = {}) => ({
  name: '翠微路幼儿园', kind: 'kindergarten', lng: 116.2825, lat: 39.902, operatorType: 'department', operatorName: '海淀区教育委员会',
  openingHours: '周一至周五 07:30–17:30', communityCode: A1, ...over,
});

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  // Near: two elderly, one child, one adult; far (in the same community): one adult; b (other street): one elderly.
  buildings.near = await planted('翠微路1号楼', 'GA1', 116.282, 39.902, ['1950-03-01', '1948-07-01', '2020-05-01', '1985-01-01']);
  buildings.far = await planted('翠微路9号楼', 'GA1', 116.288, 39.908, ['1990-01-01']);
  buildings.b = await planted('永定路2号楼', 'GB1', 116.305, 39.905, ['1940-01-01']);
  ({ cookie: district } = await actorSession(ctx, 'district_staff', '110108'));
  ({ cookie: streetA } = await actorSession(ctx, 'street_staff', '110108001'));
  ({ cookie: communityA1 } = await actorSession(ctx, 'community_staff', A1));
  ({ cookie: communityB1 } = await actorSession(ctx, 'community_staff', B1));
  ({ cookie: gridA1 } = await actorSession(ctx, 'grid_worker', 'GA1'));
  ({ cookie: resident } = await actorSession(ctx, 'resident', A1));
  anonymous = '';
});

let kindergarten: FacilityView;
let dayCare: FacilityView;

describe('facilities and coverage', () => {
  it('adds facilities in the grid their point lies in and computes coverage in the background', async () => {
    const k = await call(communityA1, 'POST', '/api/facilities', facilityInput());
    expect(k.statusCode).toBe(201);
    kindergarten = k.json();
    expect(kindergarten).toMatchObject({ gridCode: 'GA1', level: '5min', communityName: '翠微路社区' });
    const d = await call(communityB1, 'POST', '/api/facilities', facilityInput({ name: '永定路日间照料中心', kind: 'elderly_day_care', lng: 116.3052, lat: 39.905, communityCode: B1, operatorType: 'social_organisation', operatorName: '永定路社工站' }));
    expect(d.statusCode).toBe(201);
    dayCare = d.json();
    const before = await call(district, 'GET', '/api/facilities/settings?district=110108');
    expect(before.json()).toMatchObject({ detourFactor: 1.3, method: 'straight_line', stale: true, roadNetwork: null });
    await runJobs();
    expect((await call(district, 'GET', '/api/facilities/settings?district=110108')).json()).toMatchObject({ stale: false });
  });

  it('weighs coverage by residents and by the people each kind serves', async () => {
    const report: CoverageReport = (await call(communityA1, 'GET', `/api/facilities/coverage?org=${A1}`)).json();
    expect(report).toMatchObject({ buildings: 2, residents: 5, elderly: 2, children: 1, method: 'straight_line', communities: [] });
    const byKind = new Map(report.kinds.map((k) => [k.kind, k]));
    // The kindergarten is 43 m from the near building (×1.3) and about 800 m from the far one.
    expect(byKind.get('kindergarten')).toMatchObject({ buildings: 2, buildingsCovered: 1, residents: 5, residentsCovered: 4, groupPeople: 1, groupCovered: 1, residentShare: 0.8, groupShare: 1 });
    // The only day-care centre is in the other street.
    expect(byKind.get('elderly_day_care')).toMatchObject({ buildingsCovered: 0, groupPeople: 2, groupCovered: 0, groupShare: 0 });
    expect(byKind.has('convenience_store')).toBe(false); // not required in the seeded table
    const street: CoverageReport = (await call(district, 'GET', '/api/facilities/coverage?org=110108')).json();
    expect(street.buildings).toBe(3);
    expect(street.communities.map((c) => c.code)).toEqual([A1, B1]);
  });

  it('lists the gaps worst first and draws the community layer', async () => {
    const gaps: CoverageGapPage = (await call(communityA1, 'GET', `/api/facilities/coverage/gaps?org=${A1}&kind=elderly_day_care`)).json();
    expect(gaps.total).toBe(2);
    expect(gaps.items[0]).toMatchObject({ kind: 'elderly_day_care', nearestFacilityName: '永定路日间照料中心', walkMeters: 300 });
    const near = gaps.items.find((g) => g.buildingId === buildings.near)!;
    expect(near.distance).toBe(Math.round(haversineMeters(116.282, 39.902, 116.3052, 39.905) * 1.3));
    expect(near.groupPeople).toBe(2);
    const layer = (await call(gridA1, 'GET', `/api/facilities/coverage/layer?community=${A1}`)).json();
    // The grid worker sees the buildings of their grid (both are in GA1).
    expect(layer.features).toHaveLength(2);
    const circle: BuildingCircle = (await call(communityA1, 'GET', `/api/facilities/coverage/buildings/${buildings.near}`)).json();
    expect(circle.kinds.find((k) => k.kind === 'kindergarten')).toMatchObject({ covered: true, facility: { name: '翠微路幼儿园' } });
    const xlsx = await call(communityA1, 'GET', `/api/facilities/coverage/gaps.xlsx?org=${A1}`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['覆盖率', '缺口']);
    expect(book.getWorksheet('缺口')!.rowCount).toBeGreaterThan(2);
  });

  it('recomputes after a facility moves', async () => {
    const moved = await call(communityB1, 'PATCH', `/api/facilities/${dayCare.id}`, { version: dayCare.version, lng: 116.3001, lat: 39.9001 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ gridCode: 'GB1', version: 2 });
    const again = await call(communityA1, 'PATCH', `/api/facilities/${dayCare.id}`, { version: 2, lng: 116.2822, lat: 39.9021, communityCode: A1 });
    expect(again.json().error).toMatchObject({ code: 'OUT_OF_SCOPE' }); // A1's staff may not touch B1's facility
    const byOwner = await call(district, 'PATCH', `/api/facilities/${dayCare.id}`, { version: 2, lng: 116.2822, lat: 39.9021, communityCode: A1 });
    expect(byOwner.json()).toMatchObject({ gridCode: 'GA1', communityCode: A1, version: 3 });
    dayCare = byOwner.json();
    await runJobs();
    const report: CoverageReport = (await call(communityA1, 'GET', `/api/facilities/coverage?org=${A1}`)).json();
    expect(report.kinds.find((k) => k.kind === 'elderly_day_care')).toMatchObject({ buildingsCovered: 1, groupCovered: 2, groupShare: 1 });
  });

  it('measures along an imported road network, and refuses a broken one whole', async () => {
    const broken = await call(district, 'PUT', '/api/facilities/road-network?district=110108', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [116, 39] } }] });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatchObject({ code: 'ROAD_NETWORK_INVALID', details: { count: 1 } });
    // One road from the near building north, east and back south to the far one.
    const road = [[116.282, 39.902], [116.282, 39.91], [116.288, 39.91], [116.288, 39.908]];
    expect((await call(streetA, 'PUT', '/api/facilities/road-network?district=110108', { type: 'FeatureCollection', features: [] })).statusCode).toBe(400);
    const refused = await call(streetA, 'PUT', '/api/facilities/road-network?district=110108', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: road } }] });
    expect(refused.json().error).toMatchObject({ code: 'OUT_OF_SCOPE' }); // street staff do not set a district's network
    const ok = await call(district, 'PUT', '/api/facilities/road-network?district=110108', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: road } }] });
    expect(ok.json()).toMatchObject({ method: 'road', roadNetwork: { nodes: 4, edges: 3 }, stale: true });
    await runJobs();
    const circle: BuildingCircle = (await call(communityA1, 'GET', `/api/facilities/coverage/buildings/${buildings.far}`)).json();
    expect(circle.method).toBe('road');
    const h = (a: number[], b: number[]) => haversineMeters(a[0]!, a[1]!, b[0]!, b[1]!);
    // The far building sits on the road's end; the kindergarten joins the road at its start.
    const expected = h(road[0]!, road[1]!) + h(road[1]!, road[2]!) + h(road[2]!, road[3]!) + h(road[0]!, [116.2825, 39.902]);
    expect(circle.kinds.find((k) => k.kind === 'kindergarten')!.distance).toBe(Math.round(expected));
    await call(district, 'DELETE', '/api/facilities/road-network?district=110108');
    await runJobs();
  });

  it('tells a resident what is near, from a point or a building found by address, without an account', async () => {
    const byPoint: NearResult = (await call(anonymous, 'GET', '/api/public/facilities/near?lng=116.2821&lat=39.9021')).json();
    expect(byPoint.method).toBe('straight_line');
    expect(byPoint.items.map((i) => i.name)).toEqual(expect.arrayContaining(['翠微路幼儿园', '永定路日间照料中心']));
    const k = byPoint.items.find((i) => i.kind === 'kindergarten')!;
    expect(k).toMatchObject({ kindName: '幼儿园', openingHours: '周一至周五 07:30–17:30' });
    expect(k.distance).toBe(Math.round(haversineMeters(116.2821, 39.9021, 116.2825, 39.902) * 1.3));
    const places = (await call(anonymous, 'GET', `/api/public/facilities/places?q=${encodeURIComponent('9号楼')}`)).json();
    expect(places.items).toEqual([expect.objectContaining({ buildingId: buildings.far, communityName: '翠微路社区' })]);
    const byBuilding: NearResult = (await call(anonymous, 'GET', `/api/public/facilities/near?buildingId=${buildings.far}&kind=kindergarten&maxMeters=500`)).json();
    expect(byBuilding.items).toEqual([]); // about 800 m walking: beyond the 500 m asked
    const missing = await call(anonymous, 'GET', '/api/public/facilities/near');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0].field).toContain('lng');
  });
});

describe('registry changes', () => {
  it('picks up a new building of the registry on the periodic check', async () => {
    const id = await planted('翠微路12号楼', 'GA1', 116.2826, 39.9021, ['2019-01-01']);
    const runner = createJobRunner({ ctx: { database: ctx.database, config: ctx.config, pii: createConfiguredCipher(ctx.config) }, handlers: facilityJobs, recurring: facilityRecurringJobs });
    while ((await runner.runOnce()) > 0);
    const layer = (await call(communityA1, 'GET', `/api/facilities/coverage/layer?community=${A1}`)).json();
    const added = layer.features.find((f: { properties: { buildingId: string } }) => f.properties.buildingId === id);
    expect(added.properties.lacking).not.toContain('kindergarten');
  });
});

describe('files', () => {
  it('exports .xlsx and GeoJSON and imports them back (an id updates, no id creates)', async () => {
    const geo = (await call(district, 'GET', '/api/facilities/export.geojson')).json();
    expect(geo.features).toHaveLength(2);
    const xlsx = await call(communityA1, 'GET', '/api/facilities/export.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(3); // A1's two facilities, under one header row
    sheet.addRow(['', '翠微路社区服务站', 'service_station', '', '', 116.283, 39.903, '', '', '', 'community', '翠微路居委会', A1, '', A1]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const dry = await ctx.app.inject({ method: 'POST', url: '/api/facilities/import?format=xlsx&dryRun=true', headers: { cookie: communityA1 }, payload: upload(bytes, 'f.xlsx') });
    expect(dry.json()).toEqual({ created: 1, updated: 2, dryRun: true });
    expect((await call(communityA1, 'GET', '/api/facilities')).json().total).toBe(2);
    const done = await ctx.app.inject({ method: 'POST', url: '/api/facilities/import?format=xlsx', headers: { cookie: communityA1 }, payload: upload(bytes, 'f.xlsx') });
    expect(done.json()).toEqual({ created: 1, updated: 2, dryRun: false });
    expect((await call(communityA1, 'GET', '/api/facilities?kind=service_station')).json().items[0]).toMatchObject({ name: '翠微路社区服务站', gridCode: 'GA1' });
  });

  it('refuses a file with a wrong row whole, naming the row and field', async () => {
    const file = Buffer.from(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [116.284, 39.904] }, properties: facilityInput({ name: '好的一行' }) },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [116.284, 39.904] }, properties: facilityInput({ kind: 'no_such_kind' }) },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [116.284, 39.904] }, properties: facilityInput({ communityCode: B1 }) },
      ],
    }));
    const res = await ctx.app.inject({ method: 'POST', url: '/api/facilities/import?format=geojson', headers: { cookie: communityA1 }, payload: upload(file, 'f.geojson') });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'FACILITY_IMPORT_INVALID', details: { problems: [{ row: 2, field: 'kind' }] } });
    const scoped = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [116.3, 39.9] }, properties: facilityInput({ communityCode: B1 }) }] }));
    const other = await ctx.app.inject({ method: 'POST', url: '/api/facilities/import?format=geojson', headers: { cookie: communityA1 }, payload: upload(scoped, 'f.geojson') });
    const torn = await ctx.app.inject({ method: 'POST', url: '/api/facilities/import?format=geojson', headers: { cookie: communityA1, 'content-type': 'multipart/form-data; boundary=x' }, payload: 'not a body' });
    expect(torn.json().error.details.fields[0].field).toBe('body.file');
    expect(other.json().error).toMatchObject({ code: 'FACILITY_IMPORT_INVALID', details: { problems: [{ row: 1, message: '该数据不在您的管辖范围内 / This record is outside the part of the tree you may access' }] } });
    expect((await call(communityA1, 'GET', '/api/facilities?q=好的一行')).json().total).toBe(0);
  });
});

describe('bad input and the standard table', () => {
  it('names the field and changes nothing', async () => {
    const before = (await call(district, 'GET', '/api/facilities')).json().total;
    const unknownKind = await call(communityA1, 'POST', '/api/facilities', facilityInput({ kind: 'no_such_kind' }));
    expect(unknownKind.statusCode).toBe(400);
    expect(unknownKind.json().error.details.fields[0].field).toBe('body.kind');
    const badLng = await call(communityA1, 'POST', '/api/facilities', facilityInput({ lng: 200 }));
    expect(badLng.json().error.details.fields[0].field).toBe('body.lng');
    const notCommunity = await call(communityA1, 'POST', '/api/facilities', facilityInput({ communityCode: '110108001' }));
    expect(notCommunity.json().error.details.fields[0].field).toBe('body.communityCode');
    const stale = await call(communityA1, 'PATCH', `/api/facilities/${kindergarten.id}`, { version: 1, name: '旧版本' });
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await call(district, 'GET', '/api/facilities')).json().total).toBe(before);
  });

  it('lets district staff edit the standard table, not street staff, and marks coverage stale', async () => {
    const row = (await call(gridA1, 'GET', '/api/facilities/kinds')).json().items.find((k: { code: string }) => k.code === 'convenience_store');
    expect(row).toMatchObject({ level: 'block', walkMeters: 150, required: false });
    expect((await call(streetA, 'PATCH', '/api/facilities/kinds/convenience_store', { version: row.version, required: true })).json().error).toMatchObject({ code: 'FORBIDDEN' });
    const changed = await call(district, 'PATCH', '/api/facilities/kinds/convenience_store', { version: row.version, required: true, level: '5min' });
    expect(changed.json()).toMatchObject({ required: true, level: '5min', walkMeters: 300, version: row.version + 1 });
    expect((await call(district, 'GET', '/api/facilities/settings?district=110108')).json().stale).toBe(true);
    await runJobs();
    const report: CoverageReport = (await call(district, 'GET', `/api/facilities/coverage?org=${A1}`)).json();
    expect(report.kinds.find((k) => k.kind === 'convenience_store')).toMatchObject({ buildingsCovered: 0 });
  });
});

describe('scope', () => {
  it('shows each role only its part of the tree', async () => {
    expect((await call(anonymous, 'GET', '/api/facilities')).statusCode).toBe(401);
    expect((await call(resident, 'GET', '/api/facilities')).json().error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(communityB1, 'GET', '/api/facilities')).json().items.every((f: FacilityView) => f.communityCode === B1)).toBe(true);
    expect((await call(communityB1, 'GET', `/api/facilities/${kindergarten.id}`)).json().error).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect((await call(communityB1, 'GET', `/api/facilities/coverage?org=${A1}`)).json().error).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect((await call(communityB1, 'GET', `/api/facilities/coverage/buildings/${buildings.near}`)).json().error).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect((await call(communityB1, 'GET', `/api/facilities/coverage/gaps?org=${A1}`)).json().error).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect((await call(gridA1, 'GET', `/api/facilities/${kindergarten.id}`)).statusCode).toBe(200);
    expect((await call(gridA1, 'POST', '/api/facilities', facilityInput())).json().error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(gridA1, 'DELETE', `/api/facilities/${kindergarten.id}?version=${kindergarten.version}`)).json().error).toMatchObject({ code: 'FORBIDDEN' });
    const streetList = (await call(streetA, 'GET', '/api/facilities')).json();
    expect(streetList.items.every((f: FacilityView) => f.orgPath.startsWith('110000.110100.110108.110108001'))).toBe(true);
    expect((await call(streetA, 'GET', '/api/facilities/coverage?org=110108002')).json().error).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect((await call(communityB1, 'POST', '/api/facilities/coverage/recompute?district=110108')).statusCode).toBe(202);
    expect((await call(gridA1, 'POST', '/api/facilities/coverage/recompute?district=110108')).json().error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('deletes with the version read', async () => {
    const current: FacilityView = (await call(communityA1, 'GET', `/api/facilities/${kindergarten.id}`)).json();
    expect((await call(communityA1, 'DELETE', `/api/facilities/${kindergarten.id}?version=${current.version}`)).statusCode).toBe(204);
    expect((await call(communityA1, 'GET', `/api/facilities/${kindergarten.id}`)).statusCode).toBe(404);
  });
});
