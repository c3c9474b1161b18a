// What the participation module reads of residents beyond votes: who a resident id is (to mask
// a name and place a need), and how many residents and adults each community has (its index).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { residents } from '../schema.ts';
import { chinaToday } from '../vocabulary.ts';
import { ADULT_AGE } from './participation.ts';

export interface ResidentBrief {
  id: string;
  /** In clear: the caller masks it before showing it. */
  name: string;
  /** The org path of the resident's grid. */
  orgPath: string;
  isActive: boolean;
}

/** Residents by id, without scope (the caller checks the place). */
export async function residentBriefs(db: Db, ids: readonly string[]): Promise<Map<string, ResidentBrief>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: residents.id, name: residents.name, orgPath: residents.orgPath, status: residents.status }).from(residents).where(inArray(residents.id, unique));
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, orgPath: r.orgPath, isActive: r.status === 'active' }]));
}

/** Active residents and those aged 18+ on a date, per community (the fifth segment of the org path) under a path. */
export async function residentCountsByCommunity(db: Db, underPath: string, on: string = chinaToday()): Promise<Map<string, { residents: number; adults: number }>> {
  const [year, rest] = [Number(on.slice(0, 4)), on.slice(4)];
  const bornBy = `${year - ADULT_AGE}${rest}`;
  const community = sql<string>`split_part(${residents.orgPath}, '.', 5)`;
  const rows = await db
    .select({ code: community, residents: sql<number>`count(*)::int`, adults: sql<number>`(count(*) filter (where ${residents.birthDate} <= ${bornBy}::date))::int` })
    .from(residents)
    .where(and(eq(residents.status, 'active'), underPath === '' ? sql`true` : sql`(${residents.orgPath} = ${underPath} or ${residents.orgPath} like ${`${underPath}.%`})`))
    .groupBy(community);
  return new Map(rows.map((r) => [r.code, { residents: r.residents, adults: r.adults }]));
}
