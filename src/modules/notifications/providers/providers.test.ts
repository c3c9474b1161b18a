import { describe, expect, it } from 'vitest';
import { sendAliyunSms } from './sms-aliyun.ts';
import { sendTencentSms } from './sms-tencent.ts';
import { sendWechatSubscribe, sendWechatTemplate, WechatTokenCache } from './wechat.ts';
import { ChannelError } from './send-http.ts';
import { fakeAliyunSms, fakeTencentSms, fakeWechat } from './test-support.ts';

const received = { number: 'HD20261130-000001', title: '东门垃圾堆放' };

describe('Alibaba Cloud SMS', async () => {
  const server = await fakeAliyunSms({ LTAIexample: 'secret-1' });
  const options = { accessKeyId: 'LTAIexample', accessKeySecret: 'secret-1', signName: '共治社区', templates: { 'case.received': 'SMS_100001' }, endpoint: server.base };

  it('sends SendSms signed as Alibaba Cloud verifies it, with the template variables by name', async () => {
    const result = await sendAliyunSms(options, '13812345678', 'case.received', received);
    expect(result.providerMessageId).toMatch(/\^0$/);
    const form = new URLSearchParams(server.seen.at(-1)!.body);
    expect(Object.fromEntries(form)).toMatchObject({ Action: 'SendSms', Version: '2017-05-25', PhoneNumbers: '13812345678', SignName: '共治社区', TemplateCode: 'SMS_100001', SignatureMethod: 'HMAC-SHA1' });
    expect(JSON.parse(form.get('TemplateParam')!)).toEqual(received);
  });

  it('is refused with a wrong secret, and says why', async () => {
    await expect(sendAliyunSms({ ...options, accessKeySecret: 'wrong' }, '13812345678', 'case.received', received)).rejects.toThrow(/SignatureDoesNotMatch/);
  });

  it('tells a permanent refusal (bad number, no template) from one worth retrying (flow control)', async () => {
    const bad = await sendAliyunSms(options, '1381234', 'case.received', received).catch((e: ChannelError) => e);
    expect(bad).toMatchObject({ permanent: true, message: expect.stringContaining('isv.MOBILE_NUMBER_ILLEGAL') });
    server.failNext.push({ status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' } });
    expect(await sendAliyunSms(options, '13812345678', 'case.received', received).catch((e: ChannelError) => e)).toMatchObject({ permanent: false });
    expect(await sendAliyunSms(options, '13812345678', 'case.closed', { ...received, result: '办结' }).catch((e: ChannelError) => e)).toMatchObject({ permanent: true });
  });
});

describe('Tencent Cloud SMS', async () => {
  const server = await fakeTencentSms({ AKIDexample: 'tencent-secret' });
  const options = { secretId: 'AKIDexample', secretKey: 'tencent-secret', sdkAppId: '1400000001', signName: '共治社区', templates: { 'case.received': '1234567' }, endpoint: server.base };

  it('sends SendSms signed with TC3-HMAC-SHA256 as Tencent Cloud verifies it, variables in the kind’s order', async () => {
    const result = await sendTencentSms(options, '13812345678', 'case.received', received);
    expect(result.providerMessageId).toMatch(/^2645:/);
    const seen = server.seen.at(-1)!;
    expect(seen.headers['x-tc-action']).toBe('SendSms');
    expect(JSON.parse(seen.body)).toEqual({ PhoneNumberSet: ['+8613812345678'], SmsSdkAppId: '1400000001', SignName: '共治社区', TemplateId: '1234567', TemplateParamSet: [received.number, received.title] });
  });

  it('is refused with a wrong key or a stale timestamp', async () => {
    await expect(sendTencentSms({ ...options, secretKey: 'wrong' }, '13812345678', 'case.received', received)).rejects.toThrow(/AuthFailure.SignatureFailure/);
    await expect(sendTencentSms({ ...options, now: () => new Date(Date.now() - 3_600_000) }, '13812345678', 'case.received', received)).rejects.toThrow(/AuthFailure.SignatureExpire/);
  });

  it('reads a per-number failure in SendStatusSet', async () => {
    server.failNext.push({ status: 200, body: { SendStatusSet: [{ Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: 'the number of sms messages sent from a single mobile number every day exceeds the upper limit' }] } });
    expect(await sendTencentSms(options, '13812345678', 'case.received', received).catch((e: ChannelError) => e)).toMatchObject({ permanent: false, message: expect.stringContaining('PhoneNumberDailyLimit') });
    server.failNext.push({ status: 200, body: { Error: { Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'incorrect phone number' } } });
    expect(await sendTencentSms(options, '13812345678', 'case.received', received).catch((e: ChannelError) => e)).toMatchObject({ permanent: true });
  });
});

describe('WeChat', async () => {
  const server = await fakeWechat({ wxOA: 'oa-secret', wxMini: 'mini-secret' });
  const oa = { appId: 'wxOA', appSecret: 'oa-secret', templates: { 'case.received': { id: 'TPL_OA', fields: { number: 'keyword1', title: 'keyword2' }, url: 'https://example.org/portal' } } };
  const mini = { appId: 'wxMini', appSecret: 'mini-secret', state: 'formal' as const, templates: { 'case.received': { id: 'TPL_MINI', fields: { number: 'character_string1', title: 'thing2' }, page: 'pages/case/index' } } };

  it('fetches the token once and reuses it for template messages', async () => {
    const tokens = new WechatTokenCache(server.base, oa);
    const first = await sendWechatTemplate(server.base, oa, tokens, 'oOpenId0001', 'case.received', received);
    await sendWechatTemplate(server.base, oa, tokens, 'oOpenId0002', 'case.received', received);
    expect(first.providerMessageId).toMatch(/^\d+$/);
    expect(tokens.fetches).toBe(1);
    const sent = server.seen.filter((r) => r.url.startsWith('/cgi-bin/message/template/send'));
    expect(JSON.parse(sent.at(-1)!.body)).toEqual({ touser: 'oOpenId0002', template_id: 'TPL_OA', url: 'https://example.org/portal', data: { keyword1: { value: received.number }, keyword2: { value: received.title } } });
  });

  it('refreshes the token on errcode 40001 and sends once more', async () => {
    const tokens = new WechatTokenCache(server.base, oa);
    await sendWechatTemplate(server.base, oa, tokens, 'oOpenId0001', 'case.received', received);
    server.revokeTokens();
    await sendWechatTemplate(server.base, oa, tokens, 'oOpenId0001', 'case.received', received);
    expect(tokens.fetches).toBe(2);
  });

  it('refreshes the token before it expires', async () => {
    let now = Date.now();
    const tokens = new WechatTokenCache(server.base, mini, () => now);
    await sendWechatSubscribe(server.base, mini, tokens, 'oMini0001', 'case.received', received);
    now += 6_000_000; // 100 minutes of the 120: still good
    await sendWechatSubscribe(server.base, mini, tokens, 'oMini0001', 'case.received', received);
    expect(tokens.fetches).toBe(1);
    now += 1_000_000; // within five minutes of expiry
    await sendWechatSubscribe(server.base, mini, tokens, 'oMini0001', 'case.received', received);
    expect(tokens.fetches).toBe(2);
    const sent = server.seen.filter((r) => r.url.startsWith('/cgi-bin/message/subscribe/send'));
    expect(JSON.parse(sent.at(-1)!.body)).toMatchObject({ touser: 'oMini0001', template_id: 'TPL_MINI', page: 'pages/case/index', miniprogram_state: 'formal', data: { thing2: { value: received.title } } });
  });

  it('shares one token fetch among concurrent senders', async () => {
    const tokens = new WechatTokenCache(server.base, oa);
    await Promise.all([1, 2, 3].map((i) => sendWechatTemplate(server.base, oa, tokens, `oOpenId000${i}`, 'case.received', received)));
    expect(tokens.fetches).toBe(1);
  });

  it('fails for good when the user refused the subscription', async () => {
    const tokens = new WechatTokenCache(server.base, mini);
    server.failNext.push({ status: 200, body: { errcode: 43101, errmsg: 'user refuse to accept the msg' } });
    expect(await sendWechatSubscribe(server.base, mini, tokens, 'oMini0001', 'case.received', received).catch((e: ChannelError) => e)).toMatchObject({ permanent: true, message: expect.stringContaining('43101') });
  });

  it('says so when the app secret is wrong', async () => {
    const tokens = new WechatTokenCache(server.base, { ...oa, appSecret: 'wrong' });
    await expect(sendWechatTemplate(server.base, oa, tokens, 'oOpenId0001', 'case.received', received)).rejects.toThrow(/40013/);
  });
});
