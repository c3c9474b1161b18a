// Every route of every module × every role × signed out, generated from the routes the app
// mounts: what each identity gets follows from the route's declared `access` and the role's
// permissions (roles.ts). A route a table mounts without a rule, or a route outside the tables
// missing from the list below, fails here. One request per route and identity, with a generic
// body: the test asks only whether the door let the caller in (401/403 or not).
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { permissionsOf, roleNames, roles, type Permission, type Role } from './roles.ts';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../test/helpers.ts';
import { collectRoutes, sampleUrl, type MountedRoute } from '../../../test/routes.ts';

const ctx: TestContext = await setupTestApp();
await seedTree(ctx.database);
const { app } = ctx;

/** Routes outside the route tables, with who may call them: anyone, or an API key whose role carries the permission. */
type OutsideRule = 'public' | { apiKey: Permission };
const outsideTables: Record<string, OutsideRule> = {
  'GET /healthz': 'public',
  'GET /api/config/public': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/docs/yaml': 'public',
  'GET /api/docs/static/index.html': 'public',
  'GET /api/docs/static/swagger-initializer.js': 'public',
  'GET /api/docs/static/*': 'public',
  // Open311 GeoReport v2 (cases/open311.ts): discovery, services and public requests are open by the spec; posting needs a key.
  'GET /open311/v2/discovery.:format': 'public',
  'GET /open311/v2/services.:format': 'public',
  'GET /open311/v2/services/:code.:format': 'public',
  'GET /open311/v2/requests.:format': 'public',
  'GET /open311/v2/requests/:id.:format': 'public',
  'GET /open311/v2/tokens/:token.:format': 'public',
  'POST /open311/v2/requests.:format': { apiKey: 'case.report' },
  // The servicerequestupdates extension: updates of public requests are open; posting one needs a key.
  'GET /open311/v2/servicerequestupdates.:format': 'public',
  'POST /open311/v2/servicerequestupdates.:format': { apiKey: 'case.report' },
  // Open311's 404 in the spec's format for anything else under its prefix.
  'GET /open311/v2/*': 'public',
  'POST /open311/v2/*': 'public',
  'PUT /open311/v2/*': 'public',
  'PATCH /open311/v2/*': 'public',
  'DELETE /open311/v2/*': 'public',
  // The built web app (only when web/dist exists).
  'GET /*': 'public',
};
const optionalOutside = new Set(['GET /*']);

// Routes that hold the connection open (server-sent events) are asked only by callers who must be refused.
const streams = new Set(['GET /api/notifications/stream', 'GET /api/command/stream']);

/** Where each role is granted for the sweep: the first level it belongs on. */
const grantAt: Record<string, string | undefined> = { root: undefined, district: '110108', street: '110108001', community: '110108001001', grid: 'GA1', department: '110108D01' };

interface Identity {
  label: string;
  role: Role | undefined;
  headers: Record<string, string>;
}

async function identities(): Promise<Identity[]> {
  const security = await actorSession(ctx, 'security_admin');
  const found: Identity[] = [{ label: 'signed out', role: undefined, headers: {} }];
  for (const role of roleNames) {
    const orgCode = grantAt[roles[role].grantedOn[0]];
    if (roles[role].isMachine) {
      const res = await app.inject({ method: 'POST', url: '/api/apikeys', headers: { cookie: security.cookie }, payload: { name: `sweep ${role}`, role, ...(orgCode ? { orgCode } : {}) } });
      found.push({ label: `${role} (API key)`, role, headers: { 'x-api-key': res.json().key } });
    } else {
      found.push({ label: role, role, headers: { cookie: (await actorSession(ctx, role, orgCode)).cookie } });
    }
  }
  return found;
}

type Outcome = 'in' | 'refused' | `error ${number}`;

