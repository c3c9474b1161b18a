// Alibaba Cloud SMS (dysmsapi SendSms, version 2017-05-25), signed with the RPC signature.
import crypto from 'node:crypto';
import type { MessageKind } from '../message-kinds.ts';
import { aliyunCanonicalQuery, aliyunPercentEncode, aliyunRpcSignature } from './signing.ts';
import { ChannelError, requestJson, type SendResult } from './send-http.ts';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templates: Readonly<Record<string, string>>;
  region?: string | undefined;
  endpoint?: string | undefined;
  now?: () => Date;
}

// Codes where another try cannot succeed (Alibaba Cloud's SendSms error list).
const permanentCodes = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.INVALID_PARAMETERS',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.MOBILE_COUNT_OVER_LIMIT',
]);

/** Sends one SMS through Alibaba Cloud; the variables go as TemplateParam (JSON, by name). */
export async function sendAliyunSms(options: AliyunSmsOptions, phone: string, kind: MessageKind, params: Readonly<Record<string, string>>): Promise<SendResult> {
  const templateCode = options.templates[kind];
  if (!templateCode) throw new ChannelError(`no Alibaba Cloud template configured for ${kind}`, true);
  const now = options.now?.() ?? new Date();
  const query: Record<string, string> = {
    AccessKeyId: options.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: phone,
    RegionId: options.region ?? 'cn-hangzhou',
    SignName: options.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: crypto.randomUUID(),
    SignatureVersion: '1.0',
    TemplateCode: templateCode,
    TemplateParam: JSON.stringify(params),
    Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  const signature = aliyunRpcSignature('POST', query, options.accessKeySecret);
  const { body } = await requestJson(options.endpoint ?? 'https://dysmsapi.aliyuncs.com/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `${aliyunCanonicalQuery(query)}&Signature=${aliyunPercentEncode(signature)}`,
  });
  if (body.Code === 'OK') return { providerMessageId: typeof body.BizId === 'string' ? body.BizId : undefined };
  const code = String(body.Code ?? 'unknown');
  throw new ChannelError(`Alibaba Cloud SMS ${code}: ${String(body.Message ?? '')}`, permanentCodes.has(code));
}
