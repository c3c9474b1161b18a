// The workflow endpoint: one action on one case.
import type { FastifyRequest } from 'fastify';
import { route, routeTable } from '../../../platform/route.ts';
import { caseActionBody, caseActionRequest, caseActions, caseDetail, idParams, type CaseActionBody } from '../contract.ts';
import { actOnCase } from '../use-cases/act-on-case.ts';
import { getCase } from '../use-cases/get-case.ts';
import { depsOf } from './cases.ts';

/**
 * A body that fits no member of caseActionRequest, read in the flat form: the workflow then
 * answers with its own codes (an unknown action, a missing or blank input), as it always has.
 * Anything the flat form refuses too (a wrong type, an unknown field, bad params) stays a
 * VALIDATION_FAILED.
 */
function flatBody(req: FastifyRequest): CaseActionBody {
  const error = req.validationError as (Error & { validationContext?: string }) | undefined;
  if (!error) throw new Error('flatBody without a validation error');
  if (error.validationContext !== 'body') throw error;
  const flat = caseActionBody.safeParse(req.body);
  if (!flat.success) throw error;
  return flat.data;
}

/** Workflow actions on cases. */
export const caseActionRoutes = routeTable('cases', [
  route({
    method: 'POST',
    url: '/api/cases/:id/actions',
    summary: `Take a workflow action (${caseActions.join(', ')}); the body is the action's member, with what it requires and accepts`,
    access: 'case.read',
    params: idParams,
    body: caseActionRequest,
    response: caseDetail,
    attachValidation: true,
    handle: async ({ actor, params, body, ctx, req }) => {
      const deps = depsOf(ctx);
      await actOnCase(deps, actor, params.id, req.validationError ? flatBody(req) : body);
      return getCase(deps, actor, params.id);
    },
  }),
]);
