// Typed calls of the cases module (事件/工单) and of the notifications it sends. JSON calls go
// through the platform client's `request`; uploads (multipart), PUTs and the Excel export use
// its `send`, which raises the same ApiError so screens handle one kind of failure.
import { buildUrl, request, send, sendJson, type Paged } from '../../platform/api-client.ts';

// ---- Vocabulary: the workflow's comes from the server's pure table (no I/O), so the two
// cannot drift apart; the rest mirrors src/modules/cases/schema.ts and sla.ts ----
import { caseActions, caseRatings, caseStates, caseTiers, supervisionLevels } from '../../../../src/modules/cases/workflow.ts';
import type { CaseAction, CaseRating, CaseState, CaseTier, SupervisionLevel } from '../../../../src/modules/cases/workflow.ts';
export { caseActions, caseRatings, caseStates, caseTiers, supervisionLevels };
export type { CaseAction, CaseRating, CaseState, CaseTier, SupervisionLevel };
/** States in which a case still waits for someone. */
export const openCaseStates: readonly CaseState[] = ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'suspended'];

/** Timeline entries besides the workflow's actions: intake and what the clock does. */
export const timelineActions = [...caseActions, 'report', 'warning', 'overdue', 'auto_supervise', 'merged_in'] as const;
export type TimelineAction = (typeof timelineActions)[number];

export const matterClasses = ['government', 'community', 'private'] as const;
export type MatterClass = (typeof matterClasses)[number];
export const caseUrgencies = ['normal', 'urgent', 'critical'] as const;
export type CaseUrgency = (typeof caseUrgencies)[number];
export const caseSources = ['grid_patrol', 'resident', 'hotline', 'open311', 'department', 'staff'] as const;
export type CaseSource = (typeof caseSources)[number];
export const slaStages = ['accept', 'handle', 'verify'] as const;
export type SlaStage = (typeof slaStages)[number];
export type SlaLevel = 'normal' | 'yellow' | 'red';
export type TimeUnit = 'working_days' | 'working_hours';

export function isCaseState(value: string): value is CaseState {
  return (caseStates as readonly string[]).includes(value);
}
export function isCaseAction(value: string): value is CaseAction {
  return (caseActions as readonly string[]).includes(value);
}
export function isTimelineAction(value: string): value is TimelineAction {
  return (timelineActions as readonly string[]).includes(value);
}

// ---- Shapes (mirroring /api/docs/json; dates arrive as ISO strings) ----

export interface WorkingTime {
  unit: TimeUnit;
  amount: number;
}

export interface CaseSla {
  stage: SlaStage | null;
  stageStartedAt: string | null;
  warnAt: string | null;
  redAt: string | null;
  deadlineAt: string | null;
  level: SlaLevel;
  isOverdue: boolean;
  overdueCount: number;
}

