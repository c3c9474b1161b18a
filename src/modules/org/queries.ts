// Read functions other modules use instead of org's tables: a grid by code, the grids of
// a community or under some paths, org units of a level under a node, the path of a code,
// names for a page of codes, and who serves the grids under a node. No scope checks:
// callers check the rows they are given against their actor.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { gridStaff, grids, orgNodes, type GridDuty, type GridKind, type OrgLevel } from './schema.ts';

export interface GridSummary {
  code: string;
  communityCode: string;
  name: string;
  kind: GridKind;
  orgPath: string;
}

const gridColumns = { code: grids.code, communityCode: grids.communityCode, name: grids.name, kind: grids.kind, orgPath: grids.orgPath };

/** Rows whose org path lies under one of the paths ('' is the whole tree). */
function under(column: typeof grids.orgPath | typeof orgNodes.orgPath | typeof gridStaff.orgPath, paths: readonly string[]): SQL {
  if (paths.includes('')) return sql`true`;
  if (paths.length === 0) return sql`false`;
  return sql`(${sql.join(
    paths.map((p) => sql`(${column} = ${p} or ${column} like ${`${p}.%`})`),
    sql` or `,
  )})`;
}

/** A grid by code. */
export async function findGrid(db: Db, code: string): Promise<GridSummary | undefined> {
  const [grid] = await db.select(gridColumns).from(grids).where(eq(grids.code, code));
  return grid;
}

/** The grids of a community, by code. */
export async function gridsOfCommunity(db: Db, communityCode: string): Promise<GridSummary[]> {
  return db.select(gridColumns).from(grids).where(eq(grids.communityCode, communityCode)).orderBy(asc(grids.code));
}

/** The grids under any of the paths ('' is the whole tree), by code; at most `limit`. */
export async function gridsUnder(db: Db, orgPaths: readonly string[], options: { limit?: number } = {}): Promise<GridSummary[]> {
  const query = db.select(gridColumns).from(grids).where(under(grids.orgPath, orgPaths)).orderBy(asc(grids.code));
  return options.limit === undefined ? query : query.limit(options.limit);
}

/** The org units of one level under a node (the communities of a district, say), by code. */
export async function orgUnitsUnder(db: Db, orgPath: string, level: OrgLevel): Promise<{ code: string; name: string; orgPath: string }[]> {
  return db
    .select({ code: orgNodes.code, name: orgNodes.name, orgPath: orgNodes.orgPath })
    .from(orgNodes)
    .where(and(eq(orgNodes.level, level), sql`${orgNodes.orgPath} like ${`${orgPath}.%`}`))
    .orderBy(asc(orgNodes.code));
}

/** The org path of an org unit's or a grid's code, or undefined when there is no such code. */
export async function orgPathOf(db: Db, code: string): Promise<string | undefined> {
  const [node] = await db.select({ orgPath: orgNodes.orgPath }).from(orgNodes).where(eq(orgNodes.code, code));
  if (node) return node.orgPath;
  const [grid] = await db.select({ orgPath: grids.orgPath }).from(grids).where(eq(grids.code, code));
  return grid?.orgPath;
}

/** The names of org units and grids by code, for the codes on a page of results. */
export async function orgUnitNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  const [nodes, gridRows] = await Promise.all([
    db.select({ code: orgNodes.code, name: orgNodes.name }).from(orgNodes).where(inArray(orgNodes.code, wanted)),
    db.select({ code: grids.code, name: grids.name }).from(grids).where(inArray(grids.code, wanted)),
  ]);
  return new Map([...nodes, ...gridRows].map((r) => [r.code, r.name]));
}

/** Who serves the grids under a node in one duty (the grid workers, say), roster order. */
export async function gridRosterUnder(db: Db, orgPath: string, duty: GridDuty): Promise<{ gridCode: string; name: string }[]> {
  return db
    .select({ gridCode: gridStaff.gridCode, name: gridStaff.name })
    .from(gridStaff)
    .where(and(eq(gridStaff.duty, duty), under(gridStaff.orgPath, [orgPath])))
    .orderBy(asc(gridStaff.gridCode), asc(gridStaff.sort), asc(gridStaff.createdAt));
}
