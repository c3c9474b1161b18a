// Social workers over HTTP on a real database: the caseload paged and exported, residents named
// in clear only to those the registry lets see them (masked for the rest, in the list and the
// .xlsx alike, never an ID number or phone), bad input naming its field, and every route of the
// register per role — an organisation's staff reach none of it.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { makeBuilding, makeHouse, makeResident } from '../../../../test/factories.ts';
import { createConfiguredCipher } from '../../../app.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const pii = createConfiguredCipher(ctx.config);

const staffA = await actorSession(ctx, 'community_staff', '110108001001');
const staffB = await actorSession(ctx, 'community_staff', '110108002001');
const streetA = await actorSession(ctx, 'street_staff', '110108001');
const streetB = await actorSession(ctx, 'street_staff', '110108002');
const district = await actorSession(ctx, 'district_staff', '110108');
const leaderA = await actorSession(ctx, 'leader', '110108001');
const orgStaff = await actorSession(ctx, 'organisation_staff', '110108001001');
const resident = await actorSession(ctx, 'resident', '110108001001');

async function residentOf(actor: typeof staffA.actor, gridCode: string, name: string, phone: string) {
  const building = await makeBuilding(database.db, actor, { gridCode });
  const house = await makeHouse(database.db, actor, { buildingId: building.id });
  return makeResident(database.db, pii, actor, { houseId: house.id, name, phone });
}
const nearby = await residentOf(staffA.actor, 'GA1', '王秀英', '13800138011');
const farAway = await residentOf(staffB.actor, 'GB1', '赵建国', '13800138022');

const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

