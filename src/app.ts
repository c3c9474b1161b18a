import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './platform/config.ts';
import { createPiiCipher, type PiiCipher } from './platform/crypto.ts';
import { loadPiiKey } from './platform/keys.ts';
import { openDatabase, type Database } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { buildApp, type AppContext } from './platform/http.ts';
import { createJobRunner, type JobLogger } from './platform/jobs.ts';
import { jobHandlersOf, recurringJobsOf } from './platform/module.ts';
import { modules } from './modules/index.ts';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite under the data directory. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ engine: 'postgres', url: config.databaseUrl })
    : openDatabase({ engine: 'pglite', dataDir: path.join(config.dataDir, 'pglite') });
}

/** The personal-data cipher: from GONGZHI_PII_KEY, else a key generated once into the keys directory (0600). */
export function createConfiguredCipher(config: Config): PiiCipher {
  return createPiiCipher(loadPiiKey(config));
}

/** Where the time of a start went, in ms, for the start-up line the server prints. */
export interface StartupTimings {
  open: number;
  migrate: number;
  /** Migrations this start applied (none on a later start). */
  applied: string[];
  build: number;
}

/** Opens and migrates the database, and builds the HTTP app on it. */
export async function createApp(config: Config, options: { logger?: boolean } = {}): Promise<{ app: FastifyInstance; ctx: AppContext; timings: StartupTimings }> {
  let t = performance.now();
  const lap = () => {
    const ms = performance.now() - t;
    t = performance.now();
    return ms;
  };
  const database = await openConfiguredDatabase(config);
  const open = lap();
  const applied = await migrate(database);
  const migrated = lap();
  const ctx: AppContext = { database, config, pii: createConfiguredCipher(config) };
  const app = await buildApp({ ctx, modules, logger: options.logger ?? true, closesDatabase: true });
  return { app, ctx, timings: { open, migrate: migrated, applied, build: lap() } };
}

/** Starts the background job runner (every module's job handlers); stop it before closing the database. */
export function startJobRunner(ctx: AppContext, log?: JobLogger) {
  const runner = createJobRunner({
    ctx,
    handlers: jobHandlersOf(modules),
    recurring: recurringJobsOf(modules),
    ...(log ? { log } : {}),
  });
  runner.start();
  return runner;
}
