// A module's routes as a table: each entry names its method, URL, who may call it, its zod
// schemas and a handler that gets the checked actor and the parsed input. One registration
// function mounts the table, so the Fastify plumbing (type provider, schema block, status
// codes, the permission check) is written once here instead of in every route.
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Permission } from './auth/roles.ts';
import type { Actor } from './auth/scope.ts';
import type { Db } from './db.ts';
import { requireActor, type AppContext, type RouteModule } from './http.ts';
import { idempotent } from './idempotency.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call a table route: read by tests that sweep every route (non-table routes have none). */
    access?: Access;
  }
}

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
type Answer<S extends Schema> = S extends z.ZodType ? z.input<S> : unknown;

/**
 * Who may call a route: a permission, `signed-in` for any account (its handler checks more),
 * `password-change` for an account that must still change its password, or `public`.
 */
export type Access = Permission | 'signed-in' | 'password-change' | 'public';

export interface RouteInput<A extends Access, P extends Schema, Q extends Schema, B extends Schema> {
  /** The caller, already checked against `access` (undefined on public routes). */
  actor: A extends 'public' ? undefined : Actor;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  ctx: AppContext;
  /** `ctx.database.db`, which nearly every handler passes on. */
  db: Db;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<A extends Access, P extends Schema, Q extends Schema, B extends Schema, R extends Schema> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** One line for the OpenAPI document. */
  summary: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The answer's schema; without one the handler sends what it likes (files, streams). */
  response?: R;
  /** 200 unless stated; 204 sends no body. */
  status?: 200 | 201 | 202 | 204;
  /** Route config, e.g. `{ rateLimit: … }`. */
  config?: FastifyContextConfig;
  /** Extra OpenAPI fields, e.g. `consumes` for uploads. */
  openapi?: { consumes?: string[]; hide?: boolean };
  /** Input that fails its schema reaches the handler as is, with `req.validationError` set (the handler reads it another way or throws). */
  attachValidation?: boolean;
  /** Honour an `Idempotency-Key` header (writes an offline queue may replay): see idempotency.ts. */
  idempotent?: boolean;
  handle: (input: RouteInput<A, P, Q, B>) => Promise<Answer<R>> | Answer<R>;
}

/** One route of a table; a function only so TypeScript infers each entry's schemas. */
export function route<
  const A extends Access,
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  R extends Schema = undefined,
>(spec: RouteSpec<A, P, Q, B, R>): RouteSpec<Access, Schema, Schema, Schema, Schema> {
  return spec as unknown as RouteSpec<Access, Schema, Schema, Schema, Schema>;
}

function actorFor(req: FastifyRequest, access: Access): Actor | undefined {
  if (access === 'public') return undefined;
  if (access === 'signed-in') return requireActor(req);
  if (access === 'password-change') return requireActor(req, undefined, { allowPendingPasswordChange: true });
  return requireActor(req, access);
}

/** Mounts a table of routes under one OpenAPI tag. */
export function routeTable(tag: string, routes: readonly RouteSpec<Access, Schema, Schema, Schema, Schema>[]): RouteModule {
  return (base: FastifyInstance, ctx: AppContext) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    for (const spec of routes) {
      const status = spec.status ?? 200;
      const handle = spec.idempotent ? idempotent(spec.handle, { status }) : spec.handle;
      app.route({
        method: spec.method,
        url: spec.url,
        config: { ...spec.config, access: spec.access },
        ...(spec.attachValidation ? { attachValidation: true } : {}),
        schema: {
          tags: [tag],
          summary: spec.summary,
          ...(spec.params ? { params: spec.params } : {}),
          ...(spec.query ? { querystring: spec.query } : {}),
          ...(spec.body ? { body: spec.body } : {}),
          ...(spec.response ? { response: { [status]: spec.response } } : {}),
          ...spec.openapi,
        },
        // The caller is checked before the input is validated, so a stranger gets 401/403, never a 400 that describes the input.
        preValidation: async (req) => {
          actorFor(req, spec.access);
        },
        handler: async (req, reply) => {
          const actor = actorFor(req, spec.access);
          const result = await handle({ actor, params: req.params, query: req.query, body: req.body, ctx, db: ctx.database.db, req, reply } as RouteInput<Access, Schema, Schema, Schema>);
          // A handler that sent the answer itself (a file; it returns the reply) or took the connection over (reply.hijack(), a stream) is done.
          if (reply.sent || result === reply) return reply;
          if (status === 204) return reply.status(204).send();
          return reply.status(status).send(result);
        },
      });
    }
  };
}
