// LISTEN on a database channel for the life of the process: PostgreSQL needs a connection of its
// own (LISTEN holds it), PGlite has the same LISTEN/NOTIFY inside its one process.
import pg from 'pg';
import type { Database } from './db.ts';

/** Calls `heard` with each payload sent on `channel` after a commit; returns the function that stops listening. */
export async function listenTo(database: Database, channel: string, heard: (payload: string) => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  if (database.pglite) return database.pglite.listen(channel, (payload) => heard(payload ?? ''));
  if (!database.pool) throw new Error('no database to listen on');
  const client = new pg.Client(database.pool.options);
  await client.connect();
  client.on('notification', (msg) => heard(msg.payload ?? ''));
  // A lost connection only stops the wake-ups: callers keep a slow poll.
  client.on('error', () => undefined);
  await client.query(`listen ${channel}`);
  return () => client.end();
}
