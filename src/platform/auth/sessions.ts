import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { apiKeys, roleGrants, sessions, users } from './schema.ts';
import { isMachineRole, isRole, type Role } from './roles.ts';
import type { Actor, Grant } from './scope.ts';
import { sessionCacheOf } from './session-cache.ts';

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

/** Ends a session (at once in this process; other processes hear of it through the database). */
export async function deleteSession(db: Db, token: string): Promise<void> {
  const id = tokenHash(token);
  await db.delete(sessions).where(eq(sessions.id, id));
  sessionCacheOf<SessionFacts>(db)?.dropSession(id);
}

/** The grants of a user, as the scope helper reads them. */
export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .select({ role: roleGrants.role, orgPath: roleGrants.orgPath })
    .from(roleGrants)
    .where(eq(roleGrants.userId, userId));
  return rows.flatMap((r) => (isRole(r.role) ? [{ role: r.role, orgPath: r.orgPath }] : []));
}

interface SessionFacts {
  userId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  grants: Grant[];
}

/**
 * The actor behind a session token. Throws SESSION_EXPIRED after the idle or absolute
 * timeout (and removes the session), NOT_AUTHENTICATED for an unknown token. A session
 * read in the last few seconds comes from this process's cache, which the database empties
 * at once on logout, password change, disabling or a grant change (session-cache.ts).
 */
export async function resolveSession(db: Db, settings: SessionSettings, token: string): Promise<Actor> {
  const id = tokenHash(token);
  const now = Date.now();
  const cache = sessionCacheOf<SessionFacts>(db);
  // Every change committed before this request is applied first (one cheap query on the
  // listening connection, shared by the requests of the moment), so a hit is never stale.
  if (cache?.get(id, now)) await cache.sync();
  const cached = cache?.get(id, now);
  // A cached session that looks expired is read again: another process may have touched it.
  if (cached && !cached.disabled && now < cached.expiresAt.getTime() && now - cached.lastSeenAt.getTime() < settings.sessionIdleMs) {
    await touch(db, id, cached, now);
    return actorOf(id, cached);
  }
  const generation = cache?.generation;
  const facts = await readSession(db, id);
  if (!facts) throw new AppError('NOT_AUTHENTICATED');
  if (facts.disabled || now >= facts.expiresAt.getTime() || now - facts.lastSeenAt.getTime() >= settings.sessionIdleMs) {
    await db.delete(sessions).where(eq(sessions.id, id));
    cache?.dropSession(id);
    throw new AppError(facts.disabled ? 'ACCOUNT_DISABLED' : 'SESSION_EXPIRED');
  }
  await touch(db, id, facts, now);
  cache?.put(id, facts, generation as number, now);
  return actorOf(id, facts);
}

/** Moves the session's idle clock on, at most once per TOUCH_AFTER_MS. */
async function touch(db: Db, id: string, facts: SessionFacts, now: number): Promise<void> {
  if (now - facts.lastSeenAt.getTime() <= TOUCH_AFTER_MS) return;
  await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  facts.lastSeenAt = new Date(now);
}

// The session, its user and the user's grants in one round trip.
async function readSession(db: Db, id: string): Promise<SessionFacts | undefined> {
  const [row] = await db
    .select({
      userId: sessions.userId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      username: users.username,
      displayName: users.displayName,
      disabled: users.disabled,
      mustChangePassword: users.mustChangePassword,
      grants: sql<{ role: string; orgPath: string }[]>`coalesce((select json_agg(json_build_object('role', g.role, 'orgPath', g.org_path) )
        from ${roleGrants} g where g.user_id = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return undefined;
  const grants = row.grants.flatMap((g) => (isRole(g.role) ? [{ role: g.role, orgPath: g.orgPath }] : []));
  return { ...row, grants };
}

function actorOf(sessionId: string, facts: SessionFacts): Actor {
  return {
    kind: 'user',
    id: facts.userId,
    name: facts.username,
    displayName: facts.displayName,
    // A copy: callers may add to an actor's grants; the cached list stays as read.
    grants: facts.grants.map((g) => ({ ...g })),
    mustChangePassword: facts.mustChangePassword,
    sessionId,
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
  // "Last used" to the minute: a busy client does not write the key's row on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, row.id));
  }
  return {
    kind: 'api_key',
    id: row.id,
    name: `apikey:${row.name}`,
    displayName: row.name,
    grants: [{ role: row.role as Role, orgPath: row.orgPath }],
    mustChangePassword: false,
  };
}
