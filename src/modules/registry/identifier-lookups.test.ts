// The search oracle: a masked identifier plus an exact-match search. The mask must leave at
// least 10^4 candidates, and the search must stop an account long before it has tried them.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../platform/db.ts';
import { actorSession, seedTree, setupTestApp } from '../../../test/helpers.ts';
import { computeCheckCharacter } from './id-number.ts';
import { idNumberMaskShown, mobileMaskShown } from './mask.ts';
import { haidianId } from './testing.ts';
import { addDays, ageOn, chinaToday } from './vocabulary.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const db = database.db;

const person = { name: '欧阳青', idNumber: haidianId('1987-04-23', 345), phone: '15412345602' };
const staff = await actorSession(ctx, 'community_staff', '110108001001');
const other = await actorSession(ctx, 'community_staff', '110108001001');
const secadmin = await actorSession(ctx, 'security_admin');

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object): Promise<LightMyRequestResponse> =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const resident = (await call(staff.cookie, 'POST', '/api/registry/residents', { gridCode: 'GA1', ...person })).json();

/**
 * Every ID number consistent with what a screen shows, for the strongest searcher we
 * allow for: one who knows the district (110108), reads the age and gender beside the
 * mask, and sees the mask's clear characters.
 */
function idCandidates(masked: string, district: string, age: number, gender: 'male' | 'female', today: string): string[] {
  const { head, tail } = idNumberMaskShown;
  expect(district.startsWith(masked.slice(0, head))).toBe(true);
  const found: string[] = [];
  // Birth dates giving this age today: a window of about a year.
  const start = `${Number(today.slice(0, 4)) - age - 1}${today.slice(4)}`;
  for (let date = start; date <= today; date = addDays(date, 1)) {
    if (ageOn(date, today) !== age) continue;
    for (let sequence = 0; sequence < 1000; sequence++) {
      if (sequence % 2 !== (gender === 'male' ? 1 : 0)) continue;
      const first17 = `${district}${date.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
      const id = first17 + computeCheckCharacter(first17);
      if (id.slice(18 - tail) === masked.slice(18 - tail)) found.push(id);
    }
  }
  return found;
}

describe('the search oracle', () => {
  it('leaves at least 10^4 candidates for a masked ID number and 10^4 for a masked phone', async () => {
    const shown = (await call(staff.cookie, 'GET', `/api/registry/residents/${resident.id}`)).json();
    expect(shown.idNumber).toBe(`1101${'*'.repeat(13)}${person.idNumber.slice(17)}`);
    expect(shown.birthDate).toBe('****-**-**');
    const candidates = idCandidates(shown.idNumber, '110108', shown.age, shown.gender, chinaToday());
    expect(candidates).toContain(person.idNumber);
    expect(candidates.length).toBeGreaterThanOrEqual(10_000);

    expect(shown.phone).toBe('154******02');
    const hidden = 11 - mobileMaskShown.head - mobileMaskShown.tail;
    expect(shown.phone.split('*').length - 1).toBe(hidden);
    // Even a searcher who knows the city holds only 100 of the prefix's 10^4 number blocks (digits 4–7).
    expect(10 ** hidden).toBeGreaterThanOrEqual(10_000);
    expect(100 * 10 ** (hidden - 4)).toBeGreaterThanOrEqual(10_000);
  });

  it('stops an account after 30 look-ups in 10 minutes (429 in Chinese), audits each without the value, and alerts the security admin once', async () => {
    const tries = idCandidates(`1101${'*'.repeat(13)}${person.idNumber.slice(17)}`, '110108', ageOn('1987-04-23', chinaToday()), 'male', chinaToday())
      .filter((id) => id !== person.idNumber)
      .slice(0, 32);
    const statuses: number[] = [];
    let refusal: LightMyRequestResponse | undefined;
    for (const idNumber of tries) {
      const res = await call(staff.cookie, 'POST', '/api/registry/residents/search', { idNumber });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) refusal ??= res;
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect(refusal?.json().error).toMatchObject({ code: 'REGISTRY_LOOKUP_RATE_LIMITED', message: expect.stringContaining('查询过于频繁') });
    // The right number, tried now, is refused too: the oracle is closed, not just slowed.
    expect((await call(staff.cookie, 'POST', '/api/registry/residents/search', { idNumber: person.idNumber })).statusCode).toBe(429);
    // A phone number in the one box counts against the same allowance.
    expect((await call(staff.cookie, 'POST', '/api/registry/residents/search', { q: person.phone })).statusCode).toBe(429);
    // Another account is not affected, and names are not identifier look-ups.
    const found = (await call(other.cookie, 'POST', '/api/registry/residents/search', { idNumber: person.idNumber })).json();
    expect(found.items.map((r: { name: string }) => r.name)).toEqual([person.name]);
    expect((await call(staff.cookie, 'POST', '/api/registry/residents/search', { q: '欧阳青' })).statusCode).toBe(200);

    const audits = await queryRows<{ username: string; result: string; details: { fields: string[]; kinds: string[]; masked: string[]; hashes: string[]; resultCount?: number; context: string } }>(
      db,
      sql`select actor_name as username, result, details from audit_log where action = 'registry.identifier_lookup' order by id`,
    );
    const mine = audits.filter((a) => a.username === staff.username);
    expect(mine.filter((a) => a.result === 'success')).toHaveLength(30);
    expect(mine.filter((a) => a.result === 'denied')).toHaveLength(4);
    expect(mine[0]?.details).toMatchObject({ context: 'search', fields: ['idNumber'], kinds: ['idNumber'], masked: [expect.stringMatching(/^1101\*{13}[\dX]$/)], resultCount: 0 });
    expect(mine[0]?.details.hashes[0]).toMatch(/^[\w-]{16}$/);
    expect(audits.find((a) => a.username === other.username)?.details).toMatchObject({ resultCount: 1 });
    const log = JSON.stringify(await queryRows(db, sql`select * from audit_log`));
    for (const value of [person.idNumber, person.phone, ...tries]) expect(log).not.toContain(value);

    const alerts = await queryRows<{ title: string; body: string }>(db, sql`select title, body from notifications where kind = 'security.identifier_lookup_burst'`);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.title).toContain(staff.username);
    const inbox = (await call(secadmin.cookie, 'GET', '/api/notifications')).json();
    expect(JSON.stringify(inbox)).toContain(staff.username);
  });

  it('lets the security admin, and nobody else, change the limit (audited)', async () => {
    const current = (await call(secadmin.cookie, 'GET', '/api/registry/identifier-lookup-settings')).json();
    expect(current).toMatchObject({ lookupLimit: 30, windowMinutes: 10 });
    expect((await call(staff.cookie, 'PUT', '/api/registry/identifier-lookup-settings', { lookupLimit: 1000, windowMinutes: 1, version: current.version })).statusCode).toBe(403);
    const bad = await call(secadmin.cookie, 'PUT', '/api/registry/identifier-lookup-settings', { lookupLimit: 0, windowMinutes: 10, version: current.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.lookupLimit');
    const changed = await call(secadmin.cookie, 'PUT', '/api/registry/identifier-lookup-settings', { lookupLimit: 50, windowMinutes: 10, version: current.version });
    expect(changed.json()).toMatchObject({ lookupLimit: 50, version: current.version + 1 });
    // 30 values counted so far (refusals do not count); 20 more are allowed now, and the same
    // value looked up again within the window counts once.
    for (let i = 0; i < 5; i++) expect((await call(staff.cookie, 'POST', '/api/registry/residents/search', { phone: person.phone })).statusCode).toBe(200);
    for (let i = 1; i < 20; i++) expect((await call(staff.cookie, 'POST', '/api/registry/residents/search', { phone: `139000000${String(i).padStart(2, '0')}` })).statusCode).toBe(200);
    expect((await call(staff.cookie, 'POST', '/api/registry/residents/search', { phone: '13900000099' })).statusCode).toBe(429);
    expect((await call(staff.cookie, 'POST', '/api/registry/residents/search', { phone: person.phone })).statusCode).toBe(200);
    const stale = await call(secadmin.cookie, 'PUT', '/api/registry/identifier-lookup-settings', { lookupLimit: 40, windowMinutes: 10, version: current.version });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('counts the same value once per window: a hotline call looking the caller up twice costs one look-up', async () => {
    const intake = await actorSession(ctx, 'hotline_operator', '110108');
    const used = async () =>
      (await queryRows<{ rows: number; values: number }>(db, sql`
        select count(*)::int as rows, count(distinct value_hash)::int as values from identifier_lookups
         where account = ${`user:${intake.actor.id}`} and not refused`))[0];
    for (let i = 0; i < 2; i++) {
      const res = await call(intake.cookie, 'POST', '/api/cases/hotline/caller', { phone: person.phone });
      expect(res.statusCode).toBe(200);
    }
    expect(await used()).toEqual({ rows: 2, values: 1 });
    // The stored hash is keyed and domain-separated: neither the value nor the residents' blind index.
    const stored = await queryRows<{ value_hash: string }>(db, sql`select value_hash from identifier_lookups where account = ${`user:${intake.actor.id}`}`);
    const [blind] = await queryRows<{ phone_hash: string }>(db, sql`select phone_hash from residents where id = ${resident.id}`);
    for (const row of stored) {
      expect(row.value_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.value_hash).not.toBe(blind?.phone_hash);
      expect(row.value_hash).not.toContain(person.phone);
    }
  });

  it('limits writes that take an ID number per account: "already registered" is an oracle too', async () => {
    const writer = await actorSession(ctx, 'community_staff', '110108001001');
    const statuses: number[] = [];
    // A stale version: each try is refused after the duplicate check, and still counts.
    for (let i = 0; i < 301; i++) {
      const res = await call(writer.cookie, 'PATCH', `/api/registry/residents/${resident.id}`, { idNumber: person.idNumber, version: 999 });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 300).every((s) => s !== 429)).toBe(true);
    const refused = await call(writer.cookie, 'PATCH', `/api/registry/residents/${resident.id}`, { idNumber: person.idNumber, version: 999 });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    // Another account is not affected.
    expect((await call(other.cookie, 'PATCH', `/api/registry/residents/${resident.id}`, { idNumber: person.idNumber, version: 999 })).statusCode).not.toBe(429);
  }, 120_000);
});

