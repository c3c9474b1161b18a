// part-b's demo in the demo community: a residents' council, a consultation meeting held with
// minutes and a proxy under consent, a closed household vote that met its quorum, an owners'
// vote that did not, a decided participatory budget and a convention in force — all published.
// Through the use cases, except the ballots, sign-ins and choices, which go in set-based.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/scope.ts';
import { insertByUnnest } from '../../../platform/bulk-insert.ts';
import type { Db } from '../../../platform/db.ts';
import { fromEarlierLoader, type DemoContext } from '../../../platform/module.ts';
import { findOrgUnit } from '../../org/index.ts';
import { householdsWithAdults, houseAreas, type HouseholdWithAdults } from '../../registry/index.ts';
import { actOnBudget, addBudgetProject, createBudget, recordBudgetProgress, reviewBudgetProject } from '../budgets/budgets.ts';
import { actOnConvention, createConvention } from '../conventions/conventions.ts';
import { recordConsent } from '../meetings/consents.ts';
import { createCouncil } from '../meetings/councils.ts';
import { actOnMeeting, addParticipants, addResolution, createMeeting, recordMinutes, signIn, updateResolution } from '../meetings/meetings.ts';
import type { BallotChoice } from './contract.ts';
import { closeVote, createVote, openVote, publishVote } from './votes.ts';

const councilRoles = ['chair', 'vice_chair', 'mediation', 'supervision', 'environment', 'culture', 'assistance'] as const;

async function castDemoBallots(db: Db, voteId: string, secret: boolean, share: number, choiceOf: (i: number) => BallotChoice): Promise<number> {
  const units = (await db.execute(sql`select id::text as id, area::text as area from participation_vote_units where vote_id = ${voteId}::uuid order by label`)) as unknown as { rows: { id: string; area: string }[] };
  const voting = units.rows.slice(0, Math.floor(units.rows.length * share));
  await insertByUnnest(db, 'participation_vote_turnout', [['vote_id', 'uuid'], ['unit_id', 'uuid'], ['channel', 'text']], voting.map((u, i) => ({ vote_id: voteId, unit_id: u.id, channel: i % 4 === 0 ? 'paper' : 'online' })), 1000);
  await insertByUnnest(
    db,
    'participation_ballots',
    [['vote_id', 'uuid'], ['unit_id', 'uuid'], ['choice', 'text'], ['area', 'bigint'], ['cast_at', 'timestamptz']],
    voting.map((u, i) => ({ vote_id: voteId, unit_id: secret ? null : u.id, choice: choiceOf(i), area: Number(u.area), cast_at: secret ? null : new Date().toISOString() })),
    1000,
  );
  return voting.length;
}

