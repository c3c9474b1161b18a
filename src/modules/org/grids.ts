// Grids (网格): listing, GeoJSON, and creating, changing and deleting one grid.
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { pgErrorCode, type Db } from '../../platform/db.ts';
import { listPage, countAll, offsetOf } from '../../platform/list-page.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { assertInScope, inScope, requirePermission, type Actor } from '../../platform/auth/scope.ts';
import { givenFields } from '../../platform/patch.ts';
import { bboxOf, geometryProblemText, validateGridGeometry, type GridGeometry } from './geo.ts';
import { grids, orgNodes } from './schema.ts';
import { findOrgUnit } from './queries.ts';
import { invalidateGridIndex } from './grid-index.ts';
import type { CreateGridInput, GridDetail, GridFeatureCollection, GridKind, GridPage, UpdateGridInput } from './contract.ts';

const streets = alias(orgNodes, 'street');

const gridColumns = {
  code: grids.code,
  communityCode: grids.communityCode,
  name: grids.name,
  kind: grids.kind,
  orgPath: grids.orgPath,
  version: grids.version,
  updatedAt: grids.updatedAt,
};

function underCondition(column: typeof grids.orgPath, underPath: string | undefined): SQL {
  return underPath ? sql`(${column} like ${`${underPath}.%`})` : sql`true`;
}

async function underPathOf(db: Db, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const node = await findOrgUnit(db, code);
  if (!node) throw new AppError('NOT_FOUND', { what: code });
  return node.orgPath;
}

/** Grids in scope under a node, paged, searchable by name or code. */
export async function listGrids(
  db: Db,
  actor: Actor,
  q: { under?: string | undefined; kind?: GridKind | undefined; search?: string | undefined; page: number; pageSize: number },
): Promise<GridPage> {
  requirePermission(actor, 'org.read');
  const underPath = await underPathOf(db, q.under);
  const conditions = [inScope(actor, 'org.read', grids.orgPath), underCondition(grids.orgPath, underPath)];
  if (q.kind) conditions.push(eq(grids.kind, q.kind));
  if (q.search) {
    const term = `%${q.search.replace(/[\\%_]/g, '\\$&')}%`;
    conditions.push(or(ilike(grids.name, term), ilike(grids.code, term)) as SQL);
  }
  const where = and(...conditions);
  return listPage(
    q,
    db
      .select({
        ...gridColumns,
        communityName: orgNodes.name,
        staffCount: sql<number>`(select count(*)::int from grid_staff s where s.grid_code = grids.code)`,
      })
      .from(grids)
      .innerJoin(orgNodes, eq(orgNodes.code, grids.communityCode))
      .where(where)
      .orderBy(asc(grids.code))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select(countAll).from(grids).where(where),
  );
}

/** Grids in scope under a node as a GeoJSON FeatureCollection (for the map and for export). */
export async function gridsAsGeoJson(db: Db, actor: Actor, under: string | undefined): Promise<GridFeatureCollection> {
  requirePermission(actor, 'org.read');
  const underPath = await underPathOf(db, under);
  const rows = await db
    .select({ code: grids.code, name: grids.name, kind: grids.kind, communityCode: grids.communityCode, communityName: orgNodes.name, streetCode: streets.code, streetName: streets.name, geometry: grids.geometry })
    .from(grids)
    .innerJoin(orgNodes, eq(orgNodes.code, grids.communityCode))
    .leftJoin(streets, and(eq(streets.code, orgNodes.parentCode), eq(streets.level, 'street')))
    .where(and(inScope(actor, 'org.read', grids.orgPath), underCondition(grids.orgPath, underPath)))
    .orderBy(asc(grids.code));
  const features = rows.map(({ geometry, ...properties }) => ({ type: 'Feature' as const, geometry, properties }));
  return { type: 'FeatureCollection', features };
}

