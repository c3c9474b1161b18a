import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { caseActions, type CaseAction } from './workflow.ts';
import { inGA1, inGA2, inGB1, setupCaseWorld, type CaseView } from './test-support.ts';
import { actorSession } from '../../../test/helpers.ts';

const world = await setupCaseWorld();
const { ctx, call, ok, upload, report, act, step, caseIn } = world;
const db = ctx.database.db;

interface Row {
  /** The state the case is driven to first. */
  from: string;
  by: string;
  input?: (c: CaseView) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Preparation after reaching `from` (e.g. an extension request). */
  prepare?: (c: CaseView) => Promise<unknown>;
  expectState: string;
  refused: { from?: string; by?: string; input?: (c: CaseView) => Promise<Record<string, unknown>> | Record<string, unknown>; prepare?: (c: CaseView) => Promise<unknown>; status: number; code: string };
}

const photoOf = async (who: string) => (await ok(upload(who), 201)).id as string;
const ext = { extension: { unit: 'working_days', amount: 2 }, reason: '需协调物业公司' };

// Every row of the workflow table through the HTTP API: once allowed, once refused.
const rows: Record<CaseAction, Row> = {
  accept: { from: 'reported', by: 'communityA1', expectState: 'accepted', refused: { by: 'resident', status: 403, code: 'CASE_ACTION_FORBIDDEN' } },
  reject: { from: 'reported', by: 'hotline', input: () => ({ reason: '不属于受理范围' }), expectState: 'rejected', refused: { by: 'hotline', input: () => ({}), status: 400, code: 'CASE_INPUT_REQUIRED' } },
  register: { from: 'accepted', by: 'communityA1', expectState: 'registered', refused: { by: 'gridWorker', status: 403, code: 'CASE_ACTION_FORBIDDEN' } },
  dispatch: {
    from: 'registered', by: 'communityA1', input: () => ({ targetUnitId: '110108D01', coUnitIds: ['GA1'] }), expectState: 'dispatched',
    refused: { by: 'streetA', input: () => ({ targetUnitId: '110108D01' }), status: 403, code: 'CASE_ACTION_FORBIDDEN' },
  },
  acknowledge: { from: 'dispatched', by: 'dept', expectState: 'handling', refused: { by: 'dept2', status: 403, code: 'OUT_OF_SCOPE' } },
  return: { from: 'dispatched', by: 'dept', input: () => ({ reason: '非本单位职责' }), expectState: 'registered', refused: { from: 'registered', by: 'communityA1', input: () => ({ reason: 'x' }), status: 409, code: 'CASE_ACTION_NOT_ALLOWED' } },
  feedback: {
    from: 'handling', by: 'dept', input: async () => ({ text: '已清运完毕', photos: [await photoOf('dept')] }), expectState: 'handled',
    refused: { by: 'dept', input: () => ({ text: '已清运完毕' }), status: 400, code: 'CASE_INPUT_REQUIRED' },
  },
  verify_pass: { from: 'handled', by: 'gridWorker', input: () => ({ text: '现场核查已干净' }), expectState: 'closed', refused: { by: 'gridWorkerA2', status: 403, code: 'OUT_OF_SCOPE' } },
  verify_fail: { from: 'handled', by: 'communityA1', input: () => ({ reason: '仍有垃圾' }), expectState: 'handling', refused: { by: 'dept', input: () => ({ reason: 'x' }), status: 403, code: 'CASE_ACTION_FORBIDDEN' } },
  rate: { from: 'closed', by: 'resident', input: () => ({ rating: 'basically_satisfied', text: '还可以' }), expectState: 'rated', refused: { by: 'otherResident', input: () => ({ rating: 'satisfied' }), status: 403, code: 'OUT_OF_SCOPE' } },
  reopen: { from: 'closed', by: 'resident', input: () => ({ reason: '垃圾又堆起来了' }), expectState: 'registered', refused: { from: 'rated', by: 'resident', input: () => ({ reason: 'x' }), status: 409, code: 'CASE_REOPEN_NOT_UNSATISFIED' } },
  request_extension: { from: 'handling', by: 'dept', input: () => ext, expectState: 'handling', refused: { by: 'communityA1', input: () => ext, status: 403, code: 'CASE_ACTION_FORBIDDEN' } },
  approve_extension: {
    from: 'handling', by: 'communityA1', prepare: (c) => step('dept', c.id, 'request_extension', ext), expectState: 'handling',
    refused: { by: 'communityA1', status: 409, code: 'CASE_EXTENSION_NOT_PENDING' },
  },
  reject_extension: {
    from: 'handling', by: 'leader', prepare: (c) => step('dept', c.id, 'request_extension', ext), input: () => ({ reason: '时限充足' }), expectState: 'handling',
    refused: { by: 'dept', prepare: (c) => step('dept', c.id, 'request_extension', ext), input: () => ({ reason: 'x' }), status: 403, code: 'CASE_ACTION_FORBIDDEN' },
  },
  suspend: { from: 'handling', by: 'communityA1', input: () => ({ reason: '等待司法鉴定' }), expectState: 'suspended', refused: { by: 'dept', input: () => ({ reason: 'x' }), status: 403, code: 'CASE_ACTION_FORBIDDEN' } },
  resume: { from: 'suspended', by: 'communityA1', expectState: 'handling', refused: { from: 'handling', by: 'communityA1', status: 409, code: 'CASE_ACTION_NOT_ALLOWED' } },
  supervise: {
    from: 'handling', by: 'leader', input: () => ({ supervisionLevel: 'red', text: '请三日内办结' }), expectState: 'handling',
    refused: { by: 'communityA1', input: () => ({ supervisionLevel: 'red', text: 'x' }), status: 403, code: 'CASE_ACTION_FORBIDDEN' },
  },
  escalate: {
    from: 'registered', by: 'communityA1', input: () => ({ reason: '需街道协调' }), expectState: 'registered',
    refused: {
      by: 'district',
      prepare: async (c) => {
        await step('communityA1', c.id, 'escalate', { reason: '需街道协调' });
        await step('streetA', c.id, 'escalate', { reason: '需区级协调' });
      },
      input: () => ({ reason: '再升级', targetUnitId: '110108' }),
      status: 409,
      code: 'CASE_TIER_AT_TOP',
    },
  },
  merge: {
    from: 'reported', by: 'hotline', input: async () => ({ parentCaseId: (await report('resident')).id }), expectState: 'merged',
    refused: { by: 'hotline', input: async () => ({ parentCaseId: (await caseIn('closed')).id }), status: 409, code: 'CASE_MERGE_INVALID' },
  },
  instruct: { from: 'handling', by: 'leader', input: () => ({ text: '请街道牵头协调' }), expectState: 'handling', refused: { by: 'streetA', input: () => ({ text: 'x' }), status: 403, code: 'CASE_ACTION_FORBIDDEN' } },
  comment: { from: 'handling', by: 'resident', input: () => ({ text: '补充：东门也有' }), expectState: 'handling', refused: { by: 'resident', input: () => ({ text: '   ' }), status: 400, code: 'CASE_INPUT_REQUIRED' } },
};

