// The grid worker's day (module `gridwork`): patrols with their tracks, the duty lists
// (九必访 / 六必到 / 九必报), the work log (民情日记), attendance, and each worker's record.
// Routes validate and serialise with these schemas, services return the inferred types, and
// the web imports them. Depends on zod alone, so the web can.
//
// Writes a phone may queue offline (patrol start/points/end, work log, check-in/out) honour an
// `Idempotency-Key` header: a replay with the same key returns the first answer and changes nothing.
//
// HTTP (all under /api/gridwork):
//   POST   /patrols                      startPatrolBody → patrolView (201)              [idempotent]
//   GET    /patrols/current              → currentPatrol (the actor's active patrol)
//   POST   /patrols/:id/points           appendPointsBody → appendPointsResult            [idempotent]
//   POST   /patrols/:id/end              endPatrolBody → patrolView                       [idempotent]
//   GET    /patrols                      patrolListQuery → patrolPage (supervisor: today live / by day)
//   GET    /patrols/:id                  → patrolDetail (track; another worker's view is audited)
//   GET    /duty-rules                   dutyRuleListQuery → dutyRuleList
//   POST   /duty-rules                   createDutyRuleBody → dutyRuleView (gridwork.manage)
//   PATCH  /duty-rules/:id               updateDutyRuleBody → dutyRuleView (gridwork.manage)
//   POST   /occasions                    createOccasionBody → { items: occasionView[] } (community staff)
//   POST   /occasions/:id/attend         attendOccasionBody → occasionView (the worker)
//   GET    /duty-items                   dutyItemQuery → dutyItemList
//   PUT    /logs                         saveWorkLogBody → workLogView                    [idempotent]
//   GET    /logs/mine                    ?day= → myWorkLog
//   GET    /logs                         workLogListQuery → workLogPage
//   POST   /logs/:id/photos              multipart (one file) → workLogView               [idempotent]
//   GET    /logs/:id/photos/:photoId     the image (?thumb=1 a thumbnail)
//   POST   /logs/:id/case                workLogToCaseBody → createdCase
//   POST   /attendance/check-in          checkBody → attendanceDayView                    [idempotent]
//   POST   /attendance/check-out         checkBody → attendanceDayView                    [idempotent]
//   GET    /attendance/mine              myAttendanceQuery → myAttendance
//   GET    /attendance/sheet.xlsx        attendanceSheetQuery → .xlsx
//   POST   /leaves                       createLeaveBody → leaveView
//   GET    /leaves                       leaveListQuery → leavePage
//   POST   /leaves/:id/decide            decideLeaveBody → leaveView (community staff)
//   GET    /records                      recordQuery → recordPage (ranked)
//   GET    /records.xlsx                 recordQuery → .xlsx
//   GET    /settings, PUT /settings      gridworkSettings (PUT: gridwork.manage)
// Also idempotent: POST /api/cases (the /m report), POST /api/cases/attachments (its photos) and
// POST /api/registry/visits (their routes opt in with `idempotent: true`).
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/paging.ts';

// ---------------------------------------------------------------------------- vocabularies

/** 九必访 (visit), 六必到 (attend), 九必报 (report). */
export const dutyKinds = ['visit', 'attend', 'report'] as const;
export type DutyKind = (typeof dutyKinds)[number];

export const patrolStatuses = ['active', 'ended'] as const;
export type PatrolStatus = (typeof patrolStatuses)[number];

/** A leave (请假) or a duty swap (调班) with another worker. */
export const leaveKinds = ['leave', 'swap'] as const;
export type LeaveKind = (typeof leaveKinds)[number];

export const leaveStatuses = ['pending', 'approved', 'rejected'] as const;
export type LeaveStatus = (typeof leaveStatuses)[number];

/** How a day of the attendance sheet reads. */
export const attendanceMarks = ['present', 'incomplete', 'leave', 'absent', 'rest'] as const;
export type AttendanceMark = (typeof attendanceMarks)[number];

/** Defaults of the configurable figures (settings of the whole installation). */
export const gridworkDefaults = {
  /** Tracks older than this are deleted by the daily job (gridwork.trackRetentionDays). */
  trackRetentionDays: 180,
  /** A check-in this far outside the grid's polygon still counts (metres). */
  checkInToleranceMeters: 100,
  /** The track is widened by this much on each side when measuring the share of the grid covered (metres). */
  coverageBufferMeters: 30,
  /** Points reported with a worse accuracy than this are dropped (metres). */
  maxAccuracyMeters: 100,
  /** Points implying a faster movement than this are dropped (metres per second; ~90 km/h). */
  maxSpeedMetersPerSecond: 25,
} as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');
const isoMonth = z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM / month must be YYYY-MM');
const code = z.string().min(1).max(60);
const text = (max: number) => z.string().trim().min(1).max(max);
const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const version = z.number().int().min(1);
export const idParam = z.object({ id: z.uuid() });

