import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { createConfiguredCipher } from '../../app.ts';
import { setupTestApp } from '../../../test/helpers.ts';
import { actorAt } from '../../../test/factories.ts';
import { containsPoint, listChildOrgNodes, listGridPlacesUnder, seedOrgDemo, type GridGeometry } from '../org/index.ts';
import { seedCasesDemo } from './demo/seed.ts';
import { guaranteedCase, guaranteedCases } from './demo/guaranteed.ts';
import { listCases } from './use-cases/list-cases.ts';
import { openStates, type CaseDeps } from './use-cases/common.ts';
import { loadCaseRules, type CaseRules } from './settings.ts';

// The demo must show open, yellow, red and overdue cases in every street whatever the hour:
// a Monday-morning journey once found no overdue case after a quiet weekend night.
// Each clock below is fixed; the database's own clock plays no part.
const clocks = [
  { name: 'Monday 2026-11-30 06:40 Beijing, after a weekend', now: new Date('2026-11-29T22:40:00Z'), count: 0 },
  { name: 'Thursday 2026-10-08 07:00 Beijing, the first working day after National Day', now: new Date('2026-10-07T23:00:00Z'), count: 300 },
];

const streetStaff = (code: string, orgPath: string): Actor => actorAt('street_staff', orgPath, `street-${code}`);

