// Shared by the case benchmarks: a fresh PostgreSQL database for the run, and percentiles.
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';

/** A new, migrated database on the server of DATABASE_URL; dropped by the returned cleanup. */
export async function benchDatabase(poolSize = 20): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith('postgres')) {
    console.error('Set DATABASE_URL to a PostgreSQL server, e.g. DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres');
    process.exit(2);
  }
  const name = `gongzhi_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ engine: 'postgres', url: u.toString(), poolSize });
  await migrate(database);
  return {
    database,
    url: u.toString(),
    drop: async () => {
      await database.close();
      await dropBenchDatabase(url, name);
    },
  };
}

/**
 * Drops a benchmark's database on the server of `url`. "with (force)" is refused while an
 * autovacuum worker (another role's process) is in it: then the plain drop, once it has left.
 */
export async function dropBenchDatabase(url: string, name: string): Promise<void> {
  const dropper = new pg.Client({ connectionString: url });
  await dropper.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await dropper.query(attempt === 1 ? `drop database if exists ${name} with (force)` : `drop database if exists ${name}`);
        return;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  } finally {
    // An open client keeps the bench's process alive after its last line.
    await dropper.end();
  }
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** Runs `task` `total` times with at most `concurrency` at once; returns each duration in ms and the wall time. */
export async function runBounded(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<{ durations: number[]; wallMs: number }> {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      await task(i);
      durations.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { durations, wallMs: performance.now() - started };
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
