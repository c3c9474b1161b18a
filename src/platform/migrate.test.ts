import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../test/helpers.ts';
import { migrate, readMigrations } from './migrate.ts';
import { queryRows } from './db.ts';
import { ConfigError, loadConfig } from './config.ts';

describe('migrations', () => {
  it('are applied once: running again changes nothing', async () => {
    const database = await createTestDatabase();
    expect(await migrate(database)).toEqual([]);
    const rows = await queryRows<{ id: string }>(database.db, sql`select id from schema_migrations order by id`);
    expect(rows.map((r) => r.id)).toEqual(readMigrations().map((m) => m.id));
    await database.close();
  });

  it('serialise concurrent runs and apply a new migration exactly once', async () => {
    const database = await createTestDatabase();
    const extra = [...readMigrations(), { id: '9999_test', sql: 'create table migration_probe (id int)', checksum: 'x' }];
    const results = await Promise.all([migrate(database, extra), migrate(database, extra), migrate(database, extra)]);
    expect(results.flat()).toEqual(['9999_test']);
    await database.close();
  });

  it('refuse a migration edited after it was applied', async () => {
    const database = await createTestDatabase();
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m));
    await expect(migrate(database, edited)).rejects.toThrow(/was changed after it was applied/);
    await database.close();
  });
});

describe('configuration', () => {
  it('stops start-up naming each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', GONGZHI_DEMO_DISTRICT: '11', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', GONGZHI_DEMO_DISTRICT: '11', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/GONGZHI_DEMO_DISTRICT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.sessionIdleMs).toBe(30 * 60_000);
    expect(config.sessionAbsoluteMs).toBe(12 * 3_600_000);
    expect(config.databaseUrl).toBeUndefined();
  });
});
