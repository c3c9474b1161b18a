import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../platform/db.ts';
import { canAccess } from '../../platform/auth/scope.ts';
import { roleNames, type Permission, type Role } from '../../platform/auth/roles.ts';
import { createApiKey } from '../accounts/index.ts';
import { actorSession, seedTree, setupTestApp } from '../../../test/helpers.ts';
import { actorAt } from '../../../test/factories.ts';
import { haidianId, ledgerXlsx, multipartFile, waitForImport, xlsxText } from './testing.ts';
import { chinaToday, addDays } from './vocabulary.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const db = database.db;

const P = '110000.110100.110108';
const paths = {
  A1: `${P}.110108001.110108001001`,
  A2: `${P}.110108001.110108001002`,
  GA1: `${P}.110108001.110108001001.GA1`,
  GA2: `${P}.110108001.110108001002.GA2`,
};

// One signed-in user per role, granted where the role is meant to be.
const grantsOf: Record<Role, { org?: string; path: string }> = {
  system_admin: { path: '' },
  security_admin: { path: '' },
  auditor: { path: '' },
  district_staff: { org: '110108', path: P },
  street_staff: { org: '110108002', path: `${P}.110108002` },
  community_staff: { org: '110108001001', path: paths.A1 },
  grid_worker: { org: 'GA1', path: paths.GA1 },
  department_handler: { org: '110108D01', path: `${P}.110108D01` },
  hotline_operator: { org: '110108', path: P },
  leader: { org: '110108001', path: `${P}.110108001` },
  evaluator: { org: '110108', path: P },
  resident: { org: '110108001002', path: paths.A2 },
  organisation_staff: { org: '110108001001', path: paths.A1 },
  expert_reviewer: { org: '110108', path: P },
  open311_client: { org: '110108001', path: `${P}.110108001` },
  public_reader: { org: '110108001', path: `${P}.110108001` },
};
const sessions = new Map<Role, string>();
for (const role of roleNames) {
  if (role === 'open311_client' || role === 'public_reader') continue;
  const grant = grantsOf[role];
  sessions.set(role, (await actorSession(ctx, role, grant.org)).cookie);
}
const apiKey = (await createApiKey(db, { kind: 'system', id: null, name: 'test', grants: [{ role: 'security_admin', orgPath: '' }], mustChangePassword: false }, { name: 'open311', orgCode: '110108001', role: 'open311_client' })).key;
const staffA1 = sessions.get('community_staff') as string;
const staffA2 = (await actorSession(ctx, 'community_staff', '110108001002')).cookie;
const gridA2 = (await actorSession(ctx, 'grid_worker', 'GA2')).cookie;
const gridA1 = sessions.get('grid_worker') as string;
const streetA = (await actorSession(ctx, 'street_staff', '110108001')).cookie;

// Every body a test receives without asking to reveal, to check for identifiers in clear.
const seenBodies: { url: string; body: string }[] = [];

async function call(who: string | { apiKey: string }, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  const headers = typeof who === 'string' ? { cookie: who } : { 'x-api-key': who.apiKey };
  const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  if (!url.includes('reveal=true')) {
    const type = String(res.headers['content-type'] ?? '');
    const body = type.includes('spreadsheetml') && res.statusCode === 200 ? await xlsxText(res.rawPayload) : res.body;
    seenBodies.push({ url, body });
  }
  return res;
}
const ok = async (res: LightMyRequestResponse | Promise<LightMyRequestResponse>, status = 200) => {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json();
};

// ---------------------------------------------------------------- fixtures (through the API)
const people = {
  zhang: { name: '张三丰', idNumber: haidianId('1985-06-12', 11), phone: '13812345678' },
  li: { name: '李秀英', idNumber: haidianId('1950-03-08', 22), phone: '13987654321' },
  child: { name: '张小明', idNumber: haidianId('2012-09-01', 31) },
  zhao: { name: '赵六', idNumber: haidianId('1990-01-15', 41), phone: '15011112222' },
  wang: { name: '王五', idNumber: haidianId('1970-11-30', 51), phone: '18600001111' },
};
const clearValues = [...Object.values(people).map((p) => p.idNumber), ...Object.values(people).flatMap((p) => ('phone' in p ? [p.phone] : []))];

