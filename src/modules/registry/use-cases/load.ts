// One record by id, checked against the actor's scope: NOT_FOUND or OUT_OF_SCOPE otherwise.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertInScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Permission } from '../../../platform/auth/roles.ts';
import { buildings, households, houses, residents } from '../schema.ts';

export type Building = typeof buildings.$inferSelect;
export type House = typeof houses.$inferSelect;
export type Household = typeof households.$inferSelect;
export type Resident = typeof residents.$inferSelect;

type RecordPermission = Extract<Permission, 'registry.read' | 'registry.write' | 'registry.export'>;

export async function loadBuilding(db: Db, actor: Actor, id: string, permission: RecordPermission): Promise<Building> {
  const [building] = await db.select().from(buildings).where(eq(buildings.id, id));
  if (!building) throw new AppError('NOT_FOUND', { what: `楼栋 ${id}` });
  assertInScope(actor, permission, building.orgPath);
  return building;
}

/** A house with its building's name (for its address). */
export async function loadHouse(db: Db, actor: Actor, id: string, permission: RecordPermission): Promise<House & { buildingName: string }> {
  const [row] = await db.select({ house: houses, buildingName: buildings.name }).from(houses).innerJoin(buildings, eq(buildings.id, houses.buildingId)).where(eq(houses.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `房屋 ${id}` });
  assertInScope(actor, permission, row.house.orgPath);
  return { ...row.house, buildingName: row.buildingName };
}

export async function loadHousehold(db: Db, actor: Actor, id: string, permission: RecordPermission): Promise<Household> {
  const [household] = await db.select().from(households).where(eq(households.id, id));
  if (!household) throw new AppError('NOT_FOUND', { what: `户 ${id}` });
  assertInScope(actor, permission, household.orgPath);
  return household;
}

export async function loadResident(db: Db, actor: Actor, id: string, permission: RecordPermission): Promise<Resident> {
  const [resident] = await db.select().from(residents).where(eq(residents.id, id));
  if (!resident) throw new AppError('NOT_FOUND', { what: `居民 ${id}` });
  assertInScope(actor, permission, resident.orgPath);
  return resident;
}
