// The two-person rule for the administrators' accounts (三权分立): nobody resets, unlocks,
// disables or changes the roles of an account holding an administrator's role, or makes an
// administrator, alone. One administrator asks (admin-change-requests.ts) and another
// security administrator approves; the CLI (the server's operator) is the break-glass path.
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { roleGrants } from '../../platform/auth/schema.ts';
import { isAdminTrioRole, isRole, type Role } from '../../platform/auth/roles.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import type { AdminChangeAction } from './contract.ts';


/** Whether the account holds one of the three administrators' roles. */
export async function holdsAdminRole(db: Db, userId: string): Promise<boolean> {
  const rows = await db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, userId));
  return rows.some((r) => isRole(r.role) && isAdminTrioRole(r.role));
}

/** Whether this change needs a second person: its account is an administrator's, or it makes one. */
export async function needsSecondPerson(db: Db, userId: string, grantedRole?: Role): Promise<boolean> {
  return (grantedRole !== undefined && isAdminTrioRole(grantedRole)) || (await holdsAdminRole(db, userId));
}

/** Refuses (TWO_PERSON_RULE, audited) a person's direct change that needs a second person. */
export async function refuseDirectAdminChange(db: Db, actor: Actor, userId: string, action: AdminChangeAction, grantedRole?: Role): Promise<void> {
  if (actor.kind === 'system') return;
  if (!(await needsSecondPerson(db, userId, grantedRole))) return;
  await recordAudit(db, actor, { action: `user.change.${action}`, result: 'denied', targetType: 'user', targetId: userId, details: { reason: 'two_person_rule', ...(grantedRole ? { role: grantedRole } : {}) } });
  throw new AppError('TWO_PERSON_RULE', { action });
}
