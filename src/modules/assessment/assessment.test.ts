// The assessment over HTTP on a real database: recurring problems and a topic opened from
// them, a survey sampled from the registry and answered once per household on /portal and by
// a worker, a scheme computed from case data, survey scores and the evaluator's scores, its
// trace, publication and export, the unit report, and who sees what.
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../test/helpers.ts';
import { actorAt, makeBuilding, makeCase, makeHouse, makeResident } from '../../../test/factories.ts';
import { createConfiguredCipher } from '../../app.ts';
import { actOnCase, type CaseDeps } from '../cases/index.ts';
import { answerManyByCode } from './use-cases/surveys.ts';

type Session = Awaited<ReturnType<typeof actorSession>>;
let ctx: TestContext;
let deps: CaseDeps;
let s: Record<'district' | 'streetA' | 'streetB' | 'communityA1' | 'workerA1' | 'workerB1' | 'leader' | 'evaluator' | 'resident', Session>;

const inject = (who: Session | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: who ? { cookie: who.cookie } : {} });
const expectStatus = async (res: Promise<LightMyRequestResponse>, status: number) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};

const year = new Date().getUTCFullYear();
const inMonth = (m: number, day = 10) => new Date(`${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}T02:00:00Z`);
const points = { A1: { lng: 116.285, lat: 39.905 }, A2: { lng: 116.295, lat: 39.905 }, B1: { lng: 116.305, lat: 39.905 } };

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  deps = { db: ctx.database.db, pii: createConfiguredCipher(ctx.config), dataDir: ctx.config.dataDir };
  const [district, streetA, streetB, communityA1, workerA1, workerB1, leader, evaluator, resident] = await Promise.all([
    actorSession(ctx, 'district_staff', '110108'),
    actorSession(ctx, 'street_staff', '110108001'),
    actorSession(ctx, 'street_staff', '110108002'),
    actorSession(ctx, 'community_staff', '110108001001'),
    actorSession(ctx, 'grid_worker', 'GA1'),
    actorSession(ctx, 'grid_worker', 'GB1'),
    actorSession(ctx, 'leader', '110108'),
    actorSession(ctx, 'evaluator', '110108'),
    actorSession(ctx, 'resident', '110108001001'),
  ]);
  s = { district, streetA, streetB, communityA1, workerA1, workerB1, leader, evaluator, resident };
  // Households: 4 in GA1, 2 in GA2, 3 in GB1 (one resident each).
  const db = ctx.database.db;
  const P = '110000.110100.110108';
  for (const [grid, n, community] of [['GA1', 4, '110108001.110108001001'], ['GA2', 2, '110108001.110108001002'], ['GB1', 3, '110108002.110108002001']] as const) {
    const staff = actorAt('community_staff', `${P}.${community}`);
    const building = await makeBuilding(db, staff, { gridCode: grid, name: `${grid}小区1号楼` });
    for (let i = 0; i < n; i++) {
      const house = await makeHouse(db, staff, { buildingId: building.id, number: `${i + 1}01` });
      await makeResident(db, deps.pii, staff, { houseId: house.id, name: `${'张王李赵刘陈杨黄吴'[i] ?? '周'}${grid === 'GA1' ? '建国' : grid === 'GA2' ? '秀英' : '桂兰'}` });
    }
  }
  // Rubbish (0501) comes back in A1 every month from January to May; one case in B1.
  for (let m = 1; m <= 5; m++) for (let k = 0; k < 2; k++) await makeCase(deps, resident.actor, { ...points.A1, categoryCode: '0501' }, inMonth(m, 5 + k));
  await makeCase(deps, resident.actor, { ...points.B1, categoryCode: '0502' }, inMonth(3));
  // In the scheme's period, A1 accepts two cases on time, A2 one on time and one a day late, B1 none.
  for (const [where, lateness] of [['A1', 1], ['A1', 1], ['A2', 1], ['A2', 30]] as const) {
    const row = await makeCase(deps, resident.actor, { ...points[where], categoryCode: '0502' }, inMonth(2, 3));
    await actOnCase(deps, where === 'A1' ? communityA1.actor : streetA.actor, row.id, { action: 'accept' }, new Date(inMonth(2, 3).getTime() + lateness * 3_600_000));
  }
}, 120_000);