function outcomeOf(res: LightMyRequestResponse): Outcome {
  // OUT_OF_SCOPE: the rule let the caller in, and the data asked for lies outside their part of the tree.
  if (res.statusCode === 403 && (res.json() as { error?: { code?: string } }).error?.code === 'OUT_OF_SCOPE') return 'in';
  if (res.statusCode === 401 || res.statusCode === 403) return 'refused';
  return res.statusCode >= 500 ? `error ${res.statusCode}` : 'in';
}

function expected(route: MountedRoute, key: string, who: Identity): Outcome {
  const outside = outsideTables[key];
  if (outside === 'public' || route.access === 'public') return 'in';
  if (outside) return who.role && roles[who.role].isMachine && permissionsOf(who.role).includes(outside.apiKey) ? 'in' : 'refused';
  if (!who.role) return 'refused';
  if (route.access === 'signed-in' || route.access === 'password-change') return 'in';
  return permissionsOf(who.role).includes(route.access as Permission) ? 'in' : 'refused';
}

const isMachine = (who: Identity) => who.role !== undefined && roles[who.role].isMachine;
const lacks = (permission: Permission) => (who: Identity) => who.role !== undefined && !permissionsOf(who.role).includes(permission);

// What a signed-in route's handler refuses beyond its rule, and why (the sweep states it, not hides it).
const refusedByHandler: Record<string, (who: Identity) => boolean> = {
  // Who am I, and notifications, are for people: an API key is refused.
  'GET /api/auth/me': isMachine,
  'GET /api/notifications': isMachine,
  'POST /api/notifications/read': isMachine,
  // The tree is open to every account that may read part of it (the handler checks org.read for the part asked for).
  'GET /api/org/nodes': lacks('org.read'),
  // A grid worker's own duty items and patrols: other accounts are not grid workers.
  'GET /api/gridwork/duty-items': (who) => who.role !== 'grid_worker',
  'POST /api/gridwork/patrols': (who) => who.role !== 'grid_worker',
  // Applications: staff in scope, or a resident's own; anyone else is refused.
  'GET /api/services/applications': (who) => lacks('services.read')(who) && lacks('services.apply')(who),
};

// Known gaps, each to be closed where it lives (and then removed here, which this test will ask for).
const knownGaps = new Set<string>();

const methods = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const mounted = (await collectRoutes(ctx)).filter((r) => methods.has(r.method));
// Signing out ends the identity's session: it goes last.
const ordered = [...mounted].sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
const everyone = await identities();

describe('the authorisation sweep', () => {
  it('knows every route: a table route has an access rule, any other route is listed here', () => {
    const keys = new Set(mounted.map((r) => `${r.method} ${r.url}`));
    const unknown = mounted.filter((r) => r.access === undefined && !(`${r.method} ${r.url}` in outsideTables)).map((r) => `${r.method} ${r.url}`);
    expect(unknown, 'routes without an access rule').toEqual([]);
    const stale = Object.keys(outsideTables).filter((k) => !keys.has(k) && !optionalOutside.has(k));
    expect(stale, 'listed routes the app no longer has').toEqual([]);
    expect(mounted.filter((r) => r.access !== undefined).length).toBeGreaterThan(100);
  });

  it.each(everyone.map((who) => [who.label, who] as const))('%s: every route lets in exactly whom its rule names', async (_label, who) => {
    const wrong: string[] = [];
    for (const route of ordered) {
      const key = `${route.method} ${route.url}`;
      let want = expected(route, key, who);
      if (want === 'in' && refusedByHandler[key]?.(who)) want = 'refused';
      if (streams.has(key) && want === 'in') continue;
      const body = route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} };
      const res = await app.inject({ method: route.method, url: sampleUrl(route.url), headers: who.headers, ...body });
      const got = outcomeOf(res);
      if (knownGaps.has(`${who.label} ${key}`)) {
        if (got === want) wrong.push(`${key}: a known gap is closed; remove it from knownGaps`);
        continue;
      }
      if (got !== want) wrong.push(`${key} [${route.access ?? 'outside'}]: expected ${want}, got ${got} ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });
});
