// A listener hears what is sent on its channel after each commit, and on PostgreSQL keeps
// hearing after its connection is cut (it connects again and says so).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers.ts';
import type { Database } from './db.ts';
import { listenTo } from './listen.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const until = async (done: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('listenTo', () => {
  it('hears a committed notification, and nothing after it stops', async () => {
    const heard: string[] = [];
    let connected = 0;
    const stop = await listenTo(database, 'listen_test', (payload) => heard.push(payload), { connected: () => connected++ });
    expect(connected).toBe(1);
    await database.db.execute(sql`select pg_notify('listen_test', 'one')`);
    await until(() => heard.length === 1);
    await stop();
    await database.db.execute(sql`select pg_notify('listen_test', 'two')`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual(['one']);
  });

  it.skipIf(!process.env.DATABASE_URL)('listens again after its connection is cut (PostgreSQL)', async () => {
    const heard: string[] = [];
    const events: string[] = [];
    const stop = await listenTo(database, 'listen_cut', (payload) => heard.push(payload), {
      connected: (ping) => events.push(ping ? 'connected' : 'connected without ping'),
      lost: () => events.push('lost'),
    });
    try {
      await database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where query = 'listen listen_cut'`);
      await until(() => events.length === 3);
      expect(events).toEqual(['connected', 'lost', 'connected']);
      await database.db.execute(sql`select pg_notify('listen_cut', 'after')`);
      await until(() => heard.length === 1);
      expect(heard).toEqual(['after']);
    } finally {
      await stop();
    }
  });
});
