// Case intake through the HTTP API on PostgreSQL (a real listening server on 127.0.0.1),
// beside the same rows written by raw SQL in the same run: the ratio is what the API,
// validation, sessions, grid lookup, numbering, timeline and notifications cost.
//
//   DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres node --import tsx bench/cases-intake.ts
//   (BENCH_REQUESTS=3000 BENCH_CONCURRENCY=16 to change the load)
import crypto from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/platform/config.ts';
import { buildApp } from '../src/platform/http.ts';
import { queryRows } from '../src/platform/db.ts';
import { createConfiguredCipher } from '../src/app.ts';
import { modules } from '../src/modules/index.ts';
import { provisionUser } from '../src/modules/accounts/index.ts';
import { listGridPlacesUnder, seedOrgDemo } from '../src/modules/org/index.ts';
import { ensureCategories } from '../src/modules/cases/index.ts';
import { benchDatabase, ms, percentile, runBounded } from './bench-support.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const { database, drop } = await benchDatabase(CONCURRENCY + 4);
const db = database.db;
try {
  console.log(`Seeding the demo district on PostgreSQL …`);
  const org = await seedOrgDemo(db, '110108', () => undefined);
  await ensureCategories(db);
  await provisionUser(db, { username: 'bench_hotline', displayName: '热线', role: 'hotline_operator', orgCode: '110108', password: 'Bench#Pass2026' });
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
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-'));
  const config = { ...loadConfig({ GONGZHI_DATA_DIR: dataDir, GONGZHI_LOG_LEVEL: 'silent' }), loginRatePerMinute: 100_000 };
  const app = await buildApp({ ctx: { database, config, pii: createConfiguredCipher(config) }, modules, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
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
    const res = await fetch(`${base}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: body(i) });
    if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  console.log(`Warming up …`);
  await runBounded(200, CONCURRENCY, post);

  console.log(`HTTP intake: ${REQUESTS} POST /api/cases, ${CONCURRENCY} at a time`);
  const http = await runBounded(REQUESTS, CONCURRENCY, (i) => post(i + 1000));

  // The same rows by raw SQL: a case row and its first timeline entry per transaction,
  // with the same concurrency, numbers from the same counter.
  const pool = database.pool as NonNullable<typeof database.pool>;
  const [sample] = await queryRows<Record<string, unknown>>(db, sql`select * from cases order by created_at desc limit 1`);
  if (!sample) throw new Error('no sample row');
  const rawOne = async (i: number) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const id = crypto.randomUUID();
      const { rows } = await client.query<{ seq: number }>(
        `insert into case_number_counters (prefix, day, seq) values ('RAW', current_date, 1)
         on conflict (prefix, day) do update set seq = case_number_counters.seq + 1 returning seq`,
      );
      await client.query(
        `insert into cases (id, number, title, description, category_code, class_code, matter_class, urgency, source, state, tier, version, org_path,
           grid_code, community_code, street_code, district_code, lng, lat, address, reporter_name, reporter_phone, reporter_phone_hash, stage, stage_started_at,
           warn_at, red_at, deadline_at, search_vector)
         values ($1, $2, $3, $4, $5, $6, $7, 'normal', 'hotline', 'reported', 'grid', 1, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'accept', now(),
           $19, $20, $20, to_tsvector('simple', $21))`,
        [
          id, `RAW-${rows[0]?.seq}-${i}`, `基准测试案件 ${i}`, sample.description, sample.category_code, sample.class_code, sample.matter_class, sample.org_path,
          sample.grid_code, sample.community_code, sample.street_code, sample.district_code, sample.lng, sample.lat, sample.address, sample.reporter_name,
          sample.reporter_phone, sample.reporter_phone_hash, sample.warn_at, sample.deadline_at, '基准 准测 测试 试案 案件',
        ],
      );
      await client.query(
        `insert into case_timeline (case_id, version, action, to_state, to_tier, actor_id, actor_name, actor_role, org_path, at) values ($1, 1, 'report', 'reported', 'grid', 'bench', 'bench', 'hotline_operator', $2, now())`,
        [id, sample.org_path],
      );
      await client.query('commit');
    } finally {
      client.release();
    }
  };
  console.log(`Raw SQL: ${REQUESTS} transactions (counter, case, timeline), ${CONCURRENCY} at a time`);
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
  console.log('');
  console.log(`                     cases/s      p50        p99`);
  console.log(`HTTP POST /api/cases ${httpRate.toFixed(0).padStart(7)}   ${ms(percentile(http.durations, 50)).padStart(9)}  ${ms(percentile(http.durations, 99)).padStart(9)}`);
  console.log(`raw SQL (3 stmts/tx) ${rawRate.toFixed(0).padStart(7)}   ${ms(percentile(raw.durations, 50)).padStart(9)}  ${ms(percentile(raw.durations, 99)).padStart(9)}`);
  console.log(`bulk insert (1 stmt) ${rate(REQUESTS, bulkMs).toFixed(0).padStart(7)}`);
  console.log(`ratio HTTP / raw SQL: ${(httpRate / rawRate).toFixed(2)}  (engine ${database.engine}, ${os.cpus().length} cores, concurrency ${CONCURRENCY})`);
  await app.close();
} finally {
  await drop();
}
