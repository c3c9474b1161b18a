// The audit module: the auditor's view of the audit log. Recording and the hash chain are
// the platform's (platform/audit.ts).
import { defineModule } from '../../platform/module.ts';
import { auditRoutes } from './routes.ts';
import { registerAuditCommands } from './cli.ts';

export const auditModule = defineModule({
  name: 'audit',
  permissions: ['audit.read'],
  errors: {},
  routes: [auditRoutes],
  cli: registerAuditCommands,
});
