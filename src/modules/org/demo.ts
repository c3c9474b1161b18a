import { fakerZH_CN as faker } from '@faker-js/faker';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { systemActor } from '../../platform/auth/scope.ts';
import type { DemoContext } from '../../platform/module.ts';
import { gridStaff, orgNodes } from './schema.ts';
import { communityTypes, type GridDuty } from './contract.ts';
import { createDepartment, importDivisions } from './org-units.ts';
import { insertGrids } from './seed.ts';
import { demoDistrictOutline, demoGridLayout, hashCode } from './demo-grids.ts';
import { halve, isWide } from './geo-cut.ts';

// Demo data for the organisation tree: the real district, its real streets and
// communities, generated grid polygons (demo-grids.ts) and rosters. Deterministic for a given district.

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
  const { half, share } = halve(weights);
  let a: Rect;
  let b: Rect;
  if (isWide(rect)) {
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
  const byStreet = streets.map((s) => communities.filter((c) => c.parentCode === s.code)).filter((list) => list.length > 0);
  const gridRows = demoGridLayout(demoDistrictOutline(districtCode, communities.length), streets, communities);
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
