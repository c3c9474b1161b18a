// Appointments (预约): a centre's windows and their slots with a capacity; residents book and
// cancel on /portal with their name and phone (no account), staff check arrivals in with a
// queue number (取号), and a job turns bookings nobody came for into no-shows.
import { and, asc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, inScope, type Actor } from '../../../platform/auth/scope.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { findOrgUnit, orgUnitNames } from '../../org/index.ts';
import { maskMobile } from '../../registry/index.ts';
import {
  noShowLimit,
  type AppointmentListQuery,
  type AppointmentView,
  type BookBody,
  type CreateWindowBody,
  type NoShowStats,
  type OpenSlotsBody,
  type ServiceWindowView,
  type SlotsQuery,
  type SlotView,
} from '../contract/appointments.ts';
import { appointmentSlots, appointments, serviceWindows } from '../schema/appointments.ts';
import { fieldError, pathUnder, workingCalendar } from '../ratings/common.ts';
import { appointmentNumber, beijingDay, beijingInstant, mayBook, NO_SHOW_GRACE_MINUTES, queueNumber, slotTimes } from './rules.ts';

type AppointmentRow = typeof appointments.$inferSelect;
type SlotRow = typeof appointmentSlots.$inferSelect;

/** A centre: an org unit of the community, street or district level (departments have no hall). */
async function centreOf(db: Db, code: string, field: string) {
  const unit = await findOrgUnit(db, code);
  if (!unit) throw new AppError('NOT_FOUND', { what: code });
  if (!['community', 'street', 'district'].includes(unit.level)) throw fieldError(field, '只有社区、街道和区的服务中心有窗口 / only community, street and district centres have windows');
  return unit;
}

/** Adds a window to a centre in the asker's area. */
export async function createWindow(db: Db, actor: Actor, body: CreateWindowBody): Promise<ServiceWindowView> {
  const centre = await centreOf(db, body.centreCode, 'body.centreCode');
  assertInScope(actor, 'services.appointments', centre.orgPath);
  const [row] = await db.insert(serviceWindows).values({ centreCode: centre.code, orgPath: centre.orgPath, name: body.name }).onConflictDoNothing().returning();
  if (!row) throw new AppError('CONFLICT', { summary: `窗口“${body.name}”已存在 / window exists` });
  return { id: row.id, centreCode: row.centreCode, centreName: centre.name, name: row.name };
}

/** The windows of the centres in the asker's area (or of one centre). */
export async function listWindows(db: Db, actor: Actor, centre: string | undefined): Promise<ServiceWindowView[]> {
  const conditions: SQL[] = [inScope(actor, 'services.appointments', serviceWindows.orgPath)];
  if (centre) conditions.push(eq(serviceWindows.centreCode, centre));
  const rows = await db.select().from(serviceWindows).where(and(...conditions)).orderBy(asc(serviceWindows.centreCode), asc(serviceWindows.name)).limit(500);
  const names = await orgUnitNames(db, rows.map((r) => r.centreCode));
  return rows.map((r) => ({ id: r.id, centreCode: r.centreCode, centreName: names.get(r.centreCode) ?? r.centreCode, name: r.name }));
}

/** Opens a window's slots over working days; slots already open at the same time are kept. */
export async function openSlots(db: Db, actor: Actor, body: OpenSlotsBody): Promise<{ opened: number }> {
  const [window] = await db.select().from(serviceWindows).where(eq(serviceWindows.id, body.windowId));
  if (!window) throw fieldError('body.windowId', '没有这个窗口 / no such window');
  assertInScope(actor, 'services.appointments', window.orgPath);
  const times = slotTimes(await workingCalendar(db), body);
  if (times.length > 2000) throw fieldError('body.to', '一次最多开放 2000 个时段 / at most 2000 slots at once');
  if (times.length === 0) return { opened: 0 };
  const rows = await db
    .insert(appointmentSlots)
    .values(times.map((t) => ({ windowId: window.id, centreCode: window.centreCode, orgPath: window.orgPath, startsAt: t.startsAt, endsAt: t.endsAt, capacity: body.capacity })))
    .onConflictDoNothing()
    .returning({ id: appointmentSlots.id });
  await recordAudit(db, actor, { action: 'services.slots.open', targetType: 'service_window', targetId: window.id, orgPath: window.orgPath, details: { ...body, opened: rows.length } });
  return { opened: rows.length };
}

async function presentSlots(db: Db, rows: SlotRow[]): Promise<SlotView[]> {
  if (rows.length === 0) return [];
  const [windows, names] = await Promise.all([
    db.select().from(serviceWindows).where(inArray(serviceWindows.id, [...new Set(rows.map((r) => r.windowId))])),
    orgUnitNames(db, rows.map((r) => r.centreCode)),
  ]);
  return rows.map((r) => ({
    id: r.id, windowId: r.windowId, windowName: windows.find((w) => w.id === r.windowId)?.name ?? '', centreCode: r.centreCode,
    centreName: names.get(r.centreCode) ?? r.centreCode, startsAt: r.startsAt, endsAt: r.endsAt, capacity: r.capacity, booked: r.booked,
  }));
}

