// Households (户): registered in a house, read as the household file (一户一档), given a
// head or number, deleted when empty.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { inScope, type Actor } from '../../../platform/auth/scope.ts';
import { givenFields } from '../../../platform/patch.ts';
import type { CreateHouseholdBody, HouseholdFile, HouseholdView, UpdateHouseholdBody } from '../contract.ts';
import { households, residenceHistory, residents } from '../schema.ts';
import { validationFailed } from './common.ts';
import { loadHouse, loadHousehold, type Household } from './load.ts';
import { houseAddress, presentResidents } from './present-residents.ts';
import type { Reveal } from './reveal.ts';

/** The lowest household number not yet used in a house ("1", "2", …). */
export async function nextHouseholdNumber(db: Db, houseId: string): Promise<string> {
  const rows = await db.select({ number: households.number }).from(households).where(eq(households.houseId, houseId));
  const used = new Set(rows.map((r) => r.number));
  let n = 1;
  while (used.has(String(n))) n++;
  return String(n);
}

/** Registers a household in a house (its members join it afterwards). */
export async function createHousehold(db: Db, actor: Actor, input: CreateHouseholdBody): Promise<HouseholdView> {
  const house = await loadHouse(db, actor, input.houseId, 'registry.write');
  const number = input.number?.trim() || (await nextHouseholdNumber(db, house.id));
  const [taken] = await db.select({ id: households.id }).from(households).where(and(eq(households.houseId, house.id), eq(households.number, number)));
  if (taken) throw new AppError('CONFLICT', { what: `第${number}户` });
  return db.transaction(async (tx) => {
    const [household] = await tx.insert(households).values({ houseId: house.id, gridCode: house.gridCode, orgPath: house.orgPath, number }).returning();
    const created = household as Household;
    await recordAudit(tx, actor, { action: 'registry.household.create', targetType: 'household', targetId: created.id, orgPath: created.orgPath });
    return created;
  });
}

/** A household file (一户一档): the house, the members with their relation, and who lived here before. */
export async function getHousehold(
  db: Db,
  pii: PiiCipher,
  actor: Actor,
  id: string,
  reveal: Reveal | null,
  permission: 'registry.read' | 'registry.export' = 'registry.read',
): Promise<HouseholdFile & Household> {
  const household = await loadHousehold(db, actor, id, permission);
  const house = await loadHouse(db, actor, household.houseId, 'registry.read');
  const members = await db
    .select()
    .from(residents)
    .where(and(eq(residents.householdId, id), eq(residents.status, 'active'), inScope(actor, 'registry.read', residents.orgPath)))
    .orderBy(sql`case when ${residents.relation} = 'head' then 0 else 1 end`, asc(residents.birthDate));
  const views = await presentResidents(db, pii, actor, members, reveal, `household:${id}`);
  const history = await db
    .select({
      residentId: residenceHistory.residentId,
      name: residents.name,
      relation: residenceHistory.relation,
      movedInOn: residenceHistory.movedInOn,
      movedOutOn: residenceHistory.movedOutOn,
      reason: residenceHistory.reason,
    })
    .from(residenceHistory)
    .innerJoin(residents, eq(residents.id, residenceHistory.residentId))
    .where(eq(residenceHistory.householdId, id))
    .orderBy(asc(residenceHistory.movedInOn), asc(residents.name));
  return {
    ...household,
    address: houseAddress({ name: house.buildingName }, house),
    house: { id: house.id, buildingId: house.buildingId, buildingName: house.buildingName, unit: house.unit, floor: house.floor, number: house.number, tenure: house.tenure },
    members: views,
    history,
  };
}

/** Sets a household's head (who must be a member) or number. */
export async function updateHousehold(db: Db, actor: Actor, id: string, changes: UpdateHouseholdBody): Promise<HouseholdView> {
  const household = await loadHousehold(db, actor, id, 'registry.write');
  if (changes.headResidentId) {
    const [member] = await db.select({ id: residents.id }).from(residents).where(and(eq(residents.id, changes.headResidentId), eq(residents.householdId, id)));
    if (!member) throw validationFailed([{ field: 'body.headResidentId', message: '户主必须是本户成员' }]);
  }
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(households)
      .set({
        ...givenFields(changes, ['headResidentId', 'number']),
        version: sql`${households.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(households.id, id), eq(households.version, changes.version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { id });
    if (changes.headResidentId) {
      // The old head becomes "other" until someone sets the right relation.
      await tx.update(residents).set({ relation: 'other', version: sql`${residents.version} + 1`, updatedAt: sql`now()` }).where(and(eq(residents.householdId, id), eq(residents.relation, 'head'), ne(residents.id, changes.headResidentId)));
      await tx.update(residents).set({ relation: 'head', version: sql`${residents.version} + 1`, updatedAt: sql`now()` }).where(eq(residents.id, changes.headResidentId));
    }
    await recordAudit(tx, actor, { action: 'registry.household.update', targetType: 'household', targetId: id, orgPath: household.orgPath, details: { fields: Object.keys(changes).filter((k) => k !== 'version') } });
    return updated;
  });
}

/** Deletes a household that has no members and no history. */
export async function deleteHousehold(db: Db, actor: Actor, id: string): Promise<void> {
  const household = await loadHousehold(db, actor, id, 'registry.write');
  const [member] = await db.select({ id: residents.id }).from(residents).where(eq(residents.householdId, id)).limit(1);
  const [history] = await db.select({ id: residenceHistory.id }).from(residenceHistory).where(eq(residenceHistory.householdId, id)).limit(1);
  if (member || history) throw new AppError('REGISTRY_NOT_EMPTY', { what: '该户', children: '成员或居住记录' });
  await db.transaction(async (tx) => {
    await tx.delete(households).where(eq(households.id, id));
    await recordAudit(tx, actor, { action: 'registry.household.delete', targetType: 'household', targetId: id, orgPath: household.orgPath });
  });
}
