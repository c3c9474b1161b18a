// Volunteers (志愿者): registration by real name (linked to the registry's resident when one
// matches), skills and availability; activities with places, sign-up, check-in and check-out
// (by the organiser's QR code or the organiser's confirmation); service records (志愿服务记录)
// corrected only by amendments; star levels; the certificate of service hours.
import { z } from 'zod';
import { pageQuery, pageOf } from '../../../platform/paging.ts';
import { idParam, mobileText, nameText, orgCode } from './common.ts';

// HTTP (all under /api/community unless told):
//   GET  /volunteers?under&q  POST /volunteers  GET /volunteers/:id  (staff)
//   POST /volunteers/me                   a resident registers themself     GET /volunteers/me   my hours, star, records
//   POST /volunteers/me/certificate       my certificate of service hours   POST /volunteers/:id/certificate (staff)
//   GET  /activities?under&status  POST /activities  GET /activities/:id   POST /activities/:id/close
//   GET  /activities/:id/attendees        POST /activities/:id/check-code   the organiser's QR code (rotates)
//   POST /activities/:id/attendees/:volunteerId/check-in|check-out          the organiser confirms
//   POST /activities/:id/sign-up   DELETE /activities/:id/sign-up            the volunteer
//   POST /activities/:id/check-in  POST /activities/:id/check-out            the volunteer, with the code
//   GET  /service-records?under&volunteerId   POST /service-records/:id/amendments   .xlsx ledger
//   GET  /settings  PUT /settings          star thresholds, points per hour, family transfers
//   GET  /api/public/community/activities  open activities (no personal data)

export const skills = ['companionship', 'teaching', 'medical', 'legal', 'repair', 'environment', 'culture', 'sports', 'it', 'other'] as const;
export const availabilities = ['weekday', 'weekend', 'evening', 'any'] as const;
export const activityStatuses = ['open', 'closed'] as const;

export const registerVolunteerBody = z.object({
  name: nameText,
  mobile: mobileText,
  orgCode,
  skills: z.array(z.enum(skills)).max(skills.length).default([]),
  availability: z.enum(availabilities).default('any'),
});
export type RegisterVolunteerBody = z.infer<typeof registerVolunteerBody>;
/** A resident registering themself: the community is theirs (from their account). */
export const registerSelfBody = registerVolunteerBody.omit({ orgCode: true });
export type RegisterSelfBody = z.infer<typeof registerSelfBody>;

export const starView = z.object({ level: z.number().int().min(0).max(5), hoursToNext: z.number().int().nullable() });

export const volunteerView = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Masked (138****5678): the clear number is never answered. */
  mobile: z.string(),
  /** Linked to a resident of the registry (real-name check passed). */
  residentLinked: z.boolean(),
  orgPath: z.string(),
  orgName: z.string(),
  skills: z.array(z.enum(skills)),
  availability: z.enum(availabilities),
  totalMinutes: z.number().int(),
  star: starView,
  registeredAt: z.date(),
});
export type VolunteerView = z.infer<typeof volunteerView>;
export const volunteerPage = pageOf(volunteerView);
export const volunteerListQuery = z.object({ under: orgCode.optional(), q: z.string().trim().max(50).optional(), ...pageQuery });
export type VolunteerListQuery = z.infer<typeof volunteerListQuery>;

const dateTime = z.coerce.date();

export const createActivityBody = z
  .object({
    orgCode,
    organisationId: z.uuid().nullable().optional(),
    title: z.string().trim().min(2).max(100),
    description: z.string().trim().max(2000).default(''),
    place: z.string().trim().min(1).max(200),
    startsAt: dateTime,
    endsAt: dateTime,
    places: z.number().int().min(1).max(10_000),
  })
  .refine((a) => a.endsAt > a.startsAt, { path: ['endsAt'], message: '结束时间应晚于开始时间 / the end must be after the start' });
export type CreateActivityBody = z.infer<typeof createActivityBody>;

export const myAttendance = z.object({ signedUpAt: z.date(), checkedInAt: z.date().nullable(), checkedOutAt: z.date().nullable(), minutes: z.number().int().nullable() });

export const activityView = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  place: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  places: z.number().int(),
  signedUp: z.number().int(),
  status: z.enum(activityStatuses),
  orgName: z.string(),
  organisationName: z.string().nullable(),
  /** The asking volunteer's own sign-up, when there is one. */
  mine: myAttendance.nullable(),
});
export type ActivityView = z.infer<typeof activityView>;
export const activityPage = pageOf(activityView);
/** /m's home: today's activities I signed up for; registered false when I am no volunteer yet. */
export const todayView = z.object({ registered: z.boolean(), items: z.array(activityView) });
export type TodayView = z.infer<typeof todayView>;
export const activityListQuery = z.object({ under: orgCode.optional(), status: z.enum(activityStatuses).optional(), upcoming: z.coerce.boolean().optional(), ...pageQuery });
export type ActivityListQuery = z.infer<typeof activityListQuery>;

/** The code the organiser shows as a QR code; volunteers check in and out with it while it lasts. */
export const checkCodeView = z.object({ code: z.string(), expiresAt: z.date(), url: z.string() });
export const checkWithCodeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, '签到码为 6 位数字 / the code has 6 digits') });
export const attendeeParams = idParam.extend({ volunteerId: z.uuid() });

export const attendeeView = z.object({
  volunteerId: z.uuid(),
  name: z.string(),
  mobile: z.string(),
  signedUpAt: z.date(),
  checkedInAt: z.date().nullable(),
  checkedOutAt: z.date().nullable(),
});
export const attendeeList = z.object({ items: z.array(attendeeView) });

export const amendmentView = z.object({ minutes: z.number().int(), reason: z.string(), amendedBy: z.string(), amendedAt: z.date() });

export const serviceRecordView = z.object({
  id: z.uuid(),
  volunteerId: z.uuid(),
  volunteerName: z.string(),
  activityId: z.uuid().nullable(),
  what: z.string(),
  place: z.string(),
  startedAt: z.date(),
  endedAt: z.date(),
  /** As first recorded. */
  recordedMinutes: z.number().int(),
  /** After the latest amendment: what counts. */
  minutes: z.number().int(),
  confirmedBy: z.string(),
  amendments: z.array(amendmentView),
});
export type ServiceRecordView = z.infer<typeof serviceRecordView>;
export const serviceRecordPage = pageOf(serviceRecordView);
export const serviceRecordQuery = z.object({ under: orgCode.optional(), volunteerId: z.uuid().optional(), ...pageQuery });
export type ServiceRecordQuery = z.infer<typeof serviceRecordQuery>;
export const amendBody = z.object({ minutes: z.number().int().min(0).max(24 * 60), reason: z.string().trim().min(2).max(500) });
export type AmendBody = z.infer<typeof amendBody>;

export const myVolunteering = z.object({ volunteer: volunteerView.nullable(), records: z.array(serviceRecordView) });
export type MyVolunteering = z.infer<typeof myVolunteering>;

export const issuedCertificate = z.object({ code: z.string(), number: z.string() });

export const communitySettings = z.object({
  starThresholds: z.array(z.number().int().min(1).max(100_000)).length(5),
  pointsPerHour: z.number().int().min(0).max(1000),
  familyTransfers: z.boolean(),
});
export type CommunitySettings = z.infer<typeof communitySettings>;
