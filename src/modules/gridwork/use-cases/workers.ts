// Who the grid workers are: accounts holding a grid_worker grant, read from the platform's
// account tables (roles are the platform's; no module owns them).
import { and, eq, like, or } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { roleGrants, users } from '../../../platform/auth/schema.ts';

export interface WorkerPlace {
  id: string;
  name: string;
  gridCode: string;
  gridPath: string;
}

/** The grid workers serving grids under an org path, one row per worker and grid. */
export async function workersUnder(db: Db, orgPath: string): Promise<WorkerPlace[]> {
  const rows = await db
    .select({ id: users.id, name: users.displayName, gridPath: roleGrants.orgPath })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, 'grid_worker'), eq(users.disabled, false), or(eq(roleGrants.orgPath, orgPath), like(roleGrants.orgPath, `${orgPath}.%`))))
    .orderBy(roleGrants.orgPath, users.displayName);
  return rows.map((r) => ({ ...r, gridCode: r.gridPath.split('.').at(-1) as string }));
}

/** A user's shown name. */
export async function userName(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, id));
  return row?.name;
}
