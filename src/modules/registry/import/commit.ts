// The commit phase of an import. On PostgreSQL it is ONE transaction: every step runs once,
// set-based, over all staged rows (the pool serves other requests meanwhile), so a failure or
// a killed process leaves nothing of the job written and it can simply be committed again.
// On the embedded database (one connection) it runs in chunks: each chunk of staged rows runs
// every step in its own short transaction, which also deletes the chunk's staged rows and
// adds its counts to the job row; between chunks other requests get their turn. There a
// failure or a crash mid-way leaves a resumable job (status "committing", shown as
// interrupted): chunks already written stay, nothing shows it committed, and committing it
// again writes the rest, or undoing it (undo.ts, from what each chunk recorded) leaves
// nothing of it. Where the staged rows were lost (a crash of the database empties the
// unlogged staging) the same file is uploaded again, or the job undone; rows already written
// then count as unchanged. The last step marks the job committed and writes the audit entry.
// See jobs.ts.
import { and, eq, sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { queryRows, type Database, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { gridsOfCommunity } from '../../org/index.ts';
import type { ImportProgress, ImportView } from '../contract.ts';
import { registryImports } from '../schema.ts';
import { builtInKindInfos } from '../key-groups/kinds.ts';
import { chinaToday } from '../vocabulary.ts';
import { commitStatements, commitSteps, type CommitContext } from './commit-steps.ts';
import { fail, live, loadJob, presentImport, STALE_MS, type ImportJob } from './jobs.ts';
import { targets } from './staged.ts';
import { forgetUndo, IMPORT_LOCK_KEY, nextUndoChunk, recordBeforeImages, recordCreated } from './undo.ts';

export { commitSteps };

export interface CommitHooks {
  progress?: ((p: ImportProgress) => void) | undefined;
  /** Called inside a chunk's transaction after each step; a test uses it to stop the process mid-commit. */
  afterStep?: ((step: string, stepNo: number, chunk: number) => Promise<void> | void) | undefined;
  /** Told how long each step of each chunk took (the benchmark finds the slow ones with it); 'rows' times picking the chunk, 'book' its bookkeeping. */
  timed?: ((t: { chunk: number; rows: number; step: string; ms: number }) => void) | undefined;
  /** Rows per chunk, fixed (tests); by default sized by time. */
  chunkRows?: number | undefined;
  /** Chunked (the embedded database's way) or one transaction; by default chunked on PGlite only. */
  chunked?: boolean | undefined;
}

// Chunks are sized to take about this long, so that a waiting request is answered well within
// a second (bench/import-responsiveness.ts); the first has this many rows.
const CHUNK_TARGET_MS = 150;
const FIRST_CHUNK_ROWS = 200;
const MIN_CHUNK_ROWS = 100;
const MAX_CHUNK_ROWS = 5000;
// The pause between chunks, long enough for waiting requests to run their queries.
const PAUSE_MS = 5;
// How often a long one-transaction commit says it is alive (well within STALE_MS).
const HEARTBEAT_MS = 10_000;
const dataSteps = commitSteps.filter((s) => s !== '完成');
// The tables whose statistics the chunked commit keeps up to date as they grow.
const analyzedTables = [
  ['buildings', ['community_code', 'name']],
  ['houses', ['building_id', 'unit', 'number']],
  ['households', ['house_id', 'number', 'head_resident_id']],
  ['residents', ['id_number_hash', 'household_id', 'relation']],
  ['residence_history', ['resident_id', 'moved_out_on']],
] as const;

/** The commit phase: all staged rows (or, with onlyValid, the good rows of a file that also has bad ones), chunk by chunk. */
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
  const progress: ImportProgress = { phase: 'committing', rows: 0, stepNo: 0, steps: commitSteps.length };
  live.set(job.id, progress);
  try {
    const chunked = hooks.chunked ?? database.engine === 'pglite';
    await (chunked ? runChunkedCommit : runWholeCommit)(database, actor, job, options, progress, hooks);
    await forgetUndo(db, job.id);
    // What is left are the rows with errors, skipped.
    await db.execute(sql`delete from registry_import_rows where import_id = ${job.id}`);
  } catch (error) {
    // Nothing written yet (every chunk deletes its staged rows; one transaction wrote nothing): the job failed.
    // Else it stays resumable (see above).
    const [staged] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from registry_import_rows where import_id = ${job.id} and valid`).catch(() => []);
    if (staged?.n === job.validRows) await fail(db, job.id, error);
    else await interrupt(db, job.id, error);
    throw error;
  } finally {
    live.delete(job.id);
  }
  const [done] = await db.select().from(registryImports).where(eq(registryImports.id, job.id));
  return presentImport(db, done as ImportJob);
}

/** Leaves a partly written job resumable: still "committing", shown as interrupted at once, with what went wrong. */
async function interrupt(db: Db, jobId: string, error: unknown): Promise<void> {
  await fail(db, jobId, error, { status: 'committing', heartbeatAt: new Date(Date.now() - 2 * STALE_MS) });
}

/** Checks that a job may be committed and marks it "committing". */
export async function prepareCommit(db: Db, actor: Actor, jobId: string, options: { onlyValid: boolean }): Promise<ImportJob> {
  const job = await loadJob(db, actor, jobId);
  const view = await presentImport(db, job);
  const resumable = view.status === 'interrupted' && job.status === 'committing';
  if ((job.status !== 'checked' && !resumable) || job.undoStartedAt) throw new AppError('REGISTRY_IMPORT_STATE', { status: view.status, action: '提交' });
  if (job.errorRows > 0 && !options.onlyValid) throw new AppError('REGISTRY_IMPORT_HAS_ERRORS', { errorRows: job.errorRows, skippedRows: view.skippedRows });
  const [staged] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from registry_import_rows where import_id = ${job.id} and valid`);
  const n = staged?.n ?? 0;
  // Unlogged staging is emptied by a database crash: the file must be checked again. (A resumed
  // job has fewer rows left, never none: the last chunk marks it committed.)
  if (resumable ? n === 0 || n > job.validRows : n !== job.validRows) {
    throw new AppError('REGISTRY_IMPORT_STATE', { status: '暂存数据已丢失', action: '提交，请重新上传' });
  }
  return db.transaction(async (tx) => {
    // Chunks of two commits into one community must not interleave.
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY}, hashtext(${job.communityCode}))`);
    const [busy] = await queryRows<{ n: number }>(tx, sql`
      select count(*)::int as n from registry_imports
       where community_code = ${job.communityCode} and id <> ${job.id} and status = 'committing'
         and heartbeat_at > now() - make_interval(secs => ${STALE_MS / 1000})`);
    if (busy?.n) throw new AppError('REGISTRY_IMPORT_STATE', { status: '本社区另一份台账正在提交', action: '提交' });
    const [marked] = await tx
      .update(registryImports)
      .set({ status: 'committing', onlyValid: options.onlyValid, failure: null, heartbeatAt: sql`now()` })
      .where(and(
        eq(registryImports.id, job.id),
        eq(registryImports.status, job.status),
        // A resumed job: only if nobody resumed it meanwhile.
        resumable ? sql`${registryImports.heartbeatAt} < now() - make_interval(secs => ${STALE_MS / 1000})` : undefined,
      ))
      .returning();
    if (!marked) throw new AppError('REGISTRY_IMPORT_STATE', { status: '正在提交', action: '再次提交' });
    return marked;
  });
}


type CommitRun = (database: Database, actor: Actor, job: ImportJob, options: { onlyValid: boolean }, progress: ImportProgress, hooks: CommitHooks) => Promise<void>;

const contextBase = async (db: Db, actor: Actor, job: ImportJob, options: { onlyValid: boolean }) => ({
  actor,
  job,
  onlyValid: options.onlyValid,
  today: chinaToday(),
  kinds: builtInKindInfos(),
  grids: await gridsOfCommunity(db, job.communityCode),
});

/** PostgreSQL: every step once over the whole staged set, in one transaction. */
const runWholeCommit: CommitRun = async (database, actor, job, options, progress, hooks) => {
  const db = database.db;
  const base = await contextBase(db, actor, job, options);
  const [bound] = await queryRows<{ upTo: number | null; n: number }>(db, sql`
    select max(row_no)::int as "upTo", count(*)::int as n from registry_import_rows where import_id = ${job.id} and valid`);
  Object.assign(progress, { rows: 0, stepNo: 0, steps: commitSteps.length });
  let stepNo = 0;
  // The transaction's own writes are invisible to others: the heartbeat goes through another connection.
  const beat = setInterval(() => void db.update(registryImports).set({ heartbeatAt: sql`now()` }).where(eq(registryImports.id, job.id)).catch(() => undefined), HEARTBEAT_MS);
  try {
    await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY}, hashtext(${job.communityCode}))`);
    // Hash joins and the distinct places of a whole ledger fit in memory instead of spilling.
    await tx.execute(sql`set local work_mem = '64MB'`);
    const context: CommitContext = { ...base, after: 0, upTo: bound?.upTo ?? 0, targets: targets(job), counts: { inserted: 0, updated: 0 }, analyze: true };
    for (const name of commitSteps) {
      if (name === '完成') {
        await tx.execute(sql`delete from registry_import_rows where import_id = ${job.id} and valid`);
        await tx
          .update(registryImports)
          .set({ inserted: context.counts.inserted, updated: context.counts.updated, heartbeatAt: sql`now()` })
          .where(eq(registryImports.id, job.id));
        progress.rows = bound?.n ?? 0;
      }
      await commitStatements[name](tx, context);
      Object.assign(progress, { step: name, stepNo: ++stepNo });
      hooks.progress?.(progress);
      await hooks.afterStep?.(name, stepNo, 1);
    }
    });
  } finally {
    clearInterval(beat);
  }
};

