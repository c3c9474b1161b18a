import { recordAudit } from '../../platform/audit.ts';
import { route, routeTable } from '../../platform/route.ts';
import { auditPage, auditSearchQuery, auditVerification } from './contract.ts';
import { searchAudit } from './service.ts';
import { verifyAudit } from './chain.ts';

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
    summary: 'Verify the audit chain with its key and against the checkpoints kept outside the database (auditor)',
    access: 'audit.read',
    response: auditVerification,
    handle: async ({ actor, ctx: { database, config } }) => {
      const result = await verifyAudit(database.db, config);
      await recordAudit(database.db, actor, { action: 'audit.verify', result: result.ok ? 'success' : 'failure', details: { ...result } });
      return result;
    },
  }),
]);
