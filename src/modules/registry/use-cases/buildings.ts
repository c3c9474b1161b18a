// Buildings (楼栋): listed with counts, read with their houses, added to a grid, changed
// (moving to another grid of the community moves everything in them), deleted when empty.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { listPage, countAll, offsetOf, emptyPage } from '../../../platform/list-page.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import { givenFields } from '../../../platform/patch.ts';
import type { GridRef } from '../../org/index.ts';
import type { BuildingDetail, BuildingListQuery, BuildingRow, BuildingView, CreateBuildingBody, Page, UpdateBuildingBody } from '../contract.ts';
import { buildings, houses } from '../schema.ts';
import { searchTermsOf, tsqueryFor } from '../text-search.ts';
import { lexemes, pathOfCode, requireGrid, underPath, validationFailed } from './common.ts';
import { loadBuilding, type Building } from './load.ts';

/** A building row as the API shows it (without its search column). */
function buildingView({ search: _search, ...view }: Building): BuildingView & Omit<Building, 'search'> {
  return view;
}

/** Buildings in scope, with house and resident counts; searchable by name or address. */
export async function listBuildings(db: Db, actor: Actor, q: BuildingListQuery): Promise<Page<BuildingRow>> {
  requirePermission(actor, 'registry.read');
  const path = await pathOfCode(db, q.under);
  const conditions = [inScope(actor, 'registry.read', buildings.orgPath), underPath(sql`${buildings.orgPath}`, path)];
  const query = q.q ? tsqueryFor(q.q) : undefined;
  if (q.q && !query) return emptyPage(q);
  if (query) conditions.push(sql`${buildings.search} @@ ${query}::tsquery`);
  const where = and(...conditions);
  return listPage(
    q,
    db
      .select({
        id: buildings.id,
        communityCode: buildings.communityCode,
        gridCode: buildings.gridCode,
        orgPath: buildings.orgPath,
        name: buildings.name,
        address: buildings.address,
        floors: buildings.floors,
        units: buildings.units,
        use: buildings.use,
        lng: buildings.lng,
        lat: buildings.lat,
        version: buildings.version,
        houseCount: sql<number>`(select count(*)::int from houses h where h.building_id = buildings.id)`,
        residentCount: sql<number>`(select count(*)::int from residents r join houses h on h.id = r.house_id where h.building_id = buildings.id and r.status = 'active')`,
      })
      .from(buildings)
      .where(where)
      .orderBy(asc(buildings.gridCode), asc(buildings.name))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select(countAll).from(buildings).where(where),
  );
}

/** One building with its houses (and how many live in each). */
export async function getBuilding(db: Db, actor: Actor, id: string): Promise<BuildingDetail> {
  const building = await loadBuilding(db, actor, id, 'registry.read');
  const houseRows = await db
    .select({
      id: houses.id,
      unit: houses.unit,
      floor: houses.floor,
      number: houses.number,
      tenure: houses.tenure,
      householdCount: sql<number>`(select count(*)::int from households hh where hh.house_id = houses.id)`,
      residentCount: sql<number>`(select count(*)::int from residents r where r.house_id = houses.id and r.status = 'active')`,
    })
    .from(houses)
    .where(eq(houses.buildingId, id))
    .orderBy(asc(houses.unit), asc(houses.floor), asc(houses.number));
  return { ...buildingView(building), houses: houseRows };
}

