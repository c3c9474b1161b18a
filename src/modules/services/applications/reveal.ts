// An applicant's ID number and phone in clear, for staff allowed to reveal on the centre's
// part of the tree, with a reason; every reveal is audited (as the registry's).
import { recordAudit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { canAccess, hasPermission } from '../../../platform/auth/scope.ts';
import { loadVisible, type ServiceDeps } from './common.ts';

/** The applicant in clear, with the reason recorded. */
export async function revealApplicant(deps: ServiceDeps, actor: Actor, number: string, reason: string) {
  const row = await loadVisible(deps.db, actor, number);
  if (!canAccess(actor, 'services.reveal', row.orgPath)) throw new AppError(hasPermission(actor, 'services.reveal') ? 'OUT_OF_SCOPE' : 'FORBIDDEN', { permission: 'services.reveal' });
  await recordAudit(deps.db, actor, { action: 'services.applicant.reveal', targetType: 'service_application', targetId: number, orgPath: row.orgPath, details: { reason, fields: ['idNumber', 'phone'] } });
  return { name: row.applicantName, idNumber: deps.pii.decrypt(row.idNumberEnc), phone: deps.pii.decrypt(row.phoneEnc), revealed: true, residentId: row.residentId };
}
