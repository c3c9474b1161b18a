// Typed calls of participation's needs, micro-wishes, proposals, points and board (part one).
import type { z } from 'zod';
import type * as contract from '#server/modules/participation/contract.ts';
import { buildUrl, request, sendJson, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';

export type Need = Json<contract.NeedView>;
export type Wish = Json<contract.WishView>;
export type ProposalItem = Json<contract.ProposalListItem>;
export type Proposal = Json<contract.ProposalView>;
export type PointsRules = Json<contract.PointsRules>;
export type IndexRow = Json<contract.ParticipationIndexRow>;
export type Verification = Json<contract.Verification>;
export type MyPoints = Json<contract.MyPoints>;
export type Board = Json<contract.BoardPage>;
export type BoardItem = Json<contract.BoardItem>;
type Paging = { page: number; pageSize: number };
type NeedFilters = { under?: string; needClass?: string; status?: string; matterKind?: string; q?: string };

const base = '/api/participation';
const id = (value: string) => encodeURIComponent(value);

export const needsApi = {
  list: (q: Paging & NeedFilters, signal?: AbortSignal) => request<Paged<Need>>('GET', `${base}/needs`, { query: q, signal }),
  exportUrl: (q: NeedFilters) => buildUrl(`${base}/needs/export`, q),
  counts: (under: string | undefined, signal?: AbortSignal) => request<Json<contract.NeedCounts>>('GET', `${base}/needs/counts`, { query: { under }, signal }),
  record: (body: z.input<typeof contract.createNeedBody>) => request<Need>('POST', `${base}/needs`, { body }),
  sort: (needId: string, body: { matterKind: contract.MatterKind; version: number }) => request<Need>('POST', `${base}/needs/${id(needId)}/sort`, { body }),
  merge: (needId: string, body: { survivorId: string; version: number }) => request<Need>('POST', `${base}/needs/${id(needId)}/merge`, { body }),
  close: (needId: string, version: number) => request<Need>('POST', `${base}/needs/${id(needId)}/close`, { body: { version } }),
  mine: (q: Paging, signal?: AbortSignal) => request<Paged<Need>>('GET', `${base}/my/needs`, { query: q, signal }),
  raise: (body: { needClass: contract.NeedClass; title: string; description?: string }) => request<Need>('POST', `${base}/my/needs`, { body }),
};

export const wishesApi = {
  list: (q: Paging & { under?: string; status?: string }, signal?: AbortSignal) => request<Paged<Wish>>('GET', `${base}/wishes`, { query: q, signal }),
  create: (body: { needId?: string; orgCode?: string; wish: string }) => request<Wish>('POST', `${base}/wishes`, { body }),
  claim: (wishId: string, body: z.input<typeof contract.claimWishBody>) => request<Wish>('POST', `${base}/wishes/${id(wishId)}/claim`, { body }),
  release: (wishId: string, version: number) => request<Wish>('POST', `${base}/wishes/${id(wishId)}/release`, { body: { version } }),
  withdraw: (wishId: string, version: number) => request<Wish>('POST', `${base}/wishes/${id(wishId)}/withdraw`, { body: { version } }),
  fulfil: (wishId: string, version: number, note: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return sendJson<Wish>('POST', buildUrl(`${base}/wishes/${id(wishId)}/fulfil`, { version, note }), form);
  },
  photoUrl: (wishId: string) => `${base}/wishes/${id(wishId)}/photo`,
  community: (q: Paging & { status?: string }, signal?: AbortSignal) => request<Paged<Wish>>('GET', `${base}/my/wishes`, { query: q, signal }),
  /** Who may claim: the community module's volunteers and organisations (its own API, staff with community.read). */
  volunteers: (q: string | undefined, signal?: AbortSignal) => request<Paged<{ id: string; name: string }>>('GET', '/api/community/volunteers', { query: { page: 1, pageSize: 50, q }, signal }),
  organisations: (q: string | undefined, signal?: AbortSignal) => request<Paged<{ id: string; name: string }>>('GET', '/api/community/organisations', { query: { page: 1, pageSize: 50, q }, signal }),
  thank: (wishId: string, body: { thanks: string; version: number }) => request<Wish>('POST', `${base}/my/wishes/${id(wishId)}/thank`, { body }),
};

const p = `${base}/proposals`;
export const proposalsApi = {
  list: (q: Paging & { under?: string; status?: string; q?: string }, signal?: AbortSignal) => request<Paged<ProposalItem>>('GET', p, { query: q, signal }),
  enter: (body: z.input<typeof contract.submitProposalBody>) => request<Proposal>('POST', p, { body }),
  get: (proposalId: string, signal?: AbortSignal) => request<Proposal>('GET', `${p}/${id(proposalId)}`, { signal }),
  act: (proposalId: string, path: string, body: Record<string, unknown>) => request<Proposal>('POST', `${p}/${id(proposalId)}/${path}`, { body }),
  reviewers: (proposalId: string, signal?: AbortSignal) => request<{ userId: string; name: string; username: string }[]>('GET', `${p}/${id(proposalId)}/reviewers`, { signal }),
  community: (q: Paging & { status?: string }, signal?: AbortSignal) => request<Paged<ProposalItem>>('GET', `${base}/my/proposals`, { query: q, signal }),
  submit: (body: { title: string; body: string }) => request<Proposal>('POST', `${base}/my/proposals`, { body }),
  support: (proposalId: string) => request<Proposal>('POST', `${p}/${id(proposalId)}/support`),
  evaluate: (proposalId: string, body: { satisfied: boolean; comment?: string }) => request<Proposal>('POST', `${p}/${id(proposalId)}/evaluate`, { body }),
};

export const pointsApi = {
  rules: (orgCode: string, signal?: AbortSignal) => request<PointsRules>('GET', `${base}/points/rules`, { query: { orgCode }, signal }),
  setRules: (body: contract.SetPointsRulesBody) => request<PointsRules>('PUT', `${base}/points/rules`, { body }),
  index: (q: { under?: string; year?: number }, signal?: AbortSignal) => request<Json<contract.ParticipationIndex>>('GET', `${base}/index`, { query: q, signal }),
  verification: (signal?: AbortSignal) => request<Verification>('GET', `${base}/my/verification`, { signal }),
  verify: (body: { name: string; idNumber: string }) => request<Verification>('POST', `${base}/my/verification`, { body }),
  mine: (signal?: AbortSignal) => request<MyPoints>('GET', `${base}/my/points`, { signal }),
};

export const boardApi = {
  read: (code: string, q: Paging & { kind?: string }, signal?: AbortSignal) => request<Board>('GET', `/api/public/communities/${id(code)}/board`, { query: q, signal }),
};
