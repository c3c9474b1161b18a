// Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2): discovery,
// services (our subclasses, grouped by class; a category whose cases are never published is
// advertised as blackbox) and their definitions, POST requests (form-encoded or multipart,
// api_key), GET requests with the spec's filters and paging, one request, tokens, and the
// servicerequestupdates extension. XML and JSON; errors in the spec's format.
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/http.ts';
import { AppError, errorMessage } from '../../../platform/errors.ts';
import { maxUploadBytes } from '../../../platform/storage.ts';
import { cases } from '../schema.ts';
import { loadCaseRules } from '../settings.ts';
import { openStates } from '../use-cases/common.ts';
import { dateWindow, formatOf, Open311Error, pageOf, parseForm, send, w3cDate, type Format } from './format.ts';
import { presentRequest, sensitiveCodes, visibleToCaller, type Caller } from './present.ts';
import { apiKeyActor, submitRequest } from './submit.ts';
import { listUpdates, postUpdate } from './updates.ts';

const formatParams = z.object({ format: z.string() });
const tags = ['open311'];
const MAX_FILES = 5;

/** Who asks a GET: the API key given (X-API-Key or api_key), else nobody; a wrong key is refused. */
async function callerOf(req: FastifyRequest, ctx: AppContext): Promise<Caller> {
  const given = req.headers['x-api-key'] ?? (req.query as Record<string, unknown>).api_key;
  if (given === undefined || given === '') return { keyId: null };
  const actor = await apiKeyActor(req, ctx, {});
  return { keyId: actor.kind === 'api_key' ? actor.id : null };
}

/** GET /requests: the spec's filters as conditions, and the page asked for. */
function requestFilters(query: Record<string, string | undefined>): { conditions: (SQL | undefined)[]; page: number; pageSize: number } {
  const conditions: (SQL | undefined)[] = [];
  const ids = query.service_request_id?.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids?.length) {
    // The spec: with service_request_id, the other parameters are ignored.
    conditions.push(inArray(cases.number, ids));
    return { conditions, page: 1, pageSize: 1000 };
  }
  const codes = query.service_code?.split(',').map((s) => s.trim()).filter(Boolean);
  if (codes?.length) conditions.push(inArray(cases.categoryCode, codes));
  const { from, to } = dateWindow(query);
  conditions.push(sql`${cases.createdAt} >= ${from.toISOString()}`);
  if (to) conditions.push(sql`${cases.createdAt} <= ${to.toISOString()}`);
  const statuses = query.status?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open or closed');
  if (statuses?.length === 1) conditions.push(statuses[0] === 'open' ? inArray(cases.state, [...openStates]) : sql`${cases.state} not in ${openStates}`);
  return { conditions, ...pageOf(query) };
}

function errorHandler(error: FastifyError | Open311Error | AppError, req: FastifyRequest) {
  let code = 500;
  let description = 'internal error';
  if (error instanceof Open311Error) ({ code, description } = error);
  else if (error instanceof AppError) {
    code = error.status === 401 ? 403 : error.status;
    description = errorMessage(error.code, 'en-US', error.details);
  } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
    code = (error as FastifyError).statusCode!;
    description = error.message;
  } else req.log.error({ err: error }, 'open311 request failed');
  return { code, description };
}

