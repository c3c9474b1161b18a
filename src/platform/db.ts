import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';

export type Engine = 'pglite' | 'postgres';

/** The one typed query layer (drizzle); a transaction handle has the same type. */
export type Db = PgDatabase<PgQueryResultHKT>;

/** Plain SQL access for what the query builder is not for: migrations, bulk loads. */
export interface RawSql {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters. */
  exec(text: string): Promise<void>;
}

export interface Database {
  engine: Engine;
  db: Db;
  /** Runs fn in one transaction on one connection, outside the query builder. */
  rawTransaction<T>(fn: (sql: RawSql) => Promise<T>): Promise<T>;
  /** The PostgreSQL pool (postgres engine only), for COPY and other driver-level work. */
  pool: pg.Pool | undefined;
  /** The in-process engine (pglite only). */
  pglite: PGlite | undefined;
  close(): Promise<void>;
}

export type OpenOptions =
  | { engine: 'postgres'; url: string; poolSize?: number }
  | { engine: 'pglite'; dataDir?: string; loadDataDir?: Blob };

/** Opens PostgreSQL when a URL is configured, otherwise the embedded PGlite. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.engine === 'postgres' ? openPostgres(options.url, options.poolSize) : openPglite(options);
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client the server ends (a restart, a dropped database) is only discarded: the pool
  // opens a new one on the next query, and without a listener the error would kill the process.
  pool.on('error', (error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`));
  await pool.query('select 1');
  return {
    engine: 'postgres',
    // Both drivers produce a PgDatabase; only the result type parameter differs.
    db: drizzlePg({ client: pool }) as unknown as Db,
    pool,
    pglite: undefined,
    async rawTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: async (text, params) => (await client.query(text, params)).rows,
          exec: async (text) => {
            await client.query(text);
          },
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  return {
    engine: 'pglite',
    db: drizzlePglite({ client: pglite }) as unknown as Db,
    pool: undefined,
    pglite,
    rawTransaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          query: async <Row,>(text: string, params?: unknown[]) => (await tx.query<Row>(text, params)).rows,
          exec: async (text: string) => {
            await tx.exec(text);
          },
        }),
      ),
    close: () => pglite.close(),
  };
}

/** Runs a SQL query written with drizzle's sql`` and returns its rows, typed by the caller. */
/** The SQLSTATE of a database error, e.g. '23503' for a foreign-key violation (drizzle wraps the driver's error in `cause`). */
export function pgErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export async function queryRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
