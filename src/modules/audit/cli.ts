// `gongzhi audit verify|checkpoint`: checks the audit chain, or anchors its head, from the command line.
import type { Command } from 'commander';
import type { CliTools } from '../../platform/module.ts';
import { checkpointAudit, verifyAudit } from './chain.ts';

/** Adds `audit verify` (exits 1 when the chain is broken) and `audit checkpoint`. */
export function registerAuditCommands(program: Command, { withDatabase }: CliTools): void {
  const audit = program.command('audit').description('Audit log');
  audit
    .command('verify')
    .description('Seal pending entries, then verify the chain with the audit key and against the checkpoints; exits 1 if an entry was changed or removed')
    .action(async () => {
      await withDatabase(async (database, config) => {
        const result = await verifyAudit(database.db, config);
        const anchored = result.checkpoint ? `; last checkpoint at entry ${result.checkpoint.seq} (${result.checkpoint.at})` : '; no checkpoint yet';
        if (result.ok) console.log(`Audit log intact: ${result.checked} entries verified${anchored}; ${result.unsealed} not yet sealed.`);
        else {
          const where = result.firstBadSeq ? ` at entry ${result.firstBadSeq} (id ${result.firstBadId})` : '';
          console.error(`Audit log BROKEN${where}: ${result.reason}; ${result.checked} entries before it are intact${anchored}.`);
          process.exitCode = 1;
        }
      });
    });
  audit
    .command('checkpoint')
    .description('Seal pending entries and append a signed checkpoint of the head to the anchor directory')
    .action(async () => {
      await withDatabase(async (database, config) => {
        const checkpoint = await checkpointAudit(database.db, config);
        console.log(checkpoint ? `Checkpoint at entry ${checkpoint.seq}: ${checkpoint.head}` : 'The audit log is empty: nothing to anchor.');
      });
    });
}
