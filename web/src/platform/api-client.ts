// The one API client of the web app: typed calls, Accept-Language on every request, and
// errors thrown as ApiError carrying the server's stable code and localised message.
import type { z } from 'zod';
import type { FieldError, PublicConfig } from '#server/platform/contract.ts';
import type { pageOf } from '#server/platform/paging.ts';
import { getLocale, translate } from './i18n/locale.ts';

// ---- Shapes shared by every feature ----

/** A page of a list, as every paged response has it (src/platform/paging.ts). */
export type Paged<T> = Omit<z.infer<ReturnType<typeof pageOf>>, 'items'> & { items: T[] };

/** GET /api/config/public, as the server's contract states it. */
export type { PublicConfig };

// ---- Errors ----

/** A field's validation message, as the server's contract states it. */
export type { FieldError };

/** A failed call: `code` is the server's stable error code (or NETWORK / HTTP_nnn). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level validation messages, when the server sent them. */
  get fields(): FieldError[] {
    const fields = this.details.fields;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is FieldError => isObject(f) && typeof f.field === 'string' && typeof f.message === 'string',
    );
  }
}

/** Any thrown value as an ApiError, so screens handle one kind of error. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(0, 'CLIENT', message);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- Session hooks: set by the router so a 401 or a pending password change redirects ----

export interface AuthRedirects {
  onSignedOut: (code: 'NOT_AUTHENTICATED' | 'SESSION_EXPIRED') => void;
  onPasswordChangeRequired: () => void;
}

let redirects: AuthRedirects | null = null;

export function setAuthRedirects(next: AuthRedirects | null): void {
  redirects = next;
}

// ---- Transport ----

type QueryValue = string | number | boolean | null | undefined;

interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A JSON text sent as is (an uploaded file), instead of serialising `body`. */
  rawJson?: string;
  signal?: AbortSignal;
  /** Do not redirect on 401 / PASSWORD_CHANGE_REQUIRED: the caller handles it (login, boot). */
  quiet?: boolean;
  /** Extra headers (the offline outbox's Idempotency-Key). */
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const locale = getLocale();
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json', 'Accept-Language': locale };
  let body: string | undefined;
  if (options.rawJson !== undefined) body = options.rawJson;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', translate(locale, 'common.networkError'));
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const error = parseError(response.status, data, locale);
    if (!options.quiet) {
      if (error.code === 'NOT_AUTHENTICATED' || error.code === 'SESSION_EXPIRED') redirects?.onSignedOut(error.code);
      else if (error.code === 'PASSWORD_CHANGE_REQUIRED') redirects?.onPasswordChangeRequired();
    }
    throw error;
  }
  if (data === undefined) throw new ApiError(response.status, `HTTP_${response.status}`, translate(locale, 'common.unknownError', { status: response.status }));
  // The server validates every response against the same schema these types mirror.
  return data as T;
}

/** The ApiError of a failed answer's status and parsed body. */
export function parseError(status: number, data: unknown, locale: ReturnType<typeof getLocale>): ApiError {
  const error = isObject(data) ? data.error : undefined;
  if (isObject(error) && typeof error.code === 'string') {
    return new ApiError(
      status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      isObject(error.details) ? error.details : {},
      typeof error.requestId === 'string' ? error.requestId : null,
    );
  }
  return new ApiError(status, `HTTP_${status}`, translate(locale, 'common.unknownError', { status }));
}

// ---- For what `request` does not carry: multipart bodies, PUT, binary answers (same ApiError) ----

export async function send(method: 'PUT' | 'POST' | 'GET', path: string, body?: FormData | unknown): Promise<Response> {
  const locale = getLocale();
  const headers: Record<string, string> = { 'Accept-Language': locale };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', translate(locale, 'common.networkError'));
  }
  if (!response.ok) {
    const data: unknown = await response.json().catch(() => null);
    throw parseError(response.status, data, locale);
  }
  return response;
}

export async function sendJson<T>(method: 'PUT' | 'POST', path: string, body: FormData | unknown): Promise<T> {
  return (await (await send(method, path, body)).json()) as T;
}

// ---- Endpoints every surface uses ----

export const platformApi = {
  publicConfig: () => request<PublicConfig>('GET', '/api/config/public', { quiet: true }),
};