/** Open311 GeoReport v2 routes. */
export async function open311Routes(base: FastifyInstance, ctx: AppContext): Promise<void> {
  await base.register(
    async (scoped) => {
      const app = scoped.withTypeProvider<ZodTypeProvider>();
      const db = ctx.database.db;
      scoped.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(body as string)));
      await scoped.register(multipart, { limits: { fileSize: maxUploadBytes, files: MAX_FILES } });

      const formatFromUrl = (req: FastifyRequest): Format => (/\.xml(\?|$)/.test(req.url) ? 'xml' : 'json');
      scoped.setErrorHandler((error: FastifyError | Open311Error | AppError, req, reply) => {
        const { code, description } = errorHandler(error, req);
        return send(reply, formatFromUrl(req), 'errors', [{ code, description }], code);
      });
      // Anything else under /open311/v2/ is a 404 in the spec's format.
      scoped.all('/*', { schema: { hide: true } }, (req, reply) => send(reply, formatFromUrl(req), 'errors', [{ code: 404, description: `no such resource: ${req.url.split('?')[0]}` }], 404));

      app.get('/discovery.:format', { schema: { tags, summary: 'Open311 service discovery', params: formatParams } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const url = `${req.protocol}://${req.host}/open311/v2/`;
        const changeset = w3cDate(new Date('2026-11-30T00:00:00Z'));
        return send(reply, format, 'discovery', {
          changeset,
          contact: 'Gongzhi 共治 — the street office that runs this server',
          key_service: 'API keys are issued by the security administrator (gongzhi apikey create).',
          endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
        });
      });

      app.get('/services.:format', { schema: { tags, summary: 'Open311 services (case subclasses)', params: formatParams } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const rules = await loadCaseRules(db);
        const hidden = new Set(sensitiveCodes(rules));
        const services = [...rules.categories.values()]
          .filter((c) => c.active && c.parentCode !== null)
          .map((c) => ({
            service_code: c.code,
            service_name: c.name,
            description: c.description || c.name,
            metadata: c.attributes.length > 0,
            // blackbox: nothing of the request is published afterwards (the submitting client still follows it).
            type: hidden.has(c.code) || c.defaultMatterClass === 'private' ? 'blackbox' : 'realtime',
            keywords: c.keywords.split(/\s+/).filter(Boolean).join(','),
            group: rules.categories.get(c.parentCode ?? '')?.name ?? '',
          }));
        return send(reply, format, 'services', services);
      });

      app.get('/services/:code.:format', { schema: { tags, summary: 'Open311 service definition (attributes)', params: z.object({ code: z.string(), format: z.string() }) } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const rules = await loadCaseRules(db);
        const c = rules.categories.get(req.params.code);
        if (!c || !c.active || c.parentCode === null) throw new Open311Error(404, `service_code ${req.params.code} not found`);
        return send(reply, format, 'service_definition', {
          service_code: c.code,
          attributes: c.attributes.map((a) => ({
            variable: true,
            code: a.code,
            datatype: a.datatype,
            required: a.required,
            datatype_description: a.datatype === 'number' ? 'a number' : null,
            order: a.order,
            description: a.description,
            ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
          })),
        });
      });

      app.post('/requests.:format', { schema: { tags, summary: 'Open311: submit a service request (form-encoded or multipart with media; api_key)', params: formatParams } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        return send(reply, format, 'service_requests', await submitRequest(req, ctx));
      });

      app.get('/requests.:format', { schema: { tags, summary: 'Open311: service requests (filters: service_request_id, service_code, start_date, end_date, status; paging: page, page_size)', params: formatParams } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const caller = await callerOf(req, ctx);
        const { conditions, page, pageSize } = requestFilters(req.query as Record<string, string | undefined>);
        const rows = await db
          .select()
          .from(cases)
          .where(and(await visibleToCaller(db, caller), ...conditions))
          .orderBy(desc(cases.createdAt), desc(cases.id))
          .limit(pageSize)
          .offset((page - 1) * pageSize);
        return send(reply, format, 'service_requests', await Promise.all(rows.map((r) => presentRequest(db, r, caller))));
      });

      app.get('/requests/:id.:format', { schema: { tags, summary: 'Open311: one service request', params: z.object({ id: z.string(), format: z.string() }) } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const caller = await callerOf(req, ctx);
        const [row] = await db.select().from(cases).where(and(eq(cases.number, req.params.id), await visibleToCaller(db, caller)));
        if (!row) throw new Open311Error(404, `service_request_id ${req.params.id} not found`);
        return send(reply, format, 'service_requests', [await presentRequest(db, row, caller)]);
      });

      app.get('/tokens/:token.:format', { schema: { tags, summary: 'Open311: the service request id of a token', params: z.object({ token: z.string(), format: z.string() }) } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const [row] = await db.select({ number: cases.number, token: cases.open311Token }).from(cases).where(eq(cases.open311Token, req.params.token));
        if (!row) throw new Open311Error(404, `token ${req.params.token} not found`);
        return send(reply, format, 'service_requests', [{ service_request_id: row.number, token: row.token }]);
      });

      app.get('/servicerequestupdates.:format', { schema: { tags, summary: 'Open311 extension: updates of service requests (start_date, end_date; page, page_size)', params: formatParams } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const caller = await callerOf(req, ctx);
        return send(reply, format, 'service_request_updates', await listUpdates(ctx, req.query as Record<string, unknown>, caller));
      });

      app.post('/servicerequestupdates.:format', { schema: { tags, summary: 'Open311 extension: a client’s update on a request it submitted (api_key)', params: formatParams } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        return send(reply, format, 'service_request_updates', await postUpdate(req, ctx));
      });
    },
    { prefix: '/open311/v2' },
  );
}
