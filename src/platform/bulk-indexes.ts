// Secondary indexes built once after a bulk load into empty tables, instead of row by row
// during it: a sorted build of a btree (or a GIN over the whole column) costs a fraction of
// as many single inserts, and the demo fills tables that carry up to twenty indexes.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './db.ts';

/**
 * Runs `load` (inside the caller's transaction) with the secondary indexes of those `tables`
 * that are empty at the start dropped, and creates them again afterwards from their saved
 * definitions. Indexes behind a constraint (primary keys, unique constraints, the keys foreign
 * keys point at) stay, so keys are still checked during the load; a unique index rebuilt over
 * duplicates fails and the whole transaction rolls back, indexes included. Other sessions
 * wait for the tables until the transaction ends (the drop takes an exclusive lock): meant for
 * loads nobody else reads meanwhile, such as the demo on first start.
 */
export async function withIndexesBuiltAfter<T>(tx: Db, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  const saved: { name: string; definition: string }[] = [];
  for (const table of tables) {
    const [filled] = await queryRows<{ filled: boolean }>(tx, sql.raw(`select exists (select 1 from ${table}) as filled`));
    if (filled?.filled) continue;
    saved.push(
      ...(await queryRows<{ name: string; definition: string }>(
        tx,
        sql`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
              from pg_index i
             where i.indrelid = ${table}::regclass
               and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
             order by 1`,
      )),
    );
  }
  for (const index of saved) await tx.execute(sql.raw(`drop index ${index.name}`));
  const result = await load();
  for (const index of saved) await tx.execute(sql.raw(index.definition));
  return result;
}
