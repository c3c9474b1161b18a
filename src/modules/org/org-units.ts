// Org units (行政区划 and departments): the tree, its import from national data, search,
// renaming and departments.
import { and, asc, eq, ilike, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { fromExcluded, upsertInBatches } from '../../platform/bulk-insert.ts';
import { assertInScope, hasPermission, inScope, requirePermission, scopePaths, type Actor } from '../../platform/auth/scope.ts';
import { givenFields } from '../../platform/patch.ts';
import { loadDivisionSubtree } from './divisions.ts';
import { findOrgUnit } from './queries.ts';
import { orgNodes } from './schema.ts';
import type { CreateDepartmentInput, OrgUnitListItem, OrgUnitView, OrgUnitWithAncestors, UpdateOrgUnitInput } from './contract.ts';

/** The columns of an org unit as the contract shows it. */
export const orgUnitColumns = {
  code: orgNodes.code,
  parentCode: orgNodes.parentCode,
  level: orgNodes.level,
  name: orgNodes.name,
  fullName: orgNodes.fullName,
  orgPath: orgNodes.orgPath,
  communityType: orgNodes.communityType,
};

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
    await upsertInBatches(tx, orgNodes, rows, 1000, {
      target: orgNodes.code,
      set: { ...fromExcluded(orgNodes, ['name', 'fullName', 'parentCode', 'orgPath', 'level']), updatedAt: sql`now()` },
    });
    await recordAudit(tx, actor, { action: 'org.import', targetType: 'org_node', targetId: code, details: { nodes: rows.length } });
  });
  return { nodes: rows.length };
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
export async function listChildren(db: Db, actor: Actor, parentCode: string | undefined): Promise<OrgUnitListItem[]> {
  requirePermission(actor, 'org.read');
  return db
    .select({
      ...orgUnitColumns,
      // Counts only what the actor may see, also on the ancestors shown for navigation.
      childCount: sql<number>`(select count(*)::int from org_nodes c where c.parent_code = org_nodes.code and ${visibleCondition(actor, sql.raw('c.org_path'))})`,
      gridCount: sql<number>`(select count(*)::int from grids g where g.org_path like org_nodes.org_path || '.%' and ${inScope(actor, 'org.read', sql.raw('g.org_path'))})`,
    })
    .from(orgNodes)
    .where(and(parentCode ? eq(orgNodes.parentCode, parentCode) : isNull(orgNodes.parentCode), visibleCondition(actor)))
    .orderBy(asc(orgNodes.level), asc(orgNodes.code));
}

/** A node with its ancestors (for breadcrumbs); OUT_OF_SCOPE when the actor may not read it. */
export async function getNode(db: Db, actor: Actor, code: string): Promise<OrgUnitWithAncestors> {
  const node = await findOrgUnit(db, code);
  if (!node) throw new AppError('NOT_FOUND', { what: code });
  assertInScope(actor, 'org.read', node.orgPath);
  const ancestorCodes = node.orgPath.split('.').slice(0, -1);
  const ancestors = ancestorCodes.length
    ? await db.select(orgUnitColumns).from(orgNodes).where(inArray(orgNodes.code, ancestorCodes))
    : [];
  ancestors.sort((a, b) => a.orgPath.length - b.orgPath.length);
  return { ...node, ancestors };
}

/**
 * Searches nodes in scope by name or code. The security admin, who grants roles on nodes
 * anywhere, may search the whole tree's names and codes without holding org.read.
 */
export async function searchNodes(db: Db, actor: Actor, q: string, limit = 20): Promise<OrgUnitListItem[]> {
  const grants = hasPermission(actor, 'role.grant') || hasPermission(actor, 'apikey.manage');
  if (!grants) requirePermission(actor, 'org.read');
  const term = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
  return db
    .select(orgUnitColumns)
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
  changes: UpdateOrgUnitInput,
): Promise<OrgUnitView> {
  const node = await findOrgUnit(db, code);
  if (!node) throw new AppError('NOT_FOUND', { what: code });
  assertInScope(actor, 'org.write', node.orgPath);
  if (changes.communityType !== undefined && node.level !== 'community') {
    throw new AppError('VALIDATION_FAILED', { summary: 'communityType: 只有社区可以设置社区类型 / only communities have a type' });
  }
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(orgNodes)
      .set({
        ...givenFields(changes, ['name', 'communityType']),
        updatedAt: sql`now()`,
      })
      .where(eq(orgNodes.code, code))
      .returning(orgUnitColumns);
    await recordAudit(tx, actor, { action: 'org.node.update', targetType: 'org_node', targetId: code, orgPath: node.orgPath, details: changes });
    return updated as OrgUnitView;
  });
}

/** Adds a department (职能部门) under a district or street; departments receive work orders. */
export async function createDepartment(db: Db, actor: Actor, input: CreateDepartmentInput): Promise<OrgUnitView> {
  const parent = await findOrgUnit(db, input.parentCode);
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
      .returning(orgUnitColumns);
    await recordAudit(tx, actor, { action: 'org.department.create', targetType: 'org_node', targetId: code, orgPath: parent.orgPath });
    return created as OrgUnitView;
  });
}
