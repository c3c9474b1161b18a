// Seeing identifiers in clear: asked for with a reason, allowed by registry.reveal on the
// row's part of the tree, and audited before anything is shown.
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { canAccess, hasPermission, type Actor } from '../../../platform/auth/scope.ts';
import type { RevealQuery } from '../contract.ts';
import { validationFailed } from './common.ts';

/** A request to see identifiers in clear, with the reason the user gave. */
export interface Reveal {
  reason: string;
  /** Set by a caller that has already audited this reveal as a whole (an export). */
  audited?: boolean;
}

/**
 * Turns ?reveal=true&reason=… into a Reveal, or null when the user did not ask. Asking
 * without the permission is FORBIDDEN; asking without a reason is a validation error.
 */
export async function revealRequest(db: Db, actor: Actor, query: RevealQuery): Promise<Reveal | null> {
  if (!query.reveal) return null;
  if (!hasPermission(actor, 'registry.reveal')) {
    // An attempt to see identifiers without the right is itself worth recording.
    await recordAudit(db, actor, { action: 'registry.reveal', result: 'denied', targetType: 'resident', details: { reason: query.reason?.slice(0, 200) } });
    throw new AppError('FORBIDDEN', { permission: 'registry.reveal' });
  }
  const reason = query.reason?.trim() ?? '';
  if (reason.length < 2) throw validationFailed([{ field: 'querystring.reason', message: '查看明文须填写事由 / a reason is required to reveal' }]);
  return { reason: reason.slice(0, 200) };
}

/** Whether this row's identifiers may be shown in clear for this request. */
export function mayReveal(actor: Actor, reveal: Reveal | null, orgPath: string): boolean {
  return reveal !== null && canAccess(actor, 'registry.reveal', orgPath);
}

/** Records that identifiers of these residents were shown in clear, with the reason. */
export async function auditReveal(db: Db, actor: Actor, reveal: Reveal, residentIds: string[], context: string): Promise<void> {
  if (residentIds.length === 0) return;
  await recordAudit(db, actor, {
    action: 'registry.reveal',
    targetType: 'resident',
    targetId: residentIds.length === 1 ? residentIds[0] : undefined,
    details: { reason: reveal.reason, context, count: residentIds.length, residentIds: residentIds.slice(0, 1000) },
  });
}