describe('every workflow row through the HTTP API', () => {
  it('covers every action of the table', () => {
    expect(Object.keys(rows).sort()).toEqual([...caseActions].sort());
  });

  it.each(caseActions.map((a) => [a]))('%s: allowed, with a timeline entry in the same version', async (action) => {
    const row = rows[action];
    const c = await caseIn(row.from);
    await row.prepare?.(c);
    const before = (await ok(call(row.by, 'GET', `/api/cases/${c.id}`))) as CaseView;
    const res = await act(row.by, c.id, action, { ...(await row.input?.(c)), version: before.version });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as CaseView;
    expect(after.state).toBe(row.expectState);
    expect(after.version).toBe(before.version + 1);
    expect(after.timeline.at(-1)).toMatchObject({ action, version: after.version });
  });

  it.each(caseActions.map((a) => [a]))('%s: refused with a coded error, nothing changed', async (action) => {
    const row = rows[action];
    const c = await caseIn(row.refused.from ?? row.from);
    await row.refused.prepare?.(c);
    const before = (await ok(call('district', 'GET', `/api/cases/${c.id}`))) as CaseView;
    const res = await act(row.refused.by ?? row.by, c.id, action, await (row.refused.input ?? row.input)?.(c));
    expect(res.statusCode, res.body).toBe(row.refused.status);
    expect(res.json().error.code).toBe(row.refused.code);
    const after = (await ok(call('district', 'GET', `/api/cases/${c.id}`))) as CaseView;
    expect(after.version).toBe(before.version);
  });

  it('refuses an unknown action', async () => {
    const c = await caseIn('reported');
    const res = await act('communityA1', c.id, 'teleport');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CASE_ACTION_UNKNOWN');
  });
});

