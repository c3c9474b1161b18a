// HTTP of the assessment: topics of the month, schemes and results, surveys (staff, /m and /portal), reports.
import { z } from 'zod';
import type { RouteModule } from '../../../platform/http.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { sendDownload, XLSX } from '../../../platform/download.ts';
import {
  answerBody, answerReceipt, closeTopicBody, createSchemeBody, createSurveyBody, createTopicBody, dataSourceList, evaluatorScoresBody, invitationListQuery, invitationPage,
  publicSurvey, recurringList, recurringQuery, reportQuery, sampleBody, sampleResult, schemeListQuery, schemePage, schemeResult, schemeView, scoreTrace, surveyListQuery,
  surveyPage, surveyResults, surveyView, topicListQuery, topicPage, topicView, traceQuery, unitReport, updateTaskBody, workerAnswerBody,
  rateableList, rateableQuery, rateUnitBody,
} from '../contract.ts';
import { rateableUnits, rateUnit } from '../use-cases/ratings.ts';
import { closeTopic, getTopic, listTopics, openTopic, recurringProblems, updateTask } from '../use-cases/topics.ts';
import { computeScheme, createScheme, getScheme, listDataSources, listSchemes, publishScheme, schemeResult as readResult, traceScore, uploadEvaluatorScores } from '../use-cases/schemes.ts';
import { answerByCode, answerByWorker, createSurvey, getSurvey, listInvitations, listSurveys, publicSurvey as readPublicSurvey, sampleSurvey, surveyResults as readResults } from '../use-cases/surveys.ts';
import { recurringWorkbook, reportWorkbook, resultWorkbook, unitReport as readReport } from '../use-cases/reports.ts';

const idParams = z.object({ id: z.string().uuid() });
const taskParams = z.object({ id: z.string().uuid(), taskId: z.string().uuid() });
const codeParams = z.object({ code: z.string().trim().min(4).max(20) });

const topicRoutes = routeTable('assessment', [
  route({ method: 'GET', url: '/api/assessment/recurring', summary: "The year's recurring problems (category × community) under a node", access: 'assessment.read', query: recurringQuery, response: recurringList, handle: ({ actor, query, db }) => recurringProblems(db, actor, query) }),
  route({
    method: 'GET', url: '/api/assessment/recurring.xlsx', summary: "The year's recurring problems (.xlsx)", access: 'assessment.read', query: recurringQuery,
    handle: async ({ actor, query, db, reply }) => {
      const file = await recurringWorkbook(db, actor, query);
      return sendDownload(reply, file.fileName, XLSX, file.bytes);
    },
  }),
  route({ method: 'GET', url: '/api/assessment/topics', summary: 'Topics of the month in my area', access: 'assessment.read', query: topicListQuery, response: topicPage, handle: ({ actor, query, db }) => listTopics(db, actor, query) }),
  route({ method: 'POST', url: '/api/assessment/topics', summary: 'Open a topic of the month with its tasks', access: 'assessment.manage', body: createTopicBody, response: topicView, status: 201, handle: ({ actor, body, db }) => openTopic(db, actor, body) }),
  route({ method: 'GET', url: '/api/assessment/topics/:id', summary: 'A topic with its tasks and monthly recurrence', access: 'assessment.read', params: idParams, response: topicView, handle: ({ actor, params, db }) => getTopic(db, actor, params.id) }),
  route({ method: 'POST', url: '/api/assessment/topics/:id/tasks/:taskId', summary: "Mark a topic's task done or open", access: 'assessment.manage', params: taskParams, body: updateTaskBody, response: topicView, handle: ({ actor, params, body, db }) => updateTask(db, actor, params.id, params.taskId, body) }),
  route({ method: 'POST', url: '/api/assessment/topics/:id/close', summary: 'Close a topic with a note', access: 'assessment.manage', params: idParams, body: closeTopicBody, response: topicView, handle: ({ actor, params, body, db }) => closeTopic(db, actor, params.id, body.note) }),
]);

const schemeRoutes = routeTable('assessment', [
  route({ method: 'GET', url: '/api/assessment/data-sources', summary: 'The indicator data sources', access: 'assessment.read', response: dataSourceList, handle: () => listDataSources() }),
  route({ method: 'GET', url: '/api/assessment/schemes', summary: 'Assessment schemes I may read', access: 'assessment.read', query: schemeListQuery, response: schemePage, handle: ({ actor, query, db }) => listSchemes(db, actor, query) }),
  route({ method: 'POST', url: '/api/assessment/schemes', summary: 'Define an assessment scheme with weighted indicators', access: 'assessment.manage', body: createSchemeBody, response: schemeView, status: 201, handle: ({ actor, body, db }) => createScheme(db, actor, body) }),
  route({ method: 'GET', url: '/api/assessment/schemes/:id', summary: 'A scheme with its indicators and units', access: 'assessment.read', params: idParams, response: schemeView, handle: ({ actor, params, db }) => getScheme(db, actor, params.id) }),
  route({ method: 'POST', url: '/api/assessment/schemes/:id/evaluator-scores', summary: "The third-party evaluator's scores with evidence", access: 'assessment.score', params: idParams, body: evaluatorScoresBody, response: schemeView, handle: ({ actor, params, body, db }) => uploadEvaluatorScores(db, actor, params.id, body) }),
  route({ method: 'POST', url: '/api/assessment/schemes/:id/compute', summary: 'Compute normalised, weighted scores and ranks', access: 'assessment.manage', params: idParams, response: schemeResult, handle: ({ actor, params, db }) => computeScheme(db, actor, params.id) }),
  route({ method: 'POST', url: '/api/assessment/schemes/:id/publish', summary: 'Publish the computed result', access: 'assessment.manage', params: idParams, response: schemeView, handle: ({ actor, params, db }) => publishScheme(db, actor, params.id) }),
  route({ method: 'GET', url: '/api/assessment/schemes/:id/result', summary: 'The ranked result', access: 'assessment.read', params: idParams, response: schemeResult, handle: ({ actor, params, db }) => readResult(db, actor, params.id) }),
  route({
    method: 'GET', url: '/api/assessment/schemes/:id/result.xlsx', summary: 'The ranked result (.xlsx)', access: 'assessment.read', params: idParams,
    handle: async ({ actor, params, db, reply }) => {
      const file = await resultWorkbook(db, actor, params.id);
      return sendDownload(reply, file.fileName, XLSX, file.bytes);
    },
  }),
  route({ method: 'GET', url: '/api/assessment/schemes/:id/trace', summary: "The source rows of one unit's score", access: 'assessment.read', params: idParams, query: traceQuery, response: scoreTrace, handle: ({ actor, params, query, db }) => traceScore(db, actor, params.id, query) }),
]);

