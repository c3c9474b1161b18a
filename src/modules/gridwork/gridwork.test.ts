// The grid worker's day over HTTP on a real database: patrols and their tracks, duty items
// closed by visits, reports and attendance, geofenced check-in, the work log, leave, the
// monthly sheet, records, retention, and who sees what.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../test/helpers.ts';
import { makeResident } from '../../../test/factories.ts';
import { createConfiguredCipher } from '../../app.ts';
import { queryRows } from '../../platform/db.ts';
import { makeIdNumber } from '../registry/index.ts';
import { deleteOldTracks } from './index.ts';
import { haversineMeters } from './track.ts';

type Session = Awaited<ReturnType<typeof actorSession>>;
let ctx: TestContext;
let worker: Session; // grid GA1 in community A1 (street A)
let worker2: Session; // grid GA2 in community A2 (street A)
let staffA1: Session;
let staffA2: Session;
let streetA: Session;
let streetB: Session;
let district: Session;

const inject = (s: Session | undefined, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { ...(s ? { cookie: s.cookie } : {}), ...headers } });

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  [worker, worker2, staffA1, staffA2, streetA, streetB, district] = await Promise.all([
    actorSession(ctx, 'grid_worker', 'GA1'),
    actorSession(ctx, 'grid_worker', 'GA2'),
    actorSession(ctx, 'community_staff', '110108001001'),
    actorSession(ctx, 'community_staff', '110108001002'),
    actorSession(ctx, 'street_staff', '110108001'),
    actorSession(ctx, 'street_staff', '110108002'),
    actorSession(ctx, 'district_staff', '110108'),
  ]);
});

// A walk due north through the middle of GA1 (116.28–116.29, 39.90–39.91), a fix every 90 s.
const started = new Date(Date.now() - 20 * 60_000);
const walk = Array.from({ length: 11 }, (_, i) => ({ lng: 116.285, lat: 39.9 + i * 0.001, accuracy: 8, recordedAt: new Date(started.getTime() + 1000 + i * 90_000).toISOString() }));