/** The embedded database: chunk by chunk, each in a short transaction (see the top of this file). */
const runChunkedCommit: CommitRun = async (database, actor, job, options, progress, hooks) => {
  const db = database.db;
  let size = hooks.chunkRows ?? FIRST_CHUNK_ROWS;
  const base = await contextBase(db, actor, job, options);
  const [left] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from registry_import_rows where import_id = ${job.id} and valid`);
  let remaining = left?.n ?? 0;
  // Steps of the chunks still to come, estimated from the current chunk size.
  const estimate = (done: number) => done + Math.max(1, Math.ceil(remaining / size)) * dataSteps.length + 1;
  Object.assign(progress, { rows: job.validRows - remaining, steps: estimate(0) });
  let stepNo = 0;
  let written = 0;
  let analyzedAt = 0;
  // The last row written (the staged rows before it are deleted but still in the index).
  let done = 0;
  // Chunks are numbered on from those of an earlier, interrupted run (undo.ts replays them backwards).
  const firstChunk = await nextUndoChunk(db, job.id);
  const undoChunk = (chunk: number) => firstChunk + chunk - 1;
  const stepDone = async (tx: Db, name: string, chunk: number) => {
    Object.assign(progress, { step: name, stepNo: ++stepNo });
    hooks.progress?.(progress);
    await hooks.afterStep?.(name, stepNo, chunk);
  };
  for (let chunk = 1; ; chunk++) {
    let mark = performance.now();
    const lap = (step: string, rows: number) => {
      const now = performance.now();
      hooks.timed?.({ chunk, rows, step, ms: now - mark });
      mark = now;
    };
    // Statistics again whenever the rows written may have doubled the tables: stale ones make
    // the planner scan the growing tables once per staged row (seconds per chunk at 20,000 rows).
    // One table at a time, each its own statement, so that waiting requests get in between.
    if (written > 0 && written >= 2 * analyzedAt) {
      for (const [table, columns] of analyzedTables) {
        // A small sample of the columns the steps join on: a full ANALYZE of a large table
        // would hold the connection for a second. (Row counts, what the plans need, come with it.)
        await db.transaction(async (tx) => {
          await tx.execute(sql`set local default_statistics_target = 10`);
          await tx.execute(sql`analyze ${sql.identifier(table)} (${sql.raw(columns.join(', '))})`);
        });
        lap(`analyze ${table}`, 0);
        await sleep(PAUSE_MS);
      }
      analyzedAt = written;
    }
    const [bound] = await queryRows<{ after: number | null; upTo: number | null; n: number }>(db, sql`
      select min(row_no)::int - 1 as after, max(row_no)::int as "upTo", count(*)::int as n
        from (select row_no from registry_import_rows where import_id = ${job.id} and valid and row_no > ${done}
               order by row_no limit ${size}) c`);
    const after = bound?.after ?? 0;
    const upTo = bound?.upTo ?? 0;
    const rows = bound?.n ?? 0;
    const last = rows >= remaining;
    lap('rows', rows);
    const started = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY}, hashtext(${job.communityCode}))`);
      // The job's first chunk may fill empty tables: its steps refresh the statistics in between.
      const analyze = written === 0 && undoChunk(chunk) === 1;
      if (written === 0) analyzedAt = rows;
      const context: CommitContext = { ...base, after, upTo, targets: targets(job, upTo, after), counts: { inserted: 0, updated: 0 }, analyze };
      await recordBeforeImages(tx, job, undoChunk(chunk), after, upTo);
      lap('undo:before', rows);
      for (const name of dataSteps) {
        await commitStatements[name](tx, context);
        lap(name, rows);
        await stepDone(tx, name, chunk);
      }
      await recordCreated(tx, job, undoChunk(chunk), after, upTo);
      lap('undo:created', rows);
      await tx.execute(sql`delete from registry_import_rows where import_id = ${job.id} and valid and row_no > ${after} and row_no <= ${upTo}`);
      await tx
        .update(registryImports)
        .set({
          inserted: sql`${registryImports.inserted} + ${context.counts.inserted}`,
          updated: sql`${registryImports.updated} + ${context.counts.updated}`,
          heartbeatAt: sql`now()`,
        })
        .where(eq(registryImports.id, job.id));
      lap('book', rows);
      if (last) {
        await commitStatements.完成(tx, context);
        await stepDone(tx, '完成', chunk);
      }
    });
    lap('end', rows);
    remaining -= rows;
    written += rows;
    done = upTo;
    progress.rows += rows;
    if (last) return;
    if (!hooks.chunkRows) {
      const took = Math.max(1, performance.now() - started);
      size = Math.round(Math.min(MAX_CHUNK_ROWS, Math.max(MIN_CHUNK_ROWS, size * Math.min(2, CHUNK_TARGET_MS / took))));
      progress.steps = estimate(stepNo);
    }
    await sleep(PAUSE_MS);
  }
};
