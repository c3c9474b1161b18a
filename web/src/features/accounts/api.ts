// Typed calls of the accounts module: sign-in, password, users and role grants, API keys.
// Shapes mirror src/modules/accounts/routes.ts until the module's contract replaces them.
import { request, type Paged } from '../../platform/api-client.ts';
import type { Role } from '../../platform/domain.ts';
import type { Me, User, UserWithGrants } from '../../platform/session-api.ts';

export type { Grant, Me, User, UserWithGrants } from '../../platform/session-api.ts';

export interface RoleInfo {
  role: Role;
  permissions: string[];
  grantedOn: string[];
  isAdminTrio: boolean;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: string;
  orgPath: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
  role: string;
  orgPath: string;
}

export const accountsApi = {
  login: (username: string, password: string) =>
    request<{ user: Me; mustChangePassword: boolean }>('POST', '/api/auth/login', { body: { username, password }, quiet: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<null>('POST', '/api/auth/password', { body: { currentPassword, newPassword } }),

  users: (query: { q?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<UserWithGrants>>('GET', '/api/users', { query, signal }),
  createUser: (input: { username: string; displayName: string }) =>
    request<{ user: User; initialPassword: string }>('POST', '/api/users', { body: input }),
  updateUser: (id: string, patch: { displayName?: string; disabled?: boolean }) =>
    request<User>('PATCH', `/api/users/${id}`, { body: patch }),
  resetPassword: (id: string) => request<{ initialPassword: string }>('POST', `/api/users/${id}/reset-password`),
  unlockUser: (id: string) => request<null>('POST', `/api/users/${id}/unlock`),
  grantRole: (id: string, role: Role, orgCode?: string) =>
    request<null>('POST', `/api/users/${id}/roles`, { body: orgCode ? { role, orgCode } : { role } }),
  revokeRole: (id: string, grantId: string) => request<null>('DELETE', `/api/users/${id}/roles/${grantId}`),
  roles: (signal?: AbortSignal) => request<RoleInfo[]>('GET', '/api/roles', { signal }),

  apiKeys: (signal?: AbortSignal) => request<ApiKey[]>('GET', '/api/apikeys', { signal }),
  createApiKey: (input: { name: string; role?: Role; orgCode?: string }) =>
    request<CreatedApiKey>('POST', '/api/apikeys', { body: input }),
  revokeApiKey: (id: string) => request<null>('DELETE', `/api/apikeys/${id}`),
};
