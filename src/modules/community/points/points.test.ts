// The time bank's ledger on a real database: never negative, reversed rather than edited, two
// redemptions at once cannot overspend, transfers only within a household when allowed.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db.ts';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { makeBuilding, makeHouse, makeResident } from '../../../../test/factories.ts';
import { createConfiguredCipher } from '../../../app.ts';
import { appendEntry } from './ledger.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const pii = createConfiguredCipher(ctx.config);
const staff = await actorSession(ctx, 'community_staff', '110108001001');
const district = await actorSession(ctx, 'district_staff', '110108');
const alice = await actorSession(ctx, 'resident', '110108001001');
const bob = await actorSession(ctx, 'resident', '110108001001');
const carol = await actorSession(ctx, 'resident', '110108001001');

const building = await makeBuilding(database.db, staff.actor);
const house = await makeHouse(database.db, staff.actor, { buildingId: building.id });
const aliceResident = await makeResident(database.db, pii, staff.actor, { houseId: house.id, name: '王丽华', phone: '13700137001' });
await makeResident(database.db, pii, staff.actor, { householdId: aliceResident.householdId!, name: '王小明', phone: '13700137002', relation: 'child' });

const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

async function register(cookie: string, name: string, mobile: string): Promise<string> {
  const res = await call(cookie, 'POST', '/api/community/volunteers/me', { name, mobile });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().volunteer.id;
}
const aliceId = await register(alice.cookie, '王丽华', '13700137001');
const bobId = await register(bob.cookie, '王小明', '13700137002');
const carolId = await register(carol.cookie, '赵芳', '13700137003');

/** Deposits points as hours would (the service path is tested with the volunteers). */
async function deposit(volunteerId: string, points: number) {
  await database.db.transaction((tx) => appendEntry(tx, { volunteerId, kind: 'earn', points, memo: '测试存入', createdBy: 'test' }));
}
const item = (await call(staff.cookie, 'POST', '/api/community/mall', { orgCode: '110108001001', name: '理发服务', price: 30, stock: null })).json<{ id: string }>().id;

