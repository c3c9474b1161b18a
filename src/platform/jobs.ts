// Background jobs in the database. A job is claimed with FOR UPDATE SKIP LOCKED under a
// lease, so any number of server processes can run the same runner: each job is taken by
// one of them, and a job whose process died is taken again when its lease runs out.
// Recurring work is scheduled by every process under one dedupe key per period, so it is
// queued once per period however many processes there are.
import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './db.ts';
import type { AppContext } from './http.ts';

export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
}

/** What a handler gets besides the job: the app's context and a logger. */
export interface JobContext {
  ctx: AppContext;
  workerId: string;
  log: JobLogger;
}

export interface JobLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type JobHandler = (job: Job, context: JobContext) => Promise<void>;

/** Work that is queued every `everyMs` by whichever process gets there first. */
export interface RecurringJob {
  kind: string;
  everyMs: number;
  payload?: Record<string, unknown>;
  /**
   * A cheap check that there is work: when it says no, the period is skipped and leaves no
   * job row (a job every few seconds that mostly finds nothing would leave thousands a day).
   */
  due?: (db: Db) => Promise<boolean>;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** A second job with the same key is not queued (the first one is kept). */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Queues a job; inside a transaction it is queued only if the transaction commits. Returns its id, or null when deduplicated. */
export async function enqueueJob(db: Db, kind: string, payload: Record<string, unknown> = {}, options: EnqueueOptions = {}): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into jobs (kind, payload, run_at, dedupe_key, max_attempts)
        values (${kind}, ${JSON.stringify(payload)}::jsonb, ${(options.runAt ?? new Date()).toISOString()}::timestamptz,
                ${options.dedupeKey ?? null}, ${options.maxAttempts ?? 5})
        on conflict (dedupe_key) do nothing
        returning id`,
  );
  return rows[0] ? Number(rows[0].id) : null;
}

interface JobRow {
  id: number | string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  run_at: Date | string;
}

/**
 * Claims up to `limit` due jobs of the given kinds for this worker: pending ones whose time
 * has come, and running ones whose lease ran out (their worker died). Rows another worker
 * is claiming at the same moment are skipped, not waited for.
 */
export async function claimJobs(db: Db, workerId: string, kinds: readonly string[], limit: number, leaseMs: number): Promise<Job[]> {
  if (kinds.length === 0) return [];
  const rows = await queryRows<JobRow>(
    db,
    sql`update jobs set status = 'running', locked_by = ${workerId},
          locked_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = attempts + 1
        where id in (
          select id from jobs
          where kind in ${kinds}
            and ((status = 'pending' and run_at <= now()) or (status = 'running' and locked_until < now()))
          order by run_at, id
          limit ${limit}
          for update skip locked)
        returning id, kind, payload, attempts, max_attempts, run_at`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    payload: r.payload,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: new Date(r.run_at),
  }));
}

/** Marks a claimed job done (only if this worker still holds it). */
export async function completeJob(db: Db, job: Job, workerId: string): Promise<void> {
  await db.execute(sql`update jobs set status = 'done', finished_at = now(), locked_until = null
                       where id = ${job.id} and locked_by = ${workerId} and status = 'running'`);
}

/** Records a failure: the job is retried later with backoff, or marked failed after its last attempt. */
export async function failJob(db: Db, job: Job, workerId: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const final = job.attempts >= job.maxAttempts;
  // 10 s, 40 s, 90 s … capped at an hour.
  const backoffSecs = Math.min(3600, 10 * job.attempts * job.attempts);
  await db.execute(sql`update jobs set
      status = ${final ? 'failed' : 'pending'},
      run_at = now() + make_interval(secs => ${backoffSecs}),
      finished_at = ${final ? sql`now()` : sql`null`},
      locked_until = null,
      last_error = ${message.slice(0, 2000)}
    where id = ${job.id} and locked_by = ${workerId} and status = 'running'`);
}

/** Queues each recurring job for the current period unless some process already has, or it has nothing to do. */
export async function scheduleRecurring(db: Db, recurring: readonly RecurringJob[], now = Date.now()): Promise<void> {
  for (const r of recurring) {
    if (r.due && !(await r.due(db))) continue;
    const bucket = Math.floor(now / r.everyMs);
    await enqueueJob(db, r.kind, r.payload ?? {}, { runAt: new Date(bucket * r.everyMs), dedupeKey: `${r.kind}@${bucket}`, maxAttempts: 1 });
  }
}

/** Removes finished jobs older than `olderThanMs` (recurring ones pile up otherwise). */
export async function pruneJobs(db: Db, olderThanMs = 7 * 86_400_000): Promise<void> {
  await db.execute(sql`delete from jobs where status in ('done', 'failed')
                       and finished_at < now() - make_interval(secs => ${olderThanMs / 1000})`);
}

export interface RunnerOptions {
  ctx: AppContext;
  handlers: Readonly<Record<string, JobHandler>>;
  recurring?: readonly RecurringJob[];
  workerId?: string;
  /** How often an idle runner looks for work. */
  pollMs?: number;
  /** Jobs claimed per round. */
  batchSize?: number;
  leaseMs?: number;
  log?: JobLogger;
}

export interface JobRunner {
  readonly workerId: string;
  /** One round: schedule recurring jobs, claim due jobs and run them. Returns how many ran. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

const silentLog: JobLogger = { info: () => undefined, error: () => undefined };

/** Creates a runner; `start` begins polling. Tests call runOnce directly. */
export function createJobRunner(options: RunnerOptions): JobRunner & { start(): void } {
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const db = options.ctx.database.db;
  const kinds = Object.keys(options.handlers);
  const log = options.log ?? silentLog;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const batchSize = options.batchSize ?? 10;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<number> | undefined;
  let rounds = 0;

  const runOnce = async (): Promise<number> => {
    if (options.recurring?.length) await scheduleRecurring(db, options.recurring);
    if (++rounds % 500 === 0) await pruneJobs(db);
    const jobs = await claimJobs(db, workerId, kinds, batchSize, leaseMs);
    for (const job of jobs) {
      const handler = options.handlers[job.kind];
      try {
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(job, { ctx: options.ctx, workerId, log });
        await completeJob(db, job, workerId);
      } catch (error) {
        log.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed');
        await failJob(db, job, workerId, error);
      }
    }
    return jobs.length;
  };

  const loop = async () => {
    if (stopped) return;
    let ran = 0;
    try {
      current = runOnce();
      ran = await current;
    } catch (error) {
      log.error({ err: error }, 'job round failed');
    } finally {
      current = undefined;
    }
    // A full batch means more may be waiting: go again at once.
    if (!stopped) timer = setTimeout(() => void loop(), ran >= batchSize ? 0 : (options.pollMs ?? 5_000));
  };

  return {
    workerId,
    runOnce,
    start() {
      if (!timer && !stopped) timer = setTimeout(() => void loop(), 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current?.catch(() => undefined);
    },
  };
}
