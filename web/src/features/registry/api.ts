// Typed calls of the registry (一户一档): buildings → houses → households → residents, key
// groups and visits, import and export. Shapes mirror src/modules/registry/routes.ts.
import { ApiError, buildUrl, request, type Paged } from '../../platform/api-client.ts';
import { getLocale, translate } from '../../platform/i18n/locale.ts';

// ---- Vocabulary (the codes the API uses, in the order the UI lists them) ----

export const relations = ['head', 'spouse', 'child', 'child_in_law', 'grandchild', 'parent', 'parent_in_law', 'grandparent', 'sibling', 'other'] as const;
export type Relation = (typeof relations)[number];
export const residenceTypes = ['local', 'migrant'] as const;
export type ResidenceType = (typeof residenceTypes)[number];
export const educations = ['none', 'primary', 'junior_high', 'senior_high', 'vocational', 'junior_college', 'bachelor', 'master', 'doctorate'] as const;
export type Education = (typeof educations)[number];
export const politicalStatuses = ['cpc_member', 'cpc_probationary', 'cyl_member', 'democratic_party', 'independent', 'masses'] as const;
export type PoliticalStatus = (typeof politicalStatuses)[number];
export const houseTenures = ['owner_occupied', 'rented', 'vacant'] as const;
export type HouseTenure = (typeof houseTenures)[number];
export const buildingUses = ['residential', 'commercial', 'mixed', 'office', 'public', 'other'] as const;
export type BuildingUse = (typeof buildingUses)[number];
export const residentStatuses = ['active', 'moved_out', 'deceased'] as const;
export type ResidentStatus = (typeof residentStatuses)[number];
export const visitMethods = ['home', 'phone', 'video', 'other'] as const;
export type VisitMethod = (typeof visitMethods)[number];
export const genders = ['male', 'female'] as const;
export type Gender = (typeof genders)[number];
export const importStatuses = ['checking', 'checked', 'committing', 'committed', 'failed', 'discarded', 'interrupted'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** The built-in kinds of key group; staff may add others (`custom_…`), named by the server. */
export const builtInKeyGroups = [
  'elderly_alone',
  'disabled',
  'low_income',
  'veteran',
  'left_behind_child',
  'community_correction',
  'severe_mental_disorder',
] as const;
export type BuiltInKeyGroup = (typeof builtInKeyGroups)[number];

/** The columns of a ledger, as the import maps a file's headers to them (ledger.ts). */
export const ledgerFields = [
  'grid', 'building', 'unit', 'floor', 'houseNumber', 'householdNumber', 'tenure', 'relation', 'name', 'gender', 'birthDate',
  'idNumber', 'phone', 'ethnicity', 'residenceType', 'arrivedOn', 'employer', 'education', 'politicalStatus', 'keyGroups',
  'disabilityCategory', 'disabilityGrade', 'notes',
] as const;
export type LedgerField = (typeof ledgerFields)[number];
export const requiredLedgerFields: readonly LedgerField[] = ['building', 'houseNumber', 'relation', 'name', 'idNumber'];


// ---- Shapes ----

export interface KeyGroupTag {
  id: string;
  kind: string;
  name: string;
  nextVisitDue: string | null;
}

export interface Resident {
  id: string;
  name: string;
  gender: Gender;
  /** YYYY-MM-DD when revealed, else YYYY-**-**. */
  birthDate: string;
  age: number;
  /** Masked (110108********123X) unless `revealed`. */
  idNumber: string;
  phone: string | null;
  revealed: boolean;
  ethnicity: string | null;
  residenceType: ResidenceType;
  arrivedOn: string | null;
  employer: string | null;
  education: Education | null;
  politicalStatus: PoliticalStatus | null;
  notes: string | null;
  status: ResidentStatus;
  gridCode: string;
  orgPath: string;
  houseId: string | null;
  householdId: string | null;
  relation: Relation | null;
  address: string | null;
  keyGroups: KeyGroupTag[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Building {
  id: string;
  communityCode: string;
  gridCode: string;
  orgPath: string;
  name: string;
  address: string;
  floors: number | null;
  units: number | null;
  use: BuildingUse;
  lng: number | null;
  lat: number | null;
  version: number;
}

export interface BuildingRow extends Building {
  houseCount: number;
  residentCount: number;
}

export interface BuildingHouse {
  id: string;
  unit: string;
  floor: number | null;
  number: string;
  tenure: HouseTenure;
  householdCount: number;
  residentCount: number;
}

export interface BuildingDetail extends Building {
  houses: BuildingHouse[];
}

export interface House {
  id: string;
  buildingId: string;
  buildingName: string;
  gridCode: string;
  orgPath: string;
  unit: string;
  floor: number | null;
  number: string;
  tenure: HouseTenure;
  address: string;
  version: number;
}

export interface HouseRow extends House {
  residentCount: number;
}

export interface Household {
  id: string;
  houseId: string;
  gridCode: string;
  orgPath: string;
  number: string;
  headResidentId: string | null;
  version: number;
}

export interface HouseDetail extends House {
  area: number | null;
  notes: string | null;
  households: (Household & { members: Resident[] })[];
  /** People living in the house outside any household. */
  others: Resident[];
}

export interface HouseholdFile extends Household {
  address: string;
  house: { id: string; buildingId: string; buildingName: string; unit: string; floor: number | null; number: string; tenure: HouseTenure };
  members: Resident[];
  history: { residentId: string; name: string; relation: string | null; movedInOn: string; movedOutOn: string | null; reason: string | null }[];
}

export interface Membership {
  id: string;
  residentId: string;
  kind: string;
  name: string;
  orgPath: string;
  sensitive: boolean;
  fields: Record<string, unknown>;
  since: string;
  until: string | null;
  visitEveryDays: number | null;
  lastVisitedOn: string | null;
  nextVisitDue: string | null;
  version: number;
}

export interface ResidentVisit {
  id: string;
  membershipId: string | null;
  visitedOn: string;
  method: string;
  visitorName: string;
  notes: string | null;
}

export interface ResidentFile extends Resident {
  history: { id: string; houseId: string | null; householdId: string | null; relation: string | null; movedInOn: string; movedOutOn: string | null; reason: string | null; address: string | null }[];
  memberships: Membership[];
  visits: ResidentVisit[];
}

export interface KeyGroupKind {
  code: string;
  name: string;
  sensitive: boolean;
  visitEveryDays: number | null;
  builtIn: boolean;
  orgPath: string;
  fieldDefinitions: { key: string; label: string; type: string; required: boolean; options?: string[] }[] | null;
}

export interface KeyGroupMember extends Membership {
  daysOverdue: number;
  resident: Resident;
}

export interface Visit {
  id: string;
  residentId: string;
  membershipId: string | null;
  visitedOn: string;
  method: VisitMethod;
  visitorName: string;
  notes: string | null;
}

export interface VisitRow extends Visit {
  residentName: string;
  orgPath: string;
  createdAt: string;
}

export interface MyGrid {
  grids: { code: string; name: string }[];
  counts: { buildings: number; houses: number; residents: number; keyGroupMembers: number; overdue: number; dueThisWeek: number };
}

export interface ImportJob {
  id: string;
  communityCode: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  actorName: string;
  status: ImportStatus;
  headers: { header: string; field: string | null }[];
  onlyValid: boolean | null;
  totalRows: number;
  validRows: number;
  errorRows: number;
  newRows: number;
  changedRows: number;
  unchangedRows: number;
  inserted: number;
  updated: number;
  skipped: number;
  /** Rows with errors (the first 1000). */
  skippedRows: number[];
  failure: { code: string; message: string; details?: Record<string, unknown> } | null;
  progress: { phase: string; rows: number; step?: string; stepNo?: number; steps?: number } | null;
  createdAt: string;
  checkedAt: string | null;
  committedAt: string | null;
}

export interface ImportError {
  rowNo: number;
  column: string;
  message: string;
  name: string | null;
}

/** ?reveal=true&reason=…: identifiers in clear for holders of registry.reveal; the server audits it. */
export type Reveal = string | null;

function revealQuery(reason: Reveal) {
  return reason ? { reveal: true, reason } : {};
}

export interface ResidentQuery {
  q?: string;
  under?: string;
  keyGroup?: string;
  overdue?: boolean;
  residenceType?: ResidenceType;
  gender?: Gender;
  status?: ResidentStatus | 'any';
  buildingId?: string;
  houseId?: string;
  sort?: 'name' | 'birthDate' | 'createdAt' | 'updatedAt';
  order?: 'asc' | 'desc';
}

export interface MemberQuery {
  kind?: string;
  under?: string;
  overdue?: boolean;
  dueWithinDays?: number;
}

const id = (value: string) => encodeURIComponent(value);

// ---- Endpoints ----

export const registryApi = {
  buildings: (query: { under?: string; q?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<BuildingRow>>('GET', '/api/registry/buildings', { query, signal }),
  buildingsExportUrl: (query: { under?: string; q?: string }) => buildUrl('/api/registry/buildings/export', query),
  building: (buildingId: string, signal?: AbortSignal) => request<BuildingDetail>('GET', `/api/registry/buildings/${id(buildingId)}`, { signal }),

  houses: (query: { buildingId?: string; under?: string; q?: string; tenure?: HouseTenure; page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<HouseRow>>('GET', '/api/registry/houses', { query, signal }),
  house: (houseId: string, reveal: Reveal, signal?: AbortSignal) =>
    request<HouseDetail>('GET', `/api/registry/houses/${id(houseId)}`, { query: revealQuery(reveal), signal }),

  household: (householdId: string, reveal: Reveal, signal?: AbortSignal) =>
    request<HouseholdFile>('GET', `/api/registry/households/${id(householdId)}`, { query: revealQuery(reveal), signal }),
  /** The printable household file (户档), an HTML page the server renders and audits. */
  householdPrintUrl: (householdId: string, reveal: Reveal) => buildUrl(`/api/registry/households/${id(householdId)}/file`, revealQuery(reveal)),

  residents: (query: ResidentQuery & { page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<Resident>>('GET', '/api/registry/residents', { query: { ...query }, signal }),
  residentsExportUrl: (query: ResidentQuery) => buildUrl('/api/registry/residents/export', { ...query }),
  resident: (residentId: string, reveal: Reveal, signal?: AbortSignal) =>
    request<ResidentFile>('GET', `/api/registry/residents/${id(residentId)}`, { query: revealQuery(reveal), signal }),

  keyGroupKinds: (signal?: AbortSignal) => request<KeyGroupKind[]>('GET', '/api/registry/key-group-kinds', { signal }),
  keyGroupMembers: (query: MemberQuery & { page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<KeyGroupMember>>('GET', '/api/registry/key-groups', { query: { ...query }, signal }),
  keyGroupExportUrl: (query: MemberQuery) => buildUrl('/api/registry/key-groups/export', { ...query }),

  visits: (query: { residentId?: string; under?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<VisitRow>>('GET', '/api/registry/visits', { query, signal }),
  recordVisit: (input: { residentId: string; membershipId?: string; visitedOn?: string; method: VisitMethod; notes?: string }) =>
    request<Visit>('POST', '/api/registry/visits', { body: input }),

  myGrid: (signal?: AbortSignal) => request<MyGrid>('GET', '/api/registry/my-grid', { signal }),
  lookup: (q: string, signal?: AbortSignal) =>
    request<{ houses: HouseRow[]; residents: Resident[] }>('GET', '/api/registry/my-grid/lookup', { query: { q }, signal }),

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
      const error = typeof data === 'object' && data !== null ? (data as { error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } }).error : undefined;
      if (error && typeof error.code === 'string') {
        reject(
          new ApiError(
            xhr.status,
            error.code,
            typeof error.message === 'string' ? error.message : error.code,
            typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {},
            typeof error.requestId === 'string' ? error.requestId : null,
          ),
        );
        return;
      }
      reject(new ApiError(xhr.status, `HTTP_${xhr.status}`, translate(locale, 'common.unknownError', { status: xhr.status })));
    };
    xhr.send(form);
  });
}