describe('points ledger', () => {
  it('refuses a redemption beyond the balance and names the balance', async () => {
    await deposit(aliceId, 50);
    const res = await call(alice.cookie, 'POST', '/api/community/points/me/redeem', { itemId: item, quantity: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'COMMUNITY_INSUFFICIENT_POINTS', details: { balance: 50, needed: 60 } });
    const ok = await call(alice.cookie, 'POST', '/api/community/points/me/redeem', { itemId: item });
    expect(ok.json()).toMatchObject({ balance: 20 });
  });

  it('lets only one of two simultaneous redemptions through when the balance covers one', async () => {
    await deposit(carolId, 40);
    const [a, b] = await Promise.all([
      call(carol.cookie, 'POST', '/api/community/points/me/redeem', { itemId: item }),
      call(carol.cookie, 'POST', '/api/community/points/me/redeem', { itemId: item }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const balance = (await call(carol.cookie, 'GET', '/api/community/points/me')).json().balance;
    expect(balance).toBe(10);
    const rows = await queryRows<{ n: number; min: number }>(database.db, sql`select count(*)::int as n, min(balance_after)::int as min from community_points_entries where volunteer_id = ${carolId}::uuid`);
    expect(rows[0]).toEqual({ n: 2, min: 10 });
  });

  it('never edits an entry: the database refuses it, and a mistake is reversed by a counter entry, once', async () => {
    const account = (await call(staff.cookie, 'GET', `/api/community/points/accounts/${aliceId}`)).json();
    const redemption = account.entries.items.find((e: { kind: string }) => e.kind === 'redeem');
    const edit = await database.db.execute(sql`update community_points_entries set points = 1 where id = ${redemption.id}::uuid`).then(() => null, (e: Error) => e);
    expect(String(edit?.cause ?? edit)).toMatch(/append-only/);
    const reversed = await call(staff.cookie, 'POST', `/api/community/points/entries/${redemption.id}/reverse`, { reason: '服务未提供' });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json().balance).toBe(50);
    expect(reversed.json().entries.items[0]).toMatchObject({ kind: 'reversal', points: 30, reversesId: redemption.id });
    expect((await call(staff.cookie, 'POST', `/api/community/points/entries/${redemption.id}/reverse`, { reason: '再次冲正' })).json().error.code).toBe('COMMUNITY_ALREADY_REVERSED');
    // Reversing the deposit now would take the balance below zero only if it was spent: here it leaves 0.
    const earn = reversed.json().entries.items.find((e: { kind: string }) => e.kind === 'earn');
    expect((await call(staff.cookie, 'POST', `/api/community/points/entries/${earn.id}/reverse`, { reason: '重复存入' })).json().balance).toBe(0);
  });

  it('transfers to a household member only, and only while the settings allow it', async () => {
    await deposit(aliceId, 100);
    // Whom I may give to: my household's volunteers, names masked; a volunteer without a registry link has none.
    expect((await call(alice.cookie, 'GET', '/api/community/points/me/family')).json()).toEqual({ allowed: true, linked: true, members: [{ volunteerId: bobId, name: '王*明' }] });
    expect((await call(carol.cookie, 'GET', '/api/community/points/me/family')).json()).toEqual({ allowed: true, linked: false, members: [] });
    expect((await call(staff.cookie, 'GET', '/api/community/points/me/family')).statusCode).toBe(403);
    const tooMuch = await call(alice.cookie, 'POST', '/api/community/points/me/transfer', { toVolunteerId: bobId, points: 101 });
    expect(tooMuch.json().error.code).toBe('COMMUNITY_INSUFFICIENT_POINTS');
    const toStranger = await call(alice.cookie, 'POST', '/api/community/points/me/transfer', { toVolunteerId: carolId, points: 10 });
    expect(toStranger.json().error.code).toBe('COMMUNITY_TRANSFER_NOT_ALLOWED');
    const toSon = await call(alice.cookie, 'POST', '/api/community/points/me/transfer', { toVolunteerId: bobId, points: 40 });
    expect(toSon.statusCode, toSon.body).toBe(200);
    expect(toSon.json().balance).toBe(60);
    expect((await call(bob.cookie, 'GET', '/api/community/points/me')).json().balance).toBe(40);
    const settings = (await call(district.cookie, 'GET', '/api/community/settings')).json();
    expect((await call(staff.cookie, 'PUT', '/api/community/settings', { ...settings, familyTransfers: false })).statusCode).toBe(403);
    expect((await call(district.cookie, 'PUT', '/api/community/settings', { ...settings, familyTransfers: false })).statusCode).toBe(200);
    expect((await call(alice.cookie, 'POST', '/api/community/points/me/transfer', { toVolunteerId: bobId, points: 1 })).json().error.code).toBe('COMMUNITY_TRANSFER_NOT_ALLOWED');
    expect((await call(alice.cookie, 'GET', '/api/community/points/me/family')).json().allowed).toBe(false);
    const badStars = await call(district.cookie, 'PUT', '/api/community/settings', { ...settings, starThresholds: [300, 100, 600, 1000, 1500] });
    expect(badStars.statusCode).toBe(400);
    expect(badStars.body).toContain('body.starThresholds');
  });

  it('lists the mall publicly and keeps residents from other ledgers', async () => {
    const mall = await call(undefined, 'GET', '/api/public/community/mall');
    expect(mall.json().items[0]).toMatchObject({ name: '理发服务', price: 30 });
    expect((await call(alice.cookie, 'GET', `/api/community/points/accounts/${bobId}`)).statusCode).toBe(403);
    expect((await call(alice.cookie, 'POST', `/api/community/mall`, { orgCode: '110108001001', name: 'x', price: 1 })).statusCode).toBe(403);
  });
});
