// Demo cases: a year of plausible cases across the demo district, in every state, made by
// running each case through the real workflow table (applyAction) on the working-day
// calendar, then written with a few bulk inserts (jsonb_to_recordset), so the demo loads
// in seconds even on PGlite. Deterministic for a given district and day.
import crypto from 'node:crypto';
import { fakerZH_CN as faker } from '@faker-js/faker';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import { findOrgUnit, listChildOrgNodes, listGridPlacesUnder } from '../org/index.ts';
import { caseActorOf, newCaseSnapshot, type CaseAction, type CaseActionInput, type CaseActor, type CaseSnapshot } from './workflow.ts';
import { applyAction } from './apply-action.ts';
import type { CaseSource, CaseUrgency } from './contract.ts';
import type { CategoryRow } from './schema.ts';
import { loadCaseRules, policyFor, type CaseRules } from './settings.ts';
import { beijingDay, searchTerms } from './use-cases/common.ts';
import { numberPrefix } from './use-cases/numbering.ts';
import { slaOf, stageOfState, type SlaFields } from './use-cases/case-sla.ts';
import type { SlaStage } from './sla.ts';
import { tierOfLevel } from './policies.ts';

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

// What people report, per subclass: a few titles with the place filled in.
const titles: Record<string, string[]> = {
  '0101': ['楼上漏水到楼下，协商未果', '邻居装修噪音扰民', '楼道公共区域被占用引发争执'],
  '0102': ['老人赡养问题家庭矛盾', '夫妻争吵需调解'],
  '0103': ['业主与物业就停车费发生纠纷', '物业费上涨业主不满'],
  '0104': ['装修工人被拖欠工资', '餐馆员工讨薪'],
  '0201': ['小区内有可疑人员徘徊', '夜间有人尝试开车门'],
  '0202': ['电动车电瓶被盗', '疑似电信诈骗宣传点'],
  '0203': ['出租房屋群租隔断', '地下室违规住人'],
  '0301': ['施工围挡倒塌', '夜间违规施工作业'],
  '0302': ['楼道有燃气味', '餐馆液化气瓶露天存放'],
  '0401': ['消防通道被车辆堵塞', '消防通道堆放杂物'],
  '0402': ['楼道飞线给电动车充电', '电动车停在楼道内充电'],
  '0403': ['灭火器过期', '消火栓箱损坏'],
  '0404': ['楼道堆放纸箱杂物', '单元门口堆放旧家具'],
  '0501': ['垃圾桶满溢无人清运', '路边堆放建筑垃圾', '小区门口垃圾成堆'],
  '0502': ['垃圾未分类投放', '厨余垃圾桶破损'],
  '0503': ['下水道堵塞污水外溢', '化粪池冒水'],
  '0504': ['公厕卫生差', '公厕洗手池损坏'],
  '0601': ['早市摊贩占道经营', '水果摊占用人行道', '夜市烧烤占道'],
  '0602': ['楼顶私搭乱建', '一层住户违建扩建'],
  '0603': ['电线杆小广告', '楼道乱贴乱画'],
  '0604': ['共享单车堆放堵路', '地铁口单车乱停'],
  '0701': ['路灯不亮', '路灯杆倾斜'],
  '0702': ['路面坑洼积水', '人行道砖松动'],
  '0703': ['井盖缺失', '井盖破损有安全隐患'],
  '0704': ['行道树倒伏', '绿地被踩踏破坏'],
  '0801': ['电梯故障停运', '电梯异响'],
  '0802': ['小区乱停车', '车位被长期占用'],
  '0803': ['物业保洁不到位', '门禁损坏物业不修'],
  '0804': ['外墙瓷砖脱落', '屋顶漏雨'],
  '0901': ['独居老人需要上门关怀', '高龄老人无人照看'],
  '0902': ['困难家庭申请救助', '低保申请咨询'],
  '0903': ['失业人员求职帮扶', '退役军人就业咨询'],
  '0904': ['居住证办理咨询', '养老服务政策咨询'],
  '1001': ['夜间施工噪声扰民', '广场舞音响过大'],
  '1002': ['餐馆油烟直排', '烧烤油烟扰民'],
  '1003': ['工地扬尘严重', '渣土车遗撒'],
  '1101': ['无证照小餐馆', '流动商贩无证经营'],
  '1102': ['超市销售过期食品', '学校周边食品安全问题'],
  '9901': ['建议增设健身器材', '建议增加公交站点'],
  '9999': ['其他需协调事项'],
};
// How often each class is reported (grid platforms see mostly environment and city order).
const classWeights: Record<string, number> = { '01': 8, '02': 4, '03': 3, '04': 7, '05': 22, '06': 16, '07': 12, '08': 10, '09': 6, '10': 6, '11': 2, '99': 4 };
// Departments by the class they handle (matched on the demo departments' names).
const deptForClass: Record<string, string> = {
  '02': '公安分局', '03': '应急管理局', '04': '应急管理局', '05': '城市管理委员会', '06': '城市管理委员会', '07': '城市管理委员会',
  '08': '住房和城乡建设委员会', '09': '民政局', '10': '生态环境局', '11': '市场监督管理局', '01': '民政局', '99': '城市管理委员会',
};

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface Place {
  gridCode: string;
  orgPath: string;
  communityCode: string;
  communityName: string;
  streetCode: string;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
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

  const caseRows: Record<string, unknown>[] = [];
  const timelineRows: Record<string, unknown>[] = [];
  const seqByDay = new Map<string, number>();
  const createdTimes = Array.from({ length: count }, () => {
    // Reports come in office hours mostly, a little more on weekdays.
    const day = Math.floor(faker.number.float({ min: 0, max: 1 }) ** 0.9 * 365);
    const hour = faker.helpers.weightedArrayElement([{ value: 8, weight: 2 }, { value: 9, weight: 4 }, { value: 10, weight: 5 }, { value: 11, weight: 4 }, { value: 14, weight: 4 }, { value: 15, weight: 4 }, { value: 16, weight: 3 }, { value: 19, weight: 2 }, { value: 21, weight: 1 }]);
    const t = now.getTime() - day * DAY;
    const bjMidnight = Math.floor((t + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    return Math.min(now.getTime() - 60_000, bjMidnight + hour * HOUR + faker.number.int({ max: 59 }) * 60_000);
  }).sort((a, b) => a - b);
  const openByGrid = new Map<string, { id: string; categoryCode: string; createdAt: number }[]>();
  /** One case row and its timeline, numbered in the day it was reported. */
  const addCase = (c: {
    id: string; createdAt: Date; place: Place; category: CategoryRow; source: CaseSource; urgency: CaseUrgency; reporterUserId: string | null; reporterName: string | null;
    phone: string | null; lng: number; lat: number; address: string; title: string; description: string; sim: ReturnType<typeof simulate>;
  }) => {
    const { id, place, category, phone, sim } = c;
    const day = beijingDay(c.createdAt);
    const seq = (seqByDay.get(day) ?? 0) + 1;
    seqByDay.set(day, seq);
    const number = `${prefix}${day}-${String(seq).padStart(6, '0')}`;
    const s = sim.snapshot;
    caseRows.push({
      id, number, title: c.title, description: c.description, category_code: category.code, class_code: category.parentCode, matter_class: category.defaultMatterClass,
      urgency: c.urgency, source: c.source, state: s.state, tier: s.tier, version: s.version, org_path: place.orgPath, grid_code: place.gridCode, community_code: place.communityCode,
      street_code: place.streetCode, district_code: district.code, lng: c.lng, lat: c.lat, address: c.address, reporter_user_id: c.reporterUserId,
      reporter_name: phone && c.reporterName ? options.pii.encrypt(c.reporterName) : null,
      reporter_phone: phone ? options.pii.encrypt(phone) : null, reporter_phone_hash: phone ? options.pii.lookupHash(phone) : null,
      is_public: category.defaultMatterClass !== 'private', dispatcher_unit: s.dispatcherUnitId, handling_unit: s.handlingUnitId, co_units: [...s.coHandlingUnitIds],
      handled_by: sim.handledBy, suspended_from: s.suspendedFrom, reopen_count: s.reopenCount, rework_count: s.reworkCount, extension_count: s.extensionCount,
      rating: s.rating, resolved: s.rating ? s.rating !== 'unsatisfied' : null, supervision_level: s.supervisionLevel, parent_case_id: s.parentCaseId,
      ...sim.sla, overdue_count: sim.overdueCount, accept_on_time: sim.acceptOnTime, created_by: 'demo', created_at: c.createdAt.toISOString(),
      updated_at: sim.updatedAt.toISOString(), accepted_at: sim.acceptedAt?.toISOString() ?? null, closed_at: sim.closedAt?.toISOString() ?? null,
      rated_at: sim.ratedAt?.toISOString() ?? null, search_text: searchTerms(`${number} ${c.title} ${c.description} ${c.address}`).join(' '),
    });
    for (const t of sim.timeline) timelineRows.push(t);
  };

  for (let i = 0; i < count; i++) {
    const createdAt = new Date(createdTimes[i] as number);
    const place = faker.helpers.arrayElement(places);
    const category = faker.helpers.arrayElement(weighted);
    const id = crypto.randomUUID();
    const source = faker.helpers.weightedArrayElement<CaseSource>([
      { value: 'grid_patrol', weight: 45 }, { value: 'hotline', weight: 25 }, { value: 'resident', weight: 20 }, { value: 'open311', weight: 5 }, { value: 'department', weight: 5 },
    ]);
    const isDemoResident = options.accounts?.residentUserId && place.communityCode === options.accounts.communityCode && i % 7 === 0;
    const reporterUserId = isDemoResident ? (options.accounts?.residentUserId ?? null) : null;
    const hasContact = source === 'hotline' || source === 'resident' || source === 'open311';
    const phone = hasContact ? `1${faker.helpers.arrayElement(['3', '5', '7', '8', '9'])}${faker.string.numeric(9)}` : null;
    const lng = faker.number.float({ min: place.minLng, max: place.maxLng, fractionDigits: 6 });
    const lat = faker.number.float({ min: place.minLat, max: place.maxLat, fractionDigits: 6 });
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
    addCase({ id, createdAt, place, category, source, urgency, reporterUserId, reporterName, phone, lng, lat, address, title, description, sim });
  }

  // Whatever the hour and day, every street gets open cases in every open state, and yellow,
  // red and overdue ones: the random year alone leaves none overdue on a Monday morning.
  const streets = [...new Set(places.map((p) => p.streetCode))].sort();
  const randomCases = caseRows.length;
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
      addCase({
        id, createdAt: made.createdAt, place, category, source: 'grid_patrol', urgency: 'normal', reporterUserId: null, reporterName: null, phone: null,
        lng: Number(((place.minLng + place.maxLng) / 2).toFixed(6)), lat: Number(((place.minLat + place.maxLat) / 2).toFixed(6)),
        address, title, description: `${address}${title}，请尽快处理。`, sim: made.sim,
      });
    });
  });
  progress(`每个街道的在办案件 / open cases in every street: ${caseRows.length - randomCases}`);

  progress(`写入 ${caseRows.length} 件案件、${timelineRows.length} 条办理记录 / writing`);
  await db.transaction(async (tx) => {
    for (let i = 0; i < caseRows.length; i += 4000) {
      await tx.execute(sql`insert into cases (id, number, title, description, category_code, class_code, matter_class, urgency, source, state, tier, version,
          org_path, grid_code, community_code, street_code, district_code, lng, lat, address, reporter_user_id, reporter_name, reporter_phone, reporter_phone_hash,
          is_public, dispatcher_unit, handling_unit, co_units, handled_by, suspended_from, reopen_count, rework_count, extension_count, rating, resolved,
          supervision_level, parent_case_id, stage, stage_started_at, warn_at, red_at, deadline_at, sla_level, overdue_at, overdue_count, accept_on_time,
          created_by, created_at, updated_at, accepted_at, closed_at, rated_at, search_vector)
        select id, number, title, description, category_code, class_code, matter_class, urgency, source, state, tier, version,
          org_path, grid_code, community_code, street_code, district_code, lng, lat, address, reporter_user_id, reporter_name, reporter_phone, reporter_phone_hash,
          is_public, dispatcher_unit, handling_unit, co_units, handled_by, suspended_from, reopen_count, rework_count, extension_count, rating, resolved,
          supervision_level, parent_case_id, stage, stage_started_at, warn_at, red_at, deadline_at, sla_level, overdue_at, overdue_count, accept_on_time,
          created_by, created_at, updated_at, accepted_at, closed_at, rated_at, to_tsvector('simple', search_text)
        from jsonb_to_recordset(${JSON.stringify(caseRows.slice(i, i + 4000))}::jsonb) as x(
          id uuid, number text, title text, description text, category_code text, class_code text, matter_class text, urgency text, source text, state text,
          tier text, version int, org_path text, grid_code text, community_code text, street_code text, district_code text, lng float8, lat float8, address text,
          reporter_user_id uuid, reporter_name text, reporter_phone text, reporter_phone_hash text, is_public boolean, dispatcher_unit text, handling_unit text,
          co_units text[], handled_by text[], suspended_from text, reopen_count int, rework_count int, extension_count int, rating text, resolved boolean,
          supervision_level text, parent_case_id uuid, stage text, stage_started_at timestamptz, warn_at timestamptz, red_at timestamptz, deadline_at timestamptz,
          sla_level text, overdue_at timestamptz, overdue_count int, accept_on_time boolean, created_by text, created_at timestamptz, updated_at timestamptz,
          accepted_at timestamptz, closed_at timestamptz, rated_at timestamptz, search_text text)`);
    }
    await insertByUnnest(tx, 'case_timeline', [
      ['case_id', 'uuid'], ['version', 'int'], ['action', 'text'], ['from_state', 'text'], ['to_state', 'text'], ['from_tier', 'text'], ['to_tier', 'text'],
      ['actor_id', 'text'], ['actor_name', 'text'], ['actor_role', 'text'], ['actor_unit', 'text'], ['org_path', 'text'], ['handling_unit', 'text'], ['at', 'timestamptz'], ['reason', 'text'], ['text', 'text'],
      ['target_unit', 'text'], ['co_units', 'text[]'], ['rating', 'text'], ['extension', 'jsonb'], ['supervision_level', 'text'], ['parent_case_id', 'uuid'], ['details', 'jsonb'],
    ], timelineRows, 20_000);
    // Numbers made today continue the demo's daily sequences.
    for (const [day, seq] of seqByDay) {
      await tx.execute(sql`insert into case_number_counters (prefix, day, seq) values (${prefix}, ${`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`}::date, ${seq})
        on conflict (prefix, day) do update set seq = greatest(case_number_counters.seq, excluded.seq)`);
    }
  });
  return { cases: caseRows.length, timeline: timelineRows.length };
}

