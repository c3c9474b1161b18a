// The signed-in session: who I am and signing out. Sign-in itself and password changes are
// the accounts feature's (features/accounts/api.ts); the session is the platform's, as on the server.
import type { GrantView, MeView, UserView, UserWithGrants as UserWithGrantsView } from '#server/modules/accounts/contract.ts';
import { request } from './api-client.ts';
import type { Json } from './json.ts';

export type Grant = Json<GrantView>;
export type User = Json<UserView>;
export type UserWithGrants = Json<UserWithGrantsView>;
export type Me = Json<MeView>;

export const sessionApi = {
  me: (options: { quiet?: boolean } = {}) => request<Me>('GET', '/api/auth/me', options),
  logout: () => request<null>('POST', '/api/auth/logout', { quiet: true }),
};
