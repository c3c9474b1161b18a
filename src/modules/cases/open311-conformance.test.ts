// An independent conformance check of /open311/v2/, written from the GeoReport v2
// specification (http://wiki.open311.org/GeoReport_v2) and its servicerequestupdates
// extension, not from our code: every answer is read back through a generic XML reader
// (as FixMyStreet's XML::Simple reads it, lists forced to arrays) or as JSON, and checked
// against what the spec says a client may rely on. The last part replays the requests
// FixMyStreet's Open311 module (perllib/Open311.pm) sends, in the shapes it sends them.
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createConfiguredCipher } from '../../app.ts';
import { actorAt, makeBuilding, makeHouse } from '../../../test/factories.ts';
import { caseAttachments, cases } from './schema.ts';
import { inGA1, inGB1, open311Key, setupCaseWorld, testJpeg } from './test-support.ts';

const world = await setupCaseWorld();
const { ctx, call, ok, step } = world;
const db = ctx.database.db;
const districtKey = await open311Key(ctx, '110108', 'city app');
const streetKey = await open311Key(ctx, '110108002', 'street kiosk');
const communityKey = await open311Key(ctx, '110108001001', 'community board');
const otherKey = await open311Key(ctx, '110108', 'another client');

// Buildings of the registry the address-only requests are matched against.
const registrar = actorAt('community_staff', '110000.110100.110108.110108001.110108001001');
const cuiwei = await makeBuilding(db, registrar, { gridCode: 'GA1', name: '3号楼', address: '翠微路28号院', lng: 116.2851, lat: 39.9052 });
const cuiweiHouse = await makeHouse(db, registrar, { buildingId: cuiwei.id, unit: '2', number: '501' });
const yongding = await makeBuilding(db, actorAt('community_staff', '110000.110100.110108.110108002.110108002001'), { gridCode: 'GB1', name: '永定路东街5号楼', lng: 116.3052, lat: 39.9051 });

// ---------------------------------------------------------------------------- a generic XML reader

type Xml = string | null | Xml[] | { [name: string]: Xml };
// The spec's (and the extension's) list elements, forced to arrays as FixMyStreet does.
const lists = new Set(['services', 'service_requests', 'service_request_updates', 'attributes', 'values', 'errors', 'endpoints', 'formats']);

function readXml(text: string): { root: string; value: Xml } {
  const parser = new SaxesParser();
  const stack: { name: string; children: { name: string; value: Xml }[]; text: string }[] = [];
  let result: { root: string; value: Xml } | undefined;
  parser.on('opentag', (tag) => stack.push({ name: tag.name, children: [], text: '' }));
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    const node = stack.pop() as (typeof stack)[number];
    let value: Xml;
    if (lists.has(node.name)) value = node.children.map((c) => c.value);
    else if (node.children.length) value = Object.fromEntries(node.children.map((c) => [c.name, c.value]));
    else value = node.text === '' ? null : node.text;
    const parent = stack.at(-1);
    if (parent) parent.children.push({ name: node.name, value });
    else result = { root: node.name, value };
  });
  parser.write(text).close();
  return result as { root: string; value: Xml };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
type Any = any;
const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });
const getJson = async (url: string) => (await get(url)).json() as Any;
const getXml = async (url: string) => {
  const res = await get(url);
  expect(res.headers['content-type']).toMatch(/^text\/xml/);
  return readXml(res.body);
};
const postForm = (url: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return ctx.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
};
/** multipart/form-data as HTTP::Request::Common builds it: fields (lists flattened), then files. */
function multipart(fields: Record<string, string | string[]>, files: { field: string; filename: string; type: string; bytes: Buffer }[]) {
  const boundary = `xYzZY${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${one}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const postMultipart = (url: string, fields: Record<string, string | string[]>, files: Parameters<typeof multipart>[1]) => {
  const body = multipart(fields, files);
  return ctx.app.inject({ method: 'POST', url, headers: body.headers, payload: body.payload });
};
const w3c = (d: Date) => `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000);
const caseRow = async (number: string) => (await db.select().from(cases).where(eq(cases.number, number)))[0] as typeof cases.$inferSelect;
const staffCase = async (number: string) => {
  const row = await caseRow(number);
  return ok(call('district', 'GET', `/api/cases/${row.id}`));
};
const expectSpecError = (res: { statusCode: number; json: () => Any; body: string }, code: number) => {
  expect(res.statusCode, res.body).toBe(code);
  if (res.body.startsWith('<?xml')) {
    const xml = readXml(res.body);
    expect(xml.root).toBe('errors');
    expect((xml.value as Any[])[0]).toMatchObject({ code: String(code), description: expect.any(String) });
    return;
  }
  const errors = res.json();
  expect(Array.isArray(errors)).toBe(true);
  expect(errors[0]).toMatchObject({ code, description: expect.any(String) });
};
const submit = async (fields: Record<string, string | string[]>) => {
  const res = await postForm('/open311/v2/requests.json', fields);
  expect(res.statusCode, res.body).toBe(200);
  return res.json()[0] as { service_request_id: string; token: string | null };
};

