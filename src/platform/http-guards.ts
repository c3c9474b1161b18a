// The HTTP edge's guards, each applied once for every route (http.ts installs them): what the
// access log may show of a URL, the Content-Security-Policy, the Origin of state-changing
// requests, and input no route should ever see (NUL bytes, numbers out of range).
import type { FastifyRequest } from 'fastify';
import type { FieldError } from './contract.ts';

// Parameters that may carry personal data or a secret: these names, and any name holding one of the parts.
const redactedNames = new Set(['q', 'search', 'keyword', 'name', 'address', 'mobile', 'tel']);
const redactedParts = /phone|id|key|token|password|secret|mobile|name|address/i;

/** Whether a query parameter's value is kept out of logs. */
export function isRedactedParameter(name: string): boolean {
  return redactedNames.has(name.toLowerCase()) || redactedParts.test(name);
}

/** The URL with the value of every personal or secret query parameter replaced by `***`. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // a malformed name is redacted below like any other
      }
      if (eq < 0) return pair;
      return isRedactedParameter(name) || name !== rawName.replace(/\+/g, ' ') ? `${rawName}=***` : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

/** How the access log shows a request: its URL redacted. */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip };
}

/**
 * The web app's Content-Security-Policy: scripts only from this origin (no inline script);
 * inline styles are allowed because antd writes its CSS-in-JS into <style> elements; map
 * tiles may come from the configured tile server; maplibre runs its worker from a blob.
 */
export function contentSecurityPolicy(mapTileUrl: string | undefined): string {
  let tiles = '';
  if (mapTileUrl) {
    try {
      tiles = ` ${new URL(mapTileUrl.replace(/\{[^}]*\}/g, '0')).origin}`;
    } catch {
      tiles = '';
    }
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles}`,
    `connect-src 'self'${tiles}`,
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a request may change state given its Origin: a browser sends Origin with every
 * POST/PUT/PATCH/DELETE, and one from another site (a forged form or upload) is refused.
 * Clients without Origin (curl, Open311 clients, server-to-server) are allowed.
 */
export function isForeignOrigin(req: FastifyRequest): boolean {
  if (!stateChanging.has(req.method)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    // Both through URL, so a default port (:80, :443) compares equal to none.
    return new URL(origin).host !== new URL(`${req.protocol}://${req.host}`).host;
  } catch {
    return true; // 'null' (a sandboxed page, a file) or garbage
  }
}

// Paging past ten million pages (or rows) is never a real request, and the offset it makes can overflow.
const pagingNames = new Set(['page', 'pageSize', 'page_size', 'offset', 'limit']);
const maxPage = 10_000_000;

/**
 * The first input value no route may receive: a string holding a NUL byte (PostgreSQL
 * refuses it in text) or a number that is not finite or beyond the exact integers (a
 * `1e309` page, an offset past what the database takes). Looks into objects and arrays.
 */
export function unsafeInput(where: string, value: unknown, depth = 0): FieldError | undefined {
  if (pagingNames.has(where.split('.').at(-1) ?? '') && (typeof value === 'string' || typeof value === 'number') && /^\s*[+-]?\d/.test(String(value)) && !(Math.abs(Number(value)) <= maxPage)) {
    return { field: where, message: `不能大于 ${maxPage}` };
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field: where, message: '不能包含空字符（NUL）' };
    // Numbers written as text (query strings of routes that read them themselves).
    if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(value.trim()) && !Number.isSafeInteger(Number(value))) return { field: where, message: '数值超出范围' };
    return undefined;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? undefined : { field: where, message: '数值超出范围' };
  }
  if (value === null || typeof value !== 'object' || depth > 20) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeInput(`${where}.${i}`, value[i], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  // Parsed JSON, forms and query strings (whose objects may have a bare prototype), not files, buffers or streams.
  if (ArrayBuffer.isView(value) || value instanceof Date || typeof (value as { pipe?: unknown }).pipe === 'function') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return { field: `${where}.${key.replaceAll('\u0000', '')}`, message: '不能包含空字符（NUL）' };
    const found = unsafeInput(`${where}.${key}`, inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}