describe('patrols', () => {
  let patrolId: string;

  it('records a patrol: poor and impossible points dropped, distance and coverage from the kept ones', async () => {
    const start = await inject(worker, 'POST', '/api/gridwork/patrols', { startedAt: started.toISOString() });
    expect(start.statusCode, start.body).toBe(201);
    patrolId = start.json().id;
    expect(start.json()).toMatchObject({ gridCode: 'GA1', status: 'active', distanceMeters: 0 });
    const bad = [
      { lng: 116.2851, lat: 39.9005, accuracy: 500, recordedAt: new Date(started.getTime() + 30_000).toISOString() },
      { lng: 116.4, lat: 39.95, accuracy: 5, recordedAt: new Date(started.getTime() + 100_000).toISOString() },
    ];
    const first = await inject(worker, 'POST', `/api/gridwork/patrols/${patrolId}/points`, { points: [...walk.slice(0, 6), ...bad] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 6, dropped: 2 });
    const second = await inject(worker, 'POST', `/api/gridwork/patrols/${patrolId}/points`, { points: walk.slice(6) }, { 'idempotency-key': 'points-batch-0002' });
    const replay = await inject(worker, 'POST', `/api/gridwork/patrols/${patrolId}/points`, { points: walk.slice(6) }, { 'idempotency-key': 'points-batch-0002' });
    expect(replay.json()).toEqual(second.json());
    const ended = await inject(worker, 'POST', `/api/gridwork/patrols/${patrolId}/end`, {});
    expect(ended.statusCode).toBe(200);
    const p = ended.json();
    const height = haversineMeters({ lng: 116.285, lat: 39.9 }, { lng: 116.285, lat: 39.91 });
    expect(p.status).toBe('ended');
    expect(p.pointCount).toBe(11);
    expect(p.distanceMeters).toBeCloseTo(height, 0);
    // A 60 m strip of a grid about 853 m wide: ~7 %.
    expect(p.coverage).toBeGreaterThan(0.064);
    expect(p.coverage).toBeLessThan(0.077);
    expect(p.durationSeconds).toBeGreaterThan(19 * 60);
  });

  it('links the cases the worker reported during the patrol', async () => {
    const start = await inject(worker, 'POST', '/api/gridwork/patrols', {});
    const id = start.json().id;
    const report = await inject(worker, 'POST', '/api/cases', { title: '路灯不亮', description: '北门', categoryCode: '0701', lng: 116.285, lat: 39.905 });
    expect(report.statusCode).toBe(201);
    await inject(worker, 'POST', `/api/gridwork/patrols/${id}/points`, { points: [{ lng: 116.286, lat: 39.906, accuracy: 5, recordedAt: new Date().toISOString() }] });
    const detail = await inject(worker, 'GET', `/api/gridwork/patrols/${id}`);
    expect(detail.json().cases.map((c: { title: string }) => c.title)).toEqual(['路灯不亮']);
    expect(detail.json().track).toHaveLength(1);
    await inject(worker, 'POST', `/api/gridwork/patrols/${id}/end`, {});
  });

  it('shows the supervisors of the grid today’s patrols with the last point, and no one else', async () => {
    const list = await inject(staffA1, 'GET', '/api/gridwork/patrols');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    expect(list.json().items[1].lastPoint).toMatchObject({ lng: 116.285, lat: 39.91 });
    expect((await inject(streetA, 'GET', '/api/gridwork/patrols')).json().total).toBe(2);
    expect((await inject(staffA2, 'GET', '/api/gridwork/patrols')).json().total).toBe(0);
    expect((await inject(streetB, 'GET', '/api/gridwork/patrols')).json().total).toBe(0);
    expect((await inject(worker2, 'GET', '/api/gridwork/patrols')).json().total).toBe(0);
    expect((await inject(worker2, 'GET', `/api/gridwork/patrols/${patrolId}`)).statusCode).toBe(403);
    expect((await inject(staffA2, 'GET', `/api/gridwork/patrols/${patrolId}`)).statusCode).toBe(403);
  });

  it('audits every view of another worker’s track, not the worker’s own', async () => {
    const count = async () => (await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from audit_log where action = 'gridwork.track.view' and target_id = ${patrolId}`))[0]?.n;
    expect((await inject(worker, 'GET', `/api/gridwork/patrols/${patrolId}`)).statusCode).toBe(200);
    expect(await count()).toBe(0);
    const seen = await inject(staffA1, 'GET', `/api/gridwork/patrols/${patrolId}`);
    expect(seen.json().track).toHaveLength(11);
    expect(await count()).toBe(1);
  });

  it('refuses patrols to staff who serve no grid, and bad points by field', async () => {
    expect((await inject(staffA1, 'POST', '/api/gridwork/patrols', {})).statusCode).toBe(403);
    const res = await inject(worker, 'POST', `/api/gridwork/patrols/${patrolId}/points`, { points: [{ lng: 200, lat: 39.9, recordedAt: new Date().toISOString() }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toMatch(/points\.0\.lng/);
  });

  it('deletes tracks past the retention period and keeps the figures', async () => {
    await ctx.database.db.execute(sql`update gridwork_patrols set started_at = started_at - interval '181 days', ended_at = ended_at - interval '181 days' where id = ${patrolId}`);
    const gone = await deleteOldTracks(ctx.database.db);
    expect(gone).toEqual({ patrols: 1, points: 11 });
    const after = await inject(worker, 'GET', `/api/gridwork/patrols/${patrolId}`);
    expect(after.json().track).toEqual([]);
    expect(after.json().distanceMeters).toBeGreaterThan(1000);
    const [left] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from gridwork_track_points`);
    expect(left?.n).toBe(1);
  });
});

