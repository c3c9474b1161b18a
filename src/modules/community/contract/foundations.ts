// Community foundations and funds (社区基金会 / 社区发展基金): donations, grants decided by a
// board vote, expenses with vouchers, a double-entry ledger per fund and a yearly public report.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/paging.ts';
import { isoDate } from './common.ts';
import { fenAmount } from './projects.ts';

export const fundKinds = ['foundation', 'fund'] as const;
export const donorKinds = ['person', 'organisation'] as const;
export const boardVotes = ['for', 'against', 'abstain'] as const;
export const grantStatuses = ['approved', 'rejected', 'paid'] as const;
/** The ledger's accounts: the bank (custody account) on one side, where money came from or went on the other. */
export const fundAccounts = ['bank', 'donation_income', 'grants_payable', 'grant_expense', 'operating_expense'] as const;
export type FundAccount = (typeof fundAccounts)[number];

const day = isoDate;
const text = (max: number) => z.string().trim().min(1).max(max);

export const boardMember = z.object({ name: text(40), title: text(40) });
export const createFundBody = z.object({
  orgCode: z.string().min(1).max(40),
  kind: z.enum(fundKinds),
  name: text(100),
  custodianBank: text(100),
  board: z
    .array(boardMember)
    .min(3)
    .max(25)
    .refine((list) => new Set(list.map((m) => m.name)).size === list.length, '理事姓名不能重复'),
});
export type CreateFundBody = z.infer<typeof createFundBody>;

export const fundView = z.object({
  id: z.string(),
  orgCode: z.string(),
  orgName: z.string(),
  kind: z.enum(fundKinds),
  name: z.string(),
  custodianBank: z.string(),
  board: z.array(boardMember),
  balanceFen: z.number().int(),
  payableFen: z.number().int(),
  createdAt: z.date(),
});
export type FundView = z.infer<typeof fundView>;
export const fundPage = pageOf(fundView);
export const fundListQuery = z.object({ ...pageQuery });

export const donationBody = z.object({
  donorName: text(100),
  donorKind: z.enum(donorKinds),
  anonymous: z.boolean().default(false),
  amountFen: fenAmount,
  purpose: text(200),
  receiptNumber: text(60),
  receivedOn: day,
});
export type DonationBody = z.infer<typeof donationBody>;

export const grantBody = z.object({
  title: text(100),
  recipient: text(100),
  /** The project application it funds, when it is one of the projects module's. */
  applicationId: z.uuid().optional(),
  amountFen: fenAmount,
  decidedOn: day,
  /** One vote per board member present, by name. */
  votes: z.array(z.object({ member: text(40), vote: z.enum(boardVotes) })).min(1).max(25),
});
export type GrantBody = z.infer<typeof grantBody>;
export const payGrantBody = z.object({ voucherNumber: text(60), paidOn: day });
export const expenseBody = z.object({ description: text(200), amountFen: fenAmount, voucherNumber: text(60), spentOn: day });
export type ExpenseBody = z.infer<typeof expenseBody>;

export const fundParam = z.object({ id: z.uuid() });
export const grantParam = z.object({ id: z.uuid(), grantId: z.uuid() });

export const donationView = z.object({
  id: z.string(),
  /** 匿名 for an anonymous donor. */
  donor: z.string(),
  donorKind: z.enum(donorKinds),
  anonymous: z.boolean(),
  amountFen: z.number().int(),
  purpose: z.string(),
  receiptNumber: z.string(),
  receivedOn: z.string(),
});
export const grantView = z.object({
  id: z.string(),
  title: z.string(),
  recipient: z.string(),
  applicationId: z.string().nullable(),
  amountFen: z.number().int(),
  decidedOn: z.string(),
  votesFor: z.number().int(),
  votesAgainst: z.number().int(),
  abstentions: z.number().int(),
  votes: z.array(z.object({ member: z.string(), vote: z.enum(boardVotes) })),
  status: z.enum(grantStatuses),
  voucherNumber: z.string().nullable(),
  paidOn: z.string().nullable(),
});
export const expenseView = z.object({ id: z.string(), description: z.string(), amountFen: z.number().int(), voucherNumber: z.string(), spentOn: z.string() });
export const ledgerLine = z.object({
  id: z.number().int(),
  txnId: z.string(),
  on: z.string(),
  account: z.enum(fundAccounts),
  debitFen: z.number().int(),
  creditFen: z.number().int(),
  memo: z.string(),
});
export const ledgerPage = pageOf(ledgerLine);
export const trialBalance = z.object({
  accounts: z.array(z.object({ account: z.enum(fundAccounts), debitFen: z.number().int(), creditFen: z.number().int() })),
  debitFen: z.number().int(),
  creditFen: z.number().int(),
  /** Debits minus credits over every entry: zero in a sound ledger. */
  differenceFen: z.number().int(),
});
export type TrialBalance = z.infer<typeof trialBalance>;

export const fundDetail = fundView.extend({
  donations: z.array(donationView),
  grants: z.array(grantView),
  expenses: z.array(expenseView),
  trialBalance,
});
export type FundDetail = z.infer<typeof fundDetail>;

export const publicFund = z.object({ id: z.string(), name: z.string(), kind: z.enum(fundKinds), orgName: z.string(), years: z.array(z.number().int()) });
export const publicFundList = z.object({ items: z.array(publicFund) });
export const reportParams = z.object({ id: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) });
/** The yearly public report: totals and the lines behind them, with no personal data. */
export const fundReport = z.object({
  fundName: z.string(),
  orgName: z.string(),
  custodianBank: z.string(),
  year: z.number().int(),
  openingFen: z.number().int(),
  incomeFen: z.number().int(),
  grantsFen: z.number().int(),
  expensesFen: z.number().int(),
  /** The bank balance at the year's end. */
  balanceFen: z.number().int(),
  donations: z.array(z.object({ donor: z.string(), amountFen: z.number().int(), purpose: z.string(), receivedOn: z.string() })),
  grants: z.array(z.object({ title: z.string(), recipient: z.string(), amountFen: z.number().int(), decidedOn: z.string(), votesFor: z.number().int(), votesAgainst: z.number().int(), abstentions: z.number().int() })),
  expenses: z.array(z.object({ description: z.string(), amountFen: z.number().int(), spentOn: z.string() })),
});
export type FundReport = z.infer<typeof fundReport>;
