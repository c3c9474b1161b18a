// Typed calls of the org module (行政区划, departments, grids, rosters). Shapes mirror
// src/modules/org/routes.ts until the module's contract replaces them.
import { buildUrl, isObject, request, type ApiError, type Paged } from '../../platform/api-client.ts';

// ---- Vocabulary (the codes the API uses, in the order the UI lists them) ----
// Labels live in the i18n catalogue under `duty.*`, `gridKind.*`, `level.*`, `communityType.*`.

export const duties = ['grid_leader', 'grid_worker', 'police', 'supervisor', 'party_liaison', 'volunteer'] as const;
export type Duty = (typeof duties)[number];

export const gridKinds = ['community', 'key_unit', 'road'] as const;
export type GridKind = (typeof gridKinds)[number];

export const orgLevels = ['province', 'city', 'district', 'street', 'community', 'department'] as const;
export type OrgLevel = (typeof orgLevels)[number];

export const communityTypes = [
  'old_town',
  'new_estate',
  'work_unit',
  'mixed',
  'resettlement',
  'affordable_housing',
  'commercial',
] as const;
export type CommunityType = (typeof communityTypes)[number];

export function isDuty(value: string): value is Duty {
  return (duties as readonly string[]).includes(value);
}

export function isGridKind(value: string): value is GridKind {
  return (gridKinds as readonly string[]).includes(value);
}

// ---- Shapes ----

export interface OrgNode {
  code: string;
  parentCode: string | null;
  level: OrgLevel;
  name: string;
  fullName: string;
  orgPath: string;
  communityType: CommunityType | null;
  childCount?: number;
  gridCount?: number;
}

export interface OrgNodeWithAncestors extends OrgNode {
  ancestors: OrgNode[];
}

export interface Grid {
  code: string;
  communityCode: string;
  name: string;
  kind: GridKind;
  orgPath: string;
  version: number;
  updatedAt: string;
  communityName: string;
  staffCount: number;
}

export interface GridDetail extends Omit<Grid, 'communityName' | 'staffCount'> {
  geometry: GridGeometry;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export type Position = [number, number];

export type GridGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface GridFeatureProperties {
  code: string;
  name: string;
  kind: GridKind;
  communityCode: string;
  communityName: string;
}

export interface GridFeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: GridGeometry; properties: GridFeatureProperties }[];
}

export interface GridStaff {
  id: string;
  gridCode: string;
  name: string;
  duty: Duty;
  phone: string | null;
  userId: string | null;
  sort: number;
}

export interface PublicRoster {
  code: string;
  name: string;
  kind: GridKind;
  communityName: string;
  staff: { name: string; duty: Duty; phone: string | null }[];
}

export interface ImportResult {
  created: number;
  updated: number;
  dryRun: boolean;
}

/** One problem of a GeoJSON import, as listed in `details.problems` of GEOJSON_INVALID. */
export interface ImportProblem {
  index: number;
  code?: string;
  field: string;
  message: string;
  messageEn: string;
}

// ---- Endpoints ----

export const orgApi = {
  orgChildren: (parent?: string, signal?: AbortSignal) =>
    request<OrgNode[]>('GET', '/api/org/nodes', { query: { parent }, signal }),
  orgSearch: (q: string, signal?: AbortSignal) => request<OrgNode[]>('GET', '/api/org/nodes', { query: { q }, signal }),
  orgNode: (code: string, signal?: AbortSignal) =>
    request<OrgNodeWithAncestors>('GET', `/api/org/nodes/${encodeURIComponent(code)}`, { signal }),
  updateOrgNode: (code: string, patch: { name?: string; communityType?: CommunityType | null }) =>
    request<OrgNode>('PATCH', `/api/org/nodes/${encodeURIComponent(code)}`, { body: patch }),
  createDepartment: (parentCode: string, name: string) =>
    request<OrgNode>('POST', '/api/org/departments', { body: { parentCode, name } }),

  grids: (query: { under?: string; kind?: GridKind; q?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    request<Paged<Grid>>('GET', '/api/org/grids', { query, signal }),
  grid: (code: string, signal?: AbortSignal) =>
    request<GridDetail>('GET', `/api/org/grids/${encodeURIComponent(code)}`, { signal }),
  gridsGeojson: (under: string, signal?: AbortSignal) =>
    request<GridFeatureCollection>('GET', '/api/org/grids/geojson', { query: { under }, signal }),
  gridsGeojsonDownloadUrl: (under: string) => buildUrl('/api/org/grids/geojson', { under, download: 1 }),
  importGrids: (geojsonText: string, dryRun: boolean) =>
    request<ImportResult>('POST', '/api/org/grids/import', { query: { dryRun }, rawJson: geojsonText }),
  gridStaff: (code: string, signal?: AbortSignal) =>
    request<GridStaff[]>('GET', `/api/org/grids/${encodeURIComponent(code)}/staff`, { signal }),
  addGridStaff: (code: string, input: { name: string; duty: Duty; phone?: string }) =>
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