describe('the closed loop', () => {
  it('runs from report to rating, with the whole timeline, and registers at the registering unit’s tier', async () => {
    const c = await caseIn('rated');
    expect(c.timeline.map((t) => t.action)).toEqual(['report', 'accept', 'register', 'dispatch', 'acknowledge', 'feedback', 'verify_pass', 'rate']);
    expect(c.tier).toBe('grid');
    expect(c.number).toMatch(/^HD\d{8}-\d{6}$/);
    const streetCase = await report('resident');
    await step('streetA', streetCase.id, 'accept');
    expect((await step('streetA', streetCase.id, 'register')).tier).toBe('street');
  });

  it('escalates grid → street → district, the street office and then the district becoming dispatcher', async () => {
    const c = await caseIn('registered');
    const s = await step('communityA1', c.id, 'escalate', { reason: '需街道协调' });
    expect([s.tier, s.dispatcherUnit]).toEqual(['street', '110108001']);
    const d = await step('streetA', c.id, 'escalate', { reason: '需区级协调' });
    expect([d.tier, d.dispatcherUnit]).toEqual(['district', '110108']);
    expect(d.availableActions).not.toContain('escalate');
  });

  it('reopens once on an unsatisfied rating, and not twice', async () => {
    const c = await caseIn('closed');
    const reopened = await step('resident', c.id, 'rate', { rating: 'unsatisfied', text: '没有处理干净' });
    expect(reopened.state).toBe('registered');
    expect(reopened.timeline.slice(-2).map((t) => t.action)).toEqual(['rate', 'reopen']);
    await step('communityA1', c.id, 'dispatch', { targetUnitId: '110108D01' });
    await step('dept', c.id, 'acknowledge');
    await step('dept', c.id, 'feedback', { text: '再次清理', photos: [await photoOf('dept')] });
    await step('gridWorker', c.id, 'verify_pass');
    const rated = await step('resident', c.id, 'rate', { rating: 'unsatisfied' });
    expect(rated.state).toBe('rated');
    const res = await act('resident', c.id, 'reopen', { reason: '还是不满意' });
    expect(res.json().error.code).toBe('CASE_REOPEN_LIMIT_REACHED');
  });

  it('lets a hotline operator record a callback (回访) rating', async () => {
    const c = await caseIn('closed');
    const rated = await step('hotline', c.id, 'rate', { rating: 'satisfied', text: '回访：群众满意', resolved: true });
    expect(rated.state).toBe('rated');
    expect(rated.timeline.at(-1)).toMatchObject({ action: 'rate', details: { resolved: true } });
  });

  it('keeps the reporter of a merged case informed of the parent', async () => {
    const parent = await caseIn('reported');
    const child = await report('otherResident');
    await step('hotline', child.id, 'merge', { parentCaseId: parent.id });
    await step('communityA1', parent.id, 'accept');
    const told = (await ok(call('otherResident', 'GET', '/api/notifications?limit=200'))).items as { kind: string; subjectId: string | null }[];
    expect(told.filter((n) => n.subjectId === parent.id && n.kind === 'case.accept')).toHaveLength(1);
  });
});

