// The audit log: append-only, and chained by a sealer. Writers only insert an entry in the
// transaction of the change it records (no lock, no hash), so audited writes do not queue
// behind one another. The sealer (sealAuditLog: a job every few seconds, and before every
// verification or checkpoint) gives committed entries their place in the chain (`seq`) and
// a keyed hash in batches under one lock:
//   hash = HMAC-SHA256(chain key, prev_hash \n seq \n canonical entry)
// The key lives outside the database (platform/keys.ts), so a database owner who edits an
// entry cannot re-hash the rest; checkpoints written outside the database (audit-anchor.ts)
// catch entries deleted from the end.
import crypto from 'node:crypto';
import { asc, gt, isNull, sql, and, isNotNull } from 'drizzle-orm';
import { bigint, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from './db.ts';
import type { Actor } from './auth/scope.ts';

export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  ip: text('ip'),
  requestId: text('request_id'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  orgPath: text('org_path'),
  result: text('result').notNull().$type<AuditResult>(),
  details: jsonb('details').notNull().$type<Record<string, unknown>>(),
  /** The entry's place in the chain; null until sealed. */
  seq: bigint('seq', { mode: 'number' }),
  prevHash: text('prev_hash'),
  hash: text('hash'),
});

export type AuditResult = 'success' | 'failure' | 'denied';
type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  action: string;
  result?: AuditResult;
  targetType?: string | undefined;
  targetId?: string | undefined;
  orgPath?: string | undefined;
  details?: Record<string, unknown>;
}

export const GENESIS = '0'.repeat(64);
// One sealer at a time, across processes.
const AUDIT_SEAL_LOCK_KEY = 7_262_002;
// HKDF labels: the chain and the checkpoints use distinct keys derived from audit.key.
const chainKeyInfo = 'gongzhi/audit/v1/chain-hmac';
const checkpointKeyInfo = 'gongzhi/audit/v1/checkpoint-hmac';

/** The keys derived from the audit master key. */
export interface AuditKeys {
  chain: Buffer;
  checkpoint: Buffer;
}

/** Derives the chain and checkpoint keys from the 32-byte audit master key. */
export function auditKeysOf(master: Buffer): AuditKeys {
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { chain: derive(chainKeyInfo), checkpoint: derive(checkpointKeyInfo) };
}

/** JSON with object keys sorted, so the same value always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The canonical text of an entry's content (what the chain protects). */
export function entryBody(e: Omit<AuditRow, 'seq' | 'hash' | 'prevHash'>): string {
  return canonicalJson({
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    ip: e.ip,
    requestId: e.requestId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    orgPath: e.orgPath,
    result: e.result,
    details: e.details,
  });
}

/** The keyed hash of the entry at `seq` that follows `prevHash`. */
export function entryHash(chainKey: Buffer, prevHash: string, seq: number, e: Omit<AuditRow, 'seq' | 'hash' | 'prevHash'>): string {
  return crypto.createHmac('sha256', chainKey).update(`${prevHash}\n${seq}\n`).update(entryBody(e)).digest('hex');
}

/**
 * Records an entry. Call it inside the transaction of the change it records, so the change
 * and its record land together or not at all; the sealer chains it later.
 */
export async function recordAudit(db: Db, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    at: new Date(),
    actorId: actor?.kind === 'user' ? actor.id : null,
    actorName: actor?.name ?? null,
    ip: actor?.ip ?? null,
    requestId: actor?.requestId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    orgPath: entry.orgPath ?? null,
    result: entry.result ?? 'success',
    details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
  });
}

