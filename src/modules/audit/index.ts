// The audit log's reading side (search, verification over HTTP and CLI). Other modules
// record through platform/audit.ts, so nothing is exported here yet.
export type { AuditEntryView, AuditPage, AuditSearchQuery } from './contract.ts';