// ---------------------------------------------------------------------------- patrols

/** One GPS point as the phone recorded it. */
export const trackPoint = z.object({
  lng,
  lat,
  /** Reported accuracy radius (metres); poor points are dropped. */
  accuracy: z.number().min(0).max(100_000).nullable().default(null),
  recordedAt: z.coerce.date(),
});
export type TrackPoint = z.infer<typeof trackPoint>;

export const startPatrolBody = z
  .object({
    /** Which of the worker's grids; optional when they serve exactly one. */
    gridCode: code.optional(),
    /** When the worker pressed start (a queued start keeps its time). */
    startedAt: z.coerce.date().optional(),
  })
  .strict();
export type StartPatrolBody = z.infer<typeof startPatrolBody>;

export const appendPointsBody = z.object({ points: z.array(trackPoint).min(1).max(1000) }).strict();
export type AppendPointsBody = z.infer<typeof appendPointsBody>;

export const endPatrolBody = z.object({ endedAt: z.coerce.date().optional() }).strict();
export type EndPatrolBody = z.infer<typeof endPatrolBody>;

export const lastPoint = z.object({ lng: z.number(), lat: z.number(), recordedAt: z.date() });

export const patrolView = z.object({
  id: z.string(),
  workerId: z.string(),
  workerName: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  orgPath: z.string(),
  status: z.enum(patrolStatuses),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  /** Along the kept points (metres). */
  distanceMeters: z.number(),
  /** From start to end, or to now while active. */
  durationSeconds: z.number().int(),
  /** Share of the grid's area within the buffered track, 0–1. */
  coverage: z.number(),
  pointCount: z.number().int(),
  lastPoint: lastPoint.nullable(),
  /** Cases the worker reported and visits they recorded during the patrol. */
  caseCount: z.number().int(),
  visitCount: z.number().int(),
});
export type PatrolView = z.infer<typeof patrolView>;

export const appendPointsResult = z.object({ accepted: z.number().int(), dropped: z.number().int(), patrol: patrolView });
export type AppendPointsResult = z.infer<typeof appendPointsResult>;

/** The worker's own active patrol, if any. */
export const currentPatrol = z.object({ patrol: patrolView.nullable() });

export const patrolListQuery = z.object({
  /** Org unit or grid code; default the actor's whole scope. */
  under: code.optional(),
  /** A China-time day; default today. */
  day: isoDate.optional(),
  status: z.enum(patrolStatuses).optional(),
  workerId: z.uuid().optional(),
  ...pageQuery,
});
export type PatrolListQuery = z.infer<typeof patrolListQuery>;
export const patrolPage = pageOf(patrolView);

export const linkedCase = z.object({ id: z.string(), caseNo: z.string(), title: z.string(), state: z.string(), reportedAt: z.date() });
export const linkedVisit = z.object({ id: z.string(), residentName: z.string(), visitedOn: z.string(), method: z.string() });

/** A patrol with its kept points (viewing another worker's track is audited). */
export const patrolDetail = patrolView.extend({
  track: z.array(z.object({ lng: z.number(), lat: z.number(), accuracy: z.number().nullable(), recordedAt: z.date() })),
  cases: z.array(linkedCase),
  visits: z.array(linkedVisit),
});
export type PatrolDetail = z.infer<typeof patrolDetail>;

// ---------------------------------------------------------------------------- duty rules and items

export const dutyRuleView = z.object({
  id: z.string(),
  /** The district whose table this row belongs to. */
  districtCode: z.string(),
  kind: z.enum(dutyKinds),
  name: z.string(),
  /** visit: the registry key-group kinds whose members must be visited. */
  keyGroupKinds: z.array(z.string()),
  /** visit: at least once every N days. */
  everyDays: z.number().int().nullable(),
  /** report: case category codes that must be reported. */
  categories: z.array(z.string()),
  /** report: within this many hours of the occasion. attend: default deadline of an occasion. */
  hoursAllowed: z.number().int().nullable(),
  active: z.boolean(),
  sort: z.number().int(),
  version: z.number().int(),
});
export type DutyRuleView = z.infer<typeof dutyRuleView>;

export const dutyRuleListQuery = z.object({ district: code.optional(), kind: z.enum(dutyKinds).optional() });
export const dutyRuleList = z.object({ items: z.array(dutyRuleView) });