/** One grid with its geometry; OUT_OF_SCOPE outside the actor's tree. */
export async function getGrid(db: Db, actor: Actor, code: string): Promise<GridDetail> {
  const [grid] = await db.select().from(grids).where(eq(grids.code, code));
  if (!grid) throw new AppError('NOT_FOUND', { what: code });
  assertInScope(actor, 'org.read', grid.orgPath);
  return grid;
}

async function communityFor(db: Db, actor: Actor, communityCode: string) {
  const community = await findOrgUnit(db, communityCode);
  if (!community) throw new AppError('NOT_FOUND', { what: communityCode });
  if (community.level !== 'community') throw new AppError('ORG_NOT_A_COMMUNITY');
  assertInScope(actor, 'org.write', community.orgPath);
  return community;
}

function checkedGeometry(geometry: unknown): GridGeometry {
  const result = validateGridGeometry(geometry);
  if (!result.ok) {
    const text = geometryProblemText[result.problem];
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ field: 'body.geometry', message: text.zh }],
      summary: `geometry: ${text.zh} / ${text.en}`,
    });
  }
  return result.geometry;
}

/** Creates a grid in a community. */
export async function createGrid(db: Db, actor: Actor, input: CreateGridInput): Promise<GridDetail> {
  const community = await communityFor(db, actor, input.communityCode);
  const geometry = checkedGeometry(input.geometry);
  const [existing] = await db.select({ code: grids.code }).from(grids).where(eq(grids.code, input.code));
  if (existing) throw new AppError('CONFLICT', { what: `网格 ${input.code}` });
  return db.transaction(async (tx) => {
    const [grid] = await tx
      .insert(grids)
      .values({ ...input, geometry, ...bboxOf(geometry), orgPath: `${community.orgPath}.${input.code}` })
      .returning();
    await recordAudit(tx, actor, { action: 'org.grid.create', targetType: 'grid', targetId: input.code, orgPath: grid?.orgPath });
    invalidateGridIndex(db);
    return grid as GridDetail;
  });
}

/** Changes a grid's name, kind or shape; `version` must match (two editors: one wins). */
export async function updateGrid(db: Db, actor: Actor, code: string, changes: UpdateGridInput): Promise<GridDetail> {
  const current = await getGrid(db, actor, code);
  assertInScope(actor, 'org.write', current.orgPath);
  const geometry = changes.geometry === undefined ? undefined : checkedGeometry(changes.geometry);
  return db.transaction(async (tx) => {
    const [grid] = await tx
      .update(grids)
      .set({
        ...givenFields(changes, ['name', 'kind']),
        ...(geometry ? { geometry, ...bboxOf(geometry) } : {}),
        version: sql`${grids.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(grids.code, code), eq(grids.version, changes.version)))
      .returning();
    if (!grid) throw new AppError('VERSION_CONFLICT', { code });
    await recordAudit(tx, actor, {
      action: 'org.grid.update',
      targetType: 'grid',
      targetId: code,
      orgPath: grid.orgPath,
      details: { name: changes.name, kind: changes.kind, geometryChanged: geometry !== undefined },
    });
    invalidateGridIndex(db);
    return grid;
  });
}

/** Deletes a grid and its roster. */
export async function deleteGrid(db: Db, actor: Actor, code: string): Promise<void> {
  const current = await getGrid(db, actor, code);
  assertInScope(actor, 'org.write', current.orgPath);
  try {
    await db.transaction(async (tx) => {
      await tx.delete(grids).where(eq(grids.code, code));
      await recordAudit(tx, actor, { action: 'org.grid.delete', targetType: 'grid', targetId: code, orgPath: current.orgPath });
    });
  } catch (error) {
    // Other modules' rows (buildings, cases) refer to grids; PostgreSQL says so with 23503.
    if (pgErrorCode(error) === '23503') throw new AppError('GRID_IN_USE', { code });
    throw error;
  }
  invalidateGridIndex(db);
}
