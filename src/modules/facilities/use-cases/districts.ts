// A district's distance settings: the detour factor for straight lines, the imported road
// network (GeoJSON lines), and asking for a recomputation.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, coversPath, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import type { CoverageSettings, FacilityImportProblem } from '../contract.ts';
import { buildRoadNetwork, type LngLat } from '../coverage/road-network.ts';
import { assertMayEditDistrict } from '../policies.ts';
import { facilityDistricts, type RoadLines } from '../schema.ts';
import { districtOn, ensureDistrictRow, fieldError, markCoverageStale, requireDistrict } from './common.ts';

/** The district asked for, or the one the actor works in when they work in one. */
async function districtFor(db: Db, actor: Actor, code: string | undefined) {
  if (code) return requireDistrict(db, code, 'query.district');
  for (const path of scopePaths(actor, 'facilities.read')) {
    const district = path === '' ? undefined : await districtOn(db, path);
    if (district) return district;
  }
  throw fieldError('query.district', '请指定区县 / name a district');
}

export async function getCoverageSettings(db: Db, actor: Actor, code?: string): Promise<CoverageSettings> {
  const district = await districtFor(db, actor, code);
  assertInScope(actor, 'facilities.read', district.orgPath);
  const [row] = await db.select().from(facilityDistricts).where(eq(facilityDistricts.districtCode, district.code));
  const hasNetwork = Boolean(row?.roadLines && row.roadImportedAt);
  return {
    districtCode: district.code,
    detourFactor: row?.detourFactor ?? 1.3,
    roadNetwork: hasNetwork ? { nodes: row!.roadNodes ?? 0, edges: row!.roadEdges ?? 0, lengthKm: row!.roadLengthKm ?? 0, importedAt: row!.roadImportedAt! } : null,
    method: hasNetwork ? 'road' : 'straight_line',
    computedAt: row?.computedAt ?? null,
    stale: !row || row.generation !== row.computedGeneration,
  };
}

async function editableDistrict(db: Db, actor: Actor, code: string) {
  const district = await requireDistrict(db, code, 'district');
  assertMayEditDistrict(actor, district.orgPath);
  await ensureDistrictRow(db, district);
  return district;
}

export async function setDetourFactor(db: Db, actor: Actor, code: string, detourFactor: number): Promise<CoverageSettings> {
  const district = await editableDistrict(db, actor, code);
  await db.update(facilityDistricts).set({ detourFactor }).where(eq(facilityDistricts.districtCode, district.code));
  await recordAudit(db, actor, { action: 'facilities.settings.update', targetType: 'district', targetId: district.code, orgPath: district.orgPath, details: { detourFactor } });
  await markCoverageStale(db, district.code);
  return getCoverageSettings(db, actor, district.code);
}

function isPosition(value: unknown): value is LngLat {
  return Array.isArray(value) && value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number'
    && Math.abs(value[0]) <= 180 && Math.abs(value[1]) <= 90;
}

function isLine(value: unknown): value is LngLat[] {
  return Array.isArray(value) && value.length >= 2 && value.every(isPosition);
}

/** The lines of a FeatureCollection of LineString / MultiLineString roads, or the problems found. */
export function roadLinesOf(features: readonly unknown[]): { lines: RoadLines; problems: FacilityImportProblem[] } {
  const lines: RoadLines = [];
  const problems: FacilityImportProblem[] = [];
  features.forEach((feature, i) => {
    const geometry = (feature as { geometry?: { type?: unknown; coordinates?: unknown } } | null)?.geometry;
    const field = `features[${i}].geometry`;
    if (geometry?.type === 'LineString' && isLine(geometry.coordinates)) lines.push(geometry.coordinates.map(([lng, lat]) => [lng, lat]));
    else if (geometry?.type === 'MultiLineString' && Array.isArray(geometry.coordinates) && geometry.coordinates.every(isLine)) {
      for (const line of geometry.coordinates as LngLat[][]) lines.push(line.map(([lng, lat]) => [lng, lat]));
    } else problems.push({ row: i + 1, field, message: '须为 LineString 或 MultiLineString，且每条线至少两个 [经度, 纬度] 点 / must be a LineString or MultiLineString of at least two [lng, lat] points' });
  });
  return { lines, problems };
}

/** Replaces a district's road network; nothing changes if any feature is wrong. */
export async function importRoadNetwork(db: Db, actor: Actor, code: string, features: readonly unknown[]): Promise<CoverageSettings> {
  const district = await editableDistrict(db, actor, code);
  const { lines, problems } = roadLinesOf(features);
  if (problems.length) throw new AppError('ROAD_NETWORK_INVALID', { count: problems.length, problems: problems.slice(0, 100) });
  const network = buildRoadNetwork(lines);
  await db
    .update(facilityDistricts)
    .set({ roadLines: lines, roadNodes: network.nodes, roadEdges: network.edges, roadLengthKm: Math.round(network.lengthKm * 100) / 100, roadImportedAt: new Date() })
    .where(eq(facilityDistricts.districtCode, district.code));
  await recordAudit(db, actor, { action: 'facilities.road-network.import', targetType: 'district', targetId: district.code, orgPath: district.orgPath, details: { lines: lines.length, nodes: network.nodes, edges: network.edges } });
  await markCoverageStale(db, district.code);
  return getCoverageSettings(db, actor, district.code);
}

/** Drops the road network: distances go back to straight lines times the detour factor. */
export async function deleteRoadNetwork(db: Db, actor: Actor, code: string): Promise<CoverageSettings> {
  const district = await editableDistrict(db, actor, code);
  await db.update(facilityDistricts).set({ roadLines: null, roadNodes: null, roadEdges: null, roadLengthKm: null, roadImportedAt: null }).where(eq(facilityDistricts.districtCode, district.code));
  await recordAudit(db, actor, { action: 'facilities.road-network.delete', targetType: 'district', targetId: district.code, orgPath: district.orgPath });
  await markCoverageStale(db, district.code);
  return getCoverageSettings(db, actor, district.code);
}

/** Queues a recomputation of a district's coverage. */
export async function requestRecompute(db: Db, actor: Actor, code: string): Promise<{ queued: boolean }> {
  const district = await requireDistrict(db, code, 'query.district');
  // Staff of any node in the district may ask (a community after its ledger import).
  const paths = scopePaths(actor, 'facilities.write');
  if (paths.length === 0) throw new AppError('FORBIDDEN', { permission: 'facilities.write' });
  if (!paths.some((p) => coversPath(p, district.orgPath) || coversPath(district.orgPath, p))) throw new AppError('OUT_OF_SCOPE', { permission: 'facilities.write' });
  await ensureDistrictRow(db, district);
  await markCoverageStale(db, district.code);
  return { queued: true };
}
