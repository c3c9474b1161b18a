// Look-ups other modules make of the organisation tree, by code or path, without scope
// checks (the caller has already decided the actor may see what it asks about). Other
// modules call these instead of querying org_nodes and grids themselves.
import { and, asc, eq, inArray, like, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { grids, orgNodes } from './schema.ts';

/** An org unit: a node of the tree (district, street, community, department…) or a grid. */
export interface OrgUnitRef {
  code: string;
  name: string;
  /** The node's level, or 'grid'. */
  level: string;
  orgPath: string;
}

/** The org unit with this code, a node or a grid, or undefined. */
export async function findOrgUnit(db: Db, code: string): Promise<OrgUnitRef | undefined> {
  const [node] = await db.select({ code: orgNodes.code, name: orgNodes.name, level: orgNodes.level, orgPath: orgNodes.orgPath }).from(orgNodes).where(eq(orgNodes.code, code));
  if (node) return node;
  const [grid] = await db.select({ code: grids.code, name: grids.name, orgPath: grids.orgPath }).from(grids).where(eq(grids.code, code));
  return grid ? { ...grid, level: 'grid' } : undefined;
}

/** The nodes (not grids) with these codes, e.g. the codes of an org path, in no particular order. */
export async function findOrgNodes(db: Db, codes: readonly string[]): Promise<OrgUnitRef[]> {
  if (codes.length === 0) return [];
  return db.select({ code: orgNodes.code, name: orgNodes.name, level: orgNodes.level, orgPath: orgNodes.orgPath }).from(orgNodes).where(inArray(orgNodes.code, [...codes]));
}

/** The names of the org units (nodes and grids) with these codes, in one round trip; unknown codes are left out. */
export async function orgUnitNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: orgNodes.code, name: orgNodes.name })
    .from(orgNodes)
    .where(inArray(orgNodes.code, [...codes]))
    .unionAll(db.select({ code: grids.code, name: grids.name }).from(grids).where(inArray(grids.code, [...codes])));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The org paths of the org units (nodes and grids) with these codes. */
export async function orgPathsOf(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .select({ orgPath: orgNodes.orgPath })
    .from(orgNodes)
    .where(inArray(orgNodes.code, [...codes]))
    .unionAll(db.select({ orgPath: grids.orgPath }).from(grids).where(inArray(grids.code, [...codes])));
  return rows.map((r) => r.orgPath);
}

/** The departments anywhere below a node (by its org path), by code. */
export async function listDepartmentsUnder(db: Db, orgPath: string): Promise<OrgUnitRef[]> {
  return db
    .select({ code: orgNodes.code, name: orgNodes.name, level: orgNodes.level, orgPath: orgNodes.orgPath })
    .from(orgNodes)
    .where(and(eq(orgNodes.level, 'department'), like(orgNodes.orgPath, `${orgPath}.%`)))
    .orderBy(asc(orgNodes.code));
}

/** The children of a node, by code: its departments, or the divisions below it (streets, communities…). */
export async function listChildOrgNodes(db: Db, parentCode: string, kind: 'departments' | 'divisions'): Promise<OrgUnitRef[]> {
  return db
    .select({ code: orgNodes.code, name: orgNodes.name, level: orgNodes.level, orgPath: orgNodes.orgPath })
    .from(orgNodes)
    .where(and(eq(orgNodes.parentCode, parentCode), kind === 'departments' ? eq(orgNodes.level, 'department') : ne(orgNodes.level, 'department')))
    .orderBy(asc(orgNodes.code));
}

/** A grid below a node, with its community and street and its bounding box. */
export interface GridPlace {
  gridCode: string;
  orgPath: string;
  communityCode: string;
  communityName: string;
  /** The community's parent (a street office), '' when it has none. */
  streetCode: string;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** The grids below a node (by its org path), each with the community it belongs to. */
export async function listGridPlacesUnder(db: Db, orgPath: string): Promise<GridPlace[]> {
  const rows = await db
    .select({ gridCode: grids.code, orgPath: grids.orgPath, communityCode: grids.communityCode, communityName: orgNodes.name, streetCode: orgNodes.parentCode, minLng: grids.minLng, minLat: grids.minLat, maxLng: grids.maxLng, maxLat: grids.maxLat })
    .from(grids)
    .innerJoin(orgNodes, eq(orgNodes.code, grids.communityCode))
    .where(like(grids.orgPath, `${orgPath}.%`));
  return rows.map((r) => ({ ...r, streetCode: r.streetCode ?? '' }));
}
