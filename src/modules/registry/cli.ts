// `gongzhi registry …`: the ledger template and ledger import from the command line.
import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../platform/errors.ts';
import { systemActor } from '../../platform/auth/scope.ts';
import type { CliTools } from '../../platform/module.ts';
import { createImportJob, importErrors } from './import/jobs.ts';
import { checkImport } from './import/check.ts';
import { commitImport } from './import/commit.ts';
import { writeImportReport, writeTemplate } from './export.ts';
import { ledgerFormatOf } from './ledger-reader.ts';

// The CLI acts as community staff over the whole tree (import, sensitive groups), recorded as "system".
const registryActor = { ...systemActor, grants: [{ role: 'community_staff' as const, orgPath: '' }] };

/** Adds `registry template` and `registry import`. */
export function registerRegistryCommands(program: Command, { withDatabase, pii }: CliTools): void {
  const registry = program.command('registry').description('Registry (一户一档): ledger template and import');
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
    .description('Import a ledger (.xlsx or .csv) into a community: every row is checked first, then all rows are committed (one transaction on PostgreSQL, short chunks on the embedded database)')
    .requiredOption('--community <code>', 'community code, e.g. 110108001001')
    .option('--dry-run', 'check only and report the problems')
    .option('--only-valid', 'import the valid rows and skip the rows with errors')
    .option('--mapping <json>', 'headers that differ from the template, as JSON: {"原表头": "field"}')
    .option('--report <file>', 'write the row-level error report (.xlsx) to this file')
    .action(async (file: string, options: { community: string; dryRun?: boolean; onlyValid?: boolean; mapping?: string; report?: string }) => {
      const format = ledgerFormatOf(file);
      if (!format) throw new AppError('REGISTRY_IMPORT_FORMAT');
      const mapping = options.mapping ? (JSON.parse(options.mapping) as Record<string, string>) : undefined;
      await withDatabase(async (database, config) => {
        const started = Date.now();
        const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
        const job = await createImportJob(database.db, registryActor, { communityCode: options.community, fileName: file.split('/').at(-1) ?? file, format, mapping });
        console.log(`检查 checking ${file} (import ${job.id})`);
        let shown = 0;
        const checked = await checkImport(database, pii(config), registryActor, job.id, file, {
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
          // A line per chunk written, not per statement.
          progress: (p) => {
            if (p.step === '户主' || p.step === '完成') console.log(`  提交 committing ${p.stepNo}/${p.steps} ${p.step} (${seconds()} s)`);
          },
        });
        console.log(`已导入 Imported in ${seconds()} s: ${done.inserted} new, ${done.updated} updated, ${done.validRows - done.inserted - done.updated} unchanged, ${done.skipped} skipped`);
        if (done.skipped > 0) console.log(`  跳过的行 skipped rows: ${done.skippedRows.join(', ')}${done.skipped > done.skippedRows.length ? ' …' : ''}`);
      });
    });
}
