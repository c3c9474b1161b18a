import { and, asc, eq, ilike, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { assertInScope, coversPath, hasPermission, inScope, requirePermission, scopePaths, type Actor } from '../../platform/auth/scope.ts';
import { loadDivisionSubtree } from './divisions.ts';
import { bboxOf, geometryProblemText, GridIndex, validateGridGeometry, type GridGeometry } from './geo.ts';
import {
  gridKinds,
  grids,
  gridStaff,
  orgNodes,
  type CommunityType,
  type GridDuty,
  type GridKind,
  type OrgLevel,
} from './schema.ts';

export type OrgNode = typeof orgNodes.$inferSelect;
export type Grid = typeof grids.$inferSelect;
export type GridStaffMember = typeof gridStaff.$inferSelect;

const nodeColumns = {
  code: orgNodes.code,
  parentCode: orgNodes.parentCode,
  level: orgNodes.level,
  name: orgNodes.name,
  fullName: orgNodes.fullName,
  orgPath: orgNodes.orgPath,
  communityType: orgNodes.communityType,
};
export type OrgNodeView = {
  code: string;
  parentCode: string | null;
  level: OrgLevel;
  name: string;
  fullName: string;
  orgPath: string;
  communityType: CommunityType | null;
};

// ---------------------------------------------------------------------------- tree

/** Loads a division subtree from the national data (ancestors included), keeping edits such as community types. */
export async function importDivisions(db: Db, actor: Actor, code: string): Promise<{ nodes: number }> {
  requirePermission(actor, 'org.write');
  if (!scopePaths(actor, 'org.write').includes('')) throw new AppError('FORBIDDEN', { permission: 'org.write' });
  const divisions = await loadDivisionSubtree(code);
  if (divisions.length === 0) throw new AppError('DIVISION_UNKNOWN', { code });
  const paths = new Map<string, string>();
  const rows = divisions.map((d) => {
    const parentPath = d.parentCode ? paths.get(d.parentCode) : undefined;
    const orgPath = parentPath ? `${parentPath}.${d.code}` : d.code;
    paths.set(d.code, orgPath);
    return { ...d, orgPath };
  });
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insert(orgNodes)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: orgNodes.code,
          set: {
            name: sql`excluded.name`,
            fullName: sql`excluded.full_name`,
            parentCode: sql`excluded.parent_code`,
            orgPath: sql`excluded.org_path`,
            level: sql`excluded.level`,
            updatedAt: sql`now()`,
          },
        });
    }
    await recordAudit(tx, actor, { action: 'org.import', targetType: 'org_node', targetId: code, details: { nodes: rows.length } });
  });
  return { nodes: rows.length };
}

/** A node by code, with no scope check: for other modules resolving codes they were given. */
export async function findOrgNode(db: Db, code: string): Promise<OrgNodeView | undefined> {
  const [node] = await db.select(nodeColumns).from(orgNodes).where(eq(orgNodes.code, code));
  return node;
}

function visibleCondition(actor: Actor, column: SQL | typeof orgNodes.orgPath = orgNodes.orgPath): SQL {
  // A node is listed when it is in scope, or lies above a scope (to navigate down to it).
  const paths = scopePaths(actor, 'org.read');
  if (paths.includes('')) return sql`true`;
  if (paths.length === 0) return sql`false`;
  const above = paths.map((p) => sql`${p} like ${column} || '.%'`);
  return sql`(${inScope(actor, 'org.read', column)} or ${sql.join(above, sql` or `)})`;
}

/** Children of a node (top-level nodes without a parent) that the actor may see, with counts. */
export async function listChildren(db: Db, actor: Actor, parentCode: string | undefined) {
  requirePermission(actor, 'org.read');
  return db
    .select({
      ...nodeColumns,
      // Counts only what the actor may see, also on the ancestors shown for navigation.
      childCount: sql<number>`(select count(*)::int from org_nodes c where c.parent_code = org_nodes.code and ${visibleCondition(actor, sql.raw('c.org_path'))})`,
      gridCount: sql<number>`(select count(*)::int from grids g where g.org_path like org_nodes.org_path || '.%' and ${inScope(actor, 'org.read', sql.raw('g.org_path'))})`,
    })
    .from(orgNodes)
    .where(and(parentCode ? eq(orgNodes.parentCode, parentCode) : isNull(orgNodes.parentCode), visibleCondition(actor)))
    .orderBy(asc(orgNodes.level), asc(orgNodes.code));
}

