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
import { createApp, createConfiguredCipher, openConfiguredDatabase, startJobRunner } from '../app.ts';
import { createApiKey, ensureAdmin, provisionUser, resetPasswordByName } from '../modules/accounts/index.ts';
import { gridsAsGeoJson, importDivisions, importGrids, orgNodes } from '../modules/org/index.ts';
import { checkImport, commitImport, createImportJob, importErrors, ledgerFormatOf, writeImportReport, writeTemplate } from '../modules/registry/index.ts';
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
    pii: createConfiguredCipher(config),
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

// registry (一户一档): ledger template and import
const registry = program.command('registry').description('Registry (一户一档): ledger template and import');
// The CLI acts as community staff over the whole tree (import, sensitive groups), recorded as "system".
const registryActor = { ...systemActor, grants: [{ role: 'community_staff' as const, orgPath: '' }] };
registry
  .command('template')
  .description('Write the ledger template (.xlsx with Chinese headers and instructions)')
  .option('-o, --output <file>', 'file to write', 'ledger-template.xlsx')
  .action(async (options: { output: string }) => {
    const out = fs.createWriteStream(options.output);
    await writeTemplate(out);
    await new Promise((resolve) => out.end(resolve));
    console.log(`Wrote the ledger template to ${options.output}.`);
  });
registry
  .command('import <file>')
  .description('Import a ledger (.xlsx or .csv) into a community: every row is checked first, then all rows are committed in one transaction')
  .requiredOption('--community <code>', 'community code, e.g. 110108001001')
  .option('--dry-run', 'check only and report the problems')
  .option('--only-valid', 'import the valid rows and skip the rows with errors')
  .option('--mapping <json>', 'headers that differ from the template, as JSON: {"原表头": "field"}')
  .option('--report <file>', 'write the row-level error report (.xlsx) to this file')
  .action(async (file: string, options: { community: string; dryRun?: boolean; onlyValid?: boolean; mapping?: string; report?: string }) => {
    const format = ledgerFormatOf(file);
    if (!format) throw new AppError('REGISTRY_IMPORT_FORMAT');
    const mapping = options.mapping ? (JSON.parse(options.mapping) as Record<string, string>) : undefined;
    const config = loadConfig();
    await withDatabase(config, async (database) => {
      const started = Date.now();
      const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
      const job = await createImportJob(database.db, registryActor, { communityCode: options.community, fileName: file.split('/').at(-1) ?? file, format, mapping });
      console.log(`检查 checking ${file} (import ${job.id})`);
      let shown = 0;
      const checked = await checkImport(database, createConfiguredCipher(config), registryActor, job.id, file, {
        progress: (p) => {
          if (p.rows - shown >= 5000) {
            shown = p.rows;
            console.log(`  已检查 checked ${p.rows} rows (${seconds()} s)`);
          }
        },
      });
      console.log(`检查完成 checked ${checked.totalRows} rows in ${seconds()} s: ${checked.validRows} valid (${checked.newRows} new, ${checked.changedRows} changed, ${checked.unchangedRows} unchanged), ${checked.errorRows} with errors`);
      if (checked.errorRows > 0) {
        const { items, total } = await importErrors(database.db, registryActor, job.id, { page: 1, pageSize: 20 });
        for (const e of items) console.log(`  第 ${e.rowNo} 行 row ${e.rowNo} [${e.column}] ${e.message}`);
        if (total > items.length) console.log(`  … ${total - items.length} more`);
        if (options.report) {
          const out = fs.createWriteStream(options.report);
          await writeImportReport(database.db, registryActor, job.id, out);
          console.log(`错误报告 error report: ${options.report}`);
        }
      }
      if (options.dryRun) return;
      if (checked.errorRows > 0 && !options.onlyValid) {
        console.error('未导入 Nothing imported: fix the rows above, or pass --only-valid to import only the valid rows.');
        process.exitCode = 1;
        return;
      }
      const done = await commitImport(database, registryActor, job.id, { onlyValid: options.onlyValid === true }, {
        progress: (p) => console.log(`  提交 committing ${p.stepNo}/${p.steps} ${p.step} (${seconds()} s)`),
      });
      console.log(`已导入 Imported in ${seconds()} s: ${done.inserted} new, ${done.updated} updated, ${done.validRows - done.inserted - done.updated} unchanged, ${done.skipped} skipped`);
      if (done.skipped > 0) console.log(`  跳过的行 skipped rows: ${done.skippedRows.join(', ')}${done.skipped > done.skippedRows.length ? ' …' : ''}`);
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
