// The demo's projects and community fund, in the focus street and community: a venture
// philanthropy round scored by five experts with one project under way (a milestone accepted,
// its tranche paid, services counted) and one completed, a purchased-service call still open,
// and a community fund with two years of donations, board-voted grants and expenses.
import { eq } from 'drizzle-orm';
import { users } from '../../../platform/auth/schema.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { fromEarlierLoader, type DemoContext } from '../../../platform/module.ts';
import type { Role } from '../../../platform/auth/roles.ts';
import { provisionUser } from '../../accounts/index.ts';
import { findOrgUnit } from '../../org/index.ts';
import { createFund, decideGrant, payGrant, recordDonation, recordExpense } from '../foundations/funds.ts';
import { addStaff, createOrganisation } from '../organisations/organisations.ts';
import { communityOrganisations } from '../schema/organisations.ts';
import { projectEvents, projectReviews } from '../schema/projects.ts';
import { applyToCall, getApplication } from './applications.ts';
import { closeCall, createCall } from './calls.ts';
import { addServiceRecord, addSiteVisit, awardApplication, decideMilestone, evaluateProject, payTranche, reportMilestone } from './execution.ts';

const actorOf = (id: string | null, name: string, role: Role, orgPath: string): Actor => ({ kind: id ? 'user' : 'system', id, name, displayName: name, grants: [{ role, orgPath }], mustChangePassword: false });

async function account(demo: DemoContext, username: string, displayName: string, role: Role, org: { code: string; name: string; orgPath: string }): Promise<Actor> {
  const [found] = await demo.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  const id = found?.id ?? (await provisionUser(demo.db, { username, displayName, role, orgCode: org.code, password: demo.password })).user.id;
  if (!found) demo.state.accounts?.push({ username, displayName, role, orgCode: org.code, orgName: org.name });
  return actorOf(id, displayName, role, org.orgPath);
}

const criteria = [
  { key: 'need', name: '需求契合度', maxScore: 30 },
  { key: 'plan', name: '方案可行性', maxScore: 40 },
  { key: 'team', name: '团队能力', maxScore: 30 },
];
const plan = (what: string) => ({
  plan: `${what}：摸底建档、分组服务、志愿者结对，每月向社区报告进度，年终接受第三方评估。`,
  milestones: [{ title: '需求评估与建档', dueOn: '2026-03-31' }, { title: '中期评估', dueOn: '2026-07-31' }, { title: '结项', dueOn: '2026-11-30' }],
  indicators: [{ key: 'served', name: '服务人次', target: 2000, unit: '人次' }, { key: 'activities', name: '小组活动', target: 24, unit: '场' }],
});

/** Organisations of the focus street to apply with: those the registers hold, or three made here. */
async function organisations(db: Db, district: Actor, street: { code: string; orgPath: string; name: string }, community: { code: string; name: string }) {
  const held = await db.select({ id: communityOrganisations.id, name: communityOrganisations.name, orgPath: communityOrganisations.orgPath }).from(communityOrganisations).limit(200);
  const mine = held.filter((o) => o.orgPath === street.orgPath || o.orgPath.startsWith(`${street.orgPath}.`)).slice(0, 3);
  const base = community.name.replace(/(社区|村)$/, '');
  for (const name of [`${base}邻里互助会`, `${street.name.replace(/(街道|镇|乡)$/, '')}为老服务社`, `${base}青少年成长营`].slice(0, 3 - mine.length)) {
    const o = await createOrganisation(db, district, { kind: 'community_filed', orgCode: community.code, name, fields: ['elderly'], filedOn: '2025-06-01', staffCount: 6, servedCommunities: [community.code], incubation: 'incubating' });
    mine.push({ id: o.id, name: o.name, orgPath: street.orgPath });
  }
  return mine;
}

