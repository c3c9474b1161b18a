import { recordAudit, verifyAuditChain } from '../../platform/audit.ts';
import { route, routeTable } from '../../platform/route.ts';
import { auditPage, auditSearchQuery, auditVerification } from './contract.ts';
import { searchAudit } from './service.ts';

/** The audit log for the auditor: search and chain verification, each itself audited. */
export const auditRoutes = routeTable('audit', [
  route({
    method: 'GET',
    url: '/api/audit',
    summary: 'Search the audit log (auditor)',
    access: 'audit.read',
    query: auditSearchQuery,
    response: auditPage,
    handle: async ({ actor, query, ctx: { database } }) => {
      const result = await searchAudit(database.db, query);
      await recordAudit(database.db, actor, { action: 'audit.search', details: { ...query } });
      return result;
    },
  }),
  route({
    method: 'POST',
    url: '/api/audit/verify',
    summary: 'Verify the hash chain of the audit log (auditor)',
    access: 'audit.read',
    response: auditVerification,
    handle: async ({ actor, ctx: { database } }) => {
      const result = await verifyAuditChain(database.db);
      await recordAudit(database.db, actor, { action: 'audit.verify', result: result.ok ? 'success' : 'failure', details: { ...result } });
      return result;
    },
  }),
]);
