// Needs, micro-wishes, proposals, points and the public board over HTTP on a real database:
// verified residents only, one support and one evaluation each (concurrent requests too),
// lifecycles allowed and refused, bad input naming its field with nothing changed, scope per
// role, and no personal data on the board.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db.ts';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { fourHouseholds } from '../votes/households.fixture.ts';
import { awardParticipationPoints } from '../index.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const { heads, staff } = await fourHouseholds(ctx, '翠微路7号院1号楼', 3);
const streetStaff = await actorSession(ctx, 'street_staff', '110108001');
const otherCommunity = await actorSession(ctx, 'community_staff', '110108001002');
const otherStreet = await actorSession(ctx, 'street_staff', '110108002');
const gridWorker = await actorSession(ctx, 'grid_worker', 'GA1');
const otherGridWorker = await actorSession(ctx, 'grid_worker', 'GA2');
const leader = await actorSession(ctx, 'leader', '110108001');
const expert = await actorSession(ctx, 'expert_reviewer', '110108001');
const outsider = await actorSession(ctx, 'resident', '110108001002');
const unverified = await actorSession(ctx, 'resident', '110108001001');

const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const proposalCount = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from participation_proposals`))[0]!.n;

describe('a resident account linked to the registry', () => {
  it('is refused with a wrong name, naming the field, and links nothing', async () => {
    const res = await call(unverified.cookie, 'POST', '/api/participation/my/verification', { name: '张冒名', idNumber: heads[0]!.idNumber });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.idNumber');
    expect((await call(unverified.cookie, 'GET', '/api/participation/my/verification')).json()).toMatchObject({ verified: false });
  });

  it('cannot take part before it is linked', async () => {
    const before = await proposalCount();
    const res = await call(unverified.cookie, 'POST', '/api/participation/my/proposals', { title: '增设快递柜', body: '小区没有快递柜' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('PARTICIPATION_NOT_VERIFIED');
    expect(await proposalCount()).toBe(before);
  });

  it('cannot link to a resident already linked to another account', async () => {
    const res = await call(unverified.cookie, 'POST', '/api/participation/my/verification', { name: heads[0]!.name, idNumber: heads[0]!.idNumber });
    expect(res.statusCode).toBe(409);
  });
});

describe('points rules', () => {
  it('take a street rule unless the community sets its own, and award once per source', async () => {
    const street = await call(streetStaff.cookie, 'PUT', '/api/participation/points/rules', { orgCode: '110108001', rules: [{ action: 'submit_proposal', points: 5 }, { action: 'evaluate', points: 1 }, { action: 'proposal_accepted', points: 20 }] });
    expect(street.statusCode, street.body).toBe(200);
    const own = await call(staff.cookie, 'PUT', '/api/participation/points/rules', { orgCode: '110108001001', rules: [{ action: 'submit_proposal', points: 10 }] });
    const rules = own.json().rules as { action: string; points: number; inherited: boolean }[];
    expect(rules.find((r) => r.action === 'submit_proposal')).toMatchObject({ points: 10, inherited: false });
    expect(rules.find((r) => r.action === 'evaluate')).toMatchObject({ points: 1, inherited: true });
    expect((await call(otherCommunity.cookie, 'PUT', '/api/participation/points/rules', { orgCode: '110108001001', rules: [{ action: 'vote', points: 9 }] })).statusCode).toBe(403);
    const bad = await call(staff.cookie, 'PUT', '/api/participation/points/rules', { orgCode: '110108001001', rules: [{ action: 'vote', points: -1 }] });
    expect(bad.json().error.details.fields[0].field).toMatch(/^body\.rules/);
    const award = { residentId: heads[3]!.residentId, communityCode: '110108001001', action: 'submit_proposal' as const, sourceKind: 'test', sourceId: 'once' };
    expect(await awardParticipationPoints(database.db, award)).toBe(10);
    expect(await awardParticipationPoints(database.db, award)).toBe(0);
    expect((await call(heads[3]!.cookie, 'GET', '/api/participation/my/points')).json()).toMatchObject({ verified: true, balance: 10 });
  });

  it('keeps the ledger append-only', async () => {
    await expect(database.db.execute(sql`update participation_points_entries set points = 99`)).rejects.toThrow();
  });
});

describe('a proposal from submission to evaluation', () => {
  let id: string;
  let version: number;
  const act = async (cookie: string, path: string, body: Record<string, unknown> = {}) => {
    const res = await call(cookie, 'POST', `/api/participation/proposals/${id}/${path}`, { version, ...body });
    if (res.statusCode === 200) version = res.json().version;
    return res;
  };

  it('is submitted by a verified resident, who earns the rule\'s points', async () => {
    const res = await call(heads[0]!.cookie, 'POST', '/api/participation/my/proposals', { title: '楼道加装扶手', body: '老人上下楼不便，建议在1号楼楼道加装扶手。' });
    expect(res.statusCode, res.body).toBe(201);
    ({ id, version } = res.json());
    expect(res.json()).toMatchObject({ status: 'submitted', proposerKind: 'resident', proposerName: '居民' });
    expect((await call(heads[0]!.cookie, 'GET', '/api/participation/my/points')).json().balance).toBe(10);
  });

  it('is seen by the staff, workers and leaders of its area, and by no one else', async () => {
    for (const who of [staff, streetStaff, gridWorker, leader]) expect((await call(who.cookie, 'GET', '/api/participation/proposals')).json().items.map((p: { id: string }) => p.id)).toContain(id);
    for (const who of [otherCommunity, otherStreet]) expect((await call(who.cookie, 'GET', '/api/participation/proposals')).json().items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await call(otherCommunity.cookie, 'GET', `/api/participation/proposals/${id}`)).statusCode).toBe(403);
    expect((await call(outsider.cookie, 'GET', `/api/participation/proposals/${id}`)).statusCode).toBe(403);
    expect((await call(heads[2]!.cookie, 'GET', `/api/participation/proposals/${id}`)).statusCode).toBe(200);
    expect((await call(undefined, 'GET', '/api/participation/proposals')).statusCode).toBe(401);
  });

  it('takes one support per resident, also when two arrive at once', async () => {
    const [a, b] = await Promise.all([call(heads[1]!.cookie, 'POST', `/api/participation/proposals/${id}/support`), call(heads[1]!.cookie, 'POST', `/api/participation/proposals/${id}/support`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('PARTICIPATION_ALREADY_SUPPORTED');
    expect((await call(heads[2]!.cookie, 'POST', `/api/participation/proposals/${id}/support`)).json()).toMatchObject({ supportCount: 2, mySupport: true });
    expect((await call(outsider.cookie, 'POST', `/api/participation/proposals/${id}/support`)).statusCode).toBe(403);
    expect((await call(staff.cookie, 'POST', `/api/participation/proposals/${id}/support`)).statusCode).toBe(403);
  });

  it('refuses an answer before review, and a grid worker sorting it', async () => {
    version = (await call(staff.cookie, 'GET', `/api/participation/proposals/${id}`)).json().version;
    const early = await act(staff.cookie, 'answer', { answer: 'accepted' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PARTICIPATION_TRANSITION_REFUSED');
    expect((await act(gridWorker.cookie, 'sort', { matterKind: 'community' })).statusCode).toBe(403);
  });

  it('is sorted and reviewed by a panel against stated criteria, keeping each score and the mean', async () => {
    expect((await act(staff.cookie, 'sort', { matterKind: 'community' })).json()).toMatchObject({ status: 'sorted', matterKind: 'community' });
    const candidates = (await call(staff.cookie, 'GET', `/api/participation/proposals/${id}/reviewers`)).json() as { userId: string; username: string }[];
    const panel = [expert.actor.id!, candidates.find((c) => c.username === staff.username)!.userId];
    expect((await act(staff.cookie, 'review', { criteria: '可行性、受益面、成本', panelUserIds: [otherStreet.actor.id] })).json().error.details.fields[0].field).toBe('body.panelUserIds');
    expect((await act(staff.cookie, 'review', { criteria: '可行性、受益面、成本', panelUserIds: panel })).json()).toMatchObject({ status: 'in_review', reviewCriteria: '可行性、受益面、成本' });
    const notMember = await call(streetStaff.cookie, 'POST', `/api/participation/proposals/${id}/scores`, { feasibility: 5, benefit: 5, cost: 5 });
    expect(notMember.json().error.code).toBe('PARTICIPATION_NOT_A_PANEL_MEMBER');
    expect((await call(expert.cookie, 'POST', `/api/participation/proposals/${id}/scores`, { feasibility: 11, benefit: 5, cost: 5 })).json().error.details.fields[0].field).toBe('body.feasibility');
    expect((await call(expert.cookie, 'POST', `/api/participation/proposals/${id}/scores`, { feasibility: 8, benefit: 9, cost: 7 })).statusCode).toBe(200);
    expect((await call(expert.cookie, 'POST', `/api/participation/proposals/${id}/scores`, { feasibility: 1, benefit: 1, cost: 1 })).statusCode).toBe(409);
    const scored = await call(staff.cookie, 'POST', `/api/participation/proposals/${id}/scores`, { feasibility: 6, benefit: 6, cost: 6, comment: '成本可控' });
    expect(scored.json()).toMatchObject({ reviewMean: 7, scores: [{ feasibility: 8 }, { feasibility: 6, comment: '成本可控' }] });
    version = scored.json().version;
  });

  it('needs a reason unless plainly accepted, and changes nothing without one', async () => {
    const noReason = await act(staff.cookie, 'answer', { answer: 'partly_accepted' });
    expect(noReason.json().error.code).toBe('PARTICIPATION_REASON_REQUIRED');
    expect((await call(staff.cookie, 'GET', `/api/participation/proposals/${id}`)).json()).toMatchObject({ status: 'in_review', answer: null });
    const answered = await act(staff.cookie, 'answer', { answer: 'partly_accepted', reason: '先装1至3层，其余楼层明年实施' });
    expect(answered.json()).toMatchObject({ status: 'partly_accepted', answer: 'partly_accepted' });
    expect((await call(heads[0]!.cookie, 'GET', '/api/participation/my/points')).json().balance).toBe(30);
  });

  it('is implemented with milestones and a responsible unit, then evaluated against the 95 % bar', async () => {
    const started = await act(staff.cookie, 'start', { responsibleUnit: '翠微路社区居委会', milestones: [{ title: '采购扶手', dueOn: '2026-12-10' }, { title: '安装完成', dueOn: '2026-12-20' }] });
    expect(started.json()).toMatchObject({ status: 'implementing', progress: 0, responsibleUnit: '翠微路社区居委会' });
    expect((await act(staff.cookie, 'complete')).statusCode).toBe(409);
    expect((await act(staff.cookie, 'milestones/1/done')).json().progress).toBe(50);
    expect((await call(heads[1]!.cookie, 'POST', `/api/participation/proposals/${id}/evaluate`, { satisfied: true })).statusCode).toBe(409);
    expect((await act(staff.cookie, 'milestones/2/done')).json().progress).toBe(100);
    expect((await act(staff.cookie, 'complete')).json().status).toBe('completed');
    for (const [i, satisfied] of [[0, true], [1, true], [2, false]] as const) expect((await call(heads[i]!.cookie, 'POST', `/api/participation/proposals/${id}/evaluate`, { satisfied })).statusCode).toBe(200);
    const again = await call(heads[0]!.cookie, 'POST', `/api/participation/proposals/${id}/evaluate`, { satisfied: false });
    expect(again.json().error.code).toBe('PARTICIPATION_ALREADY_EVALUATED');
    const view = (await call(staff.cookie, 'GET', `/api/participation/proposals/${id}`)).json();
    expect(view.evaluation).toMatchObject({ count: 3, satisfied: 2, meetsBar: false });
  });

  it('counts in the participation index of its community', async () => {
    const index = (await call(streetStaff.cookie, 'GET', '/api/participation/index')).json();
    const row = index.rows.find((r: { communityCode: string }) => r.communityCode === '110108001001');
    expect(row).toMatchObject({ proposals: 1, supports: 2, participants: 4 });
    expect(row.adults).toBeGreaterThanOrEqual(4);
    expect(index.rows.map((r: { communityCode: string }) => r.communityCode)).not.toContain('110108002001');
  });
});

describe('needs', () => {
  it('are raised by residents and taken down by workers in their own grid only', async () => {
    const mine = await call(heads[0]!.cookie, 'POST', '/api/participation/my/needs', { needClass: 'parking', title: '夜间停车难', description: '晚上八点后无处停车' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({ channel: 'portal', communityCode: '110108001001' });
    expect(mine.json().residentName).toMatch(/\*/);
    const worker = await call(gridWorker.cookie, 'POST', '/api/participation/needs', { needClass: 'parking', title: '停车位不足', orgCode: 'GA1', channel: 'mobile', residentId: heads[1]!.residentId });
    expect(worker.statusCode, worker.body).toBe(201);
    expect((await call(gridWorker.cookie, 'POST', '/api/participation/needs', { needClass: 'parking', title: '停车', orgCode: 'GA2' })).statusCode).toBe(403);
    const badVisit = await call(gridWorker.cookie, 'POST', '/api/participation/needs', { needClass: 'parking', title: '停车', orgCode: 'GA1', visitId: '00000000-0000-4000-8000-000000000000' });
    expect(badVisit.json().error.details.fields[0].field).toBe('body.visitId');
    const badClass = await call(gridWorker.cookie, 'POST', '/api/participation/needs', { needClass: 'weather', title: '停车', orgCode: 'GA1' });
    expect(badClass.json().error.details.fields[0].field).toBe('body.needClass');
    expect((await call(otherGridWorker.cookie, 'GET', '/api/participation/needs')).json().total).toBe(0);
  });

  it('are sorted, merged into a survivor, counted once, exported and turned into a proposal', async () => {
    const list = (await call(staff.cookie, 'GET', '/api/participation/needs?needClass=parking')).json();
    expect(list.total).toBe(2);
    const [a, b] = list.items as { id: string; version: number }[];
    const merged = await call(staff.cookie, 'POST', `/api/participation/needs/${a!.id}/merge`, { survivorId: b!.id, version: a!.version });
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: b!.id });
    expect((await call(staff.cookie, 'POST', `/api/participation/needs/${a!.id}/merge`, { survivorId: b!.id, version: merged.json().version })).json().error.code).toBe('PARTICIPATION_ALREADY_MERGED');
    const counts = (await call(staff.cookie, 'GET', '/api/participation/needs/counts')).json();
    expect(counts.rows).toContainEqual({ communityCode: '110108001001', communityName: '翠微路社区', needClass: 'parking', count: 1 });
    const sorted = await call(staff.cookie, 'POST', `/api/participation/needs/${b!.id}/sort`, { matterKind: 'community', version: b!.version });
    expect(sorted.json()).toMatchObject({ status: 'sorted', matterKind: 'community' });
    const xlsx = await call(staff.cookie, 'GET', '/api/participation/needs/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const proposal = await call(staff.cookie, 'POST', '/api/participation/proposals', { title: '增设夜间停车位', body: '利用周边道路夜间停车', needId: b!.id });
    expect(proposal.statusCode, proposal.body).toBe(201);
    expect(proposal.json()).toMatchObject({ needId: b!.id, proposerKind: 'resident', proposerName: '居民' });
    expect((await call(staff.cookie, 'GET', `/api/participation/needs?status=proposed`)).json().items[0]).toMatchObject({ id: b!.id, proposalId: proposal.json().id });
  });
});

describe('a micro-wish', () => {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
  const boundary = '----gz';
  const photoBody = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), jpeg, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  let wish: { id: string; version: number };

  it('is published from a need without personal data', async () => {
    const need = await call(heads[3]!.cookie, 'POST', '/api/participation/my/needs', { needClass: 'elderly_care', title: '想要一台收音机' });
    const res = await call(staff.cookie, 'POST', '/api/participation/wishes', { needId: need.json().id, wish: '独居老人想要一台收音机' });
    expect(res.statusCode, res.body).toBe(201);
    wish = res.json();
    expect(res.json()).toMatchObject({ status: 'open', shownName: `${heads[3]!.name[0]}**` });
    expect(res.body).not.toContain(heads[3]!.name);
  });

  it('is claimed by a unit, refused fulfilment without a photo, fulfilled with one and thanked by its resident only', async () => {
    const bad = await call(staff.cookie, 'POST', `/api/participation/wishes/${wish.id}/claim`, { claimantKind: 'volunteer', version: wish.version });
    expect(bad.json().error.details.fields[0].field).toBe('body.claimantId');
    const early = await app.inject({ method: 'POST', url: `/api/participation/wishes/${wish.id}/fulfil?version=${wish.version}`, payload: photoBody, headers: { cookie: staff.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(early.json().error.code).toBe('PARTICIPATION_TRANSITION_REFUSED');
    const claimed = await call(staff.cookie, 'POST', `/api/participation/wishes/${wish.id}/claim`, { claimantKind: 'unit', unitName: '万寿路邮政支局', version: wish.version });
    expect(claimed.json()).toMatchObject({ status: 'claimed', claimantName: '万寿路邮政支局' });
    const noPhoto = await call(staff.cookie, 'POST', `/api/participation/wishes/${wish.id}/fulfil?version=${claimed.json().version}`);
    expect(noPhoto.json().error.details.fields[0].field).toBe('file');
    const fulfilled = await app.inject({ method: 'POST', url: `/api/participation/wishes/${wish.id}/fulfil?version=${claimed.json().version}&note=${encodeURIComponent('已送到')}`, payload: photoBody, headers: { cookie: staff.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(fulfilled.json()).toMatchObject({ status: 'fulfilled', hasPhoto: true, fulfilmentNote: '已送到' });
    expect((await call(heads[3]!.cookie, 'GET', `/api/participation/wishes/${wish.id}/photo`)).statusCode).toBe(200);
    expect((await call(outsider.cookie, 'GET', `/api/participation/wishes/${wish.id}/photo`)).statusCode).toBe(403);
    expect((await call(heads[0]!.cookie, 'POST', `/api/participation/my/wishes/${wish.id}/thank`, { thanks: '谢谢', version: fulfilled.json().version })).statusCode).toBe(403);
    const thanked = await call(heads[3]!.cookie, 'POST', `/api/participation/my/wishes/${wish.id}/thank`, { thanks: '谢谢邮局的同志！', version: fulfilled.json().version });
    expect(thanked.json()).toMatchObject({ status: 'thanked', isMine: true });
    expect((await call(otherCommunity.cookie, 'GET', '/api/participation/wishes')).json().total).toBe(0);
  });
});

describe('the public board', () => {
  it('lists what the community published, without sign-in and without personal data', async () => {
    const res = await call(undefined, 'GET', '/api/public/communities/110108001001/board?pageSize=50');
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json();
    expect(board.community).toEqual({ code: '110108001001', name: '翠微路社区' });
    expect(board.items.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['proposal', 'micro_wish']));
    expect(board.items.find((i: { title: string }) => i.title === '楼道加装扶手')).toMatchObject({ status: 'completed', facts: { supports: 2, progress: 100 } });
    for (const h of heads) {
      expect(res.body).not.toContain(h.name);
      expect(res.body).not.toContain(h.idNumber);
    }
    expect(res.body).not.toMatch(/1[3-9]\d{9}/);
    const paged = (await call(undefined, 'GET', '/api/public/communities/110108001001/board?pageSize=1&page=2')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.items[0].id).toBe(board.items[1].id);
  });

  it('answers 404 for an unknown community and 400 for a malformed code', async () => {
    expect((await call(undefined, 'GET', '/api/public/communities/999999999999/board')).json().error.code).toBe('PARTICIPATION_COMMUNITY_UNKNOWN');
    expect((await call(undefined, 'GET', '/api/public/communities/a%20b/board')).statusCode).toBe(400);
  });
});
