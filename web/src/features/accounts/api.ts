// Typed calls of the accounts module: sign-in, password, users and role grants, API keys,
// in the accounts contract's shapes.
import type { IdentifierLookupSettings, UpdateIdentifierLookupSettings } from '#server/modules/registry/contract.ts';
import type { AdminChangeRequestView, ApiKeyView, ApprovedAdminChange, ChangePasswordInput, CreateApiKeyInput, CreatedApiKey, CreatedUser, CreateUserInput, InitialPassword, LoginResponse, RoleInfo as RoleInfoView, UpdateUserInput } from '#server/modules/accounts/contract.ts';
import type { Role } from '#server/platform/auth/roles.ts';
import { request, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';
import type { User, UserWithGrants } from '../../platform/session-api.ts';

export type { Grant, Me, User, UserWithGrants } from '../../platform/session-api.ts';
export type { CreatedApiKey } from '#server/modules/accounts/contract.ts';
export { usernamePattern } from '#server/modules/accounts/contract.ts';

export type RoleInfo = RoleInfoView;
export type AdminChangeRequest = Json<AdminChangeRequestView>;
export type { IdentifierLookupSettings };
export type ApiKey = Json<ApiKeyView>;

export const accountsApi = {
  login: (username: string, password: string) =>
    request<Json<LoginResponse>>('POST', '/api/auth/login', { body: { username, password }, quiet: true }),
  changePassword: (input: ChangePasswordInput) => request<null>('POST', '/api/auth/password', { body: input }),

  users: (query: { q?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<UserWithGrants>>('GET', '/api/users', { query, signal }),
  createUser: (input: CreateUserInput) => request<Json<CreatedUser>>('POST', '/api/users', { body: input }),
  updateUser: (id: string, patch: UpdateUserInput) => request<User>('PATCH', `/api/users/${id}`, { body: patch }),
  resetPassword: (id: string) => request<InitialPassword>('POST', `/api/users/${id}/reset-password`),
  unlockUser: (id: string) => request<null>('POST', `/api/users/${id}/unlock`),
  grantRole: (id: string, role: Role, orgCode?: string) =>
    request<null>('POST', `/api/users/${id}/roles`, { body: orgCode ? { role, orgCode } : { role } }),
  revokeRole: (id: string, grantId: string) => request<null>('DELETE', `/api/users/${id}/roles/${grantId}`),
  roles: (signal?: AbortSignal) => request<RoleInfo[]>('GET', '/api/roles', { signal }),

  apiKeys: (signal?: AbortSignal) => request<ApiKey[]>('GET', '/api/apikeys', { signal }),
  createApiKey: (input: CreateApiKeyInput) => request<CreatedApiKey>('POST', '/api/apikeys', { body: input }),
  revokeApiKey: (id: string) => request<null>('DELETE', `/api/apikeys/${id}`),

  // The two-person rule: changes to admin accounts asked by one admin, decided by another security admin.
  changeRequests: (query: { status?: AdminChangeRequest['status'] | undefined; page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<AdminChangeRequest>>('GET', '/api/admin-change-requests', { query, signal }),
  approveChange: (id: string) => request<Json<ApprovedAdminChange>>('POST', `/api/admin-change-requests/${id}/approve`),
  rejectChange: (id: string) => request<AdminChangeRequest>('POST', `/api/admin-change-requests/${id}/reject`),

  // The registry's limit on look-ups by whole ID or phone number (set by the security admin).
  lookupSettings: (signal?: AbortSignal) => request<IdentifierLookupSettings>('GET', '/api/registry/identifier-lookup-settings', { signal }),
  updateLookupSettings: (input: UpdateIdentifierLookupSettings) => request<IdentifierLookupSettings>('PUT', '/api/registry/identifier-lookup-settings', { body: input }),
};
