// Projects over HTTP on a real database: a call, applications, the panel's review with the
// extremes dropped, award, milestones, tranches paid only after acceptance, and who may see what.
import { describe, expect, it } from 'vitest';
import { actorSession, makeActor, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { addStaff, createOrganisation } from '../organisations/organisations.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;

const staff = await actorSession(ctx, 'street_staff', '110108001');
const otherStreet = await actorSession(ctx, 'street_staff', '110108002');
const experts = await Promise.all([1, 2, 3, 4, 5, 6].map(() => actorSession(ctx, 'expert_reviewer', '110108')));
const outsider = await actorSession(ctx, 'expert_reviewer', '110108');
const community = await makeActor(database, 'community_staff', '110108001001');

async function organisationWithStaff(name: string) {
  const org = await createOrganisation(database.db, community.actor, { kind: 'community_filed', orgCode: '110108001001', name, fields: ['elderly'], filedOn: '2026-01-05', staffCount: 3, servedCommunities: ['110108001001'], incubation: 'none' });
  const member = await actorSession(ctx, 'organisation_staff', '110108001001');
  await addStaff(database.db, community.actor, org.id, member.username);
  return { org, member };
}
const first = await organisationWithStaff('翠微为老服务社');
const second = await organisationWithStaff('万寿路邻里互助会');

/** A minimal PDF and a multipart body with one file field, as the web sends a deliverable. */
const testPdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
function upload(cookie: string, url: string, bytes: Buffer, filename: string) {
  const boundary = `----com${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return app.inject({ method: 'POST', url, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]) });
}

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

const callBody = {
  orgCode: '110108001',
  kind: 'venture',
  title: '2026 年万寿路街道公益创投',
  need: '独居老人助餐与探访',
  budgetFen: 30_000_000,
  criteria: [
    { key: 'need', name: '需求契合', maxScore: 40 },
    { key: 'plan', name: '方案可行', maxScore: 60 },
  ],
  closesOn: '2026-12-31',
  panel: experts.map((e) => e.username),
};
const applicationBody = (organisationId: string, requested: number) => ({
  organisationId,
  title: '银龄助餐',
  plan: '每周五天为 60 位独居老人送餐，每月探访一次。',
  budgetLines: [{ item: '餐费补贴', amountFen: requested - 100_000 }, { item: '志愿者保险', amountFen: 100_000 }],
  milestones: [{ title: '启动与需求评估', dueOn: '2027-02-28' }, { title: '中期评估', dueOn: '2027-06-30' }],
  indicators: [{ key: 'meals', name: '送餐', target: 12_000, unit: '份' }, { key: 'visits', name: '探访', target: 720, unit: '人次' }],
});

describe('projects', () => {
  let callId = '';
  let appId = '';
  let otherAppId = '';

  it('opens a call with its panel; only expert reviewers may sit on it', async () => {
    const bad = await call(staff.cookie, 'POST', '/api/community/projects/calls', { ...callBody, panel: [staff.username] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.panel');
    const res = await call(staff.cookie, 'POST', '/api/community/projects/calls', callBody);
    expect(res.statusCode).toBe(201);
    callId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'open', budgetFen: 30_000_000, orgName: '万寿路街道' });
    expect(res.json().panel).toHaveLength(6);
  });

  it('lets organisations of the street see and answer the call, each for itself', async () => {
    const seen = await call(first.member.cookie, 'GET', '/api/community/organisation-projects/calls');
    expect(seen.json().items.map((c: { id: string }) => c.id)).toContain(callId);
    const forOther = await call(first.member.cookie, 'POST', `/api/community/organisation-projects/calls/${callId}/applications`, applicationBody(second.org.id, 10_000_000));
    expect(forOther.json().error.code).toBe('COMMUNITY_NOT_ORGANISATION_STAFF');
    const over = await call(first.member.cookie, 'POST', `/api/community/organisation-projects/calls/${callId}/applications`, applicationBody(first.org.id, 40_000_000));
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.fields[0].field).toBe('body.budgetLines');
    const res = await call(first.member.cookie, 'POST', `/api/community/organisation-projects/calls/${callId}/applications`, applicationBody(first.org.id, 10_000_000));
    expect(res.statusCode).toBe(201);
    appId = res.json().id;
    expect(res.json()).toMatchObject({ requestedFen: 10_000_000, status: 'submitted', organisationName: '翠微为老服务社' });
    expect(res.json().milestones.map((m: { status: string }) => m.status)).toEqual(['planned', 'planned']);
    const two = await call(second.member.cookie, 'POST', `/api/community/organisation-projects/calls/${callId}/applications`, applicationBody(second.org.id, 8_000_000));
    otherAppId = two.json().id;
    // Each organisation sees only its own application.
    const mine = await call(second.member.cookie, 'GET', '/api/community/organisation-projects/applications');
    expect(mine.json().items.map((a: { id: string }) => a.id)).toEqual([otherAppId]);
    expect((await call(second.member.cookie, 'GET', `/api/community/organisation-projects/applications/${appId}`)).json().error.code).toBe('OUT_OF_SCOPE');
  });

  it('scores only in review; a conflicted member gives no scores; five scores drop the extremes', async () => {
    const early = await call(experts[0]!.cookie, 'PUT', `/api/community/reviews/applications/${appId}`, { conflict: false, scores: { need: 30, plan: 50 } });
    expect(early.statusCode).toBe(409);
    expect((await call(staff.cookie, 'POST', `/api/community/projects/calls/${callId}/close`)).json().status).toBe('reviewing');
    const sheets = [{ need: 40, plan: 60 }, { need: 30, plan: 50 }, { need: 35, plan: 40 }, { need: 0, plan: 55 }, { need: 38, plan: 10 }];
    for (const [i, scores] of sheets.entries()) {
      const res = await call(experts[i]!.cookie, 'PUT', `/api/community/reviews/applications/${appId}`, { conflict: false, scores });
      expect(res.statusCode).toBe(200);
    }
    const missing = await call(experts[5]!.cookie, 'PUT', `/api/community/reviews/applications/${appId}`, { conflict: false, scores: { need: 41 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.scores.need', 'body.scores.plan']);
    const mixed = await call(experts[5]!.cookie, 'PUT', `/api/community/reviews/applications/${appId}`, { conflict: true, conflictNote: '曾任该组织理事', scores: { need: 1 } });
    expect(mixed.json().error.details.fields[0].field).toBe('body.scores');
    const conflict = await call(experts[5]!.cookie, 'PUT', `/api/community/reviews/applications/${appId}`, { conflict: true, conflictNote: '曾任该组织理事' });
    expect(conflict.statusCode).toBe(200);
    expect(conflict.json()).toMatchObject({ score: 82.66, reviews: 5, conflicts: 1 });
    expect(conflict.json().scoreLines).toEqual([
      { criterionKey: 'need', average: 34.33, counted: 3, dropped: 2 },
      { criterionKey: 'plan', average: 48.33, counted: 3, dropped: 2 },
    ]);
    await call(experts[0]!.cookie, 'PUT', `/api/community/reviews/applications/${otherAppId}`, { conflict: false, scores: { need: 20, plan: 30 } });
    // A member who has not yet given a sheet does not see the panel's result.
    const unseen = (await call(experts[1]!.cookie, 'GET', `/api/community/reviews/applications/${otherAppId}`)).json();
    expect(unseen).toMatchObject({ score: null, rank: null, scoreLines: [], myReview: null });
    expect((await call(experts[0]!.cookie, 'GET', `/api/community/reviews/applications/${otherAppId}`)).json().score).toBe(50);
    const ranking = await call(staff.cookie, 'GET', `/api/community/projects/applications?callId=${callId}`);
    expect(ranking.json().items.map((a: { id: string; rank: number }) => [a.id, a.rank]).sort()).toEqual([[appId, 1], [otherAppId, 2]].sort());
  });

  it('keeps experts to their panels and staff to their part of the tree', async () => {
    expect((await call(outsider.cookie, 'GET', `/api/community/reviews/applications/${appId}`)).json().error.code).toBe('OUT_OF_SCOPE');
    expect((await call(outsider.cookie, 'GET', '/api/community/reviews/calls')).json().items).toEqual([]);
    expect((await call(experts[0]!.cookie, 'GET', '/api/community/reviews/calls')).json().items).toHaveLength(1);
    expect((await call(otherStreet.cookie, 'GET', `/api/community/projects/calls/${callId}`)).json().error.code).toBe('OUT_OF_SCOPE');
    expect((await call(otherStreet.cookie, 'GET', '/api/community/projects/applications')).json().total).toBe(0);
    expect((await call(first.member.cookie, 'GET', `/api/community/projects/applications/${appId}`)).statusCode).toBe(403);
    expect((await call(experts[0]!.cookie, 'POST', `/api/community/projects/applications/${appId}/award`, {})).statusCode).toBe(403);
  });

  it('awards a contract whose tranches sum to its amount, and changes nothing on a bad award', async () => {
    const bad = await call(staff.cookie, 'POST', `/api/community/projects/applications/${appId}/award`, { amountFen: 9_000_000, contractNumber: 'WS-2026-01', tranches: [{ milestoneSeq: 1, amountFen: 4_000_000 }, { milestoneSeq: 2, amountFen: 4_000_000 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.tranches');
    expect((await call(staff.cookie, 'GET', `/api/community/projects/applications/${appId}`)).json()).toMatchObject({ status: 'submitted', tranches: [] });
    const res = await call(staff.cookie, 'POST', `/api/community/projects/applications/${appId}/award`, { amountFen: 9_000_000, contractNumber: 'WS-2026-01', tranches: [{ milestoneSeq: 1, amountFen: 3_000_000 }, { milestoneSeq: 2, amountFen: 6_000_000 }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'awarded', awardedFen: 9_000_000, contractNumber: 'WS-2026-01' });
    expect(res.json().tranches.map((t: { payable: boolean }) => t.payable)).toEqual([false, false]);
  });

  it('pays a tranche only after its milestone is accepted, and only once when two pay at once', async () => {
    const detail = (await call(staff.cookie, 'GET', `/api/community/projects/applications/${appId}`)).json();
    const [m1] = detail.milestones;
    const [t1] = detail.tranches;
    const early = await call(staff.cookie, 'POST', `/api/community/projects/tranches/${t1.id}/pay`, { voucherNumber: 'PZ-001' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('COMMUNITY_MILESTONE_NOT_ACCEPTED');
    expect((await call(first.member.cookie, 'POST', `/api/community/organisation-projects/milestones/${m1.id}/report`, { report: '完成 60 位老人需求评估，建立档案；附照片 12 张' })).statusCode).toBe(200);
    const stillEarly = await call(staff.cookie, 'POST', `/api/community/projects/tranches/${t1.id}/pay`, { voucherNumber: 'PZ-001' });
    expect(stillEarly.json().error.code).toBe('COMMUNITY_MILESTONE_NOT_ACCEPTED');
    const accepted = await call(staff.cookie, 'POST', `/api/community/projects/milestones/${m1.id}/decision`, { accept: true, note: '资料齐全' });
    expect(accepted.json().tranches[0].payable).toBe(true);
    const [a, b] = await Promise.all([
      call(staff.cookie, 'POST', `/api/community/projects/tranches/${t1.id}/pay`, { voucherNumber: 'PZ-001' }),
      call(staff.cookie, 'POST', `/api/community/projects/tranches/${t1.id}/pay`, { voucherNumber: 'PZ-002' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = (await call(staff.cookie, 'GET', `/api/community/projects/applications/${appId}`)).json();
    expect(after.tranches[0]).toMatchObject({ payable: false, amountFen: 3_000_000 });
    expect(after.tranches[0].paidAt).not.toBeNull();
  });

  it("attaches photos and PDF to a milestone's deliverables: checked by content, the organisation's own only, shown at acceptance", async () => {
    const detail = (await call(staff.cookie, 'GET', `/api/community/projects/applications/${appId}`)).json();
    const m2 = detail.milestones[1];
    const url = `/api/community/organisation-projects/milestones/${m2.id}/deliverables`;
    const notAFile = await upload(first.member.cookie, url, Buffer.from('just text, renamed'), '照片.jpg');
    expect(notAFile.statusCode).toBe(415);
    expect(notAFile.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const otherOrg = await upload(second.member.cookie, url, testPdf, '成果.pdf');
    expect(otherOrg.statusCode).toBe(403);
    expect((await upload(staff.cookie, url, testPdf, '成果.pdf')).statusCode).toBe(403);
    const ok = await upload(first.member.cookie, url, testPdf, '中期评估报告.pdf');
    expect(ok.statusCode, ok.body).toBe(201);
    const files = ok.json().milestones[1].deliverables;
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ filename: '中期评估报告.pdf', mime: 'application/pdf', size: testPdf.length });
    // Staff see the file on the application when deciding, and open it; so does the organisation.
    const seen = (await call(staff.cookie, 'GET', `/api/community/projects/applications/${appId}`)).json();
    expect(seen.milestones[1].deliverables.map((d: { id: string }) => d.id)).toEqual([files[0].id]);
    const read = await app.inject({ method: 'GET', url: `/api/community/projects/deliverables/${files[0].id}`, headers: { cookie: staff.cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('application/pdf');
    expect(read.rawPayload.equals(testPdf)).toBe(true);
    expect((await app.inject({ method: 'GET', url: `/api/community/organisation-projects/deliverables/${files[0].id}`, headers: { cookie: first.member.cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/community/organisation-projects/deliverables/${files[0].id}`, headers: { cookie: second.member.cookie } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/community/projects/deliverables/${files[0].id}`, headers: { cookie: otherStreet.cookie } })).statusCode).toBe(403);
    // Once accepted, a milestone's deliverables are closed.
    const m1 = detail.milestones[0];
    const late = await upload(first.member.cookie, `/api/community/organisation-projects/milestones/${m1.id}/deliverables`, testPdf, '补充.pdf');
    expect(late.statusCode).toBe(409);
  });

  it('counts service records against indicators, records visits and the final evaluation on the timeline', async () => {
    const wrong = await call(first.member.cookie, 'POST', `/api/community/organisation-projects/applications/${appId}/service-records`, { indicatorKey: 'dance', quantity: 3, servedOn: '2027-01-10', note: '广场舞' });
    expect(wrong.json().error.details.fields[0].field).toBe('body.indicatorKey');
    await call(first.member.cookie, 'POST', `/api/community/organisation-projects/applications/${appId}/service-records`, { indicatorKey: 'meals', quantity: 300, servedOn: '2027-01-10', note: '一月第二周送餐' });
    const rec = await call(first.member.cookie, 'POST', `/api/community/organisation-projects/applications/${appId}/service-records`, { indicatorKey: 'meals', quantity: 250, servedOn: '2027-01-17', note: '一月第三周送餐' });
    expect(rec.json().indicators.find((i: { key: string }) => i.key === 'meals').achieved).toBe(550);
    await call(staff.cookie, 'POST', `/api/community/projects/applications/${appId}/site-visits`, { visitedOn: '2027-01-20', findings: '送餐准时，台账清楚', rating: 5 });
    const bad = await call(staff.cookie, 'POST', `/api/community/projects/applications/${appId}/evaluation`, { evaluator: '某评估中心', thirdPartyScore: 88, surveyed: 60, satisfied: 61, conclusion: '良好' });
    expect(bad.json().error.details.fields[0].field).toBe('body.satisfied');
    const done = await call(staff.cookie, 'POST', `/api/community/projects/applications/${appId}/evaluation`, { evaluator: '某评估中心', thirdPartyScore: 88, surveyed: 60, satisfied: 57, conclusion: '良好' });
    expect(done.statusCode).toBe(201);
    expect(done.json().status).toBe('completed');
    expect(done.json().timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'call.open', 'call.close', 'application.submit', 'review.score', 'review.score', 'review.score', 'review.score', 'review.score', 'review.conflict',
      'application.award', 'milestone.report', 'milestone.accept', 'tranche.pay', 'milestone.file', 'visit', 'evaluation',
    ]);
  });

  it('exports the projects ledger as .xlsx', async () => {
    const res = await call(staff.cookie, 'GET', '/api/community/projects/applications.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
