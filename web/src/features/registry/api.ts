// Typed calls of the registry (一户一档): buildings → houses → households → residents, key
// groups and visits, import and export, in the registry contract's shapes.
import type {
  BuildingDetail,
  BuildingListQuery,
  BuildingRow,
  BuildingView,
  HouseDetail as HouseDetailView,
  HouseholdFile as HouseholdFileView,
  HouseholdView,
  HouseListQuery,
  HouseRow,
  HouseView,
  ImportErrorView,
  ImportView,
  KeyGroupMember as KeyGroupMemberView,
  KindView,
  LookupResult,
  MemberFilter,
  MembershipView,
  MyGrid,
  RecordVisitBody,
  ResidentFile as ResidentFileView,
  ResidentFilter,
  ResidentView,
  VisitListQuery,
  VisitRow as VisitRowView,
  VisitView,
} from '#server/modules/registry/contract.ts';
import { ApiError, buildUrl, parseError, request, type Paged } from '../../platform/api-client.ts';
import { submitWrite } from '../../platform/offline/outbox.ts';
import { getLocale, translate } from '../../platform/i18n/locale.ts';
import type { Json } from '../../platform/json.ts';

// ---- Vocabulary (the codes the API uses, in the order the UI lists them) ----

export {
  buildingUses,
  builtInKindCodes as builtInKeyGroups,
  educations,
  genders,
  houseTenures,
  importStatuses,
  ledgerFields,
  politicalStatuses,
  relations,
  requiredLedgerFields,
  residenceTypes,
  residentStatuses,
  residentStatusFilters,
  visitMethods,
} from '#server/modules/registry/contract.ts';
export type {
  BuildingRow,
  BuildingUse,
  BuiltInKindCode as BuiltInKeyGroup,
  Education,
  Gender,
  HouseRow,
  HouseTenure,
  ImportStatus,
  KeyGroupTag,
  LedgerField,
  MyGrid,
  PoliticalStatus,
  Relation,
  ResidenceType,
  ResidentStatus,
  ResidentVisit,
  VisitMethod,
} from '#server/modules/registry/contract.ts';

// ---- Shapes: the contract's, with dates as strings ----

export type Resident = Json<ResidentView>;
export type Building = BuildingView;
export type BuildingHouse = BuildingDetail['houses'][number];
export type House = HouseView;
export type Household = HouseholdView;
export type HouseDetail = Json<HouseDetailView>;
export type HouseholdFile = Json<HouseholdFileView>;
export type Membership = MembershipView;
export type ResidentFile = Json<ResidentFileView>;
export type KeyGroupKind = KindView;
export type KeyGroupMember = Json<KeyGroupMemberView>;
export type Visit = VisitView;
export type VisitRow = Json<VisitRowView>;
export type ImportJob = Json<ImportView>;
export type ImportError = ImportErrorView;
type PageOf<Q> = Omit<Q, 'page' | 'pageSize'> & { page: number; pageSize: number };

/** ?reveal=true&reason=…: identifiers in clear for holders of registry.reveal; the server audits it. */
export type Reveal = string | null;

function revealQuery(reason: Reveal) {
  return reason ? { reveal: true, reason } : {};
}

/** A resident search's filters (paging apart). */
export type ResidentQuery = ResidentFilter;
/** A key-group member search's filters (paging apart). */
export type MemberQuery = MemberFilter;

const id = (value: string) => encodeURIComponent(value);

// ---- Endpoints ----

