// The command centre over HTTP on a real database: its figures equal cases' own indicators
// recomputed from the raw timeline (with the rollup, without it, and half and half), scope per
// role, a planted surge raising a warning that is acknowledged and closed, the leader's to-do,
// exports and bad input.
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../test/helpers.ts';
import { makeCase } from '../../../test/factories.ts';
import { createConfiguredCipher } from '../../app.ts';
import { queryRows } from '../../platform/db.ts';
import { actOnCase, caseIndicators, rollTimeline, type CaseDeps } from '../cases/index.ts';
import { detectWarnings } from './index.ts';
import { addDays, beijingDay, dayStart } from './area.ts';
import { streamTiming } from './stream.ts';

type Session = Awaited<ReturnType<typeof actorSession>>;
let ctx: TestContext;
let deps: CaseDeps;
let people: Record<'resident' | 'grid' | 'gridA2' | 'gridB1' | 'communityA1' | 'communityA2' | 'communityB1' | 'streetA' | 'streetB' | 'district' | 'dept' | 'leaderA' | 'leaderDistrict', Session>;

const inject = (s: Session | undefined, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: s ? { cookie: s.cookie } : {} });
const ok = async (res: Promise<LightMyRequestResponse>) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

const places = [
  { point: { lng: 116.285, lat: 39.905 }, community: 'communityA1', grid: 'grid' },
  { point: { lng: 116.295, lat: 39.905 }, community: 'communityA2', grid: 'gridA2' },
  { point: { lng: 116.305, lat: 39.905 }, community: 'communityB1', grid: 'gridB1' },
] as const;

const today = beijingDay(new Date());
const at = (day: string, hour: number) => new Date(dayStart(day).getTime() + hour * 3_600_000);
const period = `from=${dayStart(addDays(today, -24)).toISOString()}&to=${dayStart(addDays(today, 1)).toISOString()}`;

async function photo(who: Session): Promise<string> {
  // The JPEG signature is what the content check reads.
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
  const boundary = '----commandtest';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), jpeg, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const res = await ctx.app.inject({ method: 'POST', url: '/api/cases/attachments', headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

/** 30 cases over the last 20 days and today, in three grids and two categories, taken to different depths of the workflow. */
async function generateCases() {
  for (let i = 0; i < 30; i++) {
    const place = places[i % 3] as (typeof places)[number];
    const day = addDays(today, -20 + Math.floor((i * 2) / 3));
    const community = people[place.community].actor;
    const row = await makeCase(deps, people.resident.actor, { ...place.point, categoryCode: i % 2 ? '0501' : '0502' }, at(day, 2 + (i % 5)));
    const depth = i % 4;
    if (depth === 0) continue;
    // A case accepted late (after its accept time limit) now and then, so the response rate is not 1.
    const accepted = at(day, i % 7 === 0 ? 30 : 3);
    await actOnCase(deps, community, row.id, { action: 'accept' }, accepted);
    await actOnCase(deps, community, row.id, { action: 'register' }, accepted);
    await actOnCase(deps, community, row.id, { action: 'dispatch', targetUnitId: '110108D01' }, accepted);
    if (depth === 1) continue;
    const later = (h: number) => new Date(Math.min(accepted.getTime() + h * 3_600_000, Date.now() - 60_000));
    await actOnCase(deps, people.dept.actor, row.id, { action: 'acknowledge' }, later(1));
    await actOnCase(deps, people.dept.actor, row.id, { action: 'feedback', text: '已处理', photos: [await photo(people.dept)] }, later(2));
    await actOnCase(deps, people[place.grid].actor, row.id, { action: 'verify_pass', text: '核查通过' }, later(3));
    if (depth === 2) continue;
    await actOnCase(deps, people.resident.actor, row.id, { action: 'rate', rating: i % 3 ? 'satisfied' : 'basically_satisfied' }, later(4));
  }
}

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  deps = { db: ctx.database.db, pii: createConfiguredCipher(ctx.config), dataDir: ctx.config.dataDir };
  const s = (role: Parameters<typeof actorSession>[1], org: string) => actorSession(ctx, role, org);
  people = {
    resident: await s('resident', '110108001001'),
    grid: await s('grid_worker', 'GA1'),
    gridA2: await s('grid_worker', 'GA2'),
    gridB1: await s('grid_worker', 'GB1'),
    communityA1: await s('community_staff', '110108001001'),
    communityA2: await s('community_staff', '110108001002'),
    communityB1: await s('community_staff', '110108002001'),
    streetA: await s('street_staff', '110108001'),
    streetB: await s('street_staff', '110108002'),
    district: await s('district_staff', '110108'),
    dept: await s('department_handler', '110108D01'),
    leaderA: await s('leader', '110108001'),
    leaderDistrict: await s('leader', '110108'),
  };
  await generateCases();
}, 120_000);

