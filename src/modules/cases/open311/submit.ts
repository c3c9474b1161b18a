// POST requests: a service request becomes a case (source open311), form-encoded or
// multipart with media files (stored as case attachments, checked by content like every
// upload). Placed by its point; without one, by matching address_string or address_id
// against the registry's buildings and houses within the key's part of the tree; when
// nothing matches, left at the key's org unit for its staff to place (no grid), never refused.
import type { FastifyRequest } from 'fastify';
import { AppError, errorMessage } from '../../../platform/errors.ts';
import { resolveApiKey } from '../../../platform/auth/sessions.ts';
import { hasPermission, type Actor } from '../../../platform/auth/scope.ts';
import type { AppContext } from '../../../platform/http.ts';
import { placeOf } from '../../org/index.ts';
import { matchAddress } from '../../registry/index.ts';
import { loadCaseRules } from '../settings.ts';
import { createCase } from '../use-cases/create-case.ts';
import { uploadAttachment } from '../use-cases/attachments.ts';
import type { CaseDeps } from '../use-cases/common.ts';
import { sensitiveCodes } from './present.ts';
import { addField, all, one, Open311Error, type Fields } from './format.ts';

/** What FixMyStreet sends when the reporter did not pin the place on a map. */
const NOT_PINPOINTED = '#NOTPINPOINTED#';
const MAX_MEDIA = 10;

export interface Upload {
  filename: string;
  bytes: Buffer;
}

/** The fields and files of a form-encoded or multipart body. */
export async function readBody(req: FastifyRequest): Promise<{ fields: Fields; files: Upload[] }> {
  if (!req.isMultipart()) return { fields: (req.body ?? {}) as Fields, files: [] };
  const fields: Fields = {};
  const files: Upload[] = [];
  for await (const part of req.parts()) {
    if (part.type === 'file') files.push({ filename: part.filename, bytes: await part.toBuffer() });
    else addField(fields, part.fieldname, String(part.value));
  }
  return { fields, files };
}

/** The API key of the request: X-API-Key, or api_key in the body or the query. */
export async function apiKeyActor(req: FastifyRequest, ctx: AppContext, fields: Fields): Promise<Actor> {
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

/** The key behind a POST (a request or an update): refused before the form is read further unless it may report. */
export async function reportingKeyActor(req: FastifyRequest, ctx: AppContext, fields: Fields): Promise<Actor> {
  const actor = await apiKeyActor(req, ctx, fields);
  if (!hasPermission(actor, 'case.report')) throw new Open311Error(403, 'this api_key may not submit requests or updates');
  return actor;
}

/** Only http(s) links are kept and republished (javascript:, data: and the like are refused). */
export function mediaUrls(fields: Fields): string[] {
  const urls = all(fields.media_url).map((u) => u.trim()).filter(Boolean);
  if (urls.length > MAX_MEDIA) throw new Open311Error(400, `media_url: at most ${MAX_MEDIA}`);
  for (const u of urls) {
    let protocol = '';
    try {
      protocol = new URL(u).protocol;
    } catch {
      // not a URL at all: refused below
    }
    if ((protocol !== 'http:' && protocol !== 'https:') || u.length > 500) throw new Open311Error(400, 'media_url must be an http or https URL (at most 500 characters)');
  }
  return urls;
}

function pointOf(fields: Fields): { lat?: number; lng?: number } {
  const lat = one(fields.lat);
  const lng = one(fields.long);
  if ((lat === undefined) !== (lng === undefined)) throw new Open311Error(400, 'lat and long must be given together');
  if (lat === undefined || lng === undefined) return {};
  const point = { lat: Number(lat), lng: Number(lng) };
  if (!Number.isFinite(point.lat) || Math.abs(point.lat) > 90 || !Number.isFinite(point.lng) || Math.abs(point.lng) > 180) {
    throw new Open311Error(400, 'lat/long are not valid WGS84 coordinates');
  }
  return point;
}

function emailOf(fields: Fields): string | undefined {
  const email = one(fields.email)?.trim();
  if (!email) return undefined;
  if (email.length > 200 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Open311Error(400, 'email is not an email address');
  return email;
}

/** Stores uploaded media files as attachments of a case yet to be written; a file refused by its content answers 400 naming it. */
export async function storeMedia(deps: CaseDeps, actor: Actor, files: Upload[]): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const stored = await uploadAttachment(deps, actor, { bytes: file.bytes, filename: file.filename }).catch((error: unknown) => {
      if (error instanceof AppError && error.status < 500) throw new Open311Error(400, `media ${file.filename}: ${errorMessage(error.code, 'en-US', error.details)}`);
      throw error;
    });
    ids.push(stored.id);
  }
  return ids;
}

