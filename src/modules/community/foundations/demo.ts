// The demo's community fund, written set-based: two years of donations, board-voted grants
// (paid, and one rejected) and expenses, each operation's postings from the ledger's own rules
// (postingsFor, checked by refusalOf as they accumulate), then one insert per table.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { fundDonations, fundEntries, fundExpenses, fundGrants } from '../schema/foundations.ts';
import { createFund } from './funds.ts';
import { positionOf, postingsFor, refusalOf, votePasses, type FundOperation, type Posting } from './ledger.ts';

const board = [{ name: '周建华', title: '理事长' }, { name: '吴秀兰', title: '副理事长' }, { name: '郑国强', title: '理事' }, { name: '孙丽萍', title: '理事' }, { name: '马文军', title: '理事' }];
const donors: [string, 'person' | 'organisation', boolean, number, string, string][] = [
  ['北京某某物业服务有限公司', 'organisation', false, 5_000_000, '社区微更新', '2025-09-10'],
  ['张宏', 'person', false, 200_000, '助老', '2025-10-01'],
  ['李桂芝', 'person', true, 50_000, '助学', '2025-12-12'],
  ['某某银行社区支行', 'organisation', false, 3_000_000, '不限定用途', '2026-01-15'],
  ['王立', 'person', false, 100_000, '助老', '2026-03-08'],
  ['赵静', 'person', true, 80_000, '邻里互助', '2026-05-20'],
  ['社区商户联盟', 'organisation', false, 1_200_000, '社区微更新', '2026-06-18'],
];
const votes = (forCount: number) => board.map((m, i) => ({ member: m.name, vote: (i < forCount ? 'for' : 'against') as 'for' | 'against' }));
const grants = (applicationId: string) => [
  { title: '楼道照明与扶手改造', recipient: '社区居民委员会', applicationId: null, amountFen: 1_800_000, decidedOn: '2025-11-05', votes: votes(5), paid: { voucherNumber: 'FK-2025-011', paidOn: '2025-11-20' } },
  { title: '邻里一家亲配套资助', recipient: '邻里互助项目', applicationId, amountFen: 2_000_000, decidedOn: '2026-04-02', votes: votes(4), paid: { voucherNumber: 'FK-2026-004', paidOn: '2026-04-15' } },
  { title: '社区文艺汇演外聘演出', recipient: '某演艺公司', applicationId: null, amountFen: 900_000, decidedOn: '2026-06-01', votes: votes(2), paid: null },
];
const expenses = [
  { description: '年度审计费', amountFen: 300_000, voucherNumber: 'ZC-2025-001', spentOn: '2025-12-28' },
  { description: '公开报告印制', amountFen: 60_000, voucherNumber: 'ZC-2026-001', spentOn: '2026-02-10' },
];

/** Loads the fund of a community; the board's decisions and payments as the use cases would record them. */
export async function loadFundDemo(db: Db, staff: Actor, communityCode: string, applicationId: string): Promise<void> {
  const fund = await createFund(db, staff, { orgCode: communityCode, kind: 'fund', name: '社区发展基金', custodianBank: '中国工商银行社区支行（托管账户）', board });
  const posted: Posting[] = [];
  const entries: (typeof fundEntries.$inferInsert)[] = [];
  const post = (op: FundOperation, onDate: string, memo: string) => {
    if (refusalOf(op, positionOf(posted))) throw new Error(`demo: the fund cannot afford ${memo}`);
    const txnId = randomUUID();
    for (const p of postingsFor(op)) {
      posted.push(p);
      entries.push({ fundId: fund.id, txnId, onDate, memo, ...p });
    }
  };
  const donationRows = donors.map(([donorName, donorKind, anonymous, amountFen, purpose, receivedOn], i) => {
    const receiptNumber = `JZ-${receivedOn.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`;
    post({ kind: 'donation', amountFen }, receivedOn, `捐赠 ${receiptNumber}`);
    return { fundId: fund.id, donorName, donorKind, anonymous, amountFen, purpose, receiptNumber, receivedOn, recordedBy: staff.id };
  });
  const grantRows = grants(applicationId).map(({ paid, ...g }) => {
    const passed = votePasses(board.length, g.votes);
    if (passed) post({ kind: 'grant', amountFen: g.amountFen }, g.decidedOn, `资助 ${g.title}`);
    if (passed && paid) post({ kind: 'grant_payment', amountFen: g.amountFen }, paid.paidOn, `拨付 ${g.title}（凭证 ${paid.voucherNumber}）`);
    const status: 'approved' | 'rejected' | 'paid' = !passed ? 'rejected' : paid ? 'paid' : 'approved';
    return { fundId: fund.id, ...g, status, voucherNumber: passed ? (paid?.voucherNumber ?? null) : null, paidOn: passed ? (paid?.paidOn ?? null) : null, recordedBy: staff.id };
  });
  const expenseRows = expenses.map((e) => {
    post({ kind: 'expense', amountFen: e.amountFen }, e.spentOn, `支出 ${e.description}（凭证 ${e.voucherNumber}）`);
    return { fundId: fund.id, ...e, recordedBy: staff.id };
  });
  await db.transaction(async (tx) => {
    await tx.insert(fundDonations).values(donationRows);
    await tx.insert(fundGrants).values(grantRows);
    await tx.insert(fundExpenses).values(expenseRows);
    await tx.insert(fundEntries).values(entries);
  });
}
