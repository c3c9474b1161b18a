// Community foundations and funds: donations, board-voted grants and their payment, expenses
// with vouchers. Every operation writes its ledger postings in the same transaction, under a
// lock on the fund, so the bank always covers what is granted and the ledger always balances.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf, type PageRequest } from '../../../platform/list-page.ts';
import { findOrgUnit } from '../../org/index.ts';
import type { CreateFundBody, DonationBody, ExpenseBody, FundDetail, FundView, GrantBody, TrialBalance } from '../contract/foundations.ts';
import { fundAccounts } from '../contract/foundations.ts';
import { fundDonations, fundEntries, fundExpenses, fundGrants, funds } from '../schema/foundations.ts';
import { invalid, yuan } from '../projects/common.ts';
import { positionOf, postingsFor, refusalOf, votePasses, type FundOperation } from './ledger.ts';

type FundRow = typeof funds.$inferSelect;

async function loadFund(db: Db, actor: Actor, id: string): Promise<FundRow> {
  const [row] = await db.select().from(funds).where(eq(funds.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `基金 ${id}` });
  assertInScope(actor, 'community.foundation', row.orgPath);
  return row;
}

/** The fund's position from its ledger. */
async function positionOfFund(db: Db, fundId: string) {
  const lines = await db
    .select({ account: fundEntries.account, debitFen: sql<number>`sum(${fundEntries.debitFen})::bigint`, creditFen: sql<number>`sum(${fundEntries.creditFen})::bigint` })
    .from(fundEntries)
    .where(eq(fundEntries.fundId, fundId))
    .groupBy(fundEntries.account);
  return positionOf(lines.map((l) => ({ account: l.account, debitFen: Number(l.debitFen), creditFen: Number(l.creditFen) })));
}

/**
 * Posts one operation: locks the fund (two operations at once are taken in turn, so neither
 * can spend money the other committed), checks the position, writes the balanced postings.
 * Call it first in the transaction: a row inserted before it would take a key-share lock on
 * the fund, and two such transactions would deadlock on the upgrade.
 */
async function post(tx: Db, fundId: string, op: FundOperation, on: string, memo: string): Promise<void> {
  await tx.select({ id: funds.id }).from(funds).where(eq(funds.id, fundId)).for('update');
  const refusal = refusalOf(op, await positionOfFund(tx, fundId));
  if (refusal) throw new AppError('COMMUNITY_FUND_INSUFFICIENT', { available: yuan(refusal.availableFen), needed: yuan(op.amountFen) });
  const txnId = randomUUID();
  await tx.insert(fundEntries).values(postingsFor(op).map((p) => ({ fundId, txnId, onDate: on, memo, ...p })));
}

async function present(db: Db, rows: FundRow[]): Promise<FundView[]> {
  return Promise.all(
    rows.map(async (r) => {
      const { bankFen, payableFen } = await positionOfFund(db, r.id);
      return { id: r.id, orgCode: r.orgCode, orgName: r.orgName, kind: r.kind, name: r.name, custodianBank: r.custodianBank, board: r.board, balanceFen: bankFen, payableFen, createdAt: r.createdAt };
    }),
  );
}

/** Sets up a fund of a street or community, with its board. */
export async function createFund(db: Db, actor: Actor, body: CreateFundBody): Promise<FundDetail> {
  const orgUnit = await findOrgUnit(db, body.orgCode);
  if (!orgUnit) throw invalid([{ field: 'body.orgCode', message: '没有这个单位 / no such org unit' }]);
  assertInScope(actor, 'community.foundation', orgUnit.orgPath);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.insert(funds).values({ orgCode: orgUnit.code, orgPath: orgUnit.orgPath, orgName: orgUnit.name, kind: body.kind, name: body.name, custodianBank: body.custodianBank, board: body.board, createdBy: actor.id }).returning({ id: funds.id });
    await recordAudit(tx, actor, { action: 'community.fund.create', targetType: 'fund', targetId: row!.id, orgPath: orgUnit.orgPath });
    return row!.id;
  });
  return getFund(db, actor, id);
}

/** Funds in the actor's part of the tree. */
export function listFunds(db: Db, actor: Actor, q: PageRequest) {
  const where = inScope(actor, 'community.foundation', funds.orgPath);
  return listPage(q, db.select().from(funds).where(where).orderBy(asc(funds.name)).limit(q.pageSize).offset(offsetOf(q)), db.select(countAll).from(funds).where(where), (rows) => present(db, rows));
}

