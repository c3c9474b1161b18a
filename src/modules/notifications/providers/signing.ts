// Request signatures of the SMS providers, written from their documentation: Alibaba Cloud's
// RPC signature (HMAC-SHA1 over the percent-encoded canonical query) and Tencent Cloud's
// API 3.0 signature (TC3-HMAC-SHA256). Pure functions, so the published worked examples can
// check them.
import crypto from 'node:crypto';

/** Alibaba Cloud's percent-encoding: RFC 3986 (encodeURIComponent plus ! ' ( ) *), space as %20, ~ kept. */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonical query: parameters (Signature excluded) sorted by name, each name=value percent-encoded, joined by &. */
export function aliyunCanonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k] ?? '')}`)
    .join('&');
}

/** Base64(HMAC-SHA1(secret + "&", METHOD + "&" + enc("/") + "&" + enc(canonical query))). */
export function aliyunRpcSignature(method: 'GET' | 'POST', params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
  return crypto.createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac256(key: crypto.BinaryLike, text: string): Buffer {
  return crypto.createHmac('sha256', key).update(text, 'utf8').digest();
}

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** The product, e.g. "sms"; part of the credential scope. */
  service: string;
  host: string;
  contentType: string;
  /** The exact body bytes sent (JSON). */
  payload: string;
  /** Unix seconds; its UTC date is part of the credential scope. */
  timestamp: number;
}

/** The Authorization header of a TC3-HMAC-SHA256 POST to "/" signing content-type and host. */
export function tc3Authorization(input: Tc3Input): { authorization: string; signature: string } {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = ['POST', '/', '', `content-type:${input.contentType.toLowerCase()}\nhost:${input.host.toLowerCase()}\n`, signedHeaders, sha256Hex(input.payload)].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const secretDate = hmac256(`TC3${input.secretKey}`, date);
  const secretService = hmac256(secretDate, input.service);
  const secretSigning = hmac256(secretService, 'tc3_request');
  const signature = crypto.createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  return {
    signature,
    authorization: `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
