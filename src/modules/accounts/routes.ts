import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, SESSION_COOKIE } from '../../platform/http.ts';
import { roleNames, roles } from '../../platform/auth/roles.ts';
import { deleteSession, loadGrants } from '../../platform/auth/sessions.ts';
import { recordAudit } from '../../platform/audit.ts';
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
import {
  apiKeyView,
  changePasswordBody,
  createApiKeyBody,
  createdApiKey,
  createdUser,
  createUserBody,
  grantParams,
  grantRoleBody,
  initialPassword,
  listUsersQuery,
  loginBody,
  loginResponse,
  meView,
  roleInfo,
  updateUserBody,
  userPage,
  userParams,
  userView,
} from './contract.ts';

/** Sign-in, the user's own account, user and role administration, API keys. */
export function accountRoutes(base: FastifyInstance): void {
  authRoutes(base);
  userRoutes(base);
  apiKeyRoutes(base);
}

/** Signing in and out, and the user's own account. */
function authRoutes(base: FastifyInstance): void {
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
        body: loginBody,
        response: { 200: loginResponse },
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
    { schema: { tags: ['auth'], summary: 'The signed-in user, roles and permissions', response: { 200: meView } } },
    async (req) => describeActor(db, requireActor(req, undefined, { allowPendingPasswordChange: true })),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password',
        body: changePasswordBody,
      },
    },
    async (req, reply) => {
      await changePassword(db, requireActor(req, undefined, { allowPendingPasswordChange: true }), req.body);
      return reply.status(204).send();
    },
  );
}

/** Users and their role grants (the security administrator's). */
function userRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.ctx.database.db;

  app.get(
    '/api/roles',
    {
      schema: {
        tags: ['users'],
        summary: 'The role catalogue',
        response: { 200: z.array(roleInfo) },
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
        querystring: listUsersQuery,
        response: { 200: userPage },
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
        body: createUserBody,
        response: { 201: createdUser },
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
        params: userParams,
        body: updateUserBody,
        response: { 200: userView },
      },
    },
    async (req) => updateUser(db, requireActor(req, 'user.write'), req.params.id, req.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    { schema: { tags: ['users'], summary: 'Issue a new initial password', params: userParams, response: { 200: initialPassword } } },
    async (req) => resetPassword(db, requireActor(req, 'user.reset_password'), req.params.id),
  );

  app.post('/api/users/:id/unlock', { schema: { tags: ['users'], summary: 'Lift a lockout (security admin)', params: userParams } }, async (req, reply) => {
    await unlockUser(db, requireActor(req, 'user.unlock'), req.params.id);
    return reply.status(204).send();
  });

  app.post(
    '/api/users/:id/roles',
    {
      schema: {
        tags: ['users'],
        summary: 'Grant a role on an org node or grid (security admin)',
        params: userParams,
        body: grantRoleBody,
      },
    },
    async (req, reply) => {
      await grantRole(db, requireActor(req, 'role.grant'), req.params.id, req.body);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/users/:id/roles/:grantId',
    { schema: { tags: ['users'], summary: 'Revoke a grant (security admin)', params: grantParams } },
    async (req, reply) => {
      await revokeRole(db, requireActor(req, 'role.grant'), req.params.id, req.params.grantId);
      return reply.status(204).send();
    },
  );
}

/** API keys of machine clients. */
function apiKeyRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.ctx.database.db;

  app.get('/api/apikeys', { schema: { tags: ['users'], summary: 'API keys (never the secrets)', response: { 200: z.array(apiKeyView) } } }, async (req) =>
    listApiKeys(db, requireActor(req, 'apikey.manage')),
  );
  app.post(
    '/api/apikeys',
    {
      schema: {
        tags: ['users'],
        summary: 'Create an API key for a machine client; the key is shown once',
        body: createApiKeyBody,
        response: { 201: createdApiKey },
      },
    },
    async (req, reply) => reply.status(201).send(await createApiKey(db, requireActor(req, 'apikey.manage'), req.body)),
  );
  app.delete('/api/apikeys/:id', { schema: { tags: ['users'], summary: 'Revoke an API key', params: userParams } }, async (req, reply) => {
    await revokeApiKey(db, requireActor(req, 'apikey.manage'), req.params.id);
    return reply.status(204).send();
  });
}