/** Where an address-only request goes: the registry's match, else the key's own org unit. */
async function placeByAddress(ctx: AppContext, actor: Actor, address: string | undefined, addressId: string | undefined) {
  const under = actor.grants[0]?.orgPath ?? '';
  const match = await matchAddress(ctx.database.db, under, { text: address, id: addressId === NOT_PINPOINTED ? undefined : addressId });
  if (match) {
    return { orgCode: match.gridCode, lat: match.lat ?? undefined, lng: match.lng ?? undefined, houseIds: match.houseId ? [match.houseId] : undefined };
  }
  const keyNode = under.split('.').at(-1);
  if (!keyNode) throw new Open311Error(400, 'the address matched no building, and this api_key covers the whole tree: give lat and long');
  return { orgCode: keyNode };
}

/**
 * A point in no grid goes to a street or community key's own org unit; a district or
 * whole-tree key's point in no grid lies outside the area served, and is refused.
 */
async function fallbackForPoint(ctx: AppContext, actor: Actor): Promise<string | undefined> {
  const keyNode = actor.grants[0]?.orgPath.split('.').at(-1);
  if (!keyNode) return undefined;
  const level = (await placeOf(ctx.database.db, keyNode))?.level;
  return level === 'street' || level === 'community' ? keyNode : undefined;
}

/** POST /requests: the answer the spec gives (id, token, notice, account). */
export async function submitRequest(req: FastifyRequest, ctx: AppContext) {
  const db = ctx.database.db;
  const { fields, files } = await readBody(req);
  const actor = await reportingKeyActor(req, ctx, fields);
  const serviceCode = one(fields.service_code);
  if (!serviceCode) throw new Open311Error(400, 'service_code is required');
  const rules = await loadCaseRules(db);
  const category = rules.categories.get(serviceCode);
  if (!category || !category.active || category.parentCode === null) throw new Open311Error(400, `service_code ${serviceCode} not found`);
  const point = pointOf(fields);
  const address = one(fields.address_string)?.trim() || undefined;
  const addressId = one(fields.address_id)?.trim() || undefined;
  if (point.lat === undefined && !address && !addressId) throw new Open311Error(400, 'a location is required: lat and long, address_string or address_id');
  if (addressId && addressId.length > 100) throw new Open311Error(400, 'address_id: at most 100 characters');
  const urls = mediaUrls(fields);
  const email = emailOf(fields);
  const attributes: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(fields)) {
    const m = /^attribute\[([^\]]+)\]$/.exec(k);
    if (m?.[1]) attributes[m[1]] = v;
  }
  const place = point.lat === undefined ? await placeByAddress(ctx, actor, address, addressId) : { ...point, orgCode: await fallbackForPoint(ctx, actor) };
  const deps = { db, pii: ctx.pii, dataDir: ctx.config.dataDir };
  const attachmentIds = await storeMedia(deps, actor, files);
  const description = (one(fields.description) ?? '').trim();
  const name = [one(fields.last_name), one(fields.first_name)].filter(Boolean).join('');
  const phone = one(fields.phone);
  const { row } = await createCase(deps, actor, {
    title: `${category.name}${address ? ` · ${address}` : ''}`.slice(0, 100),
    description: (description || category.name).slice(0, 4000),
    categoryCode: category.code,
    source: 'open311',
    ...place,
    address: address?.slice(0, 200),
    reporter: name || phone ? { name: name || undefined, phone } : undefined,
    attributes,
    attachmentIds,
    // A sensitive category's cases are never public, whatever its matter class says.
    ...(sensitiveCodes(rules).includes(category.code) ? { isPublic: false } : {}),
    mediaUrl: urls[0],
    open311: { mediaUrls: urls, email, addressId, zipcode: one(fields.zipcode)?.trim().slice(0, 20) || undefined },
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
