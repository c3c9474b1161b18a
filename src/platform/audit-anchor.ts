// Checkpoints of the audit chain, kept OUTSIDE the database: an append-only file of signed
// lines (sequence, head hash, time, HMAC under a key derived from audit.key). Someone who
// can rewrite the database but not this file cannot delete entries from the chain's end
// unnoticed: verification requires every checkpointed entry to exist with its head hash.
// One file per chain, named by the chain's first hash, so databases never share one.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './db.ts';
import { canonicalJson, type AuditCheckpoint, type AuditKeys } from './audit.ts';

const formatVersion = 1;

/** The chain's identity: its first entry's keyed hash (null while nothing is sealed). */
export async function auditChainId(db: Db): Promise<string | null> {
  const [first] = await queryRows<{ hash: string }>(db, sql`select hash from audit_log where seq = 1`);
  return first ? first.hash.slice(0, 32) : null;
}

function anchorFile(dir: string, chainId: string): string {
  return path.join(dir, `audit-chain-${chainId}.jsonl`);
}

function checkpointMac(keys: AuditKeys, chainId: string, c: AuditCheckpoint): string {
  const body = canonicalJson({ v: formatVersion, chain: chainId, seq: c.seq, head: c.head, at: c.at });
  return crypto.createHmac('sha256', keys.checkpoint).update(body).digest('hex');
}

/** The chain's checkpoints, oldest first; `invalid` is set when a line is malformed or its signature does not match. */
export function readCheckpoints(dir: string, keys: AuditKeys, chainId: string): { checkpoints: AuditCheckpoint[]; invalid: boolean } {
  let text: string;
  try {
    text = fs.readFileSync(anchorFile(dir, chainId), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], invalid: false };
    throw error;
  }
  const checkpoints: AuditCheckpoint[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = JSON.parse(line) as { v: number; chain: string; seq: number; head: string; at: string; mac: string };
      const c: AuditCheckpoint = { seq: parsed.seq, head: parsed.head, at: parsed.at };
      const expected = checkpointMac(keys, chainId, c);
      if (parsed.v !== formatVersion || parsed.chain !== chainId || typeof parsed.mac !== 'string' || parsed.mac.length !== expected.length
        || !crypto.timingSafeEqual(Buffer.from(parsed.mac), Buffer.from(expected))) {
        return { checkpoints, invalid: true };
      }
      checkpoints.push(c);
    } catch {
      return { checkpoints, invalid: true };
    }
  }
  return { checkpoints, invalid: false };
}

/** Appends a signed checkpoint and forces it to disk. */
export function appendCheckpoint(dir: string, keys: AuditKeys, chainId: string, c: AuditCheckpoint): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const line = `${JSON.stringify({ v: formatVersion, chain: chainId, seq: c.seq, head: c.head, at: c.at, mac: checkpointMac(keys, chainId, c) })}\n`;
  const fd = fs.openSync(anchorFile(dir, chainId), 'a', 0o600);
  try {
    fs.writeSync(fd, line);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