describe('topics of the month', () => {
  let topicId: string;
  it('lists the recurring problems of the year by the months they came back in, within the reader\'s area', async () => {
    const list = await expectStatus(inject(s.district, 'GET', `/api/assessment/recurring?year=${year}`), 200);
    expect(list.items[0]).toMatchObject({ categoryCode: '0501', communityCode: '110108001001', count: 10, months: 5, topicId: null, streetName: '万寿路街道' });
    const streetB = await expectStatus(inject(s.streetB, 'GET', `/api/assessment/recurring?year=${year}`), 200);
    expect(streetB.items.map((i: { communityCode: string }) => i.communityCode)).toEqual(['110108002001']);
    await expectStatus(inject(s.streetB, 'GET', `/api/assessment/recurring?year=${year}&under=110108001`), 403);
    const file = await inject(s.district, 'GET', `/api/assessment/recurring.xlsx?year=${year}`);
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.getRow(2).getCell(3).value).toBeTruthy();
  });

  it('opens a topic from the list with a lead unit, co-units and tasks; one open topic per pair', async () => {
    const body = {
      title: '翠微路社区垃圾堆放治理', categoryCode: '0501', communityCode: '110108001001', leadUnitCode: '110108001', coUnitCodes: ['110108D01'],
      target: '月均事件数下降一半', targetMonthly: 1, tasks: [{ title: '增设垃圾桶', deadline: `${year}-12-31`, ownerUnitCode: '110108D01' }, { title: '楼门长巡查', deadline: `${year - 1}-12-31` }],
    };
    const topic = await expectStatus(inject(s.district, 'POST', '/api/assessment/topics', body), 201);
    topicId = topic.id;
    expect(topic).toMatchObject({ status: 'open', leadUnit: { name: '万寿路街道' }, coUnits: [{ name: '海淀区城市管理委员会' }], tasksTotal: 2, tasksDone: 0 });
    expect(topic.tasks[1]).toMatchObject({ isOverdue: true, ownerUnit: null });
    // From six months before the opening (this Beijing month) to now, each month with the cases planted in it:
    // two of rubbish in A1 in each of January to May (which of them the window holds depends on today's date).
    const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const months = topic.monthly.map((m: { month: string }) => m.month);
    expect(months).toHaveLength(7);
    expect(months.at(-1)).toBe(thisMonth);
    const planted = (month: string) => (month >= `${year}-01` && month <= `${year}-05` ? 2 : 0);
    expect(topic.monthly.map((m: { month: string; count: number }) => m.count)).toEqual(months.map(planted));
    const again = await expectStatus(inject(s.district, 'POST', '/api/assessment/topics', body), 409);
    expect(again.error.code).toBe('ASSESSMENT_TOPIC_EXISTS');
    const list = await expectStatus(inject(s.district, 'GET', `/api/assessment/recurring?year=${year}`), 200);
    expect(list.items[0].topicId).toBe(topicId);
  });

  it('names the bad field and changes nothing; a street outside the community may not open it', async () => {
    const bad = await expectStatus(inject(s.district, 'POST', '/api/assessment/topics', { title: '无效社区', categoryCode: '0501', communityCode: '110108001', leadUnitCode: '110108001', target: 'x', tasks: [{ title: 't', deadline: `${year}-12-31` }] }), 400);
    expect(bad.error.details.fields[0].field).toBe('body.communityCode');
    const noTasks = await expectStatus(inject(s.district, 'POST', '/api/assessment/topics', { title: '无任务', categoryCode: '0502', communityCode: '110108002001', leadUnitCode: '110108002', target: 'x', tasks: [] }), 400);
    expect(noTasks.error.details.fields[0].field).toContain('tasks');
    await expectStatus(inject(s.streetB, 'POST', '/api/assessment/topics', { title: '越界', categoryCode: '0502', communityCode: '110108001002', leadUnitCode: '110108001', target: 'x', tasks: [{ title: 't', deadline: `${year}-12-31` }] }), 403);
    const page = await expectStatus(inject(s.district, 'GET', '/api/assessment/topics'), 200);
    expect(page.total).toBe(1);
  });

  it('tracks tasks and closes with a note; others see it only in their area', async () => {
    const topic = await expectStatus(inject(s.district, 'GET', `/api/assessment/topics/${topicId}`), 200);
    const done = await expectStatus(inject(s.streetA, 'POST', `/api/assessment/topics/${topicId}/tasks/${topic.tasks[0].id}`, { status: 'done', note: '已增设 6 个' }), 200);
    expect(done.tasksDone).toBe(1);
    await expectStatus(inject(s.streetB, 'GET', `/api/assessment/topics/${topicId}`), 403);
    await expectStatus(inject(s.communityA1, 'GET', `/api/assessment/topics/${topicId}`), 200);
    await expectStatus(inject(s.communityA1, 'POST', `/api/assessment/topics/${topicId}/close`, { note: 'x' }), 403);
    expect((await expectStatus(inject(s.streetB, 'GET', '/api/assessment/topics'), 200)).total).toBe(0);
  });
});