/** Adds a building to a grid. */
export async function createBuilding(db: Db, actor: Actor, input: CreateBuildingBody): Promise<BuildingView> {
  const grid = await requireGrid(db, input.gridCode);
  assertInScope(actor, 'registry.write', grid.orgPath);
  const [taken] = await db.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.communityCode, grid.communityCode), eq(buildings.name, input.name)));
  if (taken) throw new AppError('CONFLICT', { what: `楼栋 ${input.name}` });
  const address = input.address?.trim() || input.name;
  return db.transaction(async (tx) => {
    const [building] = await tx
      .insert(buildings)
      .values({
        communityCode: grid.communityCode,
        gridCode: grid.code,
        orgPath: grid.orgPath,
        name: input.name,
        address,
        floors: input.floors ?? null,
        units: input.units ?? null,
        use: input.use ?? 'residential',
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        search: lexemes(searchTermsOf(input.name, address)),
      })
      .returning();
    const created = building as Building;
    await recordAudit(tx, actor, { action: 'registry.building.create', targetType: 'building', targetId: created.id, orgPath: created.orgPath, details: { name: created.name } });
    return buildingView(created);
  });
}

/**
 * Changes a building; moving it to another grid (of the same community) moves its houses,
 * households, residents and their key groups and visits into that grid's scope.
 */
export async function updateBuilding(db: Db, actor: Actor, id: string, changes: UpdateBuildingBody): Promise<BuildingView> {
  const current = await loadBuilding(db, actor, id, 'registry.write');
  let grid: GridRef | undefined;
  if (changes.gridCode && changes.gridCode !== current.gridCode) {
    grid = await requireGrid(db, changes.gridCode);
    assertInScope(actor, 'registry.write', grid.orgPath);
    if (grid.communityCode !== current.communityCode) throw validationFailed([{ field: 'body.gridCode', message: '楼栋只能移到本社区的其他网格' }]);
  }
  const name = changes.name ?? current.name;
  const address = changes.address?.trim() || (changes.name && current.address === current.name ? changes.name : current.address);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(buildings)
      .set({
        name,
        address,
        ...givenFields(changes, ['floors', 'units', 'use', 'lng', 'lat']),
        ...(grid ? { gridCode: grid.code, orgPath: grid.orgPath } : {}),
        search: lexemes(searchTermsOf(name, address)),
        version: sql`${buildings.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(buildings.id, id), eq(buildings.version, changes.version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { id });
    if (grid) await moveBuildingContents(tx, id, grid);
    await recordAudit(tx, actor, {
      action: 'registry.building.update',
      targetType: 'building',
      targetId: id,
      orgPath: updated.orgPath,
      details: { fields: Object.keys(changes).filter((k) => k !== 'version'), fromGrid: grid ? current.gridCode : undefined },
    });
    return buildingView(updated);
  });
}

async function moveBuildingContents(tx: Db, buildingId: string, grid: GridRef): Promise<void> {
  const houseIds = sql`(select id from houses where building_id = ${buildingId})`;
  const residentIds = sql`(select id from residents where house_id in ${houseIds})`;
  await tx.execute(sql`update houses set grid_code = ${grid.code}, org_path = ${grid.orgPath} where building_id = ${buildingId}`);
  await tx.execute(sql`update households set grid_code = ${grid.code}, org_path = ${grid.orgPath} where house_id in ${houseIds}`);
  await tx.execute(sql`update key_group_memberships set org_path = ${grid.orgPath} where resident_id in ${residentIds}`);
  await tx.execute(sql`update visits set org_path = ${grid.orgPath} where resident_id in ${residentIds}`);
  await tx.execute(sql`update residents set grid_code = ${grid.code}, org_path = ${grid.orgPath} where house_id in ${houseIds}`);
}

/** Deletes a building that has no houses. */
export async function deleteBuilding(db: Db, actor: Actor, id: string): Promise<void> {
  const building = await loadBuilding(db, actor, id, 'registry.write');
  const [child] = await db.select({ id: houses.id }).from(houses).where(eq(houses.buildingId, id)).limit(1);
  if (child) throw new AppError('REGISTRY_NOT_EMPTY', { what: `楼栋 ${building.name}`, children: '房屋' });
  await db.transaction(async (tx) => {
    await tx.delete(buildings).where(eq(buildings.id, id));
    await recordAudit(tx, actor, { action: 'registry.building.delete', targetType: 'building', targetId: id, orgPath: building.orgPath, details: { name: building.name } });
  });
}
