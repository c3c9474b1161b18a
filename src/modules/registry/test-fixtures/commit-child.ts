// Test fixture (import.test.ts): commits an import (on PGlite in chunks of 500 rows, on
// PostgreSQL in one transaction, chunk 1) and, after the named step of the given chunk, stops
// for good inside that chunk's open transaction, so that the parent process can kill it there.
//   node --import tsx commit-child.ts <postgres URL | PGlite data directory> <import id> <step> <chunk>
import { openDatabase } from '../../../platform/db.ts';
import { systemActor } from '../../../platform/auth/scope.ts';
import { commitImport } from '../import/commit.ts';

const [target, importId, stopAfter, stopChunk] = process.argv.slice(2) as [string, string, string, string];
const database = target.startsWith('postgres') ? await openDatabase({ engine: 'postgres', url: target, poolSize: 2 }) : await openDatabase({ engine: 'pglite', dataDir: target });
const actor = { ...systemActor, grants: [{ role: 'community_staff' as const, orgPath: '' }] };
setInterval(() => undefined, 60_000); // PGlite holds no handle open: keep the process alive while it waits
await commitImport(database, actor, importId, { onlyValid: false }, {
  chunkRows: 500,
  afterStep: async (step, _stepNo, chunk) => {
    if (step !== stopAfter || chunk !== Number(stopChunk)) return;
    process.stdout.write(`IN-TRANSACTION after ${step} of chunk ${chunk}\n`);
    await new Promise(() => undefined);
  },
});
process.stdout.write('COMMITTED\n');
process.exit(0);