export async function loadProjectsDemo(demo: DemoContext): Promise<void> {
  const { db, counts } = demo;
  const districtRef = fromEarlierLoader(demo.state, 'district');
  const streetRef = fromEarlierLoader(demo.state, 'street');
  const communityRef = fromEarlierLoader(demo.state, 'community');
  const [district, street, community] = await Promise.all([findOrgUnit(db, districtRef.code), findOrgUnit(db, streetRef.code), findOrgUnit(db, communityRef.code)]);
  if (!district || !street || !community) throw new Error('demo: the focus district, street and community must be loaded first');
  demo.progress('项目：评审专家与社会组织账号');
  const staff = actorOf(null, `${street.name}社会事务科`, 'district_staff', district.orgPath);
  const experts = await Promise.all(['王教授', '李研究员', '张律师', '刘会计师', '陈社工师'].map((name, i) => account(demo, `expert${i + 1}`, name, 'expert_reviewer', district)));
  const orgStaff = await account(demo, 'orgstaff', '社会组织工作人员', 'organisation_staff', community);
  const orgs = await organisations(db, staff, street, community);
  for (const o of orgs) await addStaff(db, staff, o.id, 'orgstaff');

  demo.progress('项目：公益创投申报与评审');
  const round = await createCall(db, staff, { orgCode: street.code, kind: 'venture', title: `${street.name} 2026 年社区公益创投`, need: '独居老人照护、青少年课后陪伴和邻里互助的需求（来自居民议事会和微心愿）', needSource: 'participation', budgetFen: 60_000_000, criteria, closesOn: '2026-01-31', panel: experts.map((_e, i) => `expert${i + 1}`) });
  const apps = [];
  for (const [i, o] of orgs.entries()) {
    const requested = [18_000_000, 15_000_000, 12_000_000][i]!;
    apps.push(await applyToCall(db, orgStaff, round.id, { organisationId: o.id, title: ['银龄守护', '邻里一家亲', '四点半课堂'][i]!, budgetLines: [{ item: '人员劳务', amountFen: (requested / 10) * 5 }, { item: '活动物资', amountFen: (requested / 10) * 3 }, { item: '宣传与评估', amountFen: (requested / 10) * 2 }], ...plan(o.name) }));
  }
  await closeCall(db, staff, round.id);
  // The panel's sheets in two statements (the review use case is tested on its own; here it would re-read the file 15 times).
  const sheets = [[26, 35, 25], [28, 36, 27], [22, 30, 20], [29, 39, 28], [15, 25, 18]];
  const reviews = apps.flatMap((app, a) =>
    experts.map((expert, e) => {
      const conflict = a === 2 && e === 4;
      const [need, planScore, team] = sheets[e]!.map((x) => Math.max(0, x - a * 2));
      return { applicationId: app.id, reviewerId: expert.id!, reviewerName: expert.name, conflict, conflictNote: conflict ? '曾担任该组织督导' : null, scores: (conflict ? {} : { need: need!, plan: planScore!, team: team! }) as Record<string, number> };
    }),
  );
  await db.insert(projectReviews).values(reviews);
  await db.insert(projectEvents).values(reviews.map((r) => ({ callId: round.id, applicationId: r.applicationId, actor: r.reviewerName, kind: r.conflict ? 'review.conflict' : 'review.score', summary: r.conflict ? `${r.reviewerName} 申明利益冲突，回避评审` : `${r.reviewerName} 完成评分` })));
  demo.progress('项目：立项、验收、拨付与评估');
  // The first is under way: milestone 1 accepted and paid, services counted, a site visit.
  const running = apps[0]!;
  await awardApplication(db, staff, running.id, { amountFen: 18_000_000, contractNumber: 'GYCT-2026-001', tranches: [{ milestoneSeq: 1, amountFen: 5_400_000 }, { milestoneSeq: 2, amountFen: 7_200_000 }, { milestoneSeq: 3, amountFen: 5_400_000 }] });
  let detail = await getApplication(db, staff, running.id, 'staff');
  await reportMilestone(db, orgStaff, detail.milestones[0]!.id, '完成 86 位独居老人入户评估，建立照护档案，附评估表与照片。');
  detail = await decideMilestone(db, staff, detail.milestones[0]!.id, { accept: true, note: '档案齐全' });
  await payTranche(db, staff, detail.tranches[0]!.id, 'PZ-2026-0412');
  for (const [day, n] of [['2026-04-10', 120], ['2026-05-15', 180], ['2026-06-20', 210]] as const) await addServiceRecord(db, orgStaff, running.id, { indicatorKey: 'served', quantity: n, servedOn: day, note: '助餐与探访' });
  await addServiceRecord(db, orgStaff, running.id, { indicatorKey: 'activities', quantity: 6, servedOn: '2026-06-30', note: '健康讲座与手工小组' });
  await addSiteVisit(db, staff, running.id, { visitedOn: '2026-06-05', findings: '服务台账清楚，老人反映送餐准时；建议增加周末探访。', rating: 4 });
  // The second is done: all milestones accepted and paid, evaluated.
  const done = apps[1]!;
  await awardApplication(db, staff, done.id, { amountFen: 14_000_000, contractNumber: 'GYCT-2026-002', tranches: [{ milestoneSeq: 1, amountFen: 4_000_000 }, { milestoneSeq: 3, amountFen: 10_000_000 }] });
  detail = await getApplication(db, staff, done.id, 'staff');
  for (const m of detail.milestones) {
    await reportMilestone(db, orgStaff, m.id, `${m.title}成果已提交`);
    detail = await decideMilestone(db, staff, m.id, { accept: true, note: '' });
  }
  for (const [n, t] of detail.tranches.entries()) await payTranche(db, staff, t.id, `PZ-2026-08${n}`);
  await addServiceRecord(db, orgStaff, done.id, { indicatorKey: 'served', quantity: 2140, servedOn: '2026-11-20', note: '全年邻里互助服务' });
  await evaluateProject(db, staff, done.id, { evaluator: '某社会工作评估中心', thirdPartyScore: 88, surveyed: 120, satisfied: 109, conclusion: '目标全部完成，居民参与度高，建议持续支持。' });
  // A purchased-service call still open, with one application.
  const purchase = await createCall(db, staff, { orgCode: community.code, kind: 'purchase', title: `${community.name} 2027 年为老助餐服务采购`, need: '社区 60 岁以上老人助餐', needSource: 'staff', budgetFen: 20_000_000, criteria, closesOn: '2026-12-31', panel: ['expert1', 'expert2', 'expert3'] });
  await applyToCall(db, orgStaff, purchase.id, { organisationId: orgs[1]!.id, title: '长者食堂运营', budgetLines: [{ item: '餐费补贴', amountFen: 15_000_000 }, { item: '人员', amountFen: 4_000_000 }], ...plan('长者食堂') });
  counts['项目'] = 2;
  counts['项目申报'] = apps.length + 1;

  demo.progress('社区基金');
  await loadFundDemo(db, staff, community.code, done.id);
  counts['社区基金'] = 1;
}

