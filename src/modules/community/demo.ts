// The community module's demo: social organisations of the focus street, social workers, volunteers
// with a year of service records (the demo resident among them, past the first star), an activity
// under way with sign-ups, the points mall; then the projects' and funds' demo.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.ts';
import { fromEarlierLoader, type DemoContext } from '../../platform/module.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { creditCodeCheckChar, type CreateOrganisationBody } from './contract.ts';
import { createOrganisation } from './organisations/organisations.ts';
import { createWorker } from './workers/workers.ts';
import { addMallItem } from './points/mall.ts';
import { addRecord } from './volunteers/records.ts';
import { communityActivities, communityCaseload, communitySignups, communityVolunteers, communityWorkerServices } from './schema.ts';
import type { ResidentRef } from './workers/residents.ts';
import { loadProjectsDemo } from './projects/demo.ts';

const creditCode = (body17: string) => `${body17}${creditCodeCheckChar(body17)}`;
const familyNames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const givenNames = ['秀英', '桂兰', '建国', '志强', '丽华', '海燕', '明远', '淑珍', '振华', '晓东', '文静', '玉梅'];
const what = ['敬老院陪伴', '社区环境清洁', '四点半课堂辅导', '防诈骗宣传', '义诊服务', '垃圾分类指导'];

/** Two residents of one household in the community (the registry's demo makes households), or none. */
async function householdOf(db: Db, communityPath: string): Promise<ResidentRef[]> {
  return queryRows<ResidentRef>(
    db,
    sql`select id::text as id, name, org_path as "orgPath" from residents
        where household_id = (select household_id from residents where org_path like ${`${communityPath}%`} and household_id is not null group by household_id having count(*) >= 2 order by household_id limit 1)
        order by name limit 2`,
  );
}

const reasons = ['独居老人定期探访', '困境儿童课业陪伴', '残疾人康复支持', '低保家庭就业帮扶', '邻里纠纷调解跟进', '失独老人心理支持'];

/** Each worker's caseload: residents of the community, some cases closed, a few services (set-based). */
async function loadCaseloadDemo(db: Db, workerIds: string[], communityPath: string): Promise<number> {
  const people = await queryRows<ResidentRef>(db, sql`select id::text as id, name, org_path as "orgPath" from residents where org_path like ${`${communityPath}%`} order by id limit 30`);
  const cases = people.map((r, i) => ({
    workerId: workerIds[i % workerIds.length]!, residentId: r.id, residentOrgPath: r.orgPath, reason: reasons[i % reasons.length]!,
    openedOn: `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(3 + (i % 20)).padStart(2, '0')}`,
    closedOn: Math.floor(i / 4) % 3 === 2 ? '2026-11-10' : null, outcome: Math.floor(i / 4) % 3 === 2 ? '目标达成，转入常规关怀' : null,
  }));
  if (cases.length === 0) return 0;
  const opened = await db.insert(communityCaseload).values(cases).returning({ id: communityCaseload.id, workerId: communityCaseload.workerId, openedOn: communityCaseload.openedOn });
  await db.insert(communityWorkerServices).values(opened.slice(0, 12).map((c) => ({ workerId: c.workerId, caseId: c.id, servedOn: c.openedOn, minutes: 90, summary: '入户评估，制定服务计划', recordedBy: '演示数据' })));
  return cases.length;
}