/** The buildings of the community with their households that have adults, largest first. */
function buildingsBySize(households: HouseholdWithAdults[], buildingOf: Map<string, string>): string[] {
  const size = new Map<string, number>();
  for (const h of households) if (h.adults.length) size.set(buildingOf.get(h.houseId)!, (size.get(buildingOf.get(h.houseId)!) ?? 0) + 1);
  return [...size.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

export async function loadVotingDemo(demo: DemoContext): Promise<void> {
  const { db, state } = demo;
  const community = await findOrgUnit(db, fromEarlierLoader(state, 'community').code);
  if (!community) return;
  const staffId = state.userIds?.community ?? null;
  const staff: Actor = { kind: staffId ? 'user' : 'system', id: staffId, name: `${community.name}工作人员`, displayName: `${community.name}工作人员`, grants: [{ role: 'community_staff', orgPath: community.orgPath }], mustChangePassword: false };
  const [households, houses] = await Promise.all([householdsWithAdults(db, community.code), houseAreas(db, community.code)]);
  const buildingOf = new Map(houses.map((h) => [h.houseId, h.buildingId]));
  const [buildingA, buildingB] = buildingsBySize(households, buildingOf);
  if (!buildingA) return;
  demo.progress('居民议事：议事会、协商会议、表决、民生微实事、居民公约 / meetings, votes, budget, convention');
  const year = new Date().getFullYear();

  const adults = households.filter((h) => buildingOf.get(h.houseId) === buildingA).flatMap((h) => h.adults).slice(0, councilRoles.length);
  const council = await createCouncil(db, staff, {
    communityCode: community.code, kind: 'residents_council', name: `${community.name}居民议事会`, termStart: `${year - 1}-01-01`, termEnd: `${year + 3}-12-31`,
    members: adults.map((a, i) => ({ name: a.name, role: councilRoles[i]!, residentId: a.residentId })),
  });

  // A meeting of building A's households, one of them represented by a family member under a written consent.
  let meeting = await createMeeting(db, staff, {
    communityCode: community.code, title: '楼道堆物清理与电动车停放协商会', topicSource: 'need', class: 'management', level: 'building', form: 'deliberation', councilId: council.id,
    agenda: ['通报楼道堆物和电动车充电隐患', '讨论集中停放点选址', '形成公约条款建议'], place: `${community.name}党群服务中心议事厅`, startsAt: new Date(Date.now() - 7 * 86_400_000),
  });
  meeting = await addParticipants(db, staff, meeting.id, { from: 'registry', scopeKind: 'building', scopeRef: buildingA, basis: 'households' });
  meeting = await addParticipants(db, staff, meeting.id, { from: 'named', kind: 'org_unit', name: '物业服务中心', label: '物业' });
  meeting = await actOnMeeting(db, staff, meeting.id, { action: 'notify', version: meeting.version });
  const participants = (await db.execute(sql`select id::text as id, resident_id::text as resident_id from participation_meeting_participants where meeting_id = ${meeting.id}::uuid and resident_id is not null order by label`)) as unknown as { rows: { id: string; resident_id: string }[] };
  const [elder, ...others] = participants.rows;
  if (elder) {
    const family = households.find((h) => h.adults.some((a) => a.residentId === elder.resident_id))?.adults.find((a) => a.residentId !== elder.resident_id);
    const given = new Date(Date.now() - 9 * 86_400_000).toISOString().slice(0, 10);
    await recordConsent(db, staff, { principalResidentId: elder.resident_id, proxyName: family?.name ?? '社区网格员', proxyKind: family ? 'family' : 'worker', proxyRelation: family ? '家属' : '网格员', scope: 'meeting', meetingId: meeting.id, givenOn: given, givenHow: 'written' });
    await signIn(db, staff, meeting.id, { participantId: elder.id, proxyName: family?.name ?? '社区网格员' });
  }
  const present = others.slice(0, Math.ceil(others.length * 0.7)).map((p) => p.id);
  if (present.length) await db.execute(sql`update participation_meeting_participants set signed_in_at = now() - interval '7 days', signed_in_by = ${staff.name} where id in (${sql.join(present.map((id) => sql`${id}::uuid`), sql`, `)})`);
  meeting = await actOnMeeting(db, staff, meeting.id, { action: 'hold', version: meeting.version });
  meeting = await recordMinutes(db, staff, meeting.id, {
    minutes: '与会居民一致同意：一、两周内清理楼道堆物；二、在小区东侧设电动车集中充电点；三、将“楼道不堆物、电动车不进楼”写入居民公约修订稿。',
    speakers: [elder, others[0]].filter((p) => p !== undefined).map((p) => ({ participantId: p.id, summary: '支持集中充电，建议加装雨棚' })),
    version: meeting.version,
  });
  meeting = await addResolution(db, staff, meeting.id, { text: '两周内组织楼道堆物清理', responsible: '社区居委会、物业服务中心' });
  meeting = await addResolution(db, staff, meeting.id, { text: '选址建设电动车集中充电点', responsible: '物业服务中心' });
  meeting = await updateResolution(db, staff, meeting.id, meeting.resolutions[0]!.id, { status: 'done', doneOn: new Date().toISOString().slice(0, 10), doneNote: '已清理，网格员复查' });
  await actOnMeeting(db, staff, meeting.id, { action: 'publish', version: meeting.version });

  // A secret household vote of building A that met its quorum; an owners' vote of building B that did not.
  let householdVote = await createVote(db, staff, { communityCode: community.code, title: '是否同意设立电动车集中充电点', description: '', rule: 'residents_meeting', basis: 'households', matter: 'ordinary', scopeKind: 'building', scopeRef: buildingA, secret: true });
  householdVote = await openVote(db, staff, householdVote.id, householdVote.version);
  const householdBallots = await castDemoBallots(db, householdVote.id, true, 0.75, (i) => (i % 6 === 5 ? 'against' : i % 9 === 8 ? 'abstain' : 'for'));
  householdVote = await closeVote(db, staff, householdVote.id, householdVote.version);
  await publishVote(db, staff, householdVote.id);
  let ownersVote = await createVote(db, staff, { communityCode: community.code, title: '使用专项维修资金更换屋面防水', description: '', rule: 'owners', basis: 'owners', matter: 'ordinary', scopeKind: 'building', scopeRef: buildingB ?? buildingA, secret: false });
  ownersVote = await openVote(db, staff, ownersVote.id, ownersVote.version);
  const ownersBallots = await castDemoBallots(db, ownersVote.id, false, 0.5, (i) => (i % 3 === 2 ? 'against' : 'for'));
  ownersVote = await closeVote(db, staff, ownersVote.id, ownersVote.version);
  await publishVote(db, staff, ownersVote.id);

  // A participatory budget: three projects, one not feasible; households chose; the winners decided.
  let budget = await createBudget(db, staff, { communityCode: community.code, year, title: `${year}年${community.name}民生微实事`, amountFen: 200_000_00 });
  for (const [title, costFen] of [['老旧楼道照明改造', 120_000_00], ['小区适老化扶手加装', 60_000_00], ['儿童游乐设施更新', 90_000_00]] as const) budget = await addBudgetProject(db, staff, budget.id, { title, description: '', costFen });
  budget = await actOnBudget(db, staff, budget.id, 'review');
  for (const [i, p] of budget.projects.entries()) budget = await reviewBudgetProject(db, staff, budget.id, p.id, { feasibility: i === 2 ? 'not_feasible' : 'feasible', reviewNote: i === 2 ? '场地权属不清，暂不具备实施条件' : '经现场踏勘可行' });
  budget = await actOnBudget(db, staff, budget.id, 'open_voting');
  const feasible = budget.projects.filter((p) => p.feasibility === 'feasible').map((p) => p.id);
  const choosing = households.filter((h) => h.adults.length).slice(0, 120);
  await insertByUnnest(db, 'participation_budget_choices', [['budget_id', 'uuid'], ['household_id', 'uuid'], ['project_ids', 'jsonb'], ['total_fen', 'bigint'], ['chosen_by_resident_id', 'uuid']], choosing.map((h, i) => {
    const ids = i % 3 === 0 ? feasible : [feasible[i % feasible.length]!];
    const total = budget.projects.filter((p) => ids.includes(p.id)).reduce((s, p) => s + p.costFen, 0);
    return { budget_id: budget.id, household_id: h.householdId, project_ids: ids, total_fen: total, chosen_by_resident_id: h.adults[0]!.residentId };
  }), 1000);
  budget = await actOnBudget(db, staff, budget.id, 'decide');
  const winner = budget.projects.find((p) => p.won);
  if (winner) await recordBudgetProgress(db, staff, budget.id, winner.id, { progress: 60, account: { item: '材料采购', amountFen: Math.floor(winner.costFen / 2), voucher: `MS-${year}-001`, on: new Date().toISOString().slice(0, 10) } });

  // The convention, adopted by the household vote and in force.
  const convention = await createConvention(db, staff, { communityCode: community.code, kind: 'residents', title: `${community.name}居民公约`, text: '一、爱护公共环境，垃圾分类投放。二、楼道不堆物，电动车不进楼、不飞线充电。三、邻里互助，文明养犬。四、参与社区议事，遵守议定事项。' });
  const v1 = convention.versions[0]!.id;
  await actOnConvention(db, staff, convention.id, { action: 'consult', versionId: v1, note: '居民议事会讨论并在各楼栋张贴征求意见两周' });
  await actOnConvention(db, staff, convention.id, { action: 'adopt', versionId: v1, voteId: householdVote.id });
  await actOnConvention(db, staff, convention.id, { action: 'put_in_force', versionId: v1, inForceFrom: new Date().toISOString().slice(0, 10) });

  demo.counts['表决 / votes'] = 2;
  demo.counts['选票 / ballots'] = householdBallots + ownersBallots;
  demo.counts['协商会议 / meetings'] = 1;
}
