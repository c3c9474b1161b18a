// Tencent Cloud SMS (SendSms, API 3.0 version 2021-01-11), signed with TC3-HMAC-SHA256.
import type { MessageKind } from '../message-kinds.ts';
import { orderedParams } from '../message-kinds.ts';
import { tc3Authorization } from './signing.ts';
import { ChannelError, requestJson, type SendResult } from './send-http.ts';

export interface TencentSmsOptions {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templates: Readonly<Record<string, string>>;
  region?: string | undefined;
  endpoint?: string | undefined;
  now?: () => Date;
}

const CONTENT_TYPE = 'application/json; charset=utf-8';
// Codes where another try cannot succeed (Tencent Cloud's SMS error codes).
const permanentPrefixes = ['InvalidParameterValue.', 'FailedOperation.TemplateIncorrectOrUnapproved', 'FailedOperation.SignatureIncorrectOrUnapproved', 'UnsupportedOperation.', 'FailedOperation.PhoneNumberInBlacklist'];

function isPermanent(code: string): boolean {
  return permanentPrefixes.some((prefix) => code.startsWith(prefix));
}

/** Sends one SMS through Tencent Cloud; the variables go as TemplateParamSet, in the kind's order. */
export async function sendTencentSms(options: TencentSmsOptions, phone: string, kind: MessageKind, params: Readonly<Record<string, string>>): Promise<SendResult> {
  const templateId = options.templates[kind];
  if (!templateId) throw new ChannelError(`no Tencent Cloud template configured for ${kind}`, true);
  const url = options.endpoint ?? 'https://sms.tencentcloudapi.com/';
  // The Host header fetch sends is the URL's; the signature covers that one.
  const host = new URL(url).host;
  const timestamp = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const payload = JSON.stringify({
    PhoneNumberSet: [`+86${phone}`],
    SmsSdkAppId: options.sdkAppId,
    SignName: options.signName,
    TemplateId: templateId,
    TemplateParamSet: orderedParams(kind, params),
  });
  const { authorization } = tc3Authorization({ secretId: options.secretId, secretKey: options.secretKey, service: 'sms', host, contentType: CONTENT_TYPE, payload, timestamp });
  const { body } = await requestJson(url, {
    method: 'POST',
    headers: {
      authorization,
      'content-type': CONTENT_TYPE,
      'x-tc-action': 'SendSms',
      'x-tc-timestamp': String(timestamp),
      'x-tc-version': '2021-01-11',
      'x-tc-region': options.region ?? 'ap-guangzhou',
    },
    body: payload,
  });
  const response = (body.Response ?? {}) as { Error?: { Code?: string; Message?: string }; SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string }[] };
  if (response.Error) {
    const code = response.Error.Code ?? 'unknown';
    throw new ChannelError(`Tencent Cloud SMS ${code}: ${response.Error.Message ?? ''}`, isPermanent(code));
  }
  const status = response.SendStatusSet?.[0];
  if (status?.Code === 'Ok') return { providerMessageId: status.SerialNo };
  const code = status?.Code ?? 'no send status';
  throw new ChannelError(`Tencent Cloud SMS ${code}: ${status?.Message ?? ''}`, isPermanent(code));
}
