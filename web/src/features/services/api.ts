// Typed calls of the services screens: the catalogue, applications, bundles, the public follow-up.
import { buildUrl, request, sendJson, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';
import type * as contract from '#server/modules/services/contract.ts';

export type ServiceItem = Json<contract.ServiceItem>;
export type Application = Json<contract.Application>;
export type ApplicationListItem = Json<contract.ApplicationListItem>;
export type TrackedApplication = Json<contract.TrackedApplication>;
export type ServiceBundle = Json<contract.ServiceBundle>;
export type CounterStreets = contract.CounterStreets;
export type ItemInput = contract.ItemContent;
export type BundleInput = contract.BundleContent;
export type ApplyBody = contract.ApplyBody;
export type ActionBody = contract.ActionBody;
type Query = Record<string, string | number | boolean | undefined>;

const seg = (value: string) => encodeURIComponent(value);

export const servicesApi = {
  items: (query: Query, signal?: AbortSignal) => request<Paged<ServiceItem>>('GET', '/api/services/items', { query, signal }),
  publicItems: (query: Query, signal?: AbortSignal) => request<Paged<ServiceItem>>('GET', '/api/public/services', { query, signal }),
  publicItem: (code: string, signal?: AbortSignal) => request<ServiceItem>('GET', `/api/public/services/${seg(code)}`, { signal }),
  publicBundles: (signal?: AbortSignal) => request<ServiceBundle[]>('GET', '/api/public/services/bundles', { signal }),
  item: (code: string, signal?: AbortSignal) => request<ServiceItem>('GET', `/api/services/items/${seg(code)}`, { signal }),
  createItem: (code: string, content: ItemInput) => request<ServiceItem>('POST', '/api/services/items', { body: { code, ...content } }),
  updateItem: (code: string, version: number, content: ItemInput & { active?: boolean }) => request<ServiceItem>('PUT', `/api/services/items/${seg(code)}`, { body: { version, ...content } }),
  bundles: (signal?: AbortSignal) => request<ServiceBundle[]>('GET', '/api/services/bundles', { signal }),
  createBundle: (code: string, content: BundleInput) => request<ServiceBundle>('POST', '/api/services/bundles', { body: { code, ...content } }),
  updateBundle: (code: string, version: number, content: BundleInput) => request<ServiceBundle>('PUT', `/api/services/bundles/${seg(code)}`, { body: { version, ...content } }),
  counterCommunities: (signal?: AbortSignal) => request<CounterStreets>('GET', '/api/services/counter/communities', { signal }),
  catalogueExportUrl: () => buildUrl('/api/services/items/export.xlsx'),
  importCatalogue: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return sendJson<{ created: number; updated: number; unchanged: number }>('POST', '/api/services/items/import', form);
  },
  uploadMaterial: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return sendJson<{ id: string; filename: string }>('POST', '/api/services/materials', form);
  },
  applications: (query: Query, signal?: AbortSignal) => request<Paged<ApplicationListItem>>('GET', '/api/services/applications', { query, signal }),
  applicationsExportUrl: (query: Query) => buildUrl('/api/services/applications/export.xlsx', query),
  application: (number: string, signal?: AbortSignal) => request<Application>('GET', `/api/services/applications/${seg(number)}`, { signal }),
  apply: (body: ApplyBody) => request<Application>('POST', '/api/services/applications', { body }),
  intake: (body: ApplyBody & { unitCode?: string }) => request<Application>('POST', '/api/services/applications/counter', { body }),
  act: (number: string, body: Partial<ActionBody> & { action: ActionBody['action'] }) => request<Application>('POST', `/api/services/applications/${seg(number)}/actions`, { body }),
  supply: (number: string, materials: ApplyBody['materials']) => request<Application>('POST', `/api/services/applications/${seg(number)}/materials`, { body: { materials } }),
  reveal: (number: string, reason: string) => request<Application['applicant']>('POST', `/api/services/applications/${seg(number)}/reveal`, { body: { reason } }),
  lookup: (idNumber: string) =>
    request<{ found: boolean; name: string | null; phone: string | null; communityCode: string | null; communityName: string | null }>('POST', '/api/services/applicants/lookup', { body: { idNumber } }),
  materialUrl: (number: string, fileId: string) => buildUrl(`/api/services/applications/${seg(number)}/materials/${seg(fileId)}`),
  track: (number: string, phone: string, signal?: AbortSignal) => request<TrackedApplication>('GET', `/api/public/applications/${seg(number)}`, { query: { phone }, signal }),
};