for (const clock of clocks) {
  describe(`the demo at ${clock.name}`, async () => {
    const ctx = await setupTestApp();
    const db = ctx.database.db;
    const deps: CaseDeps = { db, pii: createConfiguredCipher(ctx.config), dataDir: ctx.config.dataDir };
    const district = ctx.config.demoDistrict;
    const org = await seedOrgDemo(db, district, () => undefined);
    // count 0 for one clock: the guarantee does not come from the random year.
    await seedCasesDemo(db, { districtCode: district, pii: deps.pii, now: clock.now, count: clock.count });
    const streetsWithGrids = new Set((await listGridPlacesUnder(db, org.district.orgPath)).map((g) => g.streetCode));
    const streets = (await listChildOrgNodes(db, district, 'divisions')).filter((s) => s.level === 'street' && streetsWithGrids.has(s.code));

    it('has every open state, and yellow, red and overdue cases, in every street', async () => {
      expect(streets.length).toBeGreaterThan(10);
      const rows = await queryRows<{ street: string; state: string; level: string; overdue: boolean; n: number }>(
        db,
        sql`select street_code as street, state, sla_level as level, overdue_at is not null as overdue, count(*)::int as n
            from cases where state in ${openStates} group by 1, 2, 3, 4`,
      );
      for (const street of streets) {
        const mine = rows.filter((r) => r.street === street.code);
        expect(new Set(mine.map((r) => r.state)), street.code).toEqual(new Set(openStates));
        expect(mine.some((r) => r.level === 'yellow' && !r.overdue), `${street.code} yellow`).toBe(true);
        expect(mine.some((r) => r.level === 'red'), `${street.code} red`).toBe(true);
        expect(mine.some((r) => r.overdue), `${street.code} overdue`).toBe(true);
        // Every state with a running clock has an overdue case; those of the accept and handle
        // stages a yellow one too (a one-day verify stage can have none before work: see guaranteedCase).
        for (const state of openStates.filter((s) => s !== 'suspended')) {
          expect(mine.some((r) => r.state === state && r.overdue), `${street.code} ${state} overdue`).toBe(true);
          if (state !== 'handled') expect(mine.some((r) => r.state === state && r.level === 'yellow' && !r.overdue), `${street.code} ${state} yellow`).toBe(true);
        }
      }
    });

    it('puts every case inside its own grid, edge grids too (they are not rectangles)', async () => {
      const geometryOf = new Map((await listGridPlacesUnder(db, org.district.orgPath)).map((g) => [g.gridCode, g.geometry]));
      const cases = await queryRows<{ grid: string; lng: number; lat: number }>(db, sql`select grid_code as grid, lng, lat from cases where lng is not null`);
      expect(cases.length).toBeGreaterThan(0);
      const outside = cases.filter((c) => !containsPoint(geometryOf.get(c.grid) as GridGeometry, c.lng, c.lat));
      expect(outside).toEqual([]);
    });

    it('marks overdue cases as the deadline job would: timeline entry, red level, automatic supervision', async () => {
      const [bad] = await queryRows<{ n: number; total: number }>(
        db,
        sql`select count(*) filter (where sla_level <> 'red' or supervision_level is null or deadline_at > ${clock.now.toISOString()}
              or not exists (select 1 from case_timeline t where t.case_id = c.id and t.action = 'overdue')
              or not exists (select 1 from case_timeline t where t.case_id = c.id and t.action = 'auto_supervise'))::int as n,
            count(*)::int as total
            from cases c where c.overdue_at is not null and c.state in ${openStates}`,
      );
      expect(bad?.total).toBeGreaterThan(0);
      expect(bad?.n).toBe(0);
      // And nothing in the future: the demo stops at its clock.
      const [future] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from case_timeline where at > ${clock.now.toISOString()}`);
      expect(future?.n).toBe(0);
    });

    it('gives every street’s staff a non-empty overdue list (GET /api/cases?overdue=true) and supervision board', async () => {
      for (const street of streets) {
        const actor = streetStaff(street.code, street.orgPath);
        const overdue = await listCases(deps, actor, { overdue: true, page: 1, pageSize: 50 }, clock.now);
        expect(overdue.total, street.code).toBeGreaterThan(0);
        expect(overdue.items.every((c) => c.sla.isOverdue)).toBe(true);
        const supervised = await listCases(deps, actor, { supervised: true, states: [...openStates], page: 1, pageSize: 5 }, clock.now);
        expect(supervised.total, street.code).toBeGreaterThan(0);
      }
    });

    it('filters overdue by the caller’s clock, not the database’s', async () => {
      // A case not overdue at the demo's clock is overdue an hour before the real now, if the
      // clock lies in the past: the list follows the clock it is given.
      const actor = streetStaff(streets[0]?.code as string, streets[0]?.orgPath as string);
      const [pending] = await queryRows<{ id: string; deadline: Date }>(
        db,
        sql`select id, deadline_at as deadline from cases where street_code = ${streets[0]?.code} and overdue_at is null and deadline_at > ${clock.now.toISOString()} order by deadline_at limit 1`,
      );
      expect(pending).toBeDefined();
      const ids = async (at: Date) => (await listCases(deps, actor, { overdue: true, page: 1, pageSize: 500 }, at)).items.map((c) => c.id);
      expect(await ids(clock.now)).not.toContain(pending?.id);
      expect(await ids(new Date(new Date(pending?.deadline as Date).getTime() + 60_000))).toContain(pending?.id);
    });
  });
}

describe('the guaranteed cases at any hour', async () => {
  const ctx = await setupTestApp();
  const rules = await loadCaseRules(ctx.database.db);
  const leaves = [...rules.categories.values()].filter((c) => c.parentCode !== null && c.active);
  const place = { gridCode: 'G1', orgPath: 'x.G1', communityCode: '110108001001', communityName: '翠微路社区', streetCode: '110108001', minLng: 116.2, minLat: 39.9, maxLng: 116.21, maxLat: 39.91,
    geometry: { type: 'Polygon' as const, coordinates: [[[116.2, 39.9], [116.21, 39.9], [116.21, 39.91], [116.2, 39.91], [116.2, 39.9]] as [number, number][]] } };
  const at = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });

  const make = (r: CaseRules, now: Date, categoryIndex: number, target: (typeof guaranteedCases)[number], emptyBands: Set<string>) => {
    const first = categoryIndex % leaves.length;
    const categories = [...leaves.slice(first), ...leaves.slice(0, first)];
    return guaranteedCase({ rules: r, id: '00000000-0000-4000-8000-000000000000', now, place, categories, handlerFor: () => place.communityCode, emptyBands, ...target });
  };

  it('reaches each state at any instant, yellow in the accept and handle stages and overdue in all (it throws on a wrong level)', () => {
    fc.assert(
      fc.property(at, fc.nat(), (now, categoryIndex) => {
        const emptyBands = new Set<string>();
        for (const target of guaranteedCases) {
          const made = make(rules, now, categoryIndex, target, emptyBands);
          if (target.level === 'red') {
            // Shipped limits turn red at the deadline: red is then the overdue case itself.
            expect(made).toBeNull();
            continue;
          }
          if (target.level === 'yellow' && target.state === 'handled') continue; // may be empty before work
          expect(made?.sim.snapshot.state, `${target.state}/${target.level ?? '-'} at ${now.toISOString()}`).toBe(target.state);
          expect(made?.sim.sla.overdue_at !== null, `${target.state}/${target.level ?? '-'} at ${now.toISOString()}`).toBe(target.level === 'overdue');
        }
      }),
      { numRuns: 50 },
    );
  });

  it('makes red cases before the deadline when the rules turn red earlier', () => {
    const earlyRed: CaseRules = { ...rules, timeLimits: new Map([...rules.timeLimits].map(([key, limit]) => [key, { ...limit, redAt: Math.max(limit.yellowAt, 0.9) }])) };
    fc.assert(
      fc.property(at, fc.nat(), (now, categoryIndex) => {
        const emptyBands = new Set<string>();
        for (const target of guaranteedCases.filter((t) => t.level === 'red')) {
          const made = make(earlyRed, now, categoryIndex, target, emptyBands);
          // Limits in hours always have the band; those in whole days not before work.
          if (target.state === 'reported') expect(made).not.toBeNull();
          if (made) {
            expect(made.sim.sla.sla_level).toBe('red');
            expect(made.sim.sla.overdue_at).toBeNull();
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
