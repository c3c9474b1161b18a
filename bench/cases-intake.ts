// Case intake through the HTTP API on PostgreSQL (a real listening server on 127.0.0.1),
// beside the same rows written by raw SQL in the same run: the ratio is what the API,
// validation, sessions, grid lookup, numbering, timeline and notifications cost.
//
//   DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres node --import tsx bench/cases-intake.ts
//   (BENCH_REQUESTS=3000 BENCH_CONCURRENCY=16 to change the load)
// Case intake through the HTTP API on PostgreSQL: `gongzhi serve` in a child process (as in
// production), the HTTP client here in the bench's own process, beside the rows intake writes
// made by raw SQL in the same run with the same statements and locks (a number from a block of
// 100 reserved by one upsert of the day's counter row, then in one transaction the case row,
// its first timeline entry and its audit entry; then the duplicate search the answer carries).
// The ratio is what the API, validation, sessions, grid lookup and the rest cost.
//
//   DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres node --import tsx bench/cases-intake.ts
//   (BENCH_REQUESTS=3000 BENCH_CONCURRENCY=16 to change the load)
import crypto from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/platform/db.ts';
import { provisionUser } from '../src/modules/accounts/index.ts';
import { listGridPlacesUnder, seedOrgDemo } from '../src/modules/org/index.ts';
import { ensureCategories } from '../src/modules/cases/index.ts';
import { startServer } from '../test/processes.ts';
import { benchDatabase, ms, percentile, runBounded } from './bench-support.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const { database, url, drop } = await benchDatabase(CONCURRENCY + 4);
const db = database.db;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-'));
const server = await (async () => {
  console.log(`Seeding the demo district on PostgreSQL …`);
  const org = await seedOrgDemo(db, '110108', () => undefined);
  await ensureCategories(db);
  await provisionUser(db, { username: 'bench_hotline', displayName: '热线', role: 'hotline_operator', orgCode: '110108', password: 'Bench#Pass2026' });
  console.log(`Starting the server in its own process …`);
  const started = await startServer({ DATABASE_URL: url, GONGZHI_DATA_DIR: dataDir, GONGZHI_LOG_LEVEL: 'warn', GONGZHI_ADMIN_PASSWORD: 'Admin#Bench2026', GONGZHI_LOGIN_RATE_PER_MINUTE: '100000' });
  return { org, started };
})();
try {
  const { org } = server;
  const base = server.started.base;
  const places = await listGridPlacesUnder(db, org.district.orgPath);
  const box = places.length
    ? {
        min_lng: Math.min(...places.map((p) => p.minLng)),
        min_lat: Math.min(...places.map((p) => p.minLat)),
        max_lng: Math.max(...places.map((p) => p.maxLng)),
        max_lat: Math.max(...places.map((p) => p.maxLat)),
      }
    : undefined;
  if (!box) throw new Error('no grids');
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_hotline', password: 'Bench#Pass2026' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const categories = ['0501', '0601', '0701', '0402', '0801', '1001', '0203', '0302'];
  const body = (i: number) =>
    JSON.stringify({
      title: `基准测试案件 ${i}`,
      description: '小区东门垃圾桶满溢，气味很大，请尽快清运',
      categoryCode: categories[i % categories.length],
      lng: box.min_lng + Math.random() * (box.max_lng - box.min_lng),
      lat: box.min_lat + Math.random() * (box.max_lat - box.min_lat),
      address: '翠微路2号院东门',
      reporter: { name: '王女士', phone: `138${String(10_000_000 + i).slice(-8)}` },
      attributes: categories[i % categories.length] === '0801' ? { trapped: 'no' } : undefined,
    });
  const post = async (i: number) => {
    const res = await fetch(`${base}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: base }, body: body(i) });
    if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  console.log(`Warming up …`);
  await runBounded(200, CONCURRENCY, post);

  console.log(`HTTP intake: ${REQUESTS} POST /api/cases, ${CONCURRENCY} at a time`);
  const http = await runBounded(REQUESTS, CONCURRENCY, (i) => post(i + 1000));

  // The same rows by raw SQL, with the app's statements and locks: a number from a block of
  // 100 (one upsert of the counter row per block), then case, timeline and audit entry in one
  // transaction, then the duplicate search.
  const pool = database.pool as NonNullable<typeof database.pool>;
  const [sample] = await queryRows<Record<string, unknown>>(db, sql`select * from cases order by created_at desc limit 1`);
  if (!sample) throw new Error('no sample row');
  const block = { next: 1, last: 0, reserving: undefined as Promise<void> | undefined };
  const rawNumber = async (): Promise<number> => {
    while (block.next > block.last) {
      block.reserving ??= pool
        .query<{ seq: number }>(`insert into case_number_counters (prefix, day, seq) values ('RAW', current_date, 100)
           on conflict (prefix, day) do update set seq = case_number_counters.seq + 100 returning seq`)
        .then(({ rows }) => {
          const last = Number(rows[0]?.seq);
          Object.assign(block, { next: last - 99, last, reserving: undefined });
        });
      await block.reserving;
    }
    return block.next++;
  };
  const rawOne = async (i: number) => {
    const seq = await rawNumber();
    const client = await pool.connect();
    const id = crypto.randomUUID();
    try {
      await client.query('begin');
      await client.query(
        `insert into cases (id, number, title, description, category_code, class_code, matter_class, urgency, source, state, tier, version, org_path,
           grid_code, community_code, street_code, district_code, lng, lat, address, reporter_name, reporter_phone, reporter_phone_hash, stage, stage_started_at,
           warn_at, red_at, deadline_at, search_vector, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'normal', 'hotline', 'reported', 'grid', 1, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'accept', now(),
           $19, $20, $20, to_tsvector('simple', $21), $22, now(), now()) returning *`,
        [
          id, `RAW${String(seq).padStart(6, '0')}`, `基准测试案件 ${i}`, sample.description, sample.category_code, sample.class_code, sample.matter_class, sample.org_path,
          sample.grid_code, sample.community_code, sample.street_code, sample.district_code, sample.lng, sample.lat, sample.address, sample.reporter_name,
          sample.reporter_phone, sample.reporter_phone_hash, sample.warn_at, sample.deadline_at, '基准 准测 测试 试案 案件', sample.created_by,
        ],
      );
      await client.query(
        `insert into case_timeline (case_id, version, action, to_state, to_tier, actor_id, actor_name, actor_role, actor_unit, org_path, at, details)
         values ($1, 1, 'report', 'reported', 'grid', $2, '热线', 'hotline_operator', '110108', $3, now(), '{"source":"hotline","matterClass":"government"}')`,
        [id, sample.created_by, sample.org_path],
      );
      await client.query(
        `insert into audit_log (at, actor_id, actor_name, ip, request_id, action, target_type, target_id, org_path, result, details)
         values (now(), $1, 'bench_hotline', '127.0.0.1', $2, 'case.report', 'case', $3, $4, 'success', $5)`,
        [sample.created_by, crypto.randomUUID(), id, sample.org_path, JSON.stringify({ number: `RAW${seq}`, version: 1, toState: 'reported', source: 'hotline', categoryCode: sample.category_code, matterClass: sample.matter_class })],
      );
      await client.query('commit');
      await client.query(
        `select id, number, title, state, address, created_at from cases
         where category_code = $1 and state = any($2) and created_at >= now() - interval '7 days' and lat between $3 - 0.001 and $3 + 0.001 and lng between $4 - 0.001 and $4 + 0.001
           and id <> $5 and org_path like '110000.110100.110108%' order by abs(lat - $3) + abs(lng - $4) limit 10`,
        [sample.category_code, ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled'], sample.lat, sample.lng, id],
      );
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  console.log(`Raw SQL: ${REQUESTS} intakes (number block, case + timeline + audit in one transaction, duplicate search), ${CONCURRENCY} at a time`);
  const raw = await runBounded(REQUESTS, CONCURRENCY, rawOne);

  // The floor: the same number of rows in one bulk statement.
  const bulkStart = performance.now();
  await db.execute(sql`insert into cases (number, title, description, category_code, class_code, matter_class, urgency, source, state, tier, org_path, address)
    select 'BULK-' || g, '基准测试案件', 'x', ${sample.category_code}, ${sample.class_code}, 'government', 'normal', 'hotline', 'reported', 'grid', ${sample.org_path}, ''
    from generate_series(1, ${REQUESTS}) g`);
  const bulkMs = performance.now() - bulkStart;

  const rate = (n: number, wall: number) => (n / wall) * 1000;
  const httpRate = rate(REQUESTS, http.wallMs);
  const rawRate = rate(REQUESTS, raw.wallMs);
  const ratio = httpRate / rawRate;
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log('');
  console.log(`                       cases/s      p50        p99`);
  console.log(`HTTP POST /api/cases   ${httpRate.toFixed(0).padStart(7)}   ${ms(percentile(http.durations, 50)).padStart(9)}  ${ms(percentile(http.durations, 99)).padStart(9)}`);
  console.log(`raw SQL (same writes)  ${rawRate.toFixed(0).padStart(7)}   ${ms(percentile(raw.durations, 50)).padStart(9)}  ${ms(percentile(raw.durations, 99)).padStart(9)}`);
  console.log(`bulk insert (1 stmt)   ${rate(REQUESTS, bulkMs).toFixed(0).padStart(7)}`);
  console.log(`ratio HTTP / raw SQL: ${ratio.toFixed(2)} (target ≥ 0.6; engine ${database.engine}, ${os.cpus().length} cores, concurrency ${CONCURRENCY})`);
  console.log(`uptime: load average ${load.join(', ')}`);
  console.log(
    JSON.stringify({
      bench: 'cases-intake', requests: REQUESTS, concurrency: CONCURRENCY, httpPerSecond: Math.round(httpRate), rawPerSecond: Math.round(rawRate),
      ratio: Math.round(ratio * 100) / 100, met: ratio >= 0.6, httpP50: percentile(http.durations, 50), httpP99: percentile(http.durations, 99),
      rawP50: percentile(raw.durations, 50), rawP99: percentile(raw.durations, 99), loadavg: os.loadavg(),
    }),
  );
} finally {
  await server.started.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await drop();
}
