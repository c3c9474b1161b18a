// The district to-do under load: autocannon with 16 connections against `gongzhi serve` (a
// child process) on PostgreSQL with a generated history (bench/case-data.ts, as
// bench/cases-queries.ts makes it), as a district staff session, beside a bare endpoint
// (/healthz: one `select 1`) in the same run. Target: the to-do ≥ 200 requests/s.
//
//   DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres node --import tsx bench/cases-todo-load.ts --cases 1000000
//   (--seconds 20, --connections 16; --keep keeps the generated database and prints its URL;
//   BENCH_REUSE=<that URL> runs again on it without generating; --cpu-prof <dir> writes the
//   server's CPU profile there; --only-todo skips the bare endpoint's run)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { provisionUser } from '../src/modules/accounts/index.ts';
import { startServer } from '../test/processes.ts';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../src/platform/db.ts';
import { benchDatabase } from './bench-support.ts';
import { generateCaseHistory } from './case-data.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const CASES = Number(arg('cases') ?? process.env.BENCH_CASES ?? 1_000_000);
const SECONDS = Number(arg('seconds') ?? 20);
const CONNECTIONS = Number(arg('connections') ?? 16);
const TARGET = 200;
const CPU_PROF = arg('cpu-prof');
const ONLY_TODO = process.argv.includes('--only-todo');

const REUSE = process.env.BENCH_REUSE;
const KEEP = process.argv.includes('--keep') || process.env.BENCH_KEEP === '1';
const fresh = REUSE ? undefined : await benchDatabase(4);
const database: Database = fresh?.database ?? (await openDatabase({ engine: 'postgres', url: REUSE ?? '', poolSize: 4 }));
const url = fresh?.url ?? (REUSE as string);
const drop = async () => {
  if (fresh && !KEEP) return fresh.drop();
  if (fresh) console.log(`Kept: BENCH_REUSE=${fresh.url}`);
  await database.close();
};
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-'));
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  const reused = async () => {
    const [counts] = await queryRows<{ cases: number; timeline: number }>(database.db, sql`select (select count(*) from cases)::int as cases, (select count(*) from case_timeline)::int as timeline`);
    const [disk] = await queryRows<{ bytes: number }>(database.db, sql`select pg_database_size(current_database())::float8 as bytes`);
    return { counts, generationSeconds: 0, diskMB: Math.round((disk?.bytes ?? 0) / 1048576) };
  };
  const { counts, generationSeconds, diskMB } = REUSE ? await reused() : await generateCaseHistory(database.db, CASES);
  // A kept database of bench/cases-queries.ts has no bench account yet.
  const [account] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from users where username = 'bench_district'`);
  if (!account?.n) await provisionUser(database.db, { username: 'bench_district', displayName: '区级', role: 'district_staff', orgCode: '110108', password: 'Bench#Pass2026' });
  console.log('Starting the server in its own process …');
  server = await startServer({ DATABASE_URL: url, GONGZHI_DATA_DIR: dataDir, GONGZHI_LOG_LEVEL: 'warn', GONGZHI_ADMIN_PASSWORD: 'Admin#Bench2026', GONGZHI_LOGIN_RATE_PER_MINUTE: '100000',
    // Node refuses --cpu-prof in NODE_OPTIONS: a preloaded module records the profile instead.
    ...(CPU_PROF ? { NODE_OPTIONS: `--import ${path.resolve('bench/cpu-profile.mjs')}`, GONGZHI_CPU_PROFILE: path.resolve(CPU_PROF) } : {}) });
  const login = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_district', password: 'Bench#Pass2026' }) });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const first = await fetch(`${server.base}/api/cases?todo=true`, { headers: { cookie } });
  if (first.status !== 200) throw new Error(`to-do failed: ${first.status} ${await first.text()}`);

  // CPU seconds (user + system) of the server process and of this database's PostgreSQL
  // backends, from /proc (Linux, PostgreSQL on this machine; otherwise not measured): what a
  // request costs, whatever else the machine runs at the time.
  const tick = 100;
  const cpuSecondsOf = (pid: number) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      return Number.NaN;
    }
  };
  const cpuNow = async () => {
    const backends = await queryRows<{ pid: number }>(database.db, sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
    return { server: cpuSecondsOf(server?.child.pid ?? 0), postgres: backends.reduce((sum, b) => sum + cpuSecondsOf(b.pid), 0) };
  };

  const run = async (name: string, pathname: string) => {
    // A short warm-up, then the measured run.
    await autocannon({ url: `${server?.base}${pathname}`, connections: CONNECTIONS, duration: 2, headers: { cookie } });
    const before = await cpuNow();
    const result = await autocannon({ url: `${server?.base}${pathname}`, connections: CONNECTIONS, duration: SECONDS, headers: { cookie } });
    const after = await cpuNow();
    const perRequest = (seconds: number) => Math.round((seconds / result.requests.total) * 1e5) / 100;
    const figures = {
      cpuMsPerRequest: { server: perRequest(after.server - before.server), postgres: perRequest(after.postgres - before.postgres) },
      requestsPerSecond: Math.round(result.requests.average * 10) / 10,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      total: result.requests.total,
    };
    console.log(`${name.padEnd(28)} ${String(figures.requestsPerSecond).padStart(8)} req/s   p50 ${figures.p50} ms   p99 ${figures.p99} ms   non-2xx ${figures.non2xx}   errors ${figures.errors}`);
    console.log(`${''.padEnd(28)} CPU per request: server ${figures.cpuMsPerRequest.server} ms, PostgreSQL ${figures.cpuMsPerRequest.postgres} ms`);
    return figures;
  };
  console.log(`\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s each, ${counts?.cases?.toLocaleString()} cases, ${os.cpus().length} cores`);
  const bare = ONLY_TODO ? { requestsPerSecond: Number.NaN } : await run('GET /healthz', '/healthz');
  const todo = await run('GET /api/cases?todo=true', '/api/cases?todo=true');
  const load = os.loadavg();
  console.log(`uptime: load average ${load.map((l) => l.toFixed(2)).join(', ')}`);
  console.log(`to-do ${todo.requestsPerSecond} req/s against a target of ≥ ${TARGET} (${(todo.requestsPerSecond / bare.requestsPerSecond).toFixed(2)} of the bare endpoint)`);
  console.log(
    JSON.stringify({
      bench: 'cases-todo-load', cases: counts?.cases, timeline: counts?.timeline, generationSeconds: Math.round(generationSeconds), diskMB,
      connections: CONNECTIONS, seconds: SECONDS, bare, todo, target: TARGET, met: todo.requestsPerSecond >= TARGET && todo.non2xx === 0, loadavg: load,
    }),
  );
} finally {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await drop();
}
