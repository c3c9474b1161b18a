// The pure rules of appointments: the slots a period opens, when a booking is a no-show,
// whether a phone may still book, and the numbers a booking and an arrival get.
import type { WorkingCalendar } from '../../../platform/calendar.ts';
import { noShowLimit } from '../contract/appointments.ts';

const OFFSET_MS = 8 * 3600_000; // Beijing time, no DST since 1991
const DAY_MS = 86_400_000;

/** The instant of a Beijing day and clock time. */
export function beijingInstant(day: string, clock: string): Date {
  return new Date(Date.parse(`${day}T${clock}:00+08:00`));
}

/** The Beijing calendar day of an instant. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The slots on the working days from `from` to `to`: back to back between the times, the last one ending by `endTime`. */
export function slotTimes(calendar: Pick<WorkingCalendar, 'isWorkingDay'>, p: { from: string; to: string; startTime: string; endTime: string; slotMinutes: number }): { startsAt: Date; endsAt: Date }[] {
  const out: { startsAt: Date; endsAt: Date }[] = [];
  for (let t = Date.parse(`${p.from}T00:00:00Z`); t <= Date.parse(`${p.to}T00:00:00Z`); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (!calendar.isWorkingDay(day)) continue;
    const end = beijingInstant(day, p.endTime).getTime();
    for (let s = beijingInstant(day, p.startTime).getTime(); s + p.slotMinutes * 60_000 <= end; s += p.slotMinutes * 60_000) {
      out.push({ startsAt: new Date(s), endsAt: new Date(s + p.slotMinutes * 60_000) });
    }
  }
  return out;
}

/** Minutes after a slot ends before a booking nobody came for counts as a no-show. */
export const NO_SHOW_GRACE_MINUTES = 30;

/** Whether a booking still open is a no-show at `now`. */
export function isNoShow(status: string, slotEndsAt: Date, now: Date): boolean {
  return status === 'booked' && now.getTime() > slotEndsAt.getTime() + NO_SHOW_GRACE_MINUTES * 60_000;
}

/** Whether a phone with this many no-shows in the last 90 days may book online. */
export function mayBook(recentNoShows: number): boolean {
  return recentNoShows < noShowLimit.count;
}

/** A booking's number: YY, the Beijing day it was made, a four-digit sequence of that day. */
export function appointmentNumber(day: string, seq: number): string {
  return `YY${day.replaceAll('-', '')}${String(seq).padStart(4, '0')}`;
}

/** The queue number an arrival gets at its centre: Y (预约) and the arrival's place that day. */
export function queueNumber(seq: number): string {
  return `Y${String(seq).padStart(3, '0')}`;
}
