// Votes over HTTP on a real database: the electorate from the registry, one ballot per unit,
// paper ballots under the two-person rule, no change after close, secret ballots unlinked,
// quorum met and not met, publication on the board without personal data, scope; conventions
// adopted by a vote and put in force one version at a time.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db.ts';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { fourHouseholds } from './households.fixture.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const { building, heads, staff } = await fourHouseholds(ctx, '翠微路28号院3号楼', 1);
const secondStaff = await actorSession(ctx, 'community_staff', '110108001001');
const gridWorker = await actorSession(ctx, 'grid_worker', 'GA1');
const otherCommunity = await actorSession(ctx, 'community_staff', '110108001002');
const leader = await actorSession(ctx, 'leader', '110108001');

const call = (cookie: string | undefined, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

async function newVote(body: Record<string, unknown>) {
  const res = await call(staff.cookie, 'POST', '/api/participation/votes', { communityCode: '110108001001', description: '', ...body });
  expect(res.statusCode, res.body).toBe(201);
  const opened = await call(staff.cookie, 'POST', `/api/participation/votes/${res.json().id}/open`, { version: res.json().version });
  expect(opened.statusCode, opened.body).toBe(200);
  return opened.json();
}
const ballot = (i: number, voteId: string, choice: string) => call(heads[i]!.cookie, 'POST', `/api/participation/my/votes/${voteId}/ballot`, { choice });

describe('a secret household vote (居民会议, one representative per household)', () => {
  let vote: { id: string; version: number };

  it('takes the electorate from the registry when it opens: households with an adult', async () => {
    vote = await newVote({ title: '是否同意加装电梯', rule: 'residents_meeting', basis: 'households', scopeKind: 'building', scopeRef: building.id, secret: true });
    expect(vote).toMatchObject({ status: 'open', electorate: { count: 4, area: 0 }, turnout: { count: 0 } });
  });

  it('takes one ballot per household, online or on paper, and refuses a second', async () => {
    expect((await ballot(0, vote.id, 'for')).statusCode).toBe(201);
    const again = await ballot(0, vote.id, 'against');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PARTICIPATION_ALREADY_VOTED');
    expect((await ballot(1, vote.id, 'for')).statusCode).toBe(201);
    // Two at once for the same household: one counts, whichever comes first (the same choice, so the count below does not depend on it).
    const [a, b] = await Promise.all([ballot(2, vote.id, 'for'), ballot(2, vote.id, 'for')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
  });

  it('counts a paper ballot only once a second person confirms it', async () => {
    const units = (await call(staff.cookie, 'GET', `/api/participation/votes/${vote.id}/units?voted=no`)).json();
    expect(units.total).toBe(1);
    const entered = await call(gridWorker.cookie, 'POST', `/api/participation/votes/${vote.id}/paper-ballots`, { unitId: units.items[0].id, choice: 'against' });
    expect(entered.statusCode, entered.body).toBe(201);
    const self = await call(gridWorker.cookie, 'POST', `/api/participation/votes/${vote.id}/paper-ballots/${entered.json().id}/confirm`);
    expect(self.json().error.code).toBe('PARTICIPATION_SAME_PERSON');
    expect((await call(staff.cookie, 'GET', `/api/participation/votes/${vote.id}`)).json().turnout.count).toBe(3);
    const confirmed = await call(secondStaff.cookie, 'POST', `/api/participation/votes/${vote.id}/paper-ballots/${entered.json().id}/confirm`);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', choice: null });
    expect((await call(staff.cookie, 'GET', `/api/participation/votes/${vote.id}`)).json().turnout.count).toBe(4);
  });

  it('keeps no link between a secret choice and who voted', async () => {
    const rows = await queryRows<{ unit_id: string | null; cast_at: string | null }>(database.db, sql`select unit_id, cast_at from participation_ballots where vote_id = ${vote.id}::uuid`);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.unit_id === null && r.cast_at === null)).toBe(true);
    const units = (await call(staff.cookie, 'GET', `/api/participation/votes/${vote.id}/units`)).json();
    expect(units.items.every((u: { voted: boolean; choice: unknown }) => u.voted && u.choice === null)).toBe(true);
  });

  it('closes with the quorum met and the decision passed (3 of 4 for), then refuses every change', async () => {
    const closed = await call(staff.cookie, 'POST', `/api/participation/votes/${vote.id}/close`, { version: 2 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().result).toMatchObject({ quorumMet: true, passed: true, participants: { count: 4 }, choices: { for: { count: 3 }, against: { count: 1 } } });
    const late = await ballot(3, vote.id, 'for');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('PARTICIPATION_VOTE_CLOSED');
    const paper = await call(staff.cookie, 'POST', `/api/participation/votes/${vote.id}/paper-ballots`, { unitId: heads[3]!.householdId, choice: 'for' });
    expect(paper.json().error.code).toBe('PARTICIPATION_VOTE_CLOSED');
    const direct = await database.db.execute(sql`update participation_ballots set choice = 'against' where vote_id = ${vote.id}::uuid`).then(() => null, (e: Error) => e);
    expect(direct).not.toBeNull();
  });

  it('publishes the result on the board with counts and no personal data', async () => {
    expect((await call(staff.cookie, 'POST', `/api/participation/votes/${vote.id}/publish`)).statusCode).toBe(200);
    const board = await call(undefined, 'GET', '/api/public/communities/110108001001/board?kind=vote_result');
    expect(board.statusCode).toBe(200);
    const item = board.json().items.find((i: { id: string }) => i.id === vote.id);
    expect(item).toMatchObject({ kind: 'vote_result', status: 'passed', facts: { electorate: 4, participants: 4, for: 3, against: 1, quorumMet: 'yes' } });
    for (const h of heads) {
      expect(board.body).not.toContain(h.name);
      expect(board.body).not.toContain(h.idNumber);
    }
    const mine = (await call(heads[0]!.cookie, 'GET', '/api/participation/my/votes')).json();
    expect(mine.items.find((v: { vote: { id: string } }) => v.vote.id === vote.id)).toMatchObject({ voted: true, mayVote: false });
  });
});

describe("a named owners' vote weighed by floor area (民法典 278)", () => {
  it('fails the quorum with half the owners and area, and shows each named choice', async () => {
    const vote = await newVote({ title: '续聘物业服务企业', rule: 'owners', basis: 'owners', matter: 'ordinary', scopeKind: 'building', scopeRef: building.id, secret: false });
    // 90 + 90 + 120.50 + 60 m²; the rented house's owner is not in the registry.
    expect(vote.electorate).toEqual({ count: 4, area: 36_050 });
    const tenant = await ballot(3, vote.id, 'for');
    expect(tenant.statusCode).toBe(403);
    expect(tenant.json().error.code).toBe('PARTICIPATION_NOT_IN_ELECTORATE');
    await ballot(0, vote.id, 'for');
    await ballot(1, vote.id, 'against');
    const named = (await call(staff.cookie, 'GET', `/api/participation/votes/${vote.id}/units?voted=yes`)).json();
    expect(named.items.map((u: { choice: string }) => u.choice).sort()).toEqual(['against', 'for']);
    const closed = (await call(staff.cookie, 'POST', `/api/participation/votes/${vote.id}/close`, { version: 2 })).json();
    expect(closed.result).toMatchObject({ quorumMet: false, passed: false, participants: { count: 2, area: 18_000 } });
    const xlsx = await call(staff.cookie, 'GET', `/api/participation/votes/${vote.id}/counts.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses a basis the rule does not count by, naming the field', async () => {
    const res = await call(staff.cookie, 'POST', '/api/participation/votes', { communityCode: '110108001001', title: '错误的规则', rule: 'owners', basis: 'adults', scopeKind: 'community', scopeRef: '110108001001', secret: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.basis');
  });
});

describe("a council's vote among its members", () => {
  it('takes the council roll as the electorate and lets a member who is a verified resident vote', async () => {
    const council = await call(staff.cookie, 'POST', '/api/participation/councils', {
      communityCode: '110108001001', kind: 'village_council', name: '三号楼理事会', termStart: '2026-01-01', termEnd: '2028-12-31',
      members: [{ name: heads[0]!.name, role: 'chair', residentId: heads[0]!.residentId }, { name: heads[1]!.name, role: 'mediation', residentId: heads[1]!.residentId }, { name: '周志愿', role: 'environment' }],
    });
    expect(council.statusCode, council.body).toBe(201);
    expect(council.json().members[0]).toMatchObject({ role: 'chair' });
    const vote = await newVote({ title: '理事会议定保洁安排', rule: 'council', basis: 'members', scopeKind: 'council', scopeRef: council.json().id, secret: false });
    expect(vote.electorate.count).toBe(3);
    expect((await ballot(0, vote.id, 'for')).statusCode).toBe(201);
    expect((await ballot(2, vote.id, 'for')).json().error.code).toBe('PARTICIPATION_NOT_IN_ELECTORATE');
    await ballot(1, vote.id, 'for');
    const closed = (await call(staff.cookie, 'POST', `/api/participation/votes/${vote.id}/close`, { version: 2 })).json();
    expect(closed.result).toMatchObject({ quorumMet: true, passed: true, participants: { count: 2 } });
  });
});

describe('who sees and runs votes', () => {
  it('keeps a community’s votes from another community, lets the street leader read, and residents not manage', async () => {
    const list = (await call(staff.cookie, 'GET', '/api/participation/votes')).json();
    expect(list.total).toBe(3);
    const id = list.items[0].id;
    expect((await call(otherCommunity.cookie, 'GET', '/api/participation/votes')).json().total).toBe(0);
    expect((await call(otherCommunity.cookie, 'GET', `/api/participation/votes/${id}`)).statusCode).toBe(403);
    expect((await call(leader.cookie, 'GET', `/api/participation/votes/${id}`)).statusCode).toBe(200);
    expect((await call(leader.cookie, 'POST', '/api/participation/votes', { communityCode: '110108001001', title: '领导不能发起', rule: 'council', basis: 'members', scopeKind: 'council', scopeRef: 'x', secret: true })).statusCode).toBe(403);
    expect((await call(heads[0]!.cookie, 'GET', '/api/participation/votes')).statusCode).toBe(403);
    const stranger = await actorSession(ctx, 'resident', '110108001001');
    expect((await call(stranger.cookie, 'GET', '/api/participation/my/votes')).json()).toEqual({ verified: false, items: [] });
    expect((await call(stranger.cookie, 'POST', `/api/participation/my/votes/${id}/ballot`, { choice: 'for' })).json().error.code).toBe('PARTICIPATION_NOT_VERIFIED');
  });
});

describe('a convention adopted by a vote, one version in force', () => {
  it('consults, adopts by a passed vote, puts in force, and supersedes with the next version', async () => {
    const created = await call(staff.cookie, 'POST', '/api/participation/conventions', { communityCode: '110108001001', kind: 'residents', title: '翠微路社区居民公约', text: '第一条 爱护公共环境，垃圾分类投放。' });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    const v1 = c.versions[0].id;
    const act = (body: Record<string, unknown>) => call(staff.cookie, 'POST', `/api/participation/conventions/${c.id}/actions`, body);
    expect((await act({ action: 'adopt', versionId: v1, voteId: c.id })).statusCode).toBe(409);
    expect((await act({ action: 'consult', versionId: v1, note: '楼栋议事会征求意见两周' })).statusCode).toBe(200);
    const votes = (await call(staff.cookie, 'GET', '/api/participation/votes?status=closed')).json().items;
    const failed = votes.find((v: { result: { passed: boolean } }) => !v.result.passed);
    const passed = votes.find((v: { result: { passed: boolean } }) => v.result.passed);
    expect((await act({ action: 'adopt', versionId: v1, voteId: failed.id })).json().error.details.fields[0].field).toBe('body.voteId');
    expect((await act({ action: 'adopt', versionId: v1, voteId: passed.id })).statusCode).toBe(200);
    expect((await act({ action: 'put_in_force', versionId: v1, inForceFrom: '2026-12-01' })).json().inForce).toBe(1);
    const v2 = (await call(staff.cookie, 'POST', `/api/participation/conventions/${c.id}/versions`, { text: '第一条 爱护公共环境。第二条 文明养犬。' })).json().versions[0].id;
    await act({ action: 'consult', versionId: v2, note: '居民代表会议' });
    await act({ action: 'adopt', versionId: v2, voteId: passed.id });
    const after = (await act({ action: 'put_in_force', versionId: v2, inForceFrom: '2027-01-01' })).json();
    expect(after.inForce).toBe(2);
    expect(after.versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([[2, 'in_force'], [1, 'superseded']]);
    const board = (await call(undefined, 'GET', '/api/public/communities/110108001001/board?kind=convention')).json();
    expect(board.items).toEqual([expect.objectContaining({ kind: 'convention', title: '翠微路社区居民公约', facts: expect.objectContaining({ version: 2 }) })]);
  });
});
