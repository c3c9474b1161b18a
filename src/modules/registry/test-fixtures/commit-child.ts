// Test fixture (import.test.ts): commits an import and, after the named step, stops for
// good inside the open transaction, so that the parent process can kill it there.
//   node --import tsx commit-child.ts <postgres URL | PGlite data directory> <import id> <step>
import { openDatabase } from '../../../platform/db.ts';
import { systemActor } from '../../../platform/auth/scope.ts';
import { commitImport } from '../import/commit.ts';

const [target, importId, stopAfter] = process.argv.slice(2) as [string, string, string];
const database = target.startsWith('postgres') ? await openDatabase({ engine: 'postgres', url: target, poolSize: 2 }) : await openDatabase({ engine: 'pglite', dataDir: target });
const actor = { ...systemActor, grants: [{ role: 'community_staff' as const, orgPath: '' }] };
setInterval(() => undefined, 60_000); // PGlite holds no handle open: keep the process alive while it waits
await commitImport(database, actor, importId, { onlyValid: false }, {
  afterStep: async (step) => {
    if (step !== stopAfter) return;
    process.stdout.write(`IN-TRANSACTION after ${step}\n`);
    await new Promise(() => undefined);
  },
});
process.stdout.write('COMMITTED\n');
process.exit(0);