async function loadForcesDemo(demo: DemoContext): Promise<void> {
  const { db, pii, counts, progress } = demo;
  const street = fromEarlierLoader(demo.state, 'street');
  const community = fromEarlierLoader(demo.state, 'community');
  const district = fromEarlierLoader(demo.state, 'district');
  progress('三社联动：社会组织、社工、志愿者 / community forces');
  const staff: Actor = { kind: 'system', id: null, name: 'demo', displayName: '演示数据', grants: [{ role: 'district_staff', orgPath: '' }], mustChangePassword: false };
  const code6 = district.code.slice(0, 6);
  const orgs: CreateOrganisationBody[] = [
    { kind: 'social_service_agency', orgCode: street.code, name: `${street.name.replace(/(街道|镇|乡)$/, '')}社会工作服务中心`, creditCode: creditCode(`52${code6}MJ0000001`), registrationAuthority: `${district.name}民政局`, fields: ['elderly', 'children', 'assistance'], staffCount: 18, servedCommunities: [community.code], incubation: 'graduated' },
    { kind: 'social_group', orgCode: street.code, name: `${district.name}志愿服务联合会`, creditCode: creditCode(`51${code6}MJ0000002`), registrationAuthority: `${district.name}民政局`, fields: ['governance', 'culture'], staffCount: 5, servedCommunities: [community.code], incubation: 'none' },
    { kind: 'community_filed', orgCode: community.code, name: `${community.name.replace(/(社区|村)$/, '')}老年协会`, filedOn: '2024-05-20', fields: ['elderly', 'culture'], staffCount: 0, servedCommunities: [community.code], incubation: 'incubating' },
  ];
  const made = [];
  for (const o of orgs) made.push(await createOrganisation(db, staff, o));
  counts['社会组织'] = made.length;
  const workers = [
    { name: '周晓燕', level: 'social_worker', certificateNumber: 'SG2019110108001', certifiedOn: '2019-11-20' },
    { name: '刘海波', level: 'assistant_social_worker', certificateNumber: 'ZL2021110108017', certifiedOn: '2021-12-05' },
    { name: '陈静', level: 'senior_social_worker', certificateNumber: 'GJ2023110108002', certifiedOn: '2023-10-16' },
    { name: '赵磊', level: 'uncertified', certificateNumber: null, certifiedOn: null },
  ] as const;
  const workerIds = [];
  for (const w of workers) workerIds.push((await createWorker(db, staff, { orgCode: community.code, employerId: made[0]!.id, ...w })).id);
  counts['社工'] = workers.length;
  counts['个案'] = await loadCaseloadDemo(db, workerIds, made[2]!.orgPath);

  const communityPath = made[2]!.orgPath;
  const residentUser = demo.state.userIds?.resident ?? null;
  // The demo resident and one of their household are registry residents, so a family transfer of points works.
  const family = await householdOf(db, communityPath);
  const volunteers = Array.from({ length: 24 }, (_, i) => {
    const linked = i < 2 ? family[i] : undefined;
    const name = linked?.name ?? `${familyNames[i % familyNames.length]}${givenNames[(i * 5) % givenNames.length]}`;
    const mobile = `139${String(10_000_000 + i * 7919).slice(-8)}`;
    return { orgPath: communityPath, name, mobileEnc: pii.encrypt(mobile), mobileHash: pii.lookupHash(mobile), residentId: linked?.id ?? null, userId: i === 0 ? residentUser : null, skills: [(['companionship', 'teaching', 'repair', 'medical'] as const)[i % 4]!], availability: 'weekend' as const };
  });
  const rows = await db.insert(communityVolunteers).values(volunteers).returning({ id: communityVolunteers.id });
  counts['志愿者'] = rows.length;
  const now = Date.now();
  const day = 86_400_000;
  let records = 0;
  await db.transaction(async (tx) => {
    for (const [i, v] of rows.entries()) {
      // The first volunteer (the demo resident) has 106 hours: one star, and a certificate to issue.
      const sessions = i === 0 ? 53 : 2 + (i % 6);
      for (let k = 0; k < sessions; k++) {
        const startedAt = new Date(now - (k * 6 + 2 + i) * day);
        await addRecord(tx, staff, { volunteerId: v.id, activityId: null, orgPath: communityPath, what: what[(i + k) % what.length]!, place: community.name, startedAt, endedAt: new Date(startedAt.getTime() + 2 * 3600_000), minutes: 120, confirmedBy: '社区居委会', confirmedById: null });
        records++;
      }
    }
  });
  counts['志愿服务记录'] = records;
  const start = new Date(now - 30 * 60_000);
  const [under] = await db
    .insert(communityActivities)
    .values([
      { orgPath: communityPath, organisationId: made[0]!.id, title: '重阳节敬老院陪伴', description: '陪伴老人聊天、读报、帮助整理房间。', place: `${community.name}养老驿站`, startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), places: 20, status: 'open', createdByName: '社区居委会' },
      { orgPath: communityPath, organisationId: null, title: '周末社区环境清洁', description: '清理楼道杂物、绿地垃圾。', place: `${community.name}中心广场`, startsAt: new Date(now + 3 * day), endsAt: new Date(now + 3 * day + 2 * 3600_000), places: 30, status: 'open', createdByName: '社区居委会' },
    ])
    .returning({ id: communityActivities.id });
  await db.insert(communitySignups).values(rows.slice(1, 9).map((v) => ({ activityId: under!.id, volunteerId: v.id })));
  counts['志愿活动'] = 2;
  for (const item of [{ name: '家电清洗服务', price: 200, stock: null }, { name: '理发服务', price: 60, stock: null }, { name: '米面油礼包', price: 300, stock: 40 }]) {
    await addMallItem(db, staff, { orgCode: community.code, description: '', ...item });
  }
}

/** The whole module's demo: the forces first, then projects and funds (which use the organisations). */
export async function loadCommunityDemo(demo: DemoContext): Promise<void> {
  await loadForcesDemo(demo);
  await loadProjectsDemo(demo);
}
