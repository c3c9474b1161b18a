// Local stand-ins for the providers' HTTP APIs, for tests: real node:http servers that
// verify each request's signature the way the provider does, recomputed here from the raw
// request (not with signing.ts), and answer with the provider's success and error bodies.
import crypto from 'node:crypto';
import http from 'node:http';
import { afterAll } from 'vitest';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeServer {
  base: string;
  seen: SeenRequest[];
  /** Answers the next requests with this instead of the normal answer (once per entry). */
  failNext: { status: number; body: object }[];
}

async function listen(handle: (req: SeenRequest, res: http.ServerResponse) => void): Promise<{ base: string; seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      handle(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen };
}

function json(res: http.ServerResponse, status: number, body: object): void {
  // No keep-alive: a pooled connection the server closes while idle would make a loaded test
  // machine see a network error (and a retry) where the test expects none.
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify(body));
}

/** Byte-wise RFC 3986 encoding as Alibaba's Java example does it (URLEncoder, then + → %20, * → %2A, %7E → ~). */
function rfc3986(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Alibaba Cloud's dysmsapi: checks the RPC signature of a form POST, then answers SendSms. */
export async function fakeAliyunSms(keys: Record<string, string>): Promise<FakeServer> {
  const failNext: FakeServer['failNext'] = [];
  const { base, seen } = await listen((req, res) => {
    const form = new URLSearchParams(req.body);
    const params = [...form.entries()].filter(([k]) => k !== 'Signature').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const canonical = params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
    const secret = keys[form.get('AccessKeyId') ?? ''];
    const expected = secret === undefined ? '' : crypto.createHmac('sha1', `${secret}&`).update(`${req.method}&%2F&${rfc3986(canonical)}`).digest('base64');
    const requestId = crypto.randomUUID().toUpperCase();
    if (secret === undefined) return json(res, 404, { RequestId: requestId, Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
    if (form.get('Signature') !== expected) {
      return json(res, 400, { RequestId: requestId, Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' });
    }
    const failure = failNext.shift();
    if (failure) return json(res, failure.status, { RequestId: requestId, ...failure.body });
    if (!/^1\d{10}$/.test(form.get('PhoneNumbers') ?? '')) return json(res, 200, { RequestId: requestId, Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
    json(res, 200, { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0` });
  });
  return { base: `${base}/`, seen, failNext };
}

/** Tencent Cloud's SMS API: checks the TC3-HMAC-SHA256 Authorization, then answers SendSms. */
export async function fakeTencentSms(keys: Record<string, string>, now: () => number = Date.now): Promise<FakeServer> {
  const failNext: FakeServer['failNext'] = [];
  const { base, seen } = await listen((req, res) => {
    const requestId = crypto.randomUUID();
    const error = (code: string, message: string) => json(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''));
    if (!auth) return error('AuthFailure.InvalidAuthorization', 'Authorization is not well formed.');
    const [, secretId, date, service, signedHeaders, signature] = auth as unknown as string[];
    const secretKey = keys[secretId!];
    if (secretKey === undefined) return error('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
    const timestamp = Number(req.headers['x-tc-timestamp']);
    if (Math.abs(now() / 1000 - timestamp) > 300) return error('AuthFailure.SignatureExpire', 'Signature expired.');
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return error('AuthFailure.SignatureFailure', 'The credential date does not match X-TC-Timestamp.');
    const names = signedHeaders!.split(';');
    if (!names.includes('content-type') || !names.includes('host')) return error('AuthFailure.SignatureFailure', 'content-type and host must be signed.');
    const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().toLowerCase()}\n`).join('');
    const hash = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
    const canonicalRequest = `${req.method}\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${hash(req.body)}`;
    const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${hash(canonicalRequest)}`;
    let key: Buffer = crypto.createHmac('sha256', `TC3${secretKey}`).update(date!).digest();
    key = crypto.createHmac('sha256', key).update(service!).digest();
    key = crypto.createHmac('sha256', key).update('tc3_request').digest();
    if (crypto.createHmac('sha256', key).update(stringToSign).digest('hex') !== signature) return error('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    const failure = failNext.shift();
    if (failure) return json(res, failure.status, { Response: { ...failure.body, RequestId: requestId } });
    const body = JSON.parse(req.body) as { PhoneNumberSet: string[] };
    json(res, 200, {
      Response: {
        SendStatusSet: body.PhoneNumberSet.map((phone) => ({ SerialNo: `2645:${crypto.randomInt(1e9)}`, PhoneNumber: phone, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' })),
        RequestId: requestId,
      },
    });
  });
  return { base: `${base}/`, seen, failNext };
}

export interface FakeWechat extends FakeServer {
  /** How many tokens were handed out. */
  tokensIssued(): number;
  /** Revokes every token handed out so far (as when another party forced a refresh). */
  revokeTokens(): void;
}

/** WeChat's API: stable_token, and template/subscribe sends that check the access token. */
export async function fakeWechat(apps: Record<string, string>): Promise<FakeWechat> {
  const failNext: FakeServer['failNext'] = [];
  let issued = 0;
  const valid = new Set<string>();
  const { base, seen } = await listen((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/cgi-bin/stable_token') {
      const body = JSON.parse(req.body) as { grant_type?: string; appid?: string; secret?: string };
      if (body.grant_type !== 'client_credential' || !body.appid || apps[body.appid] !== body.secret) return json(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      const token = `TOKEN_${++issued}`;
      valid.add(token);
      return json(res, 200, { access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/template/send' || url.pathname === '/cgi-bin/message/subscribe/send') {
      if (!valid.has(url.searchParams.get('access_token') ?? '')) return json(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      const failure = failNext.shift();
      if (failure) return json(res, failure.status, failure.body);
      const body = JSON.parse(req.body) as { touser?: string; template_id?: string; data?: object };
      if (!body.touser || !body.template_id || !body.data) return json(res, 200, { errcode: 47003, errmsg: 'argument invalid!' });
      return json(res, 200, { errcode: 0, errmsg: 'ok', msgid: 200228332 + seen.length });
    }
    json(res, 404, { errcode: -1, errmsg: 'not found' });
  });
  return { base, seen, failNext, tokensIssued: () => issued, revokeTokens: () => valid.clear() };
}
