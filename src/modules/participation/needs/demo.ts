// part-a's demo in the demo community: the demo resident's account linked to the registry,
// points rules for the street (and one community override), needs of each class (some sorted,
// two merged), three micro-wishes (open, claimed, fulfilled), five proposals across the
// lifecycle with supports, scores, an answer, milestones and evaluations, and points entries.
// Needs, wishes, supports, evaluations and points go in set-based; proposals through the use cases.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/scope.ts';
import { insertByUnnest } from '../../../platform/bulk-insert.ts';
import type { Db } from '../../../platform/db.ts';
import { fromEarlierLoader, type DemoContext } from '../../../platform/module.ts';
import { findOrgUnit } from '../../org/index.ts';
import { householdsWithAdults } from '../../registry/index.ts';
import { needClasses, type NeedClass, type PointsAction } from '../contract.ts';
import { surnameOnly } from '../places.ts';
import { completeMilestone, completeProposal, startProposal } from '../proposals/delivery.ts';
import { enterProposal } from '../proposals/proposals.ts';
import { answerProposal, openReview, scoreProposal, sortProposal } from '../proposals/review.ts';
import { participationProposals } from '../schema.ts';

const needTitles: Record<NeedClass, string[]> = {
  travel: ['公交站台缺少遮阳棚', '小区出口人车混行', '地铁口共享单车乱停', '人行道砖松动', '缺少无障碍坡道'],
  parking: ['夜间停车位不足', '消防通道被占用', '电动车充电桩太少', '访客车辆无处停放', '地下车库照明不足'],
  elderly_care: ['希望开设老年餐桌', '独居老人需要定期探访', '楼道需要加装扶手', '社区缺少康复器材', '希望有助浴服务'],
  disturbance: ['广场舞音量过大', '夜间施工噪音', '底商油烟扰民', '装修时间不规范', '宠物犬吠扰民'],
  environment: ['垃圾分类桶站异味', '绿地缺少养护', '楼道堆物较多', '雨后路面积水', '健身器材生锈'],
  management: ['物业服务响应慢', '单元门禁经常损坏', '公共收益公开不及时', '小区公告栏信息陈旧', '快递柜收费不合理'],
};

const streetRules: [PointsAction, number][] = [['attend_meeting', 5], ['submit_need', 2], ['submit_proposal', 5], ['proposal_accepted', 20], ['vote', 3], ['evaluate', 1], ['volunteer', 2]];

async function loadNeeds(db: Db, community: { code: string; orgPath: string }, adults: { residentId: string; orgPath: string }[], staffName: string) {
  const rows = needClasses.flatMap((needClass, c) =>
    needTitles[needClass].map((title, i) => {
      const k = c * 5 + i;
      const resident = adults[k % Math.max(adults.length, 1)];
      const channel = (['portal', 'mobile', 'console'] as const)[k % 3];
      const status = i < 2 ? 'sorted' : 'open';
      return {
        id: randomUUID(), org_path: resident?.orgPath ?? community.orgPath, community_code: community.code, need_class: needClass, matter_kind: status === 'sorted' ? (['community', 'government', 'private'] as const)[k % 3] : null,
        title, description: `${title}，居民多次反映，希望尽快解决。`, channel, resident_id: channel === 'console' ? null : (resident?.residentId ?? null), recorded_by_name: channel === 'portal' ? '居民本人' : staffName, status,
        created_at: new Date(Date.now() - (40 - k) * 86_400_000).toISOString(),
      };
    }),
  );
  const columns: [string, string][] = [['id', 'uuid'], ['org_path', 'text'], ['community_code', 'text'], ['need_class', 'text'], ['matter_kind', 'text'], ['title', 'text'], ['description', 'text'], ['channel', 'text'], ['resident_id', 'uuid'], ['recorded_by_name', 'text'], ['status', 'text'], ['created_at', 'timestamptz']];
  await insertByUnnest(db, 'participation_needs', columns, rows, 500);
  // Two duplicates of the first parking need, merged into it.
  const survivor = rows.find((r) => r.need_class === 'parking')!;
  const duplicates = [0, 1].map((i) => ({ ...survivor, id: randomUUID(), title: `${survivor.title}（重复反映）`, status: 'merged', matter_kind: null, merged_into: survivor.id, created_at: new Date(Date.now() - (10 - i) * 86_400_000).toISOString() }));
  await insertByUnnest(db, 'participation_needs', [...columns, ['merged_into', 'uuid']], duplicates, 500);
  return rows;
}

