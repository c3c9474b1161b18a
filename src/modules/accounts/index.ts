// Accounts: sign-in, users, role grants and API keys.
export {
  /** Creates the first system administrator on an empty database. */
  ensureAdmin,
  /** Creates an account with a role (CLI and demo). */
  provisionUser,
  /** Resets a password by username (CLI). */
  resetPasswordByName,
  /** Creates an API key for a machine client. */
  createApiKey,
  /** Signs a user in. */
  login,
} from './service.ts';
