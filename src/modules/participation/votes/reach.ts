// A grid worker holds their grid; a community's vote or meeting sits on the community. They
// take attendance and collect paper ballots for it, so records above their grant are within
// reach for reading and recording — and the units or people they touch stay inside their grid.
import { or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Permission } from '../../../platform/auth/roles.ts';
import { canAccess, coversPath, inScope, requirePermission, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import { AppError } from '../../../platform/errors.ts';

/** Whether the record at orgPath lies in the actor's scope, or above a node of it. */
export function reaches(actor: Actor, permission: Permission, orgPath: string): boolean {
  return canAccess(actor, permission, orgPath) || scopePaths(actor, permission).some((p) => coversPath(orgPath, p));
}

export function assertReaches(actor: Actor, permission: Permission, orgPath: string): void {
  requirePermission(actor, permission);
  if (!reaches(actor, permission, orgPath)) throw new AppError('OUT_OF_SCOPE', { permission });
}

/** The SQL of `reaches` for a list. */
export function reachable(actor: Actor, permission: Permission, column: AnyColumn): SQL {
  const above = scopePaths(actor, permission)
    .filter((p) => p !== '')
    .map((p) => sql`${p} like ${column} || '.%'`);
  return or(inScope(actor, permission, column), ...above)!;
}
