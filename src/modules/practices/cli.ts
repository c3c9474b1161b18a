// `gongzhi practices load`: the shipped library into the database, on purpose.
import type { Command } from 'commander';
import type { CliTools } from '../../platform/module.ts';
import { shippedCounts } from './records/index.ts';
import { loadPracticeLibrary } from './library.ts';

/** Adds `practices load`. */
export function registerPracticeCommands(program: Command, { withDatabase }: CliTools): void {
  const practices = program.command('practices').description('The library of community-governance practices');
  practices
    .command('load')
    .description('Load or refresh the shipped practices (rows staff have edited are kept)')
    .action(async () => {
      await withDatabase(async (database) => {
        const written = await loadPracticeLibrary(database.db);
        const counts = Object.entries(shippedCounts).map(([source, n]) => `${source} ${n}`).join(', ');
        console.log(`Practices loaded: ${written} written (${counts}).`);
      });
    });
}
