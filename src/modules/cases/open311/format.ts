// The GeoReport v2 wire format: JSON or XML by the URL's extension, lists named as the spec
// names their elements, errors as [{code, description}] with the HTTP status equal to the
// code, W3C datetimes in Beijing time, and form fields as clients send them.
import type { FastifyReply } from 'fastify';

export type Format = 'json' | 'xml';

/** An answer in the spec's error format. */
export class Open311Error extends Error {
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

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

// How the spec (and the servicerequestupdates extension) names the elements of each list.
const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  media_urls: 'media_url',
};

function xmlOf(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => xmlOf(itemNames[name] ?? 'item', v)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => xmlOf(k, v)).join('')}</${name}>`;
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/** Sends a value as JSON, or as XML under the root element. */
export function send(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200) {
  void reply.status(status);
  if (format === 'xml') {
    return reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>${xmlOf(root, value)}`);
  }
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

export function formatOf(raw: unknown): Format {
  if (raw === 'json' || raw === 'xml') return raw;
  throw new Open311Error(404, 'format must be json or xml');
}

export type Fields = Record<string, string | string[]>;

/** Adds a field as clients repeat them: `media_url=a&media_url=b` and `media_url[]=a` both give a list. */
export function addField(out: Fields, key: string, value: string): void {
  const k = key.endsWith('[]') ? key.slice(0, -2) : key;
  const prev = out[k];
  out[k] = prev === undefined ? (key.endsWith('[]') ? [value] : value) : Array.isArray(prev) ? [...prev, value] : [prev, value];
}

export function parseForm(body: string): Fields {
  const out: Fields = {};
  for (const [key, value] of new URLSearchParams(body)) addField(out, key, value);
  return out;
}

export const one = (v: unknown): string | undefined => (Array.isArray(v) ? (v[0] as string | undefined) : typeof v === 'string' ? v : undefined);
export const all = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : []);

/**
 * A W3C datetime from a query or form. An offset's `+` sent unencoded arrives as a space
 * (`2026-11-30T10:00:00 08:00`): it is read as the `+` it was.
 */
export function parseDate(v: string | undefined, name: string): Date | undefined {
  if (!v) return undefined;
  const text = v
    .trim()
    .replace(/^(\d{4}-\d{2}-\d{2}T[\d:.]+) (\d{2}(?::?\d{2})?)$/, '$1+$2')
    // +0800 as +08:00, which every engine parses.
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const d = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} is not a W3C datetime`);
  return d;
}

const MAX_SPAN_DAYS = 90;

/** The spec's date window: start before end, at most 90 days; without dates, the last 90 days. */
export function dateWindow(query: Record<string, unknown>, now = new Date()): { from: Date; to: Date | undefined } {
  const start = parseDate(one(query.start_date), 'start_date');
  const end = parseDate(one(query.end_date), 'end_date');
  if (start && end && start.getTime() > end.getTime()) throw new Open311Error(400, 'start_date is after end_date');
  if (start && end && end.getTime() - start.getTime() > MAX_SPAN_DAYS * 86_400_000) throw new Open311Error(400, `start_date and end_date span more than ${MAX_SPAN_DAYS} days`);
  // One date alone: the 90 days after the start, or before the end (or now).
  const span = MAX_SPAN_DAYS * 86_400_000;
  if (start) return { from: start, to: end ?? new Date(start.getTime() + span) };
  return { from: new Date((end ?? now).getTime() - span), to: end };
}

/** page and page_size (at most 1000, the default). */
export function pageOf(query: Record<string, unknown>): { page: number; pageSize: number } {
  const pageSize = Math.min(1000, Math.max(1, Number(one(query.page_size) ?? 1000) || 1000));
  const page = Math.max(1, Number(one(query.page) ?? 1) || 1);
  return { page, pageSize };
}