export interface CaseListItem {
  id: string;
  number: string;
  title: string;
  state: CaseState;
  tier: CaseTier;
  version: number;
  categoryCode: string;
  categoryName: string;
  classCode: string;
  className: string;
  matterClass: MatterClass;
  urgency: CaseUrgency;
  source: CaseSource;
  address: string;
  lng: number | null;
  lat: number | null;
  gridCode: string | null;
  communityCode: string | null;
  communityName: string | null;
  streetCode: string | null;
  streetName: string | null;
  dispatcherUnit: string | null;
  handlingUnit: string | null;
  handlingUnitName: string | null;
  supervisionLevel: SupervisionLevel | null;
  rating: CaseRating | null;
  sla: CaseSla;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface TimelineEntry {
  version: number;
  action: string;
  fromState: string | null;
  toState: string;
  fromTier: string | null;
  toTier: string;
  actorName: string;
  actorRole: string;
  actorUnit: string | null;
  actorUnitName: string | null;
  at: string;
  reason: string | null;
  text: string | null;
  photos: string[];
  targetUnit: string | null;
  targetUnitName: string | null;
  coUnits: string[];
  rating: string | null;
  extension: WorkingTime | null;
  supervisionLevel: string | null;
  parentCaseId: string | null;
  details: Record<string, unknown>;
}

export interface CaseAttachment {
  id: string;
  mime: string;
  size: number;
  originalName: string;
  hasThumbnail: boolean;
  createdAt: string;
}

export interface CaseRef {
  id: string;
  number: string;
  title: string;
}

export interface CaseDetail extends CaseListItem {
  description: string;
  districtCode: string | null;
  gridName: string | null;
  dispatcherUnitName: string | null;
  coUnits: { code: string; name: string }[];
  reporter: { name: string | null; phone: string | null; userId: string | null } | null;
  reporterHidden: boolean;
  reporterShared: boolean;
  residentIds: string[];
  houseIds: string[];
  peopleInvolved: number | null;
  amountInvolved: number | null;
  attributes: Record<string, string | string[]>;
  mediaUrl: string | null;
  isPublic: boolean;
  reopenCount: number;
  reworkCount: number;
  extensionCount: number;
  pendingExtension: WorkingTime | null;
  resolved: boolean | null;
  parent: CaseRef | null;
  mergedCases: (CaseRef & { createdAt: string })[];
  attachments: CaseAttachment[];
  timeline: TimelineEntry[];
  availableActions: CaseAction[];
}

export interface DuplicateCase {
  id: string;
  number: string;
  title: string;
  state: CaseState;
  address: string;
  createdAt: string;
  /** Metres from the new case's point. */
  distance: number;
}

export interface CategoryAttribute {
  code: string;
  description: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  order: number;
  values?: { key: string; name: string }[];
}

export interface CaseCategory {
  code: string;
  parentCode: string | null;
  name: string;
  namePinyin: string;
  nameInitials: string;
  description: string;
  keywords: string;
  defaultMatterClass: MatterClass;
  attributes: CategoryAttribute[];
  sort: number;
  active: boolean;
  /** Subclasses, on a class of the tree. */
  children?: CaseCategory[];
  /** The class's name, on a search result. */
  className?: string;
}

export interface CaseListQuery {
  state?: string;
  categoryCode?: string;
  classCode?: string;
  matterClass?: MatterClass;
  source?: CaseSource;
  tier?: CaseTier;
  urgency?: CaseUrgency;
  under?: string;
  handlingUnit?: string;
  overdue?: boolean;
  slaLevel?: SlaLevel;
  supervised?: boolean;
  from?: string;
  to?: string;
  q?: string;
  todo?: boolean;
  mine?: boolean;
  sort?: 'created_desc' | 'deadline_asc' | 'updated_desc';
}

/** A page of the case list: the filters and which page. */
export type CasePageQuery = CaseListQuery & { page: number; pageSize: number };

export interface CreateCaseInput {
  title: string;
  description: string;
  categoryCode: string;
  matterClass?: MatterClass;
  urgency?: CaseUrgency;
  source?: CaseSource;
  lng?: number;
  lat?: number;
  address?: string;
  orgCode?: string;
  reporter?: { name?: string; phone?: string };
  peopleInvolved?: number;
  amountInvolved?: number;
  attachmentIds?: string[];
  attributes?: Record<string, string | string[]>;
  isPublic?: boolean;
  acceptNow?: boolean;
}

export interface ActionInput {
  action: CaseAction;
  /** The version the user saw: a newer one on the server answers VERSION_CONFLICT. */
  version?: number;
  reason?: string;
  text?: string;
  photos?: string[];
  targetUnitId?: string;
  coUnitIds?: string[];
  rating?: CaseRating;
  extension?: WorkingTime;
  supervisionLevel?: SupervisionLevel;
  parentCaseId?: string;
  shareReporterContact?: boolean;
  resolved?: boolean;
}

export interface UnitRef {
  code: string;
  name: string;
}

export interface DispatchProposal {
  matterClass: MatterClass;
  basis: 'matrix' | 'matter_class' | 'none';
  unit: UnitRef | null;
  coUnits: UnitRef[];
  ruleId: string | null;
  ruleNode: string | null;
}

export interface UploadedAttachment {
  id: string;
  mime: string;
  size: number;
  hasThumbnail: boolean;
}

export interface CallerHistory {
  phone: string;
  callerName: string | null;
  cases: CaseListItem[];
}

export interface TimeLimit {
  id: string;
  categoryCode: string | null;
  stage: SlaStage;
  unit: TimeUnit;
  amount: number;
  yellowAt: number;
  redAt: number;
  updatedAt: string;
}

export interface CalendarYear {
  year: number;
  holidays: string[];
  workdays: string[];
  provisional: boolean;
  source: string;
  edited: boolean;
}

export interface CaseSettings {
  maxReopens: number;
  maxExtensions: number;
  reopenOnUnsatisfied: boolean;
  duplicateRadiusMetres: number;
  duplicateDays: number;
  workingHours: [string, string][];
  autoSupervise: boolean;
  redSupervisionAfterWorkingDays: number;
  numberPrefixes: Record<string, string>;
}

export interface RoutingRule {
  id: string;
  nodeCode: string;
  nodePath: string;
  categoryCode: string | null;
  unitCode: string;
  coUnitCodes: string[];
  note: string;
  createdAt: string;
}

export interface IndicatorMetrics {
  reported: number;
  accepted: number;
  registered: number;
  dispatched: number;
  closed: number;
  onTimeClosureRate: number | null;
  reworkRate: number | null;
  extensionRate: number | null;
  overdueCount: number;
  averageHandlingHours: number | null;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  satisfactionRate: number | null;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfiedRate: number | null;
}

export interface IndicatorReport {
  under: { code: string; name: string; level: string };
  groupBy: 'children' | 'departments';
  from: string;
  to: string;
  units: (IndicatorMetrics & { code: string; name: string; level: string })[];
  total: IndicatorMetrics;
}

export interface TrackedCase {
  number: string;
  title: string;
  state: CaseState;
  categoryName: string;
  address: string;
  createdAt: string;
  handlingUnitName: string | null;
  expectedAt: string | null;
  rating: CaseRating | null;
  canRate: boolean;
  steps: { action: string; at: string; unitName: string | null; targetUnitName: string | null; text: string | null; photos: number }[];
}

/** A person of the registry found by phone (hotline intake), as much as the intake form uses. */
export interface RegisteredCaller {
  id: string;
  name: string;
  phone: string | null;
  address: string | null;
  gridCode: string;
  orgPath: string;
}

export interface AppNotification {
  id: number;
  kind: string;
  title: string;
  body: string;
  subjectType: string | null;
  subjectId: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const id = (value: string) => encodeURIComponent(value);

// ---- Endpoints ----

export const casesApi = {
  list: (query: CasePageQuery, signal?: AbortSignal) =>
    request<Paged<CaseListItem>>('GET', '/api/cases', { query: { ...query }, signal }),
  get: (caseId: string, signal?: AbortSignal) => request<CaseDetail>('GET', `/api/cases/${id(caseId)}`, { signal }),
  create: (input: CreateCaseInput) => request<{ case: CaseListItem; duplicates: DuplicateCase[] }>('POST', '/api/cases', { body: input }),
  act: (caseId: string, input: ActionInput) => request<CaseDetail>('POST', `/api/cases/${id(caseId)}/actions`, { body: input }),
  dispatchProposal: (caseId: string, signal?: AbortSignal) =>
    request<DispatchProposal>('GET', `/api/cases/${id(caseId)}/dispatch-proposal`, { signal }),
  duplicates: (query: { categoryCode: string; lng: number; lat: number }, signal?: AbortSignal) =>
    request<DuplicateCase[]>('GET', '/api/cases/duplicates', { query, signal }),
  callerHistory: (phone: string, signal?: AbortSignal) => request<CallerHistory>('GET', '/api/cases/hotline/caller', { query: { phone }, signal }),
  /** Residents of the registry with this phone (the body keeps the number out of URLs and logs). */
  registeredCallers: (phone: string, signal?: AbortSignal) =>
    request<Paged<RegisteredCaller>>('POST', '/api/registry/residents/search', { body: { phone, page: 1, pageSize: 5 }, signal }),

  /** Uploads a photo or document; attach its id when reporting or acting. */
  upload: (file: File, caseId?: string) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return sendJson<UploadedAttachment>('POST', buildUrl('/api/cases/attachments', { caseId }), form);
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
  saveCategory: (code: string, input: { parentCode: string | null; name: string; defaultMatterClass: MatterClass; description?: string; keywords?: string; attributes?: CategoryAttribute[]; sort?: number; active?: boolean }) =>
    sendJson<CaseCategory>('PUT', `/api/cases/categories/${id(code)}`, input),

  timeLimits: (signal?: AbortSignal) => request<TimeLimit[]>('GET', '/api/cases/time-limits', { signal }),
  saveTimeLimit: (input: { categoryCode: string | null; stage: SlaStage; limit: WorkingTime; yellowAt: number; redAt: number }) =>
    sendJson<TimeLimit>('PUT', '/api/cases/time-limits', input),
  deleteTimeLimit: (limitId: string) => request<null>('DELETE', `/api/cases/time-limits/${id(limitId)}`),

  calendar: (signal?: AbortSignal) => request<CalendarYear[]>('GET', '/api/cases/calendar', { signal }),
  saveCalendarYear: (year: number, input: { holidays: string[]; workdays: string[]; provisional?: boolean; source: string }) =>
    sendJson<CalendarYear>('PUT', `/api/cases/calendar/${year}`, input),
  resetCalendarYear: (year: number) => request<null>('DELETE', `/api/cases/calendar/${year}`),

  settings: (signal?: AbortSignal) => request<CaseSettings>('GET', '/api/cases/settings', { signal }),
  updateSettings: (changes: Partial<CaseSettings>) => request<CaseSettings>('PATCH', '/api/cases/settings', { body: changes }),

  routingRules: (node?: string, signal?: AbortSignal) => request<RoutingRule[]>('GET', '/api/cases/routing-rules', { query: { node }, signal }),
  saveRoutingRule: (input: { nodeCode: string; categoryCode: string | null; unitCode: string; coUnitCodes?: string[]; note?: string }) =>
    sendJson<RoutingRule>('PUT', '/api/cases/routing-rules', input),
  deleteRoutingRule: (ruleId: string) => request<null>('DELETE', `/api/cases/routing-rules/${id(ruleId)}`),

  indicators: (query: { under?: string; groupBy: 'children' | 'departments'; from?: string; to?: string }, signal?: AbortSignal) =>
    request<IndicatorReport>('GET', '/api/cases/indicators', { query, signal }),

  track: (number: string, phone: string) =>
    request<TrackedCase>('POST', '/api/public/cases/track', { body: { number, phone }, quiet: true }),
  rateTracked: (input: { number: string; phone: string; rating: CaseRating; text?: string; resolved?: boolean }) =>
    request<TrackedCase>('POST', '/api/public/cases/rate', { body: input, quiet: true }),

  notifications: (query: { unread?: boolean; limit?: number } = {}, signal?: AbortSignal) =>
    request<{ items: AppNotification[]; unread: number }>('GET', '/api/notifications', {
      query: { unread: query.unread ? 'true' : undefined, limit: query.limit },
      signal,
      quiet: true,
    }),
  markRead: (ids?: number[]) => request<{ updated: number }>('POST', '/api/notifications/read', { body: ids ? { ids } : {} }),
  notificationStreamUrl: '/api/notifications/stream',
};
