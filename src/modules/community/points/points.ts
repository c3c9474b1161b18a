// The time bank as volunteers and staff use it: balances and entries, redemption in the points
// mall, transfers to family members (a rule option), and reversal of a mistaken entry.
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { maskName } from '../../registry/index.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { shownName, type Actor } from '../../../platform/auth/scope.ts';
import { queryRows, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import type { FamilyView, PointsAccount, PointsEntryView, RedeemBody, TransferBody } from '../contract.ts';
import { communityMallItems, communityPointsEntries, communityVolunteers } from '../schema.ts';
import { invalidField } from '../places.ts';
import { readSettings } from '../volunteers/settings.ts';
import { loadVolunteer, requireVolunteer, type VolunteerRow } from '../volunteers/volunteers.ts';
import { appendEntry, balanceOf, lockAccounts, reversalOf, type EntryRow } from './ledger.ts';

async function account(db: Db, volunteer: VolunteerRow, q: { page: number; pageSize: number }): Promise<PointsAccount> {
  const where = eq(communityPointsEntries.volunteerId, volunteer.id);
  const entries = await listPage(
    q,
    db.select().from(communityPointsEntries).where(where).orderBy(desc(communityPointsEntries.seq)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityPointsEntries).where(where),
    async (rows): Promise<PointsEntryView[]> => {
      const reversed = rows.length ? await db.select({ id: communityPointsEntries.reversesId }).from(communityPointsEntries).where(inArray(communityPointsEntries.reversesId, rows.map((r) => r.id))) : [];
      const reversedIds = new Set(reversed.map((r) => r.id));
      return rows.map((r) => ({ id: r.id, kind: r.kind, points: r.points, balanceAfter: r.balanceAfter, memo: r.memo, reversesId: r.reversesId, reversed: reversedIds.has(r.id), createdBy: r.createdBy, createdAt: r.createdAt }));
    },
  );
  return { volunteerId: volunteer.id, name: volunteer.name, balance: await balanceOf(db, volunteer.id), entries };
}

export async function myPoints(db: Db, actor: Actor, q: { page: number; pageSize: number }): Promise<PointsAccount> {
  return account(db, await requireVolunteer(db, actor), q);
}

export async function pointsOfVolunteer(db: Db, actor: Actor, volunteerId: string, q: { page: number; pageSize: number }): Promise<PointsAccount> {
  return account(db, await loadVolunteer(db, actor, volunteerId, 'community.read'), q);
}

/** Exchanges points for an item of the mall: the stock and the balance are checked under locks. */
export async function redeem(db: Db, actor: Actor, body: RedeemBody): Promise<PointsAccount> {
  const volunteer = await requireVolunteer(db, actor);
  await db.transaction(async (tx) => {
    await lockAccounts(tx, [volunteer.id]);
    const [item] = await tx.select().from(communityMallItems).where(and(eq(communityMallItems.id, body.itemId), eq(communityMallItems.active, true))).for('update');
    if (!item) throw invalidField('body.itemId', '积分商城没有这件商品或服务 / the mall has no such item');
    if (item.stock !== null) {
      const [taken] = await tx.update(communityMallItems).set({ stock: sql`${communityMallItems.stock} - ${body.quantity}` }).where(and(eq(communityMallItems.id, item.id), gte(communityMallItems.stock, body.quantity))).returning();
      if (!taken) throw invalidField('body.quantity', `库存不足，剩余 ${item.stock} / only ${item.stock} left`);
    }
    await appendEntry(tx, { volunteerId: volunteer.id, kind: 'redeem', points: -item.price * body.quantity, memo: `兑换 ${item.name} × ${body.quantity}`, itemId: item.id, createdBy: shownName(actor) }, { locked: true });
    await recordAudit(tx, actor, { action: 'community.points.redeem', targetType: 'community_volunteer', targetId: volunteer.id, orgPath: volunteer.orgPath, details: { itemId: item.id, quantity: body.quantity } });
  });
  return account(db, volunteer, { page: 1, pageSize: 20 });
}

/** Whether two volunteers are linked to residents of one household (家庭成员). */
async function sameHousehold(db: Db, a: VolunteerRow, b: VolunteerRow): Promise<boolean> {
  if (!a.residentId || !b.residentId) return false;
  const rows = await queryRows<{ n: number }>(db, sql`select count(distinct household_id)::int as n from residents where id in (${a.residentId}::uuid, ${b.residentId}::uuid) and household_id is not null having count(*) = 2`);
  return rows[0]?.n === 1;
}

/**
 * Whom I may give points to: the volunteers linked to residents of my household, names masked
 * (a household's members are known to each other, but the answer carries no more than needed).
 */
export async function myFamily(db: Db, actor: Actor): Promise<FamilyView> {
  const me = await requireVolunteer(db, actor);
  const { familyTransfers } = await readSettings(db);
  if (!me.residentId) return { allowed: familyTransfers, linked: false, members: [] };
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select v.id::text as id, v.name from community_volunteers v join residents r on r.id = v.resident_id
        where v.id <> ${me.id}::uuid and r.household_id is not null
          and r.household_id = (select household_id from residents where id = ${me.residentId}::uuid)
        order by v.name`,
  );
  return { allowed: familyTransfers, linked: true, members: rows.map((r) => ({ volunteerId: r.id, name: maskName(r.name) })) };
}

/** Gives points to a family member, when the settings allow it. */
export async function transfer(db: Db, actor: Actor, body: TransferBody): Promise<PointsAccount> {
  const from = await requireVolunteer(db, actor);
  const settings = await readSettings(db);
  if (!settings.familyTransfers) throw new AppError('COMMUNITY_TRANSFER_NOT_ALLOWED');
  if (body.toVolunteerId === from.id) throw invalidField('body.toVolunteerId', '不能转给自己 / not to yourself');
  await db.transaction(async (tx) => {
    const [target] = await tx.select().from(communityVolunteers).where(eq(communityVolunteers.id, body.toVolunteerId));
    if (!target) throw invalidField('body.toVolunteerId', '没有这位志愿者 / no such volunteer');
    if (!(await sameHousehold(tx, from, target))) throw new AppError('COMMUNITY_TRANSFER_NOT_ALLOWED');
    await lockAccounts(tx, [from.id, target.id]);
    await appendEntry(tx, { volunteerId: from.id, kind: 'transfer_out', points: -body.points, memo: `转赠给 ${target.name}`, createdBy: shownName(actor) }, { locked: true });
    await appendEntry(tx, { volunteerId: target.id, kind: 'transfer_in', points: body.points, memo: `${from.name} 转赠`, createdBy: shownName(actor) }, { locked: true });
    await recordAudit(tx, actor, { action: 'community.points.transfer', targetType: 'community_volunteer', targetId: from.id, orgPath: from.orgPath, details: { to: target.id, points: body.points } });
  });
  return account(db, from, { page: 1, pageSize: 20 });
}

/** Reverses a mistaken entry by a counter entry (the entry itself is never changed). */
export async function reverseEntry(db: Db, actor: Actor, entryId: string, reason: string): Promise<PointsAccount> {
  const [entry] = await db.select().from(communityPointsEntries).where(eq(communityPointsEntries.id, entryId));
  if (!entry) throw new AppError('NOT_FOUND', { what: `积分记录 ${entryId}` });
  const volunteer = await loadVolunteer(db, actor, entry.volunteerId, 'community.write');
  if (entry.kind === 'reversal') throw invalidField('params.id', '冲正记录不能再冲正 / a reversal is not reversed');
  await db.transaction(async (tx) => {
    await lockAccounts(tx, [volunteer.id]);
    if (await reversalOf(tx, entry.id)) throw new AppError('COMMUNITY_ALREADY_REVERSED');
    await appendEntry(tx, { volunteerId: volunteer.id, kind: 'reversal', points: -entry.points, memo: `冲正：${reason}`, reversesId: entry.id, createdBy: shownName(actor) }, { locked: true });
    await restock(tx, entry);
    await recordAudit(tx, actor, { action: 'community.points.reverse', targetType: 'community_volunteer', targetId: volunteer.id, orgPath: volunteer.orgPath, details: { entryId, reason } });
  });
  return account(db, volunteer, { page: 1, pageSize: 20 });
}

/** A reversed redemption puts the item back in stock. */
async function restock(tx: Db, entry: EntryRow): Promise<void> {
  if (entry.kind !== 'redeem' || !entry.itemId) return;
  const [item] = await tx.select({ price: communityMallItems.price }).from(communityMallItems).where(eq(communityMallItems.id, entry.itemId));
  if (!item) return;
  const quantity = Math.round(-entry.points / item.price);
  await tx.update(communityMallItems).set({ stock: sql`${communityMallItems.stock} + ${quantity}` }).where(and(eq(communityMallItems.id, entry.itemId), sql`${communityMallItems.stock} is not null`));
}

