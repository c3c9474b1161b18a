// The points ledger of the time bank: entries are only appended. Each volunteer's entries are
// numbered; the balance is the last entry's balance_after. An entry is written with the
// volunteer's row locked, so two redemptions at once are taken one after the other and the
// second sees the first's balance; the table's checks (balance_after >= 0, one entry per number)
// refuse an overdraft even if a caller forgot the lock.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { PointsEntryKind } from '../contract.ts';
import { communityPointsEntries, communityVolunteers } from '../schema.ts';

export type EntryRow = typeof communityPointsEntries.$inferSelect;

export interface NewEntry {
  volunteerId: string;
  kind: PointsEntryKind;
  /** Signed: deposits positive, withdrawals negative. */
  points: number;
  memo: string;
  createdBy: string;
  reversesId?: string;
  serviceRecordId?: string;
  itemId?: string;
}

/** Locks the volunteers' rows (in id order, so two transfers never wait on each other in a circle). */
export async function lockAccounts(tx: Db, volunteerIds: readonly string[]): Promise<void> {
  const ids = [...new Set(volunteerIds)].sort();
  const found = await tx.select({ id: communityVolunteers.id }).from(communityVolunteers).where(inArray(communityVolunteers.id, ids)).orderBy(communityVolunteers.id).for('update');
  if (found.length !== ids.length) throw new AppError('NOT_FOUND', { what: '志愿者' });
}

/** The last entry of a volunteer's ledger (read under the lock for a write). */
export async function lastEntry(db: Db, volunteerId: string): Promise<{ seq: number; balanceAfter: number } | undefined> {
  const [last] = await db.select({ seq: communityPointsEntries.seq, balanceAfter: communityPointsEntries.balanceAfter }).from(communityPointsEntries).where(eq(communityPointsEntries.volunteerId, volunteerId)).orderBy(desc(communityPointsEntries.seq)).limit(1);
  return last;
}

export async function balanceOf(db: Db, volunteerId: string): Promise<number> {
  return (await lastEntry(db, volunteerId))?.balanceAfter ?? 0;
}

/** Appends an entry in the caller's transaction; COMMUNITY_INSUFFICIENT_POINTS when it would overdraw. */
export async function appendEntry(tx: Db, entry: NewEntry, { locked = false } = {}): Promise<EntryRow> {
  if (!locked) await lockAccounts(tx, [entry.volunteerId]);
  const last = await lastEntry(tx, entry.volunteerId);
  const balance = last?.balanceAfter ?? 0;
  if (balance + entry.points < 0) throw new AppError('COMMUNITY_INSUFFICIENT_POINTS', { balance, needed: -entry.points });
  const [row] = await tx
    .insert(communityPointsEntries)
    .values({
      volunteerId: entry.volunteerId, seq: (last?.seq ?? 0) + 1, kind: entry.kind, points: entry.points, balanceAfter: balance + entry.points, memo: entry.memo,
      reversesId: entry.reversesId ?? null, serviceRecordId: entry.serviceRecordId ?? null, itemId: entry.itemId ?? null, createdBy: entry.createdBy,
    })
    .returning();
  return row!;
}

/** Whether an entry has been reversed already. */
export async function reversalOf(db: Db, entryId: string): Promise<EntryRow | undefined> {
  const [row] = await db.select().from(communityPointsEntries).where(and(eq(communityPointsEntries.reversesId, entryId)));
  return row;
}
