// The yearly public report of a fund (on /portal, no sign-in): income, grants, expenses and
// the balance, with the lines behind them. No personal data: donors as publicDonorName shows
// them, no receipt or voucher numbers, nobody who recorded anything.
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { FundReport } from '../contract/foundations.ts';
import { fundDonations, fundEntries, fundExpenses, fundGrants, funds } from '../schema/foundations.ts';
import { publicDonorName } from './ledger.ts';

/** Every fund, with the years that have entries. */
export async function listPublicFunds(db: Db) {
  const rows = await db.select().from(funds).orderBy(asc(funds.orgPath), asc(funds.name)).limit(500);
  const years = await db
    .select({ fundId: fundEntries.fundId, year: sql<number>`extract(year from ${fundEntries.onDate})::int` })
    .from(fundEntries)
    .groupBy(fundEntries.fundId, sql`extract(year from ${fundEntries.onDate})`);
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, orgName: r.orgName, years: years.filter((y) => y.fundId === r.id).map((y) => y.year).sort((a, b) => b - a) })),
  };
}

const bankBefore = (db: Db, fundId: string, before: string) =>
  db
    .select({ v: sql<number>`coalesce(sum(${fundEntries.debitFen} - ${fundEntries.creditFen}), 0)::bigint` })
    .from(fundEntries)
    .where(and(eq(fundEntries.fundId, fundId), eq(fundEntries.account, 'bank'), lt(fundEntries.onDate, before)));

/** One fund's report for one calendar year. */
export async function fundReport(db: Db, fundId: string, year: number): Promise<FundReport> {
  const [fund] = await db.select().from(funds).where(eq(funds.id, fundId));
  if (!fund) throw new AppError('NOT_FOUND', { what: `基金 ${fundId}` });
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const [donations, grants, expenses, [opening], [closing]] = await Promise.all([
    db.select().from(fundDonations).where(and(eq(fundDonations.fundId, fundId), gte(fundDonations.receivedOn, from), lt(fundDonations.receivedOn, to))).orderBy(asc(fundDonations.receivedOn)),
    db.select().from(fundGrants).where(and(eq(fundGrants.fundId, fundId), gte(fundGrants.decidedOn, from), lt(fundGrants.decidedOn, to))).orderBy(asc(fundGrants.decidedOn)),
    db.select().from(fundExpenses).where(and(eq(fundExpenses.fundId, fundId), gte(fundExpenses.spentOn, from), lt(fundExpenses.spentOn, to))).orderBy(asc(fundExpenses.spentOn)),
    bankBefore(db, fundId, from),
    bankBefore(db, fundId, to),
  ]);
  const approved = grants.filter((g) => g.status !== 'rejected');
  const sum = (xs: { amountFen: number }[]) => xs.reduce((s, x) => s + x.amountFen, 0);
  return {
    fundName: fund.name,
    orgName: fund.orgName,
    custodianBank: fund.custodianBank,
    year,
    openingFen: Number(opening?.v ?? 0),
    incomeFen: sum(donations),
    grantsFen: sum(approved),
    expensesFen: sum(expenses),
    balanceFen: Number(closing?.v ?? 0),
    donations: donations.map((d) => ({ donor: publicDonorName(d), amountFen: d.amountFen, purpose: d.purpose, receivedOn: d.receivedOn })),
    grants: approved.map((g) => ({
      title: g.title, recipient: g.recipient, amountFen: g.amountFen, decidedOn: g.decidedOn,
      votesFor: g.votes.filter((v) => v.vote === 'for').length, votesAgainst: g.votes.filter((v) => v.vote === 'against').length, abstentions: g.votes.filter((v) => v.vote === 'abstain').length,
    })),
    expenses: expenses.map((e) => ({ description: e.description, amountFen: e.amountFen, spentOn: e.spentOn })),
  };
}
