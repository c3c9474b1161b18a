import crypto from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import { bigint, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Db } from './db.ts';
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
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export type AuditResult = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  action: string;
  result?: AuditResult;
  targetType?: string | undefined;
  targetId?: string | undefined;
  orgPath?: string | undefined;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
// Serialises appends so each entry links to the one before it.
const AUDIT_LOCK_KEY = 7_262_002;

/** JSON with object keys sorted, so the same value always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type Hashed = Omit<typeof auditLog.$inferSelect, 'id' | 'hash' | 'prevHash'>;

function entryHash(prevHash: string, e: Hashed): string {
  const body = canonicalJson({
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
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends an entry to the hash-chained audit log. Call it inside the transaction of the
 * change it records, so the change and its record land together or not at all.
 */
export async function recordAudit(db: Db, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const row: Hashed = {
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
    };
    const prevHash = last?.hash ?? GENESIS;
    await tx.insert(auditLog).values({ ...row, prevHash, hash: entryHash(prevHash, row) });
  });
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose content or link does not match. */
  firstBadId?: number;
  reason?: 'content_changed' | 'chain_broken';
}

/** Walks the whole chain; an edited, inserted or deleted entry breaks it. */
export async function verifyAuditChain(db: Db, batchSize = 5_000): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.id} > ${lastId}`)
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { ok: false, checked, firstBadId: row.id, reason: 'chain_broken' };
      if (entryHash(prevHash, row) !== row.hash) return { ok: false, checked, firstBadId: row.id, reason: 'content_changed' };
      prevHash = row.hash;
      lastId = row.id;
      checked++;
    }
  }
}
