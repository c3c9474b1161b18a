import fs from 'node:fs';
import { Command, Option } from 'commander';
import { sql } from 'drizzle-orm';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { migrate } from '../platform/migrate.ts';
import { AppError, errorMessage } from '../platform/errors.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { systemActor } from '../platform/auth/scope.ts';
import { isRole, roleNames } from '../platform/auth/roles.ts';
import type { Database } from '../platform/db.ts';
import { createApp, openConfiguredDatabase } from '../app.ts';
import { createApiKey, ensureAdmin, provisionUser, resetPasswordByName } from '../modules/accounts/index.ts';
import { gridsAsGeoJson, importDivisions, importGrids, orgNodes } from '../modules/org/index.ts';
import { formatAccounts, loadDemo } from './demo.ts';

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
    console.log(`\n首次启动：已创建系统管理员 First start: created the system administrator\n  用户名 username: admin\n  密码 password:   ${result.password}\n  (also saved to ${result.passwordFile}, readable only by you)\n`);
  } else if (result.created) {
    console.log('首次启动：已用 GONGZHI_ADMIN_PASSWORD 创建系统管理员 admin / created admin from GONGZHI_ADMIN_PASSWORD');
  }
}

async function runDemo(config: Config, database: Database, district: string): Promise<void> {
  const started = Date.now();
  const result = await loadDemo(database, {
    district,
    password: config.demoPassword,
    dataDir: config.dataDir,
    progress: (m) => console.log(`  … ${m}`),
  });
  const counts = Object.entries(result.counts).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`演示数据已载入 Demo loaded: ${result.district} (${counts}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(formatAccounts(result.accounts, result.password));
}

program
  .command('serve')
  .description('Start the server (migrates the database first)')
  .option('--demo-if-empty', 'load the demo district when the database has no org data')
  .action(async (options: { demoIfEmpty?: boolean }) => {
    const config = loadConfig();
    const { app, ctx } = await createApp(config);
    const admin = await ensureAdmin(ctx.database.db, { adminPassword: config.adminPassword, dataDir: config.dataDir });
    printAdmin(admin);
    if (options.demoIfEmpty) {
      const [row] = await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(orgNodes);
      if ((row?.n ?? 0) === 0) {
        console.log(`空数据库：载入演示区 ${config.demoDistrict} / empty database: loading the demo district`);
        await runDemo(config, ctx.database, config.demoDistrict);
      }
    }
    const shutdown = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    console.log(`共治 Gongzhi 已启动: http://localhost:${config.port}/  (API docs: /api/docs, engine: ${ctx.database.engine})`);
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

const org = program.command('org').description('Organisation tree and grids');
org
  .command('import <code>')
  .description('Import a real division subtree, e.g. 110108 (北京市海淀区) or 110108001 (one street)')
  .action(async (code: string) => {
    const config = loadConfig();
    await withDatabase(config, async (database) => {
      const { nodes } = await importDivisions(database.db, systemActor, code);
      console.log(`Imported ${nodes} nodes under ${code}.`);
    });
  });

const gridsCommand = org.command('grids').description('Grid polygons as GeoJSON');
gridsCommand
  .command('import <file>')
  .description('Import grids from a GeoJSON FeatureCollection (properties: code, name, kind, communityCode)')
  .option('--dry-run', 'check the file without importing')
  .action(async (file: string, options: { dryRun?: boolean }) => {
    const config = loadConfig();
    const collection: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    await withDatabase(config, async (database) => {
      const result = await importGrids(database.db, systemActor, collection, { dryRun: options.dryRun === true });
      console.log(`${result.dryRun ? 'Checked (dry run)' : 'Imported'}: ${result.created} new, ${result.updated} updated.`);
    });
  });
gridsCommand
  .command('export')
  .description('Export grids as GeoJSON')
  .option('--under <code>', 'only grids under this node')
  .option('-o, --output <file>', 'write to a file instead of standard output')
  .action(async (options: { under?: string; output?: string }) => {
    const config = loadConfig();
    await withDatabase(config, async (database) => {
      const collection = await gridsAsGeoJson(database.db, systemActor, options.under);
      const text = JSON.stringify(collection);
      if (options.output) {
        fs.writeFileSync(options.output, text);
        console.error(`Wrote ${collection.features.length} grids to ${options.output}.`);
      } else process.stdout.write(`${text}\n`);
    });
  });

const user = program.command('user').description('Accounts');
user
  .command('add <username>')
  .description('Create an account with a role; prints an initial password that must be changed at first sign-in')
  .addOption(new Option('--role <role>', 'role').choices(roleNames).makeOptionMandatory())
  .option('--org <code>', 'org node or grid code the role is granted on (omit for the whole tree)')
  .option('--name <displayName>', 'display name')
  .action(async (username: string, options: { role: string; org?: string; name?: string }) => {
    if (!isRole(options.role)) throw new Error(`unknown role ${options.role}`);
    const role = options.role;
    const config = loadConfig();
    await withDatabase(config, async (database) => {
      const { password } = await provisionUser(database.db, { username, displayName: options.name ?? username, role, orgCode: options.org });
      console.log(`Created ${username} (${role}). Initial password (must be changed at first sign-in): ${password}`);
    });
  });
user
  .command('reset-password <username>')
  .description('Issue a new initial password, to be changed at next sign-in; ends the user\'s sessions')
  .action(async (username: string) => {
    const config = loadConfig();
    await withDatabase(config, async (database) => {
      console.log(`New initial password for ${username}: ${await resetPasswordByName(database.db, username)}`);
    });
  });

program
  .command('apikey')
  .description('API keys for machine clients')
  .command('create')
  .description('Create an API key, scoped to an org node; the key is printed once')
  .requiredOption('--name <name>', 'what the client is')
  .option('--org <code>', 'org node the key is scoped to (omit for the whole tree)')
  .option('--role <role>', 'role of the key', 'api_client')
  .action(async (options: { name: string; org?: string; role: string }) => {
    if (!isRole(options.role)) throw new Error(`unknown role ${options.role}`);
    const role = options.role;
    const config = loadConfig();
    await withDatabase(config, async (database) => {
      const key = await createApiKey(database.db, { ...systemActor, grants: [{ role: 'security_admin', orgPath: '' }] }, { name: options.name, orgCode: options.org, role });
      console.log(`API key for ${options.name} (${key.role} on ${key.orgPath || 'the whole tree'}), shown once:\n${key.key}`);
    });
  });

program
  .command('audit')
  .description('Audit log')
  .command('verify')
  .description('Verify the hash chain of the audit log; exits 1 if an entry was changed or removed')
  .action(async () => {
    const config = loadConfig();
    await withDatabase(config, async (database) => {
      const result = await verifyAuditChain(database.db);
      if (result.ok) console.log(`Audit log intact: ${result.checked} entries verified.`);
      else {
        console.error(`Audit log BROKEN at entry ${result.firstBadId} (${result.reason}); ${result.checked} entries before it are intact.`);
        process.exitCode = 1;
      }
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof AppError) console.error(`${error.code}: ${errorMessage(error.code, 'zh-CN', error.details)}\n${JSON.stringify(error.details)}`);
  else console.error(error);
  process.exit(1);
}
