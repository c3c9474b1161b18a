import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from './db.ts';
import { createJobRunner, enqueueJob, scheduleRecurring, type Job } from './jobs.ts';
import { createConfiguredCipher } from '../app.ts';
import { setupTestApp } from '../../test/helpers.ts';

const test = await setupTestApp();
const ctx = { database: test.database, config: test.config, pii: createConfiguredCipher(test.config) };
const db = test.database.db;

describe('background jobs', () => {
  it('runs each job once when two workers claim at the same time', async () => {
    for (let i = 0; i < 40; i++) await enqueueJob(db, 'test.count', { i });
    const seen: { worker: string; i: number }[] = [];
    const handler = (worker: string) => async (job: Job) => {
      seen.push({ worker, i: job.payload.i as number });
      await new Promise((r) => setTimeout(r, 2));
    };
    const a = createJobRunner({ ctx, handlers: { 'test.count': handler('a') }, workerId: 'a', batchSize: 5 });
    const b = createJobRunner({ ctx, handlers: { 'test.count': handler('b') }, workerId: 'b', batchSize: 5 });
    const drain = async (r: typeof a) => {
      while ((await r.runOnce()) > 0);
    };
    await Promise.all([drain(a), drain(b)]);
    expect(seen.map((s) => s.i).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const [done] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs where kind = 'test.count' and status = 'done'`);
    expect(done?.n).toBe(40);
  });

  it('retries a failing job with backoff, then marks it failed', async () => {
    await enqueueJob(db, 'test.fail', {}, { maxAttempts: 2 });
    const runner = createJobRunner({ ctx, handlers: { 'test.fail': async () => { throw new Error('boom'); } }, workerId: 'c' });
    await runner.runOnce();
    let [row] = await queryRows<{ status: string; attempts: number; last_error: string }>(db, sql`select status, attempts, last_error from jobs where kind = 'test.fail'`);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.last_error).toContain('boom');
    await db.execute(sql`update jobs set run_at = now() where kind = 'test.fail'`);
    await runner.runOnce();
    [row] = await queryRows(db, sql`select status, attempts, last_error from jobs where kind = 'test.fail'`);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('takes back a job whose worker died when its lease runs out', async () => {
    await enqueueJob(db, 'test.lease', {});
    const dead = createJobRunner({ ctx, handlers: { 'test.lease': () => new Promise(() => undefined) }, workerId: 'dead', leaseMs: 1 });
    void dead.runOnce();
    await new Promise((r) => setTimeout(r, 50));
    let ran = 0;
    const alive = createJobRunner({ ctx, handlers: { 'test.lease': async () => { ran++; } }, workerId: 'alive' });
    await alive.runOnce();
    expect(ran).toBe(1);
  });

  it('schedules a recurring job once per period however many processes ask', async () => {
    const now = Date.UTC(2026, 10, 22, 8, 0, 30);
    await Promise.all([scheduleRecurring(db, [{ kind: 'test.tick', everyMs: 60_000 }], now), scheduleRecurring(db, [{ kind: 'test.tick', everyMs: 60_000 }], now + 1000)]);
    await scheduleRecurring(db, [{ kind: 'test.tick', everyMs: 60_000 }], now + 60_000);
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs where kind = 'test.tick'`);
    expect(row?.n).toBe(2);
  });

  it('skips a recurring period that has nothing to do, leaving no row', async () => {
    let work = false;
    const idle = [{ kind: 'test.idle', everyMs: 5_000, due: async () => work }];
    const now = Date.UTC(2026, 10, 22, 9, 0, 0);
    for (let i = 0; i < 10; i++) await scheduleRecurring(db, idle, now + i * 5_000);
    const count = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs where kind = 'test.idle'`))[0]?.n;
    expect(await count()).toBe(0);
    work = true;
    await scheduleRecurring(db, idle, now + 50_000);
    await scheduleRecurring(db, idle, now + 51_000);
    expect(await count()).toBe(1);
  });
});
