// Typed calls of votes, meetings, consents, councils, budgets and conventions, in the contract's shapes.
import { buildUrl, request, type Paged } from '../../../platform/api-client.ts';
import type { Json } from '../../../platform/json.ts';
import type * as contract from '#server/modules/participation/contract.ts';
import type { z } from 'zod';

export type Vote = Json<contract.VoteView>;
export type VoteUnit = Json<contract.VoteUnitView>;
export type PaperBallot = Json<contract.PaperBallotView>;
export type MyVote = Json<contract.MyVoteView>;
export type Meeting = Json<contract.MeetingView>;
export type MeetingDetail = Json<contract.MeetingDetail>;
export type Participant = Json<contract.ParticipantView>;
export type Consent = Json<contract.ConsentView>;
export type Council = Json<contract.CouncilView>;
export type Budget = Json<contract.BudgetView>;
export type Convention = Json<contract.ConventionView>;
type Paging = { page: number; pageSize: number };

const p = '/api/participation';
const id = (value: string) => encodeURIComponent(value);

export const votingApi = {
  votes: (q: Paging & { status?: string }, signal?: AbortSignal) => request<Paged<Vote>>('GET', `${p}/votes`, { query: q, signal }),
  vote: (voteId: string, signal?: AbortSignal) => request<Vote>('GET', `${p}/votes/${id(voteId)}`, { signal }),
  createVote: (body: z.input<typeof contract.createVoteBody>) => request<Vote>('POST', `${p}/votes`, { body }),
  voteStep: (voteId: string, step: 'open' | 'close', version: number) => request<Vote>('POST', `${p}/votes/${id(voteId)}/${step}`, { body: { version } }),
  publishVote: (voteId: string) => request<Vote>('POST', `${p}/votes/${id(voteId)}/publish`),
  units: (voteId: string, q: Paging & { voted?: string; q?: string }, signal?: AbortSignal) => request<Paged<VoteUnit>>('GET', `${p}/votes/${id(voteId)}/units`, { query: q, signal }),
  nameOwner: (voteId: string, body: contract.RepresentativeBody) => request<Vote>('POST', `${p}/votes/${id(voteId)}/representatives`, { body }),
  paperBallots: (voteId: string, signal?: AbortSignal) => request<{ items: PaperBallot[] }>('GET', `${p}/votes/${id(voteId)}/paper-ballots`, { signal }),
  enterPaper: (voteId: string, body: contract.PaperBallotBody) => request<PaperBallot>('POST', `${p}/votes/${id(voteId)}/paper-ballots`, { body }),
  decidePaper: (voteId: string, paperId: string, decision: 'confirm' | 'reject') => request<PaperBallot>('POST', `${p}/votes/${id(voteId)}/paper-ballots/${id(paperId)}/${decision}`),
  countsUrl: (voteId: string) => buildUrl(`${p}/votes/${id(voteId)}/counts.xlsx`, {}),
  myVotes: (signal?: AbortSignal) => request<{ verified: boolean; items: MyVote[] }>('GET', `${p}/my/votes`, { signal }),
  castBallot: (voteId: string, choice: contract.BallotChoice) => request<MyVote>('POST', `${p}/my/votes/${id(voteId)}/ballot`, { body: { choice } }),

  meetings: (q: Paging & { status?: string }, signal?: AbortSignal) => request<Paged<Meeting>>('GET', `${p}/meetings`, { query: q, signal }),
  meeting: (meetingId: string, signal?: AbortSignal) => request<MeetingDetail>('GET', `${p}/meetings/${id(meetingId)}`, { signal }),
  createMeeting: (body: z.input<typeof contract.createMeetingBody>) => request<MeetingDetail>('POST', `${p}/meetings`, { body }),
  addParticipants: (meetingId: string, body: z.input<typeof contract.addParticipantsBody>) => request<MeetingDetail>('POST', `${p}/meetings/${id(meetingId)}/participants`, { body }),
  participants: (meetingId: string, q: Paging & { signedIn?: string; q?: string }, signal?: AbortSignal) => request<Paged<Participant>>('GET', `${p}/meetings/${id(meetingId)}/participants`, { query: q, signal }),
  meetingAction: (meetingId: string, action: contract.MeetingAction, version: number) => request<MeetingDetail>('POST', `${p}/meetings/${id(meetingId)}/actions`, { body: { action, version } }),
  signIn: (meetingId: string, body: contract.SignInBody) => request<Participant>('POST', `${p}/meetings/${id(meetingId)}/sign-in`, { body }),
  minutes: (meetingId: string, body: contract.MinutesBody) => request<MeetingDetail>('PUT', `${p}/meetings/${id(meetingId)}/minutes`, { body }),
  addResolution: (meetingId: string, body: contract.ResolutionBody) => request<MeetingDetail>('POST', `${p}/meetings/${id(meetingId)}/resolutions`, { body }),
  updateResolution: (meetingId: string, resolutionId: string, body: z.input<typeof contract.resolutionUpdateBody>) => request<MeetingDetail>('PATCH', `${p}/meetings/${id(meetingId)}/resolutions/${id(resolutionId)}`, { body }),
  signInSheetUrl: (meetingId: string) => buildUrl(`${p}/meetings/${id(meetingId)}/sign-in-sheet.xlsx`, {}),
  recordConsent: (body: z.input<typeof contract.consentBody>) => request<Consent>('POST', `${p}/consents`, { body }),

  councils: (q: Paging, signal?: AbortSignal) => request<Paged<Council>>('GET', `${p}/councils`, { query: q, signal }),
  createCouncil: (body: z.input<typeof contract.councilBody>) => request<Council>('POST', `${p}/councils`, { body }),

  budgets: (q: Paging, signal?: AbortSignal) => request<Paged<Budget>>('GET', `${p}/budgets`, { query: q, signal }),
  createBudget: (body: contract.CreateBudgetBody) => request<Budget>('POST', `${p}/budgets`, { body }),
  addBudgetProject: (budgetId: string, body: z.input<typeof contract.budgetProjectBody>) => request<Budget>('POST', `${p}/budgets/${id(budgetId)}/projects`, { body }),
  reviewBudgetProject: (budgetId: string, projectId: string, body: contract.FeasibilityBody) => request<Budget>('POST', `${p}/budgets/${id(budgetId)}/projects/${id(projectId)}/review`, { body }),
  budgetProgress: (budgetId: string, projectId: string, body: contract.ProgressBody) => request<Budget>('POST', `${p}/budgets/${id(budgetId)}/projects/${id(projectId)}/progress`, { body }),
  budgetAction: (budgetId: string, action: contract.BudgetAction) => request<Budget>('POST', `${p}/budgets/${id(budgetId)}/actions`, { body: { action } }),
  myBudgets: (signal?: AbortSignal) => request<{ verified: boolean; items: { budget: Budget; chosen: string[] | null }[] }>('GET', `${p}/my/budgets`, { signal }),
  choose: (budgetId: string, projectIds: string[]) => request<{ verified: boolean; items: { budget: Budget; chosen: string[] | null }[] }>('POST', `${p}/my/budgets/${id(budgetId)}/choice`, { body: { projectIds } }),

  conventions: (q: Paging, signal?: AbortSignal) => request<Paged<Convention>>('GET', `${p}/conventions`, { query: q, signal }),
  createConvention: (body: contract.CreateConventionBody) => request<Convention>('POST', `${p}/conventions`, { body }),
  draftVersion: (conventionId: string, text: string) => request<Convention>('POST', `${p}/conventions/${id(conventionId)}/versions`, { body: { text } }),
  conventionAction: (conventionId: string, body: contract.ConventionActionBody) => request<Convention>('POST', `${p}/conventions/${id(conventionId)}/actions`, { body }),
};

/** Square metres with two decimals from hundredths. */
export const sqm = (hundredths: number) => (hundredths / 100).toFixed(2);
/** Yuan with two decimals from fen. */
export const yuan = (fen: number) => (fen / 100).toFixed(2);
