// Demo data for the registry: buildings, houses, households and people for every community
// of the demo district, with valid synthetic ID numbers (makeIdNumber, the district's
// region code for registered residents) and key-group shares close to published figures.
// Written with bulk inserts (unnest of column arrays), deterministic for a district.
import crypto from 'node:crypto';
import { fakerZH_CN as faker } from '@faker-js/faker';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import { bulkLoad, insertByUnnest } from '../../platform/bulk-insert.ts';
import { findOrgUnit, gridRosterUnder, gridsUnder, listGridPlacesUnder, orgUnitsUnder, pointInside, type GridPlace, type GridRef } from '../org/index.ts';
import { makeIdNumber } from './id-number.ts';
import { nameSearchKeys } from './pinyin.ts';
import { searchTermsOf } from './text-search.ts';
import { builtInKinds, disabilityCategories, type BuiltInKindCode } from './key-groups/kinds.ts';
import { addDays, chinaToday } from './vocabulary.ts';
import type { Education, PoliticalStatus, Relation } from './contract.ts';

// Shares, per person unless noted (rounded from national and Beijing statistics):
//   people with a disability certificate ≈ 2.5 %  (中国残联: 37.8 M certified of 1.41 B)
//   低保 ≈ 0.8 % of households, 特困 ≈ 0.1 %  (Beijing urban 低保 ≈ 0.5–1 %)
//   veterans ≈ 2.5 % of men over 35          (退役军人事务部: ≈ 57 M veterans)
//   community correction ≈ 0.04 % of adults  (≈ 600,000 under correction at any time)
//   severe mental disorders ≈ 0.3 %          (≈ 6.6 M managed patients)
//   elderly living alone: 70 % of one-person households whose member is 65 or older
//   migrants (流动人口) ≈ 30 % of households in a central Beijing district
const shares = {
  disabled: 0.025,
  dibaoHousehold: 0.008,
  tekunElderly: 0.05,
  veteranMen35: 0.025,
  veteranWomen35: 0.003,
  correctionAdult: 0.0004,
  mentalAdult: 0.003,
  leftBehindChild: 0.002,
  elderlyAloneOf65Single: 0.7,
  migrantHousehold: 0.3,
  vacantHouse: 0.08,
};

// Where migrants' ID numbers were issued: a few large sending cities.
const migrantRegions = ['130102', '130602', '370102', '410105', '420102', '430102', '340103', '510104', '230102', '220102', '140105', '360102', '210102', '320102', '150102'];
const employers = ['北京市海淀区某科技有限公司', '某银行北京分行', '某大学', '某医院', '某物业管理有限公司', '某餐饮管理有限公司', '个体经营', '某建筑工程有限公司', '某快递公司', '某中学', '某超市', '某软件有限公司'];

// A building's point inside its grid, from its name so the random sequence of the rest of the
// demo stays as it was.
function pointIn(grid: GridPlace | undefined, name: string): { lng: number | null; lat: number | null } {
  if (!grid) return { lng: null, lat: null };
  const h = hashCode(`point:${name}`);
  const fx = 0.1 + ((h % 1000) / 1000) * 0.8;
  const fy = 0.1 + (((h >>> 10) % 1000) / 1000) * 0.8;
  const [lng, lat] = pointInside(grid.geometry, grid.minLng + fx * (grid.maxLng - grid.minLng), grid.minLat + fy * (grid.maxLat - grid.minLat));
  return { lng, lat };
}

