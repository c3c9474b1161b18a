// Case intake and reading: report, list (and export), duplicates, one case, the to-do
// board's groups, the dispatch proposal and the hotline's caller history.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery, requireActor } from '../../../platform/http.ts';
import { AppError } from '../../../platform/errors.ts';
import { requirePermission } from '../../../platform/auth/scope.ts';
import {
  callerHistory,
  callerQuery,
  caseDetail,
  caseDuplicate,
  caseListQuery,
  casePage,
  caseStates,
  createCaseBody,
  createCaseResponse,
  dispatchProposal,
  duplicatesQuery,
  idParams,
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
import { proposeDispatch } from '../use-cases/propose-dispatch.ts';
import { callerHistory as callerHistoryOf } from '../use-cases/caller-history.ts';

export const tags = ['cases'];

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
export async function caseReadingRoutes(base: FastifyInstance, deps: CaseDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Report a case (resident, grid worker, hotline operator, staff); the grid is found from the point',
        body: createCaseBody,
        response: { 201: createCaseResponse },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'case.report');
      const { row, duplicates } = await createCase(deps, actor, req.body);
      return reply.status(201).send({ case: await presentCreated(deps, row), duplicates });
    },
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Cases in scope, with filters and paging (todo=true: my to-do); total is counted up to 10,000 (totalCapped: more)',
        querystring: caseListQuery.extend(pageQuery),
        response: { 200: casePage },
      },
    },
    async (req) => listCases(deps, requireActor(req, 'case.read'), { ...listFilters(req.query), page: req.query.page, pageSize: req.query.pageSize }),
  );

  app.get(
    '/api/cases/todo-states',
    {
      schema: {
        tags,
        summary: 'The states my to-do board groups its cases by: where the to-do rules (todo=true on the list) find work for my permissions',
        response: { 200: todoStates },
      },
    },
    async (req) => todoStatesOf(requireActor(req, 'case.read')),
  );

  app.get(
    '/api/cases/duplicates',
    {
      schema: {
        tags,
        summary: 'Likely duplicates at intake: same category, open, recent, nearby',
        querystring: duplicatesQuery,
        response: { 200: z.array(caseDuplicate) },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'case.report');
      requirePermission(actor, 'case.read');
      return findDuplicates(deps.db, actor, req.query);
    },
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'One case: record, time limit, timeline, attachments and the actions you may take (allowedActions: with their inputs)',
        params: idParams,
        response: { 200: caseDetail },
      },
    },
    async (req) => getCase(deps, requireActor(req, 'case.read'), req.params.id),
  );

  app.get(
    '/api/cases/:id/dispatch-proposal',
    {
      schema: {
        tags,
        summary: 'Who should handle the case: the responsibility matrix for government matters, the community for community and private matters',
        params: idParams,
        response: { 200: dispatchProposal },
      },
    },
    async (req) => proposeDispatch(deps, requireActor(req, 'case.dispatch'), req.params.id),
  );

  app.get(
    '/api/cases/hotline/caller',
    {
      schema: {
        tags,
        summary: "A caller's earlier cases, by phone (hotline intake)",
        querystring: callerQuery,
        response: { 200: callerHistory },
      },
    },
    async (req) => callerHistoryOf(deps, requireActor(req, 'case.report'), req.query.phone),
  );
}