/** The trial balance: each account's debits and credits, and their difference (zero). */
export async function trialBalanceOf(db: Db, fundId: string): Promise<TrialBalance> {
  const rows = await db
    .select({ account: fundEntries.account, debitFen: sql<number>`sum(${fundEntries.debitFen})::bigint`, creditFen: sql<number>`sum(${fundEntries.creditFen})::bigint` })
    .from(fundEntries)
    .where(eq(fundEntries.fundId, fundId))
    .groupBy(fundEntries.account);
  const accounts = fundAccounts.map((account) => {
    const r = rows.find((x) => x.account === account);
    return { account, debitFen: Number(r?.debitFen ?? 0), creditFen: Number(r?.creditFen ?? 0) };
  });
  const debitFen = accounts.reduce((s, a) => s + a.debitFen, 0);
  const creditFen = accounts.reduce((s, a) => s + a.creditFen, 0);
  return { accounts, debitFen, creditFen, differenceFen: debitFen - creditFen };
}

/** A fund with its donations, grants, expenses and trial balance (the latest 200 of each). */
export async function getFund(db: Db, actor: Actor, id: string): Promise<FundDetail> {
  const fund = await loadFund(db, actor, id);
  const [[view], donations, grants, expenses, trialBalance] = await Promise.all([
    present(db, [fund]),
    db.select().from(fundDonations).where(eq(fundDonations.fundId, id)).orderBy(desc(fundDonations.receivedOn)).limit(200),
    db.select().from(fundGrants).where(eq(fundGrants.fundId, id)).orderBy(desc(fundGrants.decidedOn)).limit(200),
    db.select().from(fundExpenses).where(eq(fundExpenses.fundId, id)).orderBy(desc(fundExpenses.spentOn)).limit(200),
    trialBalanceOf(db, id),
  ]);
  return {
    ...view!,
    donations: donations.map((d) => ({ id: d.id, donor: d.anonymous ? '匿名' : d.donorName, donorKind: d.donorKind, anonymous: d.anonymous, amountFen: d.amountFen, purpose: d.purpose, receiptNumber: d.receiptNumber, receivedOn: d.receivedOn })),
    grants: grants.map((g) => ({
      id: g.id, title: g.title, recipient: g.recipient, applicationId: g.applicationId, amountFen: g.amountFen, decidedOn: g.decidedOn, votes: g.votes, status: g.status, voucherNumber: g.voucherNumber, paidOn: g.paidOn,
      votesFor: g.votes.filter((v) => v.vote === 'for').length, votesAgainst: g.votes.filter((v) => v.vote === 'against').length, abstentions: g.votes.filter((v) => v.vote === 'abstain').length,
    })),
    expenses: expenses.map((e) => ({ id: e.id, description: e.description, amountFen: e.amountFen, voucherNumber: e.voucherNumber, spentOn: e.spentOn })),
    trialBalance,
  };
}

/** Records a donation (the receipt number once per fund): the bank and the donation income grow. */
export async function recordDonation(db: Db, actor: Actor, id: string, body: DonationBody): Promise<FundDetail> {
  const fund = await loadFund(db, actor, id);
  const [dup] = await db.select({ id: fundDonations.id }).from(fundDonations).where(and(eq(fundDonations.fundId, id), eq(fundDonations.receiptNumber, body.receiptNumber)));
  if (dup) throw invalid([{ field: 'body.receiptNumber', message: '该收据号已登记 / this receipt number is already recorded' }]);
  await db.transaction(async (tx) => {
    await post(tx, id, { kind: 'donation', amountFen: body.amountFen }, body.receivedOn, `捐赠 ${body.receiptNumber}`);
    const [row] = await tx.insert(fundDonations).values({ fundId: id, ...body, recordedBy: actor.id }).returning({ id: fundDonations.id });
    await recordAudit(tx, actor, { action: 'community.fund.donation', targetType: 'fund', targetId: id, orgPath: fund.orgPath, details: { donationId: row!.id, amountFen: body.amountFen } });
  });
  return getFund(db, actor, id);
}

