// Two-way assessment (下评上) over HTTP on a real database: communities rate the department
// that led their cases; the department's indicator in a department scheme is the mean of the
// ratings; a department does not rate (itself or anyone); a community rates only departments
// that led its cases; bad input names the field and changes nothing.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../test/helpers.ts';
import { makeCase } from '../../../test/factories.ts';
import { createConfiguredCipher } from '../../app.ts';
import { queryRows } from '../../platform/db.ts';
import { actOnCase, type CaseDeps } from '../cases/index.ts';

type Session = Awaited<ReturnType<typeof actorSession>>;
let ctx: TestContext;
let s: Record<'district' | 'communityA1' | 'communityA2' | 'communityB1' | 'dept' | 'resident', Session>;

const inject = (who: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: who.cookie } });
const expectStatus = async (res: Promise<LightMyRequestResponse>, status: number) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};

// The half year we are in (China time), where the cases below are reported and dispatched.
const today = new Date(Date.now() + 8 * 3_600_000);
const periodStart = `${today.getUTCFullYear()}-${today.getUTCMonth() < 6 ? '01' : '07'}-01`;
const points = { A1: { lng: 116.285, lat: 39.905 }, A2: { lng: 116.295, lat: 39.905 }, B1: { lng: 116.305, lat: 39.905 } };

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  const deps: CaseDeps = { db: ctx.database.db, pii: createConfiguredCipher(ctx.config), dataDir: ctx.config.dataDir };
  const [district, communityA1, communityA2, communityB1, dept, resident] = await Promise.all([
    actorSession(ctx, 'district_staff', '110108'),
    actorSession(ctx, 'community_staff', '110108001001'),
    actorSession(ctx, 'community_staff', '110108001002'),
    actorSession(ctx, 'community_staff', '110108002001'),
    actorSession(ctx, 'department_handler', '110108D01'),
    actorSession(ctx, 'resident', '110108001001'),
  ]);
  s = { district, communityA1, communityA2, communityB1, dept, resident };
  // The department leads a case of A1 and one of A2; B1's case stays in its community.
  for (const [where, staff] of [['A1', communityA1], ['A2', communityA2]] as const) {
    const row = await makeCase(deps, resident.actor, { ...points[where], categoryCode: '0501' });
    await actOnCase(deps, staff.actor, row.id, { action: 'accept' });
    await actOnCase(deps, staff.actor, row.id, { action: 'register' });
    await actOnCase(deps, staff.actor, row.id, { action: 'dispatch', targetUnitId: '110108D01' });
  }
  // B1's case is led by its own community: a community is not a department to rate.
  const own = await makeCase(deps, resident.actor, { ...points.B1, categoryCode: '0502' });
  await actOnCase(deps, communityB1.actor, own.id, { action: 'accept' });
  await actOnCase(deps, communityB1.actor, own.id, { action: 'register' });
  await actOnCase(deps, communityB1.actor, own.id, { action: 'dispatch', targetUnitId: '110108002001' });
}, 120_000);

const rate = (who: Session, community: string, score: number, extra: object = {}) =>
  inject(who, 'PUT', '/api/assessment/ratings', { community, unitCode: '110108D01', periodStart, score, comment: '响应及时', ...extra });

describe('two-way assessment: communities rate departments', () => {
  it('offers a community the departments that led its cases, and none to a community they did not serve', async () => {
    const a1 = await expectStatus(inject(s.communityA1, 'GET', `/api/assessment/ratings?community=110108001001&periodStart=${periodStart}`), 200);
    expect(a1.items).toEqual([{ code: '110108D01', name: '海淀区城市管理委员会', score: null, comment: '', ratedAt: null }]);
    const b1 = await expectStatus(inject(s.communityB1, 'GET', `/api/assessment/ratings?community=110108002001&periodStart=${periodStart}`), 200);
    expect(b1.items).toEqual([]);
  });

  it("a department's indicator is the mean of the communities' ratings", async () => {
    await expectStatus(rate(s.communityA1, '110108001001', 2), 200);
    // Rating again replaces the score.
    const again = await expectStatus(rate(s.communityA1, '110108001001', 3), 200);
    expect(again.items[0]).toMatchObject({ code: '110108D01', score: 3, comment: '响应及时' });
    await expectStatus(rate(s.communityA2, '110108001002', 5), 200);

    const scheme = await expectStatus(
      inject(s.district, 'POST', '/api/assessment/schemes', {
        name: '部门双向评价', period: 'half_year', periodStart, kind: 'department', underCode: '110108',
        indicators: [
          { name: '社区评价', source: 'data', dataKey: 'assessment.communityRating', weight: 60 },
          { name: '按期结案率', source: 'data', dataKey: 'case.onTimeClosureRate', weight: 40 },
        ],
      }),
      201,
    );
    const result = await expectStatus(inject(s.district, 'POST', `/api/assessment/schemes/${scheme.id}/compute`), 200);
    const d01 = (result.rows as { orgUnit: { code: string }; items: { indicatorId: string; raw: number | null }[] }[]).find((r) => r.orgUnit.code === '110108D01');
    const ratingIndicator = (result.indicators as { id: string; dataKey: string }[]).find((i) => i.dataKey === 'assessment.communityRating');
    expect(d01?.items.find((i) => i.indicatorId === ratingIndicator?.id)?.raw).toBe(4);
    const trace = await expectStatus(inject(s.district, 'GET', `/api/assessment/schemes/${scheme.id}/trace?indicatorId=${ratingIndicator?.id}&orgUnitCode=110108D01`), 200);
    expect(JSON.stringify(trace.rows)).toContain('翠微路社区');
    // A community scheme cannot take the source: it measures departments.
    const wrongKind = await expectStatus(
      inject(s.district, 'POST', '/api/assessment/schemes', { name: '社区', period: 'half_year', periodStart, kind: 'community', underCode: '110108', indicators: [{ name: '社区评价', source: 'data', dataKey: 'assessment.communityRating', weight: 100 }] }),
      400,
    );
    expect(wrongKind.error.details.fields[0].field).toBe('body.indicators.0.dataKey');
  });

  it('a department does not rate, itself or anyone; a community rates only for itself and only departments that led its cases', async () => {
    const before = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from assessment_unit_ratings`);
    await expectStatus(rate(s.dept, '110108D01', 5), 403);
    await expectStatus(rate(s.district, '110108001001', 5), 403);
    const other = await expectStatus(rate(s.communityA1, '110108001002', 5), 403);
    expect(other.error.code).toBe('OUT_OF_SCOPE');
    const notServed = await expectStatus(rate(s.communityB1, '110108002001', 1), 400);
    expect(notServed.error.details.fields[0].field).toBe('body.unitCode');
    const self = await expectStatus(rate(s.communityA1, '110108001001', 4, { unitCode: '110108001001' }), 400);
    expect(self.error.details.fields[0].field).toBe('body.unitCode');
    const score = await expectStatus(rate(s.communityA1, '110108001001', 6), 400);
    expect(score.error.details.fields[0].field).toBe('body.score');
    const period = await expectStatus(rate(s.communityA1, '110108001001', 4, { periodStart: `${periodStart.slice(0, 4)}-03-01` }), 400);
    expect(period.error.details.fields[0].field).toBe('body.periodStart');
    const after = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from assessment_unit_ratings`);
    expect(after).toEqual(before);
    const [audited] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from audit_log where action = 'assessment.rating'`);
    expect(audited?.n).toBe(3);
  });
});
