// The commit phase of an import: every staged row (or, with onlyValid, the good rows of a
// file that also has bad ones) lands in one transaction, or none does. See jobs.ts.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { gridsOfCommunity } from '../../org/index.ts';
import type { ImportProgress, ImportView } from '../contract.ts';
import { registryImports } from '../schema.ts';
import { builtInKindInfos } from '../key-groups/kinds.ts';
import { chinaToday } from '../vocabulary.ts';
import { commitStatements, commitSteps, type CommitContext } from './commit-steps.ts';
import { fail, live, loadJob, presentImport, type ImportJob } from './jobs.ts';
import { targets } from './staged.ts';

export { commitSteps };

export interface CommitHooks {
  progress?: ((p: ImportProgress) => void) | undefined;
  /** Called inside the transaction after each step; a test uses it to stop the process mid-commit. */
  afterStep?: ((step: string, stepNo: number) => Promise<void> | void) | undefined;
}

// Serialises commits into one community (two imports must not interleave).
const IMPORT_LOCK_KEY = 7_262_003;

/**
 * The commit phase: all staged rows (or, with onlyValid, the good rows of a file that also
 * has bad ones) land in one transaction, or none do.
 */
export async function commitImport(
  database: Database,
  actor: Actor,
  jobId: string,
  options: { onlyValid: boolean },
  hooks: CommitHooks = {},
  // The HTTP route prepares first, so that refusals reach the user before the work goes to the background.
  given: { prepared?: ImportJob } = {},
): Promise<ImportView> {
  const db = database.db;
  const job = given.prepared ?? (await prepareCommit(db, actor, jobId, options));
  const progress: ImportProgress = { phase: 'committing', rows: job.validRows, stepNo: 0, steps: commitSteps.length };
  live.set(job.id, progress);
  try {
    await runCommit(database, actor, job, options, progress, hooks);
    // Staged rows hold encrypted identifiers only, but are not needed once committed.
    await db.execute(sql`delete from registry_import_rows where import_id = ${job.id}`);
  } catch (error) {
    await fail(db, job.id, error);
    throw error;
  } finally {
    live.delete(job.id);
  }
  const [done] = await db.select().from(registryImports).where(eq(registryImports.id, job.id));
  return presentImport(db, done as ImportJob);
}

/** Checks that a job may be committed and marks it "committing". */
export async function prepareCommit(db: Db, actor: Actor, jobId: string, options: { onlyValid: boolean }): Promise<ImportJob> {
  const job = await loadJob(db, actor, jobId);
  const view = await presentImport(db, job);
  const resumable = view.status === 'interrupted' && job.status === 'committing';
  if (job.status !== 'checked' && !resumable) throw new AppError('REGISTRY_IMPORT_STATE', { status: view.status, action: '提交' });
  if (job.errorRows > 0 && !options.onlyValid) throw new AppError('REGISTRY_IMPORT_HAS_ERRORS', { errorRows: job.errorRows, skippedRows: view.skippedRows });
  const [staged] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from registry_import_rows where import_id = ${job.id} and valid`);
  if ((staged?.n ?? 0) !== job.validRows) {
    // Unlogged staging is emptied by a database crash: the file must be checked again.
    throw new AppError('REGISTRY_IMPORT_STATE', { status: '暂存数据已丢失', action: '提交，请重新上传' });
  }
  const [marked] = await db
    .update(registryImports)
    .set({ status: 'committing', onlyValid: options.onlyValid, heartbeatAt: sql`now()` })
    .where(and(eq(registryImports.id, job.id), eq(registryImports.status, job.status)))
    .returning();
  if (!marked) throw new AppError('REGISTRY_IMPORT_STATE', { status: '正在提交', action: '再次提交' });
  return marked;
}


async function runCommit(database: Database, actor: Actor, job: ImportJob, options: { onlyValid: boolean }, progress: ImportProgress, hooks: CommitHooks) {
  const db = database.db;
  const context: CommitContext = {
    actor,
    job,
    onlyValid: options.onlyValid,
    today: chinaToday(),
    kinds: builtInKindInfos(),
    grids: await gridsOfCommunity(db, job.communityCode),
    targets: targets(job),
    counts: { inserted: 0, updated: 0 },
  };
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY}, hashtext(${job.communityCode}))`);
    for (const [i, name] of commitSteps.entries()) {
      await commitStatements[name](tx, context);
      const stepNo = i + 1;
      Object.assign(progress, { step: name, stepNo });
      hooks.progress?.(progress);
      // PGlite runs one statement at a time: only PostgreSQL can note progress outside the
      // transaction (and not after the last step, whose transaction holds the job row).
      if (database.engine === 'postgres' && stepNo < commitSteps.length) {
        await db.update(registryImports).set({ heartbeatAt: sql`now()` }).where(eq(registryImports.id, job.id));
      }
      await hooks.afterStep?.(name, stepNo);
    }
  });
}
