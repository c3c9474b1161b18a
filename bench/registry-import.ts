// Benchmark of the ledger import: N rows (default 200,000) from an
// .xlsx file into PostgreSQL through the real import path (streaming check, COPY staging, one-
// transaction commit), against two baselines measured in the same run: PostgreSQL COPY of the
// same rows as CSV into a table of text columns, and the floor of the commit — the rows the
// import must write (buildings, houses, households, residents with their history, heads)
// written by raw SQL from that table into the real tables, with their indexes and foreign
// keys, in one transaction that is then rolled back. Prints rows/s of each, the ratios, and the
// importer's peak memory (RSS sampled every 20 ms), and a last line of JSON. Not part of `npm test`.
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

  // 3. The baselines, before the import so that they find the tables as it does (empty).
  const client = await (database.pool as pg.Pool).connect();
  let copyMs: number;
  let floorMs: number;
  try {
    await client.query(`create table bench_ledger_copy (${ledgerHeader.map((_h, i) => `c${i} text`).join(', ')})`);
    const tcopy = Date.now();
    await pipeline(fs.createReadStream(csvPath), client.query(copyFrom('copy bench_ledger_copy from stdin with (format csv, header true)')));
    copyMs = Date.now() - tcopy;
    const { rows: [copied] } = await client.query<{ n: number }>('select count(*)::int as n from bench_ledger_copy');
    if (copied?.n !== rows) throw new Error(`COPY loaded ${copied?.n} rows`);
    floorMs = await commitFloor(client, rows);
  } finally {
    client.release();
  }

  // 4. The real import path, with RSS sampled throughout.
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

  const importRate = rows / (importMs / 1000);
  const copyRate = rows / (copyMs / 1000);
  const floorRate = rows / (floorMs / 1000);
  const rate = (r: number) => `${Math.round(r).toLocaleString('en')} rows/s`;
  console.log('');
  console.log(`import (.xlsx → check → commit): ${seconds(importMs)} s = ${rate(importRate)}  (check ${seconds(checkMs)} s at ${rate(rows / (checkMs / 1000))}, commit ${seconds(commitMs)} s)`);
  console.log(`COPY (.csv → text table):        ${seconds(copyMs)} s = ${rate(copyRate)}`);
  console.log(`commit floor (raw SQL writes):   ${seconds(floorMs)} s = ${rate(floorRate)}`);
  console.log(`ratios: COPY is ${(copyRate / importRate).toFixed(1)}× the import's rows/s; the import is ${(importRate / floorRate).toFixed(2)}× the floor's, its commit ${(floorMs / commitMs).toFixed(2)}× the floor's speed`);
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
      floorMs,
      floorRowsPerSecond: Math.round(floorRate),
      commitToFloor: Number((floorMs / commitMs).toFixed(2)),
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

/**
 * The least the commit must write, by raw SQL from the COPY'd ledger into the real tables (their
 * indexes, constraints and foreign keys), as the commit's steps do it but with nothing to
 * decide: places, residents with their first history line in one statement, heads. Encrypted
 * and hashed identifiers are stood in for by digests of the same length; rolled back, then the
 * tables vacuumed, so that the import finds them as before.
 */
async function commitFloor(client: pg.PoolClient, rows: number): Promise<number> {
  const community = '110108015001';
  const started = Date.now();
  let mark = started;
  const laps: string[] = [];
  const lap = (what: string) => {
    laps.push(`${what} ${seconds(Date.now() - mark)} s`);
    mark = Date.now();
  };
  await client.query('begin');
  try {
    await client.query(`set local work_mem = '64MB'`);
    await client.query(`
      insert into buildings (community_code, grid_code, org_path, name, address, search)
      select distinct on (c0) $1, g.code, g.org_path, c0, c0, to_tsvector('simple', c0) from bench_ledger_copy, grids g where g.community_code = $1`, [community]);
    await client.query(`
      insert into houses (building_id, grid_code, org_path, unit, number, tenure)
      select distinct on (b.id, l.c1, l.c2) b.id, b.grid_code, b.org_path, l.c1, l.c2, 'owner_occupied'
        from bench_ledger_copy l join buildings b on b.community_code = $1 and b.name = l.c0`, [community]);
    await client.query(`insert into households (house_id, grid_code, org_path, number) select id, grid_code, org_path, '1' from houses`);
    await client.query('analyze buildings, houses, households');
    lap('places');
    const people = await client.query(`
      with ins as (
        insert into residents (grid_code, org_path, house_id, household_id, relation, name, name_pinyin, name_initials, gender, birth_date,
                               id_number_enc, id_number_hash, phone_enc, phone_hash, ethnicity, residence_type, arrived_on, employer,
                               education, political_status, search)
        select b.grid_code, b.org_path, h.id, hh.id, case l.c3 when '户主' then 'head' when '配偶' then 'spouse' else 'child' end,
               l.c4, l.c4, l.c4, case l.c5 when '男' then 'male' else 'female' end, l.c6::date,
               encode(sha384(convert_to(l.c7, 'UTF8')), 'base64'), encode(sha256(convert_to(l.c7, 'UTF8')), 'hex'),
               case when l.c8 <> '' then encode(sha384(convert_to(l.c8, 'UTF8')), 'base64') end,
               case when l.c8 <> '' then encode(sha256(convert_to(l.c8, 'UTF8')), 'hex') end,
               nullif(l.c9, ''), case l.c10 when '流动人口' then 'migrant' else 'local' end, nullif(l.c11, '')::date, nullif(l.c12, ''),
               nullif(l.c13, ''), nullif(l.c14, ''), to_tsvector('simple', l.c4)
          from bench_ledger_copy l
          join buildings b on b.community_code = $1 and b.name = l.c0
          join houses h on h.building_id = b.id and h.unit = l.c1 and h.number = l.c2
          join households hh on hh.house_id = h.id
        on conflict (id_number_hash) do nothing
        returning id, house_id, household_id, relation, org_path)
      insert into residence_history (resident_id, house_id, household_id, relation, org_path, moved_in_on, reason)
      select id, house_id, household_id, relation, org_path, current_date, '台账导入' from ins`, [community]);
    if (people.rowCount !== rows) throw new Error(`the floor wrote ${people.rowCount} of ${rows} residents`);
    lap('residents and history');
    await client.query('analyze residents');
    await client.query(`update households hh set head_resident_id = r.id from residents r where r.household_id = hh.id and r.relation = 'head'`);
    lap('heads');
  } finally {
    await client.query('rollback');
  }
  const ms = Date.now() - started;
  console.log(`commit floor: ${laps.join(', ')}`);
  await client.query('vacuum analyze buildings, houses, households, residents, residence_history');
  return ms;
}
