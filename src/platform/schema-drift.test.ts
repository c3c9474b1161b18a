// The drizzle table definitions and the SQL migrations must describe the same tables: a
// column added to one and not the other fails here, on both engines.
import fs from 'node:fs';
import path from 'node:path';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers.ts';
import { queryRows, type Database } from './db.ts';

const srcRoot = path.resolve(import.meta.dirname, '..');

/** Every source file that defines tables, found by content so a new module is covered without a list. */
function schemaFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return schemaFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && fs.readFileSync(file, 'utf8').includes('pgTable(') ? [file] : [];
  });
}

interface Column {
  type: string;
  notNull: boolean;
}

// How drizzle spells a type, in PostgreSQL's own words (format_type).
function normalise(type: string): string {
  return type
    .replace(/^serial$/, 'integer')
    .replace(/^bigserial$/, 'bigint')
    .replace(/^varchar/, 'character varying')
    .replace(/^timestamp with time zone/, 'timestamp with time zone')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s*\(\s*/g, '(')
    .replace(/\s*\)/g, ')');
}

let database: Database;
let declared: Map<string, Map<string, Column>>;
let actual: Map<string, Map<string, Column>>;

beforeAll(async () => {
  database = await createTestDatabase();
  declared = new Map();
  for (const file of schemaFiles(srcRoot)) {
    const exports = (await import(file)) as Record<string, unknown>;
    for (const value of Object.values(exports)) {
      if (!is(value, PgTable)) continue;
      const config = getTableConfig(value);
      declared.set(config.name, new Map(config.columns.map((c) => [c.name, { type: normalise(c.getSQLType()), notNull: c.notNull }])));
    }
  }
  const rows = await queryRows<{ table: string; column: string; type: string; not_null: boolean }>(
    database.db,
    sql`select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped`,
  );
  actual = new Map();
  for (const r of rows) {
    const table = actual.get(r.table) ?? new Map<string, Column>();
    table.set(r.column, { type: normalise(r.type), notNull: r.not_null });
    actual.set(r.table, table);
  }
});

afterAll(async () => database?.close());

describe('drizzle schema and SQL migrations', () => {
  it('define the same tables', () => {
    const migrationsOnly = [...actual.keys()].filter((t) => !declared.has(t) && t !== 'schema_migrations').sort();
    const drizzleOnly = [...declared.keys()].filter((t) => !actual.has(t)).sort();
    expect({ migrationsOnly, drizzleOnly }).toEqual({ migrationsOnly: [], drizzleOnly: [] });
  });

  it('give every table the same columns, types and nullability', () => {
    const drift: string[] = [];
    for (const [table, columns] of declared) {
      const real = actual.get(table);
      if (!real) continue;
      for (const [name, column] of columns) {
        const found = real.get(name);
        if (!found) drift.push(`${table}.${name}: in drizzle, not in the migrations`);
        else if (found.type !== column.type) drift.push(`${table}.${name}: drizzle says ${column.type}, the migrations ${found.type}`);
        else if (found.notNull !== column.notNull) drift.push(`${table}.${name}: drizzle says ${column.notNull ? 'not null' : 'nullable'}, the migrations the opposite`);
      }
      for (const name of real.keys()) if (!columns.has(name)) drift.push(`${table}.${name}: in the migrations, not in drizzle`);
    }
    expect(drift).toEqual([]);
  });
});
