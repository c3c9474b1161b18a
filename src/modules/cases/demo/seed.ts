// Demo cases: a year of plausible cases across the demo district, in every state, made by
// running each case through the real workflow table (applyAction) on the working-day
// calendar, then written with a few bulk inserts (json_to_recordset, unnest), so the demo loads
// in seconds even on PGlite. Deterministic for a given district and day.
import crypto from 'node:crypto';
import { fakerZH_CN as faker } from '@faker-js/faker';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { findOrgUnit, listChildOrgNodes, listGridPlacesUnder, pointInside } from '../../org/index.ts';
import type { CaseSource, CaseUrgency } from '../contract.ts';
import type { CategoryRow } from '../schema.ts';
import { loadCaseRules, type CaseRules } from '../settings.ts';
import { numberPrefix } from '../use-cases/numbering.ts';
import { DAY, HOUR, simulate, type Place } from './simulate.ts';
import { classWeights, deptForClass, randomScript, titles } from './scripts.ts';
import { guaranteedCase, guaranteedCases } from './guaranteed.ts';
import { demoRows, writeDemoRows, type DemoRows } from './write.ts';

export interface CasesDemoOptions {
  districtCode: string;
  pii: PiiCipher;
  /** Demo accounts whose cases and actions show up in their screens. */
  accounts?: { residentUserId?: string | undefined; communityCode?: string | undefined } | undefined;
  now?: Date | undefined;
  /** Defaults to 10 per grid, at most 12,000 (PGlite writes ~35,000 timeline rows a second). */
  count?: number | undefined;
  progress?: ((message: string) => void) | undefined;
}

/** A case's point inside its grid (a point drawn in the grid's box may fall outside an edge grid). */
function insideAt(place: Place, lng: number, lat: number): { lng: number; lat: number } {
  const [x, y] = pointInside(place.geometry, lng, lat);
  return { lng: x, lat: y };
}

/** Seeds a year of cases; returns how many cases and timeline entries were written. */
export async function seedCasesDemo(db: Db, options: CasesDemoOptions): Promise<{ cases: number; timeline: number }> {
  const progress = options.progress ?? (() => undefined);
  const now = options.now ?? new Date();
  const rules = await loadCaseRules(db);
  const district = await findOrgUnit(db, options.districtCode);
  if (!district) throw new Error(`district ${options.districtCode} not found`);
  faker.seed(Number.parseInt(options.districtCode, 10) + Math.floor(now.getTime() / DAY));
  const places: Place[] = await listGridPlacesUnder(db, district.orgPath);
  if (places.length === 0) return { cases: 0, timeline: 0 };
  const departments = await listChildOrgNodes(db, district.code, 'departments');
  const deptCode = (classCode: string) => departments.find((d) => d.name.endsWith(deptForClass[classCode] ?? '城市管理委员会'))?.code ?? departments[0]?.code ?? district.code;

  progress('设置责任矩阵 / responsibility matrix');
  for (const [classCode] of Object.entries(deptForClass)) {
    await db.execute(sql`insert into case_routing_rules (node_code, node_path, category_code, unit_code, note, created_by)
      values (${district.code}, ${district.orgPath}, ${classCode}, ${deptCode(classCode)}, '演示数据', 'demo') on conflict do nothing`);
  }

  const leaves = [...rules.categories.values()].filter((c) => c.parentCode !== null && c.active);
  const weighted: CategoryRow[] = [];
  for (const leaf of leaves) for (let i = 0; i < (classWeights[leaf.parentCode ?? ''] ?? 2); i++) weighted.push(leaf);
  const count = options.count ?? Math.min(12_000, places.length * 10);
  const prefix = numberPrefix(rules, district.code, district.name);
  progress(`生成 ${count} 件演示案件 / generating cases`);

  const rows = demoRows(prefix, district.code, options.pii);
  addRandomCases(rows, { rules, now, places, weighted, count, deptCode, accounts: options.accounts });
  const randomCases = rows.caseRows.length;
  addGuaranteedCases(rows, { rules, now, places, leaves, deptCode });
  progress(`每个街道的在办案件 / open cases in every street: ${rows.caseRows.length - randomCases}`);

  progress(`写入 ${rows.caseRows.length} 件案件、${rows.timelineRows.length} 条办理记录 / writing`);
  await writeDemoRows(db, rows);
  return { cases: rows.caseRows.length, timeline: rows.timelineRows.length };
}

interface DemoWorld {
  rules: CaseRules;
  now: Date;
  places: Place[];
  /** The department handling a class. */
  deptCode: (classCode: string) => string;
}

