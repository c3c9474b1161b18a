// Typed calls of the gridwork module (the grid worker's day), in its contract's shapes. Writes
// a phone may make without signal go through the outbox (platform/offline) with an
// Idempotency-Key; the rest are plain calls.
import { buildUrl, request, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';
import { submitWrite, type OutboxResult } from '../../platform/offline/outbox.ts';
import type * as contract from '#server/modules/gridwork/contract.ts';
import type { z } from 'zod';

export type Patrol = Json<contract.PatrolView>;
export type PatrolDetail = Json<contract.PatrolDetail>;
export type DutyItem = Json<contract.DutyItem>;
export type DutyItems = Json<contract.DutyItemList>;
export type DutyRule = Json<contract.DutyRuleView>;
export type WorkLog = Json<contract.WorkLogView>;
export type AttendanceDay = Json<contract.AttendanceDayView>;
export type MyAttendance = Json<z.infer<typeof contract.myAttendance>>;
export type Leave = Json<contract.LeaveView>;
export type Occasion = Json<contract.OccasionView>;
/** A pick-list entry of another module's vocabulary (case categories, key-group kinds). */
export type CodeName = { code: string; name: string; children?: CodeName[] };
/** A person on a grid's roster (the org module's shape); userId is set when they have an account. */
export type RosterMember = { id: string; gridCode: string; name: string; userId: string | null };
export type WorkerRecord = Json<contract.WorkerRecord>;
export type TrackPointInput = { lng: number; lat: number; accuracy: number | null; recordedAt: string };
export type PatrolQuery = Partial<Omit<contract.PatrolListQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number };
export type WorkLogQuery = Partial<Omit<contract.WorkLogListQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number };
export type RecordQuery = Omit<contract.RecordQuery, 'page' | 'pageSize'> & { page: number; pageSize: number };
type LeaveQuery = Partial<Omit<z.infer<typeof contract.leaveListQuery>, 'page' | 'pageSize'>> & { page: number; pageSize: number };

const base = '/api/gridwork';
const id = (value: string) => encodeURIComponent(value);