export const createDutyRuleBody = z
  .object({
    district: code,
    kind: z.enum(dutyKinds),
    name: text(60),
    keyGroupKinds: z.array(z.string().min(1).max(50)).max(20).default([]),
    everyDays: z.number().int().min(1).max(366).nullable().default(null),
    categories: z.array(z.string().min(1).max(40)).max(50).default([]),
    hoursAllowed: z.number().int().min(1).max(24 * 30).nullable().default(null),
    active: z.boolean().default(true),
    sort: z.number().int().min(0).max(999).default(0),
  })
  .strict();
export type CreateDutyRuleBody = z.infer<typeof createDutyRuleBody>;

export const updateDutyRuleBody = z
  .object({
    name: text(60).optional(),
    keyGroupKinds: z.array(z.string().min(1).max(50)).max(20).optional(),
    everyDays: z.number().int().min(1).max(366).nullable().optional(),
    categories: z.array(z.string().min(1).max(40)).max(50).optional(),
    hoursAllowed: z.number().int().min(1).max(24 * 30).nullable().optional(),
    active: z.boolean().optional(),
    sort: z.number().int().min(0).max(999).optional(),
    version,
  })
  .strict();
export type UpdateDutyRuleBody = z.infer<typeof updateDutyRuleBody>;

/** An occasion staff announce for an attend (六必到) or report (九必报) rule, in one grid or a whole community. */
export const createOccasionBody = z
  .object({
    ruleId: z.uuid(),
    /** A grid code or a community code (then every grid of it). */
    under: code,
    title: text(100),
    /** Default: now + the rule's hoursAllowed. */
    dueAt: z.coerce.date().optional(),
  })
  .strict();
export type CreateOccasionBody = z.infer<typeof createOccasionBody>;

export const occasionView = z.object({
  id: z.string(), ruleId: z.string(), kind: z.enum(dutyKinds), title: z.string(), gridCode: z.string(), orgPath: z.string(),
  dueAt: z.date(), createdAt: z.date(), createdByName: z.string(),
  closedAt: z.date().nullable(), closedByName: z.string().nullable(),
});
export type OccasionView = z.infer<typeof occasionView>;

export const attendOccasionBody = z.object({ note: text(500).optional() }).strict();

/** One due item of a worker: a household member to visit, an occasion to attend, an event to report. */
export const dutyItem = z.object({
  /** visit:<membershipId> or the occasion id. */
  key: z.string(),
  kind: z.enum(dutyKinds),
  ruleId: z.string(),
  ruleName: z.string(),
  title: z.string(),
  gridCode: z.string(),
  /** visit: the resident to visit. */
  residentId: z.string().nullable(),
  /** attend/report: the occasion. */
  occasionId: z.string().nullable(),
  dueAt: z.date(),
  isOverdue: z.boolean(),
  closedAt: z.date().nullable(),
  /** What closed it: the visit or case id. */
  closedBy: z.string().nullable(),
});
export type DutyItem = z.infer<typeof dutyItem>;

export const dutyItemQuery = z.object({
  /** The worker; default the actor (a staff member names one of their area's workers). */
  workerId: z.uuid().optional(),
  /** Any day of the week wanted; default today. */
  day: isoDate.optional(),
  open: z.coerce.boolean().optional(),
});
export const dutyItemList = z.object({
  weekStart: z.string(), weekEnd: z.string(),
  items: z.array(dutyItem),
  counts: z.object({ due: z.number().int(), overdue: z.number().int(), closed: z.number().int() }),
});
export type DutyItemList = z.infer<typeof dutyItemList>;

// ---------------------------------------------------------------------------- work log (民情日记)

export const photoView = z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number().int() });

/** Saves the worker's entry of a day (one per worker per day; a second save replaces the text). */
export const saveWorkLogBody = z
  .object({
    day: isoDate.optional(),
    gridCode: code.optional(),
    seen: z.string().trim().max(2000).default(''),
    heard: z.string().trim().max(2000).default(''),
    done: z.string().trim().max(2000).default(''),
  })
  .strict()
  .refine((b) => b.seen || b.heard || b.done, { message: '请至少填写一项 / write at least one of seen, heard, done', path: ['seen'] });
export type SaveWorkLogBody = z.infer<typeof saveWorkLogBody>;

export const workLogView = z.object({
  id: z.string(), workerId: z.string(), workerName: z.string(), gridCode: z.string(), gridName: z.string(), orgPath: z.string(),
  day: z.string(), seen: z.string(), heard: z.string(), done: z.string(),
  photos: z.array(photoView),
  /** Cases made from this entry. */
  caseIds: z.array(z.string()),
  updatedAt: z.date(),
});
export type WorkLogView = z.infer<typeof workLogView>;

export const workLogListQuery = z.object({
  under: code.optional(),
  q: z.string().trim().max(50).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  workerId: z.uuid().optional(),
  ...pageQuery,
});
export type WorkLogListQuery = z.infer<typeof workLogListQuery>;
export const workLogPage = pageOf(workLogView);
export const myWorkLog = z.object({ entry: workLogView.nullable() });
export const photoParams = z.object({ id: z.uuid(), photoId: z.uuid() });

