// Typed calls of the practice library, in the practices contract's shapes.
import type {
  CreatePracticeBody,
  PracticeFacets,
  PracticeFilter,
  PracticePoints,
  PracticeView,
  UpdatePracticeBody,
} from '#server/modules/practices/contract.ts';
import { buildUrl, request, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';

export { gongzhiFeatureKeys, gongzhiFeatures, practiceSources, practiceThemes } from '#server/modules/practices/contract.ts';
export type { GongzhiFeature, PracticeFacets, PracticeFilter, PracticePoints, PracticeSource, PracticeTheme } from '#server/modules/practices/contract.ts';

export type Practice = Json<PracticeView>;

const one = (id: string) => `/api/public/practices/${encodeURIComponent(id)}`;

export const practicesApi = {
  list: (filter: PracticeFilter, paging: { page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<Practice>>('GET', '/api/public/practices', { query: { ...filter, ...paging }, signal }),
  facets: (filter: PracticeFilter, signal?: AbortSignal) => request<PracticeFacets>('GET', '/api/public/practices/facets', { query: { ...filter }, signal }),
  points: (filter: PracticeFilter, signal?: AbortSignal) => request<PracticePoints>('GET', '/api/public/practices/points', { query: { ...filter }, signal }),
  get: (id: string, signal?: AbortSignal) => request<Practice>('GET', one(id), { signal }),
  exportUrl: (filter: PracticeFilter) => buildUrl('/api/public/practices/export', { ...filter }),
  update: (id: string, body: UpdatePracticeBody) => request<Practice>('PATCH', `/api/practices/${encodeURIComponent(id)}`, { body }),
  create: (body: CreatePracticeBody) => request<Practice>('POST', '/api/practices', { body }),
};
