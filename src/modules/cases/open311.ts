// Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2): service
// discovery, services (our subclasses, grouped by class) and their definitions (Open311
// attributes), POST requests (form-encoded, api_key), GET requests with the spec's filters
// and paging, GET one request, and tokens. XML and JSON; errors in the spec's format
// ([{code, description}] / <errors><error>…), with the HTTP status equal to the code.
//
// Our states map to the spec's two: open while a case can still move on, closed once it is
// closed, rated, rejected or merged. status_notes says where it is in our words,
// agency_responsible names the handling unit, expected_datetime is the current stage's
// deadline. Only public cases are listed (never 居民私事), and no personal data.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/http.ts';
import { AppError, errorMessage } from '../../platform/errors.ts';
import { resolveApiKey } from '../../platform/auth/sessions.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { cases, caseTimeline, type CaseRow } from './schema.ts';
import { placeOf } from '../org/index.ts';
import { loadCaseRules } from './settings.ts';
import { openStates } from './use-cases/common.ts';
import { createCase } from './use-cases/create-case.ts';
import type { CaseState } from './contract.ts';

type Format = 'json' | 'xml';

class Open311Error extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

/** W3C datetime in Beijing time, as the spec asks (with the offset). */
export function w3cDate(date: Date | null): string | null {
  if (!date) return null;
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);

type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

// How the spec names the elements of each list.
const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

function xmlOf(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => xmlOf(itemNames[name] ?? 'item', v)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => xmlOf(k, v)).join('')}</${name}>`;
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

function send(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200) {
  void reply.status(status);
  if (format === 'xml') {
    return reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>${xmlOf(root, value)}`);
  }
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

function formatOf(raw: unknown): Format {
  if (raw === 'json' || raw === 'xml') return raw;
  throw new Open311Error(404, 'format must be json or xml');
}

const stateNotes: Record<CaseState, string> = {
  reported: '已上报，等待受理 / reported, waiting to be accepted',
  accepted: '已受理 / accepted',
  rejected: '不予受理 / not accepted',
  registered: '已立案，等待派遣 / registered, waiting for dispatch',
  dispatched: '已派遣 / dispatched',
  handling: '处置中 / being handled',
  handled: '已处置，等待核查 / handled, waiting for verification',
  closed: '已结案 / closed',
  rated: '已结案并评价 / closed and rated',
  suspended: '已挂起 / suspended',
  merged: '已合并到其他案件 / merged into another request',
};

/** A case as an Open311 service request. */
async function presentRequest(ctx: AppContext, row: CaseRow) {
  const rules = await loadCaseRules(ctx.database.db);
  const category = rules.categories.get(row.categoryCode);
  let notes = stateNotes[row.state];
  if (['rejected', 'closed', 'rated', 'handled'].includes(row.state)) {
    const [last] = await ctx.database.db
      .select({ text: caseTimeline.text, reason: caseTimeline.reason })
      .from(caseTimeline)
      .where(and(eq(caseTimeline.caseId, row.id), inArray(caseTimeline.action, ['reject', 'feedback'])))
      .orderBy(desc(caseTimeline.version))
      .limit(1);
    const said = last?.text ?? last?.reason;
    if (said) notes = `${notes}: ${said}`;
  }
  if (row.state === 'merged' && row.parentCaseId) {
    const [parent] = await ctx.database.db.select({ number: cases.number }).from(cases).where(eq(cases.id, row.parentCaseId));
    if (parent) notes = `${notes}: ${parent.number}`;
  }
  const agencyCode = row.handlingUnit ?? row.dispatcherUnit ?? row.communityCode ?? row.streetCode;
  const agency = agencyCode ? ((await placeOf(ctx.database.db, agencyCode))?.name ?? null) : null;
  return {
    service_request_id: row.number,
    status: openStates.includes(row.state) ? 'open' : 'closed',
    status_notes: notes,
    service_name: category?.name ?? row.categoryCode,
    service_code: row.categoryCode,
    description: row.description,
    agency_responsible: agency,
    service_notice: null,
    requested_datetime: w3cDate(row.createdAt),
    updated_datetime: w3cDate(row.updatedAt),
    expected_datetime: openStates.includes(row.state) ? w3cDate(row.deadlineAt) : null,
    address: row.address || null,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: row.mediaUrl,
  };
}

function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const k = key.endsWith('[]') ? key.slice(0, -2) : key;
    const prev = out[k];
    out[k] = prev === undefined ? (key.endsWith('[]') ? [value] : value) : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

const one = (v: unknown): string | undefined => (Array.isArray(v) ? (v[0] as string | undefined) : typeof v === 'string' ? v : undefined);

