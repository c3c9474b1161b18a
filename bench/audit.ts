// Benchmark of audited writes on PostgreSQL: N writers at once, each writing one audit entry
// in its own transaction, in three ways against the same table in the same run:
//   raw     a plain INSERT of the entry (the floor: what any write costs)
//   locked  the chain as it was before the sealer: one advisory lock per entry, read the last
//           hash, sha256, insert (every audited write in the system queued on one lock)
//   sealed  recordAudit as now (insert only) while the sealer chains entries in batches
//           under one lock with the HMAC key; the time to seal the backlog is measured too
// Prints writes/s of each, the ratios to raw, and ends with one JSON line. Not part of `npm test`.
//
//   DATABASE_URL=postgres://gongzhi:gongzhi@localhost:5432/postgres node --import tsx bench/audit.ts [--writes N] [--concurrency C]
import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { auditKeysOf, recordAudit, sealAuditLog, verifyAuditChain } from '../src/platform/audit.ts';
import { systemActor } from '../src/platform/auth/scope.ts';
import { queryRows } from '../src/platform/db.ts';
import { benchDatabase, percentile, runBounded, ms } from './bench-support.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const writes = option('--writes', 5_000);
const concurrency = option('--concurrency', 16);

const { database, drop } = await benchDatabase(concurrency + 4);
const db = database.db;
const keys = auditKeysOf(crypto.randomBytes(32));
const details = (i: number) => ({ i, field: 'name', count: 3 });
const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`load average ${load} on ${os.cpus().length} CPUs; ${writes} writes per mode at concurrency ${concurrency}`);

try {
  // Open every pooled connection before timing, so no mode pays for the pool's start.
  await runBounded(concurrency * 4, concurrency, () => db.transaction(async (tx) => void (await tx.execute(sql`select 1`))));
  // sealed: writers only insert; a sealer runs beside them as the platform job would.
  let writing = true;
  let sealedDuringWrites = 0;
  const sealer = (async () => {
    while (writing) {
      sealedDuringWrites += await sealAuditLog(db, keys);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const sealed = await runBounded(writes, concurrency, (i) =>
    db.transaction(async (tx) => {
      await recordAudit(tx, systemActor, { action: 'bench.sealed', targetId: String(i), details: details(i) });
    }),
  );
  writing = false;
  await sealer;
  const t = performance.now();
  const backlog = await sealAuditLog(db, keys);
  const sealBacklogMs = performance.now() - t;
  const verified = await verifyAuditChain(db, keys);
  if (!verified.ok || verified.checked !== writes) throw new Error(`chain did not verify: ${JSON.stringify(verified)}`);

  const raw = await runBounded(writes, concurrency, (i) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`insert into audit_log (at, actor_name, action, target_id, result, details)
                           values (now(), 'system', 'bench.raw', ${String(i)}, 'success', ${JSON.stringify(details(i))}::jsonb)`);
    }),
  );

  // The pre-sealer pattern, statement for statement.
  const locked = await runBounded(writes, concurrency, (i) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(7262002)`);
      const [last] = await queryRows<{ hash: string | null }>(tx, sql`select hash from audit_log order by id desc limit 1`);
      const prev = last?.hash ?? '0'.repeat(64);
      const body = JSON.stringify({ action: 'bench.locked', i, at: new Date().toISOString(), details: details(i) });
      const hash = crypto.createHash('sha256').update(prev).update('\n').update(body).digest('hex');
      await tx.execute(sql`insert into audit_log (at, actor_name, action, target_id, result, details, prev_hash, hash)
                           values (now(), 'system', 'bench.locked', ${String(i)}, 'success', ${JSON.stringify(details(i))}::jsonb, ${prev}, ${hash})`);
    }),
  );

  const rate = (r: { wallMs: number }) => writes / (r.wallMs / 1000);
  const line = (name: string, r: { wallMs: number; durations: number[] }) =>
    console.log(`${name.padEnd(7)} ${rate(r).toFixed(0).padStart(6)} writes/s  p50 ${ms(percentile(r.durations, 50))}  p95 ${ms(percentile(r.durations, 95))}  (${(rate(r) / rate(raw)).toFixed(2)}× raw)`);
  line('raw', raw);
  line('locked', locked);
  line('sealed', sealed);
  console.log(`sealer: ${sealedDuringWrites} entries sealed while writing, backlog of ${backlog} sealed in ${ms(sealBacklogMs)}; chain of ${verified.checked} verified`);
  console.log(`sealed / locked: ${(rate(sealed) / rate(locked)).toFixed(2)}×`);
  console.log(JSON.stringify({
    bench: 'audit', writes, concurrency, loadAverage: load,
    rawPerSec: Math.round(rate(raw)), lockedPerSec: Math.round(rate(locked)), sealedPerSec: Math.round(rate(sealed)),
    sealedToRaw: Number((rate(sealed) / rate(raw)).toFixed(3)), lockedToRaw: Number((rate(locked) / rate(raw)).toFixed(3)),
    sealedToLocked: Number((rate(sealed) / rate(locked)).toFixed(2)), sealBacklog: backlog, sealBacklogMs: Math.round(sealBacklogMs),
  }));
} finally {
  await drop();
}