/** The last sealed entry, or null when nothing is sealed yet. */
export async function auditHead(db: Db): Promise<{ seq: number; hash: string } | null> {
  const [head] = await queryRows<{ seq: string | number; hash: string }>(
    db,
    sql`select seq, hash from audit_log where seq is not null order by seq desc limit 1`,
  );
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

/** Whether any committed entry waits for the sealer (an index-only probe: audit_log_unsealed). */
export async function hasUnsealedEntries(db: Db): Promise<boolean> {
  const rows = await queryRows(db, sql`select 1 from audit_log where seq is null limit 1`);
  return rows.length > 0;
}

/**
 * Chains every committed, unsealed entry in id order, `batchSize` per transaction under
 * one advisory lock. Returns how many it sealed.
 */
export async function sealAuditLog(db: Db, keys: AuditKeys, batchSize = 2_000): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_SEAL_LOCK_KEY})`);
      const rows = await tx.select().from(auditLog).where(isNull(auditLog.seq)).orderBy(asc(auditLog.id)).limit(batchSize);
      if (rows.length === 0) return 0;
      const head = await auditHead(tx);
      let prev = head?.hash ?? GENESIS;
      let seq = head?.seq ?? 0;
      const ids: number[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        seq++;
        const hash = entryHash(keys.chain, prev, seq, row);
        ids.push(row.id);
        seqs.push(seq);
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await tx.execute(sql`
        update audit_log a set seq = v.seq, prev_hash = v.prev, hash = v.hash
          from unnest(${sql.param(ids)}::bigint[], ${sql.param(seqs)}::bigint[], ${sql.param(prevs)}::text[], ${sql.param(hashes)}::text[])
               as v(id, seq, prev, hash)
         where a.id = v.id`);
      return rows.length;
    });
    sealed += n;
    if (n < batchSize) return sealed;
  }
}

export type AuditFailure = 'content_changed' | 'chain_broken' | 'sequence_gap' | 'truncated' | 'checkpoint_mismatch' | 'checkpoint_invalid';

/** A checkpoint: the chain's head at a moment, as written outside the database. */
export interface AuditCheckpoint {
  seq: number;
  head: string;
  at: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Sealed entries checked. */
  checked: number;
  /** Entries not yet sealed (written since the sealer last ran); they are not covered. */
  unsealed: number;
  head: { seq: number; hash: string } | null;
  /** The last checkpoint the head was checked against. */
  checkpoint: AuditCheckpoint | null;
  /** The first entry whose content, link or place does not match. */
  firstBadId?: number;
  firstBadSeq?: number;
  reason?: AuditFailure;
}

/**
 * Walks the sealed chain in seq order with the key: an edited, inserted or deleted entry,
 * or one re-hashed without the key, breaks it. Then every checkpoint must match: the entry
 * at its seq exists and has its head hash (so the table cannot end before it).
 */
export async function verifyAuditChain(db: Db, keys: AuditKeys, checkpoints: readonly AuditCheckpoint[] = [], batchSize = 5_000): Promise<AuditVerification> {
  const [pending] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where seq is null`);
  const wanted = new Map<number, string[]>();
  for (const c of checkpoints) wanted.set(c.seq, [...(wanted.get(c.seq) ?? []), c.head]);
  const result: AuditVerification = { ok: true, checked: 0, unsealed: pending?.n ?? 0, head: null, checkpoint: checkpoints.at(-1) ?? null };
  const fail = (reason: AuditFailure, row?: AuditRow): AuditVerification => {
    Object.assign(result, { ok: false, reason }, row ? { firstBadId: row.id, firstBadSeq: row.seq ?? undefined } : {});
    return result;
  };
  let prev = GENESIS;
  let lastSeq = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(isNotNull(auditLog.seq), gt(auditLog.seq, lastSeq)))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = row.seq!;
      if (seq !== lastSeq + 1) return fail('sequence_gap', row);
      if (row.prevHash !== prev) return fail('chain_broken', row);
      if (entryHash(keys.chain, prev, seq, row) !== row.hash) return fail('content_changed', row);
      if (wanted.get(seq)?.some((head) => head !== row.hash)) return fail('checkpoint_mismatch', row);
      prev = row.hash;
      lastSeq = seq;
      result.checked++;
    }
  }
  result.head = lastSeq > 0 ? { seq: lastSeq, hash: prev } : null;
  const furthest = Math.max(0, ...checkpoints.map((c) => c.seq));
  if (furthest > lastSeq) return fail('truncated');
  return result;
}
