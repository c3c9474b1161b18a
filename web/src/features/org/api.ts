// Typed calls of the org module (行政区划, departments, grids, rosters), in the org
// contract's shapes.
import type { z } from 'zod';
import type {
  AddGridStaffInput,
  CreateDepartmentInput,
  DistrictOutlineView,
  GridDetail as GridDetailView,
  GridDuty,
  GridFeatureCollection as GridFeatureCollectionView,
  GridGeometry,
  GridImportProblem,
  GridKind,
  GridPage,
  GridStaffMemberView,
  listGridsQuery,
  ImportGridsResult,
  OrgUnitListItem,
  OrgUnitWithAncestors,
  PublicRoster,
  UpdateOrgUnitInput,
} from '#server/modules/org/contract.ts';
import { gridDuties, gridKinds } from '#server/modules/org/contract.ts';
import { buildUrl, isObject, request, type ApiError, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';

// ---- Vocabulary: labels live in the i18n catalogue under `duty.*`, `gridKind.*`, `level.*`, `communityType.*` ----

export { communityTypes, gridCodePattern, gridKinds, gridStaffPhonePattern, orgLevels } from '#server/modules/org/contract.ts';
export type { CommunityType, GridGeometry, GridKind, OrgLevel, Position, PublicRoster } from '#server/modules/org/contract.ts';
export { gridDuties as duties };
export type Duty = GridDuty;

export function isDuty(value: string): value is Duty {
  return (gridDuties as readonly string[]).includes(value);
}

export function isGridKind(value: string): value is GridKind {
  return (gridKinds as readonly string[]).includes(value);
}

// ---- Shapes: the contract's, with dates as strings and grid shapes as typed GeoJSON ----

/** An org unit in the tree (a search result has no counts). */
export type OrgNode = OrgUnitListItem;
export type OrgNodeWithAncestors = OrgUnitWithAncestors;
export type Grid = Json<GridPage['items'][number]>;
export type GridDetail = Omit<Json<GridDetailView>, 'geometry'> & { geometry: GridGeometry };
type GridFeature = GridFeatureCollectionView['features'][number];
export type GridFeatureProperties = GridFeature['properties'];
export type GridFeatureCollection = Omit<GridFeatureCollectionView, 'features'> & { features: (Omit<GridFeature, 'geometry'> & { geometry: GridGeometry })[] };
export type GridStaff = GridStaffMemberView;
export type ImportResult = ImportGridsResult;
/** A district's outline (null where none is known), drawn as the map's frame. */
export type DistrictOutline = Omit<DistrictOutlineView, 'geometry'> & { geometry: GridGeometry | null };
export type ImportProblem = GridImportProblem;

// ---- Endpoints ----

export const orgApi = {
  orgChildren: (parent?: string, signal?: AbortSignal) =>
    request<OrgNode[]>('GET', '/api/org/nodes', { query: { parent }, signal }),
  orgSearch: (q: string, signal?: AbortSignal) => request<OrgNode[]>('GET', '/api/org/nodes', { query: { q }, signal }),
  orgNode: (code: string, signal?: AbortSignal) =>
    request<OrgNodeWithAncestors>('GET', `/api/org/nodes/${encodeURIComponent(code)}`, { signal }),
  updateOrgNode: (code: string, patch: UpdateOrgUnitInput) =>
    request<OrgNode>('PATCH', `/api/org/nodes/${encodeURIComponent(code)}`, { body: patch }),
  createDepartment: (input: CreateDepartmentInput) => request<OrgNode>('POST', '/api/org/departments', { body: input }),

  grids: (query: Partial<z.infer<typeof listGridsQuery>>, signal?: AbortSignal) =>
    request<Paged<Grid>>('GET', '/api/org/grids', { query, signal }),
  grid: (code: string, signal?: AbortSignal) =>
    request<GridDetail>('GET', `/api/org/grids/${encodeURIComponent(code)}`, { signal }),
  gridsGeojson: (under: string, signal?: AbortSignal) =>
    request<GridFeatureCollection>('GET', '/api/org/grids/geojson', { query: { under }, signal }),
  districtOutline: (under: string, signal?: AbortSignal) =>
    request<DistrictOutline>('GET', '/api/org/outline', { query: { under }, signal }),
  gridsGeojsonDownloadUrl: (under: string) => buildUrl('/api/org/grids/geojson', { under, download: 1 }),
  importGrids: (geojsonText: string, dryRun: boolean) =>
    request<ImportResult>('POST', '/api/org/grids/import', { query: { dryRun }, rawJson: geojsonText }),
  gridStaff: (code: string, signal?: AbortSignal) =>
    request<GridStaff[]>('GET', `/api/org/grids/${encodeURIComponent(code)}/staff`, { signal }),
  addGridStaff: (code: string, input: AddGridStaffInput) =>
    request<GridStaff>('POST', `/api/org/grids/${encodeURIComponent(code)}/staff`, { body: input }),
  removeGridStaff: (id: string) => request<null>('DELETE', `/api/org/grid-staff/${encodeURIComponent(id)}`),
  publicRoster: (code: string, signal?: AbortSignal) =>
    request<PublicRoster>('GET', `/api/public/grids/${encodeURIComponent(code)}/roster`, { signal, quiet: true }),
};

/** The problems listed by a GEOJSON_INVALID error. */
export function importProblems(error: ApiError): ImportProblem[] {
  const problems = error.details.problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (p): p is ImportProblem =>
      isObject(p) && typeof p.index === 'number' && typeof p.field === 'string' && typeof p.message === 'string',
  );
}
