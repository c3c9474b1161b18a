// The one API client of the web app: typed calls, Accept-Language on every request, and
// errors thrown as ApiError carrying the server's stable code and localised message.
import type { AuditResult, CommunityType, Duty, GridKind, OrgLevel, Role } from './domain.ts';
import { getLocale, translate } from './i18n/locale.ts';

// ---- Shapes (mirroring /api/docs/json) ----

export interface Grant {
  id: string;
  role: string;
  orgPath: string;
  orgCode: string;
  orgName: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface UserWithGrants extends User {
  grants: Grant[];
}

export interface Me extends UserWithGrants {
  permissions: string[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

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

export interface RoleInfo {
  role: Role;
  permissions: string[];
  grantedOn: string[];
  isAdminTrio: boolean;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: string;
  orgPath: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
  role: string;
  orgPath: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  orgPath: string | null;
  result: string;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  result?: AuditResult;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadId?: number;
  reason?: string;
}

export interface PublicConfig {
  mapTileUrl: string | null;
  engine: string;
  version: string;
}

// ---- Errors ----

export interface FieldError {
  field: string;
  message: string;
}

/** A failed call: `code` is the server's stable error code (or NETWORK / HTTP_nnn). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level validation messages, when the server sent them. */
  get fields(): FieldError[] {
    const fields = this.details.fields;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is FieldError => isObject(f) && typeof f.field === 'string' && typeof f.message === 'string',
    );
  }
}

/** Any thrown value as an ApiError, so screens handle one kind of error. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(0, 'CLIENT', message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- Session hooks: set by the router so a 401 or a pending password change redirects ----

export interface AuthRedirects {
  onSignedOut: (code: 'NOT_AUTHENTICATED' | 'SESSION_EXPIRED') => void;
  onPasswordChangeRequired: () => void;
}

let redirects: AuthRedirects | null = null;

export function setAuthRedirects(next: AuthRedirects | null): void {
  redirects = next;
}

// ---- Transport ----

type QueryValue = string | number | boolean | null | undefined;

interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A JSON text sent as is (an uploaded file), instead of serialising `body`. */
  rawJson?: string;
  signal?: AbortSignal;
  /** Do not redirect on 401 / PASSWORD_CHANGE_REQUIRED: the caller handles it (login, boot). */
  quiet?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const locale = getLocale();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale };
  let body: string | undefined;
  if (options.rawJson !== undefined) body = options.rawJson;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', translate(locale, 'common.networkError'));
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const error = parseError(response.status, data, locale);
    if (!options.quiet) {
      if (error.code === 'NOT_AUTHENTICATED' || error.code === 'SESSION_EXPIRED') redirects?.onSignedOut(error.code);
      else if (error.code === 'PASSWORD_CHANGE_REQUIRED') redirects?.onPasswordChangeRequired();
    }
    throw error;
  }
  if (data === undefined) throw new ApiError(response.status, `HTTP_${response.status}`, translate(locale, 'common.unknownError', { status: response.status }));
  // The server validates every response against the same schema these types mirror.
  return data as T;
}

function parseError(status: number, data: unknown, locale: ReturnType<typeof getLocale>): ApiError {
  const error = isObject(data) ? data.error : undefined;
  if (isObject(error) && typeof error.code === 'string') {
    return new ApiError(
      status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      isObject(error.details) ? error.details : {},
      typeof error.requestId === 'string' ? error.requestId : null,
    );
  }
  return new ApiError(status, `HTTP_${status}`, translate(locale, 'common.unknownError', { status }));
}

// ---- Endpoints ----

export const api = {
  publicConfig: () => request<PublicConfig>('GET', '/api/config/public', { quiet: true }),

  login: (username: string, password: string) =>
    request<{ user: Me; mustChangePassword: boolean }>('POST', '/api/auth/login', { body: { username, password }, quiet: true }),
  logout: () => request<null>('POST', '/api/auth/logout', { quiet: true }),
  me: (options: { quiet?: boolean } = {}) => request<Me>('GET', '/api/auth/me', options),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<null>('POST', '/api/auth/password', { body: { currentPassword, newPassword } }),

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

  users: (query: { q?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<UserWithGrants>>('GET', '/api/users', { query, signal }),
  createUser: (input: { username: string; displayName: string }) =>
    request<{ user: User; initialPassword: string }>('POST', '/api/users', { body: input }),
  updateUser: (id: string, patch: { displayName?: string; disabled?: boolean }) =>
    request<User>('PATCH', `/api/users/${id}`, { body: patch }),
  resetPassword: (id: string) => request<{ initialPassword: string }>('POST', `/api/users/${id}/reset-password`),
  unlockUser: (id: string) => request<null>('POST', `/api/users/${id}/unlock`),
  grantRole: (id: string, role: Role, orgCode?: string) =>
    request<null>('POST', `/api/users/${id}/roles`, { body: orgCode ? { role, orgCode } : { role } }),
  revokeRole: (id: string, grantId: string) => request<null>('DELETE', `/api/users/${id}/roles/${grantId}`),
  roles: (signal?: AbortSignal) => request<RoleInfo[]>('GET', '/api/roles', { signal }),

  apiKeys: (signal?: AbortSignal) => request<ApiKey[]>('GET', '/api/apikeys', { signal }),
  createApiKey: (input: { name: string; role?: Role; orgCode?: string }) =>
    request<CreatedApiKey>('POST', '/api/apikeys', { body: input }),
  revokeApiKey: (id: string) => request<null>('DELETE', `/api/apikeys/${id}`),

  audit: (query: AuditQuery, signal?: AbortSignal) =>
    request<Paged<AuditEntry>>('GET', '/api/audit', { query: { ...query }, signal }),
  verifyAudit: () => request<AuditVerifyResult>('POST', '/api/audit/verify'),
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