const datatypes = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'];
const requestFields = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
const w3cPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/;

describe('GeoReport v2: discovery, services and definitions', () => {
  it('discovery names the specification, endpoint, formats and changeset in JSON and XML', async () => {
    const json = await getJson('/open311/v2/discovery.json');
    expect(json.changeset).toMatch(w3cPattern);
    expect(json.contact).toBeTruthy();
    expect(json.key_service).toBeTruthy();
    expect(json.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
    expect(json.endpoints[0].url).toMatch(/\/open311\/v2\/$/);
    const xml = await getXml('/open311/v2/discovery.xml');
    expect(xml.root).toBe('discovery');
    expect((xml.value as Any).endpoints[0].formats).toEqual(['text/xml', 'application/json']);
  });

  it('lists services with the spec fields; private and sensitive categories are blackbox', async () => {
    const xml = await getXml('/open311/v2/services.xml');
    expect(xml.root).toBe('services');
    const services = xml.value as Any[];
    for (const s of services) {
      expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      expect(['true', 'false']).toContain(s.metadata);
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
    }
    const byCode = new Map(services.map((s) => [s.service_code, s]));
    expect(byCode.get('0701')).toMatchObject({ type: 'realtime', metadata: 'true' });
    expect(byCode.get('0101')?.type).toBe('blackbox');
    expect(byCode.get('0901')?.type).toBe('blackbox');
    expect(byCode.get('0201')?.type).toBe('blackbox');
    const json = await getJson('/open311/v2/services.json');
    expect(json.length).toBe(services.length);
    expect(typeof json[0].metadata).toBe('boolean');
  });

  it('defines each service’s attributes as the spec types them, and answers 404 for an unknown one', async () => {
    const definition = (await getXml('/open311/v2/services/0801.xml')).value as Any;
    expect(definition.service_code).toBe('0801');
    for (const a of definition.attributes) {
      expect(a).toMatchObject({ variable: expect.stringMatching(/^(true|false)$/), code: expect.any(String), required: expect.stringMatching(/^(true|false)$/), order: expect.stringMatching(/^\d+$/) });
      expect(datatypes).toContain(a.datatype);
      if (a.datatype.endsWith('valuelist')) expect(a.values[0]).toMatchObject({ key: expect.any(String), name: expect.any(String) });
    }
    expectSpecError(await get('/open311/v2/services/nope.json'), 404);
    const xml = readXml((await get('/open311/v2/services/nope.xml')).body);
    expect(xml.root).toBe('errors');
    expect((xml.value as Any)[0]).toMatchObject({ code: '404' });
  });
});

describe('GeoReport v2: POST service request', () => {
  it('takes a form-encoded request and answers id and token; the token leads to the id', async () => {
    const res = await postForm('/open311/v2/requests.xml', { api_key: districtKey, service_code: '0702', lat: String(inGA1.lat), long: String(inGA1.lng), description: '路面坑洼' });
    expect(res.statusCode, res.body).toBe(200);
    const xml = readXml(res.body);
    expect(xml.root).toBe('service_requests');
    const [answer] = xml.value as Any[];
    expect(answer.service_request_id).toBeTruthy();
    const token = (await getXml(`/open311/v2/tokens/${answer.token}.xml`)).value as Any[];
    expect(token[0]).toMatchObject({ service_request_id: answer.service_request_id, token: answer.token });
  });

  it('refuses what the spec refuses: no key (403), no service_code, unknown service_code, no location, bad media_url (400)', async () => {
    const point = { lat: String(inGA1.lat), long: String(inGA1.lng) };
    expectSpecError(await postForm('/open311/v2/requests.json', { service_code: '0701', ...point }), 403);
    expectSpecError(await postForm('/open311/v2/requests.json', { api_key: 'gzk_nope', service_code: '0701', ...point }), 403);
    expectSpecError(await postForm('/open311/v2/requests.json', { api_key: districtKey, ...point }), 400);
    const unknown = await postForm('/open311/v2/requests.json', { api_key: districtKey, service_code: '4242', ...point });
    expectSpecError(unknown, 400);
    expect(unknown.json()[0].description).toContain('service_code');
    expectSpecError(await postForm('/open311/v2/requests.json', { api_key: districtKey, service_code: '0701' }), 400);
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'ftp://example.org/a.jpg', 'not a url']) {
      const res = await postForm('/open311/v2/requests.json', { api_key: districtKey, service_code: '0701', ...point, media_url: bad });
      expectSpecError(res, 400);
      expect(res.json()[0].description).toContain('media_url');
    }
  });

  it('keeps every media_url, the email (encrypted), address_id and zipcode', async () => {
    const answer = await submit({
      api_key: districtKey,
      service_code: '0701',
      lat: String(inGA1.lat),
      long: String(inGA1.lng),
      email: 'li.ming@example.org',
      address_id: 'FMS-UPRN-1001',
      zipcode: '100036',
      media_url: ['https://example.org/a.jpg', 'http://example.org/b.jpg'],
    });
    const row = await caseRow(answer.service_request_id);
    expect(row.mediaUrls).toEqual(['https://example.org/a.jpg', 'http://example.org/b.jpg']);
    expect(row.reporterEmail).not.toContain('li.ming');
    expect(createConfiguredCipher(ctx.config).decrypt(row.reporterEmail as string)).toBe('li.ming@example.org');
    const shown = (await getJson(`/open311/v2/requests/${answer.service_request_id}.json`))[0];
    expect(shown).toMatchObject({ address_id: 'FMS-UPRN-1001', zipcode: '100036', media_url: 'https://example.org/a.jpg' });
    expect(JSON.stringify(shown)).not.toContain('li.ming');
  });

  it('takes multipart/form-data with a media file (stored as a checked attachment) and several media_url', async () => {
    const res = await postMultipart(
      '/open311/v2/requests.json',
      { api_key: districtKey, service_code: '0703', lat: String(inGA1.lat), long: String(inGA1.lng), description: '井盖缺失', media_url: ['https://example.org/1.jpg', 'https://example.org/2.jpg'] },
      [{ field: 'media', filename: 'manhole.jpg', type: 'image/jpeg', bytes: testJpeg() }],
    );
    expect(res.statusCode, res.body).toBe(200);
    const row = await caseRow(res.json()[0].service_request_id);
    expect(row.mediaUrls).toHaveLength(2);
    const stored = await db.select().from(caseAttachments).where(eq(caseAttachments.caseId, row.id));
    expect(stored.map((a) => a.mime)).toEqual(['image/jpeg']);
    const notAnImage = await postMultipart('/open311/v2/requests.json', { api_key: districtKey, service_code: '0703', lat: String(inGA1.lat), long: String(inGA1.lng) }, [
      { field: 'media', filename: 'x.jpg', type: 'image/jpeg', bytes: Buffer.from('<script>alert(1)</script>') },
    ]);
    expectSpecError(notAnImage, 400);
    expect(notAnImage.json()[0].description).toContain('media');
  });
});

