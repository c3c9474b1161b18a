// Reads other modules make of the org tree, without scope checks: they resolve codes they
// were given, and apply scope to their own rows. Other modules use these instead of the
// org tables.
import { and, asc, eq, inArray, like, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { underPaths } from '../../platform/auth/scope.ts';
import { grids, gridStaff, orgNodes } from './schema.ts';
import { orgUnitColumns } from './org-units.ts';
import type { GridDuty, GridKind, OrgLevel, OrgUnitView } from './contract.ts';
import type { GridGeometry } from './geo.ts';

/** An org unit by code, or undefined. */
export async function findOrgUnit(db: Db, code: string): Promise<OrgUnitView | undefined> {
  const [orgUnit] = await db.select(orgUnitColumns).from(orgNodes).where(eq(orgNodes.code, code));
  return orgUnit;
}

export interface GridRef {
  code: string;
  name: string;
  kind: GridKind;
  communityCode: string;
  orgPath: string;
}

/** A grid by code (without its polygon), or undefined. */
export async function findGrid(db: Db, code: string): Promise<GridRef | undefined> {
  const [grid] = await db
    .select({ code: grids.code, name: grids.name, kind: grids.kind, communityCode: grids.communityCode, orgPath: grids.orgPath })
    .from(grids)
    .where(eq(grids.code, code));
  return grid;
}

/** Where a code sits in the tree: an org unit (with its level) or a grid, with its org path and name. */
export interface TreePlace {
  code: string;
  level: OrgLevel | 'grid';
  orgPath: string;
  name: string;
}

/** The place of an org unit or grid code in the tree, or undefined when no such code exists. */
export async function placeOf(db: Db, code: string): Promise<TreePlace | undefined> {
  const orgUnit = await findOrgUnit(db, code);
  if (orgUnit) return { code, level: orgUnit.level, orgPath: orgUnit.orgPath, name: orgUnit.name };
  const grid = await findGrid(db, code);
  return grid ? { code, level: 'grid', orgPath: grid.orgPath, name: grid.name } : undefined;
}

/** The org path of an org unit or grid code, or undefined. */
export async function pathOf(db: Db, code: string): Promise<string | undefined> {
  return (await placeOf(db, code))?.orgPath;
}

/** The names of org units and grids by code (codes that exist nowhere are left out). */
export async function orgUnitNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)].filter(Boolean);
  if (unique.length === 0) return new Map();
  const [units, gridRows] = await Promise.all([
    db.select({ code: orgNodes.code, name: orgNodes.name }).from(orgNodes).where(inArray(orgNodes.code, unique)),
    db.select({ code: grids.code, name: grids.name }).from(grids).where(inArray(grids.code, unique)),
  ]);
  return new Map([...units, ...gridRows].map((n) => [n.code, n.name]));
}

export interface GridServer {
  gridCode: string;
  name: string;
  duty: GridDuty;
  phone: string | null;
  /** The account of the person, when one is linked. */
  userId: string | null;
}

/** Who serves an org unit: the rosters of its grids (of the grid itself for a grid code), optionally of one duty. */
export async function whoServes(db: Db, code: string, duty?: GridDuty): Promise<GridServer[]> {
  const path = await pathOf(db, code);
  if (path === undefined) return [];
  return db
    .select({ gridCode: gridStaff.gridCode, name: gridStaff.name, duty: gridStaff.duty, phone: gridStaff.phone, userId: gridStaff.userId })
    .from(gridStaff)
    .where(and(underPaths(gridStaff.orgPath, [path]), duty ? eq(gridStaff.duty, duty) : undefined))
    .orderBy(asc(gridStaff.gridCode), asc(gridStaff.sort), asc(gridStaff.createdAt));
}

/** Whether the tree is empty (a new installation, before any import or demo). */
export async function isOrgTreeEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ code: orgNodes.code }).from(orgNodes).limit(1);
  return row === undefined;
}

/** The nodes (not grids) with these codes, e.g. the codes of an org path, in no particular order. */
export async function findOrgNodes(db: Db, codes: readonly string[]): Promise<TreePlace[]> {
  if (codes.length === 0) return [];
  return db.select({ code: orgNodes.code, name: orgNodes.name, level: orgNodes.level, orgPath: orgNodes.orgPath }).from(orgNodes).where(inArray(orgNodes.code, [...codes]));
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

/** The children of a node, by code: its departments, or the divisions below it (streets, communities…). */
export async function listChildOrgNodes(db: Db, parentCode: string, kind: 'departments' | 'divisions'): Promise<TreePlace[]> {
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
  geometry: GridGeometry;
}

/** The grids below a node (by its org path), each with the community it belongs to. */
export async function listGridPlacesUnder(db: Db, orgPath: string): Promise<GridPlace[]> {
  const rows = await db
    .select({ gridCode: grids.code, orgPath: grids.orgPath, communityCode: grids.communityCode, communityName: orgNodes.name, streetCode: orgNodes.parentCode, minLng: grids.minLng, minLat: grids.minLat, maxLng: grids.maxLng, maxLat: grids.maxLat, geometry: grids.geometry })
    .from(grids)
    .innerJoin(orgNodes, eq(orgNodes.code, grids.communityCode))
    .where(like(grids.orgPath, `${orgPath}.%`));
  return rows.map((r) => ({ ...r, streetCode: r.streetCode ?? '' }));
}

const gridRefColumns = { code: grids.code, communityCode: grids.communityCode, name: grids.name, kind: grids.kind, orgPath: grids.orgPath };

/** The grids of a community, by code. */
export async function gridsOfCommunity(db: Db, communityCode: string): Promise<GridRef[]> {
  return db.select(gridRefColumns).from(grids).where(eq(grids.communityCode, communityCode)).orderBy(asc(grids.code));
}

/** The grids under any of the paths ('' is the whole tree), by code; at most `limit`. */
export async function gridsUnder(db: Db, orgPaths: readonly string[], options: { limit?: number } = {}): Promise<GridRef[]> {
  const query = db.select(gridRefColumns).from(grids).where(underPaths(grids.orgPath, orgPaths)).orderBy(asc(grids.code));
  return options.limit === undefined ? query : query.limit(options.limit);
}

/** The org units of one level under a node (the communities of a district, say), by code. */
export async function orgUnitsUnder(db: Db, orgPath: string, level: OrgLevel): Promise<TreePlace[]> {
  return db
    .select({ code: orgNodes.code, name: orgNodes.name, level: orgNodes.level, orgPath: orgNodes.orgPath })
    .from(orgNodes)
    .where(and(eq(orgNodes.level, level), sql`${orgNodes.orgPath} like ${`${orgPath}.%`}`))
    .orderBy(asc(orgNodes.code));
}

/** Who serves the grids under a node in one duty (the grid workers, say), roster order. */
export async function gridRosterUnder(db: Db, orgPath: string, duty: GridDuty): Promise<{ gridCode: string; name: string }[]> {
  return db
    .select({ gridCode: gridStaff.gridCode, name: gridStaff.name })
    .from(gridStaff)
    .where(and(eq(gridStaff.duty, duty), underPaths(gridStaff.orgPath, [orgPath])))
    .orderBy(asc(gridStaff.gridCode), asc(gridStaff.sort), asc(gridStaff.createdAt));
}
