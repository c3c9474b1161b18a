// A fund's double-entry ledger (pure rules). Every operation is a set of postings whose
// debits equal its credits, so the trial balance over any prefix of the ledger is zero.
// The bank (custody account) must always cover what the board has granted but not yet paid.
import type { FundAccount } from '../contract/foundations.ts';

export interface Posting {
  account: FundAccount;
  debitFen: number;
  creditFen: number;
}

export type FundOperation =
  | { kind: 'donation'; amountFen: number }
  | { kind: 'grant'; amountFen: number }
  | { kind: 'grant_payment'; amountFen: number }
  | { kind: 'expense'; amountFen: number };

const dr = (account: FundAccount, amountFen: number): Posting => ({ account, debitFen: amountFen, creditFen: 0 });
const cr = (account: FundAccount, amountFen: number): Posting => ({ account, debitFen: 0, creditFen: amountFen });

/** The postings of one operation. */
export function postingsFor(op: FundOperation): Posting[] {
  switch (op.kind) {
    case 'donation':
      return [dr('bank', op.amountFen), cr('donation_income', op.amountFen)];
    case 'grant':
      return [dr('grant_expense', op.amountFen), cr('grants_payable', op.amountFen)];
    case 'grant_payment':
      return [dr('grants_payable', op.amountFen), cr('bank', op.amountFen)];
    case 'expense':
      return [dr('operating_expense', op.amountFen), cr('bank', op.amountFen)];
  }
}

export interface FundPosition {
  /** Money in the custody account. */
  bankFen: number;
  /** Granted by the board, not yet paid. */
  payableFen: number;
}

/** The position after postings: each account's balance on its normal side. */
export function positionOf(lines: readonly Posting[]): FundPosition {
  let bankFen = 0;
  let payableFen = 0;
  for (const l of lines) {
    if (l.account === 'bank') bankFen += l.debitFen - l.creditFen;
    if (l.account === 'grants_payable') payableFen += l.creditFen - l.debitFen;
  }
  return { bankFen, payableFen };
}

/** Why an operation may not happen in this position, or null: money granted or spent must be uncommitted in the bank. */
export function refusalOf(op: FundOperation, position: FundPosition): { availableFen: number } | null {
  const availableFen = position.bankFen - position.payableFen;
  if ((op.kind === 'grant' || op.kind === 'expense') && op.amountFen > availableFen) return { availableFen };
  if (op.kind === 'grant_payment' && op.amountFen > position.payableFen) return { availableFen: position.payableFen };
  return null;
}

/** Debits minus credits: zero for a balanced ledger. */
export function trialDifference(lines: readonly Posting[]): number {
  return lines.reduce((s, l) => s + l.debitFen - l.creditFen, 0);
}

/** Whether the board's vote passes: more than half of the whole board voted for. */
export function votePasses(boardSize: number, votes: readonly { vote: 'for' | 'against' | 'abstain' }[]): boolean {
  const votesFor = votes.filter((v) => v.vote === 'for').length;
  return votesFor * 2 > boardSize;
}

/** A donor as the public sees them: 匿名 for the anonymous, a person's surname only, an organisation in full. */
export function publicDonorName(d: { donorName: string; donorKind: 'person' | 'organisation'; anonymous: boolean }): string {
  if (d.anonymous) return '匿名';
  if (d.donorKind === 'organisation') return d.donorName;
  return `${Array.from(d.donorName)[0] ?? ''}*`;
}
