// The reporter's contact: masked on every screen, for intake staff and leaders too, and
// shown in clear only to someone who may see the reporter, gives a reason and is audited,
// as residents' identifiers are revealed in the registry.
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { maskMobile } from '../../registry/index.ts';
import type { ReporterView } from '../contract.ts';
import { seesReporter } from '../policies.ts';
import type { CaseRow } from '../schema.ts';
import { loadVisibleCase, type CaseDeps } from './common.ts';

/** A reporter's name as screens show it: the first character only, 张* (neither the length nor a 先生/女士 ending shows). */
export function maskReporterName(name: string): string {
  const [first] = Array.from(name.trim());
  return first ? `${first}*` : '';
}

/** Whether the reader is the reporter (who sees their own contact as they gave it). */
function isReporter(actor: Actor, row: CaseRow): boolean {
  return actor.id !== null && row.reporterUserId === actor.id;
}

/** The reporter's contact: in clear only when `revealed`, else masked (张*, 138******78). */
export function presentReporter(deps: CaseDeps, row: CaseRow, revealed: boolean): ReporterView {
  const name = row.reporterName ? deps.pii.decrypt(row.reporterName) : null;
  const phone = row.reporterPhone ? deps.pii.decrypt(row.reporterPhone) : null;
  return {
    name: name === null || revealed ? name : maskReporterName(name),
    phone: phone === null || revealed ? phone : maskMobile(phone),
    userId: row.reporterUserId,
    revealed,
  };
}

/** The reporter as the case page shows it to this reader: null when hidden from them, masked unless they are the reporter. */
export function reporterFor(deps: CaseDeps, actor: Actor, row: CaseRow): ReporterView | null {
  if (!seesReporter(actor, row)) return null;
  return presentReporter(deps, row, isReporter(actor, row));
}

/**
 * Shows the reporter's contact in clear to a person who may see the reporter of this case
 * and gives a reason; the reveal is audited (with the reason) before anything is returned.
 * Anyone else is refused, and the attempt is audited too.
 */
export async function revealReporter(deps: CaseDeps, actor: Actor, caseId: string, reason: string): Promise<ReporterView> {
  const row = await loadVisibleCase(deps.db, actor, caseId);
  const target = { targetType: 'case', targetId: row.id, orgPath: row.orgPath };
  // Machine clients never see personal data in clear.
  if (actor.kind !== 'user' || !seesReporter(actor, row)) {
    await recordAudit(deps.db, actor, { action: 'case.reporter_reveal', result: 'denied', ...target, details: { number: row.number, reason: reason.slice(0, 200) } });
    throw new AppError('FORBIDDEN', { permission: 'case.reporter' });
  }
  await recordAudit(deps.db, actor, { action: 'case.reporter_reveal', ...target, details: { number: row.number, reason } });
  return presentReporter(deps, row, true);
}
