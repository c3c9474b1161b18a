// The residents' "near me": facilities by kind from a point or a building picked by address,
// nearest first, with opening hours and walking distance. Public: facilities are public
// information, and buildings are found by name and address only.
import { and, asc, between, eq, ilike, or } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findGridAt, orgUnitNames } from '../../org/index.ts';
import { walkMetersPerMinute, type NearQuery, type NearResult, type PlaceList } from '../contract.ts';
import { haversineMeters } from '../coverage/geometry.ts';
import { distancesFrom, snapToNetwork } from '../coverage/road-network.ts';
import { buildingCoverage, facilities, facilityDistricts, facilityKinds } from '../schema.ts';
import { containsPattern, districtOn } from './common.ts';
import { networkOf } from './compute.ts';

const METERS_PER_DEGREE_LAT = 111_195;

/** The distance settings where a point lies: its district's (through the grid it is in), else straight lines × 1.3. */
async function distanceSettingsAt(db: Db, lng: number, lat: number) {
  const grid = await findGridAt(db, lng, lat);
  const district = grid && (await districtOn(db, grid.orgPath));
  const [row] = district ? await db.select().from(facilityDistricts).where(eq(facilityDistricts.districtCode, district.code)) : [];
  return { detourFactor: row?.detourFactor ?? 1.3, network: row ? networkOf(row) : undefined };
}

export async function facilitiesNear(db: Db, q: NearQuery): Promise<NearResult> {
  let origin: NearResult['origin'];
  if (q.buildingId) {
    const [b] = await db.select({ lng: buildingCoverage.lng, lat: buildingCoverage.lat, name: buildingCoverage.name }).from(buildingCoverage).where(eq(buildingCoverage.buildingId, q.buildingId));
    if (!b) throw new AppError('NOT_FOUND', { what: '楼栋 / building' });
    origin = { lng: b.lng, lat: b.lat, label: b.name };
  } else {
    origin = { lng: q.lng!, lat: q.lat!, label: null };
  }
  const dLat = q.maxMeters / METERS_PER_DEGREE_LAT;
  const dLng = dLat / Math.max(0.01, Math.cos((origin.lat * Math.PI) / 180));
  const candidates = await db
    .select({ facility: facilities, kindName: facilityKinds.name, kindNameEn: facilityKinds.nameEn, sort: facilityKinds.sort })
    .from(facilities)
    .innerJoin(facilityKinds, eq(facilityKinds.code, facilities.kind))
    .where(and(between(facilities.lng, origin.lng - dLng, origin.lng + dLng), between(facilities.lat, origin.lat - dLat, origin.lat + dLat), q.kind ? eq(facilities.kind, q.kind) : undefined))
    .orderBy(asc(facilityKinds.sort));
  const { detourFactor, network } = await distanceSettingsAt(db, origin.lng, origin.lat);
  const start = network && snapToNetwork(network, origin);
  const reached = network && start ? distancesFrom(network, [start]) : undefined;
  const walk = (lng: number, lat: number): number | undefined => {
    if (!network || !reached) return haversineMeters(origin.lng, origin.lat, lng, lat) * detourFactor;
    const end = snapToNetwork(network, { lng, lat });
    const along = end && reached.distance.get(end.node);
    return end && along !== undefined ? along + end.access : undefined;
  };
  const byKind = new Map<string, NearResult['items']>();
  for (const c of candidates) {
    const distance = walk(c.facility.lng, c.facility.lat);
    if (distance === undefined || distance > q.maxMeters) continue;
    const f = c.facility;
    const list = byKind.get(f.kind) ?? [];
    list.push({
      id: f.id, name: f.name, kind: f.kind, kindName: c.kindName, kindNameEn: c.kindNameEn, address: f.address, openingHours: f.openingHours,
      contact: f.contact, lng: f.lng, lat: f.lat, distance: Math.round(distance), walkMinutes: Math.max(1, Math.round(distance / walkMetersPerMinute)),
    });
    byKind.set(f.kind, list);
  }
  const items = [...byKind.values()].flatMap((list) => list.sort((a, b) => a.distance - b.distance).slice(0, q.perKind));
  return { origin, method: network ? 'road' : 'straight_line', items };
}

/** Buildings whose name or address contains the words typed, at most 20. */
export async function searchPlaces(db: Db, text: string): Promise<PlaceList> {
  const pattern = containsPattern(text);
  const rows = await db
    .select({ buildingId: buildingCoverage.buildingId, name: buildingCoverage.name, address: buildingCoverage.address, communityCode: buildingCoverage.communityCode })
    .from(buildingCoverage)
    .where(or(ilike(buildingCoverage.name, pattern), ilike(buildingCoverage.address, pattern)))
    .orderBy(asc(buildingCoverage.address), asc(buildingCoverage.name))
    .limit(20);
  const names = await orgUnitNames(db, [...new Set(rows.map((r) => r.communityCode))]);
  return { items: rows.map(({ communityCode, ...r }) => ({ ...r, communityName: names.get(communityCode) ?? '' })) };
}