/** A node with its ancestors (for breadcrumbs); OUT_OF_SCOPE when the actor may not read it. */
export async function getNode(db: Db, actor: Actor, code: string) {
  const node = await findOrgNode(db, code);
  if (!node) throw new AppError('NOT_FOUND', { what: code });
  assertInScope(actor, 'org.read', node.orgPath);
  const ancestorCodes = node.orgPath.split('.').slice(0, -1);
  const ancestors = ancestorCodes.length
    ? await db.select(nodeColumns).from(orgNodes).where(inArray(orgNodes.code, ancestorCodes))
    : [];
  ancestors.sort((a, b) => a.orgPath.length - b.orgPath.length);
  return { ...node, ancestors };
}

/**
 * Searches nodes in scope by name or code. The security admin, who grants roles on nodes
 * anywhere, may search the whole tree's names and codes without holding org.read.
 */
export async function searchNodes(db: Db, actor: Actor, q: string, limit = 20) {
  const grants = hasPermission(actor, 'role.grant') || hasPermission(actor, 'apikey.manage');
  if (!grants) requirePermission(actor, 'org.read');
  const term = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
  return db
    .select(nodeColumns)
    .from(orgNodes)
    .where(and(grants ? undefined : inScope(actor, 'org.read', orgNodes.orgPath), or(ilike(orgNodes.name, term), like(orgNodes.code, `${q}%`))))
    .orderBy(asc(orgNodes.code))
    .limit(limit);
}

/** Renames a node or sets a community's type. */
export async function updateNode(
  db: Db,
  actor: Actor,
  code: string,
  changes: { name?: string | undefined; communityType?: CommunityType | null | undefined },
): Promise<OrgNodeView> {
  const node = await findOrgNode(db, code);
  if (!node) throw new AppError('NOT_FOUND', { what: code });
  assertInScope(actor, 'org.write', node.orgPath);
  if (changes.communityType !== undefined && node.level !== 'community') {
    throw new AppError('VALIDATION_FAILED', { summary: 'communityType: 只有社区可以设置社区类型 / only communities have a type' });
  }
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(orgNodes)
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.communityType !== undefined ? { communityType: changes.communityType } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(orgNodes.code, code))
      .returning(nodeColumns);
    await recordAudit(tx, actor, { action: 'org.node.update', targetType: 'org_node', targetId: code, orgPath: node.orgPath, details: changes });
    return updated as OrgNodeView;
  });
}

/** Adds a department (职能部门) under a district or street; departments receive work orders. */
export async function createDepartment(db: Db, actor: Actor, input: { parentCode: string; name: string }): Promise<OrgNodeView> {
  const parent = await findOrgNode(db, input.parentCode);
  if (!parent) throw new AppError('NOT_FOUND', { what: input.parentCode });
  assertInScope(actor, 'org.write', parent.orgPath);
  if (parent.level !== 'district' && parent.level !== 'street') {
    throw new AppError('VALIDATION_FAILED', { summary: 'parentCode: 部门只能设在区或街道下 / departments belong to a district or street' });
  }
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(orgNodes)
      .where(and(eq(orgNodes.parentCode, parent.code), eq(orgNodes.level, 'department')));
    const code = `${parent.code}D${String(n + 1).padStart(2, '0')}`;
    const [created] = await tx
      .insert(orgNodes)
      .values({ code, parentCode: parent.code, level: 'department', name: input.name, fullName: input.name, orgPath: `${parent.orgPath}.${code}` })
      .returning(nodeColumns);
    await recordAudit(tx, actor, { action: 'org.department.create', targetType: 'org_node', targetId: code, orgPath: parent.orgPath });
    return created as OrgNodeView;
  });
}

// ---------------------------------------------------------------------------- grids

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

async function pathOf(db: Db, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const node = await findOrgNode(db, code);
  if (!node) throw new AppError('NOT_FOUND', { what: code });
  return node.orgPath;
}

