// Typed calls of the facilities module (service facilities, the GB 50180-2018 standard table,
// coverage of the registry's buildings, "near me" on /portal), in the facilities contract's shapes.
import type {
  BuildingCircle as BuildingCircleView,
  CoverageFeatureCollection,
  CoverageGap,
  CoverageReport as CoverageReportView,
  CoverageSettings as CoverageSettingsView,
  CreateFacilityInput,
  CreateFacilityKindInput,
  FacilityFeatureCollection,
  FacilityImportProblem,
  FacilityKind,
  FacilityView,
  ImportFacilitiesResult,
  ImportFormat,
  LifeCircleLevel,
  NearResult,
  PlaceList,
  UpdateFacilityInput,
  UpdateFacilityKindInput,
} from '#server/modules/facilities/contract.ts';
import { buildUrl, isObject, request, send, sendJson, type ApiError, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';

export {
  distanceMethods,
  facilityCategories,
  facilityKindCodePattern,
  lifeCircleLevels,
  operatorTypes,
  populationGroups,
  standardWalkMeters,
  walkMetersPerMinute,
} from '#server/modules/facilities/contract.ts';
export type {
  CoverageFeatureCollection,
  CoverageGap,
  CreateFacilityInput,
  CreateFacilityKindInput,
  DistanceMethod,
  FacilityCategory,
  FacilityFeatureCollection,
  FacilityKind,
  ImportFacilitiesResult,
  ImportFormat,
  KindCoverage,
  LifeCircleLevel,
  NearFacility,
  NearResult,
  OperatorType,
  PlaceList,
  PopulationGroup,
  UpdateFacilityInput,
  UpdateFacilityKindInput,
} from '#server/modules/facilities/contract.ts';

// ---- Shapes: the contract's, with dates as strings ----

export type Facility = Json<FacilityView>;
export type CoverageReport = Json<CoverageReportView>;
export type CoverageSettings = Json<CoverageSettingsView>;
export type BuildingCircle = BuildingCircleView;
export type Place = PlaceList['items'][number];

export interface FacilityFilters {
  under?: string;
  kind?: string;
  level?: LifeCircleLevel;
  q?: string;
}

const facilityPath = (id: string) => `/api/facilities/${encodeURIComponent(id)}`;

// ---- Endpoints ----

export const facilitiesApi = {
  /** The standard table; public, since the portal names kinds too. */
  kinds: (signal?: AbortSignal) => request<{ items: FacilityKind[] }>('GET', '/api/public/facilities/kinds', { signal, quiet: true }).then((r) => r.items),
  createKind: (input: CreateFacilityKindInput) => request<FacilityKind>('POST', '/api/facilities/kinds', { body: input }),
  updateKind: (code: string, patch: UpdateFacilityKindInput) => request<FacilityKind>('PATCH', `/api/facilities/kinds/${encodeURIComponent(code)}`, { body: patch }),

  list: (query: FacilityFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<Facility>>('GET', '/api/facilities', { query: { ...query }, signal }),
  get: (id: string, signal?: AbortSignal) => request<Facility>('GET', facilityPath(id), { signal }),
  create: (input: CreateFacilityInput) => request<Facility>('POST', '/api/facilities', { body: input }),
  update: (id: string, patch: UpdateFacilityInput) => request<Facility>('PATCH', facilityPath(id), { body: patch }),
  remove: (id: string, version: number) => request<null>('DELETE', facilityPath(id), { query: { version } }),

  /** The filtered facilities as a file (.xlsx or GeoJSON); failures arrive as ApiError. */
  exportFile: (format: ImportFormat, filters: Omit<FacilityFilters, 'q'>) =>
    downloadBlob(buildUrl(`/api/facilities/export.${format}`, { ...filters, download: 1 }), `facilities.${format}`),
  /** Checks (dryRun) or applies a file of facilities; a wrong row arrives as FACILITY_IMPORT_INVALID with its problems. */
  importFile: (format: ImportFormat, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return sendJson<ImportFacilitiesResult>('POST', buildUrl('/api/facilities/import', { format, dryRun }), form);
  },

  coverageSettings: (district: string | undefined, signal?: AbortSignal) =>
    request<CoverageSettings>('GET', '/api/facilities/settings', { query: { district }, signal }),
  updateCoverageSettings: (district: string, detourFactor: number) => sendJson<CoverageSettings>('PUT', '/api/facilities/settings', { district, detourFactor }),
  /** Replaces the district's road network with a GeoJSON FeatureCollection of LineStrings. */
  importRoads: (district: string, geojson: unknown) => sendJson<CoverageSettings>('PUT', buildUrl('/api/facilities/road-network', { district }), geojson),
  recompute: (district: string) => request<{ queued: boolean }>('POST', '/api/facilities/coverage/recompute', { query: { district } }),
  coverage: (org: string, signal?: AbortSignal) => request<CoverageReport>('GET', '/api/facilities/coverage', { query: { org }, signal }),
  gaps: (query: { org: string; kind?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<CoverageGap>>('GET', '/api/facilities/coverage/gaps', { query, signal }),
  coverageLayer: (community: string, signal?: AbortSignal) =>
    request<CoverageFeatureCollection>('GET', '/api/facilities/coverage/layer', { query: { community }, signal }),
  facilitiesGeojson: (under: string, signal?: AbortSignal) =>
    request<FacilityFeatureCollection>('GET', '/api/facilities/export.geojson', { query: { under }, signal }),
  buildingCircle: (buildingId: string, signal?: AbortSignal) =>
    request<BuildingCircle>('GET', `/api/facilities/coverage/buildings/${encodeURIComponent(buildingId)}`, { signal }),
  /** A community's gap report as .xlsx. */
  gapReport: (org: string) => downloadBlob(buildUrl('/api/facilities/coverage/gaps.xlsx', { org }), `gaps-${org}.xlsx`),

  near: (query: { lng?: number; lat?: number; buildingId?: string; kind?: string }, signal?: AbortSignal) =>
    request<NearResult>('GET', '/api/public/facilities/near', { query, signal, quiet: true }),
  places: (q: string, signal?: AbortSignal) => request<PlaceList>('GET', '/api/public/facilities/places', { query: { q }, signal, quiet: true }).then((r) => r.items),
};

/** Fetches a file and hands it to the browser as a download, named as the server says. */
async function downloadBlob(url: string, fallbackName: string): Promise<void> {
  const response = await send('GET', url);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? /filename="([^"]+)"/.exec(disposition)?.[1];
  const href = URL.createObjectURL(await response.blob());
  const anchor = Object.assign(document.createElement('a'), { href, download: name ? decodeURIComponent(name) : fallbackName });
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The problems listed by a FACILITY_IMPORT_INVALID error. */
export function importProblems(error: ApiError): FacilityImportProblem[] {
  const problems = error.details.problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (p): p is FacilityImportProblem => isObject(p) && typeof p.row === 'number' && typeof p.field === 'string' && typeof p.message === 'string',
  );
}