describe('GeoReport v2: address-only requests, with a key of any scope', () => {
  it('places address_string on the registry’s building (and house) for district, street and community keys', async () => {
    for (const key of [districtKey, communityKey]) {
      const answer = await submit({ api_key: key, service_code: '0501', address_string: '北京市海淀区翠微路28号院3号楼2单元501室', description: '楼下垃圾' });
      const row = await caseRow(answer.service_request_id);
      expect(row).toMatchObject({ gridCode: 'GA1', lng: 116.2851, lat: 39.9052, houseIds: [cuiweiHouse.id] });
    }
    const street = await submit({ api_key: streetKey, service_code: '0501', address_string: '永定路东街5号楼' });
    expect(await caseRow(street.service_request_id)).toMatchObject({ gridCode: 'GB1' });
  });

  it('takes address_id=#NOTPINPOINTED# with an address, and address_id as a building or house id', async () => {
    const notPinpointed = await submit({ api_key: districtKey, service_code: '0501', address_id: '#NOTPINPOINTED#', address_string: '翠微路28号院 3号楼' });
    expect(await caseRow(notPinpointed.service_request_id)).toMatchObject({ gridCode: 'GA1', addressId: '#NOTPINPOINTED#' });
    const byBuilding = await submit({ api_key: streetKey, service_code: '0501', address_id: yongding.id });
    expect(await caseRow(byBuilding.service_request_id)).toMatchObject({ gridCode: 'GB1', addressId: yongding.id });
    const byHouse = await submit({ api_key: districtKey, service_code: '0501', address_id: cuiweiHouse.id });
    expect(await caseRow(byHouse.service_request_id)).toMatchObject({ gridCode: 'GA1', houseIds: [cuiweiHouse.id] });
    // A building outside the key's part of the tree is not found for it.
    const elsewhere = await submit({ api_key: streetKey, service_code: '0501', address_id: cuiwei.id, address_string: '某处' });
    expect(await caseRow(elsewhere.service_request_id)).toMatchObject({ gridCode: null, streetCode: '110108002' });
  });

  it('accepts an address nothing matches and leaves it, without a grid, in the intake queue of the key’s unit', async () => {
    const answer = await submit({ api_key: districtKey, service_code: '0702', address_id: '#NOTPINPOINTED#', address_string: '不存在的路999号' });
    const row = await caseRow(answer.service_request_id);
    expect(row).toMatchObject({ gridCode: null, orgPath: '110000.110100.110108', state: 'reported' });
    const queue = await ok(call('district', 'GET', '/api/cases?todo=true&pageSize=100'));
    expect(queue.items.map((c: { number: string }) => c.number)).toContain(answer.service_request_id);
    const street = await submit({ api_key: streetKey, service_code: '0702', address_string: '不存在的路1号' });
    expect(await caseRow(street.service_request_id)).toMatchObject({ gridCode: null, orgPath: '110000.110100.110108.110108002' });
  });
});