describe('concurrency', () => {
  it('lets one of two simultaneous transitions win; the other gets a version conflict', async () => {
    const c = await caseIn('registered');
    const [a, b] = await Promise.all([
      act('communityA1', c.id, 'dispatch', { targetUnitId: '110108D01', version: c.version }),
      act('communityA1', c.id, 'dispatch', { targetUnitId: '110108D02', version: c.version }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)?.json().error.code).toBe('VERSION_CONFLICT');
    const timeline = await queryRows<{ action: string }>(db, sql`select action from case_timeline where case_id = ${c.id} and action = 'dispatch'`);
    expect(timeline).toHaveLength(1);
  });

  it('refuses a stale version at once', async () => {
    const c = await caseIn('accepted');
    const res = await act('communityA1', c.id, 'register', { version: c.version - 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: c.version } });
  });

  it('numbers cases of one district and day without gaps or repeats under concurrent intake', async () => {
    const made = await Promise.all(Array.from({ length: 12 }, () => report('hotline')));
    const seqs = made.map((c) => Number(c.number.split('-')[1])).sort((x, y) => x - y);
    expect(new Set(seqs).size).toBe(12);
    expect((seqs.at(-1) as number) - (seqs[0] as number)).toBe(11);
  });
});

describe('scope', () => {
  it('shows a community only its cases, a department only what was dispatched to it, a resident only their own', async () => {
    const inA1 = await caseIn('handling');
    const inA2 = await report('hotline', { ...inGA2 });
    const inB1 = await report('hotline', { ...inGB1 });
    const ids = async (who: string) => ((await ok(call(who, 'GET', '/api/cases?pageSize=500'))).items as { id: string }[]).map((c) => c.id);
    const a1 = await ids('communityA1');
    expect(a1).toContain(inA1.id);
    expect(a1).not.toContain(inA2.id);
    expect(a1).not.toContain(inB1.id);
    expect(await ids('streetA')).toEqual(expect.arrayContaining([inA1.id, inA2.id]));
    expect(await ids('streetA')).not.toContain(inB1.id);
    expect(await ids('district')).toEqual(expect.arrayContaining([inA1.id, inA2.id, inB1.id]));
    const dept = await ids('dept');
    expect(dept).toContain(inA1.id);
    expect(dept).not.toContain(inA2.id);
    expect(await ids('dept2')).not.toContain(inA1.id);
    const mine = await ids('resident');
    expect(mine).toContain(inA1.id);
    expect(mine).not.toContain(inA2.id);
    expect(await ids('otherResident')).not.toContain(inA1.id);
    expect(await ids('gridWorkerA2')).not.toContain(inA1.id);
    for (const who of ['communityB1', 'dept2', 'otherResident', 'gridWorkerA2']) {
      const res = await call(who, 'GET', `/api/cases/${inA1.id}`);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    }
  });

  it('hides the reporter from the handling department unless the dispatcher shares the contact', async () => {
    const c = await caseIn('dispatched');
    const asDept = (await ok(call('dept', 'GET', `/api/cases/${c.id}`))) as CaseView;
    expect(asDept.reporter).toBeNull();
    expect(asDept.reporterHidden).toBe(true);
    expect(asDept.timeline[0]?.actorName).toBe('报告人');
    expect(((await ok(call('communityA1', 'GET', `/api/cases/${c.id}`))) as CaseView).reporter).toMatchObject({ name: '王*', phone: '138******78', revealed: false });
    const shared = await caseIn('registered');
    await step('communityA1', shared.id, 'dispatch', { targetUnitId: '110108D01', shareReporterContact: true });
    expect(((await ok(call('dept', 'GET', `/api/cases/${shared.id}`))) as CaseView).reporter).toMatchObject({ phone: '138******78' });
  });

  it('refuses intake outside the reporter’s scope and a point in no grid', async () => {
    const res = await call('communityA1', 'POST', '/api/cases', { title: 't', description: 'd', categoryCode: '0501', ...inGB1 });
    expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    const nowhere = await call('hotline', 'POST', '/api/cases', { title: 't', description: 'd', categoryCode: '0501', lng: 100, lat: 30 });
    expect(nowhere.json().error.code).toBe('CASE_LOCATION_UNKNOWN');
    const badCategory = await call('hotline', 'POST', '/api/cases', { title: 't', description: 'd', categoryCode: '05', ...inGA1 });
    expect(badCategory.json().error.code).toBe('CASE_CATEGORY_UNKNOWN');
  });

  it('lists a to-do per role', async () => {
    const c = await caseIn('dispatched');
    const todo = async (who: string) => ((await ok(call(who, 'GET', '/api/cases?todo=true&pageSize=500'))).items as { id: string }[]).map((x) => x.id);
    expect(await todo('dept')).toContain(c.id);
    expect(await todo('communityA1')).not.toContain(c.id);
    await step('dept', c.id, 'acknowledge');
    await step('dept', c.id, 'feedback', { text: '已处理', photos: [await photoOf('dept')] });
    expect(await todo('gridWorker')).toContain(c.id);
    expect(await todo('communityA1')).toContain(c.id);
    expect(await todo('dept')).not.toContain(c.id);
  });
});

