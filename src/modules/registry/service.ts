import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import { assertInScope, canAccess, hasPermission, inScope, requirePermission, type Actor } from '../../platform/auth/scope.ts';
import { findOrgNode, grids } from '../org/index.ts';
import { checkAgainstIdNumber, idNumberProblemMessage, validateIdNumber, type Gender } from './id-number.ts';
import { mobileProblemMessage, validateMobile } from './phone.ts';
import { maskIdNumber, maskMobile } from './mask.ts';
import { nameSearchKeys, searchTermKind } from './pinyin.ts';
import { searchTermsOf, tsqueryFor } from './text-search.ts';
import { kindCatalogue, visibleMembershipCondition } from './care.ts';
import {
  buildings,
  households,
  houses,
  keyGroupMemberships,
  residenceHistory,
  residents,
  type BuildingUse,
  type Education,
  type HouseTenure,
  type PoliticalStatus,
  type Relation,
  type ResidenceType,
  type ResidentStatus,
} from './schema.ts';
import { ageOn, chinaToday, parseEthnicity, relationLabels } from './vocabulary.ts';

export type Building = typeof buildings.$inferSelect;
export type House = typeof houses.$inferSelect;
export type Household = typeof households.$inferSelect;
export type Resident = typeof residents.$inferSelect;

export interface FieldProblem {
  field: string;
  message: string;
}

/** VALIDATION_FAILED naming each field, as the HTTP layer does for schema errors. */
export function validationFailed(fields: FieldProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', { fields, summary: fields.map((f) => `${f.field}: ${f.message}`).join('; ') });
}

const lexemes = (terms: string[]) => sql`array_to_tsvector(${sql.param(terms)}::text[])`;

// ---------------------------------------------------------------------------- reveal

/** A request to see identifiers in clear, with the reason the user gave. */
export interface Reveal {
  reason: string;
  /** Set by a caller that has already audited this reveal as a whole (an export). */
  audited?: boolean;
}

/**
 * Turns ?reveal=true&reason=… into a Reveal, or null when the user did not ask. Asking
 * without the permission is FORBIDDEN; asking without a reason is a validation error.
 */
export async function revealRequest(db: Db, actor: Actor, query: { reveal?: boolean | undefined; reason?: string | undefined }): Promise<Reveal | null> {
  if (!query.reveal) return null;
  if (!hasPermission(actor, 'registry.reveal')) {
    // An attempt to see identifiers without the right is itself worth recording.
    await recordAudit(db, actor, { action: 'registry.reveal', result: 'denied', targetType: 'resident', details: { reason: query.reason?.slice(0, 200) } });
    throw new AppError('FORBIDDEN', { permission: 'registry.reveal' });
  }
  const reason = query.reason?.trim() ?? '';
  if (reason.length < 2) throw validationFailed([{ field: 'querystring.reason', message: '查看明文须填写事由 / a reason is required to reveal' }]);
  return { reason: reason.slice(0, 200) };
}

/** Whether this row's identifiers may be shown in clear for this request. */
export function mayReveal(actor: Actor, reveal: Reveal | null, orgPath: string): boolean {
  return reveal !== null && canAccess(actor, 'registry.reveal', orgPath);
}

/** Records that identifiers of these residents were shown in clear, with the reason. */
export async function auditReveal(db: Db, actor: Actor, reveal: Reveal, residentIds: string[], context: string): Promise<void> {
  if (residentIds.length === 0) return;
  await recordAudit(db, actor, {
    action: 'registry.reveal',
    targetType: 'resident',
    targetId: residentIds.length === 1 ? residentIds[0] : undefined,
    details: { reason: reveal.reason, context, count: residentIds.length, residentIds: residentIds.slice(0, 1000) },
  });
}

// ---------------------------------------------------------------------------- presenting

