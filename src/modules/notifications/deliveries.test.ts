import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { createJobRunner, type JobLogger } from '../../platform/jobs.ts';
import type { ChannelConfig } from '../../platform/config.ts';
import { createConfiguredCipher } from '../../app.ts';
import { actOnCase } from '../cases/index.ts';
import { queueChannelMessage } from './index.ts';
import { deliverMessage } from './deliveries.ts';
import { fakeAliyunSms, fakeTencentSms, fakeWechat } from './providers/test-support.ts';
import { makeActor, seedTree, setupTestApp, actorSession } from '../../../test/helpers.ts';
import { makeCase } from '../../../test/factories.ts';

const test = await setupTestApp();
const db = test.database.db;
const pii = createConfiguredCipher(test.config);
await seedTree(test.database);
const aliyun = await fakeAliyunSms({ LTAIexample: 'secret-1' });
const tencent = await fakeTencentSms({ AKIDexample: 'tencent-secret' });
const wechat = await fakeWechat({ wxOA: 'oa-secret' });
const templates = { 'case.received': 'SMS_1', 'case.dispatched': 'SMS_2', 'case.closed': 'SMS_3', 'case.rate': 'SMS_4', 'appointment.reminder': 'SMS_5' };

function useChannels(channels: Partial<ChannelConfig>): void {
  // A fresh object: the configured adapters are kept per configuration.
  test.config.channels = { ...test.config.channels, ...channels };
}

const logged: string[] = [];
const log: JobLogger = { info: (obj, msg) => logged.push(JSON.stringify({ ...obj, msg })), error: (obj, msg) => logged.push(`${String((obj as { err?: unknown }).err)} ${JSON.stringify(obj)} ${msg ?? ''}`) };
const runner = createJobRunner({ ctx: { database: test.database, config: test.config, pii }, handlers: { 'notify.deliver': deliverMessage }, log });

/** Runs the delivery jobs until none is left, each retry made due at once (the queue backs off 10 s, 40 s …). */
async function drain(): Promise<number> {
  let rounds = 0;
  for (;;) {
    await db.execute(sql`update jobs set run_at = now() where kind = 'notify.deliver' and status = 'pending'`);
    if ((await runner.runOnce()) === 0) return rounds;
    rounds++;
  }
}

interface DeliveryRow {
  id: number;
  recipient: string;
  status: string;
  attempts: number;
  provider: string;
  last_error: string | null;
  provider_message_id: string | null;
}
const deliveries = () => queryRows<DeliveryRow>(db, sql`select id::int as id, recipient, status, attempts, provider, last_error, provider_message_id from notification_deliveries order by id`);