/** Grids in scope under a node, paged, searchable by name or code. */
export async function listGrids(
  db: Db,
  actor: Actor,
  q: { under?: string | undefined; kind?: GridKind | undefined; search?: string | undefined; page: number; pageSize: number },
) {
  requirePermission(actor, 'org.read');
  const underPath = await pathOf(db, q.under);
  const conditions = [inScope(actor, 'org.read', grids.orgPath), underCondition(grids.orgPath, underPath)];
  if (q.kind) conditions.push(eq(grids.kind, q.kind));
  if (q.search) {
    const term = `%${q.search.replace(/[\\%_]/g, '\\$&')}%`;
    conditions.push(or(ilike(grids.name, term), ilike(grids.code, term)) as SQL);
  }
  const where = and(...conditions);
  const [items, [count]] = await Promise.all([
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
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(grids).where(where),
  ]);
  return { items, total: count?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

export interface GridFeature {
  type: 'Feature';
  geometry: GridGeometry;
  properties: { code: string; name: string; kind: GridKind; communityCode: string; communityName: string };
}

/** Grids in scope under a node as a GeoJSON FeatureCollection (for the map and for export). */
export async function gridsAsGeoJson(db: Db, actor: Actor, under: string | undefined) {
  requirePermission(actor, 'org.read');
  const underPath = await pathOf(db, under);
  const rows = await db
    .select({ code: grids.code, name: grids.name, kind: grids.kind, communityCode: grids.communityCode, communityName: orgNodes.name, geometry: grids.geometry })
    .from(grids)
    .innerJoin(orgNodes, eq(orgNodes.code, grids.communityCode))
    .where(and(inScope(actor, 'org.read', grids.orgPath), underCondition(grids.orgPath, underPath)))
    .orderBy(asc(grids.code));
  const features: GridFeature[] = rows.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry, properties }));
  return { type: 'FeatureCollection' as const, features };
}

/** One grid with its geometry; OUT_OF_SCOPE outside the actor's tree. */
export async function getGrid(db: Db, actor: Actor, code: string): Promise<Grid> {
  const [grid] = await db.select().from(grids).where(eq(grids.code, code));
  if (!grid) throw new AppError('NOT_FOUND', { what: code });
  assertInScope(actor, 'org.read', grid.orgPath);
  return grid;
}

export interface GridInput {
  code: string;
  name: string;
  kind: GridKind;
  communityCode: string;
  geometry: unknown;
}

async function communityFor(db: Db, actor: Actor, communityCode: string) {
  const community = await findOrgNode(db, communityCode);
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
export async function createGrid(db: Db, actor: Actor, input: GridInput): Promise<Grid> {
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
    return grid as Grid;
  });
}

