// `gongzhi audit verify`: checks the audit log's hash chain from the command line.
import type { Command } from 'commander';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { CliTools } from '../../platform/module.ts';

/** Adds `audit verify`, which exits 1 when the chain is broken. */
export function registerAuditCommands(program: Command, { withDatabase }: CliTools): void {
  program
    .command('audit')
    .description('Audit log')
    .command('verify')
    .description('Verify the hash chain of the audit log; exits 1 if an entry was changed or removed')
    .action(async () => {
      await withDatabase(async (database) => {
        const result = await verifyAuditChain(database.db);
        if (result.ok) console.log(`Audit log intact: ${result.checked} entries verified.`);
        else {
          console.error(`Audit log BROKEN at entry ${result.firstBadId} (${result.reason}); ${result.checked} entries before it are intact.`);
          process.exitCode = 1;
        }
      });
    });
}
