// Bulk loads, for demo data and imports that write many rows at once.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from './db.ts';

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