const rates = ['onTimeClosureRate', 'responseRate', 'resolutionRate', 'satisfiedRate'] as const;

async function figures() {
  const overview = await ok(inject(people.district, 'GET', `/api/command/overview?${period}`));
  const streets = await ok(inject(people.district, 'GET', `/api/command/rankings?${period}`));
  const departments = await ok(inject(people.district, 'GET', `/api/command/rankings?${period}&groupBy=departments`));
  const trend = await ok(inject(people.district, 'GET', `/api/command/trend?${period}&bucket=week`));
  const categories = await ok(inject(people.district, 'GET', `/api/command/categories?${period}`));
  const streetCategories = await ok(inject(people.district, 'GET', `/api/command/categories?under=110108001&${period}`));
  const communities = await ok(inject(people.district, 'GET', `/api/command/rankings?under=110108001&${period}`));
  const streetDepartments = await ok(inject(people.district, 'GET', `/api/command/rankings?under=110108001&${period}&groupBy=departments`));
  const department = await ok(inject(people.dept, 'GET', `/api/command/overview?${period}`));
  return { overview, streets, departments, trend, categories, streetCategories, communities, streetDepartments, department };
}

describe('figures equal a recomputation from the raw timeline', () => {
  it('whether read live, from the rollup, or from both', async () => {
    const from = dayStart(addDays(today, -24));
    const to = dayStart(addDays(today, 1));
    const actor = people.district.actor;
    const raw = await caseIndicators(ctx.database.db, actor, { groupBy: 'children', from, to });
    const rawDepts = await caseIndicators(ctx.database.db, actor, { groupBy: 'departments', from, to });
    expect(raw.total.reported).toBe(30);

    const live = await figures();
    const period = live.overview.period as Record<string, number | null>;
    expect(period).toMatchObject({ reported: raw.total.reported, closed: raw.total.closed, overdue: raw.total.overdueCount });
    for (const r of rates) expect(period[r], r).toBe(raw.total[r]);
    for (const unit of raw.units) {
      const row = (live.streets.rows as unknown as Record<string, unknown>[]).find((x) => x.code === unit.code);
      expect(row).toMatchObject({ reported: unit.reported, closed: unit.closed, onTimeClosureRate: unit.onTimeClosureRate, responseRate: unit.responseRate, satisfiedRate: unit.satisfiedRate });
    }
    const d01 = (live.departments.rows as unknown as Record<string, unknown>[]).find((x) => x.code === '110108D01');
    const rawD01 = rawDepts.units.find((u) => u.code === '110108D01');
    expect(d01).toMatchObject({ closed: rawD01?.closed, onTimeClosureRate: rawD01?.onTimeClosureRate, satisfiedRate: rawD01?.satisfiedRate });
    const weekly = (live.trend.points as unknown as { reported: number }[]).reduce((a, p) => a + p.reported, 0);
    expect(weekly).toBe(30);
    const byCategory = await queryRows<{ code: string; n: number }>(ctx.database.db, sql`select category_code as code, count(*)::int as n from cases group by 1`);
    const top = live.categories.top as unknown as { categoryCode: string; reported: number }[];
    expect(Object.fromEntries(top.map((c) => [c.categoryCode, c.reported]))).toEqual(Object.fromEntries(byCategory.map((c) => [c.code, c.n])));
    const [inA] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from cases where org_path like '110000.110100.110108.110108001.%'`);
    const communityRows = live.communities.rows as unknown as { reported: number }[];
    expect(communityRows.reduce((a, r) => a + r.reported, 0)).toBe(inA?.n);

    // Roll the timeline: the rollup holds every report, today's too; the answers do not move.
    const rolled = await rollTimeline(ctx.database.db);
    expect(rolled.rows).toBeGreaterThan(0);
    const [sum] = await queryRows<{ n: number }>(ctx.database.db, sql`select coalesce(sum(reported), 0)::int as n from case_daily_counts`);
    const [before] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from cases`);
    expect(sum?.n).toBe(before?.n);
    // Every rollup holds the same counts under coarser keys.
    for (const table of ['case_daily_totals', 'case_daily_streets', 'case_daily_leads', 'case_daily_categories', 'case_daily_units']) {
      const [coarse] = await queryRows<{ n: number; closed: number; hours: number }>(ctx.database.db, sql`select sum(reported)::int as n, sum(closed)::int as closed, sum(handling_seconds)::float8 as hours from ${sql.raw(table)}`);
      const [fine] = await queryRows<{ n: number; closed: number; hours: number }>(ctx.database.db, sql`select sum(reported)::int as n, sum(closed)::int as closed, sum(handling_seconds)::float8 as hours from case_daily_counts`);
      expect(coarse, table).toEqual(fine);
    }
    expect(await figures()).toEqual(live);

    // Half rolled (the job ten days behind): the rest is read from the timeline, the answers still do not move.
    for (const table of ['case_daily_counts', 'case_daily_totals', 'case_daily_streets', 'case_daily_leads', 'case_daily_categories', 'case_daily_units']) {
      await ctx.database.db.execute(sql`delete from ${sql.raw(table)} where day >= ${addDays(today, -10)}::date`);
    }
    await ctx.database.db.execute(sql`update case_rollup_state set complete_until = ${dayStart(addDays(today, -10)).toISOString()}`);
    expect(await figures()).toEqual(live);
    await rollTimeline(ctx.database.db);
    expect(await figures()).toEqual(live);
  });

  it('counts the state of things now and today', async () => {
    const overview = await ok(inject(people.district, 'GET', `/api/command/overview?${period}`));
    const [open] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from cases where state not in ('closed', 'rated', 'rejected', 'merged')`);
    expect((overview.now as Record<string, number>).open).toBe(open?.n);
    const [todays] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from cases where created_at >= ${dayStart(today).toISOString()}`);
    expect((overview.today as Record<string, number>).reported).toBe(todays?.n);
  });
});