describe('surveys', () => {
  let surveyId: string;
  let codes: { code: string; community: { code: string } }[];
  const questions = [
    { key: 'lived', text: '您在本社区居住满一年吗', kind: 'single', required: true, options: ['是', '否'] },
    { key: 'score', text: '您对社区工作的满意程度', kind: 'scale', required: true, scaleMax: 5, showIf: { questionKey: 'lived', equals: '是' } },
    { key: 'words', text: '您的建议', kind: 'text' },
  ];

  it('draws N households per community from the registry, each invited once', async () => {
    const survey = await expectStatus(inject(s.district, 'POST', '/api/assessment/surveys', { title: '社区服务满意度调查', underCode: '110108', questions }), 201);
    surveyId = survey.id;
    const sample = await expectStatus(inject(s.district, 'POST', `/api/assessment/surveys/${surveyId}/sample`, { perCommunity: 3, seed: 4 }), 200);
    expect(sample.communities).toEqual([
      { code: '110108001001', name: '翠微路社区', households: 4, drawn: 3 },
      { code: '110108001002', name: '万寿路西街社区', households: 2, drawn: 2 },
      { code: '110108002001', name: '永定路东街社区', households: 3, drawn: 3 },
    ]);
    expect(sample.invited).toBe(8);
    const again = await expectStatus(inject(s.district, 'POST', `/api/assessment/surveys/${surveyId}/sample`, { perCommunity: 3, seed: 4 }), 200);
    expect(again.invited).toBe(8);
    const page = await expectStatus(inject(s.district, 'GET', `/api/assessment/surveys/${surveyId}/invitations?pageSize=50`), 200);
    codes = page.items;
    expect(codes).toHaveLength(8);
    await expectStatus(inject(s.resident, 'POST', `/api/assessment/surveys/${surveyId}/sample`, { perCommunity: 1 }), 403);
  });

  it('takes one answer per household on /portal, checks it, and follows the skip logic', async () => {
    const a1 = codes.filter((c) => c.community.code === '110108001001');
    const form = await expectStatus(inject(undefined, 'GET', `/api/public/surveys/${a1[0]?.code}`), 200);
    expect(form).toMatchObject({ title: '社区服务满意度调查', communityName: '翠微路社区', answered: false, open: true });
    const bad = await expectStatus(inject(undefined, 'POST', `/api/public/surveys/${a1[0]?.code}`, { answers: { lived: '是', score: 9 } }), 400);
    expect(bad.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.answers.score']);
    await expectStatus(inject(undefined, 'POST', `/api/public/surveys/${a1[0]?.code}`, { answers: { lived: '是', score: 5, words: '很好' } }), 201);
    const twice = await expectStatus(inject(undefined, 'POST', `/api/public/surveys/${a1[0]?.code}`, { answers: { lived: '否' } }), 409);
    expect(twice.error.code).toBe('ASSESSMENT_ALREADY_ANSWERED');
    await expectStatus(inject(undefined, 'POST', `/api/public/surveys/${a1[1]?.code}`, { answers: { lived: '否' } }), 201);
    await expectStatus(inject(undefined, 'GET', '/api/public/surveys/NOPE1234'), 404);
  });

  it('lets a worker record an answer for a household of their grid only', async () => {
    const a1 = codes.filter((c) => c.community.code === '110108001001');
    const b1 = codes.filter((c) => c.community.code === '110108002001');
    await expectStatus(inject(s.workerA1, 'POST', `/api/assessment/surveys/${surveyId}/answers`, { invitationCode: b1[0]?.code, answers: { lived: '是', score: 2 } }), 403);
    await expectStatus(inject(s.workerB1, 'POST', `/api/assessment/surveys/${surveyId}/answers`, { invitationCode: b1[0]?.code, answers: { lived: '是', score: 2 } }), 201);
    await expectStatus(inject(s.workerA1, 'POST', `/api/assessment/surveys/${surveyId}/answers`, { invitationCode: a1[2]?.code, answers: { lived: '是', score: 4 } }), 201);
  });

  it('shows the response rate and the answers by question', async () => {
    const results = await expectStatus(inject(s.district, 'GET', `/api/assessment/surveys/${surveyId}/results`), 200);
    expect(results.responseRate).toBe(0.5);
    const score = results.questions.find((q: { key: string }) => q.key === 'score');
    expect(score).toMatchObject({ answered: 3, mean: 3.67 });
    expect(score.counts).toEqual([{ option: '1', count: 0 }, { option: '2', count: 1 }, { option: '3', count: 0 }, { option: '4', count: 1 }, { option: '5', count: 1 }]);
    expect(results.questions.find((q: { key: string }) => q.key === 'words').texts).toEqual(['很好']);
    expect(results.byCommunity.find((c: { code: string }) => c.code === '110108001001')).toMatchObject({ invited: 3, answered: 3 });
    await expectStatus(inject(s.streetB, 'GET', `/api/assessment/surveys/${surveyId}/results`), 403);
  });

  it('refuses a questionnaire whose skip logic points forward, naming it', async () => {
    const bad = await expectStatus(inject(s.district, 'POST', '/api/assessment/surveys', { title: '坏问卷', underCode: '110108', questions: [{ key: 'a', text: 'A', kind: 'text', showIf: { questionKey: 'b', equals: 'x' } }] }), 400);
    expect(bad.error.details.fields[0].field).toBe('body.questions.0.showIf');
  });

  describe('assessment schemes', () => {
    let schemeId: string;
    let indicators: { id: string; source: string }[];
    it('refuses weights that do not add up to 100, naming the field', async () => {
      const bad = await expectStatus(inject(s.district, 'POST', '/api/assessment/schemes', { name: '坏方案', period: 'half_year', periodStart: `${year}-01-01`, kind: 'community', underCode: '110108', indicators: [{ name: '响应率', source: 'data', dataKey: 'case.responseRate', weight: 50 }] }), 400);
      expect(bad.error.details.fields[0].field).toBe('body.indicators');
    });

    it('computes data, survey and evaluator indicators into ranked totals, each traceable to its source rows', async () => {
      const scheme = await expectStatus(
        inject(s.district, 'POST', '/api/assessment/schemes', {
          name: `${year}年上半年社区考核`, period: 'half_year', periodStart: `${year}-01-01`, kind: 'community', underCode: '110108',
          indicators: [
            { name: '响应率', source: 'data', dataKey: 'case.responseRate', weight: 40 },
            { name: '居民满意度', source: 'survey', surveyId, questionKey: 'score', weight: 30 },
            { name: '第三方评估', source: 'evaluator', weight: 30 },
          ],
        }),
        201,
      );
      schemeId = scheme.id;
      indicators = scheme.indicators;
      expect(scheme).toMatchObject({ periodEnd: `${year}-06-30`, status: 'draft' });
      expect(scheme.units.map((u: { code: string }) => u.code)).toEqual(['110108001001', '110108001002', '110108002001']);
      const evaluatorId = indicators[2]?.id;
      await expectStatus(inject(s.district, 'POST', `/api/assessment/schemes/${schemeId}/evaluator-scores`, { indicatorId: evaluatorId, scores: [{ orgUnitCode: '110108001001', score: 90, evidence: '台账齐全' }] }), 403);
      const outside = await expectStatus(inject(s.evaluator, 'POST', `/api/assessment/schemes/${schemeId}/evaluator-scores`, { indicatorId: evaluatorId, scores: [{ orgUnitCode: '110108001', score: 90, evidence: 'x' }] }), 400);
      expect(outside.error.details.fields[0].field).toBe('body.scores.0.orgUnitCode');
      const scored = await expectStatus(
        inject(s.evaluator, 'POST', `/api/assessment/schemes/${schemeId}/evaluator-scores`, {
          indicatorId: evaluatorId,
          scores: [{ orgUnitCode: '110108001001', score: 80, evidence: '现场检查：台账齐全' }, { orgUnitCode: '110108001002', score: 60, evidence: '缺少会议记录' }, { orgUnitCode: '110108002001', score: 100, evidence: '材料完整' }],
        }),
        200,
      );
      expect(scored.indicators[2].scoredUnits).toBe(3);
      const result = await expectStatus(inject(s.district, 'POST', `/api/assessment/schemes/${schemeId}/compute`), 200);
      // Response rate: A1 1, A2 0.5, B1 none → 100, 0, 0. Survey: A1 mean 4.5/5 = 90, A2 none, B1 2/5 = 40 → 100, 0, 0 … (min-max across units).
      const byCode = Object.fromEntries(result.rows.map((r: { orgUnit: { code: string }; total: number; rank: number; items: { raw: number | null; normalised: number }[] }) => [r.orgUnit.code, r]));
      expect(byCode['110108001001'].items.map((i: { raw: number | null }) => i.raw)).toEqual([1, 90, 80]);
      expect(byCode['110108001002'].items.map((i: { raw: number | null }) => i.raw)).toEqual([0.5, null, 60]);
      expect(byCode['110108002001'].items.map((i: { raw: number | null }) => i.raw)).toEqual([null, 40, 100]);
      // A1: 40 + 30 + 30×0.5 = 85; B1: 0 + 30×0 + 30 = 30 (survey 40 is the minimum of the two measured); A2: 40×0 + 0 + 0 = 0.
      expect(byCode['110108001001']).toMatchObject({ total: 85, rank: 1 });
      expect(byCode['110108002001']).toMatchObject({ total: 30, rank: 2 });
      expect(byCode['110108001002']).toMatchObject({ total: 0, rank: 3 });
      const trace = await expectStatus(inject(s.district, 'GET', `/api/assessment/schemes/${schemeId}/trace?indicatorId=${indicators[2]?.id}&orgUnitCode=110108001002`), 200);
      expect(trace.rows.find((r: { label: string }) => r.label.startsWith('依据')).value).toBe('缺少会议记录');
      const survey = await expectStatus(inject(s.district, 'GET', `/api/assessment/schemes/${schemeId}/trace?indicatorId=${indicators[1]?.id}&orgUnitCode=110108001001`), 200);
      expect(survey.rows.find((r: { label: string }) => r.label.startsWith('答卷数')).value).toBe('2');
    });

    it('shows a draft only to the assessor, a published result to the units assessed, and exports it', async () => {
      await expectStatus(inject(s.communityA1, 'GET', `/api/assessment/schemes/${schemeId}/result`), 403);
      await expectStatus(inject(s.streetA, 'POST', `/api/assessment/schemes/${schemeId}/publish`), 403);
      const published = await expectStatus(inject(s.district, 'POST', `/api/assessment/schemes/${schemeId}/publish`), 200);
      expect(published.status).toBe('published');
      await expectStatus(inject(s.district, 'POST', `/api/assessment/schemes/${schemeId}/compute`), 409);
      const seen = await expectStatus(inject(s.communityA1, 'GET', `/api/assessment/schemes/${schemeId}/result`), 200);
      expect(seen.rows).toHaveLength(3);
      expect((await expectStatus(inject(s.communityA1, 'GET', '/api/assessment/schemes'), 200)).total).toBe(1);
      const file = await inject(s.leader, 'GET', `/api/assessment/schemes/${schemeId}/result.xlsx`);
      expect(file.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]?.getRow(2).getCell(2).value).toBe('翠微路社区');
    });

    it("reports a unit's period: indicators, rankings, topics and surveys", async () => {
      const q = `unit=110108001001&from=${year}-01-01T00:00:00%2B08:00&to=${year}-07-01T00:00:00%2B08:00`;
      const report = await expectStatus(inject(s.communityA1, 'GET', `/api/assessment/reports?${q}`), 200);
      expect(report.rankings[0]).toMatchObject({ rank: 1, of: 3, total: 85 });
      expect(report.topics).toHaveLength(1);
      expect(report.surveys[0]).toMatchObject({ invited: 8, answered: 4 });
      expect(report.indicators.find((i: { key: string }) => i.key === 'responseRate').value).toBe(1);
      await expectStatus(inject(s.streetB, 'GET', `/api/assessment/reports?${q}`), 403);
      const file = await inject(s.communityA1, 'GET', `/api/assessment/reports.xlsx?${q}`);
      expect(file.statusCode).toBe(200);
    });
  });
});

