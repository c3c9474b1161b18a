// Where a person is registered or moves to: a household, a house (as head of a new
// household) or only a grid; and the residence history lines that record it.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertInScope, canAccess, type Actor } from '../../../platform/auth/scope.ts';
import type { CreateResidentBody, Relation } from '../contract.ts';
import { households, residenceHistory, residents } from '../schema.ts';
import { requireGrid, validationFailed } from './common.ts';
import { nextHouseholdNumber } from './households.ts';
import { loadHouse, loadHousehold, type House, type Resident } from './load.ts';

/** Where to place a person: a household, a house (heading a new household) or a grid. */
export type Placement = Pick<CreateResidentBody, 'householdId' | 'houseId' | 'gridCode' | 'relation'>;

/** REGISTRY_DUPLICATE_PERSON when someone else already has this ID number. */
export async function duplicateOf(db: Db, actor: Actor, idHash: string, exceptId?: string): Promise<void> {
  const [existing] = await db.select({ id: residents.id, orgPath: residents.orgPath }).from(residents).where(eq(residents.idNumberHash, idHash));
  if (existing && existing.id !== exceptId) {
    // Say where the record is only to someone who may see it.
    throw new AppError('REGISTRY_DUPLICATE_PERSON', canAccess(actor, 'registry.read', existing.orgPath) ? { residentId: existing.id } : {});
  }
}

export interface Target {
  gridCode: string;
  orgPath: string;
  houseId: string | null;
  householdId: string | null;
  relation: Relation | null;
  /** A new household to create in this house, with the person as head. */
  newHouseholdIn?: House | undefined;
}

/** Checks where a person is to be placed, in the actor's scope. */
export async function resolvePlacement(db: Db, actor: Actor, placement: Placement): Promise<Target> {
  if (placement.householdId) {
    const household = await loadHousehold(db, actor, placement.householdId, 'registry.write');
    const relation = placement.relation ?? 'other';
    if (relation === 'head' && household.headResidentId) throw validationFailed([{ field: 'body.relation', message: '该户已有户主' }]);
    return { gridCode: household.gridCode, orgPath: household.orgPath, houseId: household.houseId, householdId: household.id, relation };
  }
  if (placement.houseId) {
    const house = await loadHouse(db, actor, placement.houseId, 'registry.write');
    return { gridCode: house.gridCode, orgPath: house.orgPath, houseId: house.id, householdId: null, relation: 'head', newHouseholdIn: house };
  }
  if (placement.gridCode) {
    const grid = await requireGrid(db, placement.gridCode);
    assertInScope(actor, 'registry.write', grid.orgPath);
    return { gridCode: grid.code, orgPath: grid.orgPath, houseId: null, householdId: null, relation: null };
  }
  throw validationFailed([{ field: 'body.householdId', message: '须指定所在户、房屋或网格' }]);
}

/** Creates the new household a target asks for (inside the write's transaction). */
export async function placeIn(tx: Db, target: Target): Promise<Target> {
  if (!target.newHouseholdIn) return target;
  const house = target.newHouseholdIn;
  const [household] = await tx
    .insert(households)
    .values({ houseId: house.id, gridCode: house.gridCode, orgPath: house.orgPath, number: await nextHouseholdNumber(tx, house.id) })
    .returning({ id: households.id });
  return { ...target, householdId: household?.id ?? null, newHouseholdIn: undefined };
}

/** Registers a person, placed in a household, a house (as head of a new household) or only a grid. */
/** Closes the current line of a person's residence history, and their headship. */
export async function closeResidence(tx: Db, resident: Resident, on: string, reason: string): Promise<void> {
  await tx.update(residenceHistory).set({ movedOutOn: on, reason: sql`coalesce(${residenceHistory.reason} || '；', '') || ${reason}` }).where(and(eq(residenceHistory.residentId, resident.id), isNull(residenceHistory.movedOutOn)));
  if (resident.relation === 'head' && resident.householdId) {
    await tx.update(households).set({ headResidentId: null }).where(and(eq(households.id, resident.householdId), eq(households.headResidentId, resident.id)));
  }
}

/** Records that a person moved away or died: leaves the household, ends their key groups, keeps the record. */