const b1 = await ok(call(staffA1, 'POST', '/api/registry/buildings', { gridCode: 'GA1', name: '翠微路28号院3号楼', floors: 6, units: 2 }), 201);
const h1 = await ok(call(staffA1, 'POST', '/api/registry/houses', { buildingId: b1.id, unit: '2', number: '302' }), 201);
const zhang = await ok(call(staffA1, 'POST', '/api/registry/residents', { ...people.zhang, houseId: h1.id, ethnicity: '汉族', education: 'bachelor' }), 201);
const li = await ok(call(staffA1, 'POST', '/api/registry/residents', { ...people.li, householdId: zhang.householdId, relation: 'spouse' }), 201);
const child = await ok(call(gridA1, 'POST', '/api/registry/residents', { ...people.child, householdId: zhang.householdId, relation: 'child' }), 201);
const zhao = await ok(call(staffA1, 'POST', '/api/registry/residents', { ...people.zhao, gridCode: 'GA1' }), 201);
const b2 = await ok(call(staffA2, 'POST', '/api/registry/buildings', { gridCode: 'GA2', name: '万寿路西街5号楼' }), 201);
const h2 = await ok(call(staffA2, 'POST', '/api/registry/houses', { buildingId: b2.id, unit: '1', number: '101' }), 201);
const wang = await ok(call(staffA2, 'POST', '/api/registry/residents', { ...people.wang, houseId: h2.id, residenceType: 'migrant', arrivedOn: '2020-05-01' }), 201);
const wangDisabled = await ok(call(staffA2, 'POST', `/api/registry/residents/${wang.id}/key-groups`, { kind: 'disabled', fields: { category: 'physical', grade: 2 } }), 201);
const wangVeteran = await ok(call(staffA2, 'POST', `/api/registry/residents/${wang.id}/key-groups`, { kind: 'veteran', fields: { category: 'veteran' } }), 201);
await ok(call(staffA2, 'POST', `/api/registry/key-groups/${wangVeteran.id}/end`, { reason: '核实有误' }));
const correction = await ok(
  call(staffA1, 'POST', `/api/registry/residents/${zhao.id}/key-groups`, { kind: 'community_correction', fields: { correctionType: 'probation', startDate: '2025-01-01', endDate: '2027-01-01' } }),
  201,
);
// An import job of community A2 (a file without the required columns: it fails at once).
const badUpload = multipartFile('bad.xlsx', await ledgerXlsx([['姓名', '备注'], ['某人', '']]));
const jobA2 = await ok(app.inject({ method: 'POST', url: '/api/registry/imports?communityCode=110108001002', headers: { cookie: staffA2, ...badUpload.headers }, payload: badUpload.payload }), 202);
await waitForImport(app, staffA2, jobA2.id);

