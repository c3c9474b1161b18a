// Typed calls of the cases module (事件/工单) and of the notifications it sends. JSON calls go
// through the platform client's `request`; uploads (multipart), PUTs and the Excel export use
// its `send`, which raises the same ApiError so screens handle one kind of failure.
import { buildUrl, request, send, sendJson, type Paged } from '../../platform/api-client.ts';
import type { z } from 'zod';
import type { Json } from '../../platform/json.ts';
import { submitWrite } from '../../platform/offline/outbox.ts';
import type * as contract from '#server/modules/cases/contract.ts';
import type { MarkReadResult, NotificationList, NotificationView } from '#server/modules/notifications/contract.ts';
import type { ResidentView } from '#server/modules/registry/contract.ts';

// ---- Shapes: the server's contract as it arrives over JSON (dates as ISO strings) ----

export type CaseSla = Json<contract.CaseSla>;
export type CaseListItem = Json<contract.CaseListItem>;
export type CaseDetail = Json<contract.CaseDetail>;
export type TimelineEntry = Json<contract.CaseTimelineView>;
export type CaseAttachment = CaseDetail['attachments'][number];
export type DuplicateCase = Json<contract.CaseDuplicate>;
export type DispatchProposal = Json<contract.DispatchProposal>;
export type CaseCategory = Json<contract.CategoryListItem>;
export type TimeLimit = Json<contract.TimeLimit>;
export type CalendarYear = Json<contract.CalendarYear>;
export type CalendarDay = Json<contract.CalendarDay>;
export type RoutingRule = Json<contract.RoutingRule>;
export type IndicatorReport = Json<contract.CaseIndicatorsView>;
export type TrackedCase = Json<contract.TrackedCase>;
export type AppNotification = Json<NotificationView>;
/** An org unit named in a proposal or a form: its code and name. */
export type UnitRef = NonNullable<DispatchProposal['unit']>;
/** A person of the registry found by phone (hotline intake). */
export type RegisteredCaller = Json<ResidentView>;

/** A query string as the client builds it: flags as booleans, dates as ISO strings. */
type QueryOf<T> = {
  [K in keyof T]?: NonNullable<T[K]> extends 'true' | 'false' ? boolean : NonNullable<T[K]> extends Date ? string : T[K];
};
export type CaseListQuery = QueryOf<contract.CaseListQueryString>;
/** A page of the case list: the filters and which page. */
export type CasePageQuery = CaseListQuery & { page: number; pageSize: number };
type IndicatorsQuery = QueryOf<z.output<typeof contract.indicatorsQuery>>;

const id = (value: string) => encodeURIComponent(value);

// ---- Endpoints ----