describe('answers in bulk (the demo loads them set-based)', () => {
  it('stores each household once, checks every answer first, and names the bad one', async () => {
    const questions = [{ key: 'lived', text: '您在本社区居住满一年吗', kind: 'single', required: true, options: ['是', '否'] }];
    const survey = await expectStatus(inject(s.district, 'POST', '/api/assessment/surveys', { title: '批量答卷', underCode: '110108', questions }), 201);
    await expectStatus(inject(s.district, 'POST', `/api/assessment/surveys/${survey.id}/sample`, { perCommunity: 2, seed: 9 }), 200);
    const codes = ((await expectStatus(inject(s.district, 'GET', `/api/assessment/surveys/${survey.id}/invitations?pageSize=50`), 200)).items as { code: string }[]).map((c) => c.code);
    const db = ctx.database.db;
    const bad = await answerManyByCode(db, survey.id, [{ code: codes[0] as string, answers: { lived: '是' } }, { code: codes[1] as string, answers: { lived: '也许' } }]).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'body.1.answers.lived' }] } });
    expect(await answerManyByCode(db, survey.id, codes.map((code) => ({ code, answers: { lived: '是' } })))).toBe(codes.length);
    expect(await answerManyByCode(db, survey.id, codes.map((code) => ({ code, answers: { lived: '否' } })))).toBe(0);
    const results = await expectStatus(inject(s.district, 'GET', `/api/assessment/surveys/${survey.id}/results`), 200);
    expect(results).toMatchObject({ responseRate: 1, questions: [{ key: 'lived', answered: codes.length, counts: [{ option: '是', count: codes.length }, { option: '否', count: 0 }] }] });
  });
});
