// The signed-in session: who I am and signing out. Sign-in itself and password changes are
// the accounts feature's (features/accounts/api.ts); the session is the platform's, as on the server.
import { request } from './api-client.ts';

export interface Grant {
  id: string;
  role: string;
  orgPath: string;
  orgCode: string;
  orgName: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface UserWithGrants extends User {
  grants: Grant[];
}

export interface Me extends UserWithGrants {
  permissions: string[];
}

export const sessionApi = {
  me: (options: { quiet?: boolean } = {}) => request<Me>('GET', '/api/auth/me', options),
  logout: () => request<null>('POST', '/api/auth/logout', { quiet: true }),
};
