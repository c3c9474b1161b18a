// Reading coverage: a node's figures per kind (and per community below a street or
// district), the gap list, the map layer of a community, and one building's circle.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertInScope, coversPath, inScope, scopePaths, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { ListPage } from '../../../platform/list-page.ts';
import { orgUnitNames, type TreePlace } from '../../org/index.ts';
import type { BuildingCircle, CoverageFeatureCollection, CoverageGap, CoverageReport } from '../contract.ts';
import { overallShare, summariseCoverage } from '../coverage/engine.ts';
import { buildingCoverage, facilities, facilityDistricts } from '../schema.ts';
import { districtOn, requirePlace } from './common.ts';
import { requiredKinds } from './compute.ts';

/**
 * The node asked for, when the actor may read it or part of it: a grid worker asking for
 * their community sees its figures over their own grid's buildings (the rows are filtered by scope).
 */
async function placeInScope(db: Db, actor: Actor, code: string): Promise<TreePlace> {
  const place = await requirePlace(db, code);
  const paths = scopePaths(actor, 'facilities.read');
  if (paths.length === 0) throw new AppError('FORBIDDEN', { permission: 'facilities.read' });
  if (!paths.some((p) => coversPath(p, place.orgPath) || coversPath(place.orgPath, p))) throw new AppError('OUT_OF_SCOPE', { permission: 'facilities.read' });
  return place;
}

function under(actor: Actor, place: TreePlace): SQL {
  return and(underPaths(buildingCoverage.orgPath, [place.orgPath]), inScope(actor, 'facilities.read', buildingCoverage.orgPath))!;
}

async function districtSettings(db: Db, place: TreePlace) {
  const district = await districtOn(db, place.orgPath);
  const [row] = district ? await db.select().from(facilityDistricts).where(eq(facilityDistricts.districtCode, district.code)) : [];
  return { computedAt: row?.computedAt ?? null, method: row?.computedMethod ?? ('straight_line' as const), detourFactor: row?.detourFactor ?? 1.3 };
}

