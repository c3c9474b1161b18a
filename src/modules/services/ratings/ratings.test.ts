import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { makeCase } from '../../../../test/factories.ts';
import { createConfiguredCipher } from '../../../app.ts';
import { queryRows } from '../../../platform/db.ts';
import type { RatingReceipt, RatingStats, RectificationView } from '../contract/ratings.ts';
import { serviceApplications } from '../schema.ts';
import { seedTestCatalogue } from '../test-support.ts';
import { workingCalendar } from './common.ts';
import { markOverdueRectifications } from './rectifications.ts';
import { insertTestApplication } from './test-applications.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
await seedTestCatalogue(ctx);
const { app, database } = ctx;
const db = database.db;
const pii = createConfiguredCipher(ctx.config);
const PHONE = '13800138000';
const A1 = '110000.110100.110108.110108001.110108001001';

let seq = 0;
/** A delivered application at community A1 (made directly: the workflow has its own tests). */
async function deliveredApplication(status: 'delivered' | 'approved' = 'delivered'): Promise<string> {
  seq++;
  const number = `SJ20261130-${String(seq).padStart(5, '0')}`;
  await insertTestApplication(db, pii, { number, status, idNumber: '110108194001010021', phone: PHONE });
  return number;
}

const counter = { service_efficiency: 2, service_level: 2, service_attitude: 1 };
// Each rating from its own address: the public route's rate limit is per address.
let caller = 0;
const rate = (number: string, body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/public/applications/${number}/rating`, remoteAddress: `10.1.0.${++caller}`, payload: { phone: PHONE, channel: 'counter', dimensions: counter, ...body } });

describe('好差评 of applications', () => {
  it('opens a rectification record due in 15 working days for a 不满意 rating, and marks the application rated', async () => {
    const number = await deliveredApplication();
    const res = await rate(number, { level: 2, comment: '等了两个小时' });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json<RatingReceipt>();
    expect(receipt.rating).toMatchObject({ level: 2, subjectNumber: number, centreName: '翠微路社区', itemName: '高龄津贴申领' });
    const created = new Date(receipt.rating.createdAt);
    const deadline = new Date(receipt.rectificationDeadline as unknown as string);
    // Exactly 15 working days after the rating's day (that day not counted), on the platform calendar.
    const calendar = await workingCalendar(db);
    let working = 0;
    // Step by Beijing days from noon, so the count does not depend on the hour the test runs at.
    const noon = created.getTime() - ((created.getTime() + 8 * 3_600_000) % 86_400_000) + 4 * 3_600_000;
    for (let t = noon + 86_400_000; t <= deadline.getTime(); t += 86_400_000) if (calendar.isWorkingDay(new Date(t))) working++;
    expect(working).toBe(15);
    expect(deadline.getTime()).toBe(calendar.addWorkingDays(created, 15).getTime());
    const [app1] = await db.select().from(serviceApplications).where(eq(serviceApplications.number, number));
    expect(app1?.status).toBe('rated');
    const events = await queryRows<{ action: string }>(db, sql`select action from service_application_events where application_id = ${app1?.id}`);
    expect(events.map((e) => e.action)).toContain('rate');
  });

  it('opens no record for a satisfied rating', async () => {
    const res = await rate(await deliveredApplication(), { level: 5, dimensions: { service_efficiency: 5, service_level: 5, service_attitude: 5 } });
    expect(res.statusCode).toBe(201);
    expect(res.json<RatingReceipt>()).toMatchObject({ rectificationDeadline: null, rating: { rectificationId: null } });
  });

  it('refuses a wrong phone, a second rating, an undelivered application and missing dimensions, changing nothing', async () => {
    const number = await deliveredApplication();
    const wrong = await rate(number, { level: 1, phone: '13900139000' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('APPLICATION_TRACKING_FAILED');
    const missing = await rate(number, { level: 1, dimensions: { service_efficiency: 1 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('body.dimensions');
    expect((await rate(number, { level: 4, dimensions: { service_efficiency: 4, service_level: 4, service_attitude: 4 } })).statusCode).toBe(201);
    expect((await rate(number, { level: 1 })).json<{ error: { code: string } }>().error.code).toBe('RATING_NOT_ALLOWED');
    const early = await rate(await deliveredApplication('approved'), { level: 1 });
    expect(early.statusCode).toBe(409);
    const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from service_ratings where subject_number = ${number}`);
    expect(n?.n).toBe(1);
  });
});

