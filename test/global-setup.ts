import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { PGLITE_TEMPLATE, PG_TEMPLATE_DB, withDatabaseName } from './paths.ts';

// Builds the migrated database once per run; each test file then starts from a copy
// (PGlite: loadDataDir of a dump; PostgreSQL: CREATE DATABASE … TEMPLATE).
export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${PG_TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${PG_TEMPLATE_DB}`);
    await admin.end();
    const database = await openDatabase({ engine: 'postgres', url: withDatabaseName(url, PG_TEMPLATE_DB), poolSize: 1 });
    await migrate(database);
    await database.close();
    return;
  }
  const database = await openDatabase({ engine: 'pglite' });
  await migrate(database);
  const dump = await database.pglite?.dumpDataDir('gzip');
  await database.close();
  if (!dump) throw new Error('PGlite dump failed');
  fs.mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
}
