// Intake under load: case numbers stay distinct and well formed when many reports arrive at
// once, and (on PostgreSQL) how many database round trips one HTTP intake costs.
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../test/helpers.ts';
import { inGA1 } from './test-support.ts';

let ctx: TestContext;
let cookie: string;

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  cookie = (await actorSession(ctx, 'hotline_operator', '110108')).cookie;
});

const report = (i: number) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie },
    payload: { title: `并发上报 ${i}`, description: '东门垃圾桶满溢', categoryCode: '0501', ...inGA1, address: '翠微路2号院', reporter: { name: '王女士', phone: '13800138000' } },
  });

describe('case numbers under concurrent intake', () => {
  it('gives 200 concurrent intakes 200 distinct, well-formed numbers', async () => {
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => report(i)));
    for (const res of responses) expect(res.statusCode, res.body).toBe(201);
    const numbers = responses.map((res) => (res.json() as { case: { number: string } }).case.number);
    expect(new Set(numbers).size).toBe(200);
    for (const n of numbers) expect(n).toMatch(/^HD\d{8}-\d{6}$/);
  }, 120_000);
});

// Round trips are what a network costs: measured on PostgreSQL, where every query is one.
describe.skipIf(!process.env.DATABASE_URL)('round trips per intake (PostgreSQL)', () => {
  const original = pg.Client.prototype.query;
  afterEach(() => {
    pg.Client.prototype.query = original;
  });

  it('counts the queries one HTTP intake makes once caches are warm', async () => {
    await report(-1);
    const seen: string[] = [];
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string; name?: string };
      seen.push((typeof first === 'string' ? first : (first.name ?? first.text ?? '')).replace(/\s+/g, ' ').slice(0, 90));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    const runs = 10;
    for (let i = 0; i < runs; i++) expect((await report(i)).statusCode).toBe(201);
    pg.Client.prototype.query = original;
    const perIntake = seen.length / runs;
    // 'select 1' is the session cache's check on its own listening connection, not the pool.
    console.log(`round trips per intake: ${perIntake}\n  ${seen.slice(0, Math.ceil(perIntake)).join('\n  ')}`);
    expect(perIntake).toBeGreaterThan(0);
  }, 60_000);
});