/** Changes a grid's name, kind or shape; `version` must match (two editors: one wins). */
export async function updateGrid(
  db: Db,
  actor: Actor,
  code: string,
  changes: { version: number; name?: string | undefined; kind?: GridKind | undefined; geometry?: unknown },
): Promise<Grid> {
  const current = await getGrid(db, actor, code);
  assertInScope(actor, 'org.write', current.orgPath);
  const geometry = changes.geometry === undefined ? undefined : checkedGeometry(changes.geometry);
  return db.transaction(async (tx) => {
    const [grid] = await tx
      .update(grids)
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
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
    const cause = (error as { cause?: { code?: string } }).cause ?? error;
    if ((cause as { code?: string }).code === '23503') throw new AppError('GRID_IN_USE', { code });
    throw error;
  }
  invalidateGridIndex(db);
}

const kindAliases: Record<string, GridKind> = {
  community: 'community',
  key_unit: 'key_unit',
  road: 'road',
  社区网格: 'community',
  重点单位网格: 'key_unit',
  道路网格: 'road',
};

export interface GridImportProblem {
  index: number;
  code?: string | undefined;
  field: string;
  message: string;
  messageEn: string;
}

/**
 * Imports grids from a GeoJSON FeatureCollection (properties: code, name, kind,
 * communityCode). Every feature is checked first; if any is bad, nothing is imported and
 * GEOJSON_INVALID lists each problem by feature index. Existing grids are updated by code.
 */
export async function importGrids(
  db: Db,
  actor: Actor,
  collection: unknown,
  options: { dryRun?: boolean } = {},
): Promise<{ created: number; updated: number; dryRun: boolean }> {
  requirePermission(actor, 'org.write');
  const problems: GridImportProblem[] = [];
  const bad = (index: number, field: string, message: string, messageEn: string, code?: string) =>
    problems.push({ index, code, field, message, messageEn });
  const { type, features } = (collection ?? {}) as { type?: unknown; features?: unknown };
  if (type !== 'FeatureCollection' || !Array.isArray(features)) {
    bad(-1, 'type', '文件必须是 GeoJSON FeatureCollection', 'the file must be a GeoJSON FeatureCollection');
    throw new AppError('GEOJSON_INVALID', { count: problems.length, problems });
  }
  const communityCodes = new Set<string>();
  for (const f of features as { properties?: Record<string, unknown> }[]) {
    const c = f?.properties?.communityCode ?? f?.properties?.community_code;
    if (typeof c === 'string') communityCodes.add(c);
  }
  const communities = new Map(
    communityCodes.size
      ? (await db.select(nodeColumns).from(orgNodes).where(inArray(orgNodes.code, [...communityCodes]))).map((n) => [n.code, n])
      : [],
  );
  const existing = new Map(
    (await db.select({ code: grids.code, communityCode: grids.communityCode }).from(grids)).map((g) => [g.code, g.communityCode]),
  );
  const writeScopes = scopePaths(actor, 'org.write');
  const seen = new Set<string>();
  const rows: (typeof grids.$inferInsert)[] = [];
  features.forEach((feature: unknown, index) => {
    const f = (feature ?? {}) as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
    if (f.type !== 'Feature') return bad(index, 'type', '不是 GeoJSON Feature', 'not a GeoJSON Feature');
    const p = f.properties ?? {};
    const code = typeof p.code === 'string' ? p.code.trim() : typeof p.code === 'number' ? String(p.code) : '';
    const name = typeof p.name === 'string' ? p.name.trim() : '';
    const kind = kindAliases[String(p.kind ?? '')];
    const communityCode = String(p.communityCode ?? p.community_code ?? '');
    const before = problems.length;
    if (!/^[A-Za-z0-9-]{1,32}$/.test(code)) bad(index, 'properties.code', '网格编码必须是 1–32 位字母、数字或连字符', 'code must be 1–32 letters, digits or hyphens', code);
    else if (seen.has(code)) bad(index, 'properties.code', `网格编码 ${code} 在文件中重复`, `code ${code} appears twice in the file`, code);
    seen.add(code);
    if (!name || name.length > 50) bad(index, 'properties.name', '网格名称必填，最多 50 字', 'name is required, at most 50 characters', code);
    if (!kind) bad(index, 'properties.kind', '网格类型必须是 community/key_unit/road（社区网格/重点单位网格/道路网格）', 'kind must be community, key_unit or road', code);
    const community = communities.get(communityCode);
    if (!community || community.level !== 'community') {
      bad(index, 'properties.communityCode', `社区编码 ${communityCode} 不存在`, `no community has code ${communityCode}`, code);
    } else if (!writeScopes.some((s) => coversPath(s, community.orgPath))) {
      bad(index, 'properties.communityCode', `社区 ${community.name} 不在您的管辖范围内`, `community ${communityCode} is outside your scope`, code);
    } else if (existing.has(code) && existing.get(code) !== communityCode) {
      bad(index, 'properties.code', `网格 ${code} 已属于其他社区`, `grid ${code} belongs to another community`, code);
    }
    const geometry = validateGridGeometry(f.geometry);
    if (!geometry.ok) {
      const text = geometryProblemText[geometry.problem];
      bad(index, 'geometry', text.zh, text.en, code);
    }
    if (problems.length === before && community && kind && geometry.ok) {
      rows.push({ code, name, kind, communityCode, geometry: geometry.geometry, ...bboxOf(geometry.geometry), orgPath: `${community.orgPath}.${code}` });
    }
  });
  if (problems.length > 0) throw new AppError('GEOJSON_INVALID', { count: problems.length, problems: problems.slice(0, 500) });
  const updated = rows.filter((r) => existing.has(r.code)).length;
  const result = { created: rows.length - updated, updated, dryRun: options.dryRun === true };
  if (options.dryRun) return result;
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(grids)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: grids.code,
          set: {
            name: sql`excluded.name`,
            kind: sql`excluded.kind`,
            geometry: sql`excluded.geometry`,
            minLng: sql`excluded.min_lng`,
            minLat: sql`excluded.min_lat`,
            maxLng: sql`excluded.max_lng`,
            maxLat: sql`excluded.max_lat`,
            version: sql`${grids.version} + 1`,
            updatedAt: sql`now()`,
          },
        });
    }
    await recordAudit(tx, actor, { action: 'org.grids.import', targetType: 'grid', details: { created: result.created, updated } });
  });
  invalidateGridIndex(db);
  return result;
}

// ---------------------------------------------------------------------------- point → grid

interface CachedIndex {
  index: GridIndex;
  paths: Map<string, string>;
  checkedAt: number;
  signature: string;
}
const gridIndexes = new WeakMap<Db, CachedIndex>();
// Other server processes may change grids; look again at most this often.
const INDEX_RECHECK_MS = 5_000;

function invalidateGridIndex(db: Db): void {
  gridIndexes.delete(db);
}