describe('duty items', () => {
  let residentId: string;

  it('lists a never-visited elderly member as a visit item, closed by a visit of them', async () => {
    const pii = createConfiguredCipher(ctx.config);
    const resident = await makeResident(ctx.database.db, pii, staffA1.actor, { gridCode: 'GA1', name: '王桂兰', idNumber: makeIdNumber({ regionCode: '110108', birthDate: '1948-05-02', sequence: 402 }) });
    residentId = resident.id;
    const joined = await inject(staffA1, 'POST', `/api/registry/residents/${residentId}/key-groups`, { kind: 'elderly_alone', fields: {} });
    expect(joined.statusCode, joined.body).toBe(201);
    const before = await inject(worker, 'GET', '/api/gridwork/duty-items');
    expect(before.statusCode, before.body).toBe(200);
    const item = before.json().items.find((i: { residentId: string }) => i.residentId === residentId);
    expect(item).toMatchObject({ kind: 'visit', ruleName: '独居老人', title: '王桂兰', closedAt: null });
    await inject(worker, 'POST', '/api/registry/visits', { residentId, method: 'home' });
    const after = await inject(worker, 'GET', '/api/gridwork/duty-items');
    const closed = after.json().items.find((i: { residentId: string }) => i.residentId === residentId);
    expect(closed.closedAt).not.toBeNull();
    expect(closed.closedBy).toBeTruthy();
    expect(await inject(worker2, 'GET', '/api/gridwork/duty-items').then((r) => r.json().items)).toEqual([]);
  });

  it('closes a report item by a case of its categories, and an attend item by the worker', async () => {
    const rules = (await inject(staffA1, 'GET', '/api/gridwork/duty-rules')).json().items as { id: string; kind: string; name: string }[];
    expect(rules.filter((r) => r.kind === 'visit')).toHaveLength(7);
    const security = rules.find((r) => r.name === '治安隐患') as { id: string };
    const funeral = rules.find((r) => r.name === '居民家中有丧事') as { id: string };
    expect((await inject(worker, 'POST', '/api/gridwork/occasions', { ruleId: security.id, under: 'GA1', title: '3号楼群租' })).statusCode).toBe(403);
    const made = await inject(staffA1, 'POST', '/api/gridwork/occasions', { ruleId: security.id, under: 'GA1', title: '3号楼群租' });
    expect(made.statusCode, made.body).toBe(201);
    const attendMade = await inject(staffA1, 'POST', '/api/gridwork/occasions', { ruleId: funeral.id, under: '110108001001', title: '5号楼李家丧事' });
    const attendId = attendMade.json().items[0].id;
    const open = (await inject(worker, 'GET', '/api/gridwork/duty-items?open=true')).json().items.map((i: { title: string }) => i.title);
    expect(open).toEqual(expect.arrayContaining(['3号楼群租', '5号楼李家丧事']));
    await inject(worker, 'POST', '/api/cases', { title: '疑似群租', description: '3号楼2单元', categoryCode: '0203', lng: 116.285, lat: 39.905 });
    expect((await inject(worker, 'POST', `/api/gridwork/occasions/${attendId}/attend`, { note: '已到场慰问' })).json().closedAt).not.toBeNull();
    const list = (await inject(worker, 'GET', '/api/gridwork/duty-items')).json();
    const report = list.items.find((i: { title: string }) => i.title === '3号楼群租');
    expect(report.closedBy).toBeTruthy();
    expect(report.isOverdue).toBe(false);
    expect(list.items.find((i: { title: string }) => i.title === '5号楼李家丧事').closedAt).not.toBeNull();
  });

  it('lets district staff edit the table, naming a missing field', async () => {
    const bad = await inject(district, 'POST', '/api/gridwork/duty-rules', { district: '110108', kind: 'visit', name: '新迁入户' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.keyGroupKinds', 'body.everyDays']);
    const ok = await inject(district, 'POST', '/api/gridwork/duty-rules', { district: '110108', kind: 'visit', name: '新迁入户', keyGroupKinds: ['disabled'], everyDays: 14 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await inject(staffA1, 'POST', '/api/gridwork/duty-rules', { district: '110108', kind: 'visit', name: 'x', keyGroupKinds: ['disabled'], everyDays: 14 })).statusCode).toBe(403);
    const changed = await inject(district, 'PATCH', `/api/gridwork/duty-rules/${ok.json().id}`, { everyDays: 10, version: 1 });
    expect(changed.json()).toMatchObject({ everyDays: 10, version: 2 });
    expect((await inject(district, 'PATCH', `/api/gridwork/duty-rules/${ok.json().id}`, { everyDays: 9, version: 1 })).statusCode).toBe(409);
  });
});

describe('attendance', () => {
  it('checks in inside the grid and within the tolerance, and refuses farther with the distance', async () => {
    const far = await inject(worker, 'POST', '/api/gridwork/attendance/check-in', { lng: 116.2935, lat: 39.905 }, { 'accept-language': 'zh-CN' });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.code).toBe('GRIDWORK_OUTSIDE_GRID');
    expect(far.json().error.message).toMatch(/网格外约 29\d 米（允许 100 米）/);
    const near = await inject(worker, 'POST', '/api/gridwork/attendance/check-in', { lng: 116.2905, lat: 39.905 });
    expect(near.statusCode, near.body).toBe(200);
    expect(near.json().checkInDistanceMeters).toBeGreaterThan(40);
    expect(near.json().checkInDistanceMeters).toBeLessThan(45);
    const out = await inject(worker, 'POST', '/api/gridwork/attendance/check-out', { lng: 116.285, lat: 39.905 });
    expect(out.json().checkOutAt).not.toBeNull();
    expect((await inject(worker2, 'POST', '/api/gridwork/attendance/check-out', { lng: 116.295, lat: 39.905 })).statusCode).toBe(409);
    const mine = await inject(worker, 'GET', '/api/gridwork/attendance/mine');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().today.checkInAt).not.toBeNull();
  });

  it('takes leave to community staff for approval (never the worker themself) and shows it on the sheet', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const leave = await inject(worker2, 'POST', '/api/gridwork/leaves', { kind: 'leave', from: today, to: today, reason: '就医' });
    expect(leave.statusCode, leave.body).toBe(201);
    const id = leave.json().id;
    expect((await inject(worker2, 'POST', `/api/gridwork/leaves/${id}/decide`, { approve: true, version: 1 })).statusCode).toBe(403);
    expect((await inject(staffA1, 'POST', `/api/gridwork/leaves/${id}/decide`, { approve: true, version: 1 })).statusCode).toBe(403);
    const ok = await inject(staffA2, 'POST', `/api/gridwork/leaves/${id}/decide`, { approve: true, version: 1 });
    expect(ok.json().status).toBe('approved');
    const swap = await inject(worker2, 'POST', '/api/gridwork/leaves', { kind: 'swap', from: today, to: today, reason: '调班' });
    expect(swap.json().error.details.fields[0].field).toBe('body.swapWithId');
    const sheet = await inject(staffA2, 'GET', `/api/gridwork/attendance/sheet.xlsx?community=110108001002&month=${today.slice(0, 7)}`);
    expect(sheet.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const row = book.worksheets[0]?.getRow(2);
    expect(row?.getCell(1).value).toBe(worker2.username);
    expect(row?.getCell(2 + Number(today.slice(8))).value).toBe('假');
    expect((await inject(staffA1, 'GET', `/api/gridwork/attendance/sheet.xlsx?community=110108001002&month=${today.slice(0, 7)}`)).statusCode).toBe(403);
  });
});

