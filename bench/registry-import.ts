// Benchmark of the ledger import: N rows (default 200,000) from an
// .xlsx file into PostgreSQL through the real import path (streaming check, COPY staging, one-
// transaction commit), against PostgreSQL COPY of the same rows as CSV into a comparable
// table, measured in the same run. Prints rows/s of both, the ratio, and the importer's
// peak memory (RSS sampled every 20 ms), and a last line of JSON. Not part of `npm test`.
//
//   DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres node --import tsx bench/registry-import.ts
//   options: --rows N   --inline-strings (xlsx without a shared-strings table)   --keep (keep the database)
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { createPiiCipher } from '../src/platform/crypto.ts';
import { systemActor } from '../src/platform/auth/scope.ts';
import { checkImport, commitImport, createImportJob } from '../src/modules/registry/index.ts';
import { insertBenchCommunity, ledgerHeader } from './registry-ledger.ts';
import { dropBenchDatabase } from './bench-support.ts';

const args = process.argv.slice(2);
const rows = Number(args[args.indexOf('--rows') + 1] ?? 0) || 200_000;
const inline = args.includes('--inline-strings');
const keep = args.includes('--keep');
const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('Set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database).');
  process.exit(2);
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-'));
const xlsxPath = path.join(work, 'ledger.xlsx');
const csvPath = path.join(work, 'ledger.csv');

// 1. The files, written by another process so that their generation is not in our memory.
let t = Date.now();
const generated = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'registry-ledger.ts'), xlsxPath, csvPath, String(rows), inline ? 'inline' : 'shared'], { maxBuffer: 1 << 20 });
const sizes = JSON.parse(generated.stdout) as { xlsxBytes: number; csvBytes: number };
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
console.log(`ledger: ${rows} rows, .xlsx ${mb(sizes.xlsxBytes)} (${inline ? 'inline strings' : 'shared strings, as Excel writes'}), .csv ${mb(sizes.csvBytes)}, generated in ${seconds(Date.now() - t)} s`);

// 2. A database of its own, migrated, with one community and one grid.
const name = `gongzhi_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create database ${name}`);
const benchUrl = new URL(url);
benchUrl.pathname = `/${name}`;
const database = await openDatabase({ engine: 'postgres', url: benchUrl.toString(), poolSize: 4 });
// Dropping the database at the end (with force) may reach a connection still closing.
(database.pool as pg.Pool).on('error', () => undefined);
try {
  await migrate(database);
  await insertBenchCommunity(database.db);

  // 3. The real import path, with RSS sampled throughout.
  const pii = createPiiCipher(crypto.randomBytes(32));
  const importer = { ...systemActor, grants: [{ role: 'community_staff' as const, orgPath: '' }] };
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  t = Date.now();
  const job = await createImportJob(database.db, importer, { communityCode: '110108015001', fileName: 'ledger.xlsx', format: 'xlsx' });
  let shown = 0;
  const checked = await checkImport(database, pii, importer, job.id, xlsxPath, {
    progress: (pr) => {
      if (pr.rows - shown >= 50_000) {
        shown = pr.rows;
        console.log(`  checked ${pr.rows} rows (${seconds(Date.now() - t)} s, RSS ${mb(process.memoryUsage().rss)}, heap ${mb(process.memoryUsage().heapUsed)} of ${mb(process.memoryUsage().heapTotal)})`);
      }
    },
  });
  const checkMs = Date.now() - t;
  if (checked.errorRows > 0) throw new Error(`the synthetic ledger has ${checked.errorRows} bad rows`);
  const tc = Date.now();
  const committed = await commitImport(database, importer, job.id, { onlyValid: false }, { progress: (pr) => console.log(`  commit ${pr.stepNo}/${pr.steps} ${pr.step} (${seconds(Date.now() - tc)} s)`) });
  const commitMs = Date.now() - tc;
  const importMs = Date.now() - t;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  if (committed.inserted !== rows) throw new Error(`inserted ${committed.inserted} of ${rows}`);

  // 4. The baseline: COPY of the same rows as CSV into a table of the ledger's columns.
  const client = await (database.pool as pg.Pool).connect();
  let copyMs: number;
  try {
    await client.query(`create table bench_ledger_copy (${ledgerHeader.map((_h, i) => `c${i} text`).join(', ')})`);
    const tcopy = Date.now();
    await pipeline(fs.createReadStream(csvPath), client.query(copyFrom('copy bench_ledger_copy from stdin with (format csv, header true)')));
    copyMs = Date.now() - tcopy;
    const { rows: [copied] } = await client.query<{ n: number }>('select count(*)::int as n from bench_ledger_copy');
    if (copied?.n !== rows) throw new Error(`COPY loaded ${copied?.n} rows`);
  } finally {
    client.release();
  }

  const importRate = rows / (importMs / 1000);
  const copyRate = rows / (copyMs / 1000);
  console.log('');
  console.log(`import (.xlsx → check → commit): ${seconds(importMs)} s = ${Math.round(importRate).toLocaleString('en')} rows/s  (check ${seconds(checkMs)} s at ${Math.round(rows / (checkMs / 1000)).toLocaleString('en')} rows/s, commit ${seconds(commitMs)} s)`);
  console.log(`COPY (.csv → table):             ${seconds(copyMs)} s = ${Math.round(copyRate).toLocaleString('en')} rows/s`);
  console.log(`ratio: COPY is ${(copyRate / importRate).toFixed(1)}× the import's rows/s`);
  console.log(`importer memory: RSS ${mb(rssBefore)} before, peak ${mb(rssPeak)} (+${mb(rssPeak - rssBefore)}) for a ${mb(sizes.xlsxBytes)} file of ${rows} rows`);
  console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(
    JSON.stringify({
      bench: 'registry-import',
      engine: 'postgres',
      rows,
      importMs,
      checkMs,
      commitMs,
      rowsPerSecond: Math.round(importRate),
      copyRowsPerSecond: Math.round(copyRate),
      copyRatio: Number((copyRate / importRate).toFixed(2)),
      rssPeakMB: Math.round(rssPeak / 1024 / 1024),
      loadAverage: os.loadavg()[0],
    }),
  );
} finally {
  await database.close();
  fs.rmSync(work, { recursive: true, force: true });
  await admin.end();
  if (!keep) await dropBenchDatabase(url, name);
}
