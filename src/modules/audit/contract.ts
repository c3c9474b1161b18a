// The audit module's contract: searching and verifying the audit log.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/paging.ts';

export const auditResults = ['success', 'failure', 'denied'] as const;
export type AuditResult = (typeof auditResults)[number];

export const auditSearchQuery = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  result: z.enum(auditResults).optional(),
  targetId: z.string().max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  ...pageQuery,
});
export type AuditSearchQuery = z.infer<typeof auditSearchQuery>;

export const auditEntryView = z.object({
  id: z.number(),
  at: z.date(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  orgPath: z.string().nullable(),
  result: z.string(),
  details: z.record(z.string(), z.unknown()),
  /** The entry's place in the chain; null while it waits for the sealer (shown as unsealed). */
  seq: z.number().nullable(),
  hash: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditPage = pageOf(auditEntryView);
export type AuditPage = z.infer<typeof auditPage>;

export const auditFailures = ['content_changed', 'chain_broken', 'sequence_gap', 'truncated', 'checkpoint_mismatch', 'checkpoint_invalid'] as const;

const checkpointView = z.object({ seq: z.number(), head: z.string(), at: z.string() });

export const auditVerification = z.object({
  ok: z.boolean(),
  /** Sealed entries checked with the key. */
  checked: z.number(),
  /** Entries written after the sealer's last pass: not yet covered by the check. */
  unsealed: z.number(),
  head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
  /** The last checkpoint outside the database that the chain was checked against. */
  checkpoint: checkpointView.nullable(),
  firstBadId: z.number().optional(),
  firstBadSeq: z.number().optional(),
  reason: z.enum(auditFailures).optional(),
});
export type AuditVerificationView = z.infer<typeof auditVerification>;
