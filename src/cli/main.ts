import path from 'node:path';
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { migrate } from '../platform/migrate.ts';
import { AppError, errorMessage } from '../platform/errors.ts';
import { installErrorCodes, type CliTools } from '../platform/module.ts';
import type { Database } from '../platform/db.ts';
import { createApp, createConfiguredCipher, openConfiguredDatabase, startJobRunner } from '../app.ts';
import { modules } from '../modules/index.ts';
import { ensureAdmin } from '../modules/accounts/index.ts';
import { isOrgTreeEmpty } from '../modules/org/index.ts';
import { formatAccounts, loadDemo } from './demo.ts';

// Commands throw modules' AppErrors without an HTTP app: their messages must be known here too.
// From the process's start: node, tsx and every module's code (a later start is mostly this).
const codeLoadedMs = performance.now();
installErrorCodes(modules);

const program = new Command()
  .name('gongzhi')
  .description('共治 Gongzhi: community governance and service platform')
  .showHelpAfterError();

/** Opens and migrates the configured database, runs fn, closes it. */
async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

function printAdmin(result: Awaited<ReturnType<typeof ensureAdmin>>): void {
  if (result.created && result.password) {
    console.log(`\n首次启动：已创建系统管理员 First start: created the system administrator admin\n  密码见 its password is in ${result.passwordFile} (readable only by you)\n`);
  } else if (result.created) {
    console.log('首次启动：已用 GONGZHI_ADMIN_PASSWORD 创建系统管理员 admin / created admin from GONGZHI_ADMIN_PASSWORD');
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

async function runDemo(config: Config, database: Database, district: string): Promise<void> {
  const started = Date.now();
  const result = await loadDemo(database, {
    district,
    password: config.demoPassword,
    dataDir: config.dataDir,
    pii: createConfiguredCipher(config),
    progress: (m) => console.log(`  … ${seconds(Date.now() - started).padStart(5)} s  ${m}`),
  });
  const counts = Object.entries(result.counts).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`演示数据已载入 Demo loaded: ${result.district} (${counts}) in ${seconds(Date.now() - started)} s`);
  // The shared password stays in the 0600 file: a console is often captured into logs.
  console.log(formatAccounts(result.accounts, { file: path.join(config.dataDir, 'demo-accounts.txt') }));
}

program
  .command('serve')
  .description('Start the server (migrates the database first)')
  .option('--demo-if-empty', 'load the demo district when the database has no org data')
  .action(async (options: { demoIfEmpty?: boolean }) => {
    const config = loadConfig();
    const { app, ctx, timings } = await createApp(config);
    const migrations = timings.applied.length ? `${timings.applied.length} migrations applied` : 'migrations up to date';
    console.log(`数据库 database: opened in ${seconds(timings.open)} s, ${migrations} in ${seconds(timings.migrate)} s; app built in ${seconds(timings.build)} s`);
    const admin = await ensureAdmin(ctx.database.db, { adminPassword: config.adminPassword, dataDir: config.dataDir });
    printAdmin(admin);
    if (options.demoIfEmpty) {
      if (await isOrgTreeEmpty(ctx.database.db)) {
        console.log(`空数据库：载入演示区 ${config.demoDistrict} / empty database: loading the demo district`);
        await runDemo(config, ctx.database, config.demoDistrict);
      }
    }
    const jobs = startJobRunner(ctx, app.log);
    const shutdown = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await jobs.stop();
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    // performance.now() counts from the process's start, so this includes loading the code.
    console.log(`共治 Gongzhi 已启动: http://localhost:${config.port}/  (API docs: /api/docs, engine: ${ctx.database.engine}; started in ${seconds(performance.now())} s, code loaded in ${seconds(codeLoadedMs)} s)`);
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config);
    try {
      const applied = await migrate(database);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    } finally {
      await database.close();
    }
  });

program
  .command('demo')
  .description('Load the demo district (real streets and communities, generated grids, rosters and accounts)')
  .option('--district <code>', 'county-level division code', undefined)
  .action(async (options: { district?: string }) => {
    const config = loadConfig();
    await withDatabase(config, async (database) => {
      printAdmin(await ensureAdmin(database.db, { adminPassword: config.adminPassword, dataDir: config.dataDir }));
      await runDemo(config, database, options.district ?? config.demoDistrict);
    });
  });

// Each module adds its own commands (org, registry, user, apikey, audit …).
const cliTools: CliTools = {
  withDatabase: (fn) => {
    const config = loadConfig();
    return withDatabase(config, (database) => fn(database, config));
  },
  pii: createConfiguredCipher,
};
for (const m of modules) m.cli?.(program, cliTools);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof AppError) console.error(`${error.code}: ${errorMessage(error.code, 'zh-CN', error.details)}\n${JSON.stringify(error.details)}`);
  else console.error(error);
  process.exit(1);
}
