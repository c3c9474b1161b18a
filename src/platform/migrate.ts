import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where migrations live: the platform's and the first modules' in migrations/, and a newer
 * module's in its own folder (src/modules/<m>/migrations/), so adding a module adds no file
 * outside it. All are applied together in the order of their file names.
 */
export function migrationDirs(): string[] {
  const modulesDir = path.join(root, 'src/modules');
  const owned = fs
    .readdirSync(modulesDir)
    .map((m) => path.join(modulesDir, m, 'migrations'))
    .filter((dir) => fs.existsSync(dir));
  return [path.join(root, 'migrations'), ...owned];
}

// Any constant works; it only has to be the same for every process of one deployment.
const MIGRATION_LOCK_KEY = 7_262_001;

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

/** The checked-in migrations, in file-name order; two files with one name are a mistake. */
export function readMigrations(dirs = migrationDirs()): Migration[] {
  const files = dirs.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).map((file) => ({ dir, file })));
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return files.map(({ dir, file }, i) => {
    if (files[i + 1]?.file === file) throw new Error(`two migrations are named ${file}`);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return { id: file.replace(/\.sql$/, ''), sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
  });
}

/**
 * Applies the migrations not yet applied, in one transaction under an advisory lock, so
 * that several processes starting at once apply each migration exactly once.
 * Returns the ids applied by this call.
 */
export async function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  return database.rawTransaction(async (sql) => {
    await sql.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await sql.exec(`create table if not exists schema_migrations (
      id text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const rows = await sql.query<{ id: string; checksum: string }>('select id, checksum from schema_migrations');
    const applied = new Map(rows.map((r) => [r.id, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.id);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) {
          throw new Error(`Migration ${m.id} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      await sql.exec(m.sql);
      await sql.query('insert into schema_migrations (id, checksum) values ($1, $2)', [m.id, m.checksum]);
      done.push(m.id);
    }
    return done;
  });
}