describe('scope', () => {
  it('a street leader sees only their street; another street is out of scope', async () => {
    const mine = await ok(inject(people.leaderA, 'GET', `/api/command/overview?${period}`));
    expect(mine.area).toMatchObject({ code: '110108001' });
    const [inA] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from cases where org_path like '110000.110100.110108.110108001.%'`);
    expect((mine.period as Record<string, number>).reported).toBe(inA?.n);
    const other = await inject(people.leaderA, 'GET', `/api/command/overview?under=110108002&${period}`);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: { code: 'OUT_OF_SCOPE' } });
    const map = await ok(inject(people.streetB, 'GET', '/api/command/map'));
    expect((map.cases as unknown as { lng: number }[]).every((c) => c.lng >= 116.3)).toBe(true);
  });

  it('a department sees only what it led; community staff and residents have no command centre', async () => {
    const dept = await ok(inject(people.dept, 'GET', `/api/command/overview?${period}`));
    expect(dept).toMatchObject({ department: true, area: { code: '110108D01' } });
    const [led] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from case_timeline where action = 'verify_pass' and handling_unit = '110108D01'`);
    expect((dept.period as Record<string, number>).closed).toBe(led?.n);
    const map = await ok(inject(people.dept, 'GET', '/api/command/map'));
    const [handling] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from cases where handling_unit = '110108D01' and state not in ('closed', 'rated', 'rejected', 'merged')`);
    expect((map.cases as unknown[]).length).toBe(handling?.n);
    expect((await inject(people.dept, 'GET', `/api/command/overview?under=110108001`)).statusCode).toBe(403);
    expect((await inject(people.communityA1, 'GET', '/api/command/overview')).statusCode).toBe(403);
    expect((await inject(people.resident, 'GET', '/api/command/overview')).statusCode).toBe(403);
    expect((await inject(undefined, 'GET', '/api/command/overview')).statusCode).toBe(401);
  });
});

describe('map context', () => {
  it("lets a department see the polygon of a grid holding a case it leads, and nobody a grid outside their area", async () => {
    expect((await inject(people.dept, 'GET', '/api/org/grids/GA1')).statusCode).toBe(403);
    const grid = await ok(inject(people.dept, 'GET', '/api/command/grids/GA1'));
    expect(grid.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['GA1']);
    expect((await inject(people.streetA, 'GET', '/api/command/grids/GB1')).statusCode).toBe(403);
    expect((await ok(inject(people.streetB, 'GET', '/api/command/grids/GB1'))).features).toHaveLength(1);
    expect((await inject(people.dept, 'GET', '/api/command/grids/NOPE')).statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it('names the field and answers nothing', async () => {
    const backwards = await inject(people.district, 'GET', `/api/command/overview?from=${dayStart(today).toISOString()}&to=${dayStart(addDays(today, -3)).toISOString()}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details.fields[0].field).toBe('querystring.to');
    const bucket = await inject(people.district, 'GET', '/api/command/trend?bucket=year');
    expect(bucket.statusCode).toBe(400);
    expect(JSON.stringify(bucket.json().error.details.fields)).toContain('bucket');
    const rules = await ok(inject(people.district, 'GET', '/api/command/rules'));
    const surge = (rules.items as unknown as { kind: string; version: number }[]).find((r) => r.kind === 'category_surge');
    const bad = await inject(people.district, 'PATCH', '/api/command/rules/category_surge', { params: { pValue: 2 }, version: surge?.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.params.pValue');
    expect((await inject(people.streetA, 'PATCH', '/api/command/rules/category_surge', { enabled: false, version: surge?.version })).statusCode).toBe(403);
  });
});

