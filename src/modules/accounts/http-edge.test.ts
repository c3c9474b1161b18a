// The HTTP edge against the probe's findings: what the access log keeps of a scripted
// session, NUL bytes and absurd numbers, foreign Origins, the Content-Security-Policy, and
// the caller checked before the input.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http.ts';
import { redactUrl } from '../../platform/http-guards.ts';
import { createConfiguredCipher } from '../../app.ts';
import { modules } from '../index.ts';
import { createApiKey } from './index.ts';
import { makeIdNumber } from '../registry/index.ts';
import { createTestDatabase, makeActor, seedTree, signIn, testConfig, TEST_PASSWORD } from '../../../test/helpers.ts';
import { makeBuilding, makeHouse, makeResident } from '../../../test/factories.ts';
import { zipBomb, zipOfManyEntries } from '../../../test/zip.ts';

const database = await createTestDatabase();
const config = testConfig({ logLevel: 'info' });
const log: string[] = [];
const logStream = new PassThrough();
logStream.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
const pii = createConfiguredCipher(config);
const app = await buildApp({ ctx: { database, config, pii }, modules, logStream });
afterAll(async () => {
  await app.close();
  await database.close();
});
await seedTree(database);
const db = database.db;

const staff = await makeActor(database, 'community_staff', '110108001001');
const hotline = await makeActor(database, 'hotline_operator', '110108');
const security = await makeActor(database, 'security_admin');
const staffCookie = await signIn(app, staff.username);
const hotlineCookie = await signIn(app, hotline.username);

