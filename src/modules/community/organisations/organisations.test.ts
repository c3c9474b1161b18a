// Social organisations over HTTP on a real database: a bad unified social credit code is refused
// naming the field with nothing written (on registration and on edit), the registration status
// and inspections, and every route of the register per role — an organisation's own staff reach
// their own organisation and nothing else.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../platform/db.ts';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { creditCodeCheckChar } from '../contract.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;

const staffA = await actorSession(ctx, 'community_staff', '110108001001');
const streetA = await actorSession(ctx, 'street_staff', '110108001');
const streetB = await actorSession(ctx, 'street_staff', '110108002');
const leaderA = await actorSession(ctx, 'leader', '110108001');
const ownStaff = await actorSession(ctx, 'organisation_staff', '110108001001');
const otherStaff = await actorSession(ctx, 'organisation_staff', '110108001001');
const resident = await actorSession(ctx, 'resident', '110108001001');

const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

/** A valid code from 17 characters (the check character computed). */
const validCode = (first17: string) => `${first17}${creditCodeCheckChar(first17)}`;
/** The same code with a wrong check character. */
const forged = (code: string) => `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`;

const countOrganisations = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from community_organisations`))[0]!.n;

const registered = (orgCode: string, name: string, creditCode: string) => ({
  kind: 'social_service_agency', orgCode, name, creditCode, registrationAuthority: '海淀区民政局', fields: ['elderly'], servedCommunities: [orgCode.length === 12 ? orgCode : '110108002001'],
});

describe('social organisations over HTTP', () => {
  const codeA = validCode('52110108MJ0000001');
  const codeB = validCode('52110108MJ0000002');
  let orgA = '';
  let orgB = '';
  let otherOrgA = '';

  it('refuses a bad credit code with 400 naming body.creditCode, and writes nothing', async () => {
    const before = await countOrganisations();
    const bad = await call(staffA.cookie, 'POST', '/api/community/organisations', registered('110108001001', '夕阳红养老服务中心', forged(codeA)));
    expect(bad.statusCode).toBe(400);
    const error = bad.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(error)).toContain('body.creditCode');
    expect(JSON.stringify(error)).toContain(`第 18 位应为 ${codeA[17]}`);
    const short = await call(staffA.cookie, 'POST', '/api/community/organisations', registered('110108001001', '夕阳红养老服务中心', codeA.slice(0, 17)));
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('body.creditCode');
    const letterO = await call(staffA.cookie, 'POST', '/api/community/organisations', registered('110108001001', '夕阳红养老服务中心', `${codeA.slice(0, 16)}O${codeA[17]}`));
    expect(letterO.statusCode).toBe(400);
    expect(letterO.body).toContain('body.creditCode');
    expect(await countOrganisations()).toBe(before);
  });

  it('registers with a valid code (lower case accepted, kept upper case), and refuses the same code twice', async () => {
    const ok = await call(staffA.cookie, 'POST', '/api/community/organisations', registered('110108001001', '夕阳红养老服务中心', codeA.toLowerCase()));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ creditCode: codeA, status: 'active', version: 1 });
    orgA = ok.json().id;
    const twice = await call(staffA.cookie, 'POST', '/api/community/organisations', registered('110108001001', '另一家机构', codeA));
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('body.creditCode');
    const b = await call(streetB.cookie, 'POST', '/api/community/organisations', registered('110108002', '永定路社工服务站', codeB));
    expect(b.statusCode, b.body).toBe(201);
    orgB = b.json().id;
    const other = await call(staffA.cookie, 'POST', '/api/community/organisations', { kind: 'community_filed', orgCode: '110108001001', name: '翠微路广场舞队', fields: ['culture'], filedOn: '2025-03-01' });
    expect(other.statusCode, other.body).toBe(201);
    otherOrgA = other.json().id;
  });

  it('edits the registration data and status with the version read; a bad code on edit changes nothing', async () => {
    const bad = await call(staffA.cookie, 'PATCH', `/api/community/organisations/${orgA}`, { version: 1, creditCode: forged(codeA), name: '改名' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.creditCode');
    const unchanged = await call(staffA.cookie, 'GET', `/api/community/organisations/${orgA}`);
    expect(unchanged.json()).toMatchObject({ name: '夕阳红养老服务中心', creditCode: codeA, version: 1 });
    const taken = await call(staffA.cookie, 'PATCH', `/api/community/organisations/${orgA}`, { version: 1, creditCode: codeB });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('body.creditCode');
    const edited = await call(staffA.cookie, 'PATCH', `/api/community/organisations/${orgA}`, { version: 1, registrationAuthority: '北京市海淀区民政局', status: 'active', incubation: 'graduated' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ registrationAuthority: '北京市海淀区民政局', incubation: 'graduated', version: 2 });
    const stale = await call(staffA.cookie, 'PATCH', `/api/community/organisations/${orgA}`, { version: 1, name: '旧版本' });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const deregistered = await call(staffA.cookie, 'PATCH', `/api/community/organisations/${otherOrgA}`, { version: 1, status: 'deregistered' });
    expect(deregistered.json().status).toBe('deregistered');
    const filtered = await call(staffA.cookie, 'GET', '/api/community/organisations?status=deregistered');
    expect(filtered.json().items.map((o: { id: string }) => o.id)).toEqual([otherOrgA]);
  });

  it('records inspection results, one per year, the latest first; a bad result names the field', async () => {
    expect((await call(staffA.cookie, 'POST', `/api/community/organisations/${orgA}/inspections`, { year: 2024, result: 'basically_qualified' })).statusCode).toBe(200);
    const again = await call(staffA.cookie, 'POST', `/api/community/organisations/${orgA}/inspections`, { year: 2025, result: 'qualified', note: '年检合格' });
    expect(again.json().inspections.map((i: { year: number; result: string }) => `${i.year}:${i.result}`)).toEqual(['2025:qualified', '2024:basically_qualified']);
    const replaced = await call(staffA.cookie, 'POST', `/api/community/organisations/${orgA}/inspections`, { year: 2024, result: 'qualified' });
    expect(replaced.json().inspections).toHaveLength(2);
    const bad = await call(staffA.cookie, 'POST', `/api/community/organisations/${orgA}/inspections`, { year: 2025, result: 'excellent' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.result');
  });

  it('adds staff accounts only when they hold the organisation staff role nearby, and removes them', async () => {
    const notStaff = await call(staffA.cookie, 'POST', `/api/community/organisations/${orgA}/staff`, { username: resident.username });
    expect(notStaff.statusCode).toBe(400);
    expect(notStaff.body).toContain('body.username');
    const nobody = await call(staffA.cookie, 'POST', `/api/community/organisations/${orgA}/staff`, { username: 'no-such-user' });
    expect(nobody.body).toContain('body.username');
    const added = await call(staffA.cookie, 'POST', `/api/community/organisations/${orgA}/staff`, { username: ownStaff.username });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().items.map((s: { username: string }) => s.username)).toEqual([ownStaff.username]);
    await call(staffA.cookie, 'POST', `/api/community/organisations/${otherOrgA}/staff`, { username: otherStaff.username });
    const temp = await call(staffA.cookie, 'POST', `/api/community/organisations/${orgA}/staff`, { username: otherStaff.username });
    expect(temp.json().items).toHaveLength(2);
    const removed = await call(staffA.cookie, 'DELETE', `/api/community/organisations/${orgA}/staff/${otherStaff.actor.id}`);
    expect(removed.json().items.map((s: { username: string }) => s.username)).toEqual([ownStaff.username]);
  });

  it("limits organisation staff to their own organisation on every route of the register", async () => {
    const mine = await call(ownStaff.cookie, 'GET', '/api/community/organisations/mine');
    expect(mine.json().items.map((o: { id: string }) => o.id)).toEqual([orgA]);
    const others = await call(otherStaff.cookie, 'GET', '/api/community/organisations/mine');
    expect(others.json().items.map((o: { id: string }) => o.id)).toEqual([otherOrgA]);
    expect((await call(ownStaff.cookie, 'GET', `/api/community/organisations/${orgA}`)).statusCode).toBe(200);
    for (const id of [otherOrgA, orgB]) expect((await call(ownStaff.cookie, 'GET', `/api/community/organisations/${id}`)).statusCode).toBe(403);
    expect((await call(otherStaff.cookie, 'GET', `/api/community/organisations/${orgA}`)).statusCode).toBe(403);
    // Every other route of the register, even on their own organisation, is the register keepers'.
    const keepersOnly: [string, string, unknown?][] = [
      ['GET', '/api/community/organisations'],
      ['GET', '/api/community/organisations.xlsx'],
      ['POST', '/api/community/organisations', registered('110108001001', '自己登记', validCode('52110108MJ0000003'))],
      ['PATCH', `/api/community/organisations/${orgA}`, { version: 5, name: '自己改名' }],
      ['POST', `/api/community/organisations/${orgA}/inspections`, { year: 2026, result: 'qualified' }],
      ['GET', `/api/community/organisations/${orgA}/staff`],
      ['POST', `/api/community/organisations/${orgA}/staff`, { username: otherStaff.username }],
      ['DELETE', `/api/community/organisations/${orgA}/staff/${ownStaff.actor.id}`],
    ];
    for (const [method, url, body] of keepersOnly) {
      const res = await call(ownStaff.cookie, method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    const after = await call(staffA.cookie, 'GET', `/api/community/organisations/${orgA}`);
    // Three inspections were recorded since the edit: each moved the version on.
    expect(after.json()).toMatchObject({ name: '夕阳红养老服务中心', version: 5 });
  });

  it('shows each role the organisations of its part of the tree, and lets only keepers write', async () => {
    const ids = async (cookie: string) => (await call(cookie, 'GET', '/api/community/organisations?pageSize=50')).json().items.map((o: { id: string }) => o.id).sort();
    expect(await ids(staffA.cookie)).toEqual([orgA, otherOrgA].sort());
    expect(await ids(streetA.cookie)).toEqual([orgA, otherOrgA].sort());
    expect(await ids(leaderA.cookie)).toEqual([orgA, otherOrgA].sort());
    expect(await ids(streetB.cookie)).toEqual([orgB]);
    expect((await call(resident.cookie, 'GET', '/api/community/organisations')).statusCode).toBe(403);
    expect((await call(undefined, 'GET', '/api/community/organisations')).statusCode).toBe(401);
    // Street B reaches none of street A's organisations by id.
    for (const [method, url, body] of [
      ['GET', `/api/community/organisations/${orgA}`],
      ['PATCH', `/api/community/organisations/${orgA}`, { version: 5, name: '越界' }],
      ['POST', `/api/community/organisations/${orgA}/inspections`, { year: 2026, result: 'unqualified' }],
      ['GET', `/api/community/organisations/${orgA}/staff`],
      ['DELETE', `/api/community/organisations/${orgA}/staff/${ownStaff.actor.id}`],
    ] as [string, string, unknown?][]) {
      expect((await call(streetB.cookie, method as 'GET', url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    const outside = await call(streetB.cookie, 'POST', '/api/community/organisations', registered('110108001001', '越界登记', validCode('52110108MJ0000004')));
    expect(outside.statusCode).toBe(403);
    // A leader reads but does not write.
    expect((await call(leaderA.cookie, 'GET', `/api/community/organisations/${orgA}/staff`)).statusCode).toBe(200);
    expect((await call(leaderA.cookie, 'PATCH', `/api/community/organisations/${orgA}`, { version: 5, name: '领导改名' })).statusCode).toBe(403);
    const xlsx = await call(streetA.cookie, 'GET', '/api/community/organisations.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
