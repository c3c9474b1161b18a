import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { queryRows } from '../../../platform/db.ts';
import type { AppointmentView, ServiceWindowView, SlotView } from '../contract/appointments.ts';
import { markNoShows } from './appointments.ts';
import { beijingDay } from './rules.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const staff = await actorSession(ctx, 'community_staff', '110108001001');
const later = (days: number) => beijingDay(new Date(Date.now() + days * 86_400_000));

async function openWindow(capacity: number, name: string): Promise<SlotView[]> {
  const w = await app.inject({ method: 'POST', url: '/api/services/windows', headers: { cookie: staff.cookie }, payload: { centreCode: '110108001001', name } });
  expect(w.statusCode, w.body).toBe(201);
  const window = w.json<ServiceWindowView>();
  const opened = await app.inject({
    method: 'POST', url: '/api/services/slots', headers: { cookie: staff.cookie },
    payload: { windowId: window.id, from: later(1), to: later(14), startTime: '09:00', endTime: '10:00', slotMinutes: 30, capacity },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const slots = (await app.inject({ method: 'GET', url: `/api/public/appointment-slots?centre=110108001001&from=${later(1)}&to=${later(14)}` })).json<SlotView[]>();
  return slots.filter((s) => s.windowId === window.id);
}

// Each booking from its own address: the public routes' rate limit is per address and has its own tests.
let caller = 0;
const from = () => `10.0.${Math.floor(++caller / 250)}.${caller % 250}`;
const book = (slotId: string, phone: string) => app.inject({ method: 'POST', url: '/api/public/appointments', remoteAddress: from(), payload: { slotId, name: '李四', phone } });

describe('appointments', () => {
  it('opens slots on working days only and books up to the capacity, then refuses', async () => {
    const slots = await openWindow(2, '综合窗口1');
    expect(slots.length).toBeGreaterThan(0);
    // Two half-hour slots on each day that has any: the calendar decides which (weekends and holidays have none).
    const perDay = new Map<string, number>();
    for (const s of slots) perDay.set(beijingDay(new Date(s.startsAt)), (perDay.get(beijingDay(new Date(s.startsAt))) ?? 0) + 1);
    expect([...perDay.values()].every((n) => n === 2)).toBe(true);
    expect(perDay.size).toBeLessThan(14);
    const slot = slots[0] as SlotView;
    const first = await book(slot.id, '13800000001');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<AppointmentView>()).toMatchObject({ status: 'booked', phone: '138******01', windowName: '综合窗口1' });
    expect(first.json<AppointmentView>().number).toMatch(/^YY\d{12}$/);
    expect((await book(slot.id, '13800000001')).statusCode).toBe(409);
    expect((await book(slot.id, '13800000002')).statusCode).toBe(201);
    const full = await book(slot.id, '13800000003');
    expect(full.statusCode).toBe(409);
    expect(full.json<{ error: { code: string } }>().error.code).toBe('SLOT_FULL');
    const [row] = await queryRows<{ booked: number }>(database.db, sql`select booked from appointment_slots where id = ${slot.id}`);
    expect(row?.booked).toBe(2);
  });

  it('never overbooks when many book the last place at once', async () => {
    const [slot] = await openWindow(3, '综合窗口2');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => book((slot as SlotView).id, `1390000000${i}`)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(5);
  });

  it('cancels by number and phone, freeing the place; a wrong phone finds nothing', async () => {
    const [slot] = await openWindow(1, '综合窗口3');
    const booked = (await book((slot as SlotView).id, '13700000001')).json<AppointmentView>();
    const wrong = await app.inject({ method: 'POST', url: `/api/public/appointments/${booked.number}/cancel`, remoteAddress: from(), payload: { phone: '13700000009' } });
    expect(wrong.statusCode).toBe(404);
    const cancelled = await app.inject({ method: 'POST', url: `/api/public/appointments/${booked.number}/cancel`, remoteAddress: from(), payload: { phone: '13700000001' } });
    expect(cancelled.json<AppointmentView>().status).toBe('cancelled');
    expect((await book((slot as SlotView).id, '13700000002')).statusCode).toBe(201);
  });

  it('gives arrivals queue numbers in order, and only staff of the centre may check in', async () => {
    const [slot] = await openWindow(5, '综合窗口4');
    const a = (await book((slot as SlotView).id, '13600000001')).json<AppointmentView>();
    const b = (await book((slot as SlotView).id, '13600000002')).json<AppointmentView>();
    const other = await actorSession(ctx, 'community_staff', '110108002001');
    expect((await app.inject({ method: 'POST', url: `/api/services/appointments/${a.number}/arrive`, headers: { cookie: other.cookie } })).statusCode).toBe(404);
    const qa = (await app.inject({ method: 'POST', url: `/api/services/appointments/${a.number}/arrive`, headers: { cookie: staff.cookie } })).json<AppointmentView>();
    const qb = (await app.inject({ method: 'POST', url: `/api/services/appointments/${b.number}/arrive`, headers: { cookie: staff.cookie } })).json<AppointmentView>();
    expect(Number(qb.queueNumber?.slice(1))).toBe(Number(qa.queueNumber?.slice(1)) + 1);
    expect((await app.inject({ method: 'POST', url: `/api/services/appointments/${a.number}/arrive`, headers: { cookie: staff.cookie } })).statusCode).toBe(409);
    const list = await app.inject({ method: 'GET', url: '/api/services/appointments?status=arrived', headers: { cookie: other.cookie } });
    expect(list.json<{ total: number }>().total).toBe(0);
  });

  it('marks bookings nobody came for as no-shows and stops a phone at its third', async () => {
    const slots = await openWindow(5, '综合窗口5');
    for (const s of slots.slice(0, 3)) expect((await book(s.id, '13500000001')).statusCode).toBe(201);
    const marked = await markNoShows(database.db, new Date(Date.now() + 30 * 86_400_000));
    expect(marked).toBeGreaterThanOrEqual(3);
    const blocked = await book((slots[3] as SlotView).id, '13500000001');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json<{ error: { code: string } }>().error.code).toBe('APPOINTMENT_BLOCKED');
    const stats = await app.inject({ method: 'GET', url: `/api/services/appointment-stats?centre=110108001001&from=${later(0)}&to=${later(20)}`, headers: { cookie: staff.cookie } });
    expect(stats.json<{ noShow: number }>().noShow).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad input naming the field, and strangers', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/public/appointments', remoteAddress: from(), payload: { slotId: '00000000-0000-4000-8000-000000000000', name: '李四', phone: '123' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.phone');
    const resident = await actorSession(ctx, 'resident', '110108001001');
    expect((await app.inject({ method: 'GET', url: '/api/services/appointments', headers: { cookie: resident.cookie } })).statusCode).toBe(403);
  });
});