function parseDate(v: string | undefined, name: string): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} is not a W3C datetime`);
  return d;
}

async function apiKeyActor(req: FastifyRequest, ctx: AppContext, fields: Record<string, unknown>): Promise<Actor> {
  const result = req.actorResult;
  if (result && 'actor' in result && result.actor.kind === 'api_key') return result.actor;
  const key = one(fields.api_key) ?? one((req.query as Record<string, unknown>).api_key);
  if (!key) throw new Open311Error(403, 'api_key was not provided');
  try {
    return { ...(await resolveApiKey(ctx.database.db, key)), ip: req.ip, requestId: req.id };
  } catch {
    throw new Open311Error(403, 'api_key is invalid or revoked');
  }
}

const formatParams = z.object({ format: z.string() });
const tags = ['open311'];

/** Open311 GeoReport v2 routes. */
export async function open311Routes(base: FastifyInstance, ctx: AppContext): Promise<void> {
  await base.register(
    async (scoped) => {
      const app = scoped.withTypeProvider<ZodTypeProvider>();
      const db = ctx.database.db;
      scoped.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(body as string)));

      const formatFromUrl = (req: FastifyRequest): Format => (/\.xml(\?|$)/.test(req.url) ? 'xml' : 'json');
      scoped.setErrorHandler((error: FastifyError | Open311Error | AppError, req, reply) => {
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
        return send(reply, formatFromUrl(req), 'errors', [{ code, description }], code);
      });
      // Anything else under /open311/v2/ is a 404 in the spec's format.
      scoped.all('/*', { schema: { hide: true } }, (req, reply) => send(reply, formatFromUrl(req), 'errors', [{ code: 404, description: `no such resource: ${req.url.split('?')[0]}` }], 404));

      app.get('/discovery.:format', { schema: { tags, summary: 'Open311 service discovery', params: formatParams } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const url = `${req.protocol}://${req.host}/open311/v2/`;
        return send(reply, format, 'discovery', {
          changeset: w3cDate(new Date('2026-11-21T00:00:00Z')),
          contact: 'Gongzhi 共治 — the street office that runs this server',
          key_service: 'API keys are issued by the security administrator (gongzhi apikey create).',
          endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: w3cDate(new Date('2026-11-21T00:00:00Z')), type: 'production', formats: ['text/xml', 'application/json'] }],
        });
      });

      app.get('/services.:format', { schema: { tags, summary: 'Open311 services (case subclasses)', params: formatParams } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const rules = await loadCaseRules(db);
        const services = [...rules.categories.values()]
          .filter((c) => c.active && c.parentCode !== null)
          .map((c) => ({
            service_code: c.code,
            service_name: c.name,
            description: c.description || c.name,
            metadata: c.attributes.length > 0,
            type: 'realtime',
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

      app.post('/requests.:format', { schema: { tags, summary: 'Open311: submit a service request (form-encoded; api_key)', params: formatParams } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        return send(reply, format, 'service_requests', await submitRequest(req, ctx));
      });

      app.get('/requests.:format', { schema: { tags, summary: 'Open311: service requests (filters: service_request_id, service_code, start_date, end_date, status; paging: page, page_size)', params: formatParams } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const { conditions, page, pageSize } = requestFilters(req.query as Record<string, string | undefined>);
        const rows = await db
          .select()
          .from(cases)
          .where(and(...conditions))
          .orderBy(desc(cases.createdAt), desc(cases.id))
          .limit(pageSize)
          .offset((page - 1) * pageSize);
        return send(reply, format, 'service_requests', await Promise.all(rows.map((r) => presentRequest(ctx, r))));
      });

      app.get('/requests/:id.:format', { schema: { tags, summary: 'Open311: one service request', params: z.object({ id: z.string(), format: z.string() }) } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const [row] = await db.select().from(cases).where(and(eq(cases.number, req.params.id), eq(cases.isPublic, true)));
        if (!row) throw new Open311Error(404, `service_request_id ${req.params.id} not found`);
        return send(reply, format, 'service_requests', [await presentRequest(ctx, row)]);
      });

      app.get('/tokens/:token.:format', { schema: { tags, summary: 'Open311: the service request id of a token', params: z.object({ token: z.string(), format: z.string() }) } }, async (req, reply) => {
        const format = formatOf(req.params.format);
        const [row] = await db.select({ number: cases.number, token: cases.open311Token }).from(cases).where(eq(cases.open311Token, req.params.token));
        if (!row) throw new Open311Error(404, `token ${req.params.token} not found`);
        return send(reply, format, 'service_requests', [{ service_request_id: row.number, token: row.token }]);
      });
    },
    { prefix: '/open311/v2' },
  );
}

/** POST /requests: a form-encoded service request becomes a case (source open311). */
async function submitRequest(req: FastifyRequest, ctx: AppContext) {
  const db = ctx.database.db;
  const fields = (req.body ?? {}) as Record<string, string | string[]>;
  const actor = await apiKeyActor(req, ctx, fields);
  const serviceCode = one(fields.service_code);
  if (!serviceCode) throw new Open311Error(400, 'service_code is required');
  const rules = await loadCaseRules(db);
  const category = rules.categories.get(serviceCode);
  if (!category || !category.active || category.parentCode === null) throw new Open311Error(404, `service_code ${serviceCode} not found`);
  const lat = one(fields.lat);
  const lng = one(fields.long);
  const address = one(fields.address_string);
  if ((lat === undefined) !== (lng === undefined)) throw new Open311Error(400, 'lat and long must be given together');
  if (lat === undefined && !address && !one(fields.address_id)) throw new Open311Error(400, 'a location is required: lat and long, address_string or address_id');
  const latN = lat === undefined ? undefined : Number(lat);
  const lngN = lng === undefined ? undefined : Number(lng);
  if ((latN !== undefined && (!Number.isFinite(latN) || Math.abs(latN) > 90)) || (lngN !== undefined && (!Number.isFinite(lngN) || Math.abs(lngN) > 180))) {
    throw new Open311Error(400, 'lat/long are not valid WGS84 coordinates');
  }
  const attributes: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(fields)) {
    const m = /^attribute\[([^\]]+)\]$/.exec(k);
    if (m?.[1]) attributes[m[1]] = v;
  }
  const description = (one(fields.description) ?? '').trim();
  const name = [one(fields.last_name), one(fields.first_name)].filter(Boolean).join('');
  const phone = one(fields.phone);
  const keyNode = actor.grants[0]?.orgPath.split('.').at(-1);
  const { row } = await createCase({ db, pii: ctx.pii, dataDir: ctx.config.dataDir }, actor, {
    title: `${category.name}${address ? ` · ${address}` : ''}`.slice(0, 100),
    description: (description || category.name).slice(0, 4000),
    categoryCode: category.code,
    source: 'open311',
    lat: latN,
    lng: lngN,
    address: address?.slice(0, 200),
    orgCode: latN === undefined ? keyNode : undefined,
    reporter: name || phone ? { name: name || undefined, phone } : undefined,
    attributes,
    mediaUrl: one(fields.media_url)?.slice(0, 500),
    open311Token: true,
  }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'CASE_LOCATION_UNKNOWN') throw new Open311Error(400, 'the location is outside the area this server covers');
    if (error instanceof AppError && (error.code === 'CASE_INPUT_REQUIRED' || error.code === 'CASE_INPUT_INVALID')) {
      throw new Open311Error(400, errorMessage(error.code, 'en-US', error.details));
    }
    throw error;
  });
  return [{ service_request_id: row.number, token: row.open311Token, service_notice: null, account_id: one(fields.account_id) ?? null }];
}

