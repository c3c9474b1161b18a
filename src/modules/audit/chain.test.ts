import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asc, gt, sql } from 'drizzle-orm';
import { createTestDatabase, testConfig } from '../../../test/helpers.ts';
import { auditLog, canonicalJson, entryBody, recordAudit, sealAuditLog } from '../../platform/audit.ts';
import { systemActor } from '../../platform/auth/scope.ts';
import { queryRows, type Db } from '../../platform/db.ts';
import { auditKeys, checkpointAudit, verifyAudit } from './chain.ts';

const database = await createTestDatabase();
const db = database.db;
const config = testConfig();
afterAll(() => database.close());

async function fill(target: Db, n: number, from = 0) {
  for (let i = from; i < from + n; i++) {
    await recordAudit(target, systemActor, { action: 'test.write', targetId: String(i), details: { i, nested: { b: 2, a: [1, 'x'] } } });
  }
}

/** What a database owner can do without the key: turn the guard off and run SQL. */
async function asOwner(target: Db, fn: () => Promise<unknown>) {
  await target.execute(sql`alter table audit_log disable trigger audit_log_no_change`);
  try {
    await fn();
  } finally {
    await target.execute(sql`alter table audit_log enable trigger audit_log_no_change`);
  }
}

/** Re-hashes every entry from `fromSeq` on with the public formula (sha256, no key), keeping the links consistent. */
async function rehashWithoutKey(target: Db, fromSeq: number) {
  const rows = await target.select().from(auditLog).where(gt(auditLog.seq, fromSeq - 1)).orderBy(asc(auditLog.seq));
  const [before] = await target.select().from(auditLog).where(sql`seq = ${fromSeq - 1}`);
  let prev = before?.hash ?? '0'.repeat(64);
  for (const row of rows) {
    const hash = crypto.createHash('sha256').update(`${prev}\n${row.seq}\n`).update(entryBody(row)).digest('hex');
    await target.execute(sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`);
    prev = hash;
  }
}

/** Runs fn on a database and configuration (key, anchors) of its own. */
async function onFreshChain(fn: (target: Db, cfg: ReturnType<typeof testConfig>) => Promise<void>) {
  const other = await createTestDatabase();
  try {
    await fn(other.db, testConfig());
  } finally {
    await other.close();
  }
}

describe('audit log', () => {
  it('sorts keys so jsonb round-trips hash the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('leaves new entries unsealed until the sealer chains them, then verifies the chain', async () => {
    await fill(db, 5);
    const pending = await db.select().from(auditLog);
    expect(pending.every((r) => r.seq === null && r.hash === null)).toBe(true);
    expect(await sealAuditLog(db, auditKeys(config))).toBe(5);
    await fill(db, 2, 5);
    const [unsealed] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where seq is null`);
    expect(unsealed?.n).toBe(2);
    const result = await verifyAudit(db, config);
    // verify seals first, so the two new entries are covered too.
    expect(result).toMatchObject({ ok: true, checked: 7, unsealed: 0, head: { seq: 7 } });
  });

  it('refuses updates and deletes through the database, and a seal that changes content', async () => {
    await expect(db.execute(sql`update audit_log set action = 'x' where id = 1`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log where id = 1`)).rejects.toThrow();
    await recordAudit(db, systemActor, { action: 'test.write', details: {} });
    await expect(db.execute(sql`update audit_log set seq = 999, prev_hash = 'a', hash = 'b', action = 'forged' where seq is null`)).rejects.toThrow();
  });

  it('writes checkpoints outside the database, only when the head moved', async () => {
    const first = await checkpointAudit(db, config);
    expect(first?.seq).toBe(8);
    expect(await checkpointAudit(db, config)).toEqual(first);
    const files = fs.readdirSync(config.auditAnchorDir);
    expect(files).toHaveLength(1);
    expect(config.auditAnchorDir.startsWith(path.dirname(config.dataDir))).toBe(true);
    expect(config.auditAnchorDir.startsWith(config.dataDir + path.sep)).toBe(false);
  });

  it('detects an entry edited and the rest re-hashed with the public formula', async () => {
    await onFreshChain(async (target, cfg) => {
      await fill(target, 6);
      expect((await verifyAudit(target, cfg)).ok).toBe(true);
      await asOwner(target, async () => {
        await target.execute(sql`update audit_log set details = '{"i": 99}' where seq = 3`);
        await rehashWithoutKey(target, 3);
      });
      expect(await verifyAudit(target, cfg)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'content_changed', checked: 2 });
    });
  });

  it('detects entries deleted from the end against the last checkpoint', async () => {
    await onFreshChain(async (target, cfg) => {
      await fill(target, 6);
      await checkpointAudit(target, cfg);
      await asOwner(target, () => target.execute(sql`delete from audit_log where seq >= 5`));
      expect(await verifyAudit(target, cfg)).toMatchObject({ ok: false, reason: 'truncated', checked: 4, checkpoint: { seq: 6 } });
    });
  });

  it('detects a deleted entry in the middle, and a forged checkpoint file', async () => {
    await onFreshChain(async (target, cfg) => {
      await fill(target, 4);
      await checkpointAudit(target, cfg);
      const [file] = fs.readdirSync(cfg.auditAnchorDir);
      const anchor = path.join(cfg.auditAnchorDir, file!);
      const line = JSON.parse(fs.readFileSync(anchor, 'utf8').trim()) as Record<string, unknown>;
      fs.appendFileSync(anchor, `${JSON.stringify({ ...line, seq: 2 })}\n`);
      expect(await verifyAudit(target, cfg)).toMatchObject({ ok: false, reason: 'checkpoint_invalid' });
      fs.writeFileSync(anchor, `${JSON.stringify(line)}\n`);
      await asOwner(target, () => target.execute(sql`delete from audit_log where seq = 2`));
      expect(await verifyAudit(target, cfg)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'sequence_gap' });
    });
  });

  it('fails without the right key', async () => {
    const wrongKey = testConfig({ auditKey: crypto.randomBytes(32).toString('base64') });
    expect(await verifyAudit(db, wrongKey)).toMatchObject({ ok: false, firstBadSeq: 1, reason: 'content_changed' });
  });

  it('loses nothing when many writers and sealers run at once', async () => {
    await onFreshChain(async (target, cfg) => {
      const writers = Array.from({ length: 200 }, (_, i) =>
        target.transaction(async (tx) => {
          await recordAudit(tx, systemActor, { action: 'test.concurrent', details: { i } });
        }),
      );
      const sealers = Array.from({ length: 5 }, () => sealAuditLog(target, auditKeys(cfg), 17));
      await Promise.all([...writers, ...sealers]);
      const result = await verifyAudit(target, cfg);
      expect(result).toMatchObject({ ok: true, checked: 200, unsealed: 0, head: { seq: 200 } });
      const [distinct] = await queryRows<{ n: number }>(target, sql`select count(distinct (details->>'i'))::int as n from audit_log`);
      expect(distinct?.n).toBe(200);
    });
  });
});
