import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/http.ts';
import { recordAudit, verifyAuditChain } from '../../platform/audit.ts';
import { auditPage, auditSearchQuery, auditVerification } from './contract.ts';
import { searchAudit } from './service.ts';

/** The audit log for the auditor: search and chain verification, each itself audited. */
export function auditRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.ctx.database.db;

  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], summary: 'Search the audit log (auditor)', querystring: auditSearchQuery, response: { 200: auditPage } } },
    async (req) => {
      const actor = requireActor(req, 'audit.read');
      const result = await searchAudit(db, req.query);
      await recordAudit(db, actor, { action: 'audit.search', details: { ...req.query } });
      return result;
    },
  );

  app.post(
    '/api/audit/verify',
    { schema: { tags: ['audit'], summary: 'Verify the hash chain of the audit log (auditor)', response: { 200: auditVerification } } },
    async (req) => {
      const actor = requireActor(req, 'audit.read');
      const result = await verifyAuditChain(db);
      await recordAudit(db, actor, { action: 'audit.verify', result: result.ok ? 'success' : 'failure', details: { ...result } });
      return result;
    },
  );
}
