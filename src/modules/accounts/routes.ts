import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuery, requireActor, SESSION_COOKIE } from '../../platform/http.ts';
import { roleNames, roles, type Role } from '../../platform/auth/roles.ts';
import { deleteSession, loadGrants } from '../../platform/auth/sessions.ts';
import { recordAudit, searchAudit, verifyAuditChain } from '../../platform/audit.ts';
import {
  changePassword,
  createApiKey,
  createUser,
  describeActor,
  grantRole,
  listApiKeys,
  listUsers,
  login,
  resetPassword,
  revokeApiKey,
  revokeRole,
  unlockUser,
  updateUser,
} from './service.ts';

const role = z.enum(roleNames as [Role, ...Role[]]);
const grant = z.object({ id: z.string(), role: z.string(), orgPath: z.string(), orgCode: z.string(), orgName: z.string() });
const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.date().nullable(),
  createdAt: z.date(),
});
const me = user.extend({ grants: z.array(grant), permissions: z.array(z.string()) });
const uuidParams = z.object({ id: z.uuid() });

/** Sign-in, the user's own account, user and role administration, API keys and the audit log. */
export function accountRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, config } = base.ctx;
  const db = database.db;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.cookieSecure,
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  };

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie',
        body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ user: me, mustChangePassword: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const { token, user: signedIn } = await login(db, config, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'], requestId: req.id });
      void reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      const actor = { kind: 'user' as const, id: signedIn.id, name: signedIn.username, displayName: signedIn.displayName, grants: await loadGrants(db, signedIn.id), mustChangePassword: signedIn.mustChangePassword };
      return { user: await describeActor(db, actor), mustChangePassword: signedIn.mustChangePassword };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const result = req.actorResult;
    if (token) await deleteSession(db, token);
    if (result && 'actor' in result) await recordAudit(db, result.actor, { action: 'auth.logout', targetType: 'user', targetId: result.actor.id ?? undefined });
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, roles and permissions', response: { 200: me } } },
    async (req) => describeActor(db, requireActor(req, undefined, { allowPendingPasswordChange: true })),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password',
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
      },
    },
    async (req, reply) => {
      await changePassword(db, requireActor(req, undefined, { allowPendingPasswordChange: true }), req.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/roles',
    {
      schema: {
        tags: ['users'],
        summary: 'The role catalogue',
        response: { 200: z.array(z.object({ role: z.string(), permissions: z.array(z.string()), grantedOn: z.array(z.string()), isAdminTrio: z.boolean() })) },
      },
    },
    async (req) => {
      requireActor(req, 'user.read');
      return roleNames.map((r) => ({ role: r, ...roles[r], permissions: [...roles[r].permissions], grantedOn: [...roles[r].grantedOn] }));
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Accounts with their grants, paged',
        querystring: z.object({ q: z.string().max(50).optional(), ...pageQuery }),
        response: { 200: pageOf(user.extend({ grants: z.array(grant) })) },
      },
    },
    async (req) => listUsers(db, requireActor(req, 'user.read'), { search: req.query.q, page: req.query.page, pageSize: req.query.pageSize }),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create an account (system admin); returns the initial password once',
        body: z.object({ username: z.string().trim().min(3).max(32), displayName: z.string().trim().min(1).max(30) }).strict(),
        response: { 201: z.object({ user, initialPassword: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(db, requireActor(req, 'user.write'), req.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Rename or disable an account',
        params: uuidParams,
        body: z.object({ displayName: z.string().trim().min(1).max(30).optional(), disabled: z.boolean().optional() }).strict(),
        response: { 200: user },
      },
    },
    async (req) => updateUser(db, requireActor(req, 'user.write'), req.params.id, req.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    { schema: { tags: ['users'], summary: 'Issue a new initial password', params: uuidParams, response: { 200: z.object({ initialPassword: z.string() }) } } },
    async (req) => resetPassword(db, requireActor(req, 'user.reset_password'), req.params.id),
  );

  app.post('/api/users/:id/unlock', { schema: { tags: ['users'], summary: 'Lift a lockout (security admin)', params: uuidParams } }, async (req, reply) => {
    await unlockUser(db, requireActor(req, 'user.unlock'), req.params.id);
    return reply.status(204).send();
  });

  app.post(
    '/api/users/:id/roles',
    {
      schema: {
        tags: ['users'],
        summary: 'Grant a role on an org node or grid (security admin)',
        params: uuidParams,
        body: z.object({ role, orgCode: z.string().min(1).max(40).optional() }).strict(),
      },
    },
    async (req, reply) => {
      await grantRole(db, requireActor(req, 'role.grant'), req.params.id, req.body);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/users/:id/roles/:grantId',
    { schema: { tags: ['users'], summary: 'Revoke a grant (security admin)', params: z.object({ id: z.uuid(), grantId: z.uuid() }) } },
    async (req, reply) => {
      await revokeRole(db, requireActor(req, 'role.grant'), req.params.id, req.params.grantId);
      return reply.status(204).send();
    },
  );

  const apiKey = z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    role: z.string(),
    orgPath: z.string(),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  });
  app.get('/api/apikeys', { schema: { tags: ['users'], summary: 'API keys (never the secrets)', response: { 200: z.array(apiKey) } } }, async (req) =>
    listApiKeys(db, requireActor(req, 'apikey.manage')),
  );
  app.post(
    '/api/apikeys',
    {
      schema: {
        tags: ['users'],
        summary: 'Create an API key for a machine client; the key is shown once',
        body: z.object({ name: z.string().trim().min(1).max(60), orgCode: z.string().max(40).optional(), role: role.optional() }).strict(),
        response: { 201: z.object({ id: z.string(), key: z.string(), prefix: z.string(), role: z.string(), orgPath: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createApiKey(db, requireActor(req, 'apikey.manage'), req.body)),
  );
  app.delete('/api/apikeys/:id', { schema: { tags: ['users'], summary: 'Revoke an API key', params: uuidParams } }, async (req, reply) => {
    await revokeApiKey(db, requireActor(req, 'apikey.manage'), req.params.id);
    return reply.status(204).send();
  });

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log (auditor)',
        querystring: z.object({
          actor: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          result: z.enum(['success', 'failure', 'denied']).optional(),
          targetId: z.string().max(64).optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          ...pageQuery,
        }),
        response: {
          200: pageOf(
            z.object({
              id: z.number(),
              at: z.date(),
              actorName: z.string().nullable(),
              ip: z.string().nullable(),
              requestId: z.string().nullable(),
              action: z.string(),
              targetType: z.string().nullable(),
              targetId: z.string().nullable(),
              orgPath: z.string().nullable(),
              result: z.string(),
              details: z.record(z.string(), z.unknown()),
              hash: z.string(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'audit.read');
      const result = await searchAudit(db, req.query);
      await recordAudit(db, actor, { action: 'audit.search', details: { ...req.query } });
      return { ...result, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain of the audit log (auditor)',
        response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBadId: z.number().optional(), reason: z.string().optional() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'audit.read');
      const result = await verifyAuditChain(db);
      await recordAudit(db, actor, { action: 'audit.verify', result: result.ok ? 'success' : 'failure', details: { ...result } });
      return result;
    },
  );
}
