// Service facilities: listed and read in scope, added to a community (placed in the grid
// their point lies in), changed with optimistic versions, deleted. Every write marks the
// district's coverage stale.
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { countAll, listPage, offsetOf, type ListPage } from '../../../platform/list-page.ts';
import { assertInScope, coversPath, inScope, requirePermission, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import { findGridAt, findOrgUnit, orgUnitNames } from '../../org/index.ts';
import type { CreateFacilityInput, FacilityView, ListFacilitiesQuery, UpdateFacilityInput } from '../contract.ts';
import { facilities } from '../schema.ts';
import { containsPattern, districtOn, ensureDistrictRow, fieldError, markCoverageStale, requirePlace } from './common.ts';
import { findKind } from './kinds.ts';

type FacilityRow = typeof facilities.$inferSelect;

/** Facility rows as the API shows them, with their communities' names. */
export async function presentFacilities(db: Db, rows: readonly FacilityRow[]): Promise<FacilityView[]> {
  const names = await orgUnitNames(db, [...new Set(rows.map((r) => r.communityCode))]);
  return rows.map(({ districtCode: _districtCode, ...r }) => ({ ...r, communityName: names.get(r.communityCode) ?? r.communityCode }));
}

/** The condition of a list or export: scope, the node asked for, kind, level and a name search. */
export async function facilityFilter(db: Db, actor: Actor, q: Pick<ListFacilitiesQuery, 'under' | 'kind' | 'level'> & { q?: string | undefined }): Promise<SQL> {
  requirePermission(actor, 'facilities.read');
  const conditions: SQL[] = [inScope(actor, 'facilities.read', facilities.orgPath)];
  if (q.under) conditions.push(underPaths(facilities.orgPath, [(await requirePlace(db, q.under)).orgPath]));
  if (q.kind) conditions.push(eq(facilities.kind, q.kind));
  if (q.level) conditions.push(eq(facilities.level, q.level));
  if (q.q) {
    const pattern = containsPattern(q.q);
    conditions.push(or(ilike(facilities.name, pattern), ilike(facilities.address, pattern), ilike(facilities.operatorName, pattern))!);
  }
  return and(...conditions)!;
}

export async function listFacilities(db: Db, actor: Actor, q: ListFacilitiesQuery): Promise<ListPage<FacilityView>> {
  const where = await facilityFilter(db, actor, q);
  return listPage(
    q,
    db.select().from(facilities).where(where).orderBy(asc(facilities.communityCode), asc(facilities.kind), asc(facilities.name)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(facilities).where(where),
    (rows) => presentFacilities(db, rows),
  );
}

async function loadFacility(db: Db, actor: Actor, id: string, permission: 'facilities.read' | 'facilities.write'): Promise<FacilityRow> {
  requirePermission(actor, permission);
  const [row] = await db.select().from(facilities).where(eq(facilities.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: '设施 / facility' });
  assertInScope(actor, permission, row.orgPath);
  return row;
}

export async function getFacility(db: Db, actor: Actor, id: string): Promise<FacilityView> {
  return (await presentFacilities(db, [await loadFacility(db, actor, id, 'facilities.read')]))[0]!;
}

/** Where a facility belongs: its community, the grid of that community its point lies in, and the district. */
async function placeFacility(db: Db, actor: Actor, communityCode: string, lng: number, lat: number, field = 'body.communityCode') {
  const community = await requirePlace(db, communityCode, '社区 / community');
  if (community.level !== 'community') throw fieldError(field, `${communityCode} 不是社区 / is not a community`);
  assertInScope(actor, 'facilities.write', community.orgPath);
  const district = await districtOn(db, community.orgPath);
  if (!district) throw fieldError(field, `${communityCode} 不在任何区县之下 / lies under no district`);
  const grid = await findGridAt(db, lng, lat);
  const inCommunity = grid && coversPath(community.orgPath, grid.orgPath) ? grid : undefined;
  return { community, district, gridCode: inCommunity?.code ?? null, orgPath: inCommunity?.orgPath ?? community.orgPath };
}

/** Checks the fields other modules or the standard table must know; returns the kind's level. */
async function checkReferences(db: Db, input: Partial<CreateFacilityInput>, prefix = 'body.') {
  const kind = input.kind === undefined ? undefined : await findKind(db, input.kind);
  if (input.kind !== undefined && !kind) throw fieldError(`${prefix}kind`, `没有设施类型 ${input.kind} / unknown kind`);
  if (input.operatorCode && !(await findOrgUnit(db, input.operatorCode))) throw fieldError(`${prefix}operatorCode`, `没有编码为 ${input.operatorCode} 的单位 / no org unit has this code`);
  return kind;
}

export async function createFacility(db: Db, actor: Actor, input: CreateFacilityInput): Promise<FacilityView> {
  requirePermission(actor, 'facilities.write');
  const kind = (await checkReferences(db, input))!;
  const place = await placeFacility(db, actor, input.communityCode, input.lng, input.lat);
  await ensureDistrictRow(db, place.district);
  const [row] = await db
    .insert(facilities)
    .values({ ...input, level: input.level ?? kind.level, gridCode: place.gridCode, orgPath: place.orgPath, districtCode: place.district.code })
    .returning();
  await recordAudit(db, actor, { action: 'facilities.create', targetType: 'facility', targetId: row!.id, orgPath: row!.orgPath, details: { name: row!.name, kind: row!.kind } });
  await markCoverageStale(db, place.district.code);
  return (await presentFacilities(db, [row!]))[0]!;
}

export async function updateFacility(db: Db, actor: Actor, id: string, input: UpdateFacilityInput): Promise<FacilityView> {
  const current = await loadFacility(db, actor, id, 'facilities.write');
  const { version, ...changes } = input;
  if (current.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
  await checkReferences(db, changes);
  const moved = changes.communityCode !== undefined || changes.lng !== undefined || changes.lat !== undefined;
  const place = moved ? await placeFacility(db, actor, changes.communityCode ?? current.communityCode, changes.lng ?? current.lng, changes.lat ?? current.lat) : undefined;
  if (place) await ensureDistrictRow(db, place.district);
  const [row] = await db
    .update(facilities)
    .set({
      ...changes,
      ...(place ? { gridCode: place.gridCode, orgPath: place.orgPath, districtCode: place.district.code } : {}),
      version: sql`${facilities.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(facilities.id, id), eq(facilities.version, version)))
    .returning();
  if (!row) throw new AppError('VERSION_CONFLICT', {});
  await recordAudit(db, actor, { action: 'facilities.update', targetType: 'facility', targetId: id, orgPath: row.orgPath, details: { ...changes } });
  await markCoverageStale(db, row.districtCode);
  if (row.districtCode !== current.districtCode) await markCoverageStale(db, current.districtCode);
  return (await presentFacilities(db, [row]))[0]!;
}

export async function deleteFacility(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  const current = await loadFacility(db, actor, id, 'facilities.write');
  if (current.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
  await db.delete(facilities).where(and(eq(facilities.id, id), eq(facilities.version, version)));
  await recordAudit(db, actor, { action: 'facilities.delete', targetType: 'facility', targetId: id, orgPath: current.orgPath, details: { name: current.name, kind: current.kind } });
  await markCoverageStale(db, current.districtCode);
}
