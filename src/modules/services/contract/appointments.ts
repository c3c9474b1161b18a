// Appointments (预约) at a centre's windows: the shapes of slots, bookings and queue numbers.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/paging.ts';

export const appointmentStatuses = ['booked', 'cancelled', 'arrived', 'no_show'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

// A mainland mobile number: the applicant is reached by SMS.
const mobile = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号 / an 11-digit mobile number');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD / a day as YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM / a time as HH:MM');
const orgCode = z.string().trim().min(1).max(40);

/** No-shows in this many days that stop a phone from booking again. */
export const noShowLimit = { count: 3, days: 90 } as const;

export const serviceWindowView = z.object({ id: z.string(), centreCode: z.string(), centreName: z.string(), name: z.string() });
export type ServiceWindowView = z.infer<typeof serviceWindowView>;

export const createWindowBody = z.object({ centreCode: orgCode, name: z.string().trim().min(1).max(40) }).strict();
export type CreateWindowBody = z.infer<typeof createWindowBody>;

export const windowsQuery = z.object({ centre: orgCode.optional() });

export const slotView = z.object({
  id: z.string(),
  windowId: z.string(),
  windowName: z.string(),
  centreCode: z.string(),
  centreName: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  capacity: z.number().int(),
  booked: z.number().int(),
});
export type SlotView = z.infer<typeof slotView>;

/** Opens slots on the working days from `from` to `to`: `slotMinutes` each between the times, `capacity` people each. */
export const openSlotsBody = z
  .object({
    windowId: z.uuid(),
    from: day,
    to: day,
    startTime: clock,
    endTime: clock,
    slotMinutes: z.number().int().min(10).max(240),
    capacity: z.number().int().min(1).max(100),
  })
  .strict()
  .refine((b) => b.from <= b.to, { path: ['to'], message: '结束日期不能早于开始日期 / to must not be before from' })
  .refine((b) => b.startTime < b.endTime, { path: ['endTime'], message: '结束时间须晚于开始时间 / endTime must be after startTime' });
export type OpenSlotsBody = z.infer<typeof openSlotsBody>;

export const slotsQuery = z.object({ centre: orgCode, from: day.optional(), to: day.optional() });
export type SlotsQuery = z.infer<typeof slotsQuery>;

export const bookBody = z
  .object({
    slotId: z.uuid(),
    name: z.string().trim().min(1).max(40),
    phone: mobile,
    itemCode: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type BookBody = z.infer<typeof bookBody>;

/** A booking as its holder and the centre see it: the phone masked. */
export const appointmentView = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(appointmentStatuses),
  centreCode: z.string(),
  centreName: z.string(),
  windowName: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  itemCode: z.string().nullable(),
  applicantName: z.string(),
  phone: z.string(),
  queueNumber: z.string().nullable(),
  arrivedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type AppointmentView = z.infer<typeof appointmentView>;

export const appointmentNumberParams = z.object({ number: z.string().trim().toUpperCase().regex(/^YY\d{8}\d{4}$/, '预约号如 YY202612010001 / e.g. YY202612010001') });
export const cancelBody = z.object({ phone: mobile }).strict();

export const appointmentListQuery = z.object({
  ...pageQuery,
  centre: orgCode.optional(),
  day: day.optional(),
  status: z.enum(appointmentStatuses).optional(),
});
export type AppointmentListQuery = z.infer<typeof appointmentListQuery>;
export const appointmentPage = pageOf(appointmentView);

/** No-show counts of a centre's bookings over a period. */
export const noShowStats = z.object({ booked: z.number().int(), arrived: z.number().int(), noShow: z.number().int(), cancelled: z.number().int() });
export type NoShowStats = z.infer<typeof noShowStats>;
