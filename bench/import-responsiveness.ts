// Benchmark: does the server keep answering while a big ledger import is committed on the
// embedded database (PGlite has one connection)? Imports N rows (default 100,000) through the
// real path (check, then the chunked commit) in a server listening on a local port, while a
// separate process asks /healthz and a public database read (a grid's roster) every 50 ms and reports each answer's
// latency. Prints the latencies during the commit and a JSON line. With --one-chunk the whole
// commit is one transaction (as before chunking), for comparison. Not part of `npm test`.
//
//   node --import tsx bench/import-responsiveness.ts [--rows N] [--one-chunk]
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemActor } from '../src/platform/auth/scope.ts';
import { checkImport, commitImport, createImportJob } from '../src/modules/registry/index.ts';
import { insertBenchCommunity } from './registry-ledger.ts';

const args = process.argv.slice(2);
const rows = Number(args[args.indexOf('--rows') + 1] ?? 0) || 100_000;
const oneChunk = args.includes('--one-chunk');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-resp-'));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

// The poller: its own process, so that a busy server cannot delay the clock that times it.
const pollerSource = `
const base = process.argv[1];
let stop = false;
process.on('SIGTERM', () => { stop = true; });
(async () => {
  while (!stop) {
    for (const url of ['/healthz', '/api/public/grids/XYL01/roster']) {
      const t = performance.now();
      const res = await fetch(base + url);
      await res.arrayBuffer();
      process.stdout.write(JSON.stringify({ url, at: Date.now(), ms: performance.now() - t, status: res.status }) + '\\n');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.exit(0);
})();`;

