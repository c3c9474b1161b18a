import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './platform/http.ts';
import { createConfiguredCipher } from './app.ts';
import { modules } from './modules/index.ts';
import { createTestDatabase, testConfig } from '../test/helpers.ts';

describe('closing the app', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => void unhandled.push(reason);
  afterEach(() => void process.off('unhandledRejection', record));

  it('closes the database after the listeners that use it, with nothing thrown behind', async () => {
    process.on('unhandledRejection', record);
    const database = await createTestDatabase();
    const config = testConfig();
    const app = await buildApp({ ctx: { database, config, pii: createConfiguredCipher(config) }, modules, logger: false, closesDatabase: true });
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await expect(app.close()).resolves.toBeUndefined();
    // A listener stopped after the database closed fails a moment later, outside close().
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
    await expect(database.db.execute('select 1')).rejects.toThrow();
  });
});
