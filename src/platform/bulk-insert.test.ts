// Bulk loads: per-row reference checks skipped during the load, every foreign key checked
// once after it, and a broken reference undoes the whole load.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/helpers.ts';
import { bulkLoad, insertByUnnest } from './bulk-insert.ts';
import { queryRows } from './db.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await setupTestApp();
  await ctx.database.db.execute(sql`create table bulk_parent (id int primary key, a int not null, b int not null, unique (a, b))`);
  await ctx.database.db.execute(sql`create table bulk_child (id int primary key, parent_id int references bulk_parent (id), a int, b int,
    constraint bulk_child_pair foreign key (a, b) references bulk_parent (a, b))`);
});

// Without a superuser (PostgreSQL as an ordinary role) the per-row checks stay on, and the
// database's own error names the key; drizzle puts it in the cause.
async function failure(load: Promise<unknown>): Promise<string> {
  try {
    await load;
    return 'no error';
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
}

const count = async (table: string) => (await queryRows<{ n: number }>(ctx.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

describe('bulkLoad', () => {
  it('loads rows whose references hold, parents and children in one load', async () => {
    await ctx.database.db.transaction((tx) =>
      bulkLoad(tx, ['bulk_parent', 'bulk_child'], async () => {
        await insertByUnnest(tx, 'bulk_parent', [['id', 'int'], ['a', 'int'], ['b', 'int']], [{ id: 1, a: 1, b: 2 }], 100);
        await insertByUnnest(tx, 'bulk_child', [['id', 'int'], ['parent_id', 'int'], ['a', 'int'], ['b', 'int']], [{ id: 1, parent_id: 1, a: 1, b: 2 }, { id: 2, parent_id: null, a: null, b: null }], 100);
      }),
    );
    expect(await count('bulk_child')).toBe(2);
    // Outside the load the per-row checks are back.
    await expect(ctx.database.db.execute(sql`insert into bulk_child (id, parent_id) values (9, 99)`)).rejects.toThrow();
  });

  it('refuses a load that breaks a reference, naming the key, and writes nothing', async () => {
    const load = (rows: Record<string, unknown>[]) =>
      ctx.database.db.transaction((tx) =>
        bulkLoad(tx, ['bulk_child'], () => insertByUnnest(tx, 'bulk_child', [['id', 'int'], ['parent_id', 'int'], ['a', 'int'], ['b', 'int']], rows, 100)),
      );
    expect(await failure(load([{ id: 10, parent_id: 1, a: 1, b: 2 }, { id: 11, parent_id: 42, a: null, b: null }]))).toMatch(/bulk_child_parent_id_fkey/);
    expect(await failure(load([{ id: 12, parent_id: 1, a: 1, b: 3 }]))).toMatch(/bulk_child_pair/);
    expect(await count('bulk_child')).toBe(2);
  });
});