function hashCode(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

// mulberry32: a small seeded generator, so the demo is the same every time for a district.
function randomFrom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

interface Person {
  id: string;
  householdId: string;
  houseId: string;
  gridCode: string;
  orgPath: string;
  relation: Relation;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string | null;
  ethnicity: string;
  residenceType: 'local' | 'migrant';
  arrivedOn: string | null;
  employer: string | null;
  education: Education | null;
  politicalStatus: PoliticalStatus | null;
}

/** Rows a bulk insert sends at once. */
const BATCH = 5000;

const PEOPLE_PER_COMMUNITY = 74;

/**
 * Seeds the registry of a district already seeded by the org demo: about `residents`
 * people (by default 74 a community), more of them in the first community (where the
 * demo accounts work).
 * Does nothing when the district already has residents.
 */
export async function seedRegistryDemo(
  db: Db,
  pii: PiiCipher,
  options: { district: string; residents?: number; focusCommunity?: string; progress?: (message: string) => void },
) {
  const progress = options.progress ?? (() => undefined);
  const district = await findOrgUnit(db, options.district);
  if (!district) throw new Error(`district ${options.district} is not loaded`);
  const prefix = `${district.orgPath}.%`;
  const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from residents where org_path like ${prefix}`);
  if ((existing?.n ?? 0) > 0) return { buildings: 0, houses: 0, households: 0, residents: 0, keyGroupMembers: 0, visits: 0 };

  const seed = hashCode(`registry:${options.district}`);
  const rnd = randomFrom(seed);
  faker.seed(seed);
  const today = chinaToday();

  const communities = await orgUnitsUnder(db, district.orgPath, 'community');
  const gridRows = await gridsUnder(db, [district.orgPath]);
  const gridsByCommunity = new Map<string, typeof gridRows>();
  for (const g of gridRows) {
    if (g.kind !== 'community') continue;
    gridsByCommunity.set(g.communityCode, [...(gridsByCommunity.get(g.communityCode) ?? []), g]);
  }
  const visitors = new Map(
    (await gridRosterUnder(db, district.orgPath, 'grid_worker')).map((s) => [s.gridCode, s.name]),
  );
  const placed = communities.filter((c) => gridsByCommunity.has(c.code));
  if (placed.length === 0) return { buildings: 0, houses: 0, households: 0, residents: 0, keyGroupMembers: 0, visits: 0 };
  const focus = options.focusCommunity ?? placed[0]?.code;
  const weights = placed.map((c) => (c.code === focus ? 20 : 1));
  // About 74 people per community, twenty times that in the community the demo accounts
  // work in: some 50,000 for the default demo district (海淀区, 678 communities).
  const target = options.residents ?? PEOPLE_PER_COMMUNITY * weights.reduce((a, b) => a + b, 0);

  progress(`生成 ${placed.length} 个社区的楼栋、房屋、住户和约 ${target} 名居民 / registry`);
  const boxes = new Map((await listGridPlacesUnder(db, district.orgPath)).map((g) => [g.gridCode, g]));
  const places = generatePlaces(rnd, { today, district: options.district, placed, weights, target, gridsByCommunity, boxes });
  progress(`重点人群 / key groups`);
  const care = generateKeyGroups(rnd, today, places, visitors);
  const { buildingRows, registeredHouses, householdRows, people } = places;
  progress(`写入 ${buildingRows.length} 栋楼、${registeredHouses.length} 套房屋、${householdRows.length} 户、${people.length} 名居民 / writing`);
  const tables = ['buildings', 'houses', 'households', 'residents', 'residence_history', 'key_group_memberships', 'visits'];
  await db.transaction((tx) => bulkLoad(tx, tables, () => writeDemo(tx, pii, { ...places, ...care }, { today, prefix })));
  return { buildings: buildingRows.length, houses: registeredHouses.length, households: householdRows.length, residents: people.length, keyGroupMembers: care.memberships.length, visits: care.visitRows.length };
}

type Random = ReturnType<typeof randomFrom>;

/** Makers of a synthetic person's attributes, drawing from one generator. */
function personTraits(rnd: Random, today: string) {
  const thisYear = Number(today.slice(0, 4));
  const usedIds = new Set<string>();
  const birthDate = (age: number) => {
    const year = thisYear - age;
    const day = rnd.int(0, 364);
    const date = new Date(Date.UTC(year, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    return date > today ? `${year - 1}${date.slice(4)}` : date;
  };
  const idFor = (region: string, born: string, gender: 'male' | 'female') => {
    for (;;) {
      const sequence = rnd.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
      const id = makeIdNumber({ regionCode: region, birthDate: born, sequence });
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const educationFor = (age: number): Education | null => {
    if (age < 7) return null;
    if (age < 13) return 'primary';
    if (age < 16) return 'junior_high';
    if (age < 19) return 'senior_high';
    return rnd.pick<Education>(age > 60 ? ['primary', 'junior_high', 'senior_high', 'vocational', 'junior_college', 'bachelor'] : ['senior_high', 'vocational', 'junior_college', 'bachelor', 'bachelor', 'master', 'doctorate']);
  };
  const politicalFor = (age: number): PoliticalStatus | null => {
    if (age < 14) return null;
    if (age <= 28 && rnd.chance(0.3)) return 'cyl_member';
    if (age >= 18 && rnd.chance(0.08)) return 'cpc_member';
    return 'masses';
  };
  const ethnicity = () => {
    const r = rnd.next();
    return r < 0.95 ? '汉族' : r < 0.97 ? '满族' : r < 0.985 ? '回族' : r < 0.993 ? '蒙古族' : '朝鲜族';
  };
  const mobile = () => `1${rnd.pick(['3', '5', '7', '8', '9'])}${String(rnd.int(0, 999_999_999)).padStart(9, '0')}`;

  return { birthDate, idFor, educationFor, politicalFor, ethnicity, mobile };
}

interface Generated {
  buildingRows: Record<string, unknown>[];
  /** The houses people were placed in (the last building of a community is only partly used). */
  registeredHouses: Record<string, unknown>[];
  householdRows: Record<string, unknown>[];
  people: Person[];
}

/** Buildings, houses, households and people for each community, in proportion to its weight. */
function generatePlaces(
  rnd: Random,
  plan: {
    today: string; district: string; placed: { code: string; name: string }[]; weights: number[]; target: number; gridsByCommunity: Map<string, GridRef[]>;
    boxes: Map<string, GridPlace>;
  },
): Generated {
  const { today, placed, weights, target, gridsByCommunity } = plan;
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const { birthDate, idFor, educationFor, politicalFor, ethnicity, mobile } = personTraits(rnd, today);
  const buildingRows: Record<string, unknown>[] = [];
  const houseRows: Record<string, unknown>[] = [];
  const houseById = new Map<string, Record<string, unknown>>();
  const unused = new Set<string>();
  const householdRows: Record<string, unknown>[] = [];
  const people: Person[] = [];

  placed.forEach((community, ci) => {
    const share = Math.round((target * (weights[ci] as number)) / weightSum);
    const communityGrids = gridsByCommunity.get(community.code) ?? [];
    const base = community.name.replace(/(社区|村)$/, '');
    let residentsHere = 0;
    let buildingNo = 0;
    const slots: { houseId: string; gridCode: string; orgPath: string }[] = [];
    const nextHouse = () => {
      while (slots.length === 0) {
        buildingNo++;
        const grid = communityGrids[(buildingNo - 1) % communityGrids.length] as (typeof communityGrids)[number];
        const buildingId = crypto.randomUUID();
        const name = `${base}${buildingNo}号楼`;
        buildingRows.push({ id: buildingId, community_code: community.code, grid_code: grid.code, org_path: grid.orgPath, name, address: name, floors: 6, units: 2, search: searchTermsOf(name).join(' '), ...pointIn(plan.boxes.get(grid.code), name) });
        for (let unit = 1; unit <= 2; unit++) {
          for (let floor = 1; floor <= 6; floor++) {
            for (let pos = 1; pos <= 2; pos++) {
              const houseId = crypto.randomUUID();
              const vacant = rnd.chance(shares.vacantHouse);
              const row = { id: houseId, building_id: buildingId, grid_code: grid.code, org_path: grid.orgPath, unit: String(unit), floor, number: `${floor}0${pos}`, tenure: vacant ? 'vacant' : 'owner_occupied' };
              houseRows.push(row);
              houseById.set(houseId, row);
              if (!vacant) slots.push({ houseId, gridCode: grid.code, orgPath: grid.orgPath });
            }
          }
        }
      }
      return slots.shift() as (typeof slots)[number];
    };
    while (residentsHere < share) {
      const where = nextHouse();
      const householdId = crypto.randomUUID();
      const migrant = rnd.chance(shares.migrantHousehold);
      if (migrant) (houseById.get(where.houseId) ?? {}).tenure = 'rented';
      householdRows.push({ id: householdId, house_id: where.houseId, grid_code: where.gridCode, org_path: where.orgPath });
      const sizeRoll = rnd.next();
      const size = sizeRoll < 0.25 ? 1 : sizeRoll < 0.55 ? 2 : sizeRoll < 0.8 ? 3 : sizeRoll < 0.92 ? 4 : 5;
      const region = migrant ? rnd.pick(migrantRegions) : plan.district;
      const arrivedOn = migrant ? addDays(today, -rnd.int(30, 3650)) : null;
      const surname = faker.person.lastName();
      const headAge = size === 1 ? (rnd.chance(0.45) ? rnd.int(60, 92) : rnd.int(22, 59)) : rnd.int(26, 80);
      const headGender = rnd.chance(0.6) ? 'male' : 'female';
      const members: { relation: Relation; age: number; gender: 'male' | 'female'; surname: string }[] = [{ relation: 'head', age: headAge, gender: headGender, surname }];
      if (size >= 2) members.push({ relation: 'spouse', age: Math.max(20, headAge + rnd.int(-5, 5)), gender: headGender === 'male' ? 'female' : 'male', surname: faker.person.lastName() });
      for (let i = members.length; i < size; i++) {
        if (i === 4 && headAge < 60) {
          members.push({ relation: 'parent', age: Math.min(98, headAge + rnd.int(22, 32)), gender: rnd.chance(0.5) ? 'male' : 'female', surname });
        } else {
          members.push({ relation: 'child', age: Math.max(0, headAge - rnd.int(22, 38) - (i - 2) * rnd.int(1, 4)), gender: rnd.chance(0.51) ? 'male' : 'female', surname });
        }
      }
      for (const m of members) {
        const born = birthDate(m.age);
        people.push({
          id: crypto.randomUUID(),
          householdId,
          houseId: where.houseId,
          gridCode: where.gridCode,
          orgPath: where.orgPath,
          relation: m.relation,
          name: m.surname + faker.person.firstName(m.gender === 'male' ? 'male' : 'female'),
          gender: m.gender,
          birthDate: born,
          idNumber: idFor(region, born, m.gender),
          phone: m.age >= 16 && rnd.chance(0.92) ? mobile() : null,
          ethnicity: ethnicity(),
          residenceType: migrant ? 'migrant' : 'local',
          arrivedOn,
          employer: m.age >= 22 && m.age < 60 && rnd.chance(0.7) ? rnd.pick(employers) : null,
          education: educationFor(m.age),
          politicalStatus: politicalFor(m.age),
        });
        residentsHere++;
      }
    }
    // The last building is only partly registered: drop its unused houses.
    for (const slot of slots) unused.add(slot.houseId);
  });
  return { buildingRows, registeredHouses: houseRows.filter((h) => !unused.has(h.id as string)), householdRows, people };
}

/** Key-group memberships in published shares, each with a last visit (about one in five overdue). */
function generateKeyGroups(rnd: Random, today: string, { householdRows, people }: Generated, visitors: Map<string, string>) {
  const thisYear = Number(today.slice(0, 4));
  const memberships: Record<string, unknown>[] = [];
  const visitRows: Record<string, unknown>[] = [];
  const householdSize = new Map<string, number>();
  for (const p of people) householdSize.set(p.householdId, (householdSize.get(p.householdId) ?? 0) + 1);
  const dibaoHouseholds = new Set(householdRows.filter(() => rnd.chance(shares.dibaoHousehold)).map((h) => h.id as string));
  const joined = new Set<string>();
  const join = (p: Person, kind: BuiltInKindCode, fields: Record<string, unknown>) => {
    if (joined.has(`${p.id}:${kind}`)) return; // one current membership per kind
    joined.add(`${p.id}:${kind}`);
    const every = builtInKinds[kind].visitEveryDays;
    const since = addDays(today, -rnd.int(30, 1500));
    // Most were visited within their interval; about one in five is overdue.
    const last = addDays(today, -rnd.int(0, Math.round(every * 1.25)));
    const id = crypto.randomUUID();
    memberships.push({ id, resident_id: p.id, kind, org_path: p.orgPath, sensitive: builtInKinds[kind].sensitive, fields, since, visit_every_days: every, last_visited_on: last, next_visit_due: addDays(last, every) });
    visitRows.push({ resident_id: p.id, membership_id: id, org_path: p.orgPath, visited_on: last, method: rnd.chance(0.8) ? 'home' : 'phone', visitor_name: visitors.get(p.gridCode) ?? '网格员' });
  };
  for (const p of people) {
    const age = thisYear - Number(p.birthDate.slice(0, 4));
    const single = householdSize.get(p.householdId) === 1;
    if (single && age >= 65 && rnd.chance(shares.elderlyAloneOf65Single)) {
      join(p, 'elderly_alone', { healthStatus: rnd.pick(['good', 'fair', 'fair', 'poor', 'bedridden']), needsDailyCare: age >= 80 && rnd.chance(0.4) });
      if (rnd.chance(shares.tekunElderly)) join(p, 'low_income', { scheme: 'tekun' });
    }
    if (rnd.chance(shares.disabled)) {
      const g = rnd.next();
      join(p, 'disabled', { category: rnd.pick([...disabilityCategories, 'physical', 'physical', 'physical', 'hearing']), grade: g < 0.1 ? 1 : g < 0.35 ? 2 : g < 0.65 ? 3 : 4 });
    }
    if (p.relation === 'head' && dibaoHouseholds.has(p.householdId)) join(p, 'low_income', { scheme: 'dibao', monthlyAmount: 1395 });
    if (age >= 35 && rnd.chance(p.gender === 'male' ? shares.veteranMen35 : shares.veteranWomen35)) join(p, 'veteran', { category: rnd.chance(0.9) ? 'veteran' : 'disabled_veteran' });
    if (age < 16 && p.residenceType === 'local' && rnd.chance(shares.leftBehindChild)) join(p, 'left_behind_child', { guardianRelation: '祖父母' });
    if (age >= 18 && age <= 65 && rnd.chance(shares.correctionAdult)) {
      const start = addDays(today, -rnd.int(30, 300));
      join(p, 'community_correction', { correctionType: rnd.pick(['probation', 'parole', 'temporary_execution', 'control']), startDate: start, endDate: addDays(start, rnd.int(180, 1000)) });
    }
    if (age >= 18 && rnd.chance(shares.mentalAdult)) join(p, 'severe_mental_disorder', { riskLevel: rnd.pick([0, 0, 0, 1, 1, 2, 3]) });
  }

  return { memberships, visitRows };
}

/** Writes the generated rows with bulk inserts, in one transaction. */
async function writeDemo(
  tx: Db,
  pii: PiiCipher,
  rows: Generated & { memberships: Record<string, unknown>[]; visitRows: Record<string, unknown>[] },
  { today, prefix }: { today: string; prefix: string },
): Promise<void> {
  const { buildingRows, registeredHouses, householdRows, people, memberships, visitRows } = rows;
  await insertByUnnest(tx, 'buildings', [
    ['id', 'uuid'], ['community_code', 'text'], ['grid_code', 'text'], ['org_path', 'text'], ['name', 'text'], ['address', 'text'],
    ['floors', 'int'], ['units', 'int'], ['lng', 'float8'], ['lat', 'float8'], ['search', 'tsvector'],
  ], buildingRows, BATCH);
  await insertByUnnest(tx, 'houses', [
    ['id', 'uuid'], ['building_id', 'uuid'], ['grid_code', 'text'], ['org_path', 'text'], ['unit', 'text'], ['floor', 'int'], ['number', 'text'], ['tenure', 'text'],
  ], registeredHouses, BATCH);
  await insertByUnnest(tx, 'households', [['id', 'uuid'], ['house_id', 'uuid'], ['grid_code', 'text'], ['org_path', 'text']], householdRows, BATCH);
  const keysOf = new Map<string, ReturnType<typeof nameSearchKeys>>();
  const residentRows = people.map((p) => {
    const keys = keysOf.get(p.name) ?? nameSearchKeys(p.name);
    keysOf.set(p.name, keys);
    return {
      id: p.id, grid_code: p.gridCode, org_path: p.orgPath, house_id: p.houseId, household_id: p.householdId, relation: p.relation,
      name: p.name, name_pinyin: keys.full, name_initials: keys.initials, gender: p.gender, birth_date: p.birthDate,
      id_number_enc: pii.encrypt(p.idNumber), id_number_hash: pii.lookupHash(p.idNumber),
      phone_enc: p.phone ? pii.encrypt(p.phone) : null, phone_hash: p.phone ? pii.lookupHash(p.phone) : null,
      ethnicity: p.ethnicity, residence_type: p.residenceType, arrived_on: p.arrivedOn, employer: p.employer, education: p.education,
      political_status: p.politicalStatus, search: searchTermsOf(p.name).join(' '),
    };
  });
  await insertByUnnest(tx, 'residents', [
    ['id', 'uuid'], ['grid_code', 'text'], ['org_path', 'text'], ['house_id', 'uuid'], ['household_id', 'uuid'], ['relation', 'text'],
    ['name', 'text'], ['name_pinyin', 'text'], ['name_initials', 'text'], ['gender', 'text'], ['birth_date', 'date'],
    ['id_number_enc', 'text'], ['id_number_hash', 'text'], ['phone_enc', 'text'], ['phone_hash', 'text'], ['ethnicity', 'text'],
    ['residence_type', 'text'], ['arrived_on', 'date'], ['employer', 'text'], ['education', 'text'], ['political_status', 'text'], ['search', 'tsvector'],
  ], residentRows, BATCH);
  // Residence history from the rows just written (a local family moved in some time in
  // the last 25 years, a migrant on arrival): no need to send 50,000 rows again.
  await tx.execute(sql`
    insert into residence_history (resident_id, house_id, household_id, relation, org_path, moved_in_on, reason)
    select id, house_id, household_id, relation, org_path,
           coalesce(arrived_on, greatest(birth_date, ${today}::date - (abs(hashtext(id::text)) % 9125))), '登记'
      from residents where org_path like ${prefix}`);
  await tx.execute(sql`
    update households hh set head_resident_id = r.id from residents r
     where r.household_id = hh.id and r.relation = 'head' and hh.org_path like ${prefix}`);
  await insertByUnnest(tx, 'key_group_memberships', [
    ['id', 'uuid'], ['resident_id', 'uuid'], ['kind', 'text'], ['org_path', 'text'], ['sensitive', 'boolean'], ['fields', 'jsonb'],
    ['since', 'date'], ['visit_every_days', 'int'], ['last_visited_on', 'date'], ['next_visit_due', 'date'],
  ], memberships, BATCH);
  await insertByUnnest(tx, 'visits', [
    ['resident_id', 'uuid'], ['membership_id', 'uuid'], ['org_path', 'text'], ['visited_on', 'date'], ['method', 'text'], ['visitor_name', 'text'],
  ], visitRows, BATCH);
}
