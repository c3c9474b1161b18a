// Typed calls of the assessment module (topics of the month, schemes, surveys, reports), in its contract's shapes.
import { buildUrl, request, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';
import type * as contract from '#server/modules/assessment/contract.ts';

export type RecurringItem = Json<contract.RecurringItem>;
export type TopicSummary = Json<contract.TopicSummary>;
export type Topic = Json<contract.TopicView>;
export type SchemeSummary = Json<contract.SchemeSummary>;
export type Scheme = Json<contract.SchemeView>;
export type SchemeResult = Json<contract.SchemeResult>;
export type ScoreTrace = Json<contract.ScoreTrace>;
export type SurveySummary = Json<contract.SurveySummary>;
export type Survey = Json<contract.SurveyView>;
export type SurveyResults = Json<contract.SurveyResults>;
export type Invitation = Json<contract.InvitationView>;
export type PublicSurvey = Json<contract.PublicSurvey>;
export type UnitReport = Json<contract.UnitReport>;
export type Question = contract.QuestionInput;
export type Answers = contract.Answers;
export type RateableList = Json<contract.RateableList>;
export type RateableUnit = RateableList['items'][number];
type Paging = { page: number; pageSize: number };

const base = '/api/assessment';
const id = (value: string) => encodeURIComponent(value);

export const assessmentApi = {
  rateable: (q: { community: string; periodStart: string }, signal?: AbortSignal) => request<RateableList>('GET', `${base}/ratings`, { query: q, signal }),
  rate: (body: { community: string; unitCode: string; periodStart: string; score: number; comment: string }) => request<RateableList>('PUT', `${base}/ratings`, { body }),
  recurring: (q: { year: number; under?: string | undefined }, signal?: AbortSignal) => request<Json<contract.RecurringList>>('GET', `${base}/recurring`, { query: q, signal }),
  recurringXlsxUrl: (q: { year: number; under?: string | undefined }) => buildUrl(`${base}/recurring.xlsx`, q),
  topics: (q: Paging & { status?: string | undefined }, signal?: AbortSignal) => request<Paged<TopicSummary>>('GET', `${base}/topics`, { query: q, signal }),
  topic: (topicId: string, signal?: AbortSignal) => request<Topic>('GET', `${base}/topics/${id(topicId)}`, { signal }),
  openTopic: (body: contract.CreateTopicBody) => request<Topic>('POST', `${base}/topics`, { body }),
  updateTask: (topicId: string, taskId: string, body: { status: 'open' | 'done'; note?: string }) => request<Topic>('POST', `${base}/topics/${id(topicId)}/tasks/${id(taskId)}`, { body }),
  closeTopic: (topicId: string, note: string) => request<Topic>('POST', `${base}/topics/${id(topicId)}/close`, { body: { note } }),

  dataSources: (signal?: AbortSignal) => request<Json<contract.DataSourceList>>('GET', `${base}/data-sources`, { signal }),
  schemes: (q: Paging, signal?: AbortSignal) => request<Paged<SchemeSummary>>('GET', `${base}/schemes`, { query: q, signal }),
  scheme: (schemeId: string, signal?: AbortSignal) => request<Scheme>('GET', `${base}/schemes/${id(schemeId)}`, { signal }),
  createScheme: (body: contract.CreateSchemeBody) => request<Scheme>('POST', `${base}/schemes`, { body }),
  evaluatorScores: (schemeId: string, body: contract.EvaluatorScoresBody) => request<Scheme>('POST', `${base}/schemes/${id(schemeId)}/evaluator-scores`, { body }),
  compute: (schemeId: string) => request<SchemeResult>('POST', `${base}/schemes/${id(schemeId)}/compute`),
  publish: (schemeId: string) => request<Scheme>('POST', `${base}/schemes/${id(schemeId)}/publish`),
  result: (schemeId: string, signal?: AbortSignal) => request<SchemeResult>('GET', `${base}/schemes/${id(schemeId)}/result`, { signal }),
  resultXlsxUrl: (schemeId: string) => `${base}/schemes/${id(schemeId)}/result.xlsx`,
  trace: (schemeId: string, q: { indicatorId: string; orgUnitCode: string }, signal?: AbortSignal) => request<ScoreTrace>('GET', `${base}/schemes/${id(schemeId)}/trace`, { query: q, signal }),

  surveys: (q: Paging, signal?: AbortSignal) => request<Paged<SurveySummary>>('GET', `${base}/surveys`, { query: q, signal }),
  survey: (surveyId: string, signal?: AbortSignal) => request<Survey>('GET', `${base}/surveys/${id(surveyId)}`, { signal }),
  createSurvey: (body: contract.CreateSurveyBody) => request<Survey>('POST', `${base}/surveys`, { body }),
  sample: (surveyId: string, body: { perCommunity: number; seed: number }) => request<Json<contract.SampleResult>>('POST', `${base}/surveys/${id(surveyId)}/sample`, { body }),
  invitations: (surveyId: string, q: Paging & { answered?: string | undefined }, signal?: AbortSignal) => request<Paged<Invitation>>('GET', `${base}/surveys/${id(surveyId)}/invitations`, { query: q, signal }),
  surveyResults: (surveyId: string, signal?: AbortSignal) => request<SurveyResults>('GET', `${base}/surveys/${id(surveyId)}/results`, { signal }),
  answerByWorker: (surveyId: string, body: { invitationCode: string; answers: Answers }) => request<Json<contract.AnswerReceipt>>('POST', `${base}/surveys/${id(surveyId)}/answers`, { body }),
  publicSurvey: (code: string, signal?: AbortSignal) => request<PublicSurvey>('GET', `/api/public/surveys/${id(code)}`, { signal }),
  answerByCode: (code: string, answers: Answers) => request<Json<contract.AnswerReceipt>>('POST', `/api/public/surveys/${id(code)}`, { body: { answers } }),

  report: (q: { unit: string; from: string; to: string }, signal?: AbortSignal) => request<UnitReport>('GET', `${base}/reports`, { query: q, signal }),
  reportXlsxUrl: (q: { unit: string; from: string; to: string }) => buildUrl(`${base}/reports.xlsx`, q),
};
