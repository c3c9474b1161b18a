// The audit chain's upkeep with the configured key and anchor directory: sealing (a job
// every few seconds), checkpoints outside the database (a job every minute, and after each
// successful verification) and verification against them (HTTP and CLI).
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db.ts';
import { auditHead, auditKeysOf, hasUnsealedEntries, sealAuditLog, verifyAuditChain, type AuditCheckpoint, type AuditKeys, type AuditVerification } from '../../platform/audit.ts';
import { appendCheckpoint, auditChainId, readCheckpoints } from '../../platform/audit-anchor.ts';
import { loadAuditKey } from '../../platform/keys.ts';
import type { JobHandler, RecurringJob } from '../../platform/jobs.ts';

type AuditConfig = Pick<Config, 'auditKey' | 'keysDir' | 'auditAnchorDir'>;

/** The chain and checkpoint keys for a configuration. */
export function auditKeys(config: AuditConfig): AuditKeys {
  return auditKeysOf(loadAuditKey(config));
}

/** Seals every committed entry not yet in the chain; returns how many. */
export function sealAudit(db: Db, config: AuditConfig): Promise<number> {
  return sealAuditLog(db, auditKeys(config));
}

/** Seals, then writes a checkpoint of the head unless the last one already has it. */
export async function checkpointAudit(db: Db, config: AuditConfig): Promise<AuditCheckpoint | null> {
  const keys = auditKeys(config);
  await sealAuditLog(db, keys);
  const head = await auditHead(db);
  const chainId = await auditChainId(db);
  if (!head || !chainId) return null;
  const last = readCheckpoints(config.auditAnchorDir, keys, chainId).checkpoints.at(-1);
  if (last && last.seq === head.seq) return last;
  const checkpoint = { seq: head.seq, head: head.hash, at: new Date().toISOString() };
  appendCheckpoint(config.auditAnchorDir, keys, chainId, checkpoint);
  return checkpoint;
}

/**
 * Seals, verifies the chain with the key and against every checkpoint, and on success
 * anchors the verified head.
 */
export async function verifyAudit(db: Db, config: AuditConfig): Promise<AuditVerification> {
  const keys = auditKeys(config);
  await sealAuditLog(db, keys);
  const chainId = await auditChainId(db);
  const anchors = chainId ? readCheckpoints(config.auditAnchorDir, keys, chainId) : { checkpoints: [], invalid: false };
  const result = await verifyAuditChain(db, keys, anchors.checkpoints);
  if (result.ok && anchors.invalid) return { ...result, ok: false, reason: 'checkpoint_invalid' };
  if (result.ok) await checkpointAudit(db, config);
  return result;
}

export const auditJobHandlers: Record<string, JobHandler> = {
  'audit.seal': async (_job, { ctx }) => {
    await sealAudit(ctx.database.db, ctx.config);
  },
  'audit.checkpoint': async (_job, { ctx }) => {
    await checkpointAudit(ctx.database.db, ctx.config);
  },
};

export const auditRecurringJobs: RecurringJob[] = [
  // Idle periods (nothing written since the last seal) are skipped: no job row each 5 s.
  { kind: 'audit.seal', everyMs: 5_000, due: hasUnsealedEntries },
  { kind: 'audit.checkpoint', everyMs: 60_000 },
];
