// `gongzhi org …`: real divisions and grid polygons from the command line.
import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/scope.ts';
import type { CliTools } from '../../platform/module.ts';
import { importDivisions } from './org-units.ts';
import { gridsAsGeoJson } from './grids.ts';
import { importGrids } from './grid-import.ts';

/** Adds `org import`, `org grids import` and `org grids export`. */
export function registerOrgCommands(program: Command, { withDatabase }: CliTools): void {
  const org = program.command('org').description('Organisation tree and grids');
  org
    .command('import <code>')
    .description('Import a real division subtree, e.g. 110108 (北京市海淀区) or 110108001 (one street)')
    .action(async (code: string) => {
      await withDatabase(async (database) => {
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
      const collection: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      await withDatabase(async (database) => {
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
      await withDatabase(async (database) => {
        const collection = await gridsAsGeoJson(database.db, systemActor, options.under);
        const text = JSON.stringify(collection);
        if (options.output) {
          fs.writeFileSync(options.output, text);
          console.error(`Wrote ${collection.features.length} grids to ${options.output}.`);
        } else process.stdout.write(`${text}\n`);
      });
    });
}
