// LISTEN on a database channel for the life of the process: PostgreSQL needs a connection of its
// own (LISTEN holds it), PGlite has the same LISTEN/NOTIFY inside its one process. A lost
// PostgreSQL connection is opened again after a second; notifications sent while it was down are
// lost, so callers that must not miss one (the session cache) stop trusting what they kept until
// `connected` is called again.
import pg from 'pg';
import type { Database } from './db.ts';

const RECONNECT_MS = 1_000;

export interface ListenEvents {
  /**
   * The channel is listened to (again). `ping` (PostgreSQL only) runs a query on the listening
   * connection: its answer comes after every notification sent before it.
   */
  connected?: (ping: (() => Promise<void>) | undefined) => void;
  /** The connection was lost; it is opened again until the listener is stopped. */
  lost?: (why: string) => void;
}

/** Calls `heard` with each payload sent on `channel` after a commit; returns the function that stops listening. */
export async function listenTo(database: Database, channel: string, heard: (payload: string) => void, events: ListenEvents = {}): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  if (database.pglite) {
    const unlisten = await database.pglite.listen(channel, (payload) => heard(payload ?? ''));
    events.connected?.(undefined);
    return unlisten;
  }
  const pool = database.pool;
  if (!pool) throw new Error('no database to listen on');
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  // Only the current connection's loss counts (an old one may report its end late).
  const lost = (c: pg.Client, why: string) => {
    if (c !== client) return;
    client = undefined;
    void c.end().catch(() => undefined);
    events.lost?.(why);
    if (!stopped) retry = setTimeout(() => void connect(), RECONNECT_MS);
  };
  const connect = async () => {
    const c = new pg.Client(pool.options);
    client = c;
    c.on('notification', (msg) => heard(msg.payload ?? ''));
    c.on('error', (error) => lost(c, error.message));
    c.on('end', () => lost(c, 'connection ended'));
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
      if (client === c && !stopped) {
        events.connected?.(async () => {
          await c.query('select 1');
        });
      }
    } catch (error) {
      lost(c, (error as Error).message);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  };
}
