import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { actorSession, seedTree, setupTestApp } from '../../../test/helpers.ts';
import type { Role } from '../../platform/auth/roles.ts';

const ctx = await setupTestApp();
const { square } = await seedTree(ctx.database);
const { app, database } = ctx;
const db = database.db;

const staffA1 = await actorSession(ctx, 'community_staff', '110108001001');
const streetA = await actorSession(ctx, 'street_staff', '110108001');
const district = await actorSession(ctx, 'district_staff', '110108');
const gridWorker = await actorSession(ctx, 'grid_worker', 'GA1');
const dept = await actorSession(ctx, 'department_handler', '110108D01');
const resident = await actorSession(ctx, 'resident', '110108001001');
const auditor = await actorSession(ctx, 'auditor');

function call(cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

const gridVersion = async (code: string) =>
  (await queryRows<{ version: number }>(db, sql`select version from grids where code = ${code}`))[0]?.version;

// Every scoped org route, aimed at grid GA2 / community A2 (another community than staffA1's).
const scopedRoutes = (target: { grid: string; community: string }) => [
  { name: 'read grid', method: 'GET' as const, url: `/api/org/grids/${target.grid}` },
  { name: 'read roster', method: 'GET' as const, url: `/api/org/grids/${target.grid}/staff` },
  { name: 'read node', method: 'GET' as const, url: `/api/org/nodes/${target.community}` },
  { name: 'rename grid', method: 'PATCH' as const, url: `/api/org/grids/${target.grid}`, payload: async () => ({ version: await gridVersion(target.grid), name: '改名' }) },
  { name: 'delete grid', method: 'DELETE' as const, url: `/api/org/grids/${target.grid}` },
  { name: 'add to roster', method: 'POST' as const, url: `/api/org/grids/${target.grid}/staff`, payload: async () => ({ name: '张三', duty: 'grid_worker' }) },
  { name: 'set community type', method: 'PATCH' as const, url: `/api/org/nodes/${target.community}`, payload: async () => ({ communityType: 'mixed' }) },
  {
    name: 'create grid in community',
    method: 'POST' as const,
    url: '/api/org/grids',
    payload: async () => ({ code: `X${target.grid}`, name: '新网格', kind: 'road', communityCode: target.community, geometry: square(116.35, 39.95) }),
  },
];

describe('data scope', () => {
  it.each(scopedRoutes({ grid: 'GA2', community: '110108001002' }))(
    "a community's staff cannot $name of another community",
    async (route) => {
      const gridsNow = () => queryRows(db, sql`select code, name, version from grids order by code`);
      const before = await gridsNow();
      const res = await call(staffA1.cookie, route.method, route.url, route.payload ? await route.payload() : undefined);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('OUT_OF_SCOPE');
      expect(await gridsNow()).toEqual(before);
    },
  );

  it.each(scopedRoutes({ grid: 'GA1', community: '110108001001' }).filter((r) => r.method === 'GET'))(
    'a community staff member can $name of their own community',
    async (route) => {
      expect((await call(staffA1.cookie, route.method, route.url)).statusCode).toBe(200);
    },
  );

  it('lists only the grids in scope', async () => {
    const codes = async (cookie: string) =>
      (await call(cookie, 'GET', '/api/org/grids?pageSize=100')).json().items.map((g: { code: string }) => g.code);
    expect(await codes(staffA1.cookie)).toEqual(['GA1']);
    expect(await codes(streetA.cookie)).toEqual(['GA1', 'GA2']);
    expect(await codes(district.cookie)).toEqual(['GA1', 'GA2', 'GB1']);
    expect(await codes(gridWorker.cookie)).toEqual(['GA1']);
    expect(await codes(dept.cookie)).toEqual([]);
    const geo = await call(streetA.cookie, 'GET', '/api/org/grids/geojson');
    expect(geo.json().features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['GA1', 'GA2']);
  });

  it('shows the tree down to the scope and nothing beside it', async () => {
    const top = await call(staffA1.cookie, 'GET', '/api/org/nodes');
    expect(top.json().map((n: { code: string }) => n.code)).toEqual(['110000']);
    const streets = await call(staffA1.cookie, 'GET', '/api/org/nodes?parent=110108');
    expect(streets.json().map((n: { code: string }) => n.code)).toEqual(['110108001']);
    const communities = await call(staffA1.cookie, 'GET', '/api/org/nodes?parent=110108001');
    expect(communities.json().map((n: { code: string }) => n.code)).toEqual(['110108001001']);
  });

  it.each<[string, Role, number]>([
    ['resident', 'resident', 403],
    ['auditor', 'auditor', 403],
    ['grid worker', 'grid_worker', 403],
    ['department handler', 'department_handler', 403],
  ])('a %s cannot write grids', async (_label, role) => {
    const who = { resident, auditor, grid_worker: gridWorker, department_handler: dept }[role as 'resident'];
    const res = await call(who.cookie, 'PATCH', '/api/org/grids/GA1', { version: await gridVersion('GA1'), name: 'x' });
    expect(res.statusCode).toBe(403);
  });

  it('refuses requests without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/org/grids' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('NOT_AUTHENTICATED');
  });
});

