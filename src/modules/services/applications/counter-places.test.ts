// The counter's community picker: the streets of the counter's district with their
// communities and pinyin keys, for a community counter as for a district one; refused to
// roles without services.intake.
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../../test/helpers.ts';
import type { CounterStreets } from '../contract.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
});

const picker = async (role: 'community_staff' | 'district_staff' | 'leader' | 'resident', code: string) => {
  const s = await actorSession(ctx, role, code);
  return ctx.app.inject({ method: 'GET', url: '/api/services/counter/communities', headers: { cookie: s.cookie } });
};

describe('the counter community picker', () => {
  it('gives a community counter every community of its district, by street, with pinyin and initials', async () => {
    const res = await picker('community_staff', '110108001001');
    expect(res.statusCode, res.body).toBe(200);
    const streets = res.json<CounterStreets>();
    expect(streets.map((s) => [s.code, s.communities.map((c) => c.code)])).toEqual([
      ['110108001', ['110108001001', '110108001002']],
      ['110108002', ['110108002001']],
    ]);
    const cuiwei = streets[0]!.communities[0]!;
    expect(cuiwei.name).toBe('翠微路社区');
    expect(cuiwei.search).toContain('cuiweilushequ');
    expect(cuiwei.search).toContain('cwlsq');
    expect((await picker('district_staff', '110108')).json<CounterStreets>()).toEqual(streets);
  });

  it('is refused to roles that take nothing in', async () => {
    expect((await picker('leader', '110108')).statusCode).toBe(403);
    expect((await picker('resident', '110108001001')).statusCode).toBe(403);
  });
});
