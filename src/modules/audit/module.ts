// The audit module: the auditor's view of the audit log, and the chain's upkeep (sealer and
// checkpoint jobs). Recording and the chain's formula are the platform's (platform/audit.ts).
import { defineModule } from '../../platform/module.ts';
import { auditRoutes } from './routes.ts';
import { registerAuditCommands } from './cli.ts';
import { auditJobHandlers, auditRecurringJobs } from './chain.ts';

export const auditModule = defineModule({
  name: 'audit',
  permissions: ['audit.read'],
  errors: {},
  routes: [auditRoutes],
  jobs: auditJobHandlers,
  recurringJobs: auditRecurringJobs,
  cli: registerAuditCommands,
});