async function loadFundDemo(db: Db, staff: Actor, communityCode: string, applicationId: string): Promise<void> {
  const board = [{ name: '周建华', title: '理事长' }, { name: '吴秀兰', title: '副理事长' }, { name: '郑国强', title: '理事' }, { name: '孙丽萍', title: '理事' }, { name: '马文军', title: '理事' }];
  const fund = await createFund(db, staff, { orgCode: communityCode, kind: 'fund', name: '社区发展基金', custodianBank: '中国工商银行社区支行（托管账户）', board });
  const donors: [string, 'person' | 'organisation', boolean, number, string, string][] = [
    ['北京某某物业服务有限公司', 'organisation', false, 5_000_000, '社区微更新', '2025-09-10'],
    ['张宏', 'person', false, 200_000, '助老', '2025-10-01'],
    ['李桂芝', 'person', true, 50_000, '助学', '2025-12-12'],
    ['某某银行社区支行', 'organisation', false, 3_000_000, '不限定用途', '2026-01-15'],
    ['王立', 'person', false, 100_000, '助老', '2026-03-08'],
    ['赵静', 'person', true, 80_000, '邻里互助', '2026-05-20'],
    ['社区商户联盟', 'organisation', false, 1_200_000, '社区微更新', '2026-06-18'],
  ];
  for (const [i, [donorName, donorKind, anonymous, amountFen, purpose, receivedOn]] of donors.entries()) {
    await recordDonation(db, staff, fund.id, { donorName, donorKind, anonymous, amountFen, purpose, receiptNumber: `JZ-${receivedOn.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`, receivedOn });
  }
  const votes = (forCount: number) => board.map((m, i) => ({ member: m.name, vote: (i < forCount ? 'for' : 'against') as 'for' | 'against' }));
  let detail = await decideGrant(db, staff, fund.id, { title: '楼道照明与扶手改造', recipient: '社区居民委员会', amountFen: 1_800_000, decidedOn: '2025-11-05', votes: votes(5) });
  await payGrant(db, staff, fund.id, detail.grants[0]!.id, { voucherNumber: 'FK-2025-011', paidOn: '2025-11-20' });
  detail = await decideGrant(db, staff, fund.id, { title: '邻里一家亲配套资助', recipient: '邻里互助项目', applicationId, amountFen: 2_000_000, decidedOn: '2026-04-02', votes: votes(4) });
  const approved = detail.grants.find((g) => g.status === 'approved');
  if (approved) await payGrant(db, staff, fund.id, approved.id, { voucherNumber: 'FK-2026-004', paidOn: '2026-04-15' });
  await decideGrant(db, staff, fund.id, { title: '社区文艺汇演外聘演出', recipient: '某演艺公司', amountFen: 900_000, decidedOn: '2026-06-01', votes: votes(2) });
  await recordExpense(db, staff, fund.id, { description: '年度审计费', amountFen: 300_000, voucherNumber: 'ZC-2025-001', spentOn: '2025-12-28' });
  await recordExpense(db, staff, fund.id, { description: '公开报告印制', amountFen: 60_000, voucherNumber: 'ZC-2026-001', spentOn: '2026-02-10' });
}