describe('early warning', () => {
  it('raises a warning on a planted surge, with its cases, tells the staff, and is acknowledged and closed with a note', async () => {
    const planted: string[] = [];
    for (let i = 0; i < 9; i++) planted.push((await makeCase(deps, people.resident.actor, { ...(places[1] as (typeof places)[number]).point, categoryCode: '0101', title: `噪音扰民 ${i}` })).id);
    expect(await detectWarnings(ctx.database.db)).toBeGreaterThanOrEqual(1);
    // Detection again finds the same surge and raises nothing new.
    const again = await detectWarnings(ctx.database.db);
    const list = await ok(inject(people.streetA, 'GET', '/api/command/warnings?state=open'));
    const surge = (list.items as unknown as { id: string; kind: string; placeCode: string; caseIds: string[]; version: number }[]).find((w) => w.kind === 'category_surge');
    expect(surge).toMatchObject({ placeCode: 'GA2' });
    expect([...(surge?.caseIds ?? [])].sort()).toEqual([...planted].sort());
    expect(again).toBe(0);
    // Street B's staff do not see street A's warning.
    const otherList = await ok(inject(people.streetB, 'GET', '/api/command/warnings'));
    expect((otherList.items as unknown as { id: string }[]).some((w) => w.id === surge?.id)).toBe(false);
    expect((await inject(people.streetB, 'POST', `/api/command/warnings/${surge?.id}/acknowledge`, { note: '收到', version: surge?.version })).statusCode).toBe(403);
    const notes = await ok(inject(people.streetA, 'GET', '/api/notifications'));
    expect(JSON.stringify(notes)).toContain('预警');

    const acked = await ok(inject(people.streetA, 'POST', `/api/command/warnings/${surge?.id}/acknowledge`, { note: '已安排城管巡查', version: surge?.version }));
    expect(acked).toMatchObject({ state: 'acknowledged', note: '已安排城管巡查' });
    const stale = await inject(people.streetA, 'POST', `/api/command/warnings/${surge?.id}/close`, { note: '处理完毕', version: surge?.version });
    expect(stale.statusCode).toBe(409);
    const closed = await ok(inject(people.leaderA, 'POST', `/api/command/warnings/${surge?.id}/close`, { note: '摊贩已劝离', version: acked.version }));
    expect(closed).toMatchObject({ state: 'closed' });
    const blank = await inject(people.streetA, 'POST', `/api/command/warnings/${surge?.id}/close`, { note: '  ', version: 3 });
    expect(blank.statusCode).toBe(400);
  });

  it('does not fire on the steady days before', async () => {
    const list = await ok(inject(people.district, 'GET', '/api/command/warnings?pageSize=100'));
    const surges = (list.items as unknown as { kind: string; placeCode: string }[]).filter((w) => w.kind === 'category_surge');
    expect(surges.map((w) => w.placeCode)).toEqual(['GA2']);
  });
});

