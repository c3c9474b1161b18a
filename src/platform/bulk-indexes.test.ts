import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../test/helpers.ts';
import { queryRows, type Db } from './db.ts';
import { withIndexesBuiltAfter } from './bulk-indexes.ts';

async function indexesOf(db: Db, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(db, sql`select indexname as name from pg_indexes where tablename = ${table} order by 1`);
  return rows.map((r) => r.name);
}

async function probeTables(db: Db): Promise<void> {
  await db.execute(sql`create table bulk_probe (id int primary key, code text not null, note text)`);
  await db.execute(sql`create unique index bulk_probe_code on bulk_probe (code)`);
  await db.execute(sql`create index bulk_probe_note on bulk_probe (note) where note is not null`);
  await db.execute(sql`create table bulk_probe_filled (id int primary key, note text)`);
  await db.execute(sql`create index bulk_probe_filled_note on bulk_probe_filled (note)`);
  await db.execute(sql`insert into bulk_probe_filled values (1, 'x')`);
}

describe('withIndexesBuiltAfter', () => {
  it('loads an empty table without its secondary indexes and builds them again, the same, afterwards; a filled table keeps its own', async () => {
    const database = await createTestDatabase();
    const { db } = database;
    await probeTables(db);
    const before = await queryRows<{ def: string }>(db, sql`select indexdef as def from pg_indexes where tablename = 'bulk_probe' order by indexname`);
    const during = await db.transaction((tx) =>
      withIndexesBuiltAfter(tx, ['bulk_probe', 'bulk_probe_filled'], async () => {
        await tx.execute(sql`insert into bulk_probe select g, 'c' || g, case when g % 2 = 0 then 'n' end from generate_series(1, 500) g`);
        return { probe: await indexesOf(tx, 'bulk_probe'), filled: await indexesOf(tx, 'bulk_probe_filled') };
      }),
    );
    // The primary key stays (keys are checked during the load); the filled table is not touched.
    expect(during.probe).toEqual(['bulk_probe_pkey']);
    expect(during.filled).toEqual(['bulk_probe_filled_note', 'bulk_probe_filled_pkey']);
    const after = await queryRows<{ def: string }>(db, sql`select indexdef as def from pg_indexes where tablename = 'bulk_probe' order by indexname`);
    expect(after).toEqual(before);
    const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from bulk_probe`);
    expect(count?.n).toBe(500);
    await database.close();
  });

  it('rolls the load back, indexes included, when a unique index cannot be built over what was loaded', async () => {
    const database = await createTestDatabase();
    const { db } = database;
    await probeTables(db);
    const before = await indexesOf(db, 'bulk_probe');
    await expect(
      db.transaction((tx) =>
        withIndexesBuiltAfter(tx, ['bulk_probe'], async () => {
          await tx.execute(sql`insert into bulk_probe values (1, 'same', null), (2, 'same', null)`);
        }),
      ),
    ).rejects.toThrow();
    expect(await indexesOf(db, 'bulk_probe')).toEqual(before);
    const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from bulk_probe`);
    expect(count?.n).toBe(0);
    await database.close();
  });
});