export const registryApi = {
  buildings: (query: PageOf<BuildingListQuery>, signal?: AbortSignal) =>
    request<Paged<BuildingRow>>('GET', '/api/registry/buildings', { query, signal }),
  buildingsExportUrl: (query: Omit<BuildingListQuery, 'page' | 'pageSize'>) => buildUrl('/api/registry/buildings/export', query),
  building: (buildingId: string, signal?: AbortSignal) => request<BuildingDetail>('GET', `/api/registry/buildings/${id(buildingId)}`, { signal }),

  houses: (query: PageOf<HouseListQuery>, signal?: AbortSignal) =>
    request<Paged<HouseRow>>('GET', '/api/registry/houses', { query, signal }),
  house: (houseId: string, reveal: Reveal, signal?: AbortSignal) =>
    request<HouseDetail>('GET', `/api/registry/houses/${id(houseId)}`, { query: revealQuery(reveal), signal }),

  household: (householdId: string, reveal: Reveal, signal?: AbortSignal) =>
    request<HouseholdFile>('GET', `/api/registry/households/${id(householdId)}`, { query: revealQuery(reveal), signal }),
  /** The printable household file (户档), an HTML page the server renders and audits. */
  householdPrintUrl: (householdId: string, reveal: Reveal) => buildUrl(`/api/registry/households/${id(householdId)}/file`, revealQuery(reveal)),

  /** The search takes its filters in a body: the box may hold an ID or phone number, which must stay out of URLs (the server refuses them there). */
  residents: (query: PageOf<ResidentQuery>, signal?: AbortSignal) =>
    request<Paged<Resident>>('POST', '/api/registry/residents/search', { body: { ...query }, signal }),
  residentsExportUrl: (query: ResidentQuery) => buildUrl('/api/registry/residents/export', { ...query }),
  resident: (residentId: string, reveal: Reveal, signal?: AbortSignal) =>
    request<ResidentFile>('GET', `/api/registry/residents/${id(residentId)}`, { query: revealQuery(reveal), signal }),

  keyGroupKinds: (signal?: AbortSignal) => request<KeyGroupKind[]>('GET', '/api/registry/key-group-kinds', { signal }),
  keyGroupMembers: (query: PageOf<MemberQuery>, signal?: AbortSignal) =>
    request<Paged<KeyGroupMember>>('GET', '/api/registry/key-groups', { query: { ...query }, signal }),
  keyGroupExportUrl: (query: MemberQuery) => buildUrl('/api/registry/key-groups/export', { ...query }),

  visits: (query: PageOf<VisitListQuery>, signal?: AbortSignal) =>
    request<Paged<VisitRow>>('GET', '/api/registry/visits', { query, signal }),
  recordVisit: (input: RecordVisitBody) =>
    request<Visit>('POST', '/api/registry/visits', { body: input }),
  /** A visit through the phone's outbox (Idempotency-Key): sent now, or kept until there is signal. */
  recordVisitQueued: (input: RecordVisitBody, label: string) =>
    submitWrite<Visit>({ kind: 'registry.visit', label, url: '/api/registry/visits', body: { ...input } }),

  myGrid: (signal?: AbortSignal) => request<MyGrid>('GET', '/api/registry/my-grid', { signal }),
  lookup: (q: string, signal?: AbortSignal) =>
    request<Json<LookupResult>>('POST', '/api/registry/my-grid/lookup', { body: { q }, signal }),

  importTemplateUrl: () => '/api/registry/imports/template',
  imports: (query: { page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<ImportJob>>('GET', '/api/registry/imports', { query, signal }),
  importJob: (jobId: string, signal?: AbortSignal) => request<ImportJob>('GET', `/api/registry/imports/${id(jobId)}`, { signal }),
  importErrors: (jobId: string, query: { page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<ImportError>>('GET', `/api/registry/imports/${id(jobId)}/errors`, { query, signal }),
  importReportUrl: (jobId: string) => `/api/registry/imports/${id(jobId)}/report`,
  commitImport: (jobId: string, onlyValid: boolean) =>
    request<ImportJob>('POST', `/api/registry/imports/${id(jobId)}/commit`, { body: { onlyValid } }),
  discardImport: (jobId: string) => request<null>('DELETE', `/api/registry/imports/${id(jobId)}`),
  undoImport: (jobId: string) => request<ImportJob>('POST', `/api/registry/imports/${id(jobId)}/undo`),
  uploadLedger,
};

/**
 * Uploads a ledger (multipart, field "file") for a community; the server checks it in the
 * background (dry run) and answers with the job at once. XMLHttpRequest, because fetch
 * cannot report upload progress and a 200,000-row ledger is tens of megabytes.
 */
function uploadLedger(
  input: { file: File; communityCode: string; mapping?: Record<string, string> },
  onProgress?: (fraction: number) => void,
): Promise<ImportJob> {
  const locale = getLocale();
  const url = buildUrl('/api/registry/imports', {
    communityCode: input.communityCode,
    mapping: input.mapping && Object.keys(input.mapping).length > 0 ? JSON.stringify(input.mapping) : undefined,
  });
  const form = new FormData();
  form.append('file', input.file, input.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', locale);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', translate(locale, 'common.networkError')));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText) as unknown;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && data) {
        resolve(data as ImportJob);
        return;
      }
      reject(parseError(xhr.status, data, locale));
    };
    xhr.send(form);
  });
}