/** Records the board's vote on a grant: passed, it commits the money (payable); rejected, it is kept with its votes and posts nothing. */
export async function decideGrant(db: Db, actor: Actor, id: string, body: GrantBody): Promise<FundDetail> {
  const fund = await loadFund(db, actor, id);
  const members = new Set(fund.board.map((m) => m.name));
  const problems = body.votes.flatMap((v, i) => (members.has(v.member) ? [] : [{ field: `body.votes.${i}.member`, message: `${v.member} 不是理事 / not a board member` }]));
  if (new Set(body.votes.map((v) => v.member)).size !== body.votes.length) problems.push({ field: 'body.votes', message: '每位理事只能投一票 / one vote per member' });
  if (problems.length) throw invalid(problems);
  const passed = votePasses(fund.board.length, body.votes);
  await db.transaction(async (tx) => {
    if (passed) await post(tx, id, { kind: 'grant', amountFen: body.amountFen }, body.decidedOn, `资助 ${body.title}`);
    const [row] = await tx.insert(fundGrants).values({ fundId: id, title: body.title, recipient: body.recipient, applicationId: body.applicationId ?? null, amountFen: body.amountFen, decidedOn: body.decidedOn, votes: body.votes, status: passed ? 'approved' : 'rejected', recordedBy: actor.id }).returning({ id: fundGrants.id });
    await recordAudit(tx, actor, { action: 'community.fund.grant', targetType: 'fund', targetId: id, orgPath: fund.orgPath, details: { grantId: row!.id, passed, amountFen: body.amountFen } });
  });
  return getFund(db, actor, id);
}

/** Pays an approved grant from the bank. */
export async function payGrant(db: Db, actor: Actor, id: string, grantId: string, body: { voucherNumber: string; paidOn: string }): Promise<FundDetail> {
  const fund = await loadFund(db, actor, id);
  const [grant] = await db.select().from(fundGrants).where(and(eq(fundGrants.id, grantId), eq(fundGrants.fundId, id)));
  if (!grant) throw new AppError('NOT_FOUND', { what: `资助 ${grantId}` });
  if (grant.status !== 'approved') throw new AppError('CONFLICT', { reason: grant.status === 'paid' ? '已拨付 / already paid' : '理事会未通过 / not approved' });
  await db.transaction(async (tx) => {
    await post(tx, id, { kind: 'grant_payment', amountFen: grant.amountFen }, body.paidOn, `拨付 ${grant.title}（凭证 ${body.voucherNumber}）`);
    const paid = await tx.update(fundGrants).set({ status: 'paid', voucherNumber: body.voucherNumber, paidOn: body.paidOn }).where(and(eq(fundGrants.id, grantId), eq(fundGrants.status, 'approved'))).returning({ id: fundGrants.id });
    if (paid.length === 0) throw new AppError('CONFLICT', { reason: '已拨付 / already paid' });
    await recordAudit(tx, actor, { action: 'community.fund.grant_pay', targetType: 'fund', targetId: id, orgPath: fund.orgPath, details: { grantId, amountFen: grant.amountFen } });
  });
  return getFund(db, actor, id);
}

/** Records an expense with its voucher, from money not committed to grants. */
export async function recordExpense(db: Db, actor: Actor, id: string, body: ExpenseBody): Promise<FundDetail> {
  const fund = await loadFund(db, actor, id);
  const [dup] = await db.select({ id: fundExpenses.id }).from(fundExpenses).where(and(eq(fundExpenses.fundId, id), eq(fundExpenses.voucherNumber, body.voucherNumber)));
  if (dup) throw invalid([{ field: 'body.voucherNumber', message: '该凭证号已登记 / this voucher is already recorded' }]);
  await db.transaction(async (tx) => {
    await post(tx, id, { kind: 'expense', amountFen: body.amountFen }, body.spentOn, `支出 ${body.description}（凭证 ${body.voucherNumber}）`);
    const [row] = await tx.insert(fundExpenses).values({ fundId: id, ...body, recordedBy: actor.id }).returning({ id: fundExpenses.id });
    await recordAudit(tx, actor, { action: 'community.fund.expense', targetType: 'fund', targetId: id, orgPath: fund.orgPath, details: { expenseId: row!.id, amountFen: body.amountFen } });
  });
  return getFund(db, actor, id);
}

/** The fund's ledger, newest first. */
export async function listLedger(db: Db, actor: Actor, id: string, q: PageRequest) {
  await loadFund(db, actor, id);
  const where = eq(fundEntries.fundId, id);
  return listPage(
    q,
    db.select().from(fundEntries).where(where).orderBy(desc(fundEntries.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(fundEntries).where(where),
    (rows) => rows.map((r) => ({ id: r.id, txnId: r.txnId, on: r.onDate, account: r.account, debitFen: r.debitFen, creditFen: r.creditFen, memo: r.memo })),
  );
}
