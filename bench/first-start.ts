// First start with the demo, as a newcomer's `npm start` runs it: the server process on a fresh
// data directory (PGlite) or a fresh PostgreSQL database, timed from spawn to its "started"
// line, with the phases it prints (database open, migrations, each demo loader); then a later
// start on the same data; then the rows per table the demo left, for comparing loaders.
//
//   node --import tsx bench/first-start.ts                    (PGlite under a temporary directory)
//   DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres node --import tsx bench/first-start.ts
//   BENCH_COUNTS=<file> writes the rows per table as JSON; BENCH_COMPARE=<file> prints the tables whose count changed.
//   BENCH_PROF=<dir> runs the first start under `node --cpu-prof` into that directory.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../src/platform/db.ts';
import { dropBenchDatabase } from './bench-support.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baseUrl = process.env.DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-first-start-'));
const dbName = `gongzhi_first_${crypto.randomBytes(4).toString('hex')}`;
const dbUrl = baseUrl ? Object.assign(new URL(baseUrl), { pathname: `/${dbName}` }).toString() : undefined;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

interface Start {
  ms: number;
  /** CPU time the server process had used when it was up (user + system, from /proc). */
  cpuMs: number;
  lines: string[];
}

/** A process's CPU time so far in ms (Linux /proc; NaN elsewhere). */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
}

/** Starts the server, waits for its "started" line, stops it; the wall time and what it printed. */
function serveOnce(prof?: string): Promise<Start> {
  const env = {
    ...process.env,
    GONGZHI_DATA_DIR: dataDir,
    GONGZHI_DEMO_PASSWORD: 'Demo#Bench2026',
    GONGZHI_ADMIN_PASSWORD: 'Admin#Bench2026',
    GONGZHI_LOG_LEVEL: 'warn',
    PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
  };
  if (!dbUrl) delete env.DATABASE_URL;
  const args = [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), 'bin/gongzhi.mjs', 'serve', '--demo-if-empty'];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let buffer = '';
    let up = 0;
    let cpuMs = Number.NaN;
    const take = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (!up && line.includes('Gongzhi 已启动')) {
          up = performance.now() - started;
          cpuMs = cpuMsOf(child.pid);
          child.kill('SIGTERM');
        }
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) => (up ? resolve({ ms: up, cpuMs, lines }) : reject(new Error(`the server exited (${code}) before it started:\n${lines.join('\n')}`))));
  });
}

/** The phases the server printed: database open, migrations, each demo loader (s). */
function phases(lines: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of lines) {
    const db = /opened in ([\d.]+) s, .* in ([\d.]+) s; app built in ([\d.]+) s/.exec(line);
    if (db) Object.assign(out, { open: Number(db[1]), migrate: Number(db[2]), build: Number(db[3]) });
    const loader = /…\s+[\d.]+ s\s+([a-z]+) ([\d.]+) s(?: \(cpu ([\d.]+) s\))?$/.exec(line);
    if (loader) out[`demo.${loader[1]}`] = Number(loader[2]);
    if (loader?.[3]) out[`cpu.${loader[1]}`] = Number(loader[3]);
    const demo = /Demo loaded: .* in ([\d.]+) s$/.exec(line);
    if (demo) out.demo = Number(demo[1]);
    const code = /code loaded in ([\d.]+) s\)/.exec(line);
    if (code) out.code = Number(code[1]);
  }
  return out;
}

/** Exact rows per table of the public schema (a partitioned table counted once, with its partitions). */
async function rowCounts(database: Database): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(database.db, sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from "${name}"`));
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
try {
  if (dbUrl) await admin(`create database ${dbName}`);
  console.log(`engine ${dbUrl ? 'postgres' : 'pglite'}, data ${dataDir}; load before: ${load()}`);
  const first = await serveOnce(process.env.BENCH_PROF);
  const loadAfterFirst = load();
  for (const line of first.lines) if (/…|数据库|Demo loaded|已启动/.test(line)) console.log(`  ${line}`);
  console.log(`first start: ${(first.ms / 1000).toFixed(1)} s, cpu ${(first.cpuMs / 1000).toFixed(1)} s (load ${loadAfterFirst})`);
  const later = await serveOnce();
  console.log(`later start: ${(later.ms / 1000).toFixed(1)} s, cpu ${(later.cpuMs / 1000).toFixed(1)} s (load ${load()})`);

  const database = dbUrl ? await openDatabase({ engine: 'postgres', url: dbUrl, poolSize: 2 }) : await openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  const counts = await rowCounts(database);
  await database.close();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`rows: ${total} in ${Object.values(counts).filter((n) => n > 0).length} non-empty tables`);
  if (process.env.BENCH_COUNTS) fs.writeFileSync(process.env.BENCH_COUNTS, `${JSON.stringify(counts, null, 1)}\n`);
  if (process.env.BENCH_COMPARE) {
    const before = JSON.parse(fs.readFileSync(process.env.BENCH_COMPARE, 'utf8')) as Record<string, number>;
    for (const table of new Set([...Object.keys(before), ...Object.keys(counts)])) {
      if (before[table] !== counts[table]) console.log(`  ${table}: ${before[table] ?? '-'} → ${counts[table] ?? '-'}`);
    }
  }
  console.log(JSON.stringify({ engine: dbUrl ? 'postgres' : 'pglite', firstStartS: Number((first.ms / 1000).toFixed(1)), firstStartCpuS: Number((first.cpuMs / 1000).toFixed(1)), laterStartS: Number((later.ms / 1000).toFixed(1)), phases: phases(first.lines), rows: total, load: loadAfterFirst }));
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (baseUrl && dbUrl) await dropBenchDatabase(baseUrl, dbName);
}
