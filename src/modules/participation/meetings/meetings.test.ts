// Consultation meetings and participatory budgets over HTTP on a real database: participants
// from the registry, a proxy refused without a consent and accepted with one (the consent shown
// on the sign-in and the speech), minutes, resolutions to done, the sign-in sheet, the board;
// a household's budget choice within the amount, winners by votes within the amount; scope.
import { describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { fourHouseholds } from '../votes/households.fixture.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app } = ctx;
const { building, heads, staff } = await fourHouseholds(ctx, '翠微路28号院5号楼', 2);
const gridWorker = await actorSession(ctx, 'grid_worker', 'GA1');
const otherStreet = await actorSession(ctx, 'street_staff', '110108002');

const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

describe('a consultation meeting with a proxy for an elderly resident', () => {
  let meeting: { id: string; version: number };
  const participant = async (residentId: string) => {
    const page = (await call(staff.cookie, 'GET', `/api/participation/meetings/${meeting.id}/participants?pageSize=50`)).json();
    return page.items.find((p: { residentId: string }) => p.residentId === residentId);
  };

  it('plans the meeting and invites each household of the building from the registry, plus an expert', async () => {
    const created = await call(staff.cookie, 'POST', '/api/participation/meetings', {
      communityCode: '110108001001', title: '5号楼加装电梯协商会', topicSource: 'staff', class: 'management', level: 'building', form: 'deliberation',
      agenda: ['介绍加装方案', '听取各户意见', '形成决议'], place: '社区党群服务中心二楼', startsAt: '2026-12-05T02:00:00Z',
    });
    expect(created.statusCode, created.body).toBe(201);
    meeting = created.json();
    await call(staff.cookie, 'POST', `/api/participation/meetings/${meeting.id}/participants`, { from: 'registry', scopeKind: 'building', scopeRef: building.id, basis: 'households' });
    const withExpert = await call(staff.cookie, 'POST', `/api/participation/meetings/${meeting.id}/participants`, { from: 'named', kind: 'expert', name: '周工程师', label: '电梯安装公司' });
    expect(withExpert.json().participantCount).toBe(5);
    const notified = await call(staff.cookie, 'POST', `/api/participation/meetings/${meeting.id}/actions`, { action: 'notify', version: withExpert.json().version });
    expect(notified.json().status).toBe('notified');
    meeting = notified.json();
    const inbox = (await call(heads[2]!.cookie, 'GET', '/api/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('会议通知：5号楼加装电梯协商会');
  });

  it('refuses to publish a meeting not yet held, naming the state', async () => {
    const early = await call(staff.cookie, 'POST', `/api/participation/meetings/${meeting.id}/actions`, { action: 'publish', version: meeting.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PARTICIPATION_STATUS_REFUSED');
  });

  it('refuses a proxy without consent, and accepts them once the consent is recorded', async () => {
    const elder = await participant(heads[0]!.residentId);
    const refused = await call(gridWorker.cookie, 'POST', `/api/participation/meetings/${meeting.id}/sign-in`, { participantId: elder.id, proxyName: '赵小明' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('PARTICIPATION_PROXY_WITHOUT_CONSENT');
    expect((await participant(heads[0]!.residentId)).signedInAt).toBeNull();
    const consent = await call(staff.cookie, 'POST', '/api/participation/consents', {
      principalResidentId: heads[0]!.residentId, proxyName: '赵小明', proxyKind: 'family', proxyRelation: '儿子', scope: 'meeting', meetingId: meeting.id, givenOn: '2026-12-01', givenHow: 'written',
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const wrongPerson = await call(gridWorker.cookie, 'POST', `/api/participation/meetings/${meeting.id}/sign-in`, { participantId: elder.id, proxyName: '钱某' });
    expect(wrongPerson.json().error.code).toBe('PARTICIPATION_PROXY_WITHOUT_CONSENT');
    const accepted = await call(gridWorker.cookie, 'POST', `/api/participation/meetings/${meeting.id}/sign-in`, { participantId: elder.id, proxyName: '赵小明' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().proxy).toMatchObject({ proxyName: '赵小明', proxyRelation: '儿子', givenHow: 'written', principalName: heads[0]!.name });
    const inPerson = await participant(heads[1]!.residentId);
    expect((await call(staff.cookie, 'POST', `/api/participation/meetings/${meeting.id}/sign-in`, { participantId: inPerson.id })).json().proxy).toBeNull();
  });

  it('keeps the consent on the speech, records resolutions and follows them to done, then publishes', async () => {
    const held = (await call(staff.cookie, 'POST', `/api/participation/meetings/${meeting.id}/actions`, { action: 'hold', version: meeting.version })).json();
    const elder = await participant(heads[0]!.residentId);
    const absent = await participant(heads[2]!.residentId);
    const notPresent = await call(staff.cookie, 'PUT', `/api/participation/meetings/${meeting.id}/minutes`, { minutes: '会议纪要', speakers: [{ participantId: absent.id, summary: '发言' }], version: held.version });
    expect(notPresent.json().error.details.fields[0].field).toBe('body.speakers.0.participantId');
    const minutes = await call(staff.cookie, 'PUT', `/api/participation/meetings/${meeting.id}/minutes`, { minutes: '与会各户同意按方案加装电梯，费用按楼层分摊。', speakers: [{ participantId: elder.id, summary: '同意加装，希望一楼补偿' }], version: held.version });
    expect(minutes.statusCode, minutes.body).toBe(200);
    expect(minutes.json().speakers[0]).toMatchObject({ participantId: elder.id, proxyConsentId: expect.any(String) });
    const withResolution = (await call(staff.cookie, 'POST', `/api/participation/meetings/${meeting.id}/resolutions`, { text: '委托电梯公司出具正式方案', responsible: '社区居委会', dueOn: '2026-12-20' })).json();
    const rid = withResolution.resolutions[0].id;
    expect((await call(staff.cookie, 'PATCH', `/api/participation/meetings/${meeting.id}/resolutions/${rid}`, { status: 'done' })).json().error.details.fields[0].field).toBe('body.doneOn');
    const done = (await call(staff.cookie, 'PATCH', `/api/participation/meetings/${meeting.id}/resolutions/${rid}`, { status: 'done', doneOn: '2026-12-18', doneNote: '方案已公示' })).json();
    expect(done.resolutions[0]).toMatchObject({ status: 'done', doneOn: '2026-12-18' });
    const published = await call(staff.cookie, 'POST', `/api/participation/meetings/${meeting.id}/actions`, { action: 'publish', version: done.version });
    expect(published.json().status).toBe('published');
    const sheet = await call(staff.cookie, 'GET', `/api/participation/meetings/${meeting.id}/sign-in-sheet.xlsx`);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    const board = await call(undefined, 'GET', '/api/public/communities/110108001001/board?kind=meeting_result');
    expect(board.json().items[0]).toMatchObject({ kind: 'meeting_result', facts: { participants: 5, present: 2, byProxy: 1, resolutions: 1, resolutionsDone: 1 } });
    for (const h of heads) expect(board.body).not.toContain(h.name);
    expect(board.body).not.toContain('赵小明');
  });

  it('keeps the meeting from another street and from residents', async () => {
    expect((await call(otherStreet.cookie, 'GET', `/api/participation/meetings/${meeting.id}`)).statusCode).toBe(403);
    expect((await call(otherStreet.cookie, 'GET', '/api/participation/meetings')).json().total).toBe(0);
    expect((await call(heads[0]!.cookie, 'GET', `/api/participation/meetings/${meeting.id}`)).statusCode).toBe(403);
    expect((await call(gridWorker.cookie, 'POST', '/api/participation/meetings', { communityCode: '110108001001' })).statusCode).toBe(403);
  });
});

describe('a participatory budget (民生微实事)', () => {
  it('takes each household’s choice within the amount and picks the winners by votes within it', async () => {
    const budget = (await call(staff.cookie, 'POST', '/api/participation/budgets', { communityCode: '110108001001', year: 2026, title: '2026年翠微路社区民生微实事', amountFen: 100_000_00 })).json();
    const add = (title: string, costFen: number) => call(staff.cookie, 'POST', `/api/participation/budgets/${budget.id}/projects`, { title, costFen });
    await add('楼道照明改造', 60_000_00);
    await add('加装楼梯扶手', 50_000_00);
    const last = (await add('健身角', 30_000_00)).json();
    const [lights, rails, gym] = ['楼道照明改造', '加装楼梯扶手', '健身角'].map((t) => last.projects.find((p: { title: string }) => p.title === t).id);
    await call(staff.cookie, 'POST', `/api/participation/budgets/${budget.id}/actions`, { action: 'review' });
    for (const [id, feasibility] of [[lights, 'feasible'], [rails, 'feasible'], [gym, 'not_feasible']]) {
      await call(staff.cookie, 'POST', `/api/participation/budgets/${budget.id}/projects/${id}/review`, { feasibility, reviewNote: '现场踏勘' });
    }
    expect((await call(staff.cookie, 'POST', `/api/participation/budgets/${budget.id}/actions`, { action: 'open_voting' })).json().status).toBe('voting');
    const choose = (i: number, projectIds: string[]) => call(heads[i]!.cookie, 'POST', `/api/participation/my/budgets/${budget.id}/choice`, { projectIds });
    const over = await choose(0, [lights, rails]);
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('PARTICIPATION_OVER_BUDGET');
    expect((await choose(0, [gym])).json().error.details.fields[0].field).toBe('body.projectIds.0');
    expect((await choose(0, [lights])).statusCode).toBe(201);
    expect((await choose(0, [rails])).json().error.code).toBe('PARTICIPATION_ALREADY_CHOSEN');
    await choose(1, [rails]);
    await choose(2, [rails]);
    const decided = (await call(staff.cookie, 'POST', `/api/participation/budgets/${budget.id}/actions`, { action: 'decide' })).json();
    // Rails (2 votes) wins; lights (1 vote, 60,000 yuan) no longer fits the 50,000 left.
    expect(decided.projects.filter((p: { won: boolean }) => p.won).map((p: { title: string }) => p.title)).toEqual(['加装楼梯扶手']);
    const progress = await call(staff.cookie, 'POST', `/api/participation/budgets/${budget.id}/projects/${rails}/progress`, { progress: 40, account: { item: '扶手材料', amountFen: 12_000_00, voucher: 'MS-001', on: '2026-12-10' } });
    expect(progress.json().projects[0]).toMatchObject({ progress: 40, spentFen: 12_000_00 });
    const board = (await call(undefined, 'GET', '/api/public/communities/110108001001/board?kind=budget')).json();
    expect(board.items[0]).toMatchObject({ kind: 'budget', facts: { households: 3, winners: 1, amountYuan: '100000.00', spentYuan: '12000.00' } });
    const mine = (await call(heads[0]!.cookie, 'GET', '/api/participation/my/budgets')).json();
    expect(mine.items[0].chosen).toEqual([lights]);
  });
});