const surveyRoutes = routeTable('assessment', [
  route({ method: 'GET', url: '/api/assessment/surveys', summary: 'Surveys in my area', access: 'assessment.read', query: surveyListQuery, response: surveyPage, handle: ({ actor, query, db }) => listSurveys(db, actor, query) }),
  route({ method: 'POST', url: '/api/assessment/surveys', summary: 'Create a questionnaire', access: 'assessment.manage', body: createSurveyBody, response: surveyView, status: 201, handle: ({ actor, body, db }) => createSurvey(db, actor, body) }),
  route({ method: 'GET', url: '/api/assessment/surveys/:id', summary: 'A questionnaire', access: 'assessment.read', params: idParams, response: surveyView, handle: ({ actor, params, db }) => getSurvey(db, actor, params.id) }),
  route({ method: 'POST', url: '/api/assessment/surveys/:id/sample', summary: 'Draw N households per community and invite them', access: 'assessment.manage', params: idParams, body: sampleBody, response: sampleResult, handle: ({ actor, params, body, db }) => sampleSurvey(db, actor, params.id, body) }),
  route({ method: 'GET', url: '/api/assessment/surveys/:id/invitations', summary: "A survey's invitations", access: 'assessment.read', params: idParams, query: invitationListQuery, response: invitationPage, handle: ({ actor, params, query, db }) => listInvitations(db, actor, params.id, query) }),
  route({ method: 'POST', url: '/api/assessment/surveys/:id/answers', summary: "A worker records a household's answer", access: 'assessment.survey', params: idParams, body: workerAnswerBody, response: answerReceipt, status: 201, idempotent: true, handle: ({ actor, params, body, db }) => answerByWorker(db, actor, params.id, body) }),
  route({ method: 'GET', url: '/api/assessment/surveys/:id/results', summary: 'Response rate and answers by question', access: 'assessment.read', params: idParams, response: surveyResults, handle: ({ actor, params, db }) => readResults(db, actor, params.id) }),
  route({ method: 'GET', url: '/api/public/surveys/:code', summary: 'The questionnaire an invitation code opens', access: 'public', params: codeParams, response: publicSurvey, config: { rateLimit: { max: 30, timeWindow: '1 minute' } }, handle: ({ params, db }) => readPublicSurvey(db, params.code) }),
  route({ method: 'POST', url: '/api/public/surveys/:code', summary: 'Answer a questionnaire by invitation code', access: 'public', params: codeParams, body: answerBody, response: answerReceipt, status: 201, config: { rateLimit: { max: 10, timeWindow: '1 minute' } }, handle: ({ params, body, db }) => answerByCode(db, params.code, body.answers) }),
]);

const ratingRoutes = routeTable('assessment', [
  route({ method: 'GET', url: '/api/assessment/ratings', summary: 'The departments a community may rate in a half year (those that led its cases), with its scores', access: 'assessment.survey', query: rateableQuery, response: rateableList, handle: ({ actor, query, db }) => rateableUnits(db, actor, query) }),
  route({ method: 'PUT', url: '/api/assessment/ratings', summary: 'A community rates a department that led its cases (下评上); again replaces the score', access: 'assessment.survey', body: rateUnitBody, response: rateableList, handle: ({ actor, body, db }) => rateUnit(db, actor, body) }),
]);

const reportRoutes = routeTable('assessment', [
  route({ method: 'GET', url: '/api/assessment/reports', summary: "A unit's report for a period", access: 'assessment.read', query: reportQuery, response: unitReport, handle: ({ actor, query, db }) => readReport(db, actor, query) }),
  route({
    method: 'GET', url: '/api/assessment/reports.xlsx', summary: "A unit's report for a period (.xlsx)", access: 'assessment.read', query: reportQuery,
    handle: async ({ actor, query, db, reply }) => {
      const file = await reportWorkbook(db, actor, query);
      return sendDownload(reply, file.fileName, XLSX, file.bytes);
    },
  }),
]);

export const assessmentRoutes: RouteModule = async (base, ctx) => {
  for (const table of [topicRoutes, schemeRoutes, surveyRoutes, ratingRoutes, reportRoutes]) await table(base, ctx);
};
