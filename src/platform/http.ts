import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from './config.ts';
import { publicConfig, type FieldError } from './contract.ts';
import type { PiiCipher } from './crypto.ts';
import type { Database } from './db.ts';
import { AppError, errorMessage, pickLocale, type ErrorCode, type Locale } from './errors.ts';
import { resolveApiKey, resolveSession } from './auth/sessions.ts';
import { startSessionCache } from './auth/session-cache.ts';
import { requirePermission, type Actor } from './auth/scope.ts';
import type { Permission } from './auth/roles.ts';
import { recordAudit } from './audit.ts';
import { installErrorCodes, type ModuleDefinition } from './module.ts';
import { contentSecurityPolicy, isForeignOrigin, serializeRequest, unsafeInput } from './http-guards.ts';
import { serveWebApp } from './http-static.ts';

export { pageOf, pageQuery } from './paging.ts';

export const SESSION_COOKIE = 'gz_session';

/** What every route handler can reach: the database and the configuration. */
export interface AppContext {
  database: Database;
  config: Config;
  /** Encrypts, decrypts and hashes personal data (ID numbers, phones). */
  pii: PiiCipher;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    locale: Locale;
    actorResult: { actor: Actor } | { error: AppError } | null;
  }
}

/** A module's routes: a function that registers them on the typed app. */
export type RouteModule = (app: FastifyInstance, ctx: AppContext) => Promise<void> | void;

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface BuildOptions {
  ctx: AppContext;
  /** The modules whose routes are mounted and whose error codes are installed (src/modules/index.ts). */
  modules: readonly ModuleDefinition[];
  logger?: boolean;
  /** Where the log goes instead of stdout (a test reads it back). */
  logStream?: NodeJS.WritableStream;
  /** Called for every route as it is added (a test lists them all). */
  onRoute?: (route: RouteOptions) => void;
  /** Close the database when the app closes (after everything else that uses it). */
  closesDatabase?: boolean;
}

