// Sessions are cached a few seconds in the process, yet what must end a session or a right
// ends it at once: a revoked grant, a disabled account, a logout, a password change, and any
// change written straight to the database (the triggers announce it, not the code path).
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, makeActor, seedTree, setupTestApp, signIn, TEST_PASSWORD, type TestContext } from '../../../test/helpers.ts';
import { roleGrants, sessions } from './schema.ts';
import { sessionCacheOf } from './session-cache.ts';

let ctx: TestContext;
let admin: { cookie: string };
let userAdmin: { cookie: string };

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  admin = await actorSession(ctx, 'security_admin');
  userAdmin = await actorSession(ctx, 'system_admin');
});

const get = (url: string, cookie: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
const grantsOf = async (userId: string) => ctx.database.db.select({ id: roleGrants.id }).from(roleGrants).where(eq(roleGrants.userId, userId));

describe('session cache', () => {
  it('serves a repeated request from the cache', async () => {
    const staff = await actorSession(ctx, 'community_staff', '110108001001');
    expect((await get('/api/cases', staff.cookie)).statusCode).toBe(200);
    const cache = sessionCacheOf(ctx.database.db);
    expect(cache?.listening).toBe(true);
    // The session row is gone behind the cache's back without a notification: still served.
    await ctx.database.db.execute(sql`alter table sessions disable trigger sessions_auth_notify_delete`);
    try {
      await ctx.database.db.delete(sessions).where(eq(sessions.userId, staff.actor.id as string));
      expect((await get('/api/cases', staff.cookie)).statusCode).toBe(200);
    } finally {
      await ctx.database.db.execute(sql`alter table sessions enable trigger sessions_auth_notify_delete`);
      cache?.clear();
    }

    expect((await get('/api/cases', staff.cookie)).statusCode).toBe(401);
  });

  it('stops a revoked grant at once in the same process', async () => {
    const staff = await actorSession(ctx, 'community_staff', '110108001001');
    expect((await get('/api/cases', staff.cookie)).statusCode).toBe(200);
    expect((await get('/api/cases', staff.cookie)).statusCode).toBe(200);
    const [grant] = await grantsOf(staff.actor.id as string);
    const revoked = await ctx.app.inject({ method: 'DELETE', url: `/api/users/${staff.actor.id}/roles/${grant?.id}`, headers: { cookie: admin.cookie } });
    expect(revoked.statusCode, revoked.body).toBe(204);
    expect((await get('/api/cases', staff.cookie)).statusCode).toBe(403);
  });

  it('stops a grant deleted straight in the database at once', async () => {
    const staff = await actorSession(ctx, 'street_staff', '110108001');
    expect((await get('/api/cases', staff.cookie)).statusCode).toBe(200);
    await ctx.database.db.delete(roleGrants).where(eq(roleGrants.userId, staff.actor.id as string));
    expect((await get('/api/cases', staff.cookie)).statusCode).toBe(403);
  });

  it('refuses a disabled account at once', async () => {
    const staff = await actorSession(ctx, 'community_staff', '110108001001');
    expect((await get('/api/cases', staff.cookie)).statusCode).toBe(200);
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/users/${staff.actor.id}`, headers: { cookie: userAdmin.cookie }, payload: { disabled: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get('/api/cases', staff.cookie)).statusCode).toBe(401);
  });

  it('refuses a signed-out session at once', async () => {
    const staff = await actorSession(ctx, 'community_staff', '110108001001');
    expect((await get('/api/auth/me', staff.cookie)).statusCode).toBe(200);
    await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: staff.cookie } });
    expect((await get('/api/auth/me', staff.cookie)).statusCode).toBe(401);
  });

  it('sees an idle timeout brought forward in the database', async () => {
    const { username, actor } = await makeActor(ctx.database, 'community_staff', '110108001001');
    const cookie = await signIn(ctx.app, username, TEST_PASSWORD);
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
    await ctx.database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 24 * 3_600_000) }).where(eq(sessions.userId, actor.id as string));
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
  });
});