export const casesApi = {
  list: (query: CasePageQuery, signal?: AbortSignal) =>
    request<Json<contract.CasePage>>('GET', '/api/cases', { query: { ...query }, signal }),
  get: (caseId: string, signal?: AbortSignal) => request<CaseDetail>('GET', `/api/cases/${id(caseId)}`, { signal }),
  /** How many cases the filters keep (up to 10,000; capped: more), for tab counts: the list itself counts nothing. */
  count: (query: CaseListQuery, signal?: AbortSignal) => request<contract.CaseCount>('GET', '/api/cases/count', { query: { ...query }, signal }),
  /** My to-do board's counts in one answer. */
  todoCounts: (signal?: AbortSignal) => request<contract.TodoCounts>('GET', '/api/cases/todo-counts', { signal }),
  /** The states my to-do board groups its cases by (the server's to-do rules for my permissions). */
  todoStates: (signal?: AbortSignal) => request<contract.TodoStates>('GET', '/api/cases/todo-states', { signal }),
  create: (input: contract.CreateCaseBody) => request<Json<z.infer<typeof contract.createCaseResponse>>>('POST', '/api/cases', { body: input }),
  /** A report from /m through the phone's outbox (Idempotency-Key): sent now, or kept with its photos until there is signal. */
  reportQueued: (input: contract.CreateCaseBody, photos: File[]) =>
    submitWrite<Json<z.infer<typeof contract.createCaseResponse>>>({
      kind: 'case.report',
      label: input.title,
      url: '/api/cases',
      body: { ...input },
      photos: photos.map((photo) => ({ blob: photo, name: photo.name })),
      photoUpload: { url: '/api/cases/attachments', field: 'attachmentIds' },
    }),
  /** The body is the action's member of the contract, or (built from allowedActions' inputs) its flat form. */
  act: (caseId: string, input: contract.CaseActionRequest | contract.CaseActionBody) => request<CaseDetail>('POST', `/api/cases/${id(caseId)}/actions`, { body: input }),
  dispatchProposal: (caseId: string, signal?: AbortSignal) =>
    request<DispatchProposal>('GET', `/api/cases/${id(caseId)}/dispatch-proposal`, { signal }),
  duplicates: (query: z.output<typeof contract.duplicatesQuery>, signal?: AbortSignal) =>
    request<DuplicateCase[]>('GET', '/api/cases/duplicates', { query, signal }),
  /** A caller's earlier cases (the body keeps the number out of URLs and logs; rate-limited and audited by the server). */
  callerHistory: (phone: string, signal?: AbortSignal) => request<Json<contract.CallerHistory>>('POST', '/api/cases/hotline/caller', { body: { phone }, signal }),
  /** The reporter's name and phone in clear, with a reason the server audits. */
  revealReporter: (caseId: string, reason: string) => request<contract.ReporterView>('POST', `/api/cases/${id(caseId)}/reporter/reveal`, { body: { reason } }),
  /** Residents of the registry with this phone (the body keeps the number out of URLs and logs). */
  registeredCallers: (phone: string, signal?: AbortSignal) =>
    request<Paged<RegisteredCaller>>('POST', '/api/registry/residents/search', { body: { phone, page: 1, pageSize: 5 }, signal }),

  /** Uploads a photo or document; attach its id when reporting or acting. */
  upload: (file: File, caseId?: string) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return sendJson<contract.AttachmentUploaded>('POST', buildUrl('/api/cases/attachments', { caseId }), form);
  },
  attachmentUrl: (attachmentId: string, thumbnail = false) => buildUrl(`/api/cases/attachments/${id(attachmentId)}`, { thumb: thumbnail ? 1 : undefined }),
  /** The filtered list as an .xlsx file (a failure such as CASE_EXPORT_TOO_LARGE arrives as ApiError). */
  exportXlsx: async (query: CaseListQuery) => {
    const response = await send('GET', buildUrl('/api/cases/export.xlsx', { ...query }));
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'cases.xlsx';
    return { blob: await response.blob(), name };
  },

  categories: (options: { all?: boolean } = {}, signal?: AbortSignal) =>
    request<CaseCategory[]>('GET', '/api/cases/categories', { query: { all: options.all ? 'true' : undefined }, signal }),
  searchCategories: (q: string, signal?: AbortSignal) => request<CaseCategory[]>('GET', '/api/cases/categories', { query: { q }, signal }),
  saveCategory: (code: string, input: contract.CategoryBody) =>
    sendJson<Json<contract.Category>>('PUT', `/api/cases/categories/${id(code)}`, input),

  timeLimits: (signal?: AbortSignal) => request<TimeLimit[]>('GET', '/api/cases/time-limits', { signal }),
  saveTimeLimit: (input: contract.TimeLimitBody) =>
    sendJson<TimeLimit>('PUT', '/api/cases/time-limits', input),
  deleteTimeLimit: (limitId: string) => request<null>('DELETE', `/api/cases/time-limits/${id(limitId)}`),

  calendar: (signal?: AbortSignal) => request<CalendarYear[]>('GET', '/api/cases/calendar', { signal }),
  calendarDays: (year: number, signal?: AbortSignal) => request<CalendarDay[]>('GET', `/api/cases/calendar/${year}/days`, { signal }),
  saveCalendarYear: (year: number, input: contract.CalendarYearBody) =>
    sendJson<Json<contract.SavedCalendarYear>>('PUT', `/api/cases/calendar/${year}`, input),
  resetCalendarYear: (year: number) => request<null>('DELETE', `/api/cases/calendar/${year}`),

  settings: (signal?: AbortSignal) => request<contract.CaseSettings>('GET', '/api/cases/settings', { signal }),
  updateSettings: (changes: Partial<contract.CaseSettings>) => request<contract.CaseSettings>('PATCH', '/api/cases/settings', { body: changes }),

  routingRules: (node?: string, signal?: AbortSignal) => request<RoutingRule[]>('GET', '/api/cases/routing-rules', { query: { node }, signal }),
  saveRoutingRule: (input: contract.RoutingRuleBody) =>
    sendJson<RoutingRule>('PUT', '/api/cases/routing-rules', input),
  deleteRoutingRule: (ruleId: string) => request<null>('DELETE', `/api/cases/routing-rules/${id(ruleId)}`),

  indicators: (query: IndicatorsQuery, signal?: AbortSignal) =>
    request<IndicatorReport>('GET', '/api/cases/indicators', { query, signal }),

  track: (number: string, phone: string) =>
    request<TrackedCase>('POST', '/api/public/cases/track', { body: { number, phone }, quiet: true }),
  rateTracked: (input: contract.RateTrackedBody) =>
    request<TrackedCase>('POST', '/api/public/cases/rate', { body: input, quiet: true }),

  notifications: (query: { unread?: boolean; limit?: number } = {}, signal?: AbortSignal) =>
    request<Json<NotificationList>>('GET', '/api/notifications', {
      query: { unread: query.unread ? 'true' : undefined, limit: query.limit },
      signal,
      quiet: true,
    }),
  markRead: (ids?: number[]) => request<MarkReadResult>('POST', '/api/notifications/read', { body: ids ? { ids } : {} }),
  notificationStreamUrl: '/api/notifications/stream',
};