describe('rectification of bad ratings', () => {
  const act = (cookie: string, id: string, body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/services/rectifications/${id}/actions`, headers: { cookie }, payload: body });

  it('is called back, then rectified, by the centre; steps out of order are refused', async () => {
    const { rating } = (await rate(await deliveredApplication(), { level: 1 })).json<RatingReceipt>();
    const staff = await actorSession(ctx, 'community_staff', '110108001001');
    const id = rating.rectificationId as string;
    const shown = (await app.inject({ method: 'GET', url: `/api/services/rectifications/${id}`, headers: { cookie: staff.cookie } })).json<RectificationView>();
    expect(shown).toMatchObject({ status: 'awaiting_callback', allowedActions: ['callback', 'appeal'], isOverdue: false });
    expect((await act(staff.cookie, id, { action: 'rectify', version: 1, note: '已整改' })).statusCode).toBe(409);
    const called = await act(staff.cookie, id, { action: 'callback', version: 1, note: '电话回访，老人反映排队久' });
    expect(called.json<RectificationView>()).toMatchObject({ status: 'rectifying', callbackNote: '电话回访，老人反映排队久' });
    expect((await act(staff.cookie, id, { action: 'rectify', version: 1, note: '增开窗口' })).statusCode).toBe(409);
    const done = await act(staff.cookie, id, { action: 'rectify', version: 2, note: '高峰时段增开一个窗口' });
    expect(done.json<RectificationView>()).toMatchObject({ status: 'rectified', allowedActions: [] });
  });

  it('takes an appeal to the district, which voids the rating; the street may not decide it', async () => {
    const { rating } = (await rate(await deliveredApplication(), { level: 1, comment: '随便评的' })).json<RatingReceipt>();
    const id = rating.rectificationId as string;
    const staff = await actorSession(ctx, 'community_staff', '110108001001');
    const street = await actorSession(ctx, 'street_staff', '110108001');
    const district = await actorSession(ctx, 'district_staff', '110108');
    const missingReason = await act(staff.cookie, id, { action: 'appeal', version: 1, note: '评价人误操作' });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.body).toContain('appealReason');
    expect((await act(staff.cookie, id, { action: 'appeal', version: 1, note: '回访中评价人承认误点', appealReason: 'mistaken' })).statusCode).toBe(200);
    expect((await act(street.cookie, id, { action: 'uphold_appeal', version: 2, note: '同意' })).statusCode).toBe(403);
    const upheld = await act(district.cookie, id, { action: 'uphold_appeal', version: 2, note: '核实为误评' });
    expect(upheld.json<RectificationView>()).toMatchObject({ status: 'voided', appealDecision: 'upheld', rating: { voided: true } });
    const stats = (await app.inject({ method: 'GET', url: '/api/public/services/rating-stats?by=centre&under=110108001001' })).json<RatingStats>();
    const [voided] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from service_ratings where voided`);
    const [all] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from service_ratings where org_path like ${`${A1}%`}`);
    expect(stats.total.total).toBe((all?.n ?? 0) - (voided?.n ?? 0));
  });

  it('shows records only within scope', async () => {
    const { rating } = (await rate(await deliveredApplication(), { level: 2 })).json<RatingReceipt>();
    const other = await actorSession(ctx, 'community_staff', '110108002001');
    const list = await app.inject({ method: 'GET', url: '/api/services/rectifications', headers: { cookie: other.cookie } });
    expect(list.json<{ total: number }>().total).toBe(0);
    const act1 = await act(other.cookie, rating.rectificationId as string, { action: 'callback', version: 1, note: '回访' });
    expect(act1.statusCode).toBe(404);
    const resident = await actorSession(ctx, 'resident', '110108001001');
    expect((await app.inject({ method: 'GET', url: '/api/services/ratings', headers: { cookie: resident.cookie } })).statusCode).toBe(403);
  });

  it('marks open records overdue after their deadline', async () => {
    const later = new Date(Date.now() + 60 * 86_400_000);
    expect(await markOverdueRectifications(db, later)).toBeGreaterThan(0);
    const staff = await actorSession(ctx, 'community_staff', '110108001001');
    const overdue = (await app.inject({ method: 'GET', url: '/api/services/rectifications?status=awaiting_callback', headers: { cookie: staff.cookie } })).json<{ items: RectificationView[] }>();
    expect(overdue.items.every((r) => r.isOverdue)).toBe(true);
  });
});

describe('好差评 of closed cases', () => {
  it('lets the reporter rate their closed case once, and nobody else', async () => {
    const resident = await actorSession(ctx, 'resident', '110108001001');
    const row = await makeCase({ db, pii, dataDir: ctx.config.dataDir }, resident.actor);
    const body = { channel: 'online', level: 2, dimensions: { efficiency: 2, guide_accuracy: 3, convenience: 2, operability: 3 }, comment: '处理慢' };
    const early = await app.inject({ method: 'POST', url: `/api/services/case-ratings/${row.id}`, headers: { cookie: resident.cookie }, payload: body });
    expect(early.statusCode).toBe(409);
    await db.execute(sql`update cases set state = 'closed' where id = ${row.id}`);
    const stranger = await actorSession(ctx, 'resident', '110108001001');
    expect((await app.inject({ method: 'POST', url: `/api/services/case-ratings/${row.id}`, headers: { cookie: stranger.cookie }, payload: body })).statusCode).toBe(404);
    const res = await app.inject({ method: 'POST', url: `/api/services/case-ratings/${row.id}`, headers: { cookie: resident.cookie }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<RatingReceipt>().rating).toMatchObject({ subjectKind: 'case', subjectNumber: row.number, centreName: '翠微路社区' });
    expect(res.json<RatingReceipt>().rectificationDeadline).not.toBeNull();
    expect((await app.inject({ method: 'POST', url: `/api/services/case-ratings/${row.id}`, headers: { cookie: resident.cookie }, payload: body })).statusCode).toBe(409);
  });
});