describe('what the API tells a client to render', () => {
  it('lists the allowed actions with their inputs, and which are required', async () => {
    const c = await caseIn('registered');
    const seen = (await ok(call('communityA1', 'GET', `/api/cases/${c.id}`))) as CaseView & { allowedActions: { action: string; inputs: { name: string; required: boolean }[] }[] };
    expect(seen.allowedActions.map((a) => a.action)).toEqual(seen.availableActions);
    expect(seen.allowedActions.find((a) => a.action === 'dispatch')?.inputs).toEqual([
      { name: 'targetUnitId', required: true },
      { name: 'coUnitIds', required: false },
      { name: 'text', required: false },
      { name: 'shareReporterContact', required: false },
    ]);
    expect(seen.allowedActions.find((a) => a.action === 'escalate')?.inputs).toEqual([
      { name: 'reason', required: true },
      { name: 'targetUnitId', required: false },
    ]);
  });

  it('says which states the to-do board groups by, per the actor', async () => {
    expect(await ok(call('dept', 'GET', '/api/cases/todo-states'))).toEqual({ states: ['dispatched', 'handling'] });
    expect(await ok(call('resident', 'GET', '/api/cases/todo-states'))).toEqual({ states: ['closed'] });
    expect(await ok(call('leader', 'GET', '/api/cases/todo-states'))).toEqual({ states: [] });
  });

  it('documents each action\'s body in the OpenAPI description', async () => {
    const docs = await ok(call(null, 'GET', '/api/docs/json'));
    const body = docs.paths['/api/cases/{id}/actions'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).toContain('request_extension');
    expect(body.oneOf ?? body.anyOf).toHaveLength(caseActions.length);
  });

  it('refuses a field the action does not take only when no action takes it', async () => {
    const c = await caseIn('reported');
    const bad = await act('communityA1', c.id, 'accept', { colour: 'red' });
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const ignored = await act('communityA1', c.id, 'accept', { rating: 'satisfied' });
    expect(ignored.statusCode, ignored.body).toBe(200);
  });
});