/** The spatial index of all grids, rebuilt when grids change. */
export async function loadGridIndex(db: Db): Promise<CachedIndex> {
  const cached = gridIndexes.get(db);
  if (cached && Date.now() - cached.checkedAt < INDEX_RECHECK_MS) return cached;
  const [sig] = await db
    .select({ signature: sql<string>`count(*)::text || ':' || coalesce(max(${grids.updatedAt})::text, '')` })
    .from(grids);
  const signature = sig?.signature ?? '';
  if (cached && cached.signature === signature) {
    cached.checkedAt = Date.now();
    return cached;
  }
  const rows = await db
    .select({ code: grids.code, geometry: grids.geometry, orgPath: grids.orgPath, minLng: grids.minLng, minLat: grids.minLat, maxLng: grids.maxLng, maxLat: grids.maxLat })
    .from(grids);
  const fresh: CachedIndex = {
    index: new GridIndex(rows.map((r) => ({ code: r.code, geometry: r.geometry, bbox: r }))),
    paths: new Map(rows.map((r) => [r.code, r.orgPath])),
    checkedAt: Date.now(),
    signature,
  };
  gridIndexes.set(db, fresh);
  return fresh;
}

/** The grid containing a point, without scope: for intake that places a report in its grid. */
export async function findGridAt(db: Db, lng: number, lat: number): Promise<{ code: string; orgPath: string } | undefined> {
  const { index, paths } = await loadGridIndex(db);
  const code = index.findGridAt(lng, lat);
  return code ? { code, orgPath: paths.get(code) as string } : undefined;
}

// ---------------------------------------------------------------------------- roster

/** The people serving a grid (staff view, with linked accounts). */
export async function listGridStaff(db: Db, actor: Actor, gridCode: string): Promise<GridStaffMember[]> {
  await getGrid(db, actor, gridCode);
  return db.select().from(gridStaff).where(eq(gridStaff.gridCode, gridCode)).orderBy(asc(gridStaff.sort), asc(gridStaff.createdAt));
}

/** Adds a person to a grid's roster. */
export async function addGridStaff(
  db: Db,
  actor: Actor,
  gridCode: string,
  input: { name: string; duty: GridDuty; phone?: string | undefined; userId?: string | undefined; sort?: number | undefined },
): Promise<GridStaffMember> {
  const grid = await getGrid(db, actor, gridCode);
  assertInScope(actor, 'grid.roster.write', grid.orgPath);
  return db.transaction(async (tx) => {
    const [member] = await tx
      .insert(gridStaff)
      .values({ gridCode, orgPath: grid.orgPath, name: input.name, duty: input.duty, phone: input.phone ?? null, userId: input.userId ?? null, sort: input.sort ?? 0 })
      .returning();
    await recordAudit(tx, actor, { action: 'org.roster.add', targetType: 'grid', targetId: gridCode, orgPath: grid.orgPath, details: { name: input.name, duty: input.duty } });
    return member as GridStaffMember;
  });
}

/** Removes a person from a grid's roster. */
export async function removeGridStaff(db: Db, actor: Actor, id: string): Promise<void> {
  const [member] = await db.select().from(gridStaff).where(eq(gridStaff.id, id));
  if (!member) throw new AppError('NOT_FOUND', { what: id });
  assertInScope(actor, 'grid.roster.write', member.orgPath);
  await db.transaction(async (tx) => {
    await tx.delete(gridStaff).where(eq(gridStaff.id, id));
    await recordAudit(tx, actor, { action: 'org.roster.remove', targetType: 'grid', targetId: member.gridCode, orgPath: member.orgPath, details: { name: member.name } });
  });
}

/** The public real-name roster of a grid (实名制公示): names, duties and work phones only. */
export async function publicRoster(db: Db, gridCode: string) {
  const [grid] = await db
    .select({ code: grids.code, name: grids.name, kind: grids.kind, communityName: orgNodes.name })
    .from(grids)
    .innerJoin(orgNodes, eq(orgNodes.code, grids.communityCode))
    .where(eq(grids.code, gridCode));
  if (!grid) throw new AppError('NOT_FOUND', { what: gridCode });
  const staff = await db
    .select({ name: gridStaff.name, duty: gridStaff.duty, phone: gridStaff.phone })
    .from(gridStaff)
    .where(eq(gridStaff.gridCode, gridCode))
    .orderBy(asc(gridStaff.sort), asc(gridStaff.createdAt));
  return { ...grid, staff };
}

export { gridKinds };