describe('grids', () => {
  it('creates, renames with a version check, and locates a point in a grid', async () => {
    const created = await call(streetA.cookie, 'POST', '/api/org/grids', {
      code: 'GA1-R', name: '翠微路道路网格', kind: 'road', communityCode: '110108001001', geometry: square(116.4, 39.95, 0.005),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().orgPath).toBe('110000.110100.110108.110108001.110108001001.GA1-R');
    const renamed = await call(streetA.cookie, 'PATCH', '/api/org/grids/GA1-R', { version: 1, name: '翠微路主干道网格' });
    expect(renamed.json().version).toBe(2);
    const stale = await call(streetA.cookie, 'PATCH', '/api/org/grids/GA1-R', { version: 1, name: '又改了' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const located = await call(streetA.cookie, 'GET', '/api/org/grids/locate?lng=116.402&lat=39.952');
    expect(located.json().code).toBe('GA1-R');
    expect((await call(streetA.cookie, 'GET', '/api/org/grids/locate?lng=120&lat=30')).statusCode).toBe(404);
  });

  it('rejects a polygon whose ring is not closed, naming the field, and stores nothing', async () => {
    const open = { type: 'Polygon', coordinates: [[[116.5, 39.9], [116.51, 39.9], [116.51, 39.91], [116.5, 39.91]]] };
    const res = await call(streetA.cookie, 'POST', '/api/org/grids', { code: 'BAD1', name: '坏网格', kind: 'community', communityCode: '110108001001', geometry: open });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.geometry');
    expect((await call(streetA.cookie, 'GET', '/api/org/grids/BAD1')).statusCode).toBe(404);
  });

  it('imports a GeoJSON file only when every feature is valid, reporting bad ones by index', async () => {
    const feature = (code: string, communityCode: string, geometry: unknown, kind = 'community', name = `${code}网格`) => ({
      type: 'Feature', properties: { code, name, kind, communityCode }, geometry,
    });
    const bad = {
      type: 'FeatureCollection',
      features: [
        feature('IMP1', '110108001001', square(116.6, 39.9)),
        feature('IMP2', '110108001001', { type: 'Polygon', coordinates: [[[39.9, 116.6], [39.91, 116.6], [39.91, 116.61], [39.9, 116.6]]] }),
        feature('IMP3', '110108002001', square(116.62, 39.9)),
        feature('IMP1', '110108001001', square(116.63, 39.9), 'lake'),
      ],
    };
    const res = await call(streetA.cookie, 'POST', '/api/org/grids/import', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('GEOJSON_INVALID');
    const problems = res.json().error.details.problems as { index: number; field: string }[];
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [1, 'geometry'],
      [2, 'properties.communityCode'],
      [3, 'properties.code'],
      [3, 'properties.kind'],
    ]);
    expect((await call(streetA.cookie, 'GET', '/api/org/grids/IMP1')).statusCode).toBe(404);

    const good = { type: 'FeatureCollection', features: [feature('IMP1', '110108001001', square(116.6, 39.9)), feature('IMP2', '110108001002', square(116.61, 39.9), '重点单位网格')] };
    const dry = await call(streetA.cookie, 'POST', '/api/org/grids/import?dryRun=true', good);
    expect(dry.json()).toEqual({ created: 2, updated: 0, dryRun: true });
    expect((await call(streetA.cookie, 'GET', '/api/org/grids/IMP1')).statusCode).toBe(404);
    expect((await call(streetA.cookie, 'POST', '/api/org/grids/import', good)).json()).toEqual({ created: 2, updated: 0, dryRun: false });
    expect((await call(streetA.cookie, 'GET', '/api/org/grids/IMP2')).json().kind).toBe('key_unit');
    // Export and import again: everything updates, nothing new.
    const exported = (await call(streetA.cookie, 'GET', '/api/org/grids/geojson?under=110108001001')).json();
    const again = await call(streetA.cookie, 'POST', '/api/org/grids/import', exported);
    expect(again.json().created).toBe(0);
    expect(again.json().updated).toBe(exported.features.length);
  });
});

describe('map context', () => {
  it('names each grid\'s street in the GeoJSON, for map labels', async () => {
    const geo = (await call(district.cookie, 'GET', '/api/org/grids/geojson?under=110108')).json();
    const seeded = geo.features.map((f: { properties: { code: string } }) => f.properties).filter((p: { code: string }) => ['GA1', 'GA2', 'GB1'].includes(p.code));
    expect(seeded).toEqual([
      expect.objectContaining({ code: 'GA1', communityName: '翠微路社区', streetCode: '110108001', streetName: '万寿路街道' }),
      expect.objectContaining({ code: 'GA2', streetCode: '110108001', streetName: '万寿路街道' }),
      expect.objectContaining({ code: 'GB1', streetCode: '110108002', streetName: '永定路街道' }),
    ]);
  });

  it('gives the outline of the district above a node to whoever may read the node', async () => {
    const own = await call(staffA1.cookie, 'GET', '/api/org/outline?under=110108001001');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ code: '110108', name: '海淀区', geometry: { type: 'Polygon' } });
    expect((await call(district.cookie, 'GET', '/api/org/outline?under=110108')).json().code).toBe('110108');
  });

  it.each([
    ['another community', staffA1, '110108001002', 403],
    ['a division of a department', dept, '110108001', 403],
    ['a resident', resident, '110108001001', 403],
    ['an unknown node', district, '999999', 404],
  ])('refuses the outline for %s', async (_name, who, under, status) => {
    expect((await call(who.cookie, 'GET', `/api/org/outline?under=${under}`)).statusCode).toBe(status);
  });

  it('says which field is wrong when the node is missing', async () => {
    const res = await call(district.cookie, 'GET', '/api/org/outline');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('under');
  });
});