describe('outbound deliveries', () => {
  it('sends through the configured Alibaba Cloud account and records the provider’s id', async () => {
    useChannels({ sms: { provider: 'aliyun', accessKeyId: 'LTAIexample', accessKeySecret: 'secret-1', signName: '共治', sdkAppId: undefined, region: undefined, endpoint: aliyun.base, templates } });
    const id = await queueChannelMessage(db, { pii }, { channel: 'sms', to: '13900001111', kind: 'appointment.reminder', params: { item: '老年证办理', time: '12月2日 9:00', place: '社区服务站' } });
    await drain();
    const row = (await deliveries()).find((d) => d.id === id);
    expect(row).toMatchObject({ status: 'sent', provider: 'aliyun', attempts: 1, recipient: '139****1111', last_error: null });
    expect(row?.provider_message_id).toMatch(/\^0$/);
  });

  it('sends through Tencent Cloud and WeChat when they are configured', async () => {
    useChannels({
      sms: { provider: 'tencent', accessKeyId: 'AKIDexample', accessKeySecret: 'tencent-secret', signName: '共治', sdkAppId: '1400000001', region: undefined, endpoint: tencent.base, templates },
      wechatApiBase: wechat.base,
      wechat: { appId: 'wxOA', appSecret: 'oa-secret', templates: { 'case.received': { id: 'TPL', fields: { number: 'keyword1', title: 'keyword2' } } } },
    });
    const sms = await queueChannelMessage(db, { pii }, { channel: 'sms', to: '13900002222', kind: 'case.received', params: { number: 'HD1', title: '垃圾' } });
    const wx = await queueChannelMessage(db, { pii }, { channel: 'wechat', to: 'oOpenId-abcdef', kind: 'case.received', params: { number: 'HD1', title: '垃圾' } });
    const wx2 = await queueChannelMessage(db, { pii }, { channel: 'wechat', to: 'oOpenId-ghijkl', kind: 'case.received', params: { number: 'HD2', title: '噪音' } });
    await drain();
    const rows = await deliveries();
    expect(rows.find((d) => d.id === sms)).toMatchObject({ status: 'sent', provider: 'tencent' });
    expect(rows.find((d) => d.id === wx)).toMatchObject({ status: 'sent', provider: 'wechat', recipient: 'oOp***def' });
    expect(rows.find((d) => d.id === wx2)).toMatchObject({ status: 'sent' });
    // One token for both messages: the cache lives with the configuration.
    expect(wechat.tokensIssued()).toBe(1);
  });

  it('refuses an unknown kind or a missing variable, naming the field, and queues nothing', async () => {
    const before = (await deliveries()).length;
    await expect(queueChannelMessage(db, { pii }, { channel: 'sms', to: '13900001111', kind: 'case.received', params: { number: 'HD1' } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'params.title', message: 'required by case.received' }] },
    });
    await expect(queueChannelMessage(db, { pii }, { channel: 'sms', to: '13900001111', kind: 'case.nonsense' as 'case.received', params: {} })).rejects.toMatchObject({ details: { fields: [{ field: 'kind' }] } });
    expect((await deliveries()).length).toBe(before);
  });

  it('retries a failed send and then marks it failed, without blocking the case', async () => {
    useChannels({ sms: { provider: 'aliyun', accessKeyId: 'LTAIexample', accessKeySecret: 'secret-1', signName: '共治', sdkAppId: undefined, region: undefined, endpoint: aliyun.base, templates } });
    for (let i = 0; i < 5; i++) aliyun.failNext.push({ status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发天级流控Permits:10 13700003333' } });
    const { actor } = await makeActor(test.database, 'community_staff', '110108001001');
    const deps = { db, pii, dataDir: test.config.dataDir };
    const reported = await makeCase(deps, actor, { reporter: { name: '李先生', phone: '13700003333' } });
    const { row } = await actOnCase(deps, actor, reported.id, { action: 'accept' });
    expect(row.state).toBe('accepted');
    const rounds = await drain();
    expect(rounds).toBe(5);
    const [failed] = (await deliveries()).filter((d) => d.recipient === '137****3333');
    expect(failed).toMatchObject({ status: 'failed', attempts: 5, provider: 'aliyun' });
    expect(failed?.last_error).toContain('isv.BUSINESS_LIMIT_CONTROL');
    // The provider echoed the number: the record and the log keep it masked.
    expect(failed?.last_error).toContain('137****3333');
    const [job] = await queryRows<{ status: string; attempts: number }>(db, sql`select status, attempts from jobs where kind = 'notify.deliver' order by id desc limit 1`);
    expect(job).toEqual({ status: 'failed', attempts: 5 });
    const [state] = await queryRows<{ state: string }>(db, sql`select state from cases where id = ${reported.id}`);
    expect(state?.state).toBe('accepted');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toMatch(/13700003333|13900001111|13900002222/);
  });

  it('fails at once, without retries, when the provider says another try cannot help', async () => {
    const id = await queueChannelMessage(db, { pii }, { channel: 'sms', to: '13900009999', kind: 'case.closed', params: { number: 'HD1', title: '垃圾', result: '办结' } });
    aliyun.failNext.push({ status: 200, body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' } });
    expect(await drain()).toBe(1);
    expect((await deliveries()).find((d) => d.id === id)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('caps the SMS sent to one phone in a day', async () => {
    useChannels({ smsDailyCap: 2 });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await queueChannelMessage(db, { pii }, { channel: 'sms', to: '13600004444', kind: 'case.received', params: { number: `HD${i}`, title: '垃圾' } }));
    await drain();
    const rows = (await deliveries()).filter((d) => ids.includes(d.id));
    // Which of the three is capped depends on the order the queue runs them in.
    expect(rows.map((d) => d.status).sort()).toEqual(['capped', 'sent', 'sent']);
    // Another phone is not held back by it.
    const other = await queueChannelMessage(db, { pii }, { channel: 'sms', to: '13600005555', kind: 'case.received', params: { number: 'HD9', title: '垃圾' } });
    await drain();
    expect((await deliveries()).find((d) => d.id === other)?.status).toBe('sent');
  });

  it('lists deliveries to the administrators only, paged and by status, recipients masked', async () => {
    const admin = await actorSession(test, 'system_admin');
    const security = await actorSession(test, 'security_admin');
    const staff = await actorSession(test, 'community_staff', '110108001001');
    const failed = await test.app.inject({ method: 'GET', url: '/api/notifications/deliveries?status=failed&pageSize=1', headers: { cookie: admin.cookie } });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ status: 'failed', channel: 'sms' }] });
    const all = await test.app.inject({ method: 'GET', url: '/api/notifications/deliveries?pageSize=100', headers: { cookie: security.cookie } });
    expect(all.json().total).toBe((await deliveries()).length);
    expect(all.body).not.toMatch(/13[6-9]000\d{5}/);
    expect(all.body).not.toContain('recipientHash');
    expect((await test.app.inject({ method: 'GET', url: '/api/notifications/deliveries', headers: { cookie: staff.cookie } })).statusCode).toBe(403);
    expect((await test.app.inject({ method: 'GET', url: '/api/notifications/deliveries' })).statusCode).toBe(401);
    const bad = await test.app.inject({ method: 'GET', url: '/api/notifications/deliveries?status=lost', headers: { cookie: admin.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('status');
  });
});