describe('the access log', () => {
  it('keeps no phone, ID number, API key or password from a scripted session', async () => {
    const building = await makeBuilding(db, staff.actor);
    const house = await makeHouse(db, staff.actor, { buildingId: building.id });
    const idNumber = makeIdNumber({ regionCode: '110108', birthDate: '1980-05-17', sequence: 123 });
    const phone = '13912345678';
    await makeResident(db, pii, staff.actor, { houseId: house.id, name: '日志测试', idNumber, phone });
    const { key } = await createApiKey(db, security.actor, { name: 'log test', role: 'open311_client', orgCode: '110108' });

    const calls = [
      { method: 'GET', url: `/api/registry/residents?q=${phone}`, cookie: staffCookie },
      { method: 'GET', url: `/api/registry/residents?idNumber=${idNumber}&page=1`, cookie: staffCookie },
      { method: 'GET', url: `/api/registry/residents?phone=${phone}`, cookie: staffCookie },
      { method: 'GET', url: `/api/registry/residents?q=${encodeURIComponent(idNumber)}`, cookie: staffCookie },
      { method: 'GET', url: `/api/cases/hotline/caller?phone=${phone}`, cookie: hotlineCookie },
      { method: 'GET', url: `/open311/v2/requests.json?api_key=${key}&page=1`, cookie: undefined },
      { method: 'GET', url: `/api/org/nodes?token=${key}&password=${TEST_PASSWORD}`, cookie: staffCookie },
    ] as const;
    for (const call of calls) {
      const res = await app.inject({ method: call.method, url: call.url, headers: call.cookie ? { cookie: call.cookie } : {} });
      expect(res.statusCode, call.url).toBeLessThan(500);
    }
    const searched = await app.inject({ method: 'POST', url: '/api/registry/residents/search', headers: { cookie: staffCookie }, payload: { q: phone } });
    expect(searched.json().items.length).toBe(1);

    const text = log.join('');
    expect(text).toContain('/api/registry/residents?q=***');
    expect(text).toContain('/open311/v2/requests.json?api_key=***&page=1');
    for (const secret of [phone, idNumber, phone.slice(3), idNumber.slice(-8), key, key.slice(4, 20), TEST_PASSWORD, encodeURIComponent(TEST_PASSWORD)]) {
      expect(text.includes(secret), `the log holds ${secret}`).toBe(false);
    }
  });

  it('redacts names holding phone, id, key, token or password, and keeps paging', () => {
    expect(redactUrl('/x?reporterPhone=1&gridId=2&apiKey=3&accessToken=4&newPassword=5&page=2&pageSize=20&status=open')).toBe(
      '/x?reporterPhone=***&gridId=***&apiKey=***&accessToken=***&newPassword=***&page=2&pageSize=20&status=open',
    );
    expect(redactUrl('/x?%70hone=13912345678')).toBe('/x?%70hone=***');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});

describe('input no route should see', () => {
  const fieldsOf = (res: Awaited<ReturnType<typeof app.inject>>) => (res.json().error.details.fields as { field: string }[]).map((f) => f.field);

  it('answers a NUL byte in a filter or a title with 400 naming the field', async () => {
    const filter = await app.inject({ method: 'GET', url: '/api/registry/residents?q=a%00b', headers: { cookie: staffCookie } });
    expect(filter.statusCode).toBe(400);
    expect(fieldsOf(filter)).toEqual(['querystring.q']);
    const inBody = await app.inject({ method: 'POST', url: '/api/registry/residents/search', headers: { cookie: staffCookie }, payload: { q: 'a\u0000b' } });
    expect(fieldsOf(inBody)).toEqual(['body.q']);
    const title = await app.inject({ method: 'POST', url: '/api/registry/buildings', headers: { cookie: staffCookie }, payload: { gridCode: 'GA1', name: '3号楼\u0000' } });
    expect(title.statusCode).toBe(400);
    expect(fieldsOf(title)).toEqual(['body.name']);
  });

  it('answers absurd numbers (Open311 page=1e309, huge offsets) with 400 naming the field', async () => {
    const open311 = await app.inject({ method: 'GET', url: '/open311/v2/requests.json?page=1e309' });
    expect(open311.statusCode).toBe(400);
    // Open311 answers in the spec's error format, naming the field in the description.
    expect(open311.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('querystring.page') });
    const huge = await app.inject({ method: 'GET', url: '/open311/v2/requests.json?page=99999999999999999999' });
    expect(huge.statusCode).toBe(400);
    const paged = await app.inject({ method: 'GET', url: '/api/registry/residents?page=1e309', headers: { cookie: staffCookie } });
    expect(paged.statusCode).toBe(400);
    expect(fieldsOf(paged)).toEqual(['querystring.page']);
    const far = await app.inject({ method: 'GET', url: '/api/registry/residents?page=900000000000', headers: { cookie: staffCookie } });
    expect(far.statusCode).toBe(400);
    expect(fieldsOf(far)).toEqual(['querystring.page']);
  });
});

describe('.xlsx uploads', () => {
  const upload = (url: string, bytes: Buffer) => {
    const head = '--x\r\nContent-Disposition: form-data; name="file"; filename="ledger.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n';
    return app.inject({
      method: 'POST',
      url,
      headers: { cookie: staffCookie, 'content-type': 'multipart/form-data; boundary=x' },
      payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from('\r\n--x--\r\n')]),
    });
  };

  it('answers a zip bomb with 400 ARCHIVE_TOO_LARGE and a clear Chinese message, never INTERNAL', async () => {
    const facilities = await upload('/api/facilities/import?format=xlsx', await zipBomb(200));
    expect(facilities.statusCode).toBe(400);
    expect(facilities.json().error.code).toBe('ARCHIVE_TOO_LARGE');
    expect(facilities.json().error.message).toContain('解压后过大');
    const ledger = await upload('/api/registry/imports?communityCode=110108001001', zipOfManyEntries(2_001));
    expect(ledger.statusCode).toBe(400);
    expect(ledger.json().error.code).toBe('ARCHIVE_TOO_LARGE');
  });
});

describe('the browser edge', () => {
  it('refuses a state-changing request from a foreign Origin, and allows none or its own', async () => {
    const login = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username: staff.username, password: TEST_PASSWORD } });
    const foreign = await login({ origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('FOREIGN_ORIGIN');
    expect((await login({ origin: 'null' })).statusCode).toBe(403);
    expect((await login({})).statusCode).toBe(200);
    expect((await login({ origin: 'http://localhost:80', host: 'localhost:80' })).statusCode).toBe(200);
    // A multipart upload from another site is refused before it is read.
    const upload = await app.inject({
      method: 'POST',
      url: '/api/registry/imports?communityCode=110108001001',
      headers: { cookie: staffCookie, origin: 'https://evil.example', 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na\r\n--x--\r\n',
    });
    expect(upload.statusCode).toBe(403);
    // Reading is not refused: a GET carries no Origin-based forgery risk here.
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: staffCookie, origin: 'https://evil.example' } })).statusCode).toBe(200);
  });

  it('sends a Content-Security-Policy without inline script', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/config/public' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