describe('early-warning rules per district and street', () => {
  type Rule = { kind: string; own: boolean; version: number; params: Record<string, number>; from: { code: string } | null };
  const surgeOf = (list: { items: unknown }) => (list.items as Rule[]).find((r) => r.kind === 'category_surge') as Rule;
  const gbSurges = async () => {
    const list = await ok(inject(people.district, 'GET', '/api/command/warnings?pageSize=100'));
    return (list.items as unknown as { kind: string; placeCode: string }[]).filter((w) => w.kind === 'category_surge' && w.placeCode === 'GB1');
  };

  it("a street's own rule decides for its places; dropped, the default applies again", async () => {
    const inherited = surgeOf(await ok(inject(people.district, 'GET', '/api/command/rules?under=110108002')));
    expect(inherited).toMatchObject({ own: false, version: 0, from: null, params: { minCount: 5 } });
    const own = await ok(inject(people.district, 'PATCH', '/api/command/rules/category_surge', { under: '110108002', params: { minCount: 50 }, version: 0 }));
    expect(own).toMatchObject({ own: true, version: 1, from: { code: '110108002' }, params: { minCount: 50, baselineDays: 28 } });
    // The street's communities follow it; the other street keeps the default.
    expect(surgeOf(await ok(inject(people.streetB, 'GET', '/api/command/rules?under=110108002001')))).toMatchObject({ own: false, from: { code: '110108002' }, params: { minCount: 50 } });
    expect(surgeOf(await ok(inject(people.district, 'GET', '/api/command/rules?under=110108001')))).toMatchObject({ own: false, from: null, params: { minCount: 5 } });

    for (let i = 0; i < 9; i++) await makeCase(deps, people.resident.actor, { ...(places[2] as (typeof places)[number]).point, categoryCode: '0101', title: `噪音扰民 B${i}` });
    await detectWarnings(ctx.database.db);
    expect(await gbSurges()).toHaveLength(0);

    const reset = await ok(inject(people.district, 'DELETE', '/api/command/rules/category_surge?under=110108002'));
    expect(reset).toMatchObject({ own: false, from: null, params: { minCount: 5 } });
    await detectWarnings(ctx.database.db);
    expect(await gbSurges()).toHaveLength(1);
    const [audited] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from audit_log where action in ('command.rule.update', 'command.rule.reset') and org_path = '110000.110100.110108.110108002'`);
    expect(audited?.n).toBe(2);
  });

  it('names the bad field, refuses a community, a stale version and staff without the permission; changes nothing', async () => {
    const community = await inject(people.district, 'PATCH', '/api/command/rules/category_surge', { under: '110108001001', params: { minCount: 9 }, version: 0 });
    expect(community.statusCode).toBe(400);
    expect(community.json().error.details.fields[0].field).toBe('body.under');
    const radius = await inject(people.district, 'PATCH', '/api/command/rules/repeated_place', { under: '110108001', params: { radiusMeters: 5 }, version: 0 });
    expect(radius.statusCode).toBe(400);
    expect(radius.json().error.details.fields[0].field).toBe('body.params.radiusMeters');
    expect((await inject(people.district, 'PATCH', '/api/command/rules/repeated_place', { under: '110108001', params: { radiusMeters: 200 }, version: 3 })).statusCode).toBe(409);
    // Street staff tune their own street only, never another street nor the installation's defaults; community staff nothing.
    expect((await inject(people.streetA, 'PATCH', '/api/command/rules/repeated_place', { under: '110108002', params: { radiusMeters: 200 }, version: 0 })).json()).toMatchObject({ error: { code: 'OUT_OF_SCOPE' } });
    expect((await inject(people.streetA, 'PATCH', '/api/command/rules/repeated_place', { params: { radiusMeters: 200 }, version: 1 })).statusCode).toBe(403);
    expect((await inject(people.communityA1, 'PATCH', '/api/command/rules/repeated_place', { under: '110108001', params: { radiusMeters: 200 }, version: 0 })).statusCode).toBe(403);
    expect((await inject(people.streetA, 'DELETE', '/api/command/rules/repeated_place?under=110108002')).statusCode).toBe(403);
    expect((await inject(people.district, 'DELETE', '/api/command/rules/repeated_place?under=110108001')).statusCode).toBe(404);
    const [rows] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from command_warning_rules where org_path <> ''`);
    expect(rows?.n).toBe(0);
  });

  it("lets street staff tune and drop their own street's rule", async () => {
    const own = await ok(inject(people.streetA, 'PATCH', '/api/command/rules/repeated_place', { under: '110108001', params: { radiusMeters: 200 }, version: 0 }));
    expect(own).toMatchObject({ own: true, version: 1, from: { code: '110108001' }, params: { radiusMeters: 200 } });
    const [audited] = await queryRows<{ who: string }>(ctx.database.db, sql`select actor_name as who from audit_log where action = 'command.rule.update' and org_path = '110000.110100.110108.110108001'`);
    expect(audited).toBeDefined();
    expect(await ok(inject(people.streetA, 'DELETE', '/api/command/rules/repeated_place?under=110108001'))).toMatchObject({ own: false, from: null });
  });
});