export interface ResidentView {
  id: string;
  name: string;
  gender: Gender;
  /** YYYY-MM-DD when revealed, else YYYY-**-** (the masked ID number hides exactly these digits). */
  birthDate: string;
  age: number;
  idNumber: string;
  phone: string | null;
  revealed: boolean;
  ethnicity: string | null;
  residenceType: ResidenceType;
  arrivedOn: string | null;
  employer: string | null;
  education: Education | null;
  politicalStatus: PoliticalStatus | null;
  notes: string | null;
  status: ResidentStatus;
  gridCode: string;
  orgPath: string;
  houseId: string | null;
  householdId: string | null;
  relation: Relation | null;
  address: string | null;
  keyGroups: { id: string; kind: string; name: string; nextVisitDue: string | null }[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A house's address as people write it: 翠微路28号院3号楼2单元302室. */
export function houseAddress(building: { name: string }, house: { unit: string; number: string }): string {
  return `${building.name}${house.unit ? `${house.unit}单元` : ''}${house.number}室`;
}

/**
 * A resident as every response and export shows them: ID number and phone masked (and the
 * birth date's month and day, which the mask hides in the ID number), unless `revealed`.
 */
export function presentResident(
  pii: PiiCipher,
  r: Resident,
  extra: { revealed: boolean; address: string | null; keyGroups?: ResidentView['keyGroups'] | undefined; today?: string | undefined },
): ResidentView {
  const idNumber = pii.decrypt(r.idNumberEnc);
  const phone = r.phoneEnc ? pii.decrypt(r.phoneEnc) : null;
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: extra.revealed ? r.birthDate : `${r.birthDate.slice(0, 4)}-**-**`,
    age: ageOn(r.birthDate, extra.today ?? chinaToday()),
    idNumber: extra.revealed ? idNumber : maskIdNumber(idNumber),
    phone: phone === null ? null : extra.revealed ? phone : maskMobile(phone),
    revealed: extra.revealed,
    ethnicity: r.ethnicity,
    residenceType: r.residenceType,
    arrivedOn: r.arrivedOn,
    employer: r.employer,
    education: r.education,
    politicalStatus: r.politicalStatus,
    notes: r.notes,
    status: r.status,
    gridCode: r.gridCode,
    orgPath: r.orgPath,
    houseId: r.houseId,
    householdId: r.householdId,
    relation: r.relation,
    address: extra.address,
    keyGroups: extra.keyGroups ?? [],
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Addresses and visible key groups of some residents, for presenting them. */
async function residentExtras(db: Db, actor: Actor, rows: Resident[]) {
  const houseIds = [...new Set(rows.map((r) => r.houseId).filter((id): id is string => id !== null))];
  const residentIds = rows.map((r) => r.id);
  const [addressRows, memberships, catalogue] = await Promise.all([
    houseIds.length
      ? db
          .select({ id: houses.id, unit: houses.unit, number: houses.number, buildingName: buildings.name })
          .from(houses)
          .innerJoin(buildings, eq(buildings.id, houses.buildingId))
          .where(inArray(houses.id, houseIds))
      : [],
    residentIds.length
      ? db
          .select({ id: keyGroupMemberships.id, residentId: keyGroupMemberships.residentId, kind: keyGroupMemberships.kind, nextVisitDue: keyGroupMemberships.nextVisitDue })
          .from(keyGroupMemberships)
          .where(and(inArray(keyGroupMemberships.residentId, residentIds), isNull(keyGroupMemberships.until), visibleMembershipCondition(actor)))
          .orderBy(asc(keyGroupMemberships.createdAt))
      : [],
    kindCatalogue(db),
  ]);
  const addresses = new Map(addressRows.map((h) => [h.id, houseAddress({ name: h.buildingName }, h)]));
  const groups = new Map<string, ResidentView['keyGroups']>();
  for (const m of memberships) {
    const list = groups.get(m.residentId) ?? [];
    list.push({ id: m.id, kind: m.kind, name: catalogue.get(m.kind)?.name ?? m.kind, nextVisitDue: m.nextVisitDue });
    groups.set(m.residentId, list);
  }
  return { addresses, groups };
}

/**
 * Presents residents for an actor: masked, or in clear where `reveal` was asked for and
 * the actor may reveal that row; the reveal is audited before anything is returned.
 */
export async function presentResidents(db: Db, pii: PiiCipher, actor: Actor, rows: Resident[], reveal: Reveal | null, context: string): Promise<ResidentView[]> {
  const { addresses, groups } = await residentExtras(db, actor, rows);
  const today = chinaToday();
  const views = rows.map((r) =>
    presentResident(pii, r, {
      revealed: mayReveal(actor, reveal, r.orgPath),
      address: r.houseId ? (addresses.get(r.houseId) ?? null) : null,
      keyGroups: groups.get(r.id),
      today,
    }),
  );
  if (reveal && !reveal.audited) await auditReveal(db, actor, reveal, views.filter((v) => v.revealed).map((v) => v.id), context);
  return views;
}

// ---------------------------------------------------------------------------- places

interface GridInfo {
  code: string;
  communityCode: string;
  orgPath: string;
}

/** A grid by code (no scope: callers check it). */
export async function gridByCode(db: Db, code: string): Promise<GridInfo | undefined> {
  const [grid] = await db.select({ code: grids.code, communityCode: grids.communityCode, orgPath: grids.orgPath }).from(grids).where(eq(grids.code, code));
  return grid;
}

async function requireGrid(db: Db, code: string): Promise<GridInfo> {
  const grid = await gridByCode(db, code);
  if (!grid) throw new AppError('NOT_FOUND', { what: `网格 ${code}` });
  return grid;
}

/** Where a node or grid code lies, as a path prefix for filters; undefined when no code. */
export async function pathOfCode(db: Db, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const node = await findOrgNode(db, code);
  if (node) return node.orgPath;
  const grid = await gridByCode(db, code);
  if (grid) return grid.orgPath;
  throw new AppError('NOT_FOUND', { what: code });
}

function underPath(column: SQL | typeof residents.orgPath, path: string | undefined): SQL {
  return path ? sql`(${column} = ${path} or ${column} like ${`${path}.%`})` : sql`true`;
}

export interface BuildingInput {
  gridCode: string;
  name: string;
  address?: string | undefined;
  floors?: number | null | undefined;
  units?: number | null | undefined;
  use?: BuildingUse | undefined;
  lng?: number | null | undefined;
  lat?: number | null | undefined;
}

/** Buildings in scope, with house and resident counts; searchable by name or address. */
export async function listBuildings(
  db: Db,
  actor: Actor,
  q: { under?: string | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  requirePermission(actor, 'registry.read');
  const path = await pathOfCode(db, q.under);
  const conditions = [inScope(actor, 'registry.read', buildings.orgPath), underPath(sql`${buildings.orgPath}`, path)];
  const query = q.q ? tsqueryFor(q.q) : undefined;
  if (q.q && !query) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  if (query) conditions.push(sql`${buildings.search} @@ ${query}::tsquery`);
  const where = and(...conditions);
  const [items, [count]] = await Promise.all([
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
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(buildings).where(where),
  ]);
  return { items, total: count?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadBuilding(db: Db, actor: Actor, id: string, permission: 'registry.read' | 'registry.write'): Promise<Building> {
  const [building] = await db.select().from(buildings).where(eq(buildings.id, id));
  if (!building) throw new AppError('NOT_FOUND', { what: `楼栋 ${id}` });
  assertInScope(actor, permission, building.orgPath);
  return building;
}

/** One building with its houses (and how many live in each). */
export async function getBuilding(db: Db, actor: Actor, id: string) {
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
  const { search: _search, ...view } = building;
  return { ...view, houses: houseRows };
}

/** Adds a building to a grid. */
export async function createBuilding(db: Db, actor: Actor, input: BuildingInput) {
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
        search: lexemes(searchTermsOf(input.name, address)) as unknown as string,
      })
      .returning();
    const created = building as Building;
    await recordAudit(tx, actor, { action: 'registry.building.create', targetType: 'building', targetId: created.id, orgPath: created.orgPath, details: { name: created.name } });
    const { search: _s, ...view } = created;
    return view;
  });
}

/**
 * Changes a building; moving it to another grid (of the same community) moves its houses,
 * households, residents and their key groups and visits into that grid's scope.
 */
export async function updateBuilding(db: Db, actor: Actor, id: string, changes: Partial<BuildingInput> & { version: number }) {
  const current = await loadBuilding(db, actor, id, 'registry.write');
  let grid: GridInfo | undefined;
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
        ...(changes.floors !== undefined ? { floors: changes.floors } : {}),
        ...(changes.units !== undefined ? { units: changes.units } : {}),
        ...(changes.use !== undefined ? { use: changes.use } : {}),
        ...(changes.lng !== undefined ? { lng: changes.lng } : {}),
        ...(changes.lat !== undefined ? { lat: changes.lat } : {}),
        ...(grid ? { gridCode: grid.code, orgPath: grid.orgPath } : {}),
        search: lexemes(searchTermsOf(name, address)) as unknown as string,
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
    const { search: _s, ...view } = updated;
    return view;
  });
}

