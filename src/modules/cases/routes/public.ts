// The public follow-up by case number and phone (办理过程可查询), without an account.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { rateTrackedBody, trackBody, trackedCase } from '../contract.ts';
import type { CaseDeps } from '../use-cases/common.ts';
import { rateTrackedCase, trackCase } from '../use-cases/track-case.ts';

const trackLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** Following and rating a case as a member of the public. */
export async function casePublicRoutes(base: FastifyInstance, deps: CaseDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/public/cases/track',
    {
      config: trackLimit,
      schema: { tags: ['public'], summary: 'Follow a case by its number and the phone given when reporting (办理过程可查询)', body: trackBody, response: { 200: trackedCase } },
    },
    async (req) => trackCase(deps, req.body.number, req.body.phone),
  );
  app.post(
    '/api/public/cases/rate',
    {
      config: trackLimit,
      schema: { tags: ['public'], summary: 'Rate a closed case by its number and phone (unsatisfied reopens it once by default)', body: rateTrackedBody, response: { 200: trackedCase } },
    },
    async (req) => rateTrackedCase(deps, req.body),
  );
}