describe('records and validation', () => {
  it('registers a household: the first person in a house heads a new household, others join it', async () => {
    const file = await ok(call(staffA1, 'GET', `/api/registry/households/${zhang.householdId}`));
    expect(file.address).toBe('翠微路28号院3号楼2单元302室');
    expect(file.headResidentId).toBe(zhang.id);
    expect(file.members.map((m: { name: string; relation: string }) => [m.name, m.relation])).toEqual([['张三丰', 'head'], ['李秀英', 'spouse'], ['张小明', 'child']]);
    expect(zhang).toMatchObject({ gender: 'male', age: expect.any(Number), birthDate: '****-**-**' });
  });

  it('rejects an invalid ID number, a gender that contradicts it and a bad mobile, naming each field in Chinese', async () => {
    const res = await call(staffA1, 'POST', '/api/registry/residents', { name: '钱七', idNumber: '110108198506120018', phone: '1381234', gridCode: 'GA1' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.fields).toEqual([
      { field: 'body.idNumber', message: '身份证号校验位错误' },
      { field: 'body.phone', message: '手机号格式不正确，应为以1开头的11位数字' },
    ]);
    const mismatch = await call(staffA1, 'POST', '/api/registry/residents', { name: '钱七', idNumber: haidianId('1985-06-12', 61), gender: 'female', birthDate: '1985-06-13', gridCode: 'GA1' });
    expect(mismatch.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.gender', 'body.birthDate']);
    const migrant = await call(staffA1, 'POST', '/api/registry/residents', { name: '钱七', idNumber: haidianId('1985-06-12', 61), residenceType: 'migrant', gridCode: 'GA1' });
    expect(migrant.json().error.details.fields).toEqual([{ field: 'body.arrivedOn', message: '流动人口必须填写来本地日期' }]);
  });

  it('keeps one record per person: the same ID number (in any spelling) is refused', async () => {
    const spaced = `${people.zhang.idNumber.slice(0, 6)} ${people.zhang.idNumber.slice(6)}`.toLowerCase();
    const res = await call(staffA1, 'POST', '/api/registry/residents', { name: '张三', idNumber: spaced, gridCode: 'GA1' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'REGISTRY_DUPLICATE_PERSON', details: { residentId: zhang.id } });
    // Someone who may not see the record is not told where it is.
    const other = await call(staffA2, 'POST', '/api/registry/residents', { name: '张三', idNumber: people.zhang.idNumber, gridCode: 'GA2' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.details).toEqual({});
  });

  it('moves a person to another house with a line of history for each place, and the version guards edits', async () => {
    const h3 = await ok(call(staffA1, 'POST', '/api/registry/houses', { buildingId: b1.id, unit: '1', number: '101' }), 201);
    const early = await call(staffA1, 'POST', `/api/registry/residents/${child.id}/move`, { version: child.version, houseId: h3.id, movedOn: '2020-03-01' });
    expect(early.json().error.details.fields[0].field).toBe('body.movedOn');
    const moved = await ok(call(staffA1, 'POST', `/api/registry/residents/${child.id}/move`, { version: child.version, houseId: h3.id, reason: '分户' }));
    expect(moved).toMatchObject({ houseId: h3.id, relation: 'head', address: '翠微路28号院3号楼1单元101室' });
    const file = await ok(call(staffA1, 'GET', `/api/registry/residents/${child.id}`));
    expect(file.history.map((h: { address: string; movedOutOn: string | null }) => [h.address, h.movedOutOn])).toEqual([
      ['翠微路28号院3号楼2单元302室', chinaToday()],
      ['翠微路28号院3号楼1单元101室', null],
    ]);
    const stale = await call(staffA1, 'PATCH', `/api/registry/residents/${child.id}`, { version: child.version, notes: '旧版本' });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('refuses to delete a building that still has houses', async () => {
    const res = await call(staffA1, 'DELETE', `/api/registry/buildings/${b1.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('REGISTRY_NOT_EMPTY');
  });
});

describe('search', () => {
  const names = async (query: string, who = staffA1) => (await ok(call(who, 'GET', `/api/registry/residents?${query}`))).items.map((r: { name: string }) => r.name);

  it.each([
    ['q=zsf', ['张三丰']],
    ['q=ZSF', ['张三丰']],
    ['q=zhangsanfeng', ['张三丰']],
    ['q=zhangsanf', ['张三丰']],
    ['q=zhang', ['张三丰', '张小明']],
    ['q=三丰', ['张三丰']],
    ['q=张', ['张三丰', '张小明']],
    ['q=lxy', ['李秀英']],
  ])('finds by name: %s', async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it('finds by a whole ID or phone number through the keyed hash (in a POST body only), never by a fragment', async () => {
    const posted = async (body: Record<string, unknown>, who = staffA1) =>
      (await ok(call(who, 'POST', '/api/registry/residents/search', body))).items.map((r: { name: string }) => r.name);
    expect(await posted({ q: people.li.idNumber })).toEqual(['李秀英']);
    expect(await posted({ idNumber: people.zhang.idNumber.toLowerCase(), pageSize: 5 })).toEqual(['张三丰']);
    expect(await posted({ phone: people.zhang.phone })).toEqual(['张三丰']);
    expect(await posted({ q: people.zhang.phone })).toEqual(['张三丰']);
    expect(await posted({ q: people.zhang.idNumber.slice(0, 10) })).toEqual([]);
    const partial = await call(staffA1, 'POST', '/api/registry/residents/search', { idNumber: people.zhang.idNumber.slice(0, 10) });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.details.fields[0].field).toBe('body.idNumber');
    const onThePhone = await ok(call(gridA1, 'POST', '/api/registry/my-grid/lookup', { q: people.zhang.phone }));
    expect(onThePhone.residents.map((r: { name: string }) => r.name)).toEqual(['张三丰']);
    expect((await ok(call(gridA2, 'POST', '/api/registry/my-grid/lookup', { q: people.zhang.phone }))).residents).toEqual([]);
  });

  it('refuses identifiers in a URL (access logs keep URLs), naming the field and the POST to use', async () => {
    for (const [url, field] of [
      [`/api/registry/residents?idNumber=${people.zhang.idNumber}`, 'querystring.idNumber'],
      [`/api/registry/residents?phone=${people.zhang.phone}`, 'querystring.phone'],
      [`/api/registry/residents?q=${people.zhang.phone}`, 'querystring.q'],
      [`/api/registry/residents?q=${people.zhang.idNumber.slice(0, 10)}`, 'querystring.q'],
      [`/api/registry/residents/export?q=${people.zhang.idNumber}`, 'querystring.q'],
      [`/api/registry/my-grid/lookup?q=${people.zhang.phone}`, 'querystring.q'],
    ] as const) {
      const res = await call(url.includes('my-grid') ? gridA1 : staffA1, 'GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.details.fields[0]).toMatchObject({ field, message: expect.stringContaining('POST') });
      expect(res.body).not.toContain(people.zhang.phone);
      expect(res.body).not.toContain(people.zhang.idNumber);
    }
  });

  it('finds by address, building, house, key group and grid; sorts and pages', async () => {
    expect(await names(`address=${encodeURIComponent('28号院 302')}`)).toEqual(['李秀英', '张三丰']);
    expect(await names(`q=${encodeURIComponent('翠微路28号院')}&sort=birthDate&order=desc`)).toEqual(['张小明', '张三丰', '李秀英']);
    expect(await names(`buildingId=${b1.id}&sort=birthDate`)).toEqual(['李秀英', '张三丰', '张小明']);
    expect(await names(`houseId=${h1.id}`)).toEqual(['李秀英', '张三丰']);
    expect(await names('under=GA1&pageSize=2&page=2&sort=name')).toEqual(['张小明', '赵六']);
    expect(await names('keyGroup=disabled', streetA)).toEqual(['王五']);
    const page = await ok(call(staffA1, 'GET', '/api/registry/residents?pageSize=1'));
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 1 });
  });

  it('finds houses by building words and number (the grid worker look-up)', async () => {
    const found = await ok(call(gridA1, 'GET', `/api/registry/my-grid/lookup?q=${encodeURIComponent('3号楼 302')}`));
    expect(found.houses.map((h: { address: string }) => h.address)).toEqual(['翠微路28号院3号楼2单元302室']);
    const person = await ok(call(gridA1, 'GET', '/api/registry/my-grid/lookup?q=zsf'));
    expect(person.residents.map((r: { name: string }) => r.name)).toEqual(['张三丰']);
    expect((await ok(call(gridA2, 'GET', '/api/registry/my-grid/lookup?q=zsf'))).residents).toEqual([]);
  });
});

describe('protected personal data', () => {
  it('shows ID numbers, phones and birth dates masked by default', async () => {
    const r = await ok(call(staffA1, 'GET', `/api/registry/residents/${zhang.id}`));
    expect(r).toMatchObject({ idNumber: `1101*************${people.zhang.idNumber.slice(17)}`, phone: '138******78', birthDate: '****-**-**', revealed: false });
  });

  it('reveals to a holder of registry.reveal who gives a reason, and audits it with the reason', async () => {
    const r = await ok(call(staffA1, 'GET', `/api/registry/residents/${zhang.id}?reveal=true&reason=${encodeURIComponent('核对低保申请')}`));
    expect(r).toMatchObject({ idNumber: people.zhang.idNumber, phone: people.zhang.phone, birthDate: '1985-06-12', revealed: true });
    const list = await ok(call(staffA1, 'GET', `/api/registry/residents?houseId=${h1.id}&reveal=true&reason=${encodeURIComponent('入户核查')}`));
    expect(list.items.map((i: { idNumber: string }) => i.idNumber).sort()).toEqual([people.li.idNumber, people.zhang.idNumber].sort());
    const audits = await queryRows<{ details: { reason: string; residentIds: string[] }; targetId: string | null }>(
      db,
      sql`select details, target_id as "targetId" from audit_log where action = 'registry.reveal' order by id`,
    );
    expect(audits).toEqual([
      { targetId: zhang.id, details: expect.objectContaining({ reason: '核对低保申请', residentIds: [zhang.id], context: 'resident' }) },
      { targetId: null, details: expect.objectContaining({ reason: '入户核查', count: 2, context: 'search' }) },
    ]);
  });

  it('refuses to reveal without a reason, or to someone without the permission', async () => {
    const noReason = await call(staffA1, 'GET', `/api/registry/residents/${zhang.id}?reveal=true`);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.fields[0].field).toBe('querystring.reason');
    for (const who of [streetA, gridA1, sessions.get('district_staff') as string]) {
      const res = await call(who, 'GET', `/api/registry/residents?q=zsf&reveal=true&reason=${encodeURIComponent('想看')}`);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(people.zhang.idNumber);
    }
    const denied = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where action = 'registry.reveal' and result = 'denied'`);
    expect(denied[0]?.n).toBe(3);
  });

  it('stores identifiers only encrypted, with keyed hashes, and never puts them in the audit log', async () => {
    const rows = JSON.stringify(await queryRows(db, sql`select * from residents`));
    const audit = JSON.stringify(await queryRows(db, sql`select * from audit_log`));
    for (const value of clearValues) {
      expect(rows).not.toContain(value);
      expect(audit).not.toContain(value);
    }
  });

  it('exports a list as .xlsx masked, or revealed and audited with the reason', async () => {
    const masked = await call(staffA1, 'GET', '/api/registry/residents/export?under=GA1');
    expect(masked.statusCode).toBe(200);
    expect(masked.headers['content-type']).toContain('spreadsheetml');
    const text = await xlsxText(masked.rawPayload);
    expect(text).toContain('张三丰');
    expect(text).toContain('138******78');
    const revealed = await call(staffA1, 'GET', `/api/registry/residents/export?under=GA1&reveal=true&reason=${encodeURIComponent('报送区民政局')}`);
    const clear = await xlsxText(revealed.rawPayload);
    expect(clear).toContain(people.zhang.idNumber);
    const [audit] = await queryRows<{ details: Record<string, unknown> }>(db, sql`select details from audit_log where action = 'registry.export' and details->>'revealed' = 'true' order by id desc limit 1`);
    expect(audit?.details).toMatchObject({ list: 'residents', reason: '报送区民政局', count: 4, filters: { under: 'GA1' } });
    const buildings = await xlsxText((await call(streetA, 'GET', '/api/registry/buildings/export')).rawPayload);
    expect(buildings).toContain('翠微路28号院3号楼');
  });

  it('prints a household file (户档) with masked identifiers', async () => {
    const res = await call(staffA1, 'GET', `/api/registry/households/${zhang.householdId}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('户 档');
    expect(res.body).toContain('翠微路28号院3号楼2单元302室');
    expect(res.body).toContain('138******78');
    expect(res.body).toContain('身份证号、手机号已按规定脱敏显示');
  });
});

describe('key groups and visits', () => {
  it('checks who may belong and what details each group records', async () => {
    const young = await call(staffA1, 'POST', `/api/registry/residents/${zhang.id}/key-groups`, { kind: 'elderly_alone' });
    expect(young.json().error.details.fields[0].message).toMatch(/须年满60周岁/);
    const grade = await call(staffA1, 'POST', `/api/registry/residents/${zhang.id}/key-groups`, { kind: 'disabled', fields: { category: 'physical', grade: 7 } });
    expect(grade.json().error.details.fields[0].field).toBe('body.fields.grade');
  });

  it('lists who is overdue for a visit in one query, and a visit moves the due date on', async () => {
    const since = addDays(chinaToday(), -20);
    const m = await ok(call(staffA1, 'POST', `/api/registry/residents/${li.id}/key-groups`, { kind: 'elderly_alone', since, fields: { healthStatus: 'fair' } }), 201);
    expect(m).toMatchObject({ visitEveryDays: 7, nextVisitDue: addDays(since, 7), name: '独居老人' });
    const overdue = await ok(call(gridA1, 'GET', '/api/registry/key-groups?overdue=true'));
    expect(overdue.items.map((i: { resident: { name: string }; daysOverdue: number }) => [i.resident.name, i.daysOverdue])).toEqual([['李秀英', 13]]);
    const summary = await ok(call(gridA1, 'GET', '/api/registry/my-grid'));
    expect(summary.counts).toMatchObject({ residents: 4, overdue: 1 });
    await ok(call(gridA1, 'POST', '/api/registry/visits', { residentId: li.id, method: 'home', notes: '身体尚可' }), 201);
    expect((await ok(call(gridA1, 'GET', '/api/registry/key-groups?overdue=true'))).items).toEqual([]);
    const after = await ok(call(gridA1, 'GET', `/api/registry/residents/${li.id}`));
    expect(after.memberships[0]).toMatchObject({ lastVisitedOn: chinaToday(), nextVisitDue: addDays(chinaToday(), 7) });
    expect(after.visits[0]).toMatchObject({ method: 'home', notes: '身体尚可' });
    const exported = await xlsxText((await call(staffA1, 'GET', '/api/registry/key-groups/export?kind=elderly_alone')).rawPayload);
    expect(exported).toContain('李秀英');
  });

  it('hides sensitive groups from those without registry.sensitive', async () => {
    const tags = async (who: string) => (await ok(call(who, 'GET', `/api/registry/residents/${zhao.id}`))).keyGroups.map((k: { kind: string }) => k.kind);
    expect(await tags(staffA1)).toEqual(['community_correction']);
    expect(await tags(gridA1)).toEqual([]);
    expect((await ok(call(gridA1, 'GET', '/api/registry/key-groups'))).items.map((i: { kind: string }) => i.kind)).not.toContain('community_correction');
    expect((await call(gridA1, 'GET', '/api/registry/key-groups?kind=community_correction')).statusCode).toBe(403);
    expect((await call(gridA1, 'GET', '/api/registry/residents?keyGroup=community_correction')).statusCode).toBe(403);
    expect((await call(gridA1, 'POST', `/api/registry/residents/${zhang.id}/key-groups`, { kind: 'severe_mental_disorder', fields: { riskLevel: 1 } })).statusCode).toBe(403);
    expect((await call(gridA1, 'PATCH', `/api/registry/key-groups/${correction.id}`, { version: 1, visitEveryDays: 14 })).statusCode).toBe(403);
    const kinds = (await ok(call(gridA1, 'GET', '/api/registry/key-group-kinds'))).map((k: { code: string }) => k.code);
    expect(kinds).not.toContain('community_correction');
  });

  it('lets a community add its own kind of key group with its own fields', async () => {
    const created = await ok(
      call(staffA1, 'POST', '/api/registry/key-group-kinds', {
        under: '110108001001', name: '失独家庭', visitEveryDays: 30,
        fields: [{ key: 'helper', label: '结对帮扶人', type: 'text', required: true }],
      }),
      201,
    );
    expect(created.code).toMatch(/^custom_/);
    const missing = await call(staffA1, 'POST', `/api/registry/residents/${li.id}/key-groups`, { kind: created.code, fields: {} });
    expect(missing.statusCode).toBe(400);
    await ok(call(staffA1, 'POST', `/api/registry/residents/${li.id}/key-groups`, { kind: created.code, fields: { helper: '社区书记' } }), 201);
    // Another community does not have it.
    expect((await ok(call(staffA2, 'GET', '/api/registry/key-group-kinds'))).map((k: { code: string }) => k.code)).not.toContain(created.code);
    expect((await call(staffA2, 'POST', `/api/registry/residents/${wang.id}/key-groups`, { kind: created.code, fields: { helper: 'x' } })).statusCode).toBe(400);
  });
});

describe('data scope: every registry route, every role', () => {
  const upload = () => multipartFile('x.doc', Buffer.from('not a ledger'));
  // Routes aimed at records of grid GA2 (community A2). Payloads that pass the scope check
  // fail afterwards (a stale version, a duplicate, an invalid value), so nothing changes.
  const routes: { name: string; method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; permission: Permission; payload?: unknown; multipart?: boolean }[] = [
    { name: 'read a building', method: 'GET', url: `/api/registry/buildings/${b2.id}`, permission: 'registry.read' },
    { name: 'change a building', method: 'PATCH', url: `/api/registry/buildings/${b2.id}`, permission: 'registry.write', payload: { version: 999, name: '改名' } },
    { name: 'delete a building', method: 'DELETE', url: `/api/registry/buildings/${b2.id}`, permission: 'registry.write' },
    { name: 'add a house', method: 'POST', url: '/api/registry/houses', permission: 'registry.write', payload: { buildingId: b2.id, unit: '1', number: '101' } },
    { name: 'read a house', method: 'GET', url: `/api/registry/houses/${h2.id}`, permission: 'registry.read' },
    { name: 'change a house', method: 'PATCH', url: `/api/registry/houses/${h2.id}`, permission: 'registry.write', payload: { version: 999, tenure: 'rented' } },
    { name: 'delete a house', method: 'DELETE', url: `/api/registry/houses/${h2.id}`, permission: 'registry.write' },
    { name: 'add a household', method: 'POST', url: '/api/registry/households', permission: 'registry.write', payload: { houseId: h2.id, number: '1' } },
    { name: 'read a household', method: 'GET', url: `/api/registry/households/${wang.householdId}`, permission: 'registry.read' },
    { name: 'print a household file', method: 'GET', url: `/api/registry/households/${wang.householdId}/file`, permission: 'registry.export' },
    { name: 'change a household', method: 'PATCH', url: `/api/registry/households/${wang.householdId}`, permission: 'registry.write', payload: { version: 999, number: '2' } },
    { name: 'delete a household', method: 'DELETE', url: `/api/registry/households/${wang.householdId}`, permission: 'registry.write' },
    { name: 'add a person', method: 'POST', url: '/api/registry/residents', permission: 'registry.write', payload: { householdId: wang.householdId, relation: 'child', name: '新人', idNumber: '123' } },
    { name: 'read a person', method: 'GET', url: `/api/registry/residents/${wang.id}`, permission: 'registry.read' },
    { name: 'reveal a person', method: 'GET', url: `/api/registry/residents/${wang.id}?reveal=true&reason=sweep`, permission: 'registry.reveal' },
    { name: 'change a person', method: 'PATCH', url: `/api/registry/residents/${wang.id}`, permission: 'registry.write', payload: { version: 999, notes: 'x' } },
    { name: 'move a person', method: 'POST', url: `/api/registry/residents/${wang.id}/move`, permission: 'registry.write', payload: { version: 999, householdId: wang.householdId } },
    { name: 'end a residence', method: 'POST', url: `/api/registry/residents/${wang.id}/end`, permission: 'registry.write', payload: { version: 999, status: 'moved_out' } },
    { name: 'add a key group', method: 'POST', url: `/api/registry/residents/${wang.id}/key-groups`, permission: 'registry.write', payload: { kind: 'no_such_kind' } },
    { name: 'change a key group', method: 'PATCH', url: `/api/registry/key-groups/${wangDisabled.id}`, permission: 'registry.write', payload: { version: 999 } },
    { name: 'end a key group', method: 'POST', url: `/api/registry/key-groups/${wangVeteran.id}/end`, permission: 'registry.write', payload: { reason: '重复结束' } },
    { name: 'record a visit', method: 'POST', url: '/api/registry/visits', permission: 'registry.write', payload: { residentId: wang.id, method: 'home', visitedOn: '2999-01-01' } },
    { name: 'add a kind of key group', method: 'POST', url: '/api/registry/key-group-kinds', permission: 'registry.write', payload: { under: 'GA2', name: '独居老人' } },
    { name: 'upload a ledger', method: 'POST', url: '/api/registry/imports?communityCode=110108001002', permission: 'registry.import', multipart: true },
    { name: 'read an import', method: 'GET', url: `/api/registry/imports/${jobA2.id}`, permission: 'registry.import' },
    { name: 'read import errors', method: 'GET', url: `/api/registry/imports/${jobA2.id}/errors`, permission: 'registry.import' },
    { name: 'download an import report', method: 'GET', url: `/api/registry/imports/${jobA2.id}/report`, permission: 'registry.import' },
    { name: 'commit an import', method: 'POST', url: `/api/registry/imports/${jobA2.id}/commit`, permission: 'registry.import', payload: { onlyValid: true } },
    { name: 'discard an import', method: 'DELETE', url: `/api/registry/imports/${jobA2.id}`, permission: 'registry.import' },
  ];
  type Who = { label: string; role: Role; path: string; auth: string | { apiKey: string } };
  const everyone: Who[] = [
    ...roleNames.filter((role) => role !== 'public_reader').map((role): Who => ({ label: role, role, path: grantsOf[role].path, auth: role === 'open311_client' ? { apiKey } : (sessions.get(role) as string) })),
    { label: 'grid_worker of GA2', role: 'grid_worker', path: paths.GA2, auth: gridA2 },
    { label: 'community_staff of A2', role: 'community_staff', path: paths.A2, auth: staffA2 },
  ];
  const mayDo = (who: Who, permission: Permission) => {
    const actor = actorAt(who.role, who.path, who.label);
    return canAccess(actor, permission, paths.GA2);
  };

  it.each(everyone.map((who) => [who.label, who] as const))('%s reaches records of grid GA2 exactly when its role and scope allow', async (_label, who) => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of routes) {
      let res: LightMyRequestResponse;
      if (route.multipart) {
        const body = upload();
        const headers = typeof who.auth === 'string' ? { cookie: who.auth } : { 'x-api-key': who.auth.apiKey };
        res = await app.inject({ method: 'POST', url: route.url, headers: { ...headers, ...body.headers }, payload: body.payload });
      } else {
        res = await call(who.auth, route.method, route.url, route.payload);
      }
      const allowed = mayDo(who, route.permission);
      expected.push(`${route.name}: ${allowed ? 'allowed' : 'refused'}`);
      outcomes.push(`${route.name}: ${res.statusCode === 403 || res.statusCode === 401 ? 'refused' : res.statusCode >= 500 ? `error ${res.statusCode}` : 'allowed'}`);
    }
    expect(outcomes).toEqual(expected);
  });

  it('lists only what each role may see', async () => {
    const lists = ['/api/registry/residents?pageSize=500', '/api/registry/buildings?pageSize=500', '/api/registry/houses?pageSize=500', '/api/registry/key-groups?pageSize=500', '/api/registry/visits?pageSize=500'];
    for (const who of everyone) {
      const actor = actorAt(who.role, who.path, who.label);
      for (const url of lists) {
        const res = await call(who.auth, 'GET', url);
        if (!canAccess(actor, 'registry.read', who.path || P)) {
          expect(res.statusCode, `${who.label} ${url}`).toBe(403);
          continue;
        }
        const items = res.json().items as { orgPath?: string; resident?: { orgPath: string }; residentId?: string }[];
        for (const item of items) {
          const orgPath = item.orgPath ?? item.resident?.orgPath;
          if (orgPath) expect(canAccess(actor, 'registry.read', orgPath), `${who.label} sees ${orgPath} in ${url}`).toBe(true);
        }
      }
    }
    const gridWorkerSees = (await ok(call(gridA1, 'GET', '/api/registry/residents?pageSize=500'))).items.map((r: { name: string }) => r.name);
    expect(gridWorkerSees).toContain('张三丰');
    expect(gridWorkerSees).not.toContain('王五');
    const streetB = await xlsxText((await call(sessions.get('street_staff') as string, 'GET', '/api/registry/residents/export')).rawPayload);
    expect(streetB).not.toContain('张三丰');
  });
});

describe('no identifier in clear without reveal', () => {
  it('appears in no response body or export this file received', () => {
    expect(seenBodies.length).toBeGreaterThan(300);
    for (const { url, body } of seenBodies) {
      for (const value of clearValues) expect(body.includes(value), `${value} in ${url}`).toBe(false);
    }
  });
});
