// The demo's facilities: each grid gets the 5-minute facilities, each community the rest of its own, every
// other community a primary school and a sports ground, each street its offices in a central
// community, and every third community of a street (and the focus community) the other
// 15-minute facilities, as a street of several circles has them. The focus community gets no elderly day-care centre: the planted
// gap the coverage screens show. Coverage is then computed once, so the screens have data.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.ts';
import { bulkLoad, insertByUnnest } from '../../platform/bulk-insert.ts';
import { fromEarlierLoader, type DemoContext } from '../../platform/module.ts';
import { findOrgUnit, listGridPlacesUnder, orgUnitNames, pointInside, type GridPlace } from '../org/index.ts';
import type { OperatorType } from './contract.ts';
import { ensureDistrictRow } from './use-cases/common.ts';
import { recomputeDistrict } from './use-cases/compute.ts';
import { listKinds } from './use-cases/kinds.ts';

/** The kind left out of the focus community. */
export const PLANTED_GAP_KIND = 'elderly_day_care';

const communityKinds = ['service_station', 'culture_station', 'sports_ground_small', 'outdoor_fitness', 'kindergarten', 'elderly_day_care', 'waste_station', 'recycling_point', 'health_station', 'community_canteen', 'retail_outlet'];
const everyOtherCommunityKinds = ['primary_school', 'sports_ground_medium', 'fresh_market'];
const streetKinds = ['street_office', 'service_centre', 'judicial_office', 'police_station'];
const circleKinds = ['health_centre', 'nursing_home', 'elderly_care_home', 'culture_centre', 'middle_school', 'sports_ground_large'];

const hours: Record<string, string> = {
  street_office: '周一至周五 09:00–12:00，13:30–17:30', service_centre: '周一至周五 09:00–17:30', judicial_office: '周一至周五 09:00–17:00',
  police_station: '全天 24 小时', health_centre: '周一至周日 08:00–17:00', health_station: '周一至周六 08:00–17:00',
  primary_school: '周一至周五 07:30–17:30', middle_school: '周一至周五 07:30–18:00', kindergarten: '周一至周五 07:30–17:30',
  outdoor_fitness: '全天开放', sports_ground_small: '06:00–22:00', sports_ground_medium: '06:00–22:00', sports_ground_large: '06:00–22:00',
  waste_station: '每日 06:00–09:00，17:00–21:00', recycling_point: '每日 09:00–17:00', community_canteen: '每日 10:30–13:00，16:30–18:30',
};
const capacities: Record<string, number> = { kindergarten: 180, elderly_day_care: 40, nursing_home: 200, elderly_care_home: 150, primary_school: 1200, middle_school: 1500, community_canteen: 80 };
const socialKinds = new Set(['elderly_day_care', 'community_canteen', 'nursing_home', 'elderly_care_home']);
const communityRun = new Set(['service_station', 'culture_station', 'sports_ground_small', 'outdoor_fitness', 'waste_station', 'recycling_point']);
const enterpriseKinds = new Set(['retail_outlet', 'fresh_market']);