describe("the leader's to-do, categories, the map and exports", () => {
  it('lists red-supervised cases awaiting the leader and open warnings', async () => {
    const [open] = await queryRows<{ id: string }>(ctx.database.db, sql`select id from cases where state = 'dispatched' and org_path like '110000.110100.110108.110108001.%' limit 1`);
    await actOnCase(deps, people.leaderA.actor, open?.id as string, { action: 'supervise', supervisionLevel: 'red', text: '三天内办结' });
    const todo = await ok(inject(people.leaderA, 'GET', '/api/command/todo'));
    expect((todo.redSupervised as { items: { id: string }[] }).items.map((c) => c.id)).toContain(open?.id);
    expect((todo.awaitingInstruction as { items: { id: string }[] }).items.map((c) => c.id)).toContain(open?.id);
    await actOnCase(deps, people.leaderA.actor, open?.id as string, { action: 'instruct', text: '请城管委牵头' });
    const after = await ok(inject(people.leaderA, 'GET', '/api/command/todo'));
    expect((after.awaitingInstruction as { items: { id: string }[] }).items.map((c) => c.id)).not.toContain(open?.id);
    expect((await inject(people.district, 'GET', '/api/command/todo')).statusCode).toBe(403);
  });

  it('names the top categories and the places they grow in', async () => {
    const view = await ok(inject(people.district, 'GET', `/api/command/categories?${period}`));
    const top = view.top as unknown as { categoryCode: string; reported: number }[];
    const [counts] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from cases where category_code = '0501'`);
    expect(top.find((c) => c.categoryCode === '0501')?.reported).toBe(counts?.n);
    expect((view.growing as unknown as { placeCode: string }[]).length).toBeGreaterThan(0);
  });

  it('exports every table as .xlsx', async () => {
    for (const table of ['rankings', 'categories', 'places', 'warnings']) {
      const res = await inject(people.district, 'GET', `/api/command/export/${table}?${period}`);
      expect(res.statusCode, res.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]?.rowCount).toBeGreaterThan(1);
    }
  });

  it('shows live cases with points and each grid load on the map', async () => {
    const map = await ok(inject(people.district, 'GET', '/api/command/map'));
    const grids = map.grids as unknown as { gridCode: string; open: number }[];
    expect(grids.map((g) => g.gridCode).sort()).toEqual(['GA1', 'GA2', 'GB1']);
    expect(grids.reduce((a, g) => a + g.open, 0)).toBe((map.cases as unknown[]).length);
  });
});

/** The first `case` event of the command stream on a real socket, with the time it arrived. */
async function firstCaseEvent(port: number, who: Session, opened: () => void): Promise<{ at: number; data: { id: string } }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 10_000);
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/command/stream`, { headers: { cookie: who.cookie }, signal: abort.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      if (text === '') opened();
      text += decoder.decode(value, { stream: true });
      const block = text.split('\n\n').find((b) => /^event: case$/m.test(b));
      const data = block && /^data: (.*)$/m.exec(block)?.[1];
      if (data) return { at: performance.now(), data: JSON.parse(data) as { id: string } };
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

describe('the live stream', () => {
  it('brings a newly reported case to the wall within a second, woken by the database and not by its poll', async () => {
    const poll = streamTiming.pollMs;
    streamTiming.pollMs = 600_000;
    try {
      await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (ctx.app.server.address() as { port: number }).port;
      let opened!: () => void;
      const ready = new Promise<void>((resolve) => (opened = resolve));
      const event = firstCaseEvent(port, people.district, opened);
      await ready;
      // The stream subscribes before its first read; give that read time to finish.
      await new Promise((r) => setTimeout(r, 300));
      const row = await makeCase(deps, people.resident.actor, { ...places[0].point, categoryCode: '0502' });
      const committed = performance.now();
      const arrived = await event;
      expect(arrived.data.id).toBe(row.id);
      expect(arrived.at - committed).toBeLessThan(1_000);
    } finally {
      streamTiming.pollMs = poll;
    }
  });

  it('shows a new case at once, before the rollup folds it and after', async () => {
    const reportedToday = async () => ((await ok(inject(people.district, 'GET', `/api/command/overview?${period}`))).today as { reported: number }).reported;
    const before = await reportedToday();
    await makeCase(deps, people.resident.actor, { ...places[0].point, categoryCode: '0501' });
    const after = await reportedToday();
    expect(after).toBe(before + 1);
    await rollTimeline(ctx.database.db);
    expect(await reportedToday()).toBe(after);
    const trend = await ok(inject(people.district, 'GET', `/api/command/trend?${period}&bucket=day`));
    expect((trend.points as unknown as { bucket: string; reported: number }[]).at(-1)).toMatchObject({ bucket: today, reported: after });
  });
});