/** Turns an entry into a case through the cases' intake. */
export const workLogToCaseBody = z
  .object({
    categoryCode: z.string().min(1).max(40),
    title: text(100).optional(),
    description: text(2000).optional(),
    // The category's extra fields, checked by the cases' intake.
    attributes: z.record(z.string().max(32), z.union([z.string().max(1000), z.array(z.string().max(200)).max(20)])).optional(),
  })
  .strict();
export type WorkLogToCaseBody = z.infer<typeof workLogToCaseBody>;
export const createdCase = z.object({ caseId: z.string(), caseNo: z.string() });

// ---------------------------------------------------------------------------- attendance

export const checkBody = z
  .object({ lng, lat, accuracy: z.number().min(0).max(100_000).optional(), at: z.coerce.date().optional(), gridCode: code.optional() })
  .strict();
export type CheckBody = z.infer<typeof checkBody>;

export const attendanceDayView = z.object({
  id: z.string(), workerId: z.string(), workerName: z.string(), gridCode: z.string(), day: z.string(),
  checkInAt: z.date().nullable(), checkOutAt: z.date().nullable(),
  /** Distance from the grid's boundary at check-in (0 inside). */
  checkInDistanceMeters: z.number().nullable(),
});
export type AttendanceDayView = z.infer<typeof attendanceDayView>;

export const myAttendanceQuery = z.object({ month: isoMonth.optional() });
export const myAttendance = z.object({ month: z.string(), today: attendanceDayView.nullable(), days: z.array(attendanceDayView) });

export const createLeaveBody = z
  .object({
    kind: z.enum(leaveKinds),
    from: isoDate,
    to: isoDate,
    reason: text(500),
    /** swap: the worker who takes the duty. */
    swapWithId: z.uuid().optional(),
  })
  .strict()
  .refine((b) => b.from <= b.to, { message: '结束日期不能早于开始日期 / to must not be before from', path: ['to'] })
  .refine((b) => b.kind !== 'swap' || b.swapWithId, { message: '调班须选择替班人员 / a swap names who takes the duty', path: ['swapWithId'] });
export type CreateLeaveBody = z.infer<typeof createLeaveBody>;

export const leaveView = z.object({
  id: z.string(), kind: z.enum(leaveKinds), workerId: z.string(), workerName: z.string(), gridCode: z.string(), orgPath: z.string(),
  from: z.string(), to: z.string(), reason: z.string(), swapWithId: z.string().nullable(), swapWithName: z.string().nullable(),
  status: z.enum(leaveStatuses), decidedByName: z.string().nullable(), decidedAt: z.date().nullable(), decisionNote: z.string().nullable(),
  createdAt: z.date(), version: z.number().int(),
});
export type LeaveView = z.infer<typeof leaveView>;

export const leaveListQuery = z.object({ under: code.optional(), status: z.enum(leaveStatuses).optional(), mine: z.coerce.boolean().optional(), ...pageQuery });
export const leavePage = pageOf(leaveView);
export const decideLeaveBody = z.object({ approve: z.boolean(), note: z.string().trim().max(500).optional(), version }).strict();

/** The monthly sheet of a community (GET …/attendance/sheet.xlsx?community=&month=). */
export const attendanceSheetQuery = z.object({ community: code, month: isoMonth });

// ---------------------------------------------------------------------------- each worker's record

export const recordQuery = z.object({
  /** A community or street (or higher) code; default the actor's scope. */
  under: code.optional(),
  from: isoDate,
  to: isoDate,
  ...pageQuery,
});
export type RecordQuery = z.infer<typeof recordQuery>;

export const workerRecord = z.object({
  rank: z.number().int(),
  workerId: z.string(),
  workerName: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  communityName: z.string(),
  patrols: z.number().int(),
  distanceMeters: z.number(),
  /** Mean coverage of the period's patrols, 0–1. */
  coverage: z.number(),
  casesReported: z.number().int(),
  /** Reported cases not rejected. */
  casesValid: z.number().int(),
  visitsOnTime: z.number().int(),
  dutyOverdue: z.number().int(),
  attendanceDays: z.number().int(),
  /** The figure the ranking sorts by (see scoreRecord). */
  score: z.number(),
});
export type WorkerRecord = z.infer<typeof workerRecord>;
export const recordPage = pageOf(workerRecord);

// ---------------------------------------------------------------------------- settings

export const gridworkSettings = z.object({
  trackRetentionDays: z.number().int().min(7).max(3650),
  checkInToleranceMeters: z.number().int().min(0).max(5000),
});
export type GridworkSettings = z.infer<typeof gridworkSettings>;
