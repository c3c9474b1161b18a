// Community funds over HTTP on a real database: donations, board-voted grants, expenses, the
// ledger's trial balance after every operation (random operations, seeded), concurrent
// spending, scope, and the public report without personal data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app } = ctx;
const staff = await actorSession(ctx, 'community_staff', '110108001001');
const otherStreet = await actorSession(ctx, 'street_staff', '110108002');
const resident = await actorSession(ctx, 'resident', '110108001001');

const call = (cookie: string | undefined, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

const board = [
  { name: '王建国', title: '理事长' },
  { name: '李秀英', title: '副理事长' },
  { name: '赵敏', title: '理事' },
  { name: '陈刚', title: '理事' },
  { name: '周丽', title: '监事' },
];
async function newFund(name: string) {
  const res = await call(staff.cookie, 'POST', '/api/community/funds', { orgCode: '110108001001', kind: 'fund', name, custodianBank: '北京银行万寿路支行', board });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
let receipt = 0;
const donation = (amountFen: number, extra: Record<string, unknown> = {}) => ({ donorName: '张三丰', donorKind: 'person', anonymous: false, amountFen, purpose: '助老', receiptNumber: `SJ-${++receipt}`, receivedOn: '2026-03-01', ...extra });
const allFor = board.slice(0, 3).map((m) => ({ member: m.name, vote: 'for' }));

describe('community funds', () => {
  it('records a donation, a grant the board passed, its payment and an expense, balanced at every step', async () => {
    const id = await newFund('翠微路社区发展基金');
    const steps = [
      await call(staff.cookie, 'POST', `/api/community/funds/${id}/donations`, donation(500_000)),
      await call(staff.cookie, 'POST', `/api/community/funds/${id}/grants`, { title: '楼道微更新', recipient: '翠微为老服务社', amountFen: 200_000, decidedOn: '2026-04-01', votes: allFor }),
    ];
    const grantId = steps[1]!.json().grants[0].id;
    steps.push(await call(staff.cookie, 'POST', `/api/community/funds/${id}/grants/${grantId}/pay`, { voucherNumber: 'FK-1', paidOn: '2026-04-10' }));
    steps.push(await call(staff.cookie, 'POST', `/api/community/funds/${id}/expenses`, { description: '年度审计费', amountFen: 50_000, voucherNumber: 'ZC-1', spentOn: '2026-05-01' }));
    for (const s of steps) {
      expect(s.statusCode, s.body).toBeLessThan(300);
      expect(s.json().trialBalance.differenceFen).toBe(0);
    }
    expect(steps[3]!.json()).toMatchObject({ balanceFen: 250_000, payableFen: 0 });
    expect(steps[3]!.json().grants[0]).toMatchObject({ status: 'paid', votesFor: 3 });
  });

  it('keeps a grant the board did not pass, with its votes, and posts nothing', async () => {
    const id = await newFund('否决测试基金');
    await call(staff.cookie, 'POST', `/api/community/funds/${id}/donations`, donation(100_000));
    const res = await call(staff.cookie, 'POST', `/api/community/funds/${id}/grants`, { title: '外出旅游', recipient: '某旅行社', amountFen: 50_000, decidedOn: '2026-04-01', votes: [{ member: '王建国', vote: 'for' }, { member: '李秀英', vote: 'for' }, { member: '赵敏', vote: 'against' }, { member: '陈刚', vote: 'abstain' }] });
    expect(res.json().grants[0]).toMatchObject({ status: 'rejected', votesFor: 2, votesAgainst: 1, abstentions: 1 });
    expect(res.json()).toMatchObject({ balanceFen: 100_000, payableFen: 0 });
    const stranger = await call(staff.cookie, 'POST', `/api/community/funds/${id}/grants`, { title: 'x', recipient: 'y', amountFen: 1, decidedOn: '2026-04-01', votes: [{ member: '路人甲', vote: 'for' }] });
    expect(stranger.json().error.details.fields[0].field).toBe('body.votes.0.member');
  });

  it('refuses spending money committed to grants, and two expenses at once cannot overspend', async () => {
    const id = await newFund('并发测试基金');
    await call(staff.cookie, 'POST', `/api/community/funds/${id}/donations`, donation(100_000));
    await call(staff.cookie, 'POST', `/api/community/funds/${id}/grants`, { title: '助餐', recipient: '某组织', amountFen: 40_000, decidedOn: '2026-04-01', votes: allFor });
    const over = await call(staff.cookie, 'POST', `/api/community/funds/${id}/expenses`, { description: '活动', amountFen: 60_001, voucherNumber: 'ZC-X', spentOn: '2026-05-01' });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('COMMUNITY_FUND_INSUFFICIENT');
    const [a, b] = await Promise.all([
      call(staff.cookie, 'POST', `/api/community/funds/${id}/expenses`, { description: '活动一', amountFen: 40_000, voucherNumber: 'ZC-A', spentOn: '2026-05-01' }),
      call(staff.cookie, 'POST', `/api/community/funds/${id}/expenses`, { description: '活动二', amountFen: 40_000, voucherNumber: 'ZC-B', spentOn: '2026-05-01' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const after = (await call(staff.cookie, 'GET', `/api/community/funds/${id}`)).json();
    expect(after).toMatchObject({ balanceFen: 60_000, payableFen: 40_000 });
    expect(after.trialBalance.differenceFen).toBe(0);
  });

  it('keeps the trial balance at zero after every one of many random operations', async () => {
    const id = await newFund('随机操作基金');
    const ops = fc.sample(
      fc.record({ kind: fc.constantFrom('donation', 'grant', 'pay', 'expense'), amountFen: fc.integer({ min: 1, max: 300_000 }) }),
      { numRuns: 40, seed: 20261130 },
    );
    let grants: { id: string; status: string }[] = [];
    let n = 0;
    for (const op of ops) {
      n++;
      let res;
      if (op.kind === 'donation') res = await call(staff.cookie, 'POST', `/api/community/funds/${id}/donations`, donation(op.amountFen));
      else if (op.kind === 'grant') res = await call(staff.cookie, 'POST', `/api/community/funds/${id}/grants`, { title: `资助${n}`, recipient: '某组织', amountFen: op.amountFen, decidedOn: '2026-06-01', votes: allFor });
      else if (op.kind === 'expense') res = await call(staff.cookie, 'POST', `/api/community/funds/${id}/expenses`, { description: `支出${n}`, amountFen: op.amountFen, voucherNumber: `R-${n}`, spentOn: '2026-06-02' });
      else {
        const open = grants.find((g) => g.status === 'approved');
        if (!open) continue;
        res = await call(staff.cookie, 'POST', `/api/community/funds/${id}/grants/${open.id}/pay`, { voucherNumber: `P-${n}`, paidOn: '2026-06-03' });
      }
      expect([200, 201, 409]).toContain(res.statusCode);
      const fund = (await call(staff.cookie, 'GET', `/api/community/funds/${id}`)).json();
      grants = fund.grants;
      expect(fund.trialBalance.differenceFen).toBe(0);
      expect(fund.balanceFen).toBeGreaterThanOrEqual(fund.payableFen);
      expect(fund.payableFen).toBeGreaterThanOrEqual(0);
    }
  });

  it('names the field of bad input and changes nothing', async () => {
    const id = await newFund('校验基金');
    const res = await call(staff.cookie, 'POST', `/api/community/funds/${id}/donations`, donation(12.5));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.amountFen');
    expect((await call(staff.cookie, 'GET', `/api/community/funds/${id}/ledger`)).json().total).toBe(0);
  });

  it('keeps funds to their part of the tree', async () => {
    const id = await newFund('范围基金');
    expect((await call(otherStreet.cookie, 'GET', `/api/community/funds/${id}`)).json().error.code).toBe('OUT_OF_SCOPE');
    expect((await call(otherStreet.cookie, 'GET', '/api/community/funds')).json().total).toBe(0);
    expect((await call(otherStreet.cookie, 'POST', `/api/community/funds/${id}/donations`, donation(1))).json().error.code).toBe('OUT_OF_SCOPE');
    expect((await call(resident.cookie, 'GET', '/api/community/funds')).statusCode).toBe(403);
    const ledger = await call(staff.cookie, 'GET', `/api/community/funds/${id}/ledger.xlsx`);
    expect(ledger.statusCode).toBe(200);
    expect(ledger.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('publishes a yearly report without signing in and without personal data', async () => {
    const id = await newFund('公开报告基金');
    await call(staff.cookie, 'POST', `/api/community/funds/${id}/donations`, donation(80_000, { receivedOn: '2025-12-20' }));
    await call(staff.cookie, 'POST', `/api/community/funds/${id}/donations`, donation(100_000, { donorName: '李四', anonymous: true }));
    await call(staff.cookie, 'POST', `/api/community/funds/${id}/donations`, donation(30_000, { donorName: '北京某某科技有限公司', donorKind: 'organisation' }));
    await call(staff.cookie, 'POST', `/api/community/funds/${id}/expenses`, { description: '慰问品', amountFen: 20_000, voucherNumber: 'ZC-9', spentOn: '2026-07-01' });
    const list = await call(undefined, 'GET', '/api/public/community/funds');
    expect(list.json().items.find((f: { id: string }) => f.id === id).years).toEqual([2026, 2025]);
    const res = await call(undefined, 'GET', `/api/public/community/funds/${id}/reports/2026`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2026, openingFen: 80_000, incomeFen: 130_000, grantsFen: 0, expensesFen: 20_000, balanceFen: 190_000 });
    expect(res.json().donations.map((d: { donor: string }) => d.donor)).toEqual(['匿名', '北京某某科技有限公司']);
    expect(res.body).not.toContain('李四');
    expect(res.body).not.toContain('SJ-');
    expect(res.body).not.toContain('ZC-9');
    const y2025 = (await call(undefined, 'GET', `/api/public/community/funds/${id}/reports/2025`)).json();
    expect(y2025.donations).toEqual([{ donor: '张*', amountFen: 80_000, purpose: '助老', receivedOn: '2025-12-20' }]);
  });
});