describe('GeoReport v2: GET service requests', () => {
  it('answers every field of the spec, with the filters service_request_id, service_code, dates and status', async () => {
    const open = await world.report('hotline', { categoryCode: '0602', ...inGB1, title: '违建', description: '楼顶加盖' });
    const closed = await world.caseIn('closed', { categoryCode: '0602' });
    const xml = (await getXml('/open311/v2/requests.xml?service_code=0602')).value as Any[];
    expect(xml.length).toBeGreaterThanOrEqual(2);
    for (const r of xml) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(requestFields));
      expect(['open', 'closed']).toContain(r.status);
      expect(r.requested_datetime).toMatch(w3cPattern);
    }
    const ids = (await getJson(`/open311/v2/requests.json?service_request_id=${open.number},${closed.number}`)).map((r: Any) => r.service_request_id).sort();
    expect(ids).toEqual([open.number, closed.number].sort());
    const onlyClosed = await getJson('/open311/v2/requests.json?service_code=0602&status=closed');
    expect(onlyClosed.map((r: Any) => r.service_request_id)).toEqual([closed.number]);
    const both = await getJson('/open311/v2/requests.json?service_code=0602&status=open,closed');
    expect(both.length).toBe(2);
    // Dates as W3C datetimes; an unencoded + arrives as a space and is read as the offset.
    const start = w3c(hoursFromNow(-1));
    const end = w3c(hoursFromNow(1));
    const raw = await get(`/open311/v2/requests.json?service_code=0602&start_date=${start}&end_date=${end}`);
    expect(raw.statusCode, raw.body).toBe(200);
    expect(raw.json().length).toBe(2);
    const compactOffset = await getJson(`/open311/v2/requests.json?service_code=0602&start_date=${encodeURIComponent(start.replace('+08:00', '+0800'))}`);
    expect(compactOffset.length).toBe(2);
    const encoded = await getJson(`/open311/v2/requests.json?service_code=0602&start_date=${encodeURIComponent(w3c(hoursFromNow(1)))}&end_date=${encodeURIComponent(w3c(hoursFromNow(2)))}`);
    expect(encoded).toEqual([]);
  });

  it('refuses a start after the end, a span over 90 days, a bad date or status (400)', async () => {
    expectSpecError(await get(`/open311/v2/requests.json?start_date=${encodeURIComponent(w3c(hoursFromNow(1)))}&end_date=${encodeURIComponent(w3c(hoursFromNow(-1)))}`), 400);
    expectSpecError(await get('/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z'), 400);
    expectSpecError(await get('/open311/v2/requests.xml?start_date=yesterday'), 400);
    expectSpecError(await get('/open311/v2/requests.json?status=pending'), 400);
  });

  it('pages with page and page_size, and answers one request or 404', async () => {
    const first = await getJson('/open311/v2/requests.json?page_size=2&page=1');
    const second = await getJson('/open311/v2/requests.json?page_size=2&page=2');
    expect(first).toHaveLength(2);
    expect(second.map((r: Any) => r.service_request_id)).not.toContain(first[0].service_request_id);
    const one = await getXml(`/open311/v2/requests/${first[0].service_request_id}.xml`);
    expect(one.root).toBe('service_requests');
    expect((one.value as Any[])[0].service_request_id).toBe(first[0].service_request_id);
    expectSpecError(await get('/open311/v2/requests/XX20990101-000001.json'), 404);
  });
});

