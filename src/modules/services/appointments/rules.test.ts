import { describe, expect, it } from 'vitest';
import { appointmentNumber, beijingDay, isNoShow, mayBook, queueNumber, slotTimes } from './rules.ts';

const weekdays = { isWorkingDay: (day: Date | string) => ![0, 6].includes(new Date(`${String(day)}T00:00:00Z`).getUTCDay()) };

describe('appointment rules', () => {
  it('opens back-to-back slots on working days only, none running past the end time', () => {
    // 2026-12-04 is a Friday, 12-05/06 the weekend.
    const slots = slotTimes(weekdays, { from: '2026-12-04', to: '2026-12-07', startTime: '09:00', endTime: '10:40', slotMinutes: 30 });
    expect(slots.map((s) => [beijingDay(s.startsAt), s.startsAt.toISOString()])).toEqual([
      ['2026-12-04', '2026-12-04T01:00:00.000Z'],
      ['2026-12-04', '2026-12-04T01:30:00.000Z'],
      ['2026-12-04', '2026-12-04T02:00:00.000Z'],
      ['2026-12-07', '2026-12-07T01:00:00.000Z'],
      ['2026-12-07', '2026-12-07T01:30:00.000Z'],
      ['2026-12-07', '2026-12-07T02:00:00.000Z'],
    ]);
  });

  it('counts a booking as a no-show only half an hour after its slot ended', () => {
    const end = new Date('2026-12-04T02:00:00Z');
    expect(isNoShow('booked', end, new Date('2026-12-04T02:29:00Z'))).toBe(false);
    expect(isNoShow('booked', end, new Date('2026-12-04T02:31:00Z'))).toBe(true);
    expect(isNoShow('arrived', end, new Date('2026-12-05T00:00:00Z'))).toBe(false);
  });

  it('stops online booking at the third no-show', () => {
    expect([0, 1, 2, 3].map(mayBook)).toEqual([true, true, true, false]);
  });

  it('numbers bookings by day and arrivals by place', () => {
    expect(appointmentNumber('2026-12-04', 7)).toBe('YY202612040007');
    expect(queueNumber(12)).toBe('Y012');
  });
});
