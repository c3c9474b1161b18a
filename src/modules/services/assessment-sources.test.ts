// 好差评 and timeliness as assessment indicators: a scheme over the test district's communities
// computes services.satisfaction and services.on_time, and each unit's value equals the same
// share recomputed from the ratings list (staff API) and from the applications written here.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../test/helpers.ts';
import { createConfiguredCipher } from '../../app.ts';
import { queryRows } from '../../platform/db.ts';
import type { RatingView } from './contract/ratings.ts';
import { serviceApplications } from './schema.ts';
import { serviceRatings } from './schema/ratings.ts';
import { seedTestCatalogue } from './test-support.ts';
import { insertTestApplication } from './ratings/test-applications.ts';

type Session = Awaited<ReturnType<typeof actorSession>>;
let ctx: TestContext;
let district: Session;

const D = '110000.110100.110108';
const paths = { A1: `${D}.110108001.110108001001`, A2: `${D}.110108001.110108001002`, B1: `${D}.110108002.110108002001` } as const;
const codes = { A1: '110108001001', A2: '110108001002', B1: '110108002001' } as const;
type Unit = keyof typeof paths;
const bj = (day: string) => new Date(`${day}T10:00:00+08:00`);

let n = 0;
async function rating(unit: Unit, level: number, day: string, extra: { voided?: boolean; subjectKind?: 'application' | 'case' } = {}) {
  n++;
  await ctx.database.db.insert(serviceRatings).values({
    subjectKind: extra.subjectKind ?? 'application', subjectId: `s${n}`, subjectNumber: `SJ20260301-${String(n).padStart(5, '0')}`, itemCode: 'GZ-GL-001', itemName: '高龄津贴申领',
    centreCode: codes[unit], orgPath: paths[unit], channel: 'counter', level, dimensions: {}, comment: '', voided: extra.voided ?? false, createdAt: bj(day),
  });
}

const pii = () => createConfiguredCipher(ctx.config);
async function decided(unit: Unit, due: string, finished: string | null, status: 'approved' | 'delivered' | 'under_review' = 'delivered') {
  n++;
  const number = `FW20260301-${String(n).padStart(5, '0')}`;
  await insertTestApplication(ctx.database.db, pii(), { number, status, idNumber: '110108194001010021', phone: '13800138000' });
  await ctx.database.db
    .update(serviceApplications)
    .set({ orgPath: paths[unit], unitCode: codes[unit], dueAt: bj(due), finishedAt: finished ? bj(finished) : null })
    .where(eq(serviceApplications.number, number));
}

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  await seedTestCatalogue(ctx);
  district = await actorSession(ctx, 'district_staff', '110108');
  // A1: 5, 4, 3, 2 in the period (2 of 4 satisfied); a voided 1, a case's 1 and a rating after the period do not count.
  for (const level of [5, 4, 3, 2]) await rating('A1', level, '2026-03-10');
  await rating('A1', 1, '2026-03-11', { voided: true });
  await rating('A1', 1, '2026-03-11', { subjectKind: 'case' });
  await rating('A1', 1, '2026-07-02');
  // A2: 4, 4, 1 (2 of 3); B1: none.
  for (const level of [4, 4, 1]) await rating('A2', level, '2026-04-01');
  // On time: A1 two of three decided by the promised day; A2 one late; B1 one still under review (not decided).
  await decided('A1', '2026-03-20', '2026-03-19');
  await decided('A1', '2026-03-20', '2026-03-20', 'approved');
  await decided('A1', '2026-03-20', '2026-03-25');
  await decided('A2', '2026-05-10', '2026-05-12');
  await decided('B1', '2026-05-10', null, 'under_review');
});

describe('services indicators in the assessment', () => {
  it('are offered among the data sources', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/assessment/data-sources', headers: { cookie: district.cookie } });
    const keys = res.json<{ items: { key: string; kinds: string[] }[] }>().items.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['services.satisfaction', 'services.on_time']));
  });

  it('give each unit the share that the ratings list and the applications recompute', async () => {
    const scheme = await ctx.app.inject({
      method: 'POST', url: '/api/assessment/schemes', headers: { cookie: district.cookie },
      payload: {
        name: '2026年上半年政务服务考核', period: 'half_year', periodStart: '2026-01-01', kind: 'community', underCode: '110108',
        indicators: [{ name: '好差评满意率', source: 'data', dataKey: 'services.satisfaction', weight: 50 }, { name: '按承诺时限办结率', source: 'data', dataKey: 'services.on_time', weight: 50 }],
      },
    });
    expect(scheme.statusCode, scheme.body).toBe(201);
    const result = await ctx.app.inject({ method: 'POST', url: `/api/assessment/schemes/${scheme.json<{ id: string }>().id}/compute`, headers: { cookie: district.cookie } });
    expect(result.statusCode, result.body).toBe(200);
    const raw = new Map(result.json<{ rows: { orgUnit: { code: string }; items: { raw: number | null }[] }[] }>().rows.map((r) => [r.orgUnit.code, r.items.map((i) => i.raw)]));

    // Recomputed from the staff's ratings list: valid ratings of applications in the half year, 满意 or better.
    for (const unit of Object.keys(codes) as Unit[]) {
      const list = await ctx.app.inject({ method: 'GET', url: `/api/services/ratings?under=${codes[unit]}&from=2026-01-01&to=2026-06-30&pageSize=100`, headers: { cookie: district.cookie } });
      const valid = list.json<{ items: RatingView[] }>().items.filter((r) => !r.voided && r.subjectKind === 'application');
      const expected = valid.length ? Math.round((valid.filter((r) => r.level >= 4).length / valid.length) * 10_000) / 10_000 : null;
      expect(raw.get(codes[unit])?.[0], `${unit} satisfaction`).toBe(expected);
    }
    expect(raw.get(codes.A1)?.[0]).toBe(0.5);
    expect(raw.get(codes.A2)?.[0]).toBe(0.6667);

    // Recomputed from the applications: decided ones with finished_at <= due_at.
    const apps = await queryRows<{ org_path: string; due_at: Date; finished_at: Date }>(ctx.database.db, sql`select org_path, due_at, finished_at from service_applications where finished_at is not null`);
    for (const unit of Object.keys(codes) as Unit[]) {
      const mine = apps.filter((a) => a.org_path === paths[unit]);
      const expected = mine.length ? Math.round((mine.filter((a) => new Date(a.finished_at) <= new Date(a.due_at)).length / mine.length) * 10_000) / 10_000 : null;
      expect(raw.get(codes[unit])?.[1], `${unit} on time`).toBe(expected);
    }
    expect(raw.get(codes.A1)?.[1]).toBe(0.6667);
    expect(raw.get(codes.A2)?.[1]).toBe(0);
    expect(raw.get(codes.B1)).toEqual([null, null]);
  });
});