/** Builds the HTTP server: validation, errors, sessions, docs, modules' routes and the web app. */
export async function buildApp({ ctx, modules, logger = true, logStream, onRoute, closesDatabase = false }: BuildOptions): Promise<FastifyInstance> {
  installErrorCodes(modules);
  const app = Fastify({
    // The request serializer redacts personal and secret query parameters (http-guards.ts).
    logger: logger ? { level: ctx.config.logLevel, serializers: { req: serializeRequest }, ...(logStream ? { stream: logStream } : {}) } : false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 20 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  // onClose hooks run last-added first: added first, this one runs after the listeners and
  // streams that still use the database have stopped.
  if (closesDatabase) app.addHook('onClose', async () => ctx.database.close());
  if (onRoute) app.addHook('onRoute', onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('actorResult', null);
  const stopSessionCache = await startSessionCache(ctx.database, (message) => app.log.warn(message));
  app.addHook('onClose', stopSessionCache);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongzhi 共治 API', version: '0.1.0', description: 'Community governance and service platform' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const csp = contentSecurityPolicy(ctx.config.mapTileUrl);
  app.addHook('onRequest', async (req, reply) => {
    void reply.headers({
      'x-request-id': req.id,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      'content-security-policy': csp,
    });
    req.locale = pickLocale(req.headers['accept-language']);
    if (isForeignOrigin(req)) throw new AppError('FOREIGN_ORIGIN');
    // Static files of the web app need no session look-up.
    if (req.url.startsWith('/api/') || req.url.startsWith('/open311/')) req.actorResult = await identify(req, ctx);
  });

  // After the caller is checked (route tables check in preValidation) and the input parsed:
  // one check of every route's input for what PostgreSQL or paging would choke on.
  app.addHook('preHandler', async (req) => {
    const parts = { params: req.params, querystring: req.query, body: req.body };
    for (const [where, value] of Object.entries(parts)) {
      const problem = unsafeInput(where, value);
      if (problem) throw new AppError('VALIDATION_FAILED', { fields: [problem], summary: `${problem.field}: ${problem.message}` });
    }
  });

  app.setErrorHandler((error, req, reply) => {
    const { code, details } = classifyError(error, req);
    const status = new AppError(code).status;
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    const shown = status >= 500 ? { requestId: req.id } : details;
    void reply.status(status).send({
      error: { code, message: errorMessage(code, req.locale, { ...shown, requestId: req.id }), details: shown, requestId: req.id },
    });
  });

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await ctx.database.db.execute(sql`select 1`);
    return { status: 'ok', engine: ctx.database.engine };
  });

  app.get(
    '/api/config/public',
    {
      schema: {
        tags: ['platform'],
        summary: 'Settings the web app needs before sign-in',
        response: { 200: publicConfig },
      },
    },
    async () => ({ mapTileUrl: ctx.config.mapTileUrl ?? null, engine: ctx.database.engine, version: '0.1.0' }),
  );

  for (const register of modules.flatMap((m) => m.routes)) await app.register(async (scoped) => register(scoped, ctx));

  if (fs.existsSync(webDist)) {
    await serveWebApp(app, webDist, sendNotFound);
  } else {
    app.setNotFoundHandler(sendNotFound);
  }
  return app;
}

function sendNotFound(req: FastifyRequest, reply: import('fastify').FastifyReply) {
  return reply.status(404).send({
    error: { code: 'NOT_FOUND', message: errorMessage('NOT_FOUND', req.locale, { what: req.url }), details: {}, requestId: req.id },
  });
}

async function identify(req: FastifyRequest, ctx: AppContext): Promise<FastifyRequest['actorResult']> {
  const apiKey = req.headers['x-api-key'];
  const token = req.cookies[SESSION_COOKIE];
  if (typeof apiKey !== 'string' && !token) return null;
  try {
    const actor =
      typeof apiKey === 'string'
        ? await resolveApiKey(ctx.database.db, apiKey)
        : await resolveSession(ctx.database.db, ctx.config, token as string);
    return { actor: { ...actor, ip: req.ip, requestId: req.id } };
  } catch (error) {
    if (error instanceof AppError) return { error };
    throw error;
  }
}

/**
 * The actor of a request, or an error: not signed in, session expired, password change
 * pending, or (with a permission) not allowed. Scope checks on data come after, in services.
 */
export function requireActor(
  req: FastifyRequest,
  permission?: Permission,
  options: { allowPendingPasswordChange?: boolean } = {},
): Actor {
  const result = req.actorResult;
  if (!result) throw new AppError('NOT_AUTHENTICATED');
  if ('error' in result) throw result.error;
  const { actor } = result;
  if (actor.mustChangePassword && !options.allowPendingPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  if (permission) {
    try {
      requirePermission(actor, permission);
    } catch (error) {
      void recordAudit(req.server.ctx.database.db, actor, {
        action: `denied:${req.routeOptions.url ?? req.url}`,
        result: 'denied',
        details: { method: req.method, permission },
      }).catch((e: unknown) => req.log.error({ err: e }, 'audit write failed'));
      throw error;
    }
  }
  return actor;
}

function classifyError(error: unknown, req: FastifyRequest): { code: ErrorCode; details: Record<string, unknown> } {
  if (error instanceof AppError) return { code: error.code, details: error.details };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const fields = error.validation.map((v): FieldError => {
      const field = [where, ...v.instancePath.split('/').filter(Boolean)].join('.');
      return { field, message: localiseIssue(v, req.locale) };
    });
    return {
      code: 'VALIDATION_FAILED',
      details: { fields, summary: fields.map((f) => `${f.field}: ${f.message}`).join('; ') },
    };
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 429) return { code: 'RATE_LIMITED', details: {} };
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', details: {} };
  if (status !== undefined && status >= 400 && status < 500) {
    const message = error instanceof Error ? error.message : 'bad request';
    return { code: 'VALIDATION_FAILED', details: { fields: [], summary: message } };
  }
  return { code: 'INTERNAL', details: {} };
}

const zodLocales = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() };

function localiseIssue(v: { keyword: string; message?: string; params: Record<string, unknown> }, locale: Locale): string {
  if (v.keyword === 'invalid_type' && v.message?.includes('received undefined')) {
    return locale === 'en-US' ? 'is required' : '必填';
  }
  if (v.keyword === 'custom' && v.message) return v.message;
  const issue = { code: v.keyword, ...v.params } as Parameters<ReturnType<typeof z.locales.en>['localeError']>[0];
  const localised = zodLocales[locale].localeError(issue);
  const text = typeof localised === 'string' ? localised : localised?.message;
  return text ?? v.message ?? v.keyword;
}
