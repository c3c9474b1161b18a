// The probe's escalations, reproduced and refused: API keys with staff roles, and one
// administrator taking over another's account.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { apiKeys } from '../../platform/auth/schema.ts';
import { newApiKey } from '../../platform/auth/sessions.ts';
import { actorSession, seedTree, setupTestApp, signIn } from '../../../test/helpers.ts';
import { collectRoutes, sampleUrl } from '../../../test/routes.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const db = database.db;
const userId = async (username: string) => (await queryRows<{ id: string }>(db, sql`select id from users where username = ${username}`))[0]?.id as string;
const as = (cookie: string) => ({ cookie });

const security = await actorSession(ctx, 'security_admin');
const security2 = await actorSession(ctx, 'security_admin');
const system = await actorSession(ctx, 'system_admin');
const auditor = await actorSession(ctx, 'auditor');

describe('API keys hold machine roles only', () => {
  it.each(['community_staff', 'district_staff', 'street_staff', 'auditor'])('refuses a key with the role %s, naming role', async (role) => {
    const res = await app.inject({ method: 'POST', url: '/api/apikeys', headers: as(security.cookie), payload: { name: 'probe', orgCode: '110108', role } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { field: string }) => f.field)).toContain('body.role');
    expect((await queryRows(db, sql`select 1 from api_keys where name = 'probe'`)).length).toBe(0);
  });

  it('refuses, when it is used, a key made earlier with a staff role', async () => {
    const { key, prefix, keyHash } = newApiKey();
    await db.insert(apiKeys).values({ name: 'old staff key', prefix, keyHash, role: 'community_staff', orgPath: '' });
    const res = await app.inject({ method: 'GET', url: '/api/registry/residents', headers: { 'x-api-key': key } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_API_KEY');
  });

  it('never gives a machine role to a person', async () => {
    const staff = await actorSession(ctx, 'grid_worker', 'GA1');
    const res = await app.inject({ method: 'POST', url: `/api/users/${await userId(staff.username)}/roles`, headers: as(security.cookie), payload: { role: 'open311_client', orgCode: '110108' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.role');
  });

  it('lets a machine key reveal, export or read the registry nowhere (403 on every such route)', async () => {
    const keys: string[] = [];
    for (const role of ['open311_client', 'public_reader']) {
      const res = await app.inject({ method: 'POST', url: '/api/apikeys', headers: as(security.cookie), payload: { name: `machine ${role}`, role } });
      expect(res.statusCode).toBe(201);
      keys.push(res.json().key);
    }
    const personal = (await collectRoutes(ctx)).filter((r) => typeof r.access === 'string' && /reveal|export|sensitive|^registry\./.test(r.access));
    expect(personal.length).toBeGreaterThan(10);
    const outcomes: string[] = [];
    for (const key of keys) {
      for (const r of personal) {
        const res = await app.inject({ method: r.method, url: sampleUrl(r.url), headers: { 'x-api-key': key }, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
        if (res.statusCode !== 403) outcomes.push(`${r.method} ${r.url}: ${res.statusCode}`);
      }
    }
    expect(outcomes).toEqual([]);
  });
});

describe('two-person rule for the administrators', () => {
  it('refuses the system admin resetting the auditor\'s password (the probe), and the auditor keeps the password', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/users/${await userId(auditor.username)}/reset-password`, headers: as(system.cookie) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('TWO_PERSON_RULE');
    expect((await signIn(app, auditor.username)).length).toBeGreaterThan(0);
    const denied = await queryRows(db, sql`select 1 from audit_log where action = 'user.change.reset_password' and result = 'denied'`);
    expect(denied.length).toBe(1);
  });

  it('refuses direct unlock, disable, grant and revoke on an administrator, and making an administrator alone', async () => {
    const target = await userId(system.username);
    const [grant] = await queryRows<{ id: string }>(db, sql`select id from role_grants where user_id = ${target}`);
    const worker = await actorSession(ctx, 'grid_worker', 'GA2');
    const tries = [
      app.inject({ method: 'POST', url: `/api/users/${await userId(security2.username)}/unlock`, headers: as(security.cookie) }),
      app.inject({ method: 'PATCH', url: `/api/users/${await userId(security.username)}`, headers: as(system.cookie), payload: { disabled: true } }),
      app.inject({ method: 'DELETE', url: `/api/users/${target}/roles/${grant?.id}`, headers: as(security.cookie) }),
      app.inject({ method: 'POST', url: `/api/users/${await userId(worker.username)}/roles`, headers: as(security.cookie), payload: { role: 'auditor' } }),
    ];
    for (const res of await Promise.all(tries)) expect(res.json().error?.code).toBe('TWO_PERSON_RULE');
  });

  it('resets an administrator\'s password when one asks and another security admin approves', async () => {
    const target = await userId(auditor.username);
    const asked = await app.inject({ method: 'POST', url: `/api/users/${target}/change-requests`, headers: as(system.cookie), payload: { action: 'reset_password' } });
    expect(asked.statusCode).toBe(201);
    const request = asked.json();
    expect(request).toMatchObject({ status: 'pending', action: 'reset_password', requestedByName: system.username });

    // Nothing has happened yet; the requester cannot approve, and the system admin holds no approval.
    expect((await signIn(app, auditor.username)).length).toBeGreaterThan(0);
    const bySystem = await app.inject({ method: 'POST', url: `/api/admin-change-requests/${request.id}/approve`, headers: as(system.cookie) });
    expect(bySystem.statusCode).toBe(403);

    const listed = await app.inject({ method: 'GET', url: '/api/admin-change-requests?status=pending', headers: as(security.cookie) });
    expect(listed.json().items.map((r: { id: string }) => r.id)).toContain(request.id);

    const approved = await app.inject({ method: 'POST', url: `/api/admin-change-requests/${request.id}/approve`, headers: as(security.cookie) });
    expect(approved.statusCode).toBe(200);
    const { initialPassword } = approved.json();
    expect(initialPassword).toEqual(expect.any(String));
    const signedIn = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: auditor.username, password: initialPassword } });
    expect(signedIn.json().mustChangePassword).toBe(true);

    const again = await app.inject({ method: 'POST', url: `/api/admin-change-requests/${request.id}/approve`, headers: as(security2.cookie) });
    expect(again.statusCode).toBe(404);
    const trail = await queryRows<{ action: string; actor_name: string }>(db, sql`select action, actor_name from audit_log where target_id = ${target} and action like 'user.%' order by id`);
    expect(trail.slice(-3)).toEqual([
      { action: 'user.change.request', actor_name: system.username },
      { action: 'user.password.reset', actor_name: security.username },
      { action: 'user.change.approve', actor_name: security.username },
    ]);
  });

  it('lets a security admin ask for a change that only another security admin may approve', async () => {
    const worker = await actorSession(ctx, 'grid_worker', 'GB1');
    const target = await userId(worker.username);
    const asked = await app.inject({ method: 'POST', url: `/api/users/${target}/change-requests`, headers: as(security.cookie), payload: { action: 'grant_role', role: 'auditor' } });
    expect(asked.statusCode).toBe(201);
    const own = await app.inject({ method: 'POST', url: `/api/admin-change-requests/${asked.json().id}/approve`, headers: as(security.cookie) });
    expect(own.json().error.code).toBe('TWO_PERSON_RULE');
    const rejected = await app.inject({ method: 'POST', url: `/api/admin-change-requests/${asked.json().id}/reject`, headers: as(security2.cookie) });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decidedByName: security2.username });
    expect(await queryRows(db, sql`select 1 from role_grants where user_id = ${target} and role = 'auditor'`)).toEqual([]);
  });

  it('refuses a request from someone without the permission the change needs', async () => {
    const otherAuditor = await actorSession(ctx, 'auditor');
    const res = await app.inject({ method: 'POST', url: `/api/users/${await userId(system.username)}/change-requests`, headers: as(otherAuditor.cookie), payload: { action: 'unlock' } });
    expect(res.statusCode).toBe(403);
  });
});