export const gridworkApi = {
  // ---- patrols ----
  currentPatrol: (signal?: AbortSignal) => request<{ patrol: Patrol | null }>('GET', `${base}/patrols/current`, { signal }),
  patrols: (query: PatrolQuery, signal?: AbortSignal) => request<Paged<Patrol>>('GET', `${base}/patrols`, { query: { ...query }, signal }),
  patrol: (patrolId: string, signal?: AbortSignal) => request<PatrolDetail>('GET', `${base}/patrols/${id(patrolId)}`, { signal }),
  /** Queued: a patrol started without signal is sent, with its points after it, when the signal returns. */
  startPatrol: (body: { gridCode?: string; startedAt: string }, key: string) =>
    submitWrite<Patrol>({ kind: 'gridwork.patrolStart', label: body.startedAt, url: `${base}/patrols`, body, key }),
  /** Points of a patrol known by id, or by the key of its queued start. */
  appendPoints: (patrol: { id: string } | { startKey: string }, points: TrackPointInput[]) =>
    submitWrite<Json<contract.AppendPointsResult>>({
      kind: 'gridwork.points',
      label: String(points.length),
      url: 'id' in patrol ? `${base}/patrols/${id(patrol.id)}/points` : `${base}/patrols/{ref}/points`,
      ref: 'startKey' in patrol ? patrol.startKey : undefined,
      body: { points },
    }),
  endPatrol: (patrol: { id: string } | { startKey: string }, endedAt: string) =>
    submitWrite<Patrol>({
      kind: 'gridwork.patrolEnd',
      label: endedAt,
      url: 'id' in patrol ? `${base}/patrols/${id(patrol.id)}/end` : `${base}/patrols/{ref}/end`,
      ref: 'startKey' in patrol ? patrol.startKey : undefined,
      body: { endedAt },
    }),

  // ---- duty lists ----
  dutyItems: (query: { workerId?: string; day?: string; open?: boolean }, signal?: AbortSignal) =>
    request<DutyItems>('GET', `${base}/duty-items`, { query: { ...query }, signal }),
  dutyRules: (query: { district?: string; kind?: contract.DutyKind }, signal?: AbortSignal) =>
    request<{ items: DutyRule[] }>('GET', `${base}/duty-rules`, { query: { ...query }, signal }),
  createDutyRule: (body: z.input<typeof contract.createDutyRuleBody>) => request<DutyRule>('POST', `${base}/duty-rules`, { body }),
  createOccasion: (body: z.input<typeof contract.createOccasionBody>) => request<{ items: Occasion[] }>('POST', `${base}/occasions`, { body }),
  attendOccasion: (occasionId: string, body: z.input<typeof contract.attendOccasionBody>) =>
    request<Occasion>('POST', `${base}/occasions/${id(occasionId)}/attend`, { body }),
  /** The vocabularies a rule names: case categories (report) and key-group kinds (visit). */
  caseCategories: (signal?: AbortSignal) => request<CodeName[]>('GET', '/api/cases/categories', { signal }),
  keyGroupKinds: (signal?: AbortSignal) => request<CodeName[]>('GET', '/api/registry/key-group-kinds', { signal }),
  updateDutyRule: (ruleId: string, body: z.input<typeof contract.updateDutyRuleBody>) => request<DutyRule>('PATCH', `${base}/duty-rules/${id(ruleId)}`, { body }),

  // ---- work log ----
  myLog: (day: string | undefined, signal?: AbortSignal) => request<{ entry: WorkLog | null }>('GET', `${base}/logs/mine`, { query: { day }, signal }),
  logs: (query: WorkLogQuery, signal?: AbortSignal) => request<Paged<WorkLog>>('GET', `${base}/logs`, { query: { ...query }, signal }),
  /** Queued: the day's entry, then each new photo uploaded onto it. */
  saveLog: async (body: z.input<typeof contract.saveWorkLogBody>, photos: File[]): Promise<OutboxResult<WorkLog>> => {
    const saved = await submitWrite<WorkLog>({ kind: 'gridwork.log', label: body.day ?? '', method: 'PUT', url: `${base}/logs`, body });
    let last: OutboxResult<WorkLog> = saved;
    for (const photo of photos) {
      last = await submitWrite<WorkLog>({
        kind: 'gridwork.logPhoto',
        label: photo.name,
        url: saved.sent ? `${base}/logs/${id(saved.answer.id)}/photos` : `${base}/logs/{ref}/photos`,
        ref: saved.sent ? undefined : saved.key,
        body: {},
        file: { blob: photo, name: photo.name },
      });
    }
    return last;
  },
  logPhotoUrl: (logId: string, photoId: string, thumbnail = false) => buildUrl(`${base}/logs/${id(logId)}/photos/${id(photoId)}`, { thumb: thumbnail ? 1 : undefined }),
  logToCase: (logId: string, body: z.input<typeof contract.workLogToCaseBody>) =>
    request<z.infer<typeof contract.createdCase>>('POST', `${base}/logs/${id(logId)}/case`, { body }),

  // ---- attendance ----
  myAttendance: (month: string | undefined, signal?: AbortSignal) => request<MyAttendance>('GET', `${base}/attendance/mine`, { query: { month }, signal }),
  /** Queued: the time of the check is the time the worker pressed the button. */
  check: (which: 'in' | 'out', body: Omit<contract.CheckBody, 'at'> & { at: string }) =>
    submitWrite<AttendanceDay>({ kind: which === 'in' ? 'gridwork.checkIn' : 'gridwork.checkOut', label: body.at, url: `${base}/attendance/check-${which}`, body }),
  attendanceSheetUrl: (community: string, month: string) => buildUrl(`${base}/attendance/sheet.xlsx`, { community, month }),
  leaves: (query: LeaveQuery, signal?: AbortSignal) => request<Paged<Leave>>('GET', `${base}/leaves`, { query: { ...query }, signal }),
  createLeave: (body: z.input<typeof contract.createLeaveBody>) => request<Leave>('POST', `${base}/leaves`, { body }),
  /** The roster of a grid (the org module's endpoint): whom a worker may swap duty with. */
  gridRoster: (gridCode: string, signal?: AbortSignal) => request<RosterMember[]>('GET', `/api/org/grids/${id(gridCode)}/staff`, { signal }),
  decideLeave: (leaveId: string, body: z.input<typeof contract.decideLeaveBody>) => request<Leave>('POST', `${base}/leaves/${id(leaveId)}/decide`, { body }),

  // ---- records ----
  records: (query: RecordQuery, signal?: AbortSignal) => request<Paged<WorkerRecord>>('GET', `${base}/records`, { query: { ...query }, signal }),
  recordsXlsxUrl: (query: Omit<RecordQuery, 'page' | 'pageSize'>) => buildUrl(`${base}/records.xlsx`, { ...query }),
};
