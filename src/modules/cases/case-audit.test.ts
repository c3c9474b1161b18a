// Every case write is in the audit log: intake (every channel), every workflow action,
// public ratings and attachments, with the request's IP and no personal data.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { systemActor } from '../../platform/auth/scope.ts';
import { createApiKey } from '../accounts/index.ts';
import { inGA1, multipartBody, setupCaseWorld, testJpeg } from './test-support.ts';

const world = await setupCaseWorld();
const { ctx, call, ok, upload, report, step } = world;
const db = ctx.database.db;

interface AuditRow { action: string; target_type: string | null; target_id: string | null; org_path: string | null; ip: string | null; details: Record<string, unknown> }

const caseAudit = () => queryRows<AuditRow>(db, sql`select action, target_type, target_id, org_path, ip, details from audit_log where action like 'case.%' order by id`);
const timelineCount = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from case_timeline`))[0]!.n;
const uploadCount = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from case_attachments`))[0]!.n;

describe('audit of case writes', () => {
  it('records one entry per case write, for every channel, with the IP and no personal data', async () => {
    const before = (await caseAudit()).length;
    const writesBefore = (await timelineCount()) + (await uploadCount());

    // Staff intake from the hotline, with a reporter's name and phone.
    const c = await report('hotline', { reporter: { name: '孙阿姨', phone: '13700002222' } });
    await step('communityA1', c.id, 'accept');
    await step('communityA1', c.id, 'register');
    await step('communityA1', c.id, 'dispatch', { targetUnitId: 'GA1' });
    await step('gridWorker', c.id, 'acknowledge');
    const photo = (await ok(upload('gridWorker'), 201)).id as string;
    await step('gridWorker', c.id, 'feedback', { text: '已清理，联系了孙阿姨 13700002222', photos: [photo] });
    await step('communityA1', c.id, 'verify_pass');
    // A public rating (no account): unsatisfied reopens the case automatically, two writes.
    await ok(call(null, 'POST', '/api/public/cases/rate', { number: c.number, phone: '13700002222', rating: 'unsatisfied', text: '没有清理干净' }));
    await step('hotline', c.id, 'comment', { text: '回访：还是有味道' });
    // An attachment uploaded for the case itself.
    const body = multipartBody(testJpeg(), 'photo.jpg', 'image/jpeg');
    await ok(ctx.app.inject({ method: 'POST', url: `/api/cases/attachments?caseId=${c.id}`, headers: { cookie: world.people.communityA1!.cookie, ...body.headers }, payload: body.payload }), 201);
    // A resident's own report through the portal, and an Open311 client's.
    await report('resident');
    const security = { ...systemActor, grants: [{ role: 'security_admin' as const, orgPath: '' }] };
    const { key } = await createApiKey(db, security, { name: 'city app', orgCode: '110108', role: 'open311_client' });
    const open311 = await ctx.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ api_key: key, service_code: '0701', lat: String(inGA1.lat), long: String(inGA1.lng), description: '路灯不亮', phone: '13911112222' }).toString(),
    });
    expect(open311.statusCode).toBe(200);

    const entries = (await caseAudit()).slice(before);
    const writes = (await timelineCount()) + (await uploadCount()) - writesBefore;
    expect(entries).toHaveLength(writes);
    expect(entries.map((e) => e.action)).toEqual([
      'case.report', 'case.accept', 'case.register', 'case.dispatch', 'case.acknowledge', 'case.attach', 'case.feedback', 'case.verify_pass',
      'case.rate', 'case.reopen', 'case.comment', 'case.attach', 'case.report', 'case.report',
    ]);
    for (const e of entries) {
      expect(e.ip, e.action).toBeTruthy();
      if (e.action !== 'case.attach' || e.target_type === 'case') expect(e.org_path, e.action).toMatch(/^110000\.110100\.110108\./);
    }
    const ofCase = entries.filter((e) => e.target_id === c.id).map((e) => e.action);
    expect(ofCase).toHaveLength(11);
    const text = JSON.stringify(entries);
    for (const personal of ['13700002222', '孙阿姨', '13911112222', '王女士', '13812345678', '没有清理干净', 'photo.jpg']) expect(text).not.toContain(personal);
    expect(entries.find((e) => e.action === 'case.rate')?.details).toMatchObject({ number: c.number, rating: 'unsatisfied', via: 'public' });
  });
});
