// Volunteers over HTTP on a real database: real-name registration linked to the registry, sign-up,
// check-in and out with the organiser's code or confirmation, service records and amendments,
// stars, the certificate verified by code, and who may see what.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db.ts';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { makeBuilding, makeHouse, makeResident } from '../../../../test/factories.ts';
import { createConfiguredCipher } from '../../../app.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const pii = createConfiguredCipher(ctx.config);
const staff = await actorSession(ctx, 'community_staff', '110108001001');
const otherStreet = await actorSession(ctx, 'street_staff', '110108002');
const orgStaff = await actorSession(ctx, 'organisation_staff', '110108001001');
const resident = await actorSession(ctx, 'resident', '110108001001');
const neighbour = await actorSession(ctx, 'resident', '110108001001');

const building = await makeBuilding(database.db, staff.actor);
const house = await makeHouse(database.db, staff.actor, { buildingId: building.id });
const head = await makeResident(database.db, pii, staff.actor, { houseId: house.id, name: '张明远', phone: '13800138001' });

const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'DELETE' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

async function activity(startsAt: Date, minutes: number, places = 10) {
  const res = await call(staff.cookie, 'POST', '/api/community/activities', {
    orgCode: '110108001001', title: '敬老院陪伴', place: '万寿路敬老院', startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), places,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('volunteers', () => {
  let volunteerId = '';

  it('registers a resident by real name, linked to the registry resident with that name and mobile, mobile masked', async () => {
    const res = await call(resident.cookie, 'POST', '/api/community/volunteers/me', { name: '张明远', mobile: '13800138001', skills: ['companionship'], availability: 'weekend' });
    expect(res.statusCode, res.body).toBe(201);
    const { volunteer } = res.json();
    expect(volunteer).toMatchObject({ name: '张明远', residentLinked: true, mobile: '138******01', star: { level: 0, hoursToNext: 100 } });
    expect(res.body).not.toContain('13800138001');
    volunteerId = volunteer.id;
    const again = await call(resident.cookie, 'POST', '/api/community/volunteers/me', { name: '张明远', mobile: '13800138001' });
    expect(again.statusCode).toBe(409);
    const bad = await call(neighbour.cookie, 'POST', '/api/community/volunteers/me', { name: '李四', mobile: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.mobile');
  });

  it('signs up, checks in and out with the organiser code; the record is confirmed by the organiser and earns hours and points', async () => {
    const id = await activity(new Date(Date.now() - 10 * 60_000), 120);
    expect((await call(resident.cookie, 'POST', `/api/community/activities/${id}/check-in`, { code: '000000' })).statusCode).toBe(400);
    expect((await call(resident.cookie, 'POST', `/api/community/activities/${id}/sign-up`)).statusCode).toBe(200);
    expect((await call(resident.cookie, 'POST', `/api/community/activities/${id}/sign-up`)).json().error.code).toBe('COMMUNITY_ALREADY_SIGNED_UP');
    const code = (await call(staff.cookie, 'POST', `/api/community/activities/${id}/check-code`)).json<{ code: string }>().code;
    expect(code).toMatch(/^\d{6}$/);
    const early = await call(resident.cookie, 'POST', `/api/community/activities/${id}/check-out`, { code });
    expect(early.json().error.code).toBe('COMMUNITY_NOT_CHECKED_IN');
    expect((await call(resident.cookie, 'POST', `/api/community/activities/${id}/check-in`, { code })).statusCode).toBe(200);
    const out = await call(resident.cookie, 'POST', `/api/community/activities/${id}/check-out`, { code });
    expect(out.statusCode, out.body).toBe(200);
    // Left well before the end: only the minutes present count.
    expect(out.json().mine.checkedOutAt).not.toBeNull();
    const mine = (await call(resident.cookie, 'GET', '/api/community/volunteers/me')).json();
    expect(mine.records).toHaveLength(1);
    // /m's home lists it among today's activities, checked out; a resident who is no volunteer sees none.
    const today = (await call(resident.cookie, 'GET', '/api/community/activities/today')).json();
    expect(today.registered).toBe(true);
    expect(today.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(today.items[0].mine.checkedOutAt).not.toBeNull();
    expect((await call(neighbour.cookie, 'GET', '/api/community/activities/today')).json()).toEqual({ registered: false, items: [] });
    expect((await call(staff.cookie, 'GET', '/api/community/activities/today')).statusCode).toBe(403);
    expect(mine.records[0]).toMatchObject({ what: '敬老院陪伴', confirmedBy: staff.username });
  });

  it('lets the organiser confirm attendance, credits the scheduled time, and corrects only by an amendment', async () => {
    const id = await activity(new Date(Date.now() - 100 * 60_000), 110);
    await call(resident.cookie, 'POST', `/api/community/activities/${id}/sign-up`);
    expect((await call(otherStreet.cookie, 'POST', `/api/community/activities/${id}/attendees/${volunteerId}/check-in`)).statusCode).toBe(403);
    expect((await call(staff.cookie, 'POST', `/api/community/activities/${id}/attendees/${volunteerId}/check-in`)).statusCode).toBe(200);
    // Checked in 100 minutes late of a 110-minute activity: outside the grace, so the time present counts.
    expect((await call(staff.cookie, 'POST', `/api/community/activities/${id}/attendees/${volunteerId}/check-out`)).statusCode).toBe(200);
    const records = (await call(staff.cookie, 'GET', `/api/community/service-records?volunteerId=${volunteerId}`)).json();
    expect(records.total).toBe(2);
    const record = records.items.find((r: { activityId: string }) => r.activityId === id);
    const amended = await call(staff.cookie, 'POST', `/api/community/service-records/${record.id}/amendments`, { minutes: 110, reason: '签到系统故障，据签到表更正' });
    expect(amended.statusCode, amended.body).toBe(201);
    expect(amended.json()).toMatchObject({ recordedMinutes: record.minutes, minutes: 110, amendments: [{ minutes: 110, amendedBy: staff.username }] });
    const refused = await database.db.execute(sql`update community_service_records set minutes = 999 where id = ${record.id}::uuid`).then(() => null, (e: Error) => e);
    expect(String(refused?.cause ?? refused)).toMatch(/append-only/);
    const noReason = await call(staff.cookie, 'POST', `/api/community/service-records/${record.id}/amendments`, { minutes: 10 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('body.reason');
    expect((await call(otherStreet.cookie, 'POST', `/api/community/service-records/${record.id}/amendments`, { minutes: 1, reason: '越权更正' })).statusCode).toBe(403);
  });

  it('issues a certificate of hours that verifies by code without signing in; a forged code is refused', async () => {
    const res = await call(resident.cookie, 'POST', '/api/community/volunteers/me/certificate');
    expect(res.statusCode, res.body).toBe(201);
    const { code, number } = res.json();
    const shown = await call(undefined, 'GET', `/api/public/certificates/${code}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ number, holder: '张*远', title: '志愿服务证明', revokedAt: null });
    expect(shown.body).not.toContain('13800138001');
    expect((await call(undefined, 'GET', '/api/public/certificates/7K3M-Q9TX-2H4P-8WRN')).statusCode).toBe(404);
  });

  it('keeps the full activity to its places and refuses sign-ups of non-volunteers', async () => {
    const id = await activity(new Date(Date.now() + 3600_000), 60, 1);
    expect((await call(neighbour.cookie, 'POST', `/api/community/activities/${id}/sign-up`)).json().error.code).toBe('COMMUNITY_NOT_A_VOLUNTEER');
    await call(neighbour.cookie, 'POST', '/api/community/volunteers/me', { name: '李秀兰', mobile: '13900139002' });
    expect((await call(resident.cookie, 'POST', `/api/community/activities/${id}/sign-up`)).statusCode).toBe(200);
    expect((await call(neighbour.cookie, 'POST', `/api/community/activities/${id}/sign-up`)).json().error.code).toBe('COMMUNITY_ACTIVITY_FULL');
    const open = await call(undefined, 'GET', '/api/public/community/activities');
    expect(open.statusCode).toBe(200);
    expect(open.body).not.toContain('张明远');
    expect(open.body).not.toContain('13800138001');
  });

  it('shows each role only its part of the tree', async () => {
    const inScope = await call(staff.cookie, 'GET', '/api/community/volunteers');
    expect(inScope.json().total).toBe(2);
    expect((await call(otherStreet.cookie, 'GET', '/api/community/volunteers')).json().total).toBe(0);
    expect((await call(resident.cookie, 'GET', '/api/community/volunteers')).statusCode).toBe(403);
    expect((await call(orgStaff.cookie, 'GET', '/api/community/volunteers')).statusCode).toBe(403);
    expect((await call(otherStreet.cookie, 'GET', `/api/community/volunteers/${volunteerId}`)).statusCode).toBe(403);
    const tiers = (await call(staff.cookie, 'GET', '/api/community/tiers')).json();
    expect(tiers.totals.volunteer).toBe(2);
    const audit = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log where action like 'community.%'`);
    expect(audit[0]!.n).toBeGreaterThan(5);
    void head;
  });
});
