// What the facilities module reads from the registry to measure the life circle: each
// placed building under a node with how many live there, in all and in the age groups
// facilities serve (the elderly for elderly care, children for schools).
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import { chinaToday } from '../vocabulary.ts';

/** Elderly from 60 (老年人权益保障法 art. 2); children up to 14 (统计口径 0–14岁). */
export const ELDERLY_FROM_AGE = 60;
export const CHILDREN_UNTIL_AGE = 14;

export interface BuildingPopulation {
  id: string;
  name: string;
  address: string;
  gridCode: string;
  communityCode: string;
  orgPath: string;
  lng: number;
  lat: number;
  /** Active residents living in the building's houses. */
  residents: number;
  /** Of them, aged 60 or more / 14 or less on the date asked. */
  elderly: number;
  children: number;
}

function yearsBefore(on: string, years: number): string {
  return `${Number(on.slice(0, 4)) - years}${on.slice(4)}`;
}

/** The buildings with a point under an org path ('' is the whole tree), with their resident counts, in one set-based query. */
export async function buildingPopulationUnder(db: Db, orgPath: string, on: string = chinaToday()): Promise<BuildingPopulation[]> {
  // Born on or before this date: 60 or older; born after this one: 14 or younger.
  const elderlyBornBy = yearsBefore(on, ELDERLY_FROM_AGE);
  const childrenBornAfter = yearsBefore(on, CHILDREN_UNTIL_AGE + 1);
  const under = (column: string) => (orgPath === '' ? sql`true` : sql`(${sql.raw(column)} = ${orgPath} or ${sql.raw(column)} like ${`${orgPath}.%`})`);
  const rows = await queryRows<{
    id: string; name: string; address: string; grid_code: string; community_code: string; org_path: string;
    lng: number; lat: number; residents: number; elderly: number; children: number;
  }>(
    db,
    sql`select b.id, b.name, b.address, b.grid_code, b.community_code, b.org_path, b.lng, b.lat,
               coalesce(p.residents, 0)::int as residents, coalesce(p.elderly, 0)::int as elderly, coalesce(p.children, 0)::int as children
          from buildings b
          left join (
            select h.building_id,
                   count(*) as residents,
                   count(*) filter (where r.birth_date <= ${elderlyBornBy}::date) as elderly,
                   count(*) filter (where r.birth_date > ${childrenBornAfter}::date) as children
              from residents r join houses h on h.id = r.house_id
             where r.status = 'active' and ${under('r.org_path')}
             group by h.building_id
          ) p on p.building_id = b.id
         where b.lng is not null and b.lat is not null and ${under('b.org_path')}
         order by b.org_path, b.name`,
  );
  return rows.map((r) => ({
    id: r.id, name: r.name, address: r.address, gridCode: r.grid_code, communityCode: r.community_code, orgPath: r.org_path,
    lng: Number(r.lng), lat: Number(r.lat), residents: r.residents, elderly: r.elderly, children: r.children,
  }));
}
