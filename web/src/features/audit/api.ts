// Typed calls of the audit log: search and chain verification. Shapes mirror the audit
// routes until their contract replaces them.
import { request, type Paged } from '../../platform/api-client.ts';

export const auditResults = ['success', 'failure', 'denied'] as const;
export type AuditResult = (typeof auditResults)[number];

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  orgPath: string | null;
  result: string;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  result?: AuditResult;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadId?: number;
  reason?: string;
}

export const auditApi = {
  audit: (query: AuditQuery, signal?: AbortSignal) =>
    request<Paged<AuditEntry>>('GET', '/api/audit', { query: { ...query }, signal }),
  verifyAudit: () => request<AuditVerifyResult>('POST', '/api/audit/verify'),
};
