// The community foundations' tables (migration 0018_community_projects.sql).
import { bigint, bigserial, boolean, date, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FundAccount } from '../contract/foundations.ts';

const money = (name: string) => bigint(name, { mode: 'number' });

export const funds = pgTable('community_funds', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgCode: text('org_code').notNull(),
  orgPath: text('org_path').notNull(),
  orgName: text('org_name').notNull(),
  kind: text('kind').notNull().$type<'foundation' | 'fund'>(),
  name: text('name').notNull(),
  custodianBank: text('custodian_bank').notNull(),
  board: jsonb('board').notNull().$type<{ name: string; title: string }[]>(),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const fundDonations = pgTable('community_fund_donations', {
  id: uuid('id').primaryKey().defaultRandom(),
  fundId: uuid('fund_id').notNull(),
  donorName: text('donor_name').notNull(),
  donorKind: text('donor_kind').notNull().$type<'person' | 'organisation'>(),
  anonymous: boolean('anonymous').notNull(),
  amountFen: money('amount_fen').notNull(),
  purpose: text('purpose').notNull(),
  receiptNumber: text('receipt_number').notNull(),
  receivedOn: date('received_on', { mode: 'string' }).notNull(),
  recordedBy: text('recorded_by'),
});

export const fundGrants = pgTable('community_fund_grants', {
  id: uuid('id').primaryKey().defaultRandom(),
  fundId: uuid('fund_id').notNull(),
  title: text('title').notNull(),
  recipient: text('recipient').notNull(),
  applicationId: uuid('application_id'),
  amountFen: money('amount_fen').notNull(),
  decidedOn: date('decided_on', { mode: 'string' }).notNull(),
  votes: jsonb('votes').notNull().$type<{ member: string; vote: 'for' | 'against' | 'abstain' }[]>(),
  status: text('status').notNull().$type<'approved' | 'rejected' | 'paid'>(),
  voucherNumber: text('voucher_number'),
  paidOn: date('paid_on', { mode: 'string' }),
  recordedBy: text('recorded_by'),
});

export const fundExpenses = pgTable('community_fund_expenses', {
  id: uuid('id').primaryKey().defaultRandom(),
  fundId: uuid('fund_id').notNull(),
  description: text('description').notNull(),
  amountFen: money('amount_fen').notNull(),
  voucherNumber: text('voucher_number').notNull(),
  spentOn: date('spent_on', { mode: 'string' }).notNull(),
  recordedBy: text('recorded_by'),
});

export const fundEntries = pgTable('community_fund_entries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  fundId: uuid('fund_id').notNull(),
  txnId: uuid('txn_id').notNull(),
  onDate: date('on_date', { mode: 'string' }).notNull(),
  account: text('account').notNull().$type<FundAccount>(),
  debitFen: money('debit_fen').notNull(),
  creditFen: money('credit_fen').notNull(),
  memo: text('memo').notNull(),
});
