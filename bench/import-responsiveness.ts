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
  const done = await commitImport(ctx.database, importer, job.id, { onlyValid: false }, {
    chunkRows: oneChunk ? rows : undefined,
    afterStep: (step) => void (step === '户主' && chunks++),
  });
  const end = Date.now();
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
  console.log(JSON.stringify({ bench: 'import-responsiveness', engine: 'pglite', rows, oneTransaction: oneChunk, commitMs: end - start, chunks, healthzMaxMs: health.max, healthzP99Ms: health.p99, healthzAnswers: health.n, readMaxMs: read.max, readP99Ms: read.p99, non200: failures, loadAverage: os.loadavg()[0] }));
} finally {
  await app.close();
  fs.rmSync(work, { recursive: true, force: true });
}