/** The random year: `count` cases reported mostly in office hours, each living the random script. */
function addRandomCases(rows: DemoRows, input: DemoWorld & { weighted: CategoryRow[]; count: number; accounts: CasesDemoOptions['accounts'] }): void {
  const { rules, now, places, weighted, count, deptCode } = input;
  const createdTimes = Array.from({ length: count }, () => {
    // Reports come in office hours mostly, a little more on weekdays.
    const day = Math.floor(faker.number.float({ min: 0, max: 1 }) ** 0.9 * 365);
    const hour = faker.helpers.weightedArrayElement([{ value: 8, weight: 2 }, { value: 9, weight: 4 }, { value: 10, weight: 5 }, { value: 11, weight: 4 }, { value: 14, weight: 4 }, { value: 15, weight: 4 }, { value: 16, weight: 3 }, { value: 19, weight: 2 }, { value: 21, weight: 1 }]);
    const t = now.getTime() - day * DAY;
    const bjMidnight = Math.floor((t + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    return Math.min(now.getTime() - 60_000, bjMidnight + hour * HOUR + faker.number.int({ max: 59 }) * 60_000);
  }).sort((a, b) => a - b);
  const openByGrid = new Map<string, { id: string; categoryCode: string; createdAt: number }[]>();
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(createdTimes[i] as number);
    const place = faker.helpers.arrayElement(places);
    const category = faker.helpers.arrayElement(weighted);
    const id = crypto.randomUUID();
    const source = faker.helpers.weightedArrayElement<CaseSource>([
      { value: 'grid_patrol', weight: 45 }, { value: 'hotline', weight: 25 }, { value: 'resident', weight: 20 }, { value: 'open311', weight: 5 }, { value: 'department', weight: 5 },
    ]);
    const isDemoResident = input.accounts?.residentUserId && place.communityCode === input.accounts.communityCode && i % 7 === 0;
    const reporterUserId = isDemoResident ? (input.accounts?.residentUserId ?? null) : null;
    const hasContact = source === 'hotline' || source === 'resident' || source === 'open311';
    const phone = hasContact ? `1${faker.helpers.arrayElement(['3', '5', '7', '8', '9'])}${faker.string.numeric(9)}` : null;
    const { lng, lat } = insideAt(place, faker.number.float({ min: place.minLng, max: place.maxLng, fractionDigits: 6 }), faker.number.float({ min: place.minLat, max: place.maxLat, fractionDigits: 6 }));
    const address = `${place.communityName}${faker.number.int({ min: 1, max: 40 })}号楼${faker.helpers.arrayElement(['东侧', '西侧', '南门', '北门', '附近', '楼下'])}`;
    const title = faker.helpers.arrayElement(titles[category.code] ?? [category.name]);
    const description = `${address}${title}，${faker.helpers.arrayElement(['请尽快处理', '已持续多日', '影响居民出行', '居民反映强烈', '存在安全隐患'])}。`;
    const reporterId = reporterUserId ?? (phone ? `contact:demo${i}` : null);

    const handler = category.defaultMatterClass === 'government' ? deptCode(category.parentCode as string) : faker.datatype.boolean() ? place.communityCode : place.gridCode;
    const open = openByGrid.get(place.gridCode)?.find((c) => c.categoryCode === category.code && createdAt.getTime() - c.createdAt < 5 * DAY);
    const parent = open && faker.number.int({ max: 99 }) < 40 ? open.id : null;
    const sim = simulate({ rules, id, createdAt, now, category, place, reporterId }, randomScript({ category, place, handler, parent, reporterId, maxReopens: rules.settings.maxReopens }));
    if (['reported', 'accepted', 'registered', 'dispatched', 'handling'].includes(sim.snapshot.state)) {
      const list = openByGrid.get(place.gridCode) ?? [];
      list.push({ id, categoryCode: category.code, createdAt: createdAt.getTime() });
      openByGrid.set(place.gridCode, list.slice(-5));
    }
    const urgency = faker.helpers.weightedArrayElement<CaseUrgency>([{ value: 'normal', weight: 90 }, { value: 'urgent', weight: 8 }, { value: 'critical', weight: 2 }]);
    const reporterName = phone ? faker.person.lastName() + faker.helpers.arrayElement(['先生', '女士', '阿姨', '大爷']) : null;
    rows.add({ id, createdAt, place, category, source, urgency, reporterUserId, reporterName, phone, lng, lat, address, title, description, sim });
  }
}

/**
 * Whatever the hour and day, every street gets open cases in every open state, and yellow,
 * red and overdue ones: the random year alone leaves none overdue on a Monday morning.
 */
function addGuaranteedCases(rows: DemoRows, { rules, now, places, leaves, deptCode }: DemoWorld & { leaves: CategoryRow[] }): void {
  const streets = [...new Set(places.map((p) => p.streetCode))].sort();
  const handlerFor = (category: CategoryRow, place: Place) => (category.defaultMatterClass === 'government' ? deptCode(category.parentCode as string) : place.communityCode);
  const emptyBands = new Set<string>();
  streets.forEach((streetCode, streetIndex) => {
    const streetPlaces = places.filter((p) => p.streetCode === streetCode).sort((a, b) => a.gridCode.localeCompare(b.gridCode));
    guaranteedCases.forEach((target, k) => {
      const place = streetPlaces[k % streetPlaces.length] as Place;
      const id = crypto.randomUUID();
      const first = (streetIndex * 7 + k * 3) % leaves.length;
      const made = guaranteedCase({ rules, id, now, place, categories: [...leaves.slice(first), ...leaves.slice(0, first)], handlerFor, emptyBands, ...target });
      if (!made) return; // no category's limits allow this level at this hour (see guaranteedCase)
      const { category } = made;
      const title = (titles[category.code] ?? [category.name])[0] as string;
      const address = `${place.communityName}${(k % 20) + 1}号楼附近`;
      rows.add({
        id, createdAt: made.createdAt, place, category, source: 'grid_patrol', urgency: 'normal', reporterUserId: null, reporterName: null, phone: null,
        ...insideAt(place, (place.minLng + place.maxLng) / 2, (place.minLat + place.maxLat) / 2),
        address, title, description: `${address}${title}，请尽快处理。`, sim: made.sim,
      });
    });
  });
}
