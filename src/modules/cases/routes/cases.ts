// Case intake and reading: report, list (and export), duplicates, one case, the to-do
// board's groups, the dispatch proposal and the hotline's caller history.
import { z } from 'zod';
import { pageQuery, type AppContext } from '../../../platform/http.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { AppError } from '../../../platform/errors.ts';
import { requirePermission } from '../../../platform/auth/scope.ts';
import {
  callerBody,
  callerHistory,
  caseDetail,
  caseDuplicate,
  caseListQuery,
  caseCount,
  casePage,
  caseStates,
  createCaseBody,
  createCaseResponse,
  dispatchProposal,
  duplicatesQuery,
  idParams,
  reporterView,
  revealReporterBody,
  todoCounts,
  todoStates,
  type CaseListQueryString,
  type CaseState,
} from '../contract.ts';
import type { CaseDeps } from '../use-cases/common.ts';
import { createCase } from '../use-cases/create-case.ts';
import { presentCreated } from '../use-cases/present.ts';
import { listCases, type CaseListQuery } from '../use-cases/list-cases.ts';
import { findDuplicates } from '../use-cases/find-duplicates.ts';
import { getCase } from '../use-cases/get-case.ts';
import { todoStates as todoStatesOf } from '../use-cases/todo.ts';
import { countCasesCached, countTodo } from '../use-cases/case-counts.ts';
import { proposeDispatch } from '../use-cases/propose-dispatch.ts';
import { callerHistory as callerHistoryOf } from '../use-cases/caller-history.ts';
import { revealReporter } from '../use-cases/reveal-reporter.ts';

/** What the case use cases need, out of the app's context. */
export function depsOf({ database, pii, config }: AppContext): CaseDeps {
  return { db: database.db, pii, dataDir: config.dataDir };
}

/** The list filters of a query string (the states as a comma-separated list). */
export function listFilters(q: CaseListQueryString): Omit<CaseListQuery, 'page' | 'pageSize'> {
  const states = q.state?.split(',').filter(Boolean);
  const bad = states?.find((s) => !(caseStates as readonly string[]).includes(s));
  if (bad) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'querystring.state', message: bad }], summary: `state: ${bad}` });
  return {
    states: states as CaseState[] | undefined,
    categoryCode: q.categoryCode,
    classCode: q.classCode,
    matterClass: q.matterClass,
    source: q.source,
    tier: q.tier,
    urgency: q.urgency,
    under: q.under,
    handlingUnit: q.handlingUnit,
    overdue: q.overdue === 'true',
    slaLevel: q.slaLevel,
    supervised: q.supervised === 'true',
    from: q.from,
    to: q.to,
    q: q.q,
    todo: q.todo === 'true',
    mine: q.mine === 'true',
    sort: q.sort,
  };
}

/** Intake and reading of cases. */
export const caseReadingRoutes = routeTable('cases', [
  route({
    method: 'POST',
    url: '/api/cases',
    summary: 'Report a case (resident, grid worker, hotline operator, staff); the grid is found from the point',
    access: 'case.report',
    body: createCaseBody,
    response: createCaseResponse,
    status: 201,
    // A phone replaying its offline queue sends the same Idempotency-Key again: one case.
    idempotent: true,
    handle: async ({ actor, body, ctx }) => {
      const deps = depsOf(ctx);
      const { row, duplicates } = await createCase(deps, actor, body);
      return { case: await presentCreated(deps, row), duplicates };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cases',
    summary: 'Cases in scope, with filters and paging (todo=true: my to-do); hasMore says whether a next page exists, total is exact on the last page and estimated before it (totalExact)',
    access: 'case.read',
    query: caseListQuery.extend(pageQuery),
    response: casePage,
    handle: ({ actor, query, ctx }) => listCases(depsOf(ctx), actor, { ...listFilters(query), page: query.page, pageSize: query.pageSize }),
  }),
  route({
    method: 'GET',
    url: '/api/cases/count',
    summary: 'How many cases the list filters keep, counted up to 10,000 (capped: more); the same answer for 30 s per scope and filter',
    access: 'case.read',
    query: caseListQuery,
    response: caseCount,
    handle: ({ actor, query, db }) => countCasesCached(db, actor, listFilters(query)),
  }),
  route({
    method: 'GET',
    url: '/api/cases/todo-counts',
    summary: 'My to-do board in numbers, in one answer: all, overdue, red, yellow, and per state the work waits in',
    access: 'case.read',
    response: todoCounts,
    handle: ({ actor, db }) => countTodo(db, actor),
  }),
  route({
    method: 'GET',
    url: '/api/cases/todo-states',
    summary: 'The states my to-do board groups its cases by: where the to-do rules (todo=true on the list) find work for my permissions',
    access: 'case.read',
    response: todoStates,
    handle: ({ actor }) => todoStatesOf(actor),
  }),
  route({
    method: 'GET',
    url: '/api/cases/duplicates',
    summary: 'Likely duplicates at intake: same category, open, recent, nearby',
    access: 'case.report',
    query: duplicatesQuery,
    response: z.array(caseDuplicate),
    handle: ({ actor, query, db }) => {
      requirePermission(actor, 'case.read');
      return findDuplicates(db, actor, query);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cases/:id',
    summary: 'One case: record, time limit, timeline, attachments and the actions you may take (allowedActions: with their inputs)',
    access: 'case.read',
    params: idParams,
    response: caseDetail,
    handle: ({ actor, params, ctx }) => getCase(depsOf(ctx), actor, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/cases/:id/dispatch-proposal',
    summary: 'Who should handle the case: the responsibility matrix for government matters, the community for community and private matters',
    access: 'case.dispatch',
    params: idParams,
    response: dispatchProposal,
    handle: ({ actor, params, ctx }) => proposeDispatch(depsOf(ctx), actor, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/cases/:id/reporter/reveal',
    summary: "The reporter's name and phone in clear, with a reason (audited); for those who may see the case's reporter",
    access: 'case.read',
    params: idParams,
    body: revealReporterBody,
    response: reporterView,
    handle: ({ actor, params, body, ctx }) => revealReporter(depsOf(ctx), actor, params.id, body.reason),
  }),
  // POST: the phone stays out of URLs (access logs); the look-up is rate-limited and audited.
  route({
    method: 'POST',
    url: '/api/cases/hotline/caller',
    summary: "A caller's earlier cases, by phone in the body (hotline intake): only cases whose reporter you may see; phone and name masked",
    access: 'case.report',
    body: callerBody,
    response: callerHistory,
    handle: ({ actor, body, ctx }) => callerHistoryOf(depsOf(ctx), actor, body.phone),
  }),
]);