/** GET /requests: the spec's filters as conditions, and the page asked for. */
function requestFilters(query: Record<string, string | undefined>): { conditions: (SQL | undefined)[]; page: number; pageSize: number } {
  const conditions: (SQL | undefined)[] = [eq(cases.isPublic, true)];
  const ids = query.service_request_id?.split(',').map((s) => s.trim()).filter(Boolean);
  let pageSize = Math.min(1000, Math.max(1, Number(query.page_size ?? 1000) || 1000));
  let page = Math.max(1, Number(query.page ?? 1) || 1);
  if (ids?.length) {
    // The spec: with service_request_id, the other parameters are ignored.
    conditions.push(inArray(cases.number, ids));
    page = 1;
    pageSize = 1000;
  } else {
    const codes = query.service_code?.split(',').map((s) => s.trim()).filter(Boolean);
    if (codes?.length) conditions.push(inArray(cases.categoryCode, codes));
    const start = parseDate(query.start_date, 'start_date');
    const end = parseDate(query.end_date, 'end_date');
    // Without dates the spec's default window is the last 90 days.
    const from = start ?? new Date((end ?? new Date()).getTime() - 90 * 86_400_000);
    conditions.push(sql`${cases.createdAt} >= ${from.toISOString()}`);
    if (end) conditions.push(sql`${cases.createdAt} <= ${end.toISOString()}`);
    const statuses = query.status?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open or closed');
    if (statuses?.length === 1) conditions.push(statuses[0] === 'open' ? inArray(cases.state, [...openStates]) : sql`${cases.state} not in ${openStates}`);
  }
  return { conditions, page, pageSize };
}
