import { fakerZH_CN as faker } from '@faker-js/faker';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { systemActor } from '../../platform/auth/scope.ts';
import type { DemoContext } from '../../platform/module.ts';
import { gridStaff, orgNodes } from './schema.ts';
import { communityTypes, type GridDuty, type GridKind } from './contract.ts';
import { createDepartment, importDivisions } from './org-units.ts';
import type { GridGeometry, Position } from './geo.ts';
import { insertGrids, type GridSeed } from './seed.ts';

// Demo data for the organisation tree: the real district, its real streets and
// communities, and generated grid polygons and rosters. Deterministic for a given district.

// Provincial capitals (approximate), to place a district when no better position is known.
const capitals: Record<string, Position> = {
  '11': [116.4, 39.9], '12': [117.2, 39.1], '13': [114.5, 38.0], '14': [112.55, 37.87], '15': [111.67, 40.82],
  '21': [123.43, 41.8], '22': [125.32, 43.9], '23': [126.63, 45.75], '31': [121.47, 31.23], '32': [118.78, 32.06],
  '33': [120.15, 30.28], '34': [117.27, 31.86], '35': [119.3, 26.08], '36': [115.89, 28.68], '37': [117.0, 36.65],
  '41': [113.65, 34.76], '42': [114.31, 30.59], '43': [112.94, 28.23], '44': [113.26, 23.13], '45': [108.32, 22.82],
  '46': [110.35, 20.02], '50': [106.55, 29.56], '51': [104.07, 30.67], '52': [106.71, 26.57], '53': [102.71, 25.04],
  '54': [91.13, 29.65], '61': [108.95, 34.27], '62': [103.82, 36.06], '63': [101.78, 36.62], '64': [106.27, 38.47],
  '65': [87.62, 43.82],
};
// Districts whose real centre we know; others are placed near their provincial capital.
const knownCentres: Record<string, Position> = { '110108': [116.298, 39.993], '110105': [116.486, 39.948], '110101': [116.416, 39.929] };

