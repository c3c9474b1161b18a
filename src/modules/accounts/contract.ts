// The accounts module's contract: the zod schema of every request and response of sign-in,
// users, role grants and API keys, with the types inferred from them.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/paging.ts';
import { machineRoleNames, roleNames, type Role } from '../../platform/auth/roles.ts';

export const role = z.enum(roleNames as [Role, ...Role[]]);
/** The roles an API key may hold: machine roles only (no personal data). */
export const machineRole = z.enum(machineRoleNames as [Role, ...Role[]]);

/** A role held on an org unit or grid ('全部' is the whole tree). */
export const grantView = z.object({ id: z.string(), role: z.string(), orgPath: z.string(), orgCode: z.string(), orgName: z.string() });
export type GrantView = z.infer<typeof grantView>;

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.date().nullable(),
  createdAt: z.date(),
});
export type UserView = z.infer<typeof userView>;

/** The signed-in user, with grants and the permissions they add up to. */
export const meView = userView.extend({ grants: z.array(grantView), permissions: z.array(z.string()) });
export type MeView = z.infer<typeof meView>;

export const userParams = z.object({ id: z.uuid() });
export const grantParams = z.object({ id: z.uuid(), grantId: z.uuid() });

// ---------------------------------------------------------------------------- sign-in

export const loginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });
export const loginResponse = z.object({ user: meView, mustChangePassword: z.boolean() });
export type LoginResponse = z.infer<typeof loginResponse>;

export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });
export type ChangePasswordInput = z.infer<typeof changePasswordBody>;

// ---------------------------------------------------------------------------- roles and users

export const roleInfo = z.object({ role: z.string(), permissions: z.array(z.string()), grantedOn: z.array(z.string()), isAdminTrio: z.boolean() });
export type RoleInfo = z.infer<typeof roleInfo>;

export const listUsersQuery = z.object({ q: z.string().max(50).optional(), ...pageQuery });
export const userWithGrants = userView.extend({ grants: z.array(grantView) });
export type UserWithGrants = z.infer<typeof userWithGrants>;
export const userPage = pageOf(userWithGrants);
export type UserPage = z.infer<typeof userPage>;

/** A username: 3–32 letters, digits, `_`, `.` or `-` (checked by the service, so the message is its own). */
export const usernamePattern = /^[A-Za-z0-9_.-]{3,32}$/;

export const createUserBody = z.object({ username: z.string().trim().min(3).max(32), displayName: z.string().trim().min(1).max(30) }).strict();
export type CreateUserInput = z.infer<typeof createUserBody>;
export const createdUser = z.object({ user: userView, initialPassword: z.string() });
export type CreatedUser = z.infer<typeof createdUser>;

export const updateUserBody = z.object({ displayName: z.string().trim().min(1).max(30).optional(), disabled: z.boolean().optional() }).strict();
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const initialPassword = z.object({ initialPassword: z.string() });
export type InitialPassword = z.infer<typeof initialPassword>;

export const grantRoleBody = z.object({ role, orgCode: z.string().min(1).max(40).optional() }).strict();
export type GrantRoleInput = z.infer<typeof grantRoleBody>;

// ---------------------------------------------------------------------------- API keys

export const apiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.string(),
  orgPath: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

export const createApiKeyBody = z.object({ name: z.string().trim().min(1).max(60), orgCode: z.string().max(40).optional(), role: machineRole.optional() }).strict();
export type CreateApiKeyInput = z.infer<typeof createApiKeyBody>;

/** A new API key: the only time the key itself is shown. */
export const createdApiKey = z.object({ id: z.string(), key: z.string(), prefix: z.string(), role: z.string(), orgPath: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKey>;

// ---------------------------------------------------------------------------- two-person rule

/** Changes to an administrator's account that one person asks for and another approves. */
export const adminChangeActions = ['reset_password', 'grant_role', 'revoke_role', 'unlock', 'disable', 'enable'] as const;
export type AdminChangeAction = (typeof adminChangeActions)[number];
export const adminChangeStatuses = ['pending', 'approved', 'rejected'] as const;

export const adminChangeRequestBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('reset_password') }).strict(),
  z.object({ action: z.literal('unlock') }).strict(),
  z.object({ action: z.literal('disable') }).strict(),
  z.object({ action: z.literal('enable') }).strict(),
  z.object({ action: z.literal('grant_role'), role, orgCode: z.string().min(1).max(40).optional() }).strict(),
  z.object({ action: z.literal('revoke_role'), grantId: z.uuid() }).strict(),
]);
export type AdminChangeRequestInput = z.infer<typeof adminChangeRequestBody>;

export const adminChangeRequestView = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  action: z.enum(adminChangeActions),
  details: z.record(z.string(), z.unknown()),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.date(),
  status: z.enum(adminChangeStatuses),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.date().nullable(),
});
export type AdminChangeRequestView = z.infer<typeof adminChangeRequestView>;
export const adminChangeRequestPage = pageOf(adminChangeRequestView);
export type AdminChangeRequestPage = z.infer<typeof adminChangeRequestPage>;
export const listAdminChangeRequestsQuery = z.object({ status: z.enum(adminChangeStatuses).optional(), ...pageQuery });
export const adminChangeParams = z.object({ id: z.uuid() });

/** An approved change; a reset's new initial password is shown once, to the approver. */
export const approvedAdminChange = z.object({ request: adminChangeRequestView, initialPassword: z.string().optional() });
export type ApprovedAdminChange = z.infer<typeof approvedAdminChange>;