/** A centre's slots that have not started, from today (or `from`) for a week (or to `to`); public. */
export async function listSlots(db: Db, q: SlotsQuery, now = new Date()): Promise<SlotView[]> {
  const from = q.from ?? beijingDay(now);
  const to = q.to ?? beijingDay(new Date(Date.parse(`${from}T00:00:00Z`) + 7 * 86_400_000));
  const rows = await db
    .select()
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.centreCode, q.centre), gte(appointmentSlots.startsAt, beijingInstant(from, '00:00')), lt(appointmentSlots.startsAt, beijingInstant(to, '24:00')), gt(appointmentSlots.startsAt, now)))
    .orderBy(asc(appointmentSlots.startsAt))
    .limit(500);
  return presentSlots(db, rows);
}

/** Centres with slots still to come, for the portal's choice; public. */
export async function centresWithSlots(db: Db, now = new Date()): Promise<{ code: string; name: string }[]> {
  const rows = await db.selectDistinct({ code: appointmentSlots.centreCode }).from(appointmentSlots).where(gt(appointmentSlots.startsAt, now)).limit(200);
  const names = await orgUnitNames(db, rows.map((r) => r.code));
  return rows.map((r) => ({ code: r.code, name: names.get(r.code) ?? r.code })).sort((a, b) => a.code.localeCompare(b.code));
}

async function presentAppointments(db: Db, rows: AppointmentRow[]): Promise<AppointmentView[]> {
  if (rows.length === 0) return [];
  const slots = await presentSlots(db, await db.select().from(appointmentSlots).where(inArray(appointmentSlots.id, [...new Set(rows.map((r) => r.slotId))])));
  return rows.map((r) => {
    const slot = slots.find((s) => s.id === r.slotId) as SlotView;
    return {
      id: r.id, number: r.number, status: r.status, centreCode: slot.centreCode, centreName: slot.centreName, windowName: slot.windowName,
      startsAt: slot.startsAt, endsAt: slot.endsAt, itemCode: r.itemCode, applicantName: r.applicantName, phone: r.phoneMasked,
      queueNumber: r.queueNumber, arrivedAt: r.arrivedAt, createdAt: r.createdAt,
    };
  });
}

/** No-shows of a phone in the last 90 days. */
async function recentNoShows(db: Db, phoneHash: string, now: Date): Promise<number> {
  const [row] = await db
    .select(countAll)
    .from(appointments)
    .where(and(eq(appointments.phoneHash, phoneHash), eq(appointments.status, 'no_show'), gte(appointments.createdAt, new Date(now.getTime() - noShowLimit.days * 86_400_000))));
  return row?.total ?? 0;
}

/** Books a place in a slot (public: name and phone); the capacity is taken by one conditional update. */
export async function bookAppointment(deps: { db: Db; pii: PiiCipher }, body: BookBody, userId: string | null = null, now = new Date()): Promise<AppointmentView> {
  const { db, pii } = deps;
  const phoneHash = pii.lookupHash(body.phone);
  if (!mayBook(await recentNoShows(db, phoneHash, now))) throw new AppError('APPOINTMENT_BLOCKED', { count: noShowLimit.count, days: noShowLimit.days });
  const row = await db.transaction(async (tx) => {
    const [slot] = await tx.select().from(appointmentSlots).where(eq(appointmentSlots.id, body.slotId));
    if (!slot) throw new AppError('SLOT_NOT_FOUND', {});
    if (slot.startsAt.getTime() <= now.getTime()) throw new AppError('APPOINTMENT_ACTION_NOT_ALLOWED', { status: '时段已开始 / slot started' });
    const [same] = await tx.select({ id: appointments.id }).from(appointments).where(and(eq(appointments.slotId, slot.id), eq(appointments.phoneHash, phoneHash), eq(appointments.status, 'booked')));
    if (same) throw new AppError('APPOINTMENT_ACTION_NOT_ALLOWED', { status: '已预约该时段 / already booked' });
    const taken = await tx
      .update(appointmentSlots)
      .set({ booked: sql`${appointmentSlots.booked} + 1` })
      .where(and(eq(appointmentSlots.id, slot.id), lt(appointmentSlots.booked, appointmentSlots.capacity)))
      .returning({ id: appointmentSlots.id });
    if (taken.length === 0) throw new AppError('SLOT_FULL', {});
    const day = beijingDay(now);
    const [{ total } = { total: 0 }] = await tx.select(countAll).from(appointments).where(sql`${appointments.number} like ${`YY${day.replaceAll('-', '')}%`}`);
    const [created] = await tx
      .insert(appointments)
      .values({
        number: appointmentNumber(day, total + 1), slotId: slot.id, orgPath: slot.orgPath, itemCode: body.itemCode ?? null, applicantName: body.name,
        phoneEnc: pii.encrypt(body.phone), phoneHash, phoneMasked: maskMobile(body.phone), userId, status: 'booked',
      })
      .returning();
    await recordAudit(tx, null, { action: 'services.appointment.book', targetType: 'appointment', targetId: created?.number ?? '', orgPath: slot.orgPath });
    return created as AppointmentRow;
  });
  return (await presentAppointments(db, [row]))[0] as AppointmentView;
}