function fraction(text: string): number {
  return crypto.createHash('md5').update(text).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/** A community's name without 社区/村 (and 居委会), to name its facilities. */
function baseOf(communityName: string): string {
  return communityName.replace(/(社区|村)(居委会|村委会)?$/, '');
}

function operatorOf(kind: string, place: GridPlace, base: string, districtName: string): { type: OperatorType; name: string; code: string | null } {
  if (communityRun.has(kind)) return { type: 'community', name: `${place.communityName}居民委员会`, code: place.communityCode };
  if (socialKinds.has(kind)) return { type: 'social_organisation', name: `${base}社会工作服务中心`, code: null };
  if (enterpriseKinds.has(kind)) return { type: 'enterprise', name: `${base}便民商业有限公司`, code: null };
  return { type: 'department', name: `${districtName}${kind.includes('school') || kind === 'kindergarten' ? '教育委员会' : kind.startsWith('health') ? '卫生健康委员会' : '人民政府'}`, code: null };
}

export async function seedFacilitiesDemo(db: Db, districtCode: string, focusCommunity: string | undefined): Promise<number> {
  const district = await findOrgUnit(db, districtCode);
  if (!district) throw new Error(`district ${districtCode} is not loaded`);
  await ensureDistrictRow(db, { code: district.code, level: 'district', orgPath: district.orgPath, name: district.name });
  const [already] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from facilities where district_code = ${district.code}`);
  if ((already?.n ?? 0) > 0) return 0;
  const grids = (await listGridPlacesUnder(db, district.orgPath)).filter((g) => g.maxLng > g.minLng);
  const kinds = new Map((await listKinds(db)).map((k) => [k.code, k]));
  const firstGrid = new Map<string, GridPlace>();
  for (const g of grids) if (!firstGrid.has(g.communityCode)) firstGrid.set(g.communityCode, g);
  const streets = new Map<string, GridPlace[]>();
  for (const g of firstGrid.values()) streets.set(g.streetCode, [...(streets.get(g.streetCode) ?? []), g]);
  const streetNames = await orgUnitNames(db, [...streets.keys()]);
  const rows: Record<string, unknown>[] = [];
  // `half` puts the facility in the south (0) or north (1) half of the grid instead of its middle.
  const place = (kind: string, grid: GridPlace, base: string, half?: 0 | 1) => {
    const k = kinds.get(kind);
    if (!k) return;
    const fx = 0.3 + 0.4 * fraction(`${grid.gridCode}:${kind}:${half ?? ''}x`);
    const fy = half === undefined ? 0.3 + 0.4 * fraction(`${grid.gridCode}:${kind}:y`) : 0.15 + 0.5 * half + 0.2 * fraction(`${grid.gridCode}:${kind}:${half}y`);
    const operator = operatorOf(kind, grid, base, district.name);
    const [lng, lat] = pointInside(grid.geometry, grid.minLng + fx * (grid.maxLng - grid.minLng), grid.minLat + fy * (grid.maxLat - grid.minLat));
    rows.push({
      id: crypto.randomUUID(), name: `${base}${k.name.replace(/（.*）/, '')}`, kind, level: k.level,
      lng, lat,
      address: `${grid.communityName}${Math.floor(1 + fraction(`${grid.gridCode}:${kind}:n`) * 60)}号`, opening_hours: hours[kind] ?? '周一至周日 08:00–20:00',
      capacity: capacities[kind] ?? null, operator_type: operator.type, operator_name: operator.name, operator_code: operator.code,
      contact: `010-6${String(Math.floor(fraction(`${grid.gridCode}:${kind}:t`) * 1e7)).padStart(7, '0')}`,
      community_code: grid.communityCode, grid_code: grid.gridCode, org_path: grid.orgPath, district_code: district.code,
    });
  };
  // The 5-minute facilities stand in both halves of every grid (a grid holds about two
  // neighbourhoods of 300 m), the rest once per community.
  for (const grid of grids) {
    const planted = grid.communityCode === focusCommunity;
    for (const kind of communityKinds) {
      if (planted && kind === PLANTED_GAP_KIND) continue;
      if (kinds.get(kind)?.level === '5min') for (const half of [0, 1] as const) place(kind, grid, baseOf(grid.communityName), half);
      else if (firstGrid.get(grid.communityCode) === grid) place(kind, grid, baseOf(grid.communityName));
    }
  }
  [...firstGrid.values()].forEach((grid, i) => {
    if (i % 2 === 0) for (const kind of everyOtherCommunityKinds) place(kind, grid, baseOf(grid.communityName));
  });
  for (const [streetCode, communities] of streets) {
    const central = communities[Math.floor(communities.length / 2)]!;
    const base = (streetNames.get(streetCode) ?? central.communityName).replace(/(街道|镇|乡|地区)(办事处)?$/, '');
    for (const kind of streetKinds) place(kind, central, base);
    communities.forEach((grid, i) => {
      if (i % 3 === 1 || grid.communityCode === focusCommunity) for (const kind of circleKinds) place(kind, grid, baseOf(grid.communityName));
    });
  }
  await db.transaction((tx) =>
    bulkLoad(tx, ['facilities'], () => insertByUnnest(tx, 'facilities', [
      ['id', 'uuid'], ['name', 'text'], ['kind', 'text'], ['level', 'text'], ['lng', 'float8'], ['lat', 'float8'], ['address', 'text'], ['opening_hours', 'text'],
      ['capacity', 'int'], ['operator_type', 'text'], ['operator_name', 'text'], ['operator_code', 'text'], ['contact', 'text'], ['community_code', 'text'],
      ['grid_code', 'text'], ['org_path', 'text'], ['district_code', 'text'],
    ], rows, 2_000)),
  );
  await recomputeDistrict(db, district.code, { force: true });
  return rows.length;
}

/** The demo loader: facilities for the demo district, around the focus community the demo accounts work in. */
export async function loadFacilitiesDemo({ db, districtCode, progress, state, counts }: DemoContext): Promise<void> {
  const focus = fromEarlierLoader(state, 'community');
  progress('服务设施与生活圈覆盖 / facilities');
  counts.facilities = await seedFacilitiesDemo(db, districtCode, focus.code);
}
