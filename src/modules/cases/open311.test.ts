import { describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/scope.ts';
import { createApiKey } from '../accounts/index.ts';
import { inGA1, inGB1, setupCaseWorld } from './test-support.ts';

const world = await setupCaseWorld();
const { ctx, step } = world;
const security = { ...systemActor, grants: [{ role: 'security_admin' as const, orgPath: '' }] };
const { key } = await createApiKey(ctx.database.db, security, { name: 'city app', orgCode: '110108', role: 'open311_client' });
const { key: streetKey } = await createApiKey(ctx.database.db, security, { name: 'street kiosk', orgCode: '110108002', role: 'open311_client' });

const get = (url: string) => ctx.app.inject({ method: 'GET', url });
const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(fields).toString() });

describe('Open311 GeoReport v2: discovery and services', () => {
  it('serves discovery in JSON and XML', async () => {
    const json = await get('/open311/v2/discovery.json');
    expect(json.statusCode).toBe(200);
    expect(json.json().endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['text/xml', 'application/json'] });
    const xml = await get('/open311/v2/discovery.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><discovery>/);
    expect(xml.body).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');
    expect(xml.body).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');
  });

  it('lists subclasses as services with their class as group, and their definitions', async () => {
    const services = (await get('/open311/v2/services.json')).json();
    const lamp = services.find((s: { service_code: string }) => s.service_code === '0701');
    expect(lamp).toMatchObject({ service_name: '路灯损坏', group: '市政设施', metadata: true, type: 'realtime' });
    expect(services.find((s: { service_code: string }) => s.service_code === '05')).toBeUndefined();
    const xml = (await get('/open311/v2/services.xml')).body;
    expect(xml).toContain('<services><service><service_code>0101</service_code><service_name>邻里纠纷</service_name>');
    const definition = (await get('/open311/v2/services/0801.json')).json();
    expect(definition).toMatchObject({ service_code: '0801', attributes: [{ variable: true, code: 'trapped', datatype: 'singlevaluelist', required: true, values: [{ key: 'yes' }, { key: 'no' }] }] });
    const defXml = (await get('/open311/v2/services/0801.xml')).body;
    expect(defXml).toContain('<service_definition><service_code>0801</service_code><attributes><attribute><variable>true</variable><code>trapped</code>');
    expect(defXml).toContain('<values><value><key>yes</key><name>有人被困</name></value>');
  });

  it('answers errors in the spec format and status', async () => {
    const missing = await get('/open311/v2/services/9876.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: 'service_code 9876 not found' }]);
    const xml = await get('/open311/v2/services/9876.xml');
    expect(xml.body).toBe('<?xml version="1.0" encoding="UTF-8"?><errors><error><code>404</code><description>service_code 9876 not found</description></error></errors>');
    expect((await get('/open311/v2/services.csv')).statusCode).toBe(404);
    expect((await get('/open311/v2/nothing.json')).json()[0].code).toBe(404);
  });
});

describe('Open311 GeoReport v2: requests', () => {
  it('takes a form-encoded request with api_key, and refuses a missing or wrong key with 403', async () => {
    const noKey = await postForm('/open311/v2/requests.json', { service_code: '0701', lat: String(inGA1.lat), long: String(inGA1.lng) });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()[0].code).toBe(403);
    const badKey = await postForm('/open311/v2/requests.xml', { api_key: 'gzk_00000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', service_code: '0701', lat: '39.9', long: '116.28' });
    expect(badKey.statusCode).toBe(403);
    expect(badKey.body).toContain('<errors><error><code>403</code>');
    const created = await postForm('/open311/v2/requests.json', {
      api_key: key,
      service_code: '0701',
      lat: String(inGA1.lat),
      long: String(inGA1.lng),
      address_string: '翠微路与复兴路交叉口',
      description: '路灯不亮已经一周',
      'attribute[lamp_number]': 'HD-0231',
      first_name: '明',
      last_name: '李',
      phone: '13600003333',
      media_url: 'https://example.org/lamp.jpg',
    });
    expect(created.statusCode, created.body).toBe(200);
    const [answer] = created.json();
    expect(answer.service_request_id).toMatch(/^HD\d{8}-\d{6}$/);
    expect(answer.token).toBeTruthy();
    const token = await get(`/open311/v2/tokens/${answer.token}.json`);
    expect(token.json()).toEqual([{ service_request_id: answer.service_request_id, token: answer.token }]);
    const one = (await get(`/open311/v2/requests/${answer.service_request_id}.json`)).json();
    expect(one[0]).toMatchObject({ service_request_id: answer.service_request_id, status: 'open', service_code: '0701', service_name: '路灯损坏', address: '翠微路与复兴路交叉口', lat: inGA1.lat, long: inGA1.lng, media_url: 'https://example.org/lamp.jpg' });
    expect(one[0].requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(one[0].expected_datetime).toMatch(/\+08:00$/);
    expect(JSON.stringify(one)).not.toContain('13600003333');
    // The X-API-Key header works too.
    const viaHeader = await postForm('/open311/v2/requests.json', { service_code: '0702', lat: String(inGA1.lat), long: String(inGA1.lng), description: '路面塌陷' }, { 'x-api-key': key });
    expect(viaHeader.statusCode).toBe(200);
  });

  it('checks service attributes, location and the key’s area', async () => {
    const noTrapped = await postForm('/open311/v2/requests.json', { api_key: key, service_code: '0801', lat: String(inGA1.lat), long: String(inGA1.lng) });
    expect(noTrapped.statusCode).toBe(400);
    expect(noTrapped.json()[0].description).toContain('attribute[trapped]');
    const badValue = await postForm('/open311/v2/requests.json', { api_key: key, service_code: '0801', lat: String(inGA1.lat), long: String(inGA1.lng), 'attribute[trapped]': 'maybe' });
    expect(badValue.statusCode).toBe(400);
    const noLocation = await postForm('/open311/v2/requests.json', { api_key: key, service_code: '0701' });
    expect(noLocation.statusCode).toBe(400);
    const outside = await postForm('/open311/v2/requests.json', { api_key: key, service_code: '0701', lat: '30', long: '100' });
    expect(outside.statusCode).toBe(400);
    const otherStreet = await postForm('/open311/v2/requests.json', { api_key: streetKey, service_code: '0701', lat: String(inGA1.lat), long: String(inGA1.lng) });
    expect(otherStreet.statusCode).toBe(403);
    const byAddress = await postForm('/open311/v2/requests.json', { api_key: streetKey, service_code: '0701', address_string: '永定路东街5号' });
    expect(byAddress.statusCode, byAddress.body).toBe(200);
    const unknown = await postForm('/open311/v2/requests.json', { api_key: key, service_code: '9876', lat: '39.9', long: '116.28' });
    expect(unknown.statusCode).toBe(404);
  });

  it('lists requests with the spec filters, status mapping and paging, in JSON and XML', async () => {
    const open = await world.report('hotline', { categoryCode: '0601', ...inGB1, title: '占道经营', description: '早市摊位占用人行道' });
    const done = await world.caseIn('closed', { categoryCode: '0601' });
    const rejected = await world.report('hotline', { categoryCode: '0601' });
    await step('hotline', rejected.id, 'reject', { reason: '已由城管执法处理' });
    const privateMatter = await world.report('hotline', { categoryCode: '0101' });
    const list = (await get('/open311/v2/requests.json?service_code=0601')).json();
    const byId = new Map(list.map((r: { service_request_id: string }) => [r.service_request_id, r]));
    expect(byId.get(open.number)).toMatchObject({ status: 'open', agency_responsible: '永定路东街社区' });
    expect(byId.get(done.number)).toMatchObject({ status: 'closed', agency_responsible: '海淀区城市管理委员会', expected_datetime: null });
    expect((byId.get(done.number) as { status_notes: string }).status_notes).toContain('已清运完毕');
    expect((byId.get(rejected.number) as { status_notes: string }).status_notes).toContain('已由城管执法处理');
    expect((await get(`/open311/v2/requests/${privateMatter.number}.json`)).statusCode).toBe(404);
    const closedOnly = (await get('/open311/v2/requests.json?service_code=0601&status=closed')).json();
    expect(closedOnly.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    expect(closedOnly.length).toBe(2);
    const byIds = (await get(`/open311/v2/requests.json?service_request_id=${open.number},${done.number}&status=closed`)).json();
    expect(byIds.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([open.number, done.number].sort());
    const future = (await get('/open311/v2/requests.json?start_date=2030-01-01T00:00:00Z')).json();
    expect(future).toEqual([]);
    const page1 = (await get('/open311/v2/requests.json?page_size=2&page=1')).json();
    const page2 = (await get('/open311/v2/requests.json?page_size=2&page=2')).json();
    expect(page1).toHaveLength(2);
    expect(page2[0].service_request_id).not.toBe(page1[0].service_request_id);
    const xml = (await get('/open311/v2/requests.xml?service_code=0601&status=open')).body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><service_requests><request><service_request_id>/);
    expect(xml).toContain('<status>open</status>');
    expect((await get('/open311/v2/requests.json?status=pending')).statusCode).toBe(400);
    expect((await get('/open311/v2/requests.json?start_date=yesterday')).statusCode).toBe(400);
    expect((await get('/open311/v2/requests/HD20990101-000001.xml')).body).toContain('<code>404</code>');
  });
});