interface Rect {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** Splits a rectangle into parts with areas proportional to the weights (a slice-and-dice treemap). */
export function splitRect(rect: Rect, weights: number[]): Rect[] {
  if (weights.length === 0) return [];
  if (weights.length === 1) return [rect];
  const total = weights.reduce((a, b) => a + b, 0);
  const half = Math.ceil(weights.length / 2);
  const share = weights.slice(0, half).reduce((a, b) => a + b, 0) / total;
  // One degree of longitude is shorter than one of latitude away from the equator.
  const width = (rect.maxLng - rect.minLng) * Math.cos((((rect.minLat + rect.maxLat) / 2) * Math.PI) / 180);
  const height = rect.maxLat - rect.minLat;
  let a: Rect;
  let b: Rect;
  if (width >= height) {
    const cut = rect.minLng + (rect.maxLng - rect.minLng) * share;
    a = { ...rect, maxLng: cut };
    b = { ...rect, minLng: cut };
  } else {
    const cut = rect.maxLat - (rect.maxLat - rect.minLat) * share;
    a = { ...rect, minLat: cut };
    b = { ...rect, maxLat: cut };
  }
  return [...splitRect(a, weights.slice(0, half)), ...splitRect(b, weights.slice(half))];
}

function polygonOf(r: Rect): GridGeometry {
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const ring: Position[] = [
    [r.minLng, r.minLat],
    [r.maxLng, r.minLat],
    [r.maxLng, r.maxLat],
    [r.minLng, r.maxLat],
    [r.minLng, r.minLat],
  ].map(([x, y]) => [round(x as number), round(y as number)] as Position);
  return { type: 'Polygon', coordinates: [ring] };
}

function hashCode(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

const districtDepartments = ['城市管理委员会', '住房和城乡建设委员会', '市场监督管理局', '生态环境局', '公安分局', '民政局', '卫生健康委员会', '应急管理局'];
const dutiesPerGrid: GridDuty[] = ['grid_leader', 'grid_worker', 'police', 'supervisor'];

function mobile(): string {
  return `1${faker.helpers.arrayElement(['3', '5', '7', '8', '9'])}${faker.string.numeric(9)}`;
}

/** Seeds the org tree of a district for the demo and returns the nodes the demo accounts use. */
export async function seedOrgDemo(db: Db, districtCode: string, progress: (message: string) => void) {
  faker.seed(hashCode(districtCode));
  progress(`导入行政区划 ${districtCode} / importing divisions`);
  await importDivisions(db, systemActor, districtCode);
  const [district] = await db.select().from(orgNodes).where(eq(orgNodes.code, districtCode));
  if (!district) throw new Error(`district ${districtCode} was not imported`);
  const streets = await db.select().from(orgNodes).where(and(eq(orgNodes.parentCode, districtCode), eq(orgNodes.level, 'street'))).orderBy(asc(orgNodes.code));
  const communities = await db
    .select()
    .from(orgNodes)
    .where(and(eq(orgNodes.level, 'community'), sql`${orgNodes.orgPath} like ${`${district.orgPath}.%`}`))
    .orderBy(asc(orgNodes.code));

  progress(`设置 ${communities.length} 个社区的类型 / community types`);
  for (const type of communityTypes) {
    const codes = communities.filter((c) => communityTypes[hashCode(c.code) % communityTypes.length] === type).map((c) => c.code);
    if (codes.length) await db.update(orgNodes).set({ communityType: type }).where(sql`${orgNodes.code} in ${codes}`);
  }

  progress('创建职能部门 / departments');
  const departments = [];
  for (const name of districtDepartments) departments.push(await createDepartment(db, systemActor, { parentCode: districtCode, name: `${district.name}${name}` }));
  for (const street of streets) await createDepartment(db, systemActor, { parentCode: street.code, name: `${street.name}综合行政执法队` });

  progress('生成网格 / grids');
  const centre = knownCentres[districtCode] ?? offsetFrom(capitals[districtCode.slice(0, 2)] ?? [116.4, 39.9], districtCode);
  const side = 0.012 * Math.sqrt(Math.max(communities.length, 1));
  const districtRect = { minLng: centre[0] - side / 2, minLat: centre[1] - side / 2.6, maxLng: centre[0] + side / 2, maxLat: centre[1] + side / 2.6 };
  const byStreet = streets.map((s) => communities.filter((c) => c.parentCode === s.code)).filter((list) => list.length > 0);
  const streetRects = splitRect(districtRect, byStreet.map((list) => list.length));
  const gridRows: GridSeed[] = [];
  byStreet.forEach((list, i) => {
    splitRect(streetRects[i] as Rect, list.map(() => 1)).forEach((rect, j) => {
      const community = list[j] as (typeof list)[number];
      const h = hashCode(community.code);
      const kinds: GridKind[] = ['community', ...(h % 3 === 0 ? (['community'] as GridKind[]) : []), ...(h % 5 === 0 ? (['key_unit'] as GridKind[]) : []), ...(h % 7 === 0 ? (['road'] as GridKind[]) : [])];
      const labels: Record<GridKind, string> = { community: '社区网格', key_unit: '重点单位网格', road: '道路网格' };
      splitRect(rect, kinds.map(() => 1)).forEach((cell, k) => {
        const code = `${community.code}${String(k + 1).padStart(2, '0')}`;
        const geometry = polygonOf(cell);
        const kind = kinds[k] as GridKind;
        gridRows.push({
          code,
          communityCode: community.code,
          name: `${community.name}第${k + 1}${labels[kind]}`,
          kind,
          orgPath: `${community.orgPath}.${code}`,
          geometry,
        });
      });
    });
  });
  await insertGrids(db, gridRows);

  progress(`生成 ${gridRows.length} 个网格的实名公示名册 / rosters`);
  const staffRows: (typeof gridStaff.$inferInsert)[] = [];
  for (const g of gridRows) {
    const duties = dutiesPerGrid.slice(0, 3 + (hashCode(g.code) % 2));
    duties.forEach((duty, sort) =>
      staffRows.push({ gridCode: g.code, orgPath: g.orgPath, name: faker.person.lastName() + faker.person.firstName(), duty, phone: mobile(), sort }),
    );
  }
  for (let i = 0; i < staffRows.length; i += 1000) await db.insert(gridStaff).values(staffRows.slice(i, i + 1000));

  const street = streets.find((s) => s.code === byStreet[0]?.[0]?.parentCode) as (typeof streets)[number];
  const community = byStreet[0]?.[0] as (typeof communities)[number];
  const grid = gridRows.find((g) => g.communityCode === community.code) as (typeof gridRows)[number];
  const gridWorkerName = staffRows.find((s) => s.gridCode === grid.code && s.duty === 'grid_worker')?.name ?? '网格员';
  return {
    district,
    street,
    community,
    grid: { code: grid.code, name: grid.name },
    department: departments[0] as (typeof departments)[number],
    gridWorkerName,
    counts: { streets: streets.length, communities: communities.length, grids: gridRows.length, gridStaff: staffRows.length, departments: districtDepartments.length + streets.length },
  };
}

/** The org module's demo loader: the district's tree, grids and rosters, and the org units the demo accounts work in. */
export async function loadOrgDemo({ db, districtCode, progress, state, counts }: DemoContext): Promise<void> {
  const org = await seedOrgDemo(db, districtCode, progress);
  const unit = (node: { code: string; name: string }) => ({ code: node.code, name: node.name });
  Object.assign(state, {
    district: unit(org.district),
    street: unit(org.street),
    community: unit(org.community),
    grid: org.grid,
    department: unit(org.department),
    gridWorkerName: org.gridWorkerName,
  });
  Object.assign(counts, org.counts);
}

/** Links an account to the roster entry of a grid with this duty (the demo grid worker). */
export async function linkGridStaffAccount(db: Db, gridCode: string, duty: GridDuty, userId: string): Promise<void> {
  await db.update(gridStaff).set({ userId }).where(and(eq(gridStaff.gridCode, gridCode), eq(gridStaff.duty, duty)));
}

function offsetFrom(capital: Position, code: string): Position {
  const h = hashCode(code);
  return [capital[0] + ((h % 1000) / 1000 - 0.5) * 1.2, capital[1] + (((h >>> 10) % 1000) / 1000 - 0.5) * 0.8];
}