describe('intake', () => {
  it('suggests duplicates: same category, open, recent, within the radius', async () => {
    const first = await report('hotline', { lng: 116.2851, lat: 39.9051 });
    const near = await ok(call('hotline', 'GET', `/api/cases/duplicates?categoryCode=0501&lng=116.2852&lat=39.9052`));
    expect(near.map((d: { id: string }) => d.id)).toContain(first.id);
    expect(near.find((d: { id: string }) => d.id === first.id).distance).toBeLessThan(50);
    const otherCategory = await ok(call('hotline', 'GET', `/api/cases/duplicates?categoryCode=0601&lng=116.2852&lat=39.9052`));
    expect(otherCategory.map((d: { id: string }) => d.id)).not.toContain(first.id);
    const far = await ok(call('hotline', 'GET', `/api/cases/duplicates?categoryCode=0501&lng=116.2851&lat=39.9091`));
    expect(far.map((d: { id: string }) => d.id)).not.toContain(first.id);
    const created = await ok(call('hotline', 'POST', '/api/cases', { title: '又一起', description: '同一处垃圾', categoryCode: '0501', lng: 116.2852, lat: 39.9052 }), 201);
    expect(created.duplicates.map((d: { id: string }) => d.id)).toContain(first.id);
    await step('hotline', first.id, 'reject', { reason: '重复' });
    const closed = await ok(call('hotline', 'GET', `/api/cases/duplicates?categoryCode=0501&lng=116.2852&lat=39.9052`));
    expect(closed.map((d: { id: string }) => d.id)).not.toContain(first.id);
  });

  it('finds categories by pinyin and initials for the hotline form, and a caller’s earlier cases', async () => {
    const byInitials = await ok(call('hotline', 'GET', `/api/cases/categories?q=ljld`));
    expect(byInitials[0]).toMatchObject({ code: '0501', name: '垃圾乱堆', className: '环境卫生' });
    const byPinyin = await ok(call('hotline', 'GET', `/api/cases/categories?q=lude`));
    expect(byPinyin[0].code).toBe('0701');
    const byKeyword = await ok(call('hotline', 'GET', `/api/cases/categories?q=${encodeURIComponent('摆摊')}`));
    expect(byKeyword[0].code).toBe('0601');
    await report('hotline', { reporter: { name: '赵先生', phone: '139-0000-1111' } });
    const history = await ok(call('hotline', 'POST', '/api/cases/hotline/caller', { phone: '13900001111' }));
    expect(history).toMatchObject({ callerName: '赵*', phone: '139******11' });
    expect(history.cases.length).toBeGreaterThan(0);
  });

  it('accepts photos by content, refuses other content, and makes JPEG thumbnails in the background', async () => {
    const photo = await ok(upload('gridWorker'), 201);
    expect(photo.mime).toBe('image/jpeg');
    const fake = await upload('gridWorker', Buffer.from('<html>not an image</html>'), 'photo.jpg');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const c = await ok(call('gridWorker', 'POST', '/api/cases', { title: '井盖缺失', description: '路口井盖丢失', categoryCode: '0703', ...inGA1, attachmentIds: [photo.id] }), 201);
    expect(c.case.source).toBe('grid_patrol');
    expect((await ok(call('gridWorker', 'GET', `/api/cases/${c.case.id}`))).attachments).toHaveLength(1);
    const stolen = await call('resident', 'POST', '/api/cases', { title: 'x', description: 'y', categoryCode: '0703', ...inGA1, attachmentIds: [photo.id] });
    expect(stolen.json().error.code).toBe('CASE_INPUT_INVALID');
    const { createJobRunner } = await import('../../platform/jobs.ts');
    const { caseJobHandlers } = await import('./clock.ts');
    const { createConfiguredCipher } = await import('../../app.ts');
    const runner = createJobRunner({ ctx: { database: ctx.database, config: ctx.config, pii: createConfiguredCipher(ctx.config) }, handlers: caseJobHandlers() });
    while ((await runner.runOnce()) > 0);
    const thumb = await call('gridWorker', 'GET', `/api/cases/attachments/${photo.id}?thumb=1`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(((await ok(call('gridWorker', 'GET', `/api/cases/${c.case.id}`))) as { attachments: { hasThumbnail: boolean }[] }).attachments[0]?.hasThumbnail).toBe(true);
    expect((await call('communityB1', 'GET', `/api/cases/attachments/${photo.id}`)).statusCode).toBe(403);
  });

  it('lets a member of the public follow and rate a case by number and phone', async () => {
    const c = await report('hotline', { reporter: { name: '孙阿姨', phone: '13700002222' } });
    const wrong = await call(null, 'POST', '/api/public/cases/track', { number: c.number, phone: '13700009999' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('CASE_TRACKING_FAILED');
    await step('communityA1', c.id, 'accept');
    await step('communityA1', c.id, 'register');
    await step('communityA1', c.id, 'dispatch', { targetUnitId: 'GA1' });
    await step('gridWorker', c.id, 'acknowledge');
    await step('gridWorker', c.id, 'feedback', { text: '已清理', photos: [await photoOf('gridWorker')] });
    await step('communityA1', c.id, 'verify_pass');
    const tracked = await ok(call(null, 'POST', '/api/public/cases/track', { number: c.number, phone: '137 0000 2222' }));
    expect(tracked).toMatchObject({ state: 'closed', canRate: true });
    expect(tracked.steps.map((s: { action: string }) => s.action)).toContain('feedback');
    expect(JSON.stringify(tracked)).not.toContain(world.people.communityA1?.username);
    const rated = await ok(call(null, 'POST', '/api/public/cases/rate', { number: c.number, phone: '13700002222', rating: 'satisfied' }));
    expect(rated.state).toBe('rated');
    const sms = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs where kind = 'notify.deliver'`);
    expect(sms[0]?.n).toBeGreaterThan(0);
  });
});

describe('lists and export', () => {
  it('filters and pages the list, and exports it as .xlsx', async () => {
    await report('hotline', { title: '电动车楼道飞线充电', categoryCode: '0402', description: '3号楼2单元' });
    const byClass = await ok(call('district', 'GET', '/api/cases?classCode=04&pageSize=500'));
    expect(byClass.items.every((c: { classCode: string }) => c.classCode === '04')).toBe(true);
    expect(byClass.total).toBeGreaterThan(0);
    expect(byClass.totalExact).toBe(true);
    const byText = await ok(call('district', 'GET', `/api/cases?q=${encodeURIComponent('飞线充电')}`));
    expect(byText.items[0].title).toContain('飞线充电');
    const page2 = await ok(call('district', 'GET', '/api/cases?pageSize=3&page=2'));
    expect(page2.items).toHaveLength(3);
    const reported = await ok(call('district', 'GET', '/api/cases?state=reported,accepted&under=110108001001'));
    expect(reported.items.every((c: { state: string; communityCode: string }) => ['reported', 'accepted'].includes(c.state) && c.communityCode === '110108001001')).toBe(true);
    const bad = await call('district', 'GET', '/api/cases?state=flying');
    expect(bad.statusCode).toBe(400);
    const xlsx = await call('district', 'GET', '/api/cases/export.xlsx?classCode=04');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('案件')?.getRow(1).getCell(1).value).toBe('案件编号');
    expect(book.getWorksheet('案件')?.rowCount).toBe(byClass.total + 1);
  });
});

describe('routing', () => {
  it('proposes the matrix unit for a government matter, with defaults up the tree, and the community for a community matter', async () => {
    await ok(call('district', 'PUT', '/api/cases/routing-rules', { nodeCode: '110108', categoryCode: '05', unitCode: '110108D01' }));
    await ok(call('district', 'PUT', '/api/cases/routing-rules', { nodeCode: '110108001002', categoryCode: '0501', unitCode: '110108D02' }));
    const a1 = await caseIn('registered');
    expect(await ok(call('communityA1', 'GET', `/api/cases/${a1.id}/dispatch-proposal`))).toMatchObject({ basis: 'matrix', unit: { code: '110108D01' } });
    const a2 = await report('hotline', { ...inGA2 });
    expect(await ok(call('streetA', 'GET', `/api/cases/${a2.id}/dispatch-proposal`))).toMatchObject({ basis: 'matrix', unit: { code: '110108D02' } });
    const community = await report('hotline', { categoryCode: '0404' });
    expect(await ok(call('communityA1', 'GET', `/api/cases/${community.id}/dispatch-proposal`))).toMatchObject({ matterClass: 'community', basis: 'matter_class', unit: { code: '110108001001' } });
    const outOfScope = await call('communityA1', 'PUT', '/api/cases/routing-rules', { nodeCode: '110108', categoryCode: '06', unitCode: '110108D01' });
    expect(outOfScope.statusCode).toBe(403);
  });
});

describe('audit of configuration', () => {
  it('records settings changes', async () => {
    await ok(call('district', 'PATCH', '/api/cases/settings', { duplicateRadiusMetres: 300 }));
    expect((await ok(call('district', 'GET', '/api/cases/settings'))).duplicateRadiusMetres).toBe(300);
    const auditor = await actorSession(ctx, 'auditor');
    const audit = await ctx.app.inject({ method: 'GET', url: '/api/audit?action=case.settings.update', headers: { cookie: auditor.cookie } });
    expect((audit.json().items as { action: string }[]).filter((e) => e.action === 'case.settings.update')).toHaveLength(1);
    expect((await call('streetA', 'PATCH', '/api/cases/settings', { duplicateRadiusMetres: 10 })).statusCode).toBe(403);
  });
});

void inGA1;