/** Cancels a booking by its number and phone (public); the place is freed. */
export async function cancelAppointment(deps: { db: Db; pii: PiiCipher }, number: string, phone: string): Promise<AppointmentView> {
  const { db, pii } = deps;
  const row = await db.transaction(async (tx) => {
    const [found] = await tx.select().from(appointments).where(eq(appointments.number, number)).for('update');
    if (!found || found.phoneHash !== pii.lookupHash(phone)) throw new AppError('APPOINTMENT_NOT_FOUND', {});
    if (found.status !== 'booked') throw new AppError('APPOINTMENT_ACTION_NOT_ALLOWED', { status: found.status });
    const [cancelled] = await tx.update(appointments).set({ status: 'cancelled', cancelledAt: new Date() }).where(eq(appointments.id, found.id)).returning();
    await tx.update(appointmentSlots).set({ booked: sql`${appointmentSlots.booked} - 1` }).where(eq(appointmentSlots.id, found.slotId));
    await recordAudit(tx, null, { action: 'services.appointment.cancel', targetType: 'appointment', targetId: number, orgPath: found.orgPath });
    return cancelled as AppointmentRow;
  });
  return (await presentAppointments(db, [row]))[0] as AppointmentView;
}

/** Bookings of the centres in the asker's area, by slot time. */
export async function listAppointments(db: Db, actor: Actor, q: AppointmentListQuery) {
  const conditions: (SQL | undefined)[] = [inScope(actor, 'services.appointments', appointments.orgPath)];
  if (q.centre) conditions.push(eq(appointmentSlots.centreCode, q.centre));
  if (q.status) conditions.push(eq(appointments.status, q.status));
  if (q.day) conditions.push(gte(appointmentSlots.startsAt, beijingInstant(q.day, '00:00')), lt(appointmentSlots.startsAt, beijingInstant(q.day, '24:00')));
  const where = and(...conditions);
  return listPage(
    q,
    db.select({ a: appointments }).from(appointments).innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId)).where(where)
      .orderBy(asc(appointmentSlots.startsAt), asc(appointments.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(appointments).innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId)).where(where),
    (rows) => presentAppointments(db, rows.map((r) => r.a)),
  );
}

/** Checks an arrival in at the centre: the booking gets the next queue number of the day there. */
export async function checkIn(db: Db, actor: Actor, number: string, now = new Date()): Promise<AppointmentView> {
  const row = await db.transaction(async (tx) => {
    const [found] = await tx.select().from(appointments).where(eq(appointments.number, number)).for('update');
    if (!found || !canAccess(actor, 'services.appointments', found.orgPath)) throw new AppError('APPOINTMENT_NOT_FOUND', {});
    if (found.status !== 'booked') throw new AppError('APPOINTMENT_ACTION_NOT_ALLOWED', { status: found.status });
    const [slot] = await tx.select().from(appointmentSlots).where(eq(appointmentSlots.id, found.slotId));
    const dayStart = beijingInstant(beijingDay(now), '00:00');
    const [{ total } = { total: 0 }] = await tx
      .select(countAll)
      .from(appointments)
      .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
      .where(and(eq(appointmentSlots.centreCode, slot?.centreCode ?? ''), gte(appointments.arrivedAt, dayStart)));
    const [arrived] = await tx.update(appointments).set({ status: 'arrived', arrivedAt: now, queueNumber: queueNumber(total + 1) }).where(eq(appointments.id, found.id)).returning();
    await recordAudit(tx, actor, { action: 'services.appointment.arrive', targetType: 'appointment', targetId: number, orgPath: found.orgPath });
    return arrived as AppointmentRow;
  });
  return (await presentAppointments(db, [row]))[0] as AppointmentView;
}

/** Bookings of a centre by outcome over a period (the no-show count among them). */
export async function appointmentStats(db: Db, actor: Actor, centre: string, from: Date, to: Date): Promise<NoShowStats> {
  assertInScope(actor, 'services.appointments', await pathUnder(db, centre));
  const rows = await db
    .select({ status: appointments.status, n: sql<number>`count(*)::int` })
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .where(and(eq(appointmentSlots.centreCode, centre), gte(appointmentSlots.startsAt, from), lt(appointmentSlots.startsAt, to)))
    .groupBy(appointments.status);
  const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { booked: n('booked'), arrived: n('arrived'), noShow: n('no_show'), cancelled: n('cancelled') };
}

/** Marks bookings nobody came for as no-shows (the job); returns how many. */
export async function markNoShows(db: Db, now = new Date()): Promise<number> {
  const ended = db.select({ id: appointmentSlots.id }).from(appointmentSlots).where(lt(appointmentSlots.endsAt, new Date(now.getTime() - NO_SHOW_GRACE_MINUTES * 60_000)));
  const marked = await db.update(appointments).set({ status: 'no_show' }).where(and(eq(appointments.status, 'booked'), inArray(appointments.slotId, ended))).returning({ id: appointments.id });
  return marked.length;
}
