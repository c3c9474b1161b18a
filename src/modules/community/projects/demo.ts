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
import { loadFundDemo } from '../foundations/demo.ts';
import { addStaff, createOrganisation } from '../organisations/organisations.ts';
import { communityOrganisations } from '../schema/organisations.ts';
import { projectEvents, projectReviews } from '../schema/projects.ts';
import { applyToCall } from './applications.ts';
import { closeCall, createCall } from './calls.ts';
import { writeExecution } from './demo-execution.ts';

const actorOf = (id: string | null, name: string, role: Role, orgPath: string): Actor => ({ kind: id ? 'user' : 'system', id, name, displayName: name, grants: [{ role, orgPath }], mustChangePassword: false });

/** The demo account, made unless an earlier load made it; the summary lists it once made. */
async function account(demo: DemoContext, username: string, displayName: string, role: Role, org: { code: string; name: string; orgPath: string }) {
  const [found] = await demo.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  const id = found?.id ?? (await provisionUser(demo.db, { username, displayName, role, orgCode: org.code, password: demo.password })).user.id;
  return { actor: actorOf(id, displayName, role, org.orgPath), made: found ? null : { username, displayName, role, orgCode: org.code, orgName: org.name } };
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
  // Password hashing is most of this step: the six accounts hash side by side.
  const made = await Promise.all([
    ...['王教授', '李研究员', '张律师', '刘会计师', '陈社工师'].map((name, i) => account(demo, `expert${i + 1}`, name, 'expert_reviewer', district)),
    account(demo, 'orgstaff', '社会组织工作人员', 'organisation_staff', community),
  ]);
  for (const m of made) if (m.made) demo.state.accounts?.push(m.made);
  const experts = made.slice(0, 5).map((m) => m.actor);
  const orgStaff = made[5]!.actor;
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
  // The second is done: all milestones accepted and paid, evaluated.
  const [running, done] = [apps[0]!, apps[1]!];
  await writeExecution(db, round.id, { staff: staff.name, organisation: orgStaff.name }, [
    {
      applicationId: running.id, amountFen: 18_000_000, contractNumber: 'GYCT-2026-001',
      tranches: [{ milestoneSeq: 1, amountFen: 5_400_000, voucher: 'PZ-2026-0412' }, { milestoneSeq: 2, amountFen: 7_200_000 }, { milestoneSeq: 3, amountFen: 5_400_000 }],
      accepted: [{ report: '完成 86 位独居老人入户评估，建立照护档案，附评估表与照片。', note: '档案齐全' }],
      services: [
        ...([['2026-04-10', 120], ['2026-05-15', 180], ['2026-06-20', 210]] as const).map(([servedOn, quantity]) => ({ indicatorKey: 'served', quantity, servedOn, note: '助餐与探访' })),
        { indicatorKey: 'activities', quantity: 6, servedOn: '2026-06-30', note: '健康讲座与手工小组' },
      ],
      visit: { visitedOn: '2026-06-05', findings: '服务台账清楚，老人反映送餐准时；建议增加周末探访。', rating: 4 },
    },
    {
      applicationId: done.id, amountFen: 14_000_000, contractNumber: 'GYCT-2026-002',
      tranches: [{ milestoneSeq: 1, amountFen: 4_000_000, voucher: 'PZ-2026-080' }, { milestoneSeq: 3, amountFen: 10_000_000, voucher: 'PZ-2026-081' }],
      accepted: done.milestones.map((m) => ({ report: `${m.title}成果已提交`, note: '' })),
      services: [{ indicatorKey: 'served', quantity: 2140, servedOn: '2026-11-20', note: '全年邻里互助服务' }],
      evaluation: { evaluator: '某社会工作评估中心', thirdPartyScore: 88, surveyed: 120, satisfied: 109, conclusion: '目标全部完成，居民参与度高，建议持续支持。' },
    },
  ]);
  // A purchased-service call still open, with one application.
  const purchase = await createCall(db, staff, { orgCode: community.code, kind: 'purchase', title: `${community.name} 2027 年为老助餐服务采购`, need: '社区 60 岁以上老人助餐', needSource: 'staff', budgetFen: 20_000_000, criteria, closesOn: '2026-12-31', panel: ['expert1', 'expert2', 'expert3'] });
  await applyToCall(db, orgStaff, purchase.id, { organisationId: orgs[1]!.id, title: '长者食堂运营', budgetLines: [{ item: '餐费补贴', amountFen: 15_000_000 }, { item: '人员', amountFen: 4_000_000 }], ...plan('长者食堂') });
  counts['项目'] = 2;
  counts['项目申报'] = apps.length + 1;

  demo.progress('社区基金');
  await loadFundDemo(db, staff, community.code, done.id);
  counts['社区基金'] = 1;
}