describe('GeoReport v2: private categories', () => {
  it('a request in a private category is never 404 for the key that submitted it, and unpublished for others', async () => {
    const answer = await submit({ api_key: districtKey, service_code: '0101', lat: String(inGA1.lat), long: String(inGA1.lng), description: '楼上漏水' });
    const own = await get(`/open311/v2/requests/${answer.service_request_id}.json?api_key=${districtKey}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()[0]).toMatchObject({ service_request_id: answer.service_request_id, service_code: '0101', lat: inGA1.lat, long: inGA1.lng });
    const viaHeader = await get(`/open311/v2/requests/${answer.service_request_id}.xml`, { 'x-api-key': districtKey });
    expect(viaHeader.statusCode).toBe(200);
    expectSpecError(await get(`/open311/v2/requests/${answer.service_request_id}.json`), 404);
    expectSpecError(await get(`/open311/v2/requests/${answer.service_request_id}.json?api_key=${otherKey}`), 404);
    const listed = await getJson(`/open311/v2/requests.json?service_code=0101&api_key=${districtKey}`);
    expect(listed.map((r: Any) => r.service_request_id)).toContain(answer.service_request_id);
    expect(await getJson('/open311/v2/requests.json?service_code=0101')).toEqual([]);
    expectSpecError(await get(`/open311/v2/requests/${answer.service_request_id}.json?api_key=gzk_wrong`), 403);
  });
});

describe('servicerequestupdates: GET and POST, extended statuses', () => {
  it('lists each state change with the extended status of the state reached; refusals and merges never read as fixed', async () => {
    const since = w3c(hoursFromNow(-0.01));
    const answer = await submit({ api_key: districtKey, service_code: '0501', lat: String(inGA1.lat), long: String(inGA1.lng), description: '垃圾堆放' });
    const id = (await caseRow(answer.service_request_id)).id;
    await step('communityA1', id, 'accept');
    await step('communityA1', id, 'register');
    await step('communityA1', id, 'dispatch', { targetUnitId: '110108D01' });
    await step('dept', id, 'acknowledge');
    const photo = (await ok(world.upload('dept'), 201)).id as string;
    await step('dept', id, 'feedback', { text: '已清运', photos: [photo] });
    await step('gridWorker', id, 'verify_pass', { text: '干净了' });
    const refused = await submit({ api_key: districtKey, service_code: '0501', lat: String(inGA1.lat), long: String(inGA1.lng) });
    await step('communityA1', (await caseRow(refused.service_request_id)).id, 'reject', { reason: '不属于本辖区' });
    const parent = await submit({ api_key: districtKey, service_code: '0501', lat: String(inGA1.lat), long: String(inGA1.lng) });
    const duplicate = await submit({ api_key: districtKey, service_code: '0501', lat: String(inGA1.lat), long: String(inGA1.lng) });
    await step('communityA1', (await caseRow(duplicate.service_request_id)).id, 'merge', { parentCaseId: (await caseRow(parent.service_request_id)).id });

    const xml = await getXml(`/open311/v2/servicerequestupdates.xml?api_key=${districtKey}&start_date=${encodeURIComponent(since)}&end_date=${encodeURIComponent(w3c(hoursFromNow(1)))}`);
    expect(xml.root).toBe('service_request_updates');
    const updates = xml.value as Any[];
    for (const u of updates) {
      expect(Object.keys(u)).toEqual(expect.arrayContaining(['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url']));
      expect(u.updated_datetime).toMatch(w3cPattern);
    }
    const statusesOf = (number: string) => updates.filter((u) => u.service_request_id === number).map((u) => u.status);
    expect(statusesOf(answer.service_request_id)).toEqual(['INVESTIGATING', 'ACTION_SCHEDULED', 'ACTION_SCHEDULED', 'IN_PROGRESS', 'IN_PROGRESS', 'FIXED']);
    expect(statusesOf(refused.service_request_id)).toEqual(['NOT_COUNCILS_RESPONSIBILITY']);
    expect(statusesOf(duplicate.service_request_id)).toEqual(['DUPLICATE']);
    expect(updates.find((u) => u.service_request_id === refused.service_request_id).description).toContain('不属于本辖区');
    // Paged, oldest first.
    const page1 = await getJson(`/open311/v2/servicerequestupdates.json?start_date=${encodeURIComponent(since)}&page_size=3&page=1`);
    const page2 = await getJson(`/open311/v2/servicerequestupdates.json?start_date=${encodeURIComponent(since)}&page_size=3&page=2`);
    expect(page1).toHaveLength(3);
    expect(Number(page2[0].update_id)).toBeGreaterThan(Number(page1[2].update_id));
    expectSpecError(await get('/open311/v2/servicerequestupdates.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-31T00:00:00Z'), 400);
  });

  it('takes a client’s update on its own request as a comment; other clients and bad statuses are refused', async () => {
    const answer = await submit({ api_key: districtKey, service_code: '0704', lat: String(inGA1.lat), long: String(inGA1.lng) });
    const posted = await postForm('/open311/v2/servicerequestupdates.xml', {
      api_key: districtKey, service_request_id: answer.service_request_id, update_id: 'fms-77', updated_datetime: w3c(new Date()), status: 'OPEN', description: '树又被折断了一棵', first_name: 'Ming', last_name: 'Li', email: 'li@example.org',
    });
    expect(posted.statusCode, posted.body).toBe(200);
    const xml = readXml(posted.body);
    expect(xml.root).toBe('service_request_updates');
    expect((xml.value as Any[])[0].update_id).toMatch(/^\d+$/);
    const detail = await staffCase(answer.service_request_id);
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'comment' });
    expect(JSON.stringify(detail.timeline.at(-1))).toContain('树又被折断了一棵');
    const withPhoto = await postMultipart('/open311/v2/servicerequestupdates.json', { api_key: districtKey, service_request_id: answer.service_request_id, status: 'OPEN', description: '现场照片' }, [
      { field: 'media', filename: 'tree.jpg', type: 'image/jpeg', bytes: testJpeg() },
    ]);
    expect(withPhoto.statusCode, withPhoto.body).toBe(200);
    const row = await caseRow(answer.service_request_id);
    expect((await db.select().from(caseAttachments).where(eq(caseAttachments.caseId, row.id))).length).toBe(1);
    expectSpecError(await postForm('/open311/v2/servicerequestupdates.json', { api_key: otherKey, service_request_id: answer.service_request_id, status: 'OPEN', description: 'x' }), 403);
    expectSpecError(await postForm('/open311/v2/servicerequestupdates.json', { api_key: districtKey, service_request_id: answer.service_request_id, status: 'MAYBE', description: 'x' }), 400);
    expectSpecError(await postForm('/open311/v2/servicerequestupdates.json', { service_request_id: answer.service_request_id, status: 'OPEN', description: 'x' }), 403);
    expectSpecError(await postForm('/open311/v2/servicerequestupdates.json', { api_key: districtKey, service_request_id: 'XX20990101-000001', status: 'OPEN', description: 'x' }), 404);
  });
});

describe('FixMyStreet’s Open311 module, replayed', () => {
  // The shapes of perllib/Open311.pm: form fields with jurisdiction_id and api_key, the
  // description "title\n\ndetail\n\nurl\n", truncated coordinates, attribute[...] and
  // media_url repeated for several photos; XML answers read with lists forced to arrays.
  const fms = (extra: Record<string, string | string[]>) => ({
    jurisdiction_id: 'haidian',
    api_key: districtKey,
    service_code: '0701',
    description: '路灯不亮\n\n翠微路口的路灯坏了三天\n\nhttps://fms.example.org/report/1\n',
    first_name: 'Ming',
    last_name: 'Li',
    email: 'ming@example.org',
    ...extra,
  });

  it('send_service_request with lat/long, several photos, attributes; then the id from the token', async () => {
    const res = await postForm('/open311/v2/requests.xml', fms({ lat: '39.905000', long: '116.285000', 'attribute[lamp_number]': 'HD-1', media_url: ['https://fms.example.org/photo/1.0.full.jpeg', 'https://fms.example.org/photo/1.1.full.jpeg'] }));
    expect(res.statusCode, res.body).toBe(200);
    const request = ((readXml(res.body).value as Any[])[0]) as Any;
    const id = typeof request.service_request_id === 'string' ? request.service_request_id : ((await getXml(`/open311/v2/tokens/${request.token}.xml`)).value as Any[])[0].service_request_id;
    expect(id).toMatch(/^HD/);
    expect((await caseRow(id)).mediaUrls).toHaveLength(2);
  });

  it('send_notpinpointed: address_id=#NOTPINPOINTED# and no lat/long, with a district key', async () => {
    const res = await postForm('/open311/v2/requests.xml', fms({ address_id: '#NOTPINPOINTED#' }));
    expect(res.statusCode, res.body).toBe(200);
    const postcode = await postForm('/open311/v2/requests.xml', fms({ address_string: '100036' }));
    expect(postcode.statusCode, postcode.body).toBe(200);
  });

  it('upload_files: multipart form-data with photoN files and flattened media_url', async () => {
    const res = await postMultipart('/open311/v2/requests.xml', fms({ lat: '39.905', long: '116.285', media_url: ['https://fms.example.org/p/a.jpeg', 'https://fms.example.org/p/b.jpeg'] }), [
      { field: 'photo1', filename: '12.0.full.jpeg', type: 'image/jpeg', bytes: testJpeg() },
      { field: 'photo2', filename: '12.1.full.jpeg', type: 'image/jpeg', bytes: testJpeg(32, 32) },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const row = await caseRow(((readXml(res.body).value as Any[])[0] as Any).service_request_id);
    expect((await db.select().from(caseAttachments).where(eq(caseAttachments.caseId, row.id))).length).toBe(2);
  });

  it('get_service_requests and get_service_request_updates over the last hours, with W3CDTF dates', async () => {
    const start = w3c(hoursFromNow(-2));
    const end = w3c(new Date(Date.now() + 60_000));
    const requests = await getXml(`/open311/v2/requests.xml?jurisdiction_id=haidian&start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`);
    expect((requests.value as Any[]).length).toBeGreaterThan(0);
    const byIds = await getXml(`/open311/v2/requests.xml?jurisdiction_id=haidian&service_request_id=${(requests.value as Any[])[0].service_request_id}`);
    expect(byIds.value as Any[]).toHaveLength(1);
    const updates = await get(`/open311/v2/servicerequestupdates.xml?api_key=${districtKey}&jurisdiction_id=haidian&start_date=${start}&end_date=${end}`);
    expect(updates.statusCode, updates.body).toBe(200);
    const parsed = readXml(updates.body);
    expect(parsed.root).toBe('service_request_updates');
    for (const u of parsed.value as Any[]) expect(u.update_id).toBeTruthy();
  });

  it('post_service_request_update: status CLOSED or OPEN, last_name "-", update_id; answers request_update/update_id', async () => {
    const answer = await submit(fms({ lat: '39.905', long: '116.285' }));
    for (const status of ['CLOSED', 'OPEN']) {
      const res = await postForm('/open311/v2/servicerequestupdates.xml', {
        jurisdiction_id: 'haidian', api_key: districtKey, updated_datetime: w3c(new Date()), service_request_id: answer.service_request_id, status, description: `reporter says ${status}`, last_name: '-', first_name: 'Ming', email: 'ming@example.org', update_id: '4242',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(((readXml(res.body).value as Any[])[0] as Any).update_id).toMatch(/^\d+$/);
    }
  });
});
