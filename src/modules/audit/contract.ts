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
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditPage = pageOf(auditEntryView);
export type AuditPage = z.infer<typeof auditPage>;

export const auditVerification = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBadId: z.number().optional(),
  reason: z.enum(['content_changed', 'chain_broken']).optional(),
});
export type AuditVerificationView = z.infer<typeof auditVerification>;