async function moveBuildingContents(tx: Db, buildingId: string, grid: GridInfo): Promise<void> {
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

export interface HouseInput {
  buildingId: string;
  unit?: string | undefined;
  floor?: number | null | undefined;
  number: string;
  area?: number | null | undefined;
  tenure?: HouseTenure | undefined;
  notes?: string | null | undefined;
}

async function loadHouse(db: Db, actor: Actor, id: string, permission: 'registry.read' | 'registry.write'): Promise<House & { buildingName: string }> {
  const [row] = await db.select({ house: houses, buildingName: buildings.name }).from(houses).innerJoin(buildings, eq(buildings.id, houses.buildingId)).where(eq(houses.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `房屋 ${id}` });
  assertInScope(actor, permission, row.house.orgPath);
  return { ...row.house, buildingName: row.buildingName };
}

/** Houses in scope (of a building, or found by building name and number), for drill-down and look-up. */
export async function listHouses(
  db: Db,
  actor: Actor,
  q: { buildingId?: string | undefined; under?: string | undefined; q?: string | undefined; tenure?: HouseTenure | undefined; page: number; pageSize: number },
) {
  requirePermission(actor, 'registry.read');
  const path = await pathOfCode(db, q.under);
  const conditions: SQL[] = [inScope(actor, 'registry.read', houses.orgPath), underPath(sql`${houses.orgPath}`, path)];
  if (q.buildingId) conditions.push(eq(houses.buildingId, q.buildingId));
  if (q.tenure) conditions.push(eq(houses.tenure, q.tenure));
  if (q.q) {
    // "3号楼 302": the words match the building, a trailing number the house.
    const match = /^(.*?)[\s-]*(\d{1,5})室?$/.exec(q.q.trim());
    const words = match ? match[1] : q.q;
    const query = words ? tsqueryFor(words) : undefined;
    if (query) conditions.push(sql`${buildings.search} @@ ${query}::tsquery`);
    if (match?.[2]) conditions.push(eq(houses.number, match[2]));
    if (!query && !match?.[2]) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  }
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: houses.id,
        buildingId: houses.buildingId,
        buildingName: buildings.name,
        gridCode: houses.gridCode,
        orgPath: houses.orgPath,
        unit: houses.unit,
        floor: houses.floor,
        number: houses.number,
        tenure: houses.tenure,
        version: houses.version,
        residentCount: sql<number>`(select count(*)::int from residents r where r.house_id = houses.id and r.status = 'active')`,
      })
      .from(houses)
      .innerJoin(buildings, eq(buildings.id, houses.buildingId))
      .where(where)
      .orderBy(asc(buildings.name), asc(houses.unit), asc(houses.number))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(houses).innerJoin(buildings, eq(buildings.id, houses.buildingId)).where(where),
  ]);
  return { items: rows.map((h) => ({ ...h, address: houseAddress({ name: h.buildingName }, h) })), total: count?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/** One house with its households and the people in each (以房管人). */
export async function getHouse(db: Db, pii: PiiCipher, actor: Actor, id: string, reveal: Reveal | null) {
  const house = await loadHouse(db, actor, id, 'registry.read');
  const householdRows = await db.select().from(households).where(eq(households.houseId, id)).orderBy(asc(households.number));
  const people = await db
    .select()
    .from(residents)
    .where(and(eq(residents.houseId, id), eq(residents.status, 'active'), inScope(actor, 'registry.read', residents.orgPath)))
    .orderBy(asc(residents.birthDate));
  const views = await presentResidents(db, pii, actor, people, reveal, `house:${id}`);
  const { buildingName, ...rest } = house;
  return {
    ...rest,
    buildingName,
    address: houseAddress({ name: buildingName }, house),
    households: householdRows.map((h) => ({ ...h, members: views.filter((v) => v.householdId === h.id) })),
    others: views.filter((v) => v.householdId === null),
  };
}

/** Adds a house to a building. */
export async function createHouse(db: Db, actor: Actor, input: HouseInput) {
  const building = await loadBuilding(db, actor, input.buildingId, 'registry.write');
  const unit = (input.unit ?? '').trim().replace(/单元$/, '');
  const number = input.number.trim().replace(/室$/, '');
  const [taken] = await db.select({ id: houses.id }).from(houses).where(and(eq(houses.buildingId, building.id), eq(houses.unit, unit), eq(houses.number, number)));
  if (taken) throw new AppError('CONFLICT', { what: `房屋 ${houseAddress(building, { unit, number })}` });
  return db.transaction(async (tx) => {
    const [house] = await tx
      .insert(houses)
      .values({
        buildingId: building.id,
        gridCode: building.gridCode,
        orgPath: building.orgPath,
        unit,
        floor: input.floor ?? (/^\d{3,4}$/.test(number) ? Math.floor(Number(number) / 100) : null),
        number,
        area: input.area ?? null,
        tenure: input.tenure ?? 'owner_occupied',
        notes: input.notes ?? null,
      })
      .returning();
    const created = house as House;
    await recordAudit(tx, actor, { action: 'registry.house.create', targetType: 'house', targetId: created.id, orgPath: created.orgPath });
    return { ...created, buildingName: building.name, address: houseAddress(building, created) };
  });
}

/** Changes a house's number, floor, area, tenure or notes. */
export async function updateHouse(db: Db, actor: Actor, id: string, changes: Partial<Omit<HouseInput, 'buildingId'>> & { version: number }) {
  const current = await loadHouse(db, actor, id, 'registry.write');
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(houses)
      .set({
        ...(changes.unit !== undefined ? { unit: changes.unit.trim().replace(/单元$/, '') } : {}),
        ...(changes.number !== undefined ? { number: changes.number.trim().replace(/室$/, '') } : {}),
        ...(changes.floor !== undefined ? { floor: changes.floor } : {}),
        ...(changes.area !== undefined ? { area: changes.area } : {}),
        ...(changes.tenure !== undefined ? { tenure: changes.tenure } : {}),
        ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
        version: sql`${houses.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(houses.id, id), eq(houses.version, changes.version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { id });
    await recordAudit(tx, actor, { action: 'registry.house.update', targetType: 'house', targetId: id, orgPath: updated.orgPath, details: { fields: Object.keys(changes).filter((k) => k !== 'version') } });
    return { ...updated, buildingName: current.buildingName, address: houseAddress({ name: current.buildingName }, updated) };
  });
}

/** Deletes a house where nobody lives and no household is registered. */
export async function deleteHouse(db: Db, actor: Actor, id: string): Promise<void> {
  const house = await loadHouse(db, actor, id, 'registry.write');
  const [household] = await db.select({ id: households.id }).from(households).where(eq(households.houseId, id)).limit(1);
  const [resident] = await db.select({ id: residents.id }).from(residents).where(eq(residents.houseId, id)).limit(1);
  const [history] = await db.select({ id: residenceHistory.id }).from(residenceHistory).where(eq(residenceHistory.houseId, id)).limit(1);
  if (household || resident || history) throw new AppError('REGISTRY_NOT_EMPTY', { what: `房屋 ${houseAddress({ name: house.buildingName }, house)}`, children: '住户或居住记录' });
  await db.transaction(async (tx) => {
    await tx.delete(houses).where(eq(houses.id, id));
    await recordAudit(tx, actor, { action: 'registry.house.delete', targetType: 'house', targetId: id, orgPath: house.orgPath });
  });
}

// ---------------------------------------------------------------------------- households

async function loadHousehold(db: Db, actor: Actor, id: string, permission: 'registry.read' | 'registry.write' | 'registry.export'): Promise<Household> {
  const [household] = await db.select().from(households).where(eq(households.id, id));
  if (!household) throw new AppError('NOT_FOUND', { what: `户 ${id}` });
  assertInScope(actor, permission, household.orgPath);
  return household;
}

async function nextHouseholdNumber(db: Db, houseId: string): Promise<string> {
  const rows = await db.select({ number: households.number }).from(households).where(eq(households.houseId, houseId));
  const used = new Set(rows.map((r) => r.number));
  let n = 1;
  while (used.has(String(n))) n++;
  return String(n);
}

/** Registers a household in a house (its members join it afterwards). */
export async function createHousehold(db: Db, actor: Actor, input: { houseId: string; number?: string | undefined }) {
  const house = await loadHouse(db, actor, input.houseId, 'registry.write');
  const number = input.number?.trim() || (await nextHouseholdNumber(db, house.id));
  const [taken] = await db.select({ id: households.id }).from(households).where(and(eq(households.houseId, house.id), eq(households.number, number)));
  if (taken) throw new AppError('CONFLICT', { what: `第${number}户` });
  return db.transaction(async (tx) => {
    const [household] = await tx.insert(households).values({ houseId: house.id, gridCode: house.gridCode, orgPath: house.orgPath, number }).returning();
    const created = household as Household;
    await recordAudit(tx, actor, { action: 'registry.household.create', targetType: 'household', targetId: created.id, orgPath: created.orgPath });
    return created;
  });
}

/** A household file (一户一档): the house, the members with their relation, and who lived here before. */
export async function getHousehold(db: Db, pii: PiiCipher, actor: Actor, id: string, reveal: Reveal | null, permission: 'registry.read' | 'registry.export' = 'registry.read') {
  const household = await loadHousehold(db, actor, id, permission);
  const house = await loadHouse(db, actor, household.houseId, 'registry.read');
  const members = await db
    .select()
    .from(residents)
    .where(and(eq(residents.householdId, id), eq(residents.status, 'active'), inScope(actor, 'registry.read', residents.orgPath)))
    .orderBy(sql`case when ${residents.relation} = 'head' then 0 else 1 end`, asc(residents.birthDate));
  const views = await presentResidents(db, pii, actor, members, reveal, `household:${id}`);
  const history = await db
    .select({
      residentId: residenceHistory.residentId,
      name: residents.name,
      relation: residenceHistory.relation,
      movedInOn: residenceHistory.movedInOn,
      movedOutOn: residenceHistory.movedOutOn,
      reason: residenceHistory.reason,
    })
    .from(residenceHistory)
    .innerJoin(residents, eq(residents.id, residenceHistory.residentId))
    .where(eq(residenceHistory.householdId, id))
    .orderBy(asc(residenceHistory.movedInOn), asc(residents.name));
  return {
    ...household,
    address: houseAddress({ name: house.buildingName }, house),
    house: { id: house.id, buildingId: house.buildingId, buildingName: house.buildingName, unit: house.unit, floor: house.floor, number: house.number, tenure: house.tenure },
    members: views,
    history,
  };
}

/** Sets a household's head (who must be a member) or number. */
export async function updateHousehold(db: Db, actor: Actor, id: string, changes: { version: number; headResidentId?: string | null | undefined; number?: string | undefined }) {
  const household = await loadHousehold(db, actor, id, 'registry.write');
  if (changes.headResidentId) {
    const [member] = await db.select({ id: residents.id }).from(residents).where(and(eq(residents.id, changes.headResidentId), eq(residents.householdId, id)));
    if (!member) throw validationFailed([{ field: 'body.headResidentId', message: '户主必须是本户成员' }]);
  }
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(households)
      .set({
        ...(changes.headResidentId !== undefined ? { headResidentId: changes.headResidentId } : {}),
        ...(changes.number !== undefined ? { number: changes.number } : {}),
        version: sql`${households.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(households.id, id), eq(households.version, changes.version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { id });
    if (changes.headResidentId) {
      // The old head becomes "other" until someone sets the right relation.
      await tx.update(residents).set({ relation: 'other', version: sql`${residents.version} + 1`, updatedAt: sql`now()` }).where(and(eq(residents.householdId, id), eq(residents.relation, 'head'), ne(residents.id, changes.headResidentId)));
      await tx.update(residents).set({ relation: 'head', version: sql`${residents.version} + 1`, updatedAt: sql`now()` }).where(eq(residents.id, changes.headResidentId));
    }
    await recordAudit(tx, actor, { action: 'registry.household.update', targetType: 'household', targetId: id, orgPath: household.orgPath, details: { fields: Object.keys(changes).filter((k) => k !== 'version') } });
    return updated;
  });
}

/** Deletes a household that has no members and no history. */
export async function deleteHousehold(db: Db, actor: Actor, id: string): Promise<void> {
  const household = await loadHousehold(db, actor, id, 'registry.write');
  const [member] = await db.select({ id: residents.id }).from(residents).where(eq(residents.householdId, id)).limit(1);
  const [history] = await db.select({ id: residenceHistory.id }).from(residenceHistory).where(eq(residenceHistory.householdId, id)).limit(1);
  if (member || history) throw new AppError('REGISTRY_NOT_EMPTY', { what: '该户', children: '成员或居住记录' });
  await db.transaction(async (tx) => {
    await tx.delete(households).where(eq(households.id, id));
    await recordAudit(tx, actor, { action: 'registry.household.delete', targetType: 'household', targetId: id, orgPath: household.orgPath });
  });
}

// ---------------------------------------------------------------------------- residents

export interface ResidentInput {
  name: string;
  idNumber: string;
  gender?: Gender | undefined;
  birthDate?: string | undefined;
  phone?: string | null | undefined;
  ethnicity?: string | null | undefined;
  residenceType?: ResidenceType | undefined;
  arrivedOn?: string | null | undefined;
  employer?: string | null | undefined;
  education?: Education | null | undefined;
  politicalStatus?: PoliticalStatus | null | undefined;
  notes?: string | null | undefined;
}

export interface Placement {
  householdId?: string | undefined;
  houseId?: string | undefined;
  gridCode?: string | undefined;
  relation?: Relation | undefined;
  movedInOn?: string | undefined;
}

interface CheckedIdentity {
  idNumber?: { value: string; gender: Gender; birthDate: string } | undefined;
  phone?: string | null | undefined;
  ethnicity?: string | null | undefined;
}

/** Field rules every write of a person goes through (GB 11643, mobile numbers, migrants' arrival date). */
function checkResident(input: Partial<ResidentInput>, current: Resident | undefined, today: string): CheckedIdentity {
  const problems: FieldProblem[] = [];
  const out: CheckedIdentity = {};
  if (input.name !== undefined && /\d/.test(input.name)) problems.push({ field: 'body.name', message: '姓名不能包含数字' });
  if (input.idNumber !== undefined) {
    const result = validateIdNumber(input.idNumber, { today: new Date(`${today}T12:00:00+08:00`) });
    if (!result.ok) problems.push({ field: 'body.idNumber', message: idNumberProblemMessage(result.reason, 'zh-CN') });
    else {
      out.idNumber = result;
      const typed = { ...(input.gender ? { gender: input.gender } : {}), ...(input.birthDate ? { birthDate: input.birthDate } : {}) };
      for (const m of checkAgainstIdNumber(result, typed)) {
        problems.push(m === 'gender'
          ? { field: 'body.gender', message: '性别与身份证号不符' }
          : { field: 'body.birthDate', message: '出生日期与身份证号不符' });
      }
    }
  } else if (current && (input.gender || input.birthDate)) {
    for (const m of checkAgainstIdNumber(current, { ...(input.gender ? { gender: input.gender } : {}), ...(input.birthDate ? { birthDate: input.birthDate } : {}) })) {
      problems.push({ field: m === 'gender' ? 'body.gender' : 'body.birthDate', message: m === 'gender' ? '性别与身份证号不符' : '出生日期与身份证号不符' });
    }
  }
  if (input.phone !== undefined) {
    if (input.phone === null || input.phone.trim() === '') out.phone = null;
    else {
      const phone = validateMobile(input.phone);
      if (phone.ok) out.phone = phone.value;
      else problems.push({ field: 'body.phone', message: mobileProblemMessage(phone.reason, 'zh-CN') });
    }
  }
  if (input.ethnicity !== undefined && input.ethnicity !== null && input.ethnicity !== '') {
    const e = parseEthnicity(input.ethnicity);
    if (!e) problems.push({ field: 'body.ethnicity', message: '不是56个民族之一' });
    out.ethnicity = e;
  } else if (input.ethnicity !== undefined) out.ethnicity = null;
  const residenceType = input.residenceType ?? current?.residenceType ?? 'local';
  const arrivedOn = input.arrivedOn !== undefined ? input.arrivedOn : current?.arrivedOn;
  if (residenceType === 'migrant' && !arrivedOn) problems.push({ field: 'body.arrivedOn', message: '流动人口必须填写来本地日期' });
  if (arrivedOn && arrivedOn > today) problems.push({ field: 'body.arrivedOn', message: '来本地日期不能晚于今天' });
  if (problems.length) throw validationFailed(problems);
  return out;
}

async function loadResident(db: Db, actor: Actor, id: string, permission: 'registry.read' | 'registry.write'): Promise<Resident> {
  const [resident] = await db.select().from(residents).where(eq(residents.id, id));
  if (!resident) throw new AppError('NOT_FOUND', { what: `居民 ${id}` });
  assertInScope(actor, permission, resident.orgPath);
  return resident;
}

async function duplicateOf(db: Db, actor: Actor, idHash: string, exceptId?: string): Promise<void> {
  const [existing] = await db.select({ id: residents.id, orgPath: residents.orgPath }).from(residents).where(eq(residents.idNumberHash, idHash));
  if (existing && existing.id !== exceptId) {
    // Say where the record is only to someone who may see it.
    throw new AppError('REGISTRY_DUPLICATE_PERSON', canAccess(actor, 'registry.read', existing.orgPath) ? { residentId: existing.id } : {});
  }
}

interface Target {
  gridCode: string;
  orgPath: string;
  houseId: string | null;
  householdId: string | null;
  relation: Relation | null;
  /** A new household to create in this house, with the person as head. */
  newHouseholdIn?: House | undefined;
}

async function resolvePlacement(db: Db, actor: Actor, placement: Placement): Promise<Target> {
  if (placement.householdId) {
    const household = await loadHousehold(db, actor, placement.householdId, 'registry.write');
    const relation = placement.relation ?? 'other';
    if (relation === 'head' && household.headResidentId) throw validationFailed([{ field: 'body.relation', message: '该户已有户主' }]);
    return { gridCode: household.gridCode, orgPath: household.orgPath, houseId: household.houseId, householdId: household.id, relation };
  }
  if (placement.houseId) {
    const house = await loadHouse(db, actor, placement.houseId, 'registry.write');
    return { gridCode: house.gridCode, orgPath: house.orgPath, houseId: house.id, householdId: null, relation: 'head', newHouseholdIn: house };
  }
  if (placement.gridCode) {
    const grid = await requireGrid(db, placement.gridCode);
    assertInScope(actor, 'registry.write', grid.orgPath);
    return { gridCode: grid.code, orgPath: grid.orgPath, houseId: null, householdId: null, relation: null };
  }
  throw validationFailed([{ field: 'body.householdId', message: '须指定所在户、房屋或网格' }]);
}

async function placeIn(tx: Db, target: Target): Promise<Target> {
  if (!target.newHouseholdIn) return target;
  const house = target.newHouseholdIn;
  const [household] = await tx
    .insert(households)
    .values({ houseId: house.id, gridCode: house.gridCode, orgPath: house.orgPath, number: await nextHouseholdNumber(tx, house.id) })
    .returning({ id: households.id });
  return { ...target, householdId: household?.id ?? null, newHouseholdIn: undefined };
}

/** Registers a person, placed in a household, a house (as head of a new household) or only a grid. */
export async function createResident(db: Db, pii: PiiCipher, actor: Actor, input: ResidentInput & Placement) {
  const today = chinaToday();
  // Scope first: someone who may not write there learns nothing from the field checks.
  const target = await resolvePlacement(db, actor, input);
  const checked = checkResident(input, undefined, today);
  const id = checked.idNumber as NonNullable<CheckedIdentity['idNumber']>;
  const idHash = pii.lookupHash(id.value);
  await duplicateOf(db, actor, idHash);
  const keys = nameSearchKeys(input.name);
  const created = await db.transaction(async (tx) => {
    const placed = await placeIn(tx, target);
    const [row] = await tx
      .insert(residents)
      .values({
        gridCode: placed.gridCode,
        orgPath: placed.orgPath,
        houseId: placed.houseId,
        householdId: placed.householdId,
        relation: placed.relation,
        name: input.name,
        namePinyin: keys.full,
        nameInitials: keys.initials,
        gender: id.gender,
        birthDate: id.birthDate,
        idNumberEnc: pii.encrypt(id.value),
        idNumberHash: idHash,
        phoneEnc: checked.phone ? pii.encrypt(checked.phone) : null,
        phoneHash: checked.phone ? pii.lookupHash(checked.phone) : null,
        ethnicity: checked.ethnicity ?? null,
        residenceType: input.residenceType ?? 'local',
        arrivedOn: input.arrivedOn ?? null,
        employer: input.employer ?? null,
        education: input.education ?? null,
        politicalStatus: input.politicalStatus ?? null,
        notes: input.notes ?? null,
        search: lexemes(searchTermsOf(input.name)) as unknown as string,
      })
      .returning();
    const resident = row as Resident;
    if (placed.householdId) {
      await tx.insert(residenceHistory).values({ residentId: resident.id, houseId: placed.houseId, householdId: placed.householdId, relation: placed.relation, orgPath: placed.orgPath, movedInOn: input.movedInOn ?? today, reason: '登记' });
      if (placed.relation === 'head') await tx.update(households).set({ headResidentId: resident.id }).where(eq(households.id, placed.householdId));
    }
    await recordAudit(tx, actor, { action: 'registry.resident.create', targetType: 'resident', targetId: resident.id, orgPath: resident.orgPath });
    return resident;
  });
  const [view] = await presentResidents(db, pii, actor, [created], null, 'create');
  return view as ResidentView;
}

/** A person's file: the record, where they lived, their key groups and the latest visits. */
export async function getResident(db: Db, pii: PiiCipher, actor: Actor, id: string, reveal: Reveal | null) {
  const resident = await loadResident(db, actor, id, 'registry.read');
  const [view] = await presentResidents(db, pii, actor, [resident], reveal, 'resident');
  const history = await db
    .select({
      id: residenceHistory.id,
      houseId: residenceHistory.houseId,
      householdId: residenceHistory.householdId,
      relation: residenceHistory.relation,
      movedInOn: residenceHistory.movedInOn,
      movedOutOn: residenceHistory.movedOutOn,
      reason: residenceHistory.reason,
      buildingName: buildings.name,
      unit: houses.unit,
      number: houses.number,
    })
    .from(residenceHistory)
    .leftJoin(houses, eq(houses.id, residenceHistory.houseId))
    .leftJoin(buildings, eq(buildings.id, houses.buildingId))
    .where(eq(residenceHistory.residentId, id))
    .orderBy(asc(residenceHistory.movedInOn), asc(residenceHistory.createdAt));
  const catalogue = await kindCatalogue(db);
  const memberships = await db
    .select()
    .from(keyGroupMemberships)
    .where(and(eq(keyGroupMemberships.residentId, id), visibleMembershipCondition(actor)))
    .orderBy(asc(keyGroupMemberships.since));
  const recentVisits = await queryRows<{ id: string; membershipId: string | null; visitedOn: string; method: string; visitorName: string; notes: string | null }>(
    db,
    sql`select v.id, v.membership_id as "membershipId", v.visited_on::text as "visitedOn", v.method, v.visitor_name as "visitorName", v.notes
        from visits v left join key_group_memberships m on m.id = v.membership_id
        where v.resident_id = ${id} and (m.id is null or ${visibleMembershipCondition(actor, sql`m`)})
        order by v.visited_on desc, v.created_at desc limit 20`,
  );
  return {
    ...(view as ResidentView),
    history: history.map((h) => ({
      ...h,
      address: h.buildingName && h.number !== null ? houseAddress({ name: h.buildingName }, { unit: h.unit ?? '', number: h.number }) : null,
    })),
    memberships: memberships.map((m) => ({ ...m, name: catalogue.get(m.kind)?.name ?? m.kind })),
    visits: recentVisits,
  };
}

/** Changes a person's record; `version` must match. The audit names the fields, never their values. */
export async function updateResident(db: Db, pii: PiiCipher, actor: Actor, id: string, changes: Partial<ResidentInput> & { version: number; relation?: Relation | undefined }) {
  const current = await loadResident(db, actor, id, 'registry.write');
  const today = chinaToday();
  const checked = checkResident(changes, current, today);
  let idHash: string | undefined;
  if (checked.idNumber) {
    idHash = pii.lookupHash(checked.idNumber.value);
    if (idHash !== current.idNumberHash) await duplicateOf(db, actor, idHash, id);
  }
  if (changes.relation === 'head' && current.householdId && current.relation !== 'head') {
    const [household] = await db.select({ head: households.headResidentId }).from(households).where(eq(households.id, current.householdId));
    if (household?.head && household.head !== id) throw validationFailed([{ field: 'body.relation', message: '该户已有户主；请先在户档中更换户主' }]);
  }
  const keys = changes.name !== undefined ? nameSearchKeys(changes.name) : undefined;
  const set: Partial<typeof residents.$inferInsert> = {
    ...(changes.name !== undefined && keys ? { name: changes.name, namePinyin: keys.full, nameInitials: keys.initials, search: lexemes(searchTermsOf(changes.name)) as unknown as string } : {}),
    ...(checked.idNumber && idHash !== current.idNumberHash
      ? { idNumberEnc: pii.encrypt(checked.idNumber.value), idNumberHash: idHash, gender: checked.idNumber.gender, birthDate: checked.idNumber.birthDate }
      : {}),
    ...(checked.phone !== undefined
      ? checked.phone === null
        ? { phoneEnc: null, phoneHash: null }
        : pii.lookupHash(checked.phone) === current.phoneHash
          ? {}
          : { phoneEnc: pii.encrypt(checked.phone), phoneHash: pii.lookupHash(checked.phone) }
      : {}),
    ...(checked.ethnicity !== undefined ? { ethnicity: checked.ethnicity } : {}),
    ...(changes.residenceType !== undefined ? { residenceType: changes.residenceType } : {}),
    ...(changes.arrivedOn !== undefined ? { arrivedOn: changes.arrivedOn } : {}),
    ...(changes.employer !== undefined ? { employer: changes.employer } : {}),
    ...(changes.education !== undefined ? { education: changes.education } : {}),
    ...(changes.politicalStatus !== undefined ? { politicalStatus: changes.politicalStatus } : {}),
    ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
    ...(changes.relation !== undefined && current.householdId ? { relation: changes.relation } : {}),
  };
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(residents)
      .set({ ...set, version: sql`${residents.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(residents.id, id), eq(residents.version, changes.version)))
      .returning();
    if (!row) throw new AppError('VERSION_CONFLICT', { id });
    if (changes.relation === 'head' && current.householdId) await tx.update(households).set({ headResidentId: id }).where(eq(households.id, current.householdId));
    if (changes.relation !== undefined && changes.relation !== 'head' && current.relation === 'head' && current.householdId) {
      await tx.update(households).set({ headResidentId: null }).where(and(eq(households.id, current.householdId), eq(households.headResidentId, id)));
    }
    const fields = Object.keys(changes).filter((k) => k !== 'version');
    await recordAudit(tx, actor, { action: 'registry.resident.update', targetType: 'resident', targetId: id, orgPath: row.orgPath, details: { fields } });
    return row;
  });
  const [view] = await presentResidents(db, pii, actor, [updated], null, 'update');
  return view as ResidentView;
}

/**
 * Moves a person to another household (or a new household in a house, as its head),
 * closing the current line of their residence history and opening a new one.
 */
export async function moveResident(
  db: Db,
  pii: PiiCipher,
  actor: Actor,
  id: string,
  input: { householdId?: string | undefined; houseId?: string | undefined; relation?: Relation | undefined; movedOn?: string | undefined; reason?: string | undefined; version: number },
) {
  const current = await loadResident(db, actor, id, 'registry.write');
  if (!input.householdId && !input.houseId) throw validationFailed([{ field: 'body.householdId', message: '须指定迁入的户或房屋' }]);
  if (input.householdId && input.householdId === current.householdId) throw validationFailed([{ field: 'body.householdId', message: '已在该户' }]);
  const target = await resolvePlacement(db, actor, { householdId: input.householdId, houseId: input.houseId, relation: input.relation });
  const movedOn = input.movedOn ?? chinaToday();
  const [since] = await db.select({ on: residenceHistory.movedInOn }).from(residenceHistory).where(and(eq(residenceHistory.residentId, id), isNull(residenceHistory.movedOutOn)));
  if (movedOn > chinaToday() || (since && movedOn < since.on)) {
    throw validationFailed([{ field: 'body.movedOn', message: since ? `迁居日期须在 ${since.on} 至今天之间` : '迁居日期不能晚于今天' }]);
  }
  const moved = await db.transaction(async (tx) => {
    const placed = await placeIn(tx, target);
    await closeResidence(tx, current, movedOn, input.reason ?? '迁出');
    const [row] = await tx
      .update(residents)
      .set({ gridCode: placed.gridCode, orgPath: placed.orgPath, houseId: placed.houseId, householdId: placed.householdId, relation: placed.relation, status: 'active', version: sql`${residents.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(residents.id, id), eq(residents.version, input.version)))
      .returning();
    if (!row) throw new AppError('VERSION_CONFLICT', { id });
    await tx.insert(residenceHistory).values({ residentId: id, houseId: placed.houseId, householdId: placed.householdId, relation: placed.relation, orgPath: placed.orgPath, movedInOn: movedOn, reason: input.reason ?? '迁入' });
    if (placed.relation === 'head' && placed.householdId) await tx.update(households).set({ headResidentId: id }).where(eq(households.id, placed.householdId));
    if (placed.orgPath !== current.orgPath) {
      await tx.update(keyGroupMemberships).set({ orgPath: placed.orgPath }).where(eq(keyGroupMemberships.residentId, id));
    }
    await recordAudit(tx, actor, {
      action: 'registry.resident.move',
      targetType: 'resident',
      targetId: id,
      orgPath: placed.orgPath,
      details: { fromHousehold: current.householdId, toHousehold: placed.householdId, fromPath: current.orgPath, movedOn },
    });
    return row;
  });
  const [view] = await presentResidents(db, pii, actor, [moved], null, 'move');
  return view as ResidentView;
}

async function closeResidence(tx: Db, resident: Resident, on: string, reason: string): Promise<void> {
  await tx.update(residenceHistory).set({ movedOutOn: on, reason: sql`coalesce(${residenceHistory.reason} || '；', '') || ${reason}` }).where(and(eq(residenceHistory.residentId, resident.id), isNull(residenceHistory.movedOutOn)));
  if (resident.relation === 'head' && resident.householdId) {
    await tx.update(households).set({ headResidentId: null }).where(and(eq(households.id, resident.householdId), eq(households.headResidentId, resident.id)));
  }
}

/** Records that a person moved away or died: leaves the household, ends their key groups, keeps the record. */
export async function endResidence(
  db: Db,
  pii: PiiCipher,
  actor: Actor,
  id: string,
  input: { status: 'moved_out' | 'deceased'; on?: string | undefined; reason?: string | undefined; version: number },
) {
  const current = await loadResident(db, actor, id, 'registry.write');
  if (current.status !== 'active') throw validationFailed([{ field: 'body.status', message: '该居民已不在册' }]);
  const on = input.on ?? chinaToday();
  const updated = await db.transaction(async (tx) => {
    await closeResidence(tx, current, on, input.reason ?? (input.status === 'deceased' ? '死亡' : '迁出'));
    const [row] = await tx
      .update(residents)
      .set({ status: input.status, houseId: null, householdId: null, relation: null, version: sql`${residents.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(residents.id, id), eq(residents.version, input.version)))
      .returning();
    if (!row) throw new AppError('VERSION_CONFLICT', { id });
    await tx.update(keyGroupMemberships).set({ until: on, nextVisitDue: null, updatedAt: sql`now()` }).where(and(eq(keyGroupMemberships.residentId, id), isNull(keyGroupMemberships.until)));
    await recordAudit(tx, actor, { action: `registry.resident.${input.status}`, targetType: 'resident', targetId: id, orgPath: row.orgPath, details: { on } });
    return row;
  });
  const [view] = await presentResidents(db, pii, actor, [updated], null, 'end');
  return view as ResidentView;
}

// ---------------------------------------------------------------------------- search

export const residentSorts = ['name', 'birthDate', 'createdAt', 'updatedAt'] as const;
export type ResidentSort = (typeof residentSorts)[number];

export interface ResidentQuery {
  q?: string | undefined;
  name?: string | undefined;
  idNumber?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  buildingId?: string | undefined;
  houseId?: string | undefined;
  householdId?: string | undefined;
  under?: string | undefined;
  keyGroup?: string | undefined;
  overdue?: boolean | undefined;
  residenceType?: ResidenceType | undefined;
  gender?: Gender | undefined;
  status?: ResidentStatus | 'any' | undefined;
  ageMin?: number | undefined;
  ageMax?: number | undefined;
  sort?: ResidentSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

function nameCondition(pii: PiiCipher, typed: string): SQL {
  const term = typed.trim();
  const kind = searchTermKind(term);
  const lower = term.normalize('NFKC').toLowerCase().replace(/[\s'’-]/g, '').replaceAll('ü', 'v');
  switch (kind) {
    case 'digits': {
      const id = validateIdNumber(term);
      if (id.ok) return sql`${residents.idNumberHash} = ${pii.lookupHash(id.value)}`;
      const phone = validateMobile(term);
      if (phone.ok) return sql`${residents.phoneHash} = ${pii.lookupHash(phone.value)}`;
      // Identifiers are found only whole: a fragment cannot be looked up through a keyed hash.
      return sql`false`;
    }
    case 'initials':
      // Some initials also read as pinyin (艾娥 → ae): try both keys.
      return sql`(${residents.nameInitials} like ${`${lower}%`} or ${residents.namePinyin} like ${`${lower}%`})`;
    case 'pinyin':
      return sql`(${residents.namePinyin} like ${`${lower}%`} or ${residents.nameInitials} = ${lower})`;
    case 'chinese': {
      if (Array.from(term).length === 1) return sql`${residents.name} like ${`%${term.replace(/[\\%_]/g, '\\$&')}%`}`;
      const query = tsqueryFor(term);
      return query ? sql`${residents.search} @@ ${query}::tsquery` : sql`true`;
    }
  }
}

/** Builds the scoped WHERE of a resident search. */
async function residentWhere(db: Db, pii: PiiCipher, actor: Actor, q: ResidentQuery): Promise<SQL> {
  const conditions: SQL[] = [inScope(actor, 'registry.read', residents.orgPath)];
  const path = await pathOfCode(db, q.under);
  if (path) conditions.push(underPath(sql`${residents.orgPath}`, path));
  const status = q.status ?? 'active';
  if (status !== 'any') conditions.push(eq(residents.status, status));
  if (q.q) {
    // One box: a name (characters, pinyin, initials), a whole ID or phone number, or an address.
    const kind = searchTermKind(q.q);
    const query = kind === 'chinese' ? tsqueryFor(q.q) : undefined;
    const byAddress = query
      ? sql`${residents.houseId} in (select h.id from houses h join buildings b on b.id = h.building_id where b.search @@ ${query}::tsquery)`
      : sql`false`;
    conditions.push(sql`(${nameCondition(pii, q.q)} or ${byAddress})`);
  }
  if (q.name) conditions.push(nameCondition(pii, q.name));
  if (q.idNumber) {
    const id = validateIdNumber(q.idNumber);
    if (!id.ok) throw validationFailed([{ field: 'querystring.idNumber', message: `${idNumberProblemMessage(id.reason, 'zh-CN')}（按身份证号查询须输入完整号码）` }]);
    conditions.push(eq(residents.idNumberHash, pii.lookupHash(id.value)));
  }
  if (q.phone) {
    const phone = validateMobile(q.phone);
    if (!phone.ok) throw validationFailed([{ field: 'querystring.phone', message: `${mobileProblemMessage(phone.reason, 'zh-CN')}（按手机号查询须输入完整号码）` }]);
    conditions.push(eq(residents.phoneHash, pii.lookupHash(phone.value)));
  }
  if (q.address) {
    const match = /^(.*?)[\s-]*(\d{1,5})室?$/.exec(q.address.trim());
    const words = match ? match[1] : q.address;
    const query = words ? tsqueryFor(words) : undefined;
    const numberCondition = match?.[2] ? sql`and h.number = ${match[2]}` : sql``;
    conditions.push(sql`${residents.houseId} in (select h.id from houses h join buildings b on b.id = h.building_id where ${query ? sql`b.search @@ ${query}::tsquery` : sql`true`} ${numberCondition})`);
  }
  if (q.buildingId) conditions.push(sql`${residents.houseId} in (select id from houses where building_id = ${q.buildingId})`);
  if (q.houseId) conditions.push(eq(residents.houseId, q.houseId));
  if (q.householdId) conditions.push(eq(residents.householdId, q.householdId));
  if (q.residenceType) conditions.push(eq(residents.residenceType, q.residenceType));
  if (q.gender) conditions.push(eq(residents.gender, q.gender));
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  // Born on or before today's date ageMin years ago; after today's date ageMax+1 years ago.
  if (q.ageMin !== undefined) conditions.push(sql`${residents.birthDate} <= ${`${year - q.ageMin}${today.slice(4)}`}::date`);
  if (q.ageMax !== undefined) conditions.push(sql`${residents.birthDate} > ${`${year - q.ageMax - 1}${today.slice(4)}`}::date`);
  if (q.keyGroup || q.overdue) {
    const catalogue = await kindCatalogue(db);
    const kind = q.keyGroup ? catalogue.get(q.keyGroup) : undefined;
    if (q.keyGroup && !kind) throw validationFailed([{ field: 'querystring.keyGroup', message: `没有人群类别 ${q.keyGroup}` }]);
    if (kind?.sensitive) requirePermission(actor, 'registry.sensitive');
    conditions.push(sql`exists (select 1 from key_group_memberships m where m.resident_id = ${residents.id} and m.until is null
      ${kind ? sql`and m.kind = ${kind.code}` : sql``}
      ${q.overdue ? sql`and m.next_visit_due < ${today}::date` : sql``}
      and ${visibleMembershipCondition(actor, sql`m`)})`);
  }
  return and(...conditions) as SQL;
}

function residentOrder(q: ResidentQuery): SQL[] {
  const dir = q.order === 'desc' ? sql`desc` : sql`asc`;
  const column = {
    name: sql`${residents.namePinyin}`,
    birthDate: sql`${residents.birthDate}`,
    createdAt: sql`${residents.createdAt}`,
    updatedAt: sql`${residents.updatedAt}`,
  }[q.sort ?? 'name'];
  return [sql`${column} ${dir}`, sql`${residents.id} ${dir}`];
}

/** Searches residents in scope: paged, sorted, presented masked unless revealed (and then audited). */
export async function searchResidents(db: Db, pii: PiiCipher, actor: Actor, q: ResidentQuery, reveal: Reveal | null) {
  requirePermission(actor, 'registry.read');
  const where = await residentWhere(db, pii, actor, q);
  const [rows, [count]] = await Promise.all([
    db.select().from(residents).where(where).orderBy(...residentOrder(q)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(residents).where(where),
  ]);
  const items = await presentResidents(db, pii, actor, rows, reveal, 'search');
  return { items, total: count?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Every resident a search finds, in pages of `batch`, for export (bounded memory). */
export async function* eachResident(db: Db, pii: PiiCipher, actor: Actor, q: Omit<ResidentQuery, 'page' | 'pageSize'>, batch = 2000): AsyncGenerator<Resident[]> {
  requirePermission(actor, 'registry.read');
  const where = await residentWhere(db, pii, actor, { ...q, page: 1, pageSize: batch });
  for (let offset = 0; ; offset += batch) {
    const rows = await db.select().from(residents).where(where).orderBy(...residentOrder({ ...q, page: 1, pageSize: batch })).limit(batch).offset(offset);
    if (rows.length) yield rows;
    if (rows.length < batch) return;
  }
}

export { relationLabels };