/**
 * Bulk insert with one array parameter per column (insert … select from unnest(…)), the
 * fastest plain-SQL load on both engines. Array and jsonb columns travel as text.
 */
async function insertByUnnest(tx: Db, table: string, columns: [string, string][], rows: Record<string, unknown>[], batch: number): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    const params = columns.map(([name, type]) =>
      slice.map((r) => {
        const v = r[name];
        if (v === null || v === undefined) return null;
        if (type === 'jsonb') return JSON.stringify(v);
        if (type === 'text[]') return `{${(v as string[]).map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
        return v;
      }),
    );
    const arrays = sql.join(
      columns.map(([, type], k) => sql`${sql.param(params[k])}::${sql.raw(type === 'text[]' || type === 'jsonb' ? 'text' : type)}[]`),
      sql`, `,
    );
    const selects = sql.join(
      columns.map(([name, type]) => (type === 'text[]' || type === 'jsonb' ? sql.raw(`${name}::${type}`) : sql.raw(name))),
      sql`, `,
    );
    await tx.execute(sql`insert into ${sql.raw(table)} (${sql.raw(columns.map(([n]) => n).join(', '))})
      select ${selects} from unnest(${arrays}) as x(${sql.raw(columns.map(([n]) => n).join(', '))})`);
  }
}

interface SimInput {
  rules: CaseRules;
  id: string;
  createdAt: Date;
  now: Date;
  category: CategoryRow;
  place: Place;
  reporterId: string | null;
}

const names = { community: '社区受理员', street: '街道指挥中心', dept: '部门办理员', grid: '网格员', resident: '报告人', leader: '街道领导', hotline: '热线话务员' };

/** What a script sees of the case it drives: working-time waits, workflow steps, the case so far. */
interface CaseRun {
  /** Waits `hours` of working time; false when that is after `now` (the script should stop). */
  wait(hours: number): boolean;
  /** Takes one action of the workflow table at the current time; false when the table refuses it. */
  step(action: CaseAction, actor: CaseActor, extra?: CaseActionInput): boolean;
  /** The simulated time the case has reached. */
  readonly at: Date;
  readonly snapshot: CaseSnapshot;
  readonly stage: SlaStage | null;
  sla(): SlaFields;
  readonly actors: { community: CaseActor; street: CaseActor; hotline: CaseActor; leader: CaseActor; reporter: CaseActor; verifier: CaseActor; of(unit: string | null): CaseActor };
}

/** Runs one case through the workflow table as `script` says, stopping at `now`; overdue marks fall on the way. */
function simulate(input: SimInput, script: (run: CaseRun) => void) {
  const { rules, now, place } = input;
  const config = { maxReopens: rules.settings.maxReopens, maxExtensions: rules.settings.maxExtensions };
  const cal = rules.calendar;
  let s: CaseSnapshot = newCaseSnapshot({ id: input.id, reporterId: input.reporterId });
  let t = input.createdAt;
  const timeline: Record<string, unknown>[] = [];
  const handledBy = new Set<string>();
  let acceptedAt: Date | null = null;
  let closedAt: Date | null = null;
  let ratedAt: Date | null = null;
  let acceptOnTime: boolean | null = null;
  let overdueCount = 0;
  let stage = stageOfState('reported');
  let stageStart: Date | null = t;
  let overdueMarked = false;
  let overdueAt: Date | null = null;
  const clock: { action: string; at: Date; extension: { unit: 'working_days' | 'working_hours'; amount: number } | null }[] = [];
  const entry = (row: Record<string, unknown>) => timeline.push({ case_id: input.id, org_path: place.orgPath, co_units: null, target_unit: null, reason: null, text: null, rating: null, extension: null, supervision_level: null, parent_case_id: null, details: {}, ...row });
  entry({ version: 1, action: 'report', from_state: null, to_state: 'reported', from_tier: null, to_tier: 'grid', actor_id: null, actor_name: input.reporterId ? names.resident : names.grid, actor_role: input.reporterId ? 'resident' : 'grid_worker', actor_unit: input.reporterId ? null : place.gridCode, at: t.toISOString() });

  // Deadlines change only when the stage or its clock does: compute them once per change.
  let slaCache: ReturnType<typeof slaOf> | null = null;
  const sla = () => (slaCache ??= slaOf(rules, input.category.code, stage, stageStart, clock, t));
  const community = caseActorOf('demo-community', 'community_staff', place.communityCode);
  const street = caseActorOf('demo-street', 'street_staff', place.streetCode);
  const actorFor = (unit: string | null): CaseActor =>
    unit === place.gridCode ? caseActorOf('demo-grid', 'grid_worker', unit) : unit === place.communityCode ? community : unit === place.streetCode ? street : caseActorOf('demo-dept', 'department_handler', unit);
  const nameOf = (a: CaseActor) => (a.role === 'community_staff' ? names.community : a.role === 'street_staff' ? names.street : a.role === 'grid_worker' ? names.grid : a.role === 'resident' ? names.resident : a.role === 'leader' ? names.leader : a.role === 'hotline_operator' ? names.hotline : names.dept);

  /** Marks the stage overdue (as the deadline job does, at the deadline) if its deadline falls before `until`. */
  const markOverdue = (until: number): void => {
    const current = sla();
    if (current.deadlineAt && !overdueMarked && current.deadlineAt.getTime() < until) {
      overdueMarked = true;
      overdueCount++;
      overdueAt = current.deadlineAt;
      s = { ...s, version: s.version + 1 };
      entry({ version: s.version, action: 'overdue', handling_unit: s.handlingUnitId, from_state: s.state, to_state: s.state, from_tier: s.tier, to_tier: s.tier, actor_id: null, actor_name: 'system', actor_role: 'system', actor_unit: null, at: current.deadlineAt.toISOString(), details: { stage } });
      if (rules.settings.autoSupervise && s.supervisionLevel === null) {
        s = { ...s, version: s.version + 1, supervisionLevel: 'yellow' };
        entry({ version: s.version, action: 'auto_supervise', handling_unit: s.handlingUnitId, from_state: s.state, to_state: s.state, from_tier: s.tier, to_tier: s.tier, actor_id: null, actor_name: 'system', actor_role: 'system', actor_unit: null, at: current.deadlineAt.toISOString(), supervision_level: 'yellow', details: { reason: 'overdue' } });
      }
    }
  };
  /** Waits `hours` of working time, marking the stage overdue on the way if its deadline passes. Returns false when that is after now. */
  const wait = (hours: number): boolean => {
    const next = cal.addWorkingMillis(t, Math.max(0.05, hours) * HOUR);
    markOverdue(Math.min(next.getTime(), now.getTime()));
    if (next.getTime() > now.getTime()) return false;
    t = next;
    return true;
  };

  const step = (action: CaseAction, actor: CaseActor, extra: CaseActionInput = {}): boolean => {
    const result = applyAction(s, action, actor, extra, config, t);
    if (!result.ok) return false;
    let next = result.next;
    const e = result.timelineEntry;
    let toTier = e.toTier;
    if (action === 'register' && actor.orgUnitId) {
      toTier = tierOfLevel(actor.orgUnitId === place.streetCode ? 'street' : 'community');
      next = { ...next, tier: toTier };
    }
    if (action === 'dispatch') for (const u of [extra.targetUnitId, ...(extra.coUnitIds ?? [])]) if (u) handledBy.add(u);
    if (action === 'accept') {
      acceptedAt = t;
      const d = sla().deadlineAt;
      acceptOnTime = d === null || t.getTime() <= d.getTime();
    }
    if (action === 'verify_pass') closedAt = t;
    if (action === 'rate') ratedAt = t;
    if (action === 'reopen') closedAt = null;
    entry({
      version: e.version, action, from_state: e.fromState, to_state: next.state, from_tier: e.fromTier, to_tier: toTier, actor_id: null, actor_name: nameOf(actor), handling_unit: next.handlingUnitId,
      actor_role: e.actorRole, actor_unit: e.actorUnitId, at: t.toISOString(), reason: e.reason ?? null, text: e.text ?? null, target_unit: e.targetUnitId ?? null,
      co_units: e.coUnitIds ?? null, rating: e.rating ?? null, extension: e.extension ?? null, supervision_level: e.supervisionLevel ?? null, parent_case_id: e.parentCaseId ?? null,
      details:
        action === 'accept'
          ? { onTime: acceptOnTime }
          : action === 'rate'
            ? { resolved: e.rating !== 'unsatisfied' }
            : action === 'verify_pass'
              ? { overdue: overdueCount > 0, reworked: s.reworkCount > 0, extended: s.extensionCount > 0, reportedAt: input.createdAt.toISOString() }
              : {},
    });
    const newStage = stageOfState(next.state === 'suspended' ? next.suspendedFrom : next.state);
    if (newStage !== stage || ['reopen', 'escalate', 'verify_fail'].includes(action)) {
      stage = newStage;
      stageStart = newStage ? t : null;
      clock.length = 0;
      slaCache = null;
      overdueMarked = false;
      overdueAt = null;
    } else if (['suspend', 'resume', 'approve_extension'].includes(action)) {
      clock.push({ action, at: t, extension: e.extension ?? null });
      slaCache = null;
    }
    s = next;
    return true;
  };

  const reporter = caseActorOf(input.reporterId ?? 'nobody', 'resident', null);
  const hotline = caseActorOf('demo-hotline', 'hotline_operator', place.streetCode);
  const leader = caseActorOf('demo-leader', 'leader', place.streetCode);
  const verifier = caseActorOf('demo-grid', 'grid_worker', place.gridCode);
  script({
    wait,
    step,
    get at() {
      return t;
    },
    get snapshot() {
      return s;
    },
    get stage() {
      return stage;
    },
    sla,
    actors: { community, street, hotline, leader, reporter, verifier, of: actorFor },
  });
  // A case still in its stage at `now` is overdue if the deadline passed after the last step.
  if (stage && s.state !== 'suspended') markOverdue(now.getTime());
  return {
    snapshot: s,
    timeline,
    handledBy: [...handledBy],
    sla: (() => {
      const f = stage && s.state !== 'suspended' ? sla() : { stage, stageStartedAt: stageStart, warnAt: null, redAt: null, deadlineAt: null, slaLevel: 'normal' as const };
      const level = overdueAt ? 'red' : f.deadlineAt ? slaOf(rules, input.category.code, stage, stageStart, clock, now).slaLevel : 'normal';
      return {
        stage: f.stage, stage_started_at: f.stageStartedAt?.toISOString() ?? null, warn_at: f.warnAt?.toISOString() ?? null, red_at: f.redAt?.toISOString() ?? null,
        deadline_at: f.deadlineAt?.toISOString() ?? null, sla_level: level, overdue_at: (overdueAt as Date | null)?.toISOString() ?? null,
      };
    })(),
    overdueCount,
    acceptOnTime,
    acceptedAt: acceptedAt as Date | null,
    closedAt: closedAt as Date | null,
    ratedAt: ratedAt as Date | null,
    updatedAt: new Date(Date.parse(String(timeline.at(-1)?.at ?? input.createdAt.toISOString()))),
  };
}

/** The random life of a case: mostly handled in time, some rejected, merged, returned, extended, suspended, reopened or late. */
function randomScript(input: { category: CategoryRow; place: Place; handler: string; parent: string | null; reporterId: string | null; maxReopens: number }) {
  const { place, maxReopens } = input;
  const r = () => faker.number.int({ max: 99 });
  return (run: CaseRun): void => {
    const { wait, step } = run;
    const { community, street, hotline, leader, reporter, verifier, of } = run.actors;
    run: {
      if (!wait(r() < 85 ? 0.5 + r() / 40 : 3 + r() / 10)) break run;
      if (input.parent && step('merge', hotline, { parentCaseId: input.parent, reason: '同一问题重复上报' })) break run;
      if (r() < 4) {
        step('reject', community, { reason: faker.helpers.arrayElement(['不属于受理范围', '信息不全，无法核实', '已由其他渠道处理']) });
        break run;
      }
      step('accept', community);
      if (!wait(0.2 + r() / 100)) break run;
      step('register', community);
      let dispatcher: CaseActor = community;
      if (input.category.defaultMatterClass === 'government' && r() < 4) {
        if (!wait(2)) break run;
        step('escalate', community, { reason: '需街道协调多部门', targetUnitId: place.streetCode });
        if (!wait(1)) break run;
        dispatcher = street;
      }
      for (let round = 0; round < 3; round++) {
        if (!wait(0.5 + r() / 50)) break run;
        const target = input.handler;
        step('dispatch', dispatcher, { targetUnitId: target, ...(r() < 10 && target !== place.gridCode ? { coUnitIds: [place.gridCode] } : {}) });
        const unit = of(target);
        if (!wait(1 + r() / 20)) break run;
        if (unit.role === 'department_handler' && r() < 4 && round === 0) {
          step('return', unit, { reason: '非本单位职责，请重新派遣' });
          continue;
        }
        step('acknowledge', unit);
        if (r() < 5) {
          if (!wait(4)) break run;
          step('request_extension', unit, { extension: { unit: 'working_days', amount: 2 }, reason: '需协调产权单位' });
          if (!wait(2)) break run;
          step('approve_extension', dispatcher);
        }
        if (r() < 2) {
          if (!wait(3)) break run;
          step('suspend', dispatcher, { reason: '等待鉴定结果' });
          if (!wait(20 + r())) break run;
          step('resume', dispatcher);
        }
        if (r() < 3) step('supervise', leader, { supervisionLevel: 'ordinary', text: '请抓紧办理' });
        // Most cases are handled within the limit; some take longer and go overdue.
        const limitHours = run.stage ? Math.max(1, (run.sla().deadlineAt?.getTime() ?? run.at.getTime()) - run.at.getTime()) / HOUR : 8;
        const work = r() < 9 ? 40 + r() : Math.min(limitHours * 0.4, 3 + r() / 3);
        if (!wait(work)) break run;
        step('feedback', unit, { text: faker.helpers.arrayElement(['已现场处置完毕', '已协调清理完毕', '已维修恢复', '已调解，双方达成一致', '已约谈整改']), photos: ['demo-photo'] });
        if (!wait(1 + r() / 25)) break run;
        if (r() < 6) {
          step('verify_fail', verifier, { reason: '现场核查问题仍存在' });
          if (!wait(6)) break run;
          step('feedback', unit, { text: '已再次处置', photos: ['demo-photo'] });
          if (!wait(2)) break run;
        }
        step('verify_pass', verifier, { text: '现场核查已解决' });
        if (!input.reporterId || r() < 10) break run;
        if (!wait(2 + r() / 10)) break run;
        const rating = faker.helpers.weightedArrayElement([{ value: 'satisfied' as const, weight: 80 }, { value: 'basically_satisfied' as const, weight: 13 }, { value: 'unsatisfied' as const, weight: 7 }]);
        step('rate', reporter, { rating });
        if (rating !== 'unsatisfied' || run.snapshot.reopenCount >= maxReopens) break run;
        step('reopen', reporter, { reason: '问题未彻底解决' });
      }
    }
  };
}

/** The open states, and the warning levels a stage can show at `now`. */
export type GuaranteedState = 'reported' | 'accepted' | 'registered' | 'dispatched' | 'handling' | 'handled' | 'suspended';
export type GuaranteedLevel = 'yellow' | 'red' | 'overdue';

/** Per street: every open state; in each state that has a running clock, one yellow, one red and one overdue case. */
export const guaranteedCases: readonly { state: GuaranteedState; level: GuaranteedLevel | null }[] = [
  ...(['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled'] as const).flatMap((state) => (['yellow', 'red', 'overdue'] as const).map((level) => ({ state, level }))),
  { state: 'suspended', level: null },
];

// The usual path to each open state: working hours waited, then the action that leads there.
const guaranteedPath: { hours: number; action: CaseAction; to: GuaranteedState }[] = [
  { hours: 0.5, action: 'accept', to: 'accepted' },
  { hours: 0.1, action: 'register', to: 'registered' },
  { hours: 0.1, action: 'dispatch', to: 'dispatched' },
  { hours: 0.5, action: 'acknowledge', to: 'handling' },
];
const pathTo = (state: GuaranteedState) => {
  if (state === 'reported') return [];
  if (state === 'handled') return [...guaranteedPath, { hours: 2, action: 'feedback' as const, to: 'handled' as const }];
  if (state === 'suspended') return [...guaranteedPath, { hours: 0.5, action: 'suspend' as const, to: 'suspended' as const }];
  return guaranteedPath.slice(0, guaranteedPath.findIndex((p) => p.to === state) + 1);
};

/**
 * The guaranteed case for one target, in the first of `categories` whose limits allow its
 * level at `now`. Some bands are empty at some hours: a stage limited in whole working days
 * ends at the close of a working day, so before work on a Monday (or after a holiday) a
 * one-day stage is either not yet yellow or already overdue, and red before the deadline
 * is empty whenever red starts at the deadline (the shipped limits). Yellow in the accept and
 * handle stages and overdue in every stage are always possible with the default limits.
 * `emptyBands` remembers (state, level, stage limit) found empty, to keep the search short.
 */
export function guaranteedCase(input: {
  rules: CaseRules;
  id: string;
  now: Date;
  place: Place;
  categories: readonly CategoryRow[];
  handlerFor: (category: CategoryRow, place: Place) => string;
  state: GuaranteedState;
  level: GuaranteedLevel | null;
  emptyBands?: Set<string>;
}): { createdAt: Date; sim: ReturnType<typeof simulate>; category: CategoryRow } | null {
  const stage = stageOfState(input.state === 'suspended' ? 'handling' : input.state) as SlaStage;
  for (const category of input.categories) {
    const key = `${input.state}|${input.level ?? ''}|${JSON.stringify(policyFor(input.rules, category.code)[stage])}`;
    if (input.emptyBands?.has(key)) continue;
    const made = simulateGuaranteedCase({ ...input, category, handler: input.handlerFor(category, input.place) });
    if (made) return { ...made, category };
    input.emptyBands?.add(key);
  }
  return null;
}

/**
 * One case driven along the usual path to `state`, reported at the time that makes its stage
 * show `level` at `now`. The level only grows as the report moves earlier (the stage starts
 * earlier, so every instant of its clock does), so a binary search over the report time finds,
 * on the working-day calendar, the latest report that reaches each level; the case is reported
 * halfway inside the band of its level. Null when the rules leave the band empty (red before
 * the deadline, when red starts at the deadline).
 */
export function simulateGuaranteedCase(input: {
  rules: CaseRules;
  id: string;
  now: Date;
  category: CategoryRow;
  place: Place;
  handler: string;
  state: GuaranteedState;
  level: GuaranteedLevel | null;
}): { createdAt: Date; sim: ReturnType<typeof simulate> } | null {
  const { rules, now, category, state } = input;
  const cal = rules.calendar;
  const path = pathTo(state);
  const stage = stageOfState(state === 'suspended' ? 'handling' : state);
  // The stage starts at the report (受理), at the acceptance (处置) or at the feedback (核查).
  const startsAt = stage === 'accept' ? 0 : stage === 'handle' ? 1 : path.length;
  const stageStart = (createdAt: number) => {
    let t = new Date(createdAt);
    for (const p of path.slice(0, startsAt)) t = cal.addWorkingMillis(t, Math.max(0.05, p.hours) * HOUR);
    return t;
  };
  const rank = (createdAt: number) => {
    const f = slaOf(rules, category.code, stage, stageStart(createdAt), [], now);
    return f.deadlineAt && f.deadlineAt.getTime() < now.getTime() ? 3 : f.slaLevel === 'red' ? 2 : f.slaLevel === 'yellow' ? 1 : 0;
  };
  const earliest = now.getTime() - 400 * DAY;
  /** The latest report time (to the minute) whose stage shows at least `wanted` at now. */
  const latestReaching = (wanted: number) => {
    if (rank(earliest) < wanted) return null;
    let lo = earliest;
    let hi = now.getTime();
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (rank(mid) >= wanted) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const wanted = { yellow: 1, red: 2, overdue: 3 }[input.level ?? 'yellow'];
  const upper = latestReaching(wanted);
  if (upper === null) return null;
  // Yellow and red: halfway between the latest report reaching the level and the latest reaching the next.
  // Overdue: two days before the latest overdue report, so the case is well past its deadline.
  const lower = wanted < 3 ? (latestReaching(wanted + 1) ?? earliest) : upper - 4 * DAY;
  if (upper - lower <= 120_000) return null;
  const reported = wanted < 3 ? lower + Math.floor((upper - lower) / 2) : upper - 2 * DAY;
  const createdAt = new Date(Math.floor(reported / 60_000) * 60_000);

  const sim = simulate({ rules, id: input.id, createdAt, now, category, place: input.place, reporterId: null }, (run) => {
    const { community, of } = run.actors;
    for (const p of path) {
      if (!run.wait(p.hours)) return;
      const by = p.action === 'acknowledge' || p.action === 'feedback' ? of(input.handler) : community;
      const extra: CaseActionInput =
        p.action === 'dispatch' ? { targetUnitId: input.handler } : p.action === 'feedback' ? { text: '已现场处置完毕', photos: ['demo-photo'] } : p.action === 'suspend' ? { reason: '等待鉴定结果' } : {};
      if (!run.step(p.action, by, extra)) throw new Error(`demo: ${p.action} refused on the way to ${state}`);
    }
  });
  const level = sim.sla.overdue_at ? 'overdue' : sim.sla.sla_level === 'normal' ? null : sim.sla.sla_level;
  if (sim.snapshot.state !== state || (input.level !== null && level !== input.level)) {
    throw new Error(`demo: a case meant to be ${state}/${input.level ?? '-'} at ${now.toISOString()} came out ${sim.snapshot.state}/${level ?? 'normal'}`);
  }
  return { createdAt, sim };
}
