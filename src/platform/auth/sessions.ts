import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { apiKeys, roleGrants, sessions, users } from './schema.ts';
import { isMachineRole, isRole, type Role } from './roles.ts';
import type { Actor, Grant } from './scope.ts';

export interface SessionSettings {
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
}

// Writing last_seen_at on every request would make every read a write; a minute is enough.
const TOUCH_AFTER_MS = 60_000;

/** SHA-256 of a secret token, as stored: high-entropy tokens need no slow hash. */
export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Starts a session and returns its token (only its hash is stored). */
export async function createSession(
  db: Db,
  settings: SessionSettings,
  userId: string,
  client: { ip?: string | undefined; userAgent?: string | undefined },
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    id: tokenHash(token),
    userId,
    expiresAt: new Date(Date.now() + settings.sessionAbsoluteMs),
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/** Ends a session. */
export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, tokenHash(token)));
}

/** The grants of a user, as the scope helper reads them. */
export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .select({ role: roleGrants.role, orgPath: roleGrants.orgPath })
    .from(roleGrants)
    .where(eq(roleGrants.userId, userId));
  return rows.flatMap((r) => (isRole(r.role) ? [{ role: r.role, orgPath: r.orgPath }] : []));
}

/**
 * The actor behind a session token. Throws SESSION_EXPIRED after the idle or absolute
 * timeout (and removes the session), NOT_AUTHENTICATED for an unknown token.
 */
export async function resolveSession(db: Db, settings: SessionSettings, token: string): Promise<Actor> {
  const id = tokenHash(token);
  const [row] = await db
    .select({
      userId: sessions.userId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      username: users.username,
      displayName: users.displayName,
      disabled: users.disabled,
      mustChangePassword: users.mustChangePassword,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) throw new AppError('NOT_AUTHENTICATED');
  const now = Date.now();
  if (row.disabled || now >= row.expiresAt.getTime() || now - row.lastSeenAt.getTime() >= settings.sessionIdleMs) {
    await db.delete(sessions).where(eq(sessions.id, id));
    throw new AppError(row.disabled ? 'ACCOUNT_DISABLED' : 'SESSION_EXPIRED');
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  return {
    kind: 'user',
    id: row.userId,
    name: row.username,
    displayName: row.displayName,
    grants: await loadGrants(db, row.userId),
    mustChangePassword: row.mustChangePassword,
    sessionId: id,
  };
}

const API_KEY_PATTERN = /^gzk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** Makes a new API key: the full key for the client, and what is stored. */
export function newApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = crypto.randomBytes(4).toString('hex');
  const secret = crypto.randomBytes(32).toString('base64url');
  const key = `gzk_${prefix}_${secret}`;
  return { key, prefix, keyHash: tokenHash(key) };
}

/** The machine actor behind an API key; INVALID_API_KEY when unknown or revoked. */
export async function resolveApiKey(db: Db, key: string): Promise<Actor> {
  const match = API_KEY_PATTERN.exec(key);
  if (!match) throw new AppError('INVALID_API_KEY');
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, match[1] as string), isNull(apiKeys.revokedAt)));
  const given = Buffer.from(tokenHash(key));
  // A key holding a staff role (made before keys were limited to machine roles) is refused.
  if (!row || !crypto.timingSafeEqual(Buffer.from(row.keyHash), given) || !isRole(row.role) || !isMachineRole(row.role)) {
    throw new AppError('INVALID_API_KEY');
  }
  await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, row.id));
  return {
    kind: 'api_key',
    id: row.id,
    name: `apikey:${row.name}`,
    displayName: row.name,
    grants: [{ role: row.role as Role, orgPath: row.orgPath }],
    mustChangePassword: false,
  };
}