async function loadWishes(db: Db, community: { code: string; orgPath: string }, adults: { residentId: string; name: string; orgPath: string }[]) {
  const wishes = [
    { wish: '独居老人想要一台收音机', status: 'open' },
    { wish: '希望有人帮忙修理轮椅', status: 'claimed', claimant_kind: 'unit', claimant_name: '万寿路邮政支局' },
    { wish: '孩子想要一套课外读物', status: 'fulfilled', claimant_kind: 'unit', claimant_name: '翠微大厦物业服务中心', fulfilment_note: '已送到家中' },
  ];
  await insertByUnnest(
    db,
    'participation_micro_wishes',
    [['org_path', 'text'], ['community_code', 'text'], ['wish', 'text'], ['shown_name', 'text'], ['resident_id', 'uuid'], ['status', 'text'], ['claimant_kind', 'text'], ['claimant_name', 'text'], ['claimed_at', 'timestamptz'], ['fulfilment_note', 'text'], ['fulfilled_at', 'timestamptz']],
    wishes.map((w, i) => {
      const resident = adults[(i * 7) % Math.max(adults.length, 1)];
      return {
        ...w, org_path: resident?.orgPath ?? community.orgPath, community_code: community.code, shown_name: resident ? surnameOnly(resident.name) : '居民', resident_id: resident?.residentId ?? null,
        claimed_at: w.status === 'open' ? null : new Date(Date.now() - 5 * 86_400_000).toISOString(), fulfilled_at: w.status === 'fulfilled' ? new Date(Date.now() - 2 * 86_400_000).toISOString() : null,
      };
    }),
    10,
  );
}

/** Five proposals: submitted, in review, implementing, completed and evaluated, not accepted. */
async function loadProposals(db: Db, staff: Actor, community: { code: string }, needIds: string[]) {
  const year = new Date().getFullYear();
  const enter = (i: number, title: string, body: string) =>
    i < needIds.length ? enterProposal(db, staff, { title, body, needId: needIds[i]! }) : enterProposal(db, staff, { title, body, orgCode: community.code, proposerKind: 'council', proposerName: '居民议事会' });
  const submitted = await enter(0, '增设电动车集中充电点', '楼道充电隐患大，建议在3号楼东侧增设集中充电点，配备计时收费和消防设施。');
  const reviewed = await enter(1, '开设社区老年餐桌', '社区老年人多，建议利用党群服务中心一层开设老年餐桌，提供午餐。');
  const implementing = await enterProposal(db, staff, { title: '楼道加装扶手', body: '老旧楼栋楼道陡，建议为1至6号楼加装扶手。', orgCode: community.code, proposerKind: 'council', proposerName: '居民议事会' });
  const completed = await enterProposal(db, staff, { title: '绿地补植与健身器材更新', body: '中心绿地黄土裸露，健身器材生锈，建议补植并更新器材。', orgCode: community.code, proposerKind: 'unit', proposerName: '翠微大厦物业服务中心' });
  const declined = await enter(2, '取消小区快递柜', '快递柜收费不合理，建议取消。');

  const criteria = '可行性：能否在一年内以现有资源实施；受益面：受益居民的人数和范围；成本：所需资金与人力';
  // The demo community's staff account sits on each panel and scores.
  const review = async (id: string, version: number) => {
    const sorted = await sortProposal(db, staff, id, { matterKind: 'community', version });
    await openReview(db, staff, id, { criteria, panelUserIds: [staff.id!], version: sorted.version });
    return scoreProposal(db, staff, id, { feasibility: 8, benefit: 9, cost: 7, comment: '受益面广，成本可控' });
  };
  await review(reviewed.id, reviewed.version);
  for (const p of [implementing, completed]) {
    const answered = await answerProposal(db, staff, p.id, { answer: 'accepted', version: (await review(p.id, p.version)).version });
    const started = await startProposal(db, staff, p.id, { responsibleUnit: p === implementing ? '社区居委会' : '翠微大厦物业服务中心', milestones: [{ title: '方案公示', dueOn: `${year}-06-30` }, { title: '施工完成', dueOn: `${year}-10-31` }], version: answered.version });
    const one = await completeMilestone(db, staff, p.id, 1, started.version);
    if (p === completed) await completeProposal(db, staff, p.id, (await completeMilestone(db, staff, p.id, 2, one.version)).version);
  }
  const d = await review(declined.id, declined.version);
  await answerProposal(db, staff, declined.id, { answer: 'not_accepted', reason: '快递柜由企业经营，社区将协调降低收费并增设免费时段，不予取消。', version: d.version });
  return { submitted, reviewed, implementing, completed, declined };
}