export async function coverageReport(db: Db, actor: Actor, code: string): Promise<CoverageReport> {
  const place = await placeInScope(db, actor, code);
  const [kinds, rows, settings] = await Promise.all([
    requiredKinds(db),
    db
      .select({ communityCode: buildingCoverage.communityCode, residents: buildingCoverage.residents, elderly: buildingCoverage.elderly, children: buildingCoverage.children, lacking: buildingCoverage.lacking })
      .from(buildingCoverage)
      .where(under(actor, place)),
    districtSettings(db, place),
  ]);
  const points = rows.map((r) => ({ ...r, lng: 0, lat: 0 }));
  const summary = summariseCoverage(points, kinds);
  const byCommunity = new Map<string, typeof points>();
  if (place.level !== 'community' && place.level !== 'grid') {
    for (const r of points) byCommunity.set(r.communityCode, [...(byCommunity.get(r.communityCode) ?? []), r]);
  }
  const names = await orgUnitNames(db, [...byCommunity.keys()]);
  const communities = [...byCommunity.entries()]
    .map(([communityCode, buildings]) => ({
      code: communityCode,
      name: names.get(communityCode) ?? communityCode,
      buildings: buildings.length,
      residents: buildings.reduce((n, b) => n + b.residents, 0),
      residentShare: overallShare(summariseCoverage(buildings, kinds)),
      gaps: buildings.reduce((n, b) => n + b.lacking.length, 0),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    orgCode: place.code,
    orgName: place.name,
    ...settings,
    buildings: rows.length,
    residents: rows.reduce((n, r) => n + r.residents, 0),
    elderly: rows.reduce((n, r) => n + r.elderly, 0),
    children: rows.reduce((n, r) => n + r.children, 0),
    residentShare: overallShare(summary),
    kinds: summary,
    communities,
  };
}

interface GapRow {
  building_id: string; building_name: string; address: string; community_code: string; grid_code: string;
  kind: string; kind_name: string; walk_meters: number; distance: number | null; nearest_id: string | null; nearest_name: string | null;
  residents: number; group_people: number;
}

/** The (building, kind) pairs out of reach under a node, worst first (none at all, then the farthest). */
export async function coverageGaps(db: Db, actor: Actor, q: { org: string; kind?: string | undefined; page: number; pageSize: number }): Promise<ListPage<CoverageGap>> {
  const place = await placeInScope(db, actor, q.org);
  const where = sql`${under(actor, place)} ${q.kind ? sql`and g.kind = ${q.kind}` : sql``}`;
  const from = sql`from building_coverage cross join lateral unnest(building_coverage.lacking) as g(kind)`;
  const [rows, [counted]] = await Promise.all([
    queryRows<GapRow>(
      db,
      sql`select building_coverage.building_id, building_coverage.name as building_name, building_coverage.address, building_coverage.community_code,
                 building_coverage.grid_code, g.kind, k.name as kind_name, k.walk_meters,
                 (building_coverage.distances ->> g.kind)::float8 as distance, f.id as nearest_id, f.name as nearest_name,
                 building_coverage.residents,
                 case k.population_group when 'elderly' then building_coverage.elderly when 'children' then building_coverage.children else building_coverage.residents end as group_people
            ${from}
            join facility_kinds k on k.code = g.kind
            left join facilities f on f.id::text = building_coverage.nearest ->> g.kind
           where ${where}
           order by (building_coverage.distances ->> g.kind)::float8 desc nulls first, building_coverage.community_code, building_coverage.name, k.sort
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total ${from} where ${where}`),
  ]);
  return {
    items: rows.map((r) => ({
      buildingId: r.building_id, buildingName: r.building_name, address: r.address, communityCode: r.community_code, gridCode: r.grid_code,
      kind: r.kind, kindName: r.kind_name, walkMeters: r.walk_meters, distance: r.distance === null ? null : Math.round(Number(r.distance)),
      nearestFacilityId: r.nearest_id, nearestFacilityName: r.nearest_name, residents: r.residents, groupPeople: r.group_people,
    })),
    total: counted?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A community's buildings as map points with the kinds they lack (the coverage layer). */
export async function coverageLayer(db: Db, actor: Actor, communityCode: string): Promise<CoverageFeatureCollection> {
  const place = await placeInScope(db, actor, communityCode);
  const rows = await db.select().from(buildingCoverage).where(under(actor, place)).orderBy(asc(buildingCoverage.name));
  return {
    type: 'FeatureCollection',
    features: rows.map((b) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [b.lng, b.lat] as [number, number] },
      properties: { buildingId: b.buildingId, name: b.name, address: b.address, gridCode: b.gridCode, residents: b.residents, lacking: b.lacking, lackingCount: b.lacking.length },
    })),
  };
}

/** One building's life circle: per required kind, the nearest facility, its distance and whether it is within reach. */
export async function buildingCircleOf(db: Db, actor: Actor, buildingId: string): Promise<BuildingCircle> {
  const [row] = await db.select().from(buildingCoverage).where(eq(buildingCoverage.buildingId, buildingId));
  if (!row) throw new AppError('NOT_FOUND', { what: '楼栋的覆盖数据 / the building\'s coverage' });
  assertInScope(actor, 'facilities.read', row.orgPath);
  const kinds = await requiredKinds(db);
  const ids = [...new Set(Object.values(row.nearest).filter((id): id is string => id !== null))];
  const found = ids.length ? await db.select({ id: facilities.id, name: facilities.name, lng: facilities.lng, lat: facilities.lat }).from(facilities).where(inArray(facilities.id, ids)) : [];
  const byId = new Map(found.map((f) => [f.id, f]));
  const [district] = await db.select({ method: facilityDistricts.computedMethod }).from(facilityDistricts).where(eq(facilityDistricts.districtCode, row.districtCode));
  return {
    buildingId: row.buildingId, name: row.name, address: row.address, lng: row.lng, lat: row.lat, method: district?.method ?? 'straight_line',
    kinds: kinds.map((k) => {
      const id = row.nearest[k.code] ?? null;
      return {
        kind: k.code, kindName: k.name, level: k.level, walkMeters: k.walkMeters,
        distance: row.distances[k.code] ?? null, covered: !row.lacking.includes(k.code),
        facility: (id && byId.get(id)) || null,
      };
    }),
  };
}