async function sheetRows(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('social workers over HTTP', () => {
  let workerId = '';

  it('registers a worker; bad input names the field and writes nothing', async () => {
    const noCert = await call(staffA.cookie, 'POST', '/api/community/workers', { orgCode: '110108001001', name: '李社工', level: 'social_worker' });
    expect(noCert.statusCode).toBe(400);
    expect(noCert.body).toContain('body.certificateNumber');
    expect((await call(staffA.cookie, 'GET', '/api/community/workers')).json().total).toBe(0);
    const ok = await call(staffA.cookie, 'POST', '/api/community/workers', { orgCode: '110108001001', name: '李社工', level: 'social_worker', certificateNumber: 'SW2020110108', certifiedOn: '2020-06-20' });
    expect(ok.statusCode, ok.body).toBe(201);
    workerId = ok.json().id;
  });

  it('takes residents into the caseload: one in the actor’s registry scope, never one outside it', async () => {
    const outside = await call(staffA.cookie, 'POST', `/api/community/workers/${workerId}/caseload`, { residentId: farAway.id, reason: '独居老人探访', openedOn: '2026-10-01' });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('body.residentId');
    const added = await call(staffA.cookie, 'POST', `/api/community/workers/${workerId}/caseload`, { residentId: nearby.id, reason: '困境老人个案', openedOn: '2026-09-01' });
    expect(added.statusCode, added.body).toBe(201);
    // The district keeps both streets' registers: it may bring a street B resident to a street A worker.
    const far = await call(district.cookie, 'POST', `/api/community/workers/${workerId}/caseload`, { residentId: farAway.id, reason: '独居老人探访', openedOn: '2026-10-01' });
    expect(far.statusCode, far.body).toBe(201);
    for (let i = 0; i < 3; i++) await call(staffA.cookie, 'POST', `/api/community/workers/${workerId}/caseload`, { residentId: nearby.id, reason: `回访 ${i + 1}`, openedOn: `2026-08-0${i + 1}` });
  });

  it('pages the caseload, filters open and closed cases, and closes a case with its outcome', async () => {
    const page1 = (await call(staffA.cookie, 'GET', `/api/community/workers/${workerId}/caseload?page=1&pageSize=2`)).json();
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    const page3 = (await call(staffA.cookie, 'GET', `/api/community/workers/${workerId}/caseload?page=3&pageSize=2`)).json();
    expect(page3.items).toHaveLength(1);
    const first = page1.items[0];
    const closed = await call(staffA.cookie, 'POST', `/api/community/workers/${workerId}/caseload/${first.id}/close`, { closedOn: '2026-11-01', outcome: '已链接居家养老服务' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await call(staffA.cookie, 'GET', `/api/community/workers/${workerId}/caseload?state=closed`)).json().total).toBe(1);
    expect((await call(staffA.cookie, 'GET', `/api/community/workers/${workerId}/caseload?state=open`)).json().total).toBe(4);
    const twice = await call(staffA.cookie, 'POST', `/api/community/workers/${workerId}/caseload/${first.id}/close`, { closedOn: '2026-11-02', outcome: '再次结案' });
    expect(twice.statusCode).toBe(404);
    const badState = await call(staffA.cookie, 'GET', `/api/community/workers/${workerId}/caseload?state=all`);
    expect(badState.statusCode).toBe(400);
    expect(badState.body).toContain('state');
    const badDate = await call(staffA.cookie, 'POST', `/api/community/workers/${workerId}/caseload`, { residentId: nearby.id, reason: '日期错误', openedOn: '2026-13-01' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('body.openedOn');
  });

  it('names a resident in clear only for roles whose registry scope covers them, else masked; never an ID number or phone', async () => {
    const names = async (cookie: string) =>
      (await call(cookie, 'GET', `/api/community/workers/${workerId}/caseload?pageSize=50`)).json().items.map((c: { residentName: string; reason: string }) => `${c.reason}:${c.residentName}`).sort();
    const clearBoth = ['困境老人个案:王秀英', '回访 1:王秀英', '回访 2:王秀英', '回访 3:王秀英', '独居老人探访:赵建国'];
    expect(await names(district.cookie)).toEqual(clearBoth.sort());
    const maskedFar = ['困境老人个案:王秀英', '回访 1:王秀英', '回访 2:王秀英', '回访 3:王秀英', '独居老人探访:赵*国'];
    expect(await names(staffA.cookie)).toEqual(maskedFar.sort());
    expect(await names(streetA.cookie)).toEqual(maskedFar);
    expect(await names(leaderA.cookie)).toEqual(maskedFar);
    const body = (await call(staffA.cookie, 'GET', `/api/community/workers/${workerId}/caseload?pageSize=50`)).body;
    for (const secret of ['13800138011', '13800138022', '110108']) expect(body).not.toContain(secret);
    expect(Object.keys(JSON.parse(body).items[0]).sort()).toEqual(['closedOn', 'id', 'openedOn', 'outcome', 'reason', 'residentId', 'residentName']);
    const services = await call(staffA.cookie, 'POST', `/api/community/workers/${workerId}/services`, { servedOn: '2026-10-02', minutes: 60, summary: '上门探访', caseId: (await call(district.cookie, 'GET', `/api/community/workers/${workerId}/caseload?pageSize=50`)).json().items.find((c: { residentName: string }) => c.residentName === '赵建国').id });
    expect(services.statusCode, services.body).toBe(201);
    expect(services.json().items[0].residentName).toBe('赵*国');
  });

  it('exports the caseload as .xlsx, masked exactly as the list is for the one asking', async () => {
    const mine = await call(staffA.cookie, 'GET', `/api/community/workers/${workerId}/caseload.xlsx`);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(mine.rawPayload);
    expect(rows[0]).toEqual(['服务对象', '服务原因', '开案日期', '结案日期', '结案情况']);
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r[0])).toContain('赵*国');
    expect(rows.map((r) => r[0])).not.toContain('赵建国');
    const theirs = await sheetRows((await call(district.cookie, 'GET', `/api/community/workers/${workerId}/caseload.xlsx?state=closed`)).rawPayload);
    expect(theirs).toHaveLength(2);
    expect(theirs.map((r) => r[0])).toContain('赵建国');
  });

  it('keeps every route of the workers register from roles without scope on it', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/community/workers'],
      ['POST', '/api/community/workers', { orgCode: '110108001001', name: '越界', level: 'uncertified' }],
      ['GET', `/api/community/workers/${workerId}`],
      ['PATCH', `/api/community/workers/${workerId}`, { version: 1, name: '越界改名' }],
      ['GET', `/api/community/workers/${workerId}/caseload`],
      ['GET', `/api/community/workers/${workerId}/caseload.xlsx`],
      ['POST', `/api/community/workers/${workerId}/caseload`, { residentId: nearby.id, reason: '越界', openedOn: '2026-10-01' }],
      ['GET', `/api/community/workers/${workerId}/services`],
      ['POST', `/api/community/workers/${workerId}/services`, { servedOn: '2026-10-02', minutes: 30, summary: '越界' }],
      ['GET', '/api/community/tiers'],
    ];
    // An organisation's staff and a resident hold no permission on the register at all.
    for (const who of [orgStaff, resident]) {
      for (const [method, url, body] of routes) expect((await call(who.cookie, method as 'GET', url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    for (const [method, url] of routes) expect((await call(undefined, method as 'GET', url)).statusCode, `${method} ${url}`).toBe(401);
    // Another street's staff: the list is empty for them and the worker's own routes refuse.
    expect((await call(streetB.cookie, 'GET', '/api/community/workers')).json().total).toBe(0);
    for (const [method, url, body] of routes.filter(([, url]) => url.includes(workerId))) {
      expect((await call(streetB.cookie, method as 'GET', url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    // A leader reads, does not write.
    expect((await call(leaderA.cookie, 'GET', `/api/community/workers/${workerId}`)).statusCode).toBe(200);
    expect((await call(leaderA.cookie, 'PATCH', `/api/community/workers/${workerId}`, { version: 1, name: '领导改名' })).statusCode).toBe(403);
    expect((await call(leaderA.cookie, 'POST', `/api/community/workers/${workerId}/caseload`, { residentId: nearby.id, reason: '领导', openedOn: '2026-10-01' })).statusCode).toBe(403);
    const after = (await call(staffA.cookie, 'GET', `/api/community/workers/${workerId}`)).json();
    expect(after).toMatchObject({ name: '李社工', version: 1, openCases: 4 });
  });
});