describe('work log', () => {
  it('keeps one entry a day, with photos, searchable by staff of the area only, and turns it into a case', async () => {
    const first = await inject(worker, 'PUT', '/api/gridwork/logs', { seen: '3号楼下水道返味', heard: '', done: '联系物业' });
    expect(first.statusCode, first.body).toBe(200);
    const again = await inject(worker, 'PUT', '/api/gridwork/logs', { seen: '3号楼下水道返味严重', heard: '居民反映多日', done: '联系物业' });
    expect(again.json().id).toBe(first.json().id);
    const empty = await inject(worker, 'PUT', '/api/gridwork/logs', { seen: '', heard: '', done: '' });
    expect(empty.json().error.details.fields[0].field).toBe('body.seen');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
    const boundary = '----gz';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), jpeg, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const photo = await ctx.app.inject({ method: 'POST', url: `/api/gridwork/logs/${first.json().id}/photos`, payload: body, headers: { cookie: worker.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(photo.statusCode, photo.body).toBe(201);
    const photoId = photo.json().photos[0].id;
    expect((await inject(staffA1, 'GET', `/api/gridwork/logs/${first.json().id}/photos/${photoId}`)).statusCode).toBe(200);
    expect((await inject(staffA2, 'GET', `/api/gridwork/logs/${first.json().id}/photos/${photoId}`)).statusCode).toBe(403);
    expect((await inject(staffA1, 'GET', `/api/gridwork/logs?q=${encodeURIComponent('下水道')}`)).json().total).toBe(1);
    expect((await inject(staffA1, 'GET', `/api/gridwork/logs?q=${encodeURIComponent('电梯')}`)).json().total).toBe(0);
    expect((await inject(staffA2, 'GET', '/api/gridwork/logs')).json().total).toBe(0);
    const made = await inject(worker, 'POST', `/api/gridwork/logs/${first.json().id}/case`, { categoryCode: '0503' });
    expect(made.statusCode, made.body).toBe(201);
    // A category with a required extra field (电梯困人: is anyone trapped?) needs it given.
    const bare = await inject(worker, 'POST', `/api/gridwork/logs/${first.json().id}/case`, { categoryCode: '0801' });
    expect(bare.statusCode, bare.body).toBe(400);
    expect(bare.body).toContain('attribute[trapped]');
    const full = await inject(worker, 'POST', `/api/gridwork/logs/${first.json().id}/case`, { categoryCode: '0801', attributes: { trapped: 'no' } });
    expect(full.statusCode, full.body).toBe(201);
    expect((await inject(worker, 'GET', '/api/gridwork/logs/mine')).json().entry.caseIds).toEqual([made.json().caseId, full.json().caseId]);
  });
});

describe('records', () => {
  it('ranks the workers of an area with their figures, and exports them', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await inject(streetA, 'GET', `/api/gridwork/records?from=${today}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().items as { workerName: string; rank: number; casesReported: number; casesValid: number; attendanceDays: number; patrols: number }[];
    expect(rows.map((r) => r.workerName)).toEqual([worker.username, worker2.username]);
    expect(rows[0]).toMatchObject({ rank: 1, patrols: 1, casesReported: 4, casesValid: 4, attendanceDays: 1 });
    expect((await inject(staffA2, 'GET', `/api/gridwork/records?from=${today}&to=${today}`)).json().items.map((r: { workerName: string }) => r.workerName)).toEqual([worker2.username]);
    expect((await inject(staffA2, 'GET', `/api/gridwork/records?under=110108001001&from=${today}&to=${today}`)).statusCode).toBe(403);
    const xlsx = await inject(streetA, 'GET', `/api/gridwork/records.xlsx?from=${today}&to=${today}`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await inject(worker, 'GET', `/api/gridwork/records?from=${today}&to=${today}`)).statusCode).toBe(403);
  });
});
