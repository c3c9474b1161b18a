import { z } from 'zod';
import { SESSION_COOKIE, type AppContext } from '../../platform/http.ts';
import { route, routeTable } from '../../platform/route.ts';
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
import { approveAdminChange, listAdminChanges, rejectAdminChange, requestAdminChange } from './admin-change-requests.ts';
import {
  adminChangeParams,
  adminChangeRequestBody,
  adminChangeRequestPage,
  adminChangeRequestView,
  apiKeyView,
  approvedAdminChange,
  listAdminChangeRequestsQuery,
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

function cookieOptions({ config }: AppContext) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure, maxAge: Math.floor(config.sessionAbsoluteMs / 1000) };
}

/** Signing in and out, and the user's own account. */
export const authRoutes = routeTable('auth', [
  route({
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Sign in with username and password; sets the session cookie',
    access: 'public',
    // The limit is configured, so it is read per request from the app's configuration.
    config: { rateLimit: { max: (req) => req.server.ctx.config.loginRatePerMinute, timeWindow: '1 minute' } },
    body: loginBody,
    response: loginResponse,
    handle: async ({ body, ctx, db, req, reply }) => {
      const { token, user: signedIn } = await login(db, ctx.config, { ...body, ip: req.ip, userAgent: req.headers['user-agent'], requestId: req.id });
      void reply.setCookie(SESSION_COOKIE, token, cookieOptions(ctx));
      const actor = { kind: 'user' as const, id: signedIn.id, name: signedIn.username, displayName: signedIn.displayName, grants: await loadGrants(db, signedIn.id), mustChangePassword: signedIn.mustChangePassword };
      return { user: await describeActor(db, actor), mustChangePassword: signedIn.mustChangePassword };
    },
  }),
  route({
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'Sign out',
    access: 'public',
    status: 204,
    handle: async ({ db, req, reply }) => {
      const token = req.cookies[SESSION_COOKIE];
      const result = req.actorResult;
      if (token) await deleteSession(db, token);
      if (result && 'actor' in result) await recordAudit(db, result.actor, { action: 'auth.logout', targetType: 'user', targetId: result.actor.id ?? undefined });
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  }),
  route({
    method: 'GET',
    url: '/api/auth/me',
    summary: 'The signed-in user, roles and permissions',
    access: 'password-change',
    response: meView,
    handle: ({ actor, db }) => describeActor(db, actor),
  }),
  route({
    method: 'POST',
    url: '/api/auth/password',
    summary: 'Change your own password',
    access: 'password-change',
    body: changePasswordBody,
    status: 204,
    handle: ({ actor, body, db }) => changePassword(db, actor, body),
  }),
]);

/** Users and their role grants (the security administrator's), and API keys of machine clients. */
export const userRoutes = routeTable('users', [
  route({
    method: 'GET',
    url: '/api/roles',
    summary: 'The role catalogue',
    access: 'user.read',
    response: z.array(roleInfo),
    handle: () => roleNames.map((r) => ({ role: r, ...roles[r], permissions: [...roles[r].permissions], grantedOn: [...roles[r].grantedOn] })),
  }),
  route({
    method: 'GET',
    url: '/api/users',
    summary: 'Accounts with their grants, paged',
    access: 'user.read',
    query: listUsersQuery,
    response: userPage,
    handle: ({ actor, query: { q, page, pageSize }, db }) => listUsers(db, actor, { search: q, page, pageSize }),
  }),
  route({
    method: 'POST',
    url: '/api/users',
    summary: 'Create an account (system admin); returns the initial password once',
    access: 'user.write',
    body: createUserBody,
    response: createdUser,
    status: 201,
    handle: ({ actor, body, db }) => createUser(db, actor, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/users/:id',
    summary: 'Rename or disable an account',
    access: 'user.write',
    params: userParams,
    body: updateUserBody,
    response: userView,
    handle: ({ actor, params, body, db }) => updateUser(db, actor, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/reset-password',
    summary: 'Issue a new initial password',
    access: 'user.reset_password',
    params: userParams,
    response: initialPassword,
    handle: ({ actor, params, db }) => resetPassword(db, actor, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/unlock',
    summary: 'Lift a lockout (security admin)',
    access: 'user.unlock',
    params: userParams,
    status: 204,
    handle: ({ actor, params, db }) => unlockUser(db, actor, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/roles',
    summary: 'Grant a role on an org node or grid (security admin)',
    access: 'role.grant',
    params: userParams,
    body: grantRoleBody,
    status: 204,
    handle: ({ actor, params, body, db }) => grantRole(db, actor, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/users/:id/roles/:grantId',
    summary: 'Revoke a grant (security admin)',
    access: 'role.grant',
    params: grantParams,
    status: 204,
    handle: ({ actor, params, db }) => revokeRole(db, actor, params.id, params.grantId),
  }),

  // ------------------------------------------------------------------ two-person rule
  route({
    method: 'POST',
    url: '/api/users/:id/change-requests',
    summary: "Ask for a change to an administrator's account; another security admin approves it",
    // Each change needs the permission that would make it directly; the service checks it.
    access: 'signed-in',
    params: userParams,
    body: adminChangeRequestBody,
    response: adminChangeRequestView,
    status: 201,
    handle: ({ actor, params, body, db }) => requestAdminChange(db, actor, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/api/admin-change-requests',
    summary: "Requested changes to administrators' accounts, newest first, paged",
    access: 'user.read',
    query: listAdminChangeRequestsQuery,
    response: adminChangeRequestPage,
    handle: ({ actor, query, db }) => listAdminChanges(db, actor, query),
  }),
  route({
    method: 'POST',
    url: '/api/admin-change-requests/:id/approve',
    summary: 'Approve and carry out a requested change (a security admin other than the requester)',
    access: 'user.approve_change',
    params: adminChangeParams,
    response: approvedAdminChange,
    handle: ({ actor, params, db }) => approveAdminChange(db, actor, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/admin-change-requests/:id/reject',
    summary: 'Reject a requested change',
    access: 'user.approve_change',
    params: adminChangeParams,
    response: adminChangeRequestView,
    handle: ({ actor, params, db }) => rejectAdminChange(db, actor, params.id),
  }),

  // ------------------------------------------------------------------ API keys
  route({
    method: 'GET',
    url: '/api/apikeys',
    summary: 'API keys (never the secrets)',
    access: 'apikey.manage',
    response: z.array(apiKeyView),
    handle: ({ actor, db }) => listApiKeys(db, actor),
  }),
  route({
    method: 'POST',
    url: '/api/apikeys',
    summary: 'Create an API key for a machine client; the key is shown once',
    access: 'apikey.manage',
    body: createApiKeyBody,
    response: createdApiKey,
    status: 201,
    handle: ({ actor, body, db }) => createApiKey(db, actor, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/apikeys/:id',
    summary: 'Revoke an API key',
    access: 'apikey.manage',
    params: userParams,
    status: 204,
    handle: ({ actor, params, db }) => revokeApiKey(db, actor, params.id),
  }),
]);
