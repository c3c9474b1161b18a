// Offline replay: the same queued write sent twice with one Idempotency-Key makes one record.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../test/helpers.ts';
import { makeResident } from '../../test/factories.ts';
import { createConfiguredCipher } from '../app.ts';
import { queryRows } from './db.ts';
import { idempotencyKeys, requestHash, runIdempotent, sweepIdempotencyKeys } from './idempotency.ts';
import { systemActor } from './auth/scope.ts';

let ctx: TestContext;
let worker: { cookie: string };
const report = { title: '井盖缺失', description: '3号楼东侧', categoryCode: '0501', lng: 116.285, lat: 39.905 };

async function countCases(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from cases where title = ${report.title}`);
  return row?.n ?? 0;
}

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  worker = await actorSession(ctx, 'grid_worker', 'GA1');
});

describe('Idempotency-Key', () => {
  it('makes one case of the same queued report sent twice, and answers the replay as the first time', async () => {
    const send = () => ctx.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: worker.cookie, 'idempotency-key': 'outbox-0001-report' }, payload: report });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    const second = await send();
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().case.id).toBe(first.json().case.id);
    expect(await countCases()).toBe(1);
    const other = await ctx.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: worker.cookie, 'idempotency-key': 'outbox-0002-report' }, payload: report });
    expect(other.statusCode).toBe(201);
    expect(await countCases()).toBe(2);
  });

  it('keeps the status the first answer went out with, and replays it', async () => {
    const [kept] = await ctx.database.db.select().from(idempotencyKeys).where(sql`key = 'outbox-0001-report'`);
    expect(kept?.status).toBe(201);
    // A handler that set its own status (202, accepted for later) is replayed with it, not 200.
    const hash = requestHash('POST', '/x', { a: 1 });
    let runs = 0;
    const work = async () => ({ accepted: ++runs });
    const first = await runIdempotent(ctx.database.db, systemActor, 'status-test-0001', hash, work, () => 202);
    expect(first).toEqual({ replayed: false, value: { accepted: 1 } });
    const replay = await runIdempotent(ctx.database.db, systemActor, 'status-test-0001', hash, work, () => 200);
    expect(replay).toEqual({ replayed: true, value: { accepted: 1 }, status: 202 });
    expect(runs).toBe(1);
  });

  it('refuses a key reused for a different request, naming the header, and changes nothing', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: worker.cookie, 'idempotency-key': 'outbox-0001-report' }, payload: { ...report, description: '另一处' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('headers.idempotency-key');
    expect(await countCases()).toBe(2);
  });

  it('keeps keys per actor: another worker with the same key makes their own case', async () => {
    const other = await actorSession(ctx, 'grid_worker', 'GA1');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: other.cookie, 'idempotency-key': 'outbox-0001-report' }, payload: report });
    expect(res.statusCode).toBe(201);
    expect(await countCases()).toBe(3);
  });

  it('keeps nothing when the first request fails, so the phone may retry', async () => {
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/registry/visits', headers: { cookie: worker.cookie, 'idempotency-key': 'outbox-0003-report' }, payload: { residentId: '00000000-0000-4000-8000-000000000000', method: 'home' } });
    expect(bad.statusCode).toBe(404);
    const kept = await ctx.database.db.select().from(idempotencyKeys).where(sql`key = 'outbox-0003-report'`);
    expect(kept).toHaveLength(0);
  });

  it('records one visit when the same queued visit is sent twice', async () => {
    const staff = await actorSession(ctx, 'community_staff', '110108001001');
    const resident = await makeResident(ctx.database.db, createConfiguredCipher(ctx.config), staff.actor, { gridCode: 'GA1', name: '李秀英' });
    const send = () => ctx.app.inject({ method: 'POST', url: '/api/registry/visits', headers: { cookie: worker.cookie, 'idempotency-key': 'outbox-0004-visit' }, payload: { residentId: resident.id, method: 'home' } });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    const second = await send();
    expect(second.json().id).toBe(first.json().id);
    const [row] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from visits where resident_id = ${resident.id}`);
    expect(row?.n).toBe(1);
  });

  it('refuses a malformed key by the header name', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: worker.cookie, 'idempotency-key': 'x' }, payload: report });
    expect(res.statusCode).toBe(400);
    expect(await countCases()).toBe(3);
  });

  it('forgets answers after 24 hours', async () => {
    await ctx.database.db.execute(sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = 'outbox-0001-report'`);
    expect(await sweepIdempotencyKeys(ctx.database.db)).toBe(2);
    expect(await ctx.database.db.select().from(idempotencyKeys).where(sql`key = 'outbox-0001-report'`)).toHaveLength(0);
  });
});
