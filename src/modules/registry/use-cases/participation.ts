// What the participation module reads from the registry for residents' meetings and
// votes: households with their adult members, and houses with their areas.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { buildings, households, houses, residents } from '../schema.ts';
import { ageOn, chinaToday } from '../vocabulary.ts';
import type { HouseTenure } from '../contract.ts';
import { addressColumns, houseAddress } from './present-residents.ts';

/** Full age in law (民法典 art. 17). */
export const ADULT_AGE = 18;

export interface HouseholdWithAdults {
  householdId: string;
  houseId: string;
  orgPath: string;
  address: string;
  headResidentId: string | null;
  /** Active members aged 18 or more on the date asked, oldest first. */
  adults: { residentId: string; name: string; age: number }[];
}

/** Households of a community (by its buildings) with their members of age on a date; households without adults are included, with none. */
export async function householdsWithAdults(db: Db, communityCode: string, on: string = chinaToday()): Promise<HouseholdWithAdults[]> {
  const [year, rest] = [Number(on.slice(0, 4)), on.slice(4)];
  const bornBy = `${year - ADULT_AGE}${rest}`;
  const rows = await db
    .select({
      householdId: households.id,
      houseId: houses.id,
      orgPath: households.orgPath,
      headResidentId: households.headResidentId,
      ...addressColumns,
      householdNumber: households.number,
      residentId: residents.id,
      name: residents.name,
      birthDate: residents.birthDate,
    })
    .from(households)
    .innerJoin(houses, eq(houses.id, households.houseId))
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .leftJoin(residents, and(eq(residents.householdId, households.id), eq(residents.status, 'active'), sql`${residents.birthDate} <= ${bornBy}::date`))
    .where(eq(buildings.communityCode, communityCode))
    .orderBy(asc(buildings.name), asc(houses.unit), asc(houses.number), asc(households.number), asc(residents.birthDate), asc(residents.id));
  const byHousehold = new Map<string, HouseholdWithAdults>();
  for (const r of rows) {
    let household = byHousehold.get(r.householdId);
    if (!household) {
      household = { householdId: r.householdId, houseId: r.houseId, orgPath: r.orgPath, address: houseAddress({ name: r.buildingName }, r), headResidentId: r.headResidentId, adults: [] };
      byHousehold.set(r.householdId, household);
    }
    if (r.residentId && r.name && r.birthDate) household.adults.push({ residentId: r.residentId, name: r.name, age: ageOn(r.birthDate, on) });
  }
  return [...byHousehold.values()];
}

export interface HouseArea {
  houseId: string;
  buildingId: string;
  buildingName: string;
  orgPath: string;
  address: string;
  /** Floor area in m², null where nobody recorded it. */
  area: number | null;
  /** Owner-occupied, rented or vacant: who can speak for the owner. */
  tenure: HouseTenure;
}

/** The houses of a community (by its buildings) with their floor areas. */
export async function houseAreas(db: Db, communityCode: string): Promise<HouseArea[]> {
  const rows = await db
    .select({ houseId: houses.id, buildingId: houses.buildingId, orgPath: houses.orgPath, ...addressColumns, area: houses.area, tenure: houses.tenure })
    .from(houses)
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .where(eq(buildings.communityCode, communityCode))
    .orderBy(asc(buildings.name), asc(houses.unit), asc(houses.number));
  return rows.map((h) => ({ houseId: h.houseId, buildingId: h.buildingId, buildingName: h.buildingName, orgPath: h.orgPath, address: houseAddress({ name: h.buildingName }, h), area: h.area, tenure: h.tenure }));
}
