// Who works a centre's counter: the users holding the intake permission on the centre's node.
import { and, eq, inArray } from 'drizzle-orm';
import { roleNames, roles, type Role } from '../../../platform/auth/roles.ts';
import { roleGrants } from '../../../platform/auth/schema.ts';
import type { Db } from '../../../platform/db.ts';

const intakeRoles = roleNames.filter((r) => (roles[r].permissions as readonly string[]).includes('services.intake')) as Role[];

/** The users who take applications in at the centre with this org path. */
export async function staffOf(db: Db, orgPath: string): Promise<string[]> {
  const rows = await db.selectDistinct({ userId: roleGrants.userId }).from(roleGrants).where(and(inArray(roleGrants.role, intakeRoles), eq(roleGrants.orgPath, orgPath)));
  return rows.map((r) => r.userId);
}
