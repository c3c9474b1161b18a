// What the cases module is configured with: categories, time limits, the working-day
// calendar, settings and the responsibility matrix.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../platform/http.ts';
import {
  calendarYear,
  calendarYearBody,
  calendarYearParams,
  caseSettings,
  caseSettingsBody,
  categoriesQuery,
  category,
  categoryBody,
  categoryListItem,
  categoryParams,
  idParams,
  routingRule,
  routingRuleBody,
  routingRulesQuery,
  savedCalendarYear,
  timeLimit,
  timeLimitBody,
} from '../contract.ts';
import {
  deleteRoutingRule,
  deleteTimeLimit,
  getCaseSettings,
  listCalendarYears,
  listCategories,
  listRoutingRules,
  listTimeLimits,
  resetCalendarYear,
  saveCalendarYear,
  saveCategory,
  saveRoutingRule,
  saveTimeLimit,
  searchCategories,
  updateCaseSettings,
} from '../settings.ts';
import type { CaseDeps } from '../use-cases/common.ts';
import { tags } from './cases.ts';

/** Categories, time limits, calendar, settings and the responsibility matrix. */
export async function caseSettingsRoutes(base: FastifyInstance, deps: CaseDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  app.get(
    '/api/cases/categories',
    {
      schema: {
        tags,
        summary: 'The category tree; q= searches subclasses by Chinese, pinyin (lajiluandui) or initials (ljld)',
        querystring: categoriesQuery,
        response: { 200: z.array(categoryListItem) },
      },
    },
    async (req) => {
      requireActor(req);
      if (req.query.q !== undefined) return searchCategories(db, req.query.q);
      return listCategories(db, { includeInactive: req.query.all === 'true' });
    },
  );

  app.put(
    '/api/cases/categories/:code',
    {
      schema: {
        tags,
        summary: 'Add or change a category (class or subclass) with its default matter class and Open311 attributes',
        params: categoryParams,
        body: categoryBody,
        response: { 200: category },
      },
    },
    async (req) => saveCategory(db, requireActor(req, 'case.configure'), { ...req.body, code: req.params.code }),
  );

  app.get('/api/cases/time-limits', { schema: { tags, summary: 'Time limits per category and stage', response: { 200: z.array(timeLimit) } } }, async (req) => {
    requireActor(req, 'case.read');
    return listTimeLimits(db);
  });
  app.put(
    '/api/cases/time-limits',
    { schema: { tags, summary: 'Set the time limit of a stage for a category (categoryCode null: the default)', body: timeLimitBody, response: { 200: timeLimit } } },
    async (req) => saveTimeLimit(db, requireActor(req, 'case.configure'), req.body),
  );
  app.delete('/api/cases/time-limits/:id', { schema: { tags, summary: "Remove a category's own time limit", params: idParams } }, async (req, reply) => {
    await deleteTimeLimit(db, requireActor(req, 'case.configure'), req.params.id);
    return reply.status(204).send();
  });

  app.get('/api/cases/calendar', { schema: { tags, summary: 'The working-day calendar: holidays and make-up working days (调休) per year', response: { 200: z.array(calendarYear) } } }, async (req) => {
    requireActor(req, 'case.read');
    return listCalendarYears(db);
  });
  app.put(
    '/api/cases/calendar/:year',
    {
      schema: {
        tags,
        summary: "Replace a year's holidays and make-up working days (when the State Council's notice is published)",
        params: calendarYearParams,
        body: calendarYearBody,
        response: { 200: savedCalendarYear },
      },
    },
    async (req) => saveCalendarYear(db, requireActor(req, 'case.configure'), req.params.year, req.body),
  );
  app.delete('/api/cases/calendar/:year', { schema: { tags, summary: 'Go back to the shipped arrangement of a year', params: z.object({ year: z.coerce.number().int() }) } }, async (req, reply) => {
    await resetCalendarYear(db, requireActor(req, 'case.configure'), req.params.year);
    return reply.status(204).send();
  });

  app.get('/api/cases/settings', { schema: { tags, summary: 'Settings of the cases module', response: { 200: caseSettings } } }, async (req) => {
    requireActor(req, 'case.read');
    return getCaseSettings(db);
  });
  app.patch(
    '/api/cases/settings',
    { schema: { tags, summary: 'Change settings (reopen limit, duplicate radius, working hours, auto-supervision…)', body: caseSettingsBody, response: { 200: caseSettings } } },
    async (req) => updateCaseSettings(db, requireActor(req, 'case.configure'), req.body),
  );

  app.get(
    '/api/cases/routing-rules',
    { schema: { tags, summary: 'The responsibility matrix (node × category → org unit)', querystring: routingRulesQuery, response: { 200: z.array(routingRule) } } },
    async (req) => listRoutingRules(db, requireActor(req, 'case.read'), req.query.node),
  );
  app.put(
    '/api/cases/routing-rules',
    { schema: { tags, summary: 'Set which org unit handles a category (null: any) on a node and below', body: routingRuleBody, response: { 200: routingRule } } },
    async (req) => saveRoutingRule(db, requireActor(req, 'case.configure'), req.body),
  );
  app.delete('/api/cases/routing-rules/:id', { schema: { tags, summary: 'Remove a rule of the matrix', params: idParams } }, async (req, reply) => {
    await deleteRoutingRule(db, requireActor(req, 'case.configure'), req.params.id);
    return reply.status(204).send();
  });
}