const xlsxPath = path.join(work, 'ledger.xlsx');
let t = Date.now();
await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'registry-ledger.ts'), xlsxPath, path.join(work, 'ledger.csv'), String(rows), 'shared'], { maxBuffer: 1 << 20 });
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs; ledger of ${rows} rows written in ${seconds(Date.now() - t)} s`);

const config = loadConfig({ GONGZHI_DATA_DIR: path.join(work, 'data'), GONGZHI_LOG_LEVEL: 'silent' });
fs.mkdirSync(config.dataDir, { recursive: true });
const { app, ctx } = await createApp({ ...config, databaseUrl: undefined } as typeof config, { logger: false });
if (ctx.database.engine !== 'pglite') throw new Error('this benchmark is about the embedded database: unset DATABASE_URL');
try {
  await insertBenchCommunity(ctx.database.db);
  const importer = { ...systemActor, grants: [{ role: 'community_staff' as const, orgPath: '' }] };
  t = Date.now();
  const job = await createImportJob(ctx.database.db, importer, { communityCode: '110108015001', fileName: 'ledger.xlsx', format: 'xlsx' });
  const checked = await checkImport(ctx.database, ctx.pii, importer, job.id, xlsxPath);
  if (checked.errorRows > 0) throw new Error(`the synthetic ledger has ${checked.errorRows} bad rows`);
  console.log(`checked in ${seconds(Date.now() - t)} s`);

  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const poller = spawn(process.execPath, ['-e', pollerSource, address], { stdio: ['ignore', 'pipe', 'inherit'] });
  let lines = '';
  poller.stdout.on('data', (chunk: Buffer) => (lines += chunk.toString()));
  await new Promise((r) => setTimeout(r, 1000));
  const start = Date.now();
  let chunks = 0;
  const timings: { chunk: number; rows: number; step: string; ms: number }[] = [];
  // A line every 30 s, so that a long run under load says how it goes before it ends.
  const interim = setInterval(() => {
    const ms = lines.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { url: string; at: number; ms: number })
      .filter((x) => x.url === '/healthz' && x.at >= start).map((x) => x.ms).sort((a, b) => a - b);
    const rowsDone = timings.filter((x) => x.step === 'end').reduce((a, x) => a + x.rows, 0);
    console.log(`  … ${seconds(Date.now() - start)} s: ${rowsDone} rows in ${chunks} chunks; /healthz ${ms.length} answers, max ${Math.round(ms.at(-1) ?? 0)} ms, median ${Math.round(ms[Math.floor(ms.length / 2)] ?? 0)} ms; load ${os.loadavg()[0]?.toFixed(1)}`);
  }, 30_000);
  const done = await commitImport(ctx.database, importer, job.id, { onlyValid: false }, {
    chunkRows: oneChunk ? rows : undefined,
    afterStep: (step) => void (step === '户主' && chunks++),
    timed: (x) => void timings.push(x),
  });
  const end = Date.now();
  clearInterval(interim);
  await new Promise((r) => setTimeout(r, 500));
  poller.kill('SIGTERM');
  await new Promise((r) => poller.once('exit', r));
  if (done.inserted !== rows) throw new Error(`inserted ${done.inserted} of ${rows}`);

  const samples = lines.trim().split('\n').map((l) => JSON.parse(l) as { url: string; at: number; ms: number; status: number });
  // An answer belongs to the commit if it arrived during it (or was waiting on it).
  const during = samples.filter((s) => s.at >= start && s.at - s.ms <= end);
  const stats = (url: string) => {
    const ms = during.filter((s) => s.url === url).map((s) => s.ms).sort((a, b) => a - b);
    return { n: ms.length, max: Math.round(ms.at(-1) ?? 0), p99: Math.round(ms[Math.floor(ms.length * 0.99)] ?? 0), p50: Math.round(ms[Math.floor(ms.length / 2)] ?? 0) };
  };
  const health = stats('/healthz');
  const read = stats('/api/public/grids/XYL01/roster');
  const failures = during.filter((s) => s.status !== 200).length;
  console.log(`commit of ${rows} rows in ${seconds(end - start)} s, ${chunks} chunk(s)${oneChunk ? ' (one transaction)' : ''}`);
  console.log(`/healthz during the commit: ${health.n} answers, max ${health.max} ms, p99 ${health.p99} ms, median ${health.p50} ms`);
  console.log(`/api/public/grids/XYL01/roster (a database read) during the commit: ${read.n} answers, max ${read.max} ms, p99 ${read.p99} ms, median ${read.p50} ms; ${failures} non-200`);
  printStepTimes(timings);
  console.log(JSON.stringify({ bench: 'import-responsiveness', engine: 'pglite', rows, oneTransaction: oneChunk, commitMs: end - start, chunks, healthzMaxMs: health.max, healthzP99Ms: health.p99, healthzAnswers: health.n, readMaxMs: read.max, readP99Ms: read.p99, non200: failures, loadAverage: os.loadavg()[0] }));
} finally {
  await app.close();
  fs.rmSync(work, { recursive: true, force: true });
}

/** Per step: total, median and max ms per chunk, and ms per 100 rows in the first and last tenth of the chunks (a step whose cost grows with the tables shows there). */
function printStepTimes(timings: { chunk: number; rows: number; step: string; ms: number }[]): void {
  if (!timings.length) return;
  const chunkCount = Math.max(...timings.map((x) => x.chunk));
  const tenth = Math.max(1, Math.floor(chunkCount / 10));
  const perChunk = new Map<number, number>();
  for (const x of timings) perChunk.set(x.chunk, (perChunk.get(x.chunk) ?? 0) + x.ms);
  const totals = [...perChunk.values()].sort((a, b) => a - b);
  const rowsOf = new Map(timings.map((x) => [x.chunk, x.rows]));
  const sizes = [...rowsOf.values()].sort((a, b) => a - b);
  console.log(`chunks: ${chunkCount}; ms per chunk median ${Math.round(totals[Math.floor(totals.length / 2)] ?? 0)}, p90 ${Math.round(totals[Math.floor(totals.length * 0.9)] ?? 0)}, max ${Math.round(totals.at(-1) ?? 0)}; rows per chunk median ${sizes[Math.floor(sizes.length / 2)]}, min ${sizes[0]}, max ${sizes.at(-1)}`);
  const per100 = (xs: typeof timings) => (xs.length ? (100 * xs.reduce((a, x) => a + x.ms, 0)) / Math.max(1, xs.reduce((a, x) => a + x.rows, 0)) : 0);
  for (const step of [...new Set(timings.map((x) => x.step))]) {
    const xs = timings.filter((x) => x.step === step);
    const ms = xs.map((x) => x.ms).sort((a, b) => a - b);
    const worst = xs.reduce((a, x) => (x.ms > a.ms ? x : a));
    const early = per100(xs.filter((x) => x.chunk <= tenth));
    const late = per100(xs.filter((x) => x.chunk > chunkCount - tenth));
    console.log(`  ${step.padEnd(6)} total ${(ms.reduce((a, b) => a + b, 0) / 1000).toFixed(1).padStart(6)} s  median ${ms[Math.floor(ms.length / 2)]!.toFixed(1).padStart(6)} ms  max ${worst.ms.toFixed(0).padStart(5)} ms (chunk ${worst.chunk}, ${worst.rows} rows)  ms/100 rows first tenth ${early.toFixed(1)}, last tenth ${late.toFixed(1)}`);
  }
}
