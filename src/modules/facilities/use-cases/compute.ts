// Recomputes a district's coverage: reads the registry's buildings with their residents,
// the facilities and the standard table, runs the pure engine, and replaces the district's
// rows of building_coverage in one transaction.
import crypto from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { buildingPopulationUnder, type BuildingPopulation } from '../../registry/index.ts';
import { computeCoverage, methodOf, type CoverageKind } from '../coverage/engine.ts';
import { buildRoadNetwork, type RoadNetwork } from '../coverage/road-network.ts';
import { buildingCoverage, facilities, facilityDistricts, facilityKinds } from '../schema.ts';

type DistrictRow = typeof facilityDistricts.$inferSelect;

// Road graphs are rebuilt only when a network is imported again (keyed by district and import time).
const networks = new Map<string, { importedAt: number; network: RoadNetwork }>();

/** The district's road network as a graph, or undefined when none is imported. */
export function networkOf(district: Pick<DistrictRow, 'districtCode' | 'roadLines' | 'roadImportedAt'>): RoadNetwork | undefined {
  if (!district.roadLines || !district.roadImportedAt) return undefined;
  const at = district.roadImportedAt.getTime();
  const cached = networks.get(district.districtCode);
  if (cached?.importedAt === at) return cached.network;
  const network = buildRoadNetwork(district.roadLines);
  networks.set(district.districtCode, { importedAt: at, network });
  return network;
}

/** The kinds that count in coverage: the required rows of the standard table. */
export async function requiredKinds(db: Db): Promise<CoverageKind[]> {
  return db
    .select({ code: facilityKinds.code, name: facilityKinds.name, level: facilityKinds.level, walkMeters: facilityKinds.walkMeters, group: facilityKinds.group })
    .from(facilityKinds)
    .where(eq(facilityKinds.required, true))
    .orderBy(asc(facilityKinds.sort));
}

function digestOf(population: readonly BuildingPopulation[]): string {
  const hash = crypto.createHash('sha256');
  for (const b of population) hash.update(`${b.id}|${b.orgPath}|${b.lng}|${b.lat}|${b.residents}|${b.elderly}|${b.children}|${b.name}|${b.address}\n`);
  return hash.digest('hex');
}

export interface RecomputeOutcome {
  computed: boolean;
  buildings: number;
  facilities: number;
  kinds: number;
  method: 'road' | 'straight_line';
}

/**
 * Recomputes when something changed: the district's generation (facilities, the standard
 * table, settings) or the registry's buildings and counts (compared by digest). `force`
 * recomputes regardless.
 */
export async function recomputeDistrict(db: Db, districtCode: string, options: { force?: boolean; on?: string } = {}): Promise<RecomputeOutcome> {
  const [district] = await db.select().from(facilityDistricts).where(eq(facilityDistricts.districtCode, districtCode));
  if (!district) return { computed: false, buildings: 0, facilities: 0, kinds: 0, method: 'straight_line' };
  const generation = district.generation;
  const population = await buildingPopulationUnder(db, district.orgPath, options.on);
  const digest = digestOf(population);
  const network = networkOf(district);
  const method = methodOf({ network, detourFactor: district.detourFactor });
  if (!options.force && generation === district.computedGeneration && digest === district.populationDigest) {
    return { computed: false, buildings: population.length, facilities: 0, kinds: 0, method };
  }
  const kinds = await requiredKinds(db);
  const placed = await db.select({ id: facilities.id, kind: facilities.kind, lng: facilities.lng, lat: facilities.lat }).from(facilities).where(eq(facilities.districtCode, districtCode));
  const results = computeCoverage(population, kinds, placed, { network, detourFactor: district.detourFactor });
  const rows = population.map((b, i) => ({
    building_id: b.id, district_code: districtCode, community_code: b.communityCode, grid_code: b.gridCode, org_path: b.orgPath,
    name: b.name, address: b.address, lng: b.lng, lat: b.lat, residents: b.residents, elderly: b.elderly, children: b.children,
    distances: results[i]!.distances, nearest: results[i]!.nearest, lacking: results[i]!.lacking, search: `${b.name} ${b.address}`,
  }));
  await db.transaction(async (tx) => {
    await tx.delete(buildingCoverage).where(eq(buildingCoverage.districtCode, districtCode));
    for (let i = 0; i < rows.length; i += WRITE_BATCH) await writeCoverageRows(tx, rows.slice(i, i + WRITE_BATCH));
    await tx
      .update(facilityDistricts)
      .set({ computedGeneration: generation, computedAt: new Date(), computedMethod: method, populationDigest: digest })
      .where(and(eq(facilityDistricts.districtCode, districtCode)));
  });
  return { computed: true, buildings: population.length, facilities: placed.length, kinds: kinds.length, method };
}

const WRITE_BATCH = 10_000;

// One JSON parameter per batch: with a jsonb and a text[] column per row this was about twice
// as fast as one array parameter per column (insertByUnnest) at 50,000 buildings.
async function writeCoverageRows(db: Db, rows: readonly Record<string, unknown>[]): Promise<void> {
  await db.execute(sql`
    insert into building_coverage (building_id, district_code, community_code, grid_code, org_path, name, address, lng, lat,
                                   residents, elderly, children, distances, nearest, lacking, search)
    select building_id, district_code, community_code, grid_code, org_path, name, address, lng, lat,
           residents, elderly, children, distances, nearest, lacking, search
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
           building_id uuid, district_code text, community_code text, grid_code text, org_path text, name text, address text,
           lng float8, lat float8, residents int, elderly int, children int, distances jsonb, nearest jsonb, lacking text[], search text)`);
}

/** Every district with settings, for the periodic check. */
export async function districtsWithCoverage(db: Db): Promise<string[]> {
  const rows = await db.select({ code: facilityDistricts.districtCode }).from(facilityDistricts).orderBy(asc(facilityDistricts.districtCode));
  return rows.map((r) => r.code);
}