export async function loadNeedsDemo(demo: DemoContext): Promise<void> {
  const { db, state } = demo;
  const community = await findOrgUnit(db, fromEarlierLoader(state, 'community').code);
  if (!community) return;
  demo.progress('居民参与：需求、微心愿、提案、积分 / needs, micro-wishes, proposals, points');
  const staffId = state.userIds?.community ?? null;
  const staffName = `${community.name}工作人员`;
  const staff: Actor = { kind: staffId ? 'user' : 'system', id: staffId, name: staffName, displayName: staffName, grants: [{ role: 'community_staff', orgPath: community.orgPath }], mustChangePassword: false };
  const households = await householdsWithAdults(db, community.code);
  const adults = households.flatMap((h) => h.adults.map((a) => ({ ...a, orgPath: h.orgPath })));
  if (adults.length === 0) return;

  // The demo resident account speaks for the first adult of the registry.
  const residentUser = state.userIds?.resident;
  if (residentUser) await db.execute(sql`insert into participation_residents (user_id, resident_id, community_code, org_path) values (${residentUser}::uuid, ${adults[0]!.residentId}::uuid, ${community.code}, ${adults[0]!.orgPath}) on conflict do nothing`);

  const streetCode = community.orgPath.split('.')[3]!;
  const streetPath = community.orgPath.split('.').slice(0, 4).join('.');
  await insertByUnnest(db, 'participation_points_rules', [['org_code', 'text'], ['org_path', 'text'], ['action', 'text'], ['points', 'integer']], [...streetRules.map(([action, points]) => ({ org_code: streetCode, org_path: streetPath, action, points })), { org_code: community.code, org_path: community.orgPath, action: 'submit_proposal', points: 8 }], 50);

  const needs = await loadNeeds(db, community, adults, staffName);
  await loadWishes(db, community, adults);
  const withResidents = needs.filter((n) => n.resident_id && n.status === 'open');
  if (!staffId) return;
  const proposals = await loadProposals(db, staff, community, withResidents.slice(0, 3).map((n) => n.id));

  // Supports and evaluations of verified residents, one each (the keys say so); the completed proposal meets the 95 % bar.
  const supporters = adults.slice(0, 40);
  const supports = [proposals.submitted, proposals.reviewed, proposals.implementing, proposals.completed].flatMap((p, k) => supporters.slice(0, 30 - k * 6).map((a) => ({ proposal_id: p.id, resident_id: a.residentId })));
  await insertByUnnest(db, 'participation_proposal_supports', [['proposal_id', 'uuid'], ['resident_id', 'uuid']], supports, 1000);
  await db.execute(sql`update ${participationProposals} p set support_count = (select count(*) from participation_proposal_supports s where s.proposal_id = p.id) where p.community_code = ${community.code}`);
  const evaluators = adults.slice(0, 20);
  await insertByUnnest(db, 'participation_evaluations', [['proposal_id', 'uuid'], ['resident_id', 'uuid'], ['satisfied', 'boolean'], ['comment', 'text']], evaluators.map((a, i) => ({ proposal_id: proposals.completed.id, resident_id: a.residentId, satisfied: i !== 7, comment: i === 7 ? '器材数量偏少' : '' })), 100);

  const entries = [
    ...withResidents.map((n) => ({ resident_id: n.resident_id, action: 'submit_need', points: 2, source_kind: 'need', source_id: n.id, note: n.title })),
    ...evaluators.map((a) => ({ resident_id: a.residentId, action: 'evaluate', points: 1, source_kind: 'proposal', source_id: proposals.completed.id, note: '绿地补植与健身器材更新' })),
  ].map((e) => ({ ...e, community_code: community.code, org_path: community.orgPath }));
  await insertByUnnest(db, 'participation_points_entries', [['resident_id', 'uuid'], ['community_code', 'text'], ['org_path', 'text'], ['action', 'text'], ['points', 'integer'], ['source_kind', 'text'], ['source_id', 'text'], ['note', 'text']], entries, 1000);

  demo.counts['需求 / needs'] = needs.length + 2;
  demo.counts['微心愿 / micro-wishes'] = 3;
  demo.counts['提案 / proposals'] = 5;
  demo.counts['参与积分 / points entries'] = entries.length;
}
