// The workflow endpoint: one action on one case.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../../platform/http.ts';
import { caseActionBody, caseActionRequest, caseActions, caseDetail, idParams, type CaseActionBody } from '../contract.ts';
import type { CaseDeps } from '../use-cases/common.ts';
import { actOnCase } from '../use-cases/act-on-case.ts';
import { getCase } from '../use-cases/get-case.ts';
import { tags } from './cases.ts';

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
export async function caseActionRoutes(base: FastifyInstance, deps: CaseDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/cases/:id/actions',
    {
      attachValidation: true,
      schema: {
        tags,
        summary: `Take a workflow action (${caseActions.join(', ')}); the body is the action's member, with what it requires and accepts`,
        params: idParams,
        body: caseActionRequest,
        response: { 200: caseDetail },
      },
    },
    async (req) => {
      const body: CaseActionBody = req.validationError ? flatBody(req) : req.body;
      const actor = requireActor(req, 'case.read');
      await actOnCase(deps, actor, req.params.id, body);
      return getCase(deps, actor, req.params.id);
    },
  );
}
