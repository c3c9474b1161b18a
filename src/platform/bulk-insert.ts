// Bulk loads, for demo data and imports that write many rows at once.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from './db.ts';
import { withIndexesBuiltAfter } from './bulk-indexes.ts';

/**
 * Bulk insert with one array parameter per column (insert … select from unnest(…)), the
 * fastest plain-SQL load on both engines. Array and jsonb columns travel as text; a
 * tsvector column takes its lexemes as one space-separated text.
 */
export async function insertByUnnest(tx: Db, table: string, columns: [string, string][], rows: Record<string, unknown>[], batch: number): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    const params = columns.map(([name, type]) =>
      slice.map((r) => {
        const v = r[name];
        if (v === null || v === undefined) return null;
        if (type === 'jsonb') return JSON.stringify(v);
        if (type === 'text[]') return `{${(v as string[]).map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
        return v;
      }),
    );
    const travelsAsText = (type: string) => type === 'text[]' || type === 'jsonb' || type === 'tsvector';
    const arrays = sql.join(
      columns.map(([, type], k) => sql`${sql.param(params[k])}::${sql.raw(travelsAsText(type) ? 'text' : type)}[]`),
      sql`, `,
    );
    const selects = sql.join(
      columns.map(([name, type]) =>
        type === 'tsvector'
          ? sql.raw(`array_to_tsvector(string_to_array(${name}, ' '))`)
          : travelsAsText(type)
            ? sql.raw(`${name}::${type}`)
            : sql.raw(name),
      ),
      sql`, `,
    );
    await tx.execute(sql`insert into ${sql.raw(table)} (${sql.raw(columns.map(([n]) => n).join(', '))})
      select ${selects} from unnest(${arrays}) as x(${sql.raw(columns.map(([n]) => n).join(', '))})`);
  }
}

/** The `set` of an upsert that takes the named columns from the row that conflicted (`excluded.<column>`). */
export function fromExcluded<T extends PgTable>(table: T, keys: readonly (keyof T['_']['columns'] & string)[]): Record<string, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded.${columns[key]!.name}`)]));
}

/** Inserts rows in batches, updating the row already there on a conflict of `target`. */
export async function upsertInBatches<T extends PgTable>(
  tx: Db,
  table: T,
  rows: PgInsertValue<T>[],
  batch: number,
  conflict: { target: PgColumn; set: PgUpdateSetSource<T> },
): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    await tx.insert(table).values(rows.slice(i, i + batch)).onConflictDoUpdate(conflict);
  }
}

/**
 * Runs a bulk load into `tables` (inside the caller's transaction), such as the demo on first
 * start: the secondary indexes of those that are empty are built after it (bulk-indexes.ts),
 * and their foreign keys are checked once per key afterwards, by one anti-join each, instead of
 * by one trigger call per row. Rows of other sessions cannot slip in between: the transaction
 * still holds the rows it wrote, and a missing parent fails the whole load. Skipping the
 * per-row triggers needs a superuser (always so on PGlite); otherwise they simply run as usual.
 */
export async function bulkLoad<T>(tx: Db, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  const [role] = await queryRows<{ superuser: boolean }>(tx, sql`select current_setting('is_superuser') = 'on' as superuser`);
  if (role?.superuser) await tx.execute(sql`set local session_replication_role = replica`);
  const result = await withIndexesBuiltAfter(tx, tables, load);
  if (role?.superuser) {
    await tx.execute(sql`set local session_replication_role = origin`);
    await checkForeignKeys(tx, tables);
  }
  return result;
}

/** Checks every foreign key of `tables` with one anti-join each; throws naming the first one broken. */
export async function checkForeignKeys(tx: Db, tables: readonly string[]): Promise<void> {
  const keys = await queryRows<{ name: string; child: string; parent: string; child_columns: string[]; parent_columns: string[] }>(
    tx,
    sql`
      select c.conname as name, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
             array(select quote_ident(a.attname) from unnest(c.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as child_columns,
             array(select quote_ident(a.attname) from unnest(c.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o) as parent_columns
        from pg_constraint c
       where c.contype = 'f' and c.conrelid::regclass::text in ${tables}`,
  );
  for (const key of keys) {
    const notNull = key.child_columns.map((c) => `x.${c} is not null`).join(' and ');
    const matches = key.child_columns.map((c, i) => `p.${key.parent_columns[i]} = x.${c}`).join(' and ');
    const broken = await queryRows(tx, sql.raw(`select 1 from ${key.child} x where ${notNull} and not exists (select 1 from ${key.parent} p where ${matches}) limit 1`));
    if (broken.length > 0) throw new Error(`bulk load into ${key.child} broke its foreign key ${key.name}`);
  }
}
