import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { actorSession, makeUser, seedTree, sessionCookie, setupTestApp, signIn, TEST_PASSWORD } from '../../../test/helpers.ts';

const ctx = await setupTestApp();
const userId = async (username: string) =>
  (await queryRows<{ id: string }>(ctx.database.db, sql`select id from users where username = ${username}`))[0]?.id as string;
await seedTree(ctx.database);
const { app, database } = ctx;
const db = database.db;

const login = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('sign-in', () => {
  it('signs in with the right password and sets an httpOnly SameSite=Lax cookie', async () => {
    const username = await makeUser(database, 'street_staff', '110108001');
    const res = await login(username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gz_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json().user.grants[0]).toMatchObject({ role: 'street_staff', orgCode: '110108001', orgName: '万寿路街道' });
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookie(res) } });
    expect(me.json().permissions).toContain('org.read');
  });

  it('answers a wrong password and an unknown user alike: status, body and about the time', async () => {
    const username = await makeUser(database, 'grid_worker', 'GA1');
    const wrong = await login(username, 'Wrong#Pass1');
    const unknown = await login('nobody_here', 'Wrong#Pass1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(wrong.statusCode);
    const body = (res: typeof wrong) => ({ ...res.json().error, requestId: undefined });
    expect(body(unknown)).toEqual(body(wrong));
    expect(wrong.json().error.details).toEqual({});

    // Both verify one argon2 hash: medians of five tries each stay within a factor of three.
    const median = async (name: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await login(name, `Wrong#Pass${i}x`);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[2] as number;
    };
    const other = await makeUser(database, 'grid_worker', 'GA1');
    const [known, stranger] = [await median(other), await median('nobody_at_all')];
    expect(stranger / known).toBeGreaterThan(1 / 3);
    expect(stranger / known).toBeLessThan(3);
  });

  it('locks the account for 15 minutes after 5 failed sign-ins; only the right password learns of the lock', async () => {
    const username = await makeUser(database, 'community_staff', '110108001001');
    for (let i = 1; i <= 5; i++) {
      const res = await login(username, `Wrong#Pass${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', details: {} });
    }
    // Locked now: a wrong password still gets the answer an unknown user gets.
    const wrongWhileLocked = await login(username, 'Wrong#Pass6');
    expect(wrongWhileLocked.statusCode).toBe(401);
    expect(wrongWhileLocked.json().error.code).toBe('INVALID_CREDENTIALS');
    const right = await login(username, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    const lockedUntil = new Date(right.json().error.details.lockedUntilIso).getTime();
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(lockedUntil - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    // Fifteen minutes later the lock has lapsed.
    await db.execute(sql`update users set locked_until = now() - interval '1 second' where username = ${username}`);
    expect((await login(username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('records successful and failed sign-ins in the audit log', async () => {
    const username = await makeUser(database, 'grid_worker', 'GA2');
    await login(username, 'Wrong#Pass1');
    await login(username, TEST_PASSWORD);
    const rows = await queryRows<{ result: string }>(db, sql`select result from audit_log where action = 'auth.login' and actor_name = ${username} order by id`);
    expect(rows.map((r) => r.result)).toEqual(['failure', 'success']);
  });

  it('requires a strong new password at first sign-in before anything else', async () => {
    const admin = await actorSession(ctx, 'system_admin');
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie },
      payload: { username: 'new.worker', displayName: '新网格员' },
    });
    expect(created.statusCode).toBe(201);
    const initial = created.json().initialPassword as string;
    const res = await login('new.worker', initial);
    expect(res.json().mustChangePassword).toBe(true);
    const cookie = sessionCookie(res);

    const blocked = await app.inject({ method: 'GET', url: '/api/org/nodes', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);

    for (const weak of ['short1!', 'alllowercase', 'NoDigitsOrSymbols', 'Password1', 'P@ssw0rd', initial]) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: initial, newPassword: weak } });
      expect(r.statusCode, weak).toBe(400);
      expect(r.json().error.code).toBe('PASSWORD_POLICY');
    }
    const ok = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: initial, newPassword: 'Strong#2026x' } });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().mustChangePassword).toBe(false);
    expect((await login('new.worker', 'Strong#2026x')).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('ends the account\'s other sessions when its password changes, and keeps the one that changed it', async () => {
    const username = await makeUser(database, 'street_staff', '110108001');
    const here = await signIn(app, username);
    const elsewhere = await signIn(app, username);
    const changed = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: here }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'Strong#2026x' } });
    expect(changed.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: here } })).statusCode).toBe(200);
    const other = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: elsewhere } });
    expect(other.statusCode).toBe(401);
  });

  it('expires after 30 idle minutes', async () => {
    const { cookie } = await actorSession(ctx, 'street_staff', '110108001');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where id = encode(sha256(convert_to(${cookie.slice('gz_session='.length)}, 'UTF8')), 'hex')`);
    const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    // And the session is gone for good.
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().error.code).toBe('NOT_AUTHENTICATED');
  });

  it('stays alive while used within the idle timeout', async () => {
    const { cookie } = await actorSession(ctx, 'street_staff', '110108001');
    await db.execute(sql`update sessions set last_seen_at = now() - interval '29 minutes' where id = encode(sha256(convert_to(${cookie.slice('gz_session='.length)}, 'UTF8')), 'hex')`);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('expires 12 hours after sign-in however active', async () => {
    const { cookie } = await actorSession(ctx, 'street_staff', '110108001');
    const [row] = await queryRows<{ seconds: number }>(db, sql`select extract(epoch from expires_at - created_at)::int as seconds from sessions order by created_at desc limit 1`);
    expect(row?.seconds).toBe(12 * 3600);
    await db.execute(sql`update sessions set expires_at = now() - interval '1 second', last_seen_at = now()`);
    const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends the session on logout', async () => {
    const { cookie } = await actorSession(ctx, 'grid_worker', 'GA1');
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('separation of the three administrators (三权分立)', () => {
  it('lets each admin do only their own work', async () => {
    const sys = await actorSession(ctx, 'system_admin');
    const sec = await actorSession(ctx, 'security_admin');
    const aud = await actorSession(ctx, 'auditor');
    const target = await makeUser(database, 'resident', '110108001001');
    const targetId = await userId(target);

    const createUser = (cookie: string) =>
      app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload: { username: `u${Date.now()}${Math.random().toString(36).slice(2, 6)}`, displayName: 'x' } });
    const grant = (cookie: string) =>
      app.inject({ method: 'POST', url: `/api/users/${targetId}/roles`, headers: { cookie }, payload: { role: 'community_staff', orgCode: '110108001001' } });
    const readAudit = (cookie: string) => app.inject({ method: 'GET', url: '/api/audit', headers: { cookie } });

    expect((await createUser(sys.cookie)).statusCode).toBe(201);
    expect((await createUser(sec.cookie)).statusCode).toBe(403);
    expect((await createUser(aud.cookie)).statusCode).toBe(403);

    expect((await grant(sys.cookie)).statusCode).toBe(403);
    expect((await grant(aud.cookie)).statusCode).toBe(403);
    expect((await grant(sec.cookie)).statusCode).toBe(204);

    expect((await readAudit(sys.cookie)).statusCode).toBe(403);
    expect((await readAudit(sec.cookie)).statusCode).toBe(403);
    expect((await readAudit(aud.cookie)).statusCode).toBe(200);
  });

  it('refuses to give one account two of the three admin roles, and admins cannot grant themselves', async () => {
    const sec = await actorSession(ctx, 'security_admin');
    const auditorName = await makeUser(database, 'auditor');
    const id = await userId(auditorName);
    const res = await app.inject({ method: 'POST', url: `/api/users/${id}/roles`, headers: { cookie: sec.cookie }, payload: { role: 'system_admin' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SEPARATION_OF_DUTIES');

    const selfId = await userId(sec.username);
    const self = await app.inject({ method: 'POST', url: `/api/users/${selfId}/roles`, headers: { cookie: sec.cookie }, payload: { role: 'street_staff', orgCode: '110108001' } });
    expect(self.statusCode).toBe(403);
  });

  it('grants a role only on the level it belongs to', async () => {
    const sec = await actorSession(ctx, 'security_admin');
    const name = await makeUser(database, 'resident', '110108001001');
    const id = await userId(name);
    const res = await app.inject({ method: 'POST', url: `/api/users/${id}/roles`, headers: { cookie: sec.cookie }, payload: { role: 'grid_worker', orgCode: '110108001' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.orgCode');
  });
});

describe('API keys', () => {
  it('authenticates a machine client scoped to its node, and stops when revoked', async () => {
    const sec = await actorSession(ctx, 'security_admin');
    const created = await app.inject({ method: 'POST', url: '/api/apikeys', headers: { cookie: sec.cookie }, payload: { name: '12345 热线', orgCode: '110108001' } });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json() as { key: string; id: string };
    const inScope = await app.inject({ method: 'GET', url: '/api/org/grids/GA1', headers: { 'x-api-key': key } });
    expect(inScope.statusCode).toBe(200);
    const outOfScope = await app.inject({ method: 'GET', url: '/api/org/grids/GB1', headers: { 'x-api-key': key } });
    expect(outOfScope.statusCode).toBe(403);
    const listed = await app.inject({ method: 'GET', url: '/api/apikeys', headers: { cookie: sec.cookie } });
    expect(listed.body).not.toContain(key.slice(14));
    await app.inject({ method: 'DELETE', url: `/api/apikeys/${id}`, headers: { cookie: sec.cookie } });
    const revoked = await app.inject({ method: 'GET', url: '/api/org/grids/GA1', headers: { 'x-api-key': key } });
    expect(revoked.json().error.code).toBe('INVALID_API_KEY');
  });

  it('records when a key was last used, to the minute, without writing on every request', async () => {
    const sec = await actorSession(ctx, 'security_admin');
    const created = await app.inject({ method: 'POST', url: '/api/apikeys', headers: { cookie: sec.cookie }, payload: { name: '开放数据', orgCode: '110108001' } });
    const { key, id } = created.json() as { key: string; id: string };
    const lastUsed = async () => (await queryRows<{ at: string | null }>(db, sql`select last_used_at::text as at from api_keys where id = ${id}`))[0]?.at;
    expect(await lastUsed()).toBeNull();
    const use = () => app.inject({ method: 'GET', url: '/api/org/grids/GA1', headers: { 'x-api-key': key } });
    expect((await use()).statusCode).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect((await use()).statusCode).toBe(200);
    expect(await lastUsed()).toBe(first);
    await db.execute(sql`update api_keys set last_used_at = now() - interval '2 minutes' where id = ${id}`);
    const stale = await lastUsed();
    expect((await use()).statusCode).toBe(200);
    expect(await lastUsed()).not.toBe(stale);
  });
});

describe('bad requests', () => {
  it('answers 400 naming the field, in the requested language, and changes nothing', async () => {
    const admin = await actorSession(ctx, 'system_admin');
    const before = await queryRows(db, sql`select count(*)::int as n from users`);
    const zh = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie }, payload: { username: 'ab' } });
    expect(zh.statusCode).toBe(400);
    const fields = zh.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.username', 'body.displayName']));
    expect(zh.json().error.message).toContain('body.displayName');
    expect(zh.json().error.message).toContain('必填');
    const en = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie, 'accept-language': 'en-US' }, payload: { username: 'ab' } });
    expect(en.json().error.message).toContain('is required');
    const after = await queryRows(db, sql`select count(*)::int as n from users`);
    expect(after).toEqual(before);
  });

  it('hides the details of a server error behind a request id', async () => {
    const { cookie } = await actorSession(ctx, 'auditor');
    const res = await app.inject({ method: 'GET', url: '/api/audit?from=not-a-date', headers: { cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('rate-limits sign-in attempts', async () => {
    const limited = await setupTestApp({ loginRatePerMinute: 3 });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } })).statusCode);
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes[4]).toBe(429);
  });
});

describe('signIn helper', () => {
  it('works for every role', async () => {
    for (const [role, org] of [['district_staff', '110108'], ['department_handler', '110108D01'], ['grid_worker', 'GA1']] as const) {
      const username = await makeUser(database, role, org);
      expect(await signIn(app, username)).toMatch(/^gz_session=/);
    }
  });
});
