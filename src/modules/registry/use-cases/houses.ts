// Houses (房屋): found by building and number ("3号楼 302"), read with the households and
// people in them (以房管人), added to a building, changed, deleted when nobody lived there.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { listPage, countAll, offsetOf, emptyPage } from '../../../platform/list-page.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { inScope, requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import { givenFields } from '../../../platform/patch.ts';
import type { CreateHouseBody, HouseDetail, HouseListQuery, HouseRow, HouseView, Page, UpdateHouseBody } from '../contract.ts';
import { buildings, households, houses, residenceHistory, residents } from '../schema.ts';
import { tsqueryFor } from '../text-search.ts';
import { pathOfCode, underPath } from './common.ts';
import { loadBuilding, loadHouse, type House } from './load.ts';
import { houseAddress, presentResidents } from './present-residents.ts';
import type { Reveal } from './reveal.ts';

/** "3号楼 302": the words before a trailing number, and the number. */
export function splitHouseTerm(term: string): { words: string; number: string | undefined } {
  const match = /^(.*?)[\s-]*(\d{1,5})室?$/.exec(term.trim());
  return { words: match ? (match[1] as string) : term, number: match?.[2] };
}

/** Houses in scope (of a building, or found by building name and number), for drill-down and look-up. */
export async function listHouses(db: Db, actor: Actor, q: HouseListQuery): Promise<Page<HouseRow>> {
  requirePermission(actor, 'registry.read');
  const path = await pathOfCode(db, q.under);
  const conditions: SQL[] = [inScope(actor, 'registry.read', houses.orgPath), underPath(sql`${houses.orgPath}`, path)];
  if (q.buildingId) conditions.push(eq(houses.buildingId, q.buildingId));
  if (q.tenure) conditions.push(eq(houses.tenure, q.tenure));
  if (q.q) {
    // "3号楼 302": the words match the building, a trailing number the house.
    const { words, number } = splitHouseTerm(q.q);
    const query = words ? tsqueryFor(words) : undefined;
    if (query) conditions.push(sql`${buildings.search} @@ ${query}::tsquery`);
    if (number) conditions.push(eq(houses.number, number));
    if (!query && !number) return emptyPage(q);
  }
  const where = and(...conditions);
  return listPage(
    q,
    db
      .select({
        id: houses.id,
        buildingId: houses.buildingId,
        buildingName: buildings.name,
        gridCode: houses.gridCode,
        orgPath: houses.orgPath,
        unit: houses.unit,
        floor: houses.floor,
        number: houses.number,
        tenure: houses.tenure,
        version: houses.version,
        residentCount: sql<number>`(select count(*)::int from residents r where r.house_id = houses.id and r.status = 'active')`,
      })
      .from(houses)
      .innerJoin(buildings, eq(buildings.id, houses.buildingId))
      .where(where)
      .orderBy(asc(buildings.name), asc(houses.unit), asc(houses.number))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select(countAll).from(houses).innerJoin(buildings, eq(buildings.id, houses.buildingId)).where(where),
    (rows) => rows.map((h) => ({ ...h, address: houseAddress({ name: h.buildingName }, h) })),
  );
}

/** One house with its households and the people in each (以房管人). */
export async function getHouse(db: Db, pii: PiiCipher, actor: Actor, id: string, reveal: Reveal | null): Promise<HouseDetail> {
  const house = await loadHouse(db, actor, id, 'registry.read');
  const householdRows = await db.select().from(households).where(eq(households.houseId, id)).orderBy(asc(households.number));
  const people = await db
    .select()
    .from(residents)
    .where(and(eq(residents.houseId, id), eq(residents.status, 'active'), inScope(actor, 'registry.read', residents.orgPath)))
    .orderBy(asc(residents.birthDate));
  const views = await presentResidents(db, pii, actor, people, reveal, `house:${id}`);
  return {
    ...house,
    address: houseAddress({ name: house.buildingName }, house),
    households: householdRows.map((h) => ({ ...h, members: views.filter((v) => v.householdId === h.id) })),
    others: views.filter((v) => v.householdId === null),
  };
}

const withAddress = (house: House, buildingName: string): HouseView & House => ({ ...house, buildingName, address: houseAddress({ name: buildingName }, house) });

/** Adds a house to a building. */
export async function createHouse(db: Db, actor: Actor, input: CreateHouseBody): Promise<HouseView> {
  const building = await loadBuilding(db, actor, input.buildingId, 'registry.write');
  const unit = (input.unit ?? '').trim().replace(/单元$/, '');
  const number = input.number.trim().replace(/室$/, '');
  const [taken] = await db.select({ id: houses.id }).from(houses).where(and(eq(houses.buildingId, building.id), eq(houses.unit, unit), eq(houses.number, number)));
  if (taken) throw new AppError('CONFLICT', { what: `房屋 ${houseAddress(building, { unit, number })}` });
  return db.transaction(async (tx) => {
    const [house] = await tx
      .insert(houses)
      .values({
        buildingId: building.id,
        gridCode: building.gridCode,
        orgPath: building.orgPath,
        unit,
        floor: input.floor ?? (/^\d{3,4}$/.test(number) ? Math.floor(Number(number) / 100) : null),
        number,
        area: input.area ?? null,
        tenure: input.tenure ?? 'owner_occupied',
        notes: input.notes ?? null,
      })
      .returning();
    const created = house as House;
    await recordAudit(tx, actor, { action: 'registry.house.create', targetType: 'house', targetId: created.id, orgPath: created.orgPath });
    return withAddress(created, building.name);
  });
}

/** Changes a house's number, floor, area, tenure or notes. */
export async function updateHouse(db: Db, actor: Actor, id: string, changes: UpdateHouseBody): Promise<HouseView> {
  const current = await loadHouse(db, actor, id, 'registry.write');
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(houses)
      .set({
        ...(changes.unit !== undefined ? { unit: changes.unit.trim().replace(/单元$/, '') } : {}),
        ...(changes.number !== undefined ? { number: changes.number.trim().replace(/室$/, '') } : {}),
        ...givenFields(changes, ['floor', 'area', 'tenure', 'notes']),
        version: sql`${houses.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(houses.id, id), eq(houses.version, changes.version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { id });
    await recordAudit(tx, actor, { action: 'registry.house.update', targetType: 'house', targetId: id, orgPath: updated.orgPath, details: { fields: Object.keys(changes).filter((k) => k !== 'version') } });
    return withAddress(updated, current.buildingName);
  });
}

/** Deletes a house where nobody lives and no household is registered. */
export async function deleteHouse(db: Db, actor: Actor, id: string): Promise<void> {
  const house = await loadHouse(db, actor, id, 'registry.write');
  const [household] = await db.select({ id: households.id }).from(households).where(eq(households.houseId, id)).limit(1);
  const [resident] = await db.select({ id: residents.id }).from(residents).where(eq(residents.houseId, id)).limit(1);
  const [history] = await db.select({ id: residenceHistory.id }).from(residenceHistory).where(eq(residenceHistory.houseId, id)).limit(1);
  if (household || resident || history) throw new AppError('REGISTRY_NOT_EMPTY', { what: `房屋 ${houseAddress({ name: house.buildingName }, house)}`, children: '住户或居住记录' });
  await db.transaction(async (tx) => {
    await tx.delete(houses).where(eq(houses.id, id));
    await recordAudit(tx, actor, { action: 'registry.house.delete', targetType: 'house', targetId: id, orgPath: house.orgPath });
  });
}

