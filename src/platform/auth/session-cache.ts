// Sessions (with their user and grants) kept a few seconds in the process, so that a busy
// client's requests do not each read them. The database announces on the channel
// gongzhi_auth every change that must take effect at once (triggers of migration 0028:
// sessions ended, passwords, disabled accounts, grants), from whichever process or code made
// it; a listener here drops what it names. Before a cached session is used, one `select 1`
// on the listening connection (shared by the requests of the moment) makes sure every
// notification committed before the request has been applied: a change is refused by every
// process from the next request on. While the listener is not connected nothing is cached,
// so a lost connection cannot keep a revoked session alive.
import type { Database, Db } from '../db.ts';
import { listenTo } from '../listen.ts';

export const AUTH_CHANNEL = 'gongzhi_auth';
const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

interface Cached<T extends { userId: string }> {
  at: number;
  facts: T;
}

/** The cache of one database's sessions in this process. */
export class SessionCache<T extends { userId: string } = { userId: string }> {
  private readonly entries = new Map<string, Cached<T>>();
  private readonly byUser = new Map<string, Set<string>>();
  /** Bumped by every invalidation: a read that began before one is not cached. */
  generation = 0;
  listening = false;
  /** A query on the listening connection (PostgreSQL only): its answer comes after every notification already sent. */
  ping: (() => Promise<void>) | undefined;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  /**
   * Resolves once every change committed before the call has been applied to the cache
   * (PostgreSQL sends a listener its pending notifications before a query's answer).
   * Callers at the same moment share one query; a query already under way may predate the
   * caller's commit, so the caller waits for the next one.
   */
  sync(): Promise<void> {
    const ping = this.ping;
    if (!this.listening || !ping) return Promise.resolve();
    this.queued ??= (this.inFlight ?? Promise.resolve()).then(() => {
      this.queued = undefined;
      // A barrier that fails leaves nothing cached: the next requests read the database.
      const current = ping().catch(() => this.clear());
      this.inFlight = current;
      return current;
    });
    return this.queued;
  }

  get(sessionId: string, now: number): T | undefined {
    if (!this.listening) return undefined;
    const hit = this.entries.get(sessionId);
    if (!hit) return undefined;
    if (now - hit.at >= TTL_MS) {
      this.dropSession(sessionId);
      return undefined;
    }
    return hit.facts;
  }

  put(sessionId: string, facts: T, readAtGeneration: number, now: number): void {
    if (!this.listening || readAtGeneration !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.clear();
    this.entries.set(sessionId, { at: now, facts });
    let ids = this.byUser.get(facts.userId);
    if (!ids) this.byUser.set(facts.userId, (ids = new Set()));
    ids.add(sessionId);
  }

  dropSession(sessionId: string): void {
    this.generation++;
    const hit = this.entries.get(sessionId);
    if (!hit) return;
    this.entries.delete(sessionId);
    const ids = this.byUser.get(hit.facts.userId);
    ids?.delete(sessionId);
    if (ids?.size === 0) this.byUser.delete(hit.facts.userId);
  }

  dropUser(userId: string): void {
    this.generation++;
    for (const id of this.byUser.get(userId) ?? []) this.entries.delete(id);
    this.byUser.delete(userId);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.byUser.clear();
  }

  /** Applies one notification of the auth channel. */
  apply(payload: string | undefined): void {
    if (payload?.startsWith('s:')) this.dropSession(payload.slice(2));
    else if (payload?.startsWith('u:')) this.dropUser(payload.slice(2));
    else this.clear();
  }
}

const caches = new WeakMap<Db, SessionCache<never>>();

/** The session cache of a database handle, if this process listens for its changes. */
export function sessionCacheOf<T extends { userId: string }>(db: Db): SessionCache<T> | undefined {
  return caches.get(db) as SessionCache<T> | undefined;
}

/**
 * Starts caching sessions of this database: listens on the auth channel (PGlite in-process,
 * PostgreSQL on a connection of its own, reconnected if lost). Returns the stop function.
 */
export async function startSessionCache(database: Database, log: (message: string) => void = () => undefined): Promise<() => Promise<void>> {
  const cache = new SessionCache<never>();
  caches.set(database.db, cache);
  const stopListening = await listenTo(database, AUTH_CHANNEL, (payload) => cache.apply(payload), {
    connected: (ping) => {
      // Changes announced while nobody listened are unknown: start from nothing.
      cache.clear();
      cache.ping = ping;
      cache.listening = true;
    },
    lost: (why) => {
      cache.listening = false;
      cache.ping = undefined;
      cache.clear();
      log(`session cache off until the auth listener reconnects: ${why}`);
    },
  });
  return async () => {
    cache.listening = false;
    cache.clear();
    if (caches.get(database.db) === cache) caches.delete(database.db);
    await stopListening();
  };
}
