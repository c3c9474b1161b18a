// Grid rosters (一格三员 and more): who serves each grid, and the public real-name roster.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { assertInScope, type Actor } from '../../platform/auth/scope.ts';
import { grids, gridStaff, orgNodes } from './schema.ts';
import { getGrid } from './grids.ts';
import type { AddGridStaffInput, GridStaffMemberView, PublicRoster } from './contract.ts';

/** The people serving a grid (staff view, with linked accounts). */
export async function listGridStaff(db: Db, actor: Actor, gridCode: string): Promise<GridStaffMemberView[]> {
  await getGrid(db, actor, gridCode);
  return db.select().from(gridStaff).where(eq(gridStaff.gridCode, gridCode)).orderBy(asc(gridStaff.sort), asc(gridStaff.createdAt));
}

/** Adds a person to a grid's roster. */
export async function addGridStaff(db: Db, actor: Actor, gridCode: string, input: AddGridStaffInput): Promise<GridStaffMemberView> {
  const grid = await getGrid(db, actor, gridCode);
  assertInScope(actor, 'grid.roster.write', grid.orgPath);
  return db.transaction(async (tx) => {
    const [member] = await tx
      .insert(gridStaff)
      .values({ gridCode, orgPath: grid.orgPath, name: input.name, duty: input.duty, phone: input.phone ?? null, userId: input.userId ?? null, sort: input.sort ?? 0 })
      .returning();
    await recordAudit(tx, actor, { action: 'org.roster.add', targetType: 'grid', targetId: gridCode, orgPath: grid.orgPath, details: { name: input.name, duty: input.duty } });
    return member as GridStaffMemberView;
  });
}

/** Removes a person from a grid's roster. */
export async function removeGridStaff(db: Db, actor: Actor, id: string): Promise<void> {
  const [member] = await db.select().from(gridStaff).where(eq(gridStaff.id, id));
  if (!member) throw new AppError('NOT_FOUND', { what: id });
  assertInScope(actor, 'grid.roster.write', member.orgPath);
  await db.transaction(async (tx) => {
    await tx.delete(gridStaff).where(eq(gridStaff.id, id));
    await recordAudit(tx, actor, { action: 'org.roster.remove', targetType: 'grid', targetId: member.gridCode, orgPath: member.orgPath, details: { name: member.name } });
  });
}

/** The public real-name roster of a grid (实名制公示): names, duties and work phones only. */
export async function publicRoster(db: Db, gridCode: string): Promise<PublicRoster> {
  const [grid] = await db
    .select({ code: grids.code, name: grids.name, kind: grids.kind, communityName: orgNodes.name })
    .from(grids)
    .innerJoin(orgNodes, eq(orgNodes.code, grids.communityCode))
    .where(eq(grids.code, gridCode));
  if (!grid) throw new AppError('NOT_FOUND', { what: gridCode });
  const staff = await db
    .select({ name: gridStaff.name, duty: gridStaff.duty, phone: gridStaff.phone })
    .from(gridStaff)
    .where(eq(gridStaff.gridCode, gridCode))
    .orderBy(asc(gridStaff.sort), asc(gridStaff.createdAt));
  return { ...grid, staff };
}
