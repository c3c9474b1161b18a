// Demo appointments: windows at the focus community's and street's centres, slots on the next
// and the last ten working days, and past bookings that arrived or did not come.
import { inArray } from 'drizzle-orm';
import type { DemoContext } from '../../../platform/module.ts';
import { fromEarlierLoader } from '../../../platform/module.ts';
import { findOrgUnit } from '../../org/index.ts';
import { maskMobile } from '../../registry/index.ts';
import { appointmentSlots, appointments, serviceWindows } from '../schema/appointments.ts';
import { workingCalendar } from '../ratings/common.ts';
import { appointmentNumber, beijingDay, queueNumber, slotTimes } from './rules.ts';

const names = ['王秀英', '李建国', '张桂兰', '刘志强', '陈淑珍', '杨海涛', '赵丽华', '黄明', '周玉梅', '吴俊'];

/** Windows, slots and bookings of the demo district's focus centres. */
export async function seedAppointmentsDemo(demo: DemoContext): Promise<void> {
  const { db, pii } = demo;
  const centres = [fromEarlierLoader(demo.state, 'community'), fromEarlierLoader(demo.state, 'street')];
  const calendar = await workingCalendar(db);
  const day = (offset: number) => beijingDay(new Date(Date.now() + offset * 86_400_000));
  let slotCount = 0;
  let bookingCount = 0;
  let seq = 0;
  for (const centre of centres) {
    const unit = await findOrgUnit(db, centre.code);
    if (!unit) continue;
    const windows = await db
      .insert(serviceWindows)
      .values(['综合受理1号窗口', '综合受理2号窗口'].map((name) => ({ centreCode: unit.code, orgPath: unit.orgPath, name })))
      .onConflictDoNothing()
      .returning();
    for (const window of windows) {
      const times = [
        ...slotTimes(calendar, { from: day(-14), to: day(14), startTime: '09:00', endTime: '11:30', slotMinutes: 30 }),
        ...slotTimes(calendar, { from: day(-14), to: day(14), startTime: '14:00', endTime: '16:30', slotMinutes: 30 }),
      ];
      const slots = await db
        .insert(appointmentSlots)
        .values(times.map((t) => ({ windowId: window.id, centreCode: unit.code, orgPath: unit.orgPath, startsAt: t.startsAt, endsAt: t.endsAt, capacity: 3 })))
        .returning();
      slotCount += slots.length;
      // Every third slot has a booking: past ones arrived (one in six did not come), future ones wait.
      const booked = slots.filter((_, i) => i % 3 === 0);
      const rows = booked.map((slot, i) => {
        const past = slot.endsAt.getTime() < Date.now();
        const phone = `139${String(10_000_000 + ((i * 7919 + seq) % 90_000_000)).slice(0, 8)}`;
        seq++;
        const status = past ? (i % 6 === 5 ? ('no_show' as const) : ('arrived' as const)) : ('booked' as const);
        return {
          number: appointmentNumber(beijingDay(slot.startsAt), seq), slotId: slot.id, orgPath: unit.orgPath, itemCode: null, applicantName: names[i % names.length] as string,
          phoneEnc: pii.encrypt(phone), phoneHash: pii.lookupHash(phone), phoneMasked: maskMobile(phone), status,
          queueNumber: status === 'arrived' ? queueNumber((i % 40) + 1) : null, arrivedAt: status === 'arrived' ? slot.startsAt : null,
        };
      });
      if (rows.length) await db.insert(appointments).values(rows);
      if (booked.length) await db.update(appointmentSlots).set({ booked: 1 }).where(inArray(appointmentSlots.id, booked.map((s) => s.id)));
      bookingCount += rows.length;
    }
  }
  demo.counts['appointment slots'] = slotCount;
  demo.counts.appointments = bookingCount;
}