describe('rosters', () => {
  it('keeps the real-name roster and publishes it without sign-in', async () => {
    const added = await call(staffA1.cookie, 'POST', '/api/org/grids/GA1/staff', { name: '李网格', duty: 'grid_worker', phone: '13812345678' });
    expect(added.statusCode).toBe(201);
    await call(staffA1.cookie, 'POST', '/api/org/grids/GA1/staff', { name: '王民警', duty: 'police', sort: 2 });
    const pub = await app.inject({ method: 'GET', url: '/api/public/grids/GA1/roster' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ code: 'GA1', communityName: '翠微路社区', staff: [{ name: '李网格', duty: 'grid_worker', phone: '13812345678' }, { name: '王民警', duty: 'police' }] });
    expect(pub.json().staff[0]).not.toHaveProperty('userId');
    const removed = await call(staffA1.cookie, 'DELETE', `/api/org/grid-staff/${added.json().id}`);
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/public/grids/GA1/roster' })).json().staff).toHaveLength(1);
  });

  it('rejects a bad duty naming the field', async () => {
    const res = await call(staffA1.cookie, 'POST', '/api/org/grids/GA1/staff', { name: '某人', duty: 'boss' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.duty');
  });
});

describe('community types and departments', () => {
  it('sets the type of a community and refuses it on a street', async () => {
    const ok = await call(streetA.cookie, 'PATCH', '/api/org/nodes/110108001001', { communityType: 'old_town' });
    expect(ok.json().communityType).toBe('old_town');
    const street = await call(district.cookie, 'PATCH', '/api/org/nodes/110108001', { communityType: 'old_town' });
    expect(street.statusCode).toBe(400);
  });

  it('adds a department under a district', async () => {
    const res = await call(district.cookie, 'POST', '/api/org/departments', { parentCode: '110108', name: '海淀区民政局' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: '110108D02', level: 'department', orgPath: '110000.110100.110108.110108D02' });
  });

  it('audits every write', async () => {
    const rows = await queryRows<{ action: string }>(db, sql`select action from audit_log where action like 'org.%'`);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['org.grid.create', 'org.grid.update', 'org.grids.import', 'org.roster.add', 'org.roster.remove', 'org.node.update', 'org.department.create']) {
      expect(actions).toContain(a);
    }
  });
});

describe('counts', () => {
  it('counts only children and grids in scope, also on ancestors', async () => {
    const top = (await call(staffA1.cookie, 'GET', '/api/org/nodes')).json();
    const visible = (await call(staffA1.cookie, 'GET', '/api/org/grids')).json().total as number;
    const all = (await call(district.cookie, 'GET', '/api/org/grids')).json().total as number;
    expect(visible).toBeLessThan(all);
    expect(top[0]).toMatchObject({ code: '110000', childCount: 1, gridCount: visible });
    const streets = (await call(streetA.cookie, 'GET', '/api/org/nodes?parent=110108')).json();
    expect(streets).toEqual([expect.objectContaining({ code: '110108001', childCount: 2 })]);
  });
});

describe('node search', () => {
  it('lets the security admin find any node to grant a role on, and others only in scope', async () => {
    const sec = await actorSession(ctx, 'security_admin');
    const found = (await call(sec.cookie, 'GET', `/api/org/nodes?q=${encodeURIComponent('永定路')}`)).json();
    expect(found.map((n: { code: string }) => n.code)).toEqual(['110108002', '110108002001']);
    expect((await call(staffA1.cookie, 'GET', `/api/org/nodes?q=${encodeURIComponent('永定路')}`)).json()).toEqual([]);
    expect((await call(sec.cookie, 'GET', '/api/org/nodes?parent=110108')).statusCode).toBe(403);
    expect((await call(auditor.cookie, 'GET', `/api/org/nodes?q=${encodeURIComponent('永定路')}`)).statusCode).toBe(403);
  });
});
