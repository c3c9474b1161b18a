// Typed calls of the audit log: search and chain verification, in the audit contract's shapes.
import type { AuditEntryView, AuditSearchQuery, AuditVerificationView } from '#server/modules/audit/contract.ts';
import { request, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';

export { auditResults, type AuditResult } from '#server/modules/audit/contract.ts';

export type AuditEntry = Json<AuditEntryView>;
export type AuditVerifyResult = AuditVerificationView;
/** The search as the page sends it: dates as ISO strings in the query. */
export type AuditQuery = Json<AuditSearchQuery>;

export const auditApi = {
  audit: (query: AuditQuery, signal?: AbortSignal) =>
    request<Paged<AuditEntry>>('GET', '/api/audit', { query: { ...query }, signal }),
  verifyAudit: () => request<AuditVerifyResult>('POST', '/api/audit/verify'),
};
