import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { pgliteTemplatePath, pgTemplateName, withDatabaseName } from './paths.ts';

// Builds the migrated database once per run; each test file then starts from a copy
// (PGlite: loadDataDir of a dump; PostgreSQL: CREATE DATABASE … TEMPLATE).
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  project.provide('testRunId', runId);
  // Every temporary directory of the run (data directories with their keys, uploads, exports)
  // goes under one directory, removed at the end: the test workers inherit TMPDIR.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-run-'));
  process.env.TMPDIR = scratch;
  const removeScratch = () => fs.rmSync(scratch, { recursive: true, force: true });
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = pgTemplateName(runId);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const database = await openDatabase({ engine: 'postgres', url: withDatabaseName(url, name), poolSize: 1 });
    await migrate(database);
    await database.close();
    return async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
      removeScratch();
    };
  }
  const file = pgliteTemplatePath(runId);
  const database = await openDatabase({ engine: 'pglite' });
  await migrate(database);
  const dump = await database.pglite?.dumpDataDir('gzip');
  await database.close();
  if (!dump) throw new Error('PGlite dump failed');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return async () => {
    fs.rmSync(file, { force: true });
    removeScratch();
  };
}
