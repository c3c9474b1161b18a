// Typed calls of the community projects and funds, in the contract's shapes.
import { buildUrl, request, sendJson, type Paged } from '../../../platform/api-client.ts';
import type { Json } from '../../../platform/json.ts';
import type * as contract from '#server/modules/community/contract.ts';
import type { z } from 'zod';

export type Call = Json<contract.CallView>;
export type ApplicationSummary = Json<contract.ApplicationSummary>;
export type ApplicationDetail = Json<contract.ApplicationDetail>;
export type Fund = Json<contract.FundView>;
export type FundDetail = Json<contract.FundDetail>;
export type FundReport = Json<contract.FundReport>;
export type LedgerLine = Json<z.infer<typeof contract.ledgerLine>>;
export type PublicFund = Json<z.infer<typeof contract.publicFund>>;
type Paging = { page: number; pageSize: number };

const p = '/api/community/projects';
const o = '/api/community/organisation-projects';
const r = '/api/community/reviews';
const f = '/api/community/funds';
const id = (value: string) => encodeURIComponent(value);

export const projectsApi = {
  // staff
  experts: (signal?: AbortSignal) => request<{ items: { userId: string; username: string; name: string }[] }>('GET', `${p}/experts`, { signal }),
  calls: (q: Paging & { status?: string }, signal?: AbortSignal) => request<Paged<Call>>('GET', `${p}/calls`, { query: q, signal }),
  createCall: (body: z.input<typeof contract.createCallBody>) => request<Call>('POST', `${p}/calls`, { body }),
  closeCall: (callId: string) => request<Call>('POST', `${p}/calls/${id(callId)}/close`),
  applications: (q: Paging & { callId?: string; status?: string }, signal?: AbortSignal) => request<Paged<ApplicationSummary>>('GET', `${p}/applications`, { query: q, signal }),
  exportUrl: (callId?: string) => buildUrl(`${p}/applications.xlsx`, { callId }),
  application: (appId: string, signal?: AbortSignal) => request<ApplicationDetail>('GET', `${p}/applications/${id(appId)}`, { signal }),
  award: (appId: string, body: contract.AwardBody) => request<ApplicationDetail>('POST', `${p}/applications/${id(appId)}/award`, { body }),
  decideMilestone: (milestoneId: string, body: { accept: boolean; note: string }) => request<ApplicationDetail>('POST', `${p}/milestones/${id(milestoneId)}/decision`, { body }),
  /** A deliverable file, by the party asking: project staff or the organisation. */
  deliverableUrl: (fileId: string, as: 'staff' | 'organisation') => buildUrl(`${as === 'staff' ? p : o}/deliverables/${id(fileId)}`),
  payTranche: (trancheId: string, voucherNumber: string) => request<ApplicationDetail>('POST', `${p}/tranches/${id(trancheId)}/pay`, { body: { voucherNumber } }),
  siteVisit: (appId: string, body: { visitedOn: string; findings: string; rating: number }) => request<ApplicationDetail>('POST', `${p}/applications/${id(appId)}/site-visits`, { body }),
  evaluate: (appId: string, body: contract.EvaluationBody) => request<ApplicationDetail>('POST', `${p}/applications/${id(appId)}/evaluation`, { body }),
  // an organisation's staff
  myOrganisations: (signal?: AbortSignal) => request<{ items: { id: string; name: string }[] }>('GET', `${o}/organisations`, { signal }),
  openCalls: (q: Paging & { status?: string }, signal?: AbortSignal) => request<Paged<Call>>('GET', `${o}/calls`, { query: q, signal }),
  apply: (callId: string, body: contract.ApplicationBody) => request<ApplicationDetail>('POST', `${o}/calls/${id(callId)}/applications`, { body }),
  myApplications: (q: Paging, signal?: AbortSignal) => request<Paged<ApplicationSummary>>('GET', `${o}/applications`, { query: q, signal }),
  myApplication: (appId: string, signal?: AbortSignal) => request<ApplicationDetail>('GET', `${o}/applications/${id(appId)}`, { signal }),
  reportMilestone: (milestoneId: string, report: string) => request<ApplicationDetail>('POST', `${o}/milestones/${id(milestoneId)}/report`, { body: { report } }),
  uploadDeliverable: (milestoneId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return sendJson<ApplicationDetail>('POST', `${o}/milestones/${id(milestoneId)}/deliverables`, form);
  },
  serviceRecord: (appId: string, body: contract.ProjectServiceRecordBody) => request<ApplicationDetail>('POST', `${o}/applications/${id(appId)}/service-records`, { body }),
  // experts
  reviewApplications: (q: Paging, signal?: AbortSignal) => request<Paged<ApplicationSummary>>('GET', `${r}/applications`, { query: q, signal }),
  reviewApplication: (appId: string, signal?: AbortSignal) => request<ApplicationDetail>('GET', `${r}/applications/${id(appId)}`, { signal }),
  review: (appId: string, body: { conflict: boolean; conflictNote?: string; scores?: Record<string, number> }) => request<ApplicationDetail>('PUT', `${r}/applications/${id(appId)}`, { body }),
};

export const fundsApi = {
  list: (q: Paging, signal?: AbortSignal) => request<Paged<Fund>>('GET', f, { query: q, signal }),
  create: (body: z.input<typeof contract.createFundBody>) => request<FundDetail>('POST', f, { body }),
  get: (fundId: string, signal?: AbortSignal) => request<FundDetail>('GET', `${f}/${id(fundId)}`, { signal }),
  donate: (fundId: string, body: z.input<typeof contract.donationBody>) => request<FundDetail>('POST', `${f}/${id(fundId)}/donations`, { body }),
  grant: (fundId: string, body: contract.GrantBody) => request<FundDetail>('POST', `${f}/${id(fundId)}/grants`, { body }),
  payGrant: (fundId: string, grantId: string, body: { voucherNumber: string; paidOn: string }) => request<FundDetail>('POST', `${f}/${id(fundId)}/grants/${id(grantId)}/pay`, { body }),
  expense: (fundId: string, body: contract.ExpenseBody) => request<FundDetail>('POST', `${f}/${id(fundId)}/expenses`, { body }),
  ledger: (fundId: string, q: Paging, signal?: AbortSignal) => request<Paged<LedgerLine>>('GET', `${f}/${id(fundId)}/ledger`, { query: q, signal }),
  ledgerUrl: (fundId: string) => `${f}/${id(fundId)}/ledger.xlsx`,
  publicFunds: (signal?: AbortSignal) => request<{ items: PublicFund[] }>('GET', '/api/public/community/funds', { signal }),
  report: (fundId: string, year: number, signal?: AbortSignal) => request<FundReport>('GET', `/api/public/community/funds/${id(fundId)}/reports/${year}`, { signal }),
};

/** Fen shown as yuan (¥1,234.50), exact: integer arithmetic, no float rounding. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('zh-CN');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan typed in a form → fen (rounded to the fen; the form allows two decimals). */
export function toFen(yuanAmount: number): number {
  return Math.round(yuanAmount * 100);
}
