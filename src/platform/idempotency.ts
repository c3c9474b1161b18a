// Idempotent writes for offline replay: a route that opts in honours an `Idempotency-Key`
// header. The first request with a key runs and its answer is kept for 24 hours under
// (actor, key); a replay gets the kept answer and changes nothing. A key reused for a
// different request is refused, and a key whose first request is still running gets 409.
// A failed first request keeps nothing, so the phone may retry it.
import crypto from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Actor } from './auth/scope.ts';
import type { Db } from './db.ts';
import { AppError } from './errors.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorKey: text('actor_key').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actorKey, t.key] })],
);

export const idempotencyHeader = 'idempotency-key';
/** How long a key's answer is kept. */
export const idempotencyTtlHours = 24;
const keyPattern = /^[A-Za-z0-9_.:-]{8,200}$/;

function actorKeyOf(actor: Actor): string {
  return `${actor.kind}:${actor.id ?? actor.name}`;
}

/** What makes two requests "the same": method, URL and body (multipart bodies are not hashed: the URL names the record). */
export function requestHash(method: string, url: string, body: unknown): string {
  const bodyText = body === undefined || body === null || typeof body !== 'object' ? '' : JSON.stringify(body);
  return crypto.createHash('sha256').update(`${method} ${url}\n${bodyText}`).digest('hex');
}

type Outcome<T> = { replayed: false; value: T } | { replayed: true; value: unknown; status: number };

/**
 * Runs `work` once per (actor, key). Without a key it just runs. With one it records the key
 * first (so a concurrent replay is refused), runs, and keeps the answer; a replay returns it.
 */
export async function runIdempotent<T>(
  db: Db,
  actor: Actor,
  key: string | undefined,
  hash: string,
  work: () => Promise<T>,
  // The status the first answer went out with (kept, and given to every replay).
  statusOf: () => number = () => 200,
): Promise<Outcome<T>> {
  if (key === undefined) return { replayed: false, value: await work() };
  if (!keyPattern.test(key)) {
    throw new AppError('VALIDATION_FAILED', { summary: 'Idempotency-Key', fields: [{ field: 'headers.idempotency-key', message: '须为 8–200 位字母、数字或 _.:- / 8–200 letters, digits or _.:-' }] });
  }
  const actorKey = actorKeyOf(actor);
  // An expired key is as good as new.
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.actorKey, actorKey), eq(idempotencyKeys.key, key), lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${idempotencyTtlHours})`)));
  const claimed = await db.insert(idempotencyKeys).values({ actorKey, key, requestHash: hash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [kept] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.actorKey, actorKey), eq(idempotencyKeys.key, key)));
    if (!kept) return runIdempotent(db, actor, key, hash, work, statusOf);
    if (kept.requestHash !== hash) {
      throw new AppError('VALIDATION_FAILED', { summary: 'Idempotency-Key', fields: [{ field: 'headers.idempotency-key', message: '此键已用于另一个请求 / this key was used for a different request' }] });
    }
    if (kept.status === null) throw new AppError('CONFLICT', { what: '使用同一 Idempotency-Key 且仍在处理的请求' });
    return { replayed: true, value: kept.response, status: kept.status };
  }
  let value: T;
  try {
    value = await work();
  } catch (error) {
    await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.actorKey, actorKey), eq(idempotencyKeys.key, key)));
    throw error;
  }
  // JSON round trip: what is kept is what the client got (dates as strings).
  const response = value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
  await db.update(idempotencyKeys).set({ status: statusOf(), response }).where(and(eq(idempotencyKeys.actorKey, actorKey), eq(idempotencyKeys.key, key)));
  return { replayed: false, value };
}

/**
 * Wraps a route handler so it honours `Idempotency-Key` (route.ts does this for an entry with
 * `idempotent: true`). A replay answers with the kept body, the first answer's status (the one
 * the handler set, else the route's) and the header `Idempotent-Replayed: true`.
 */
export function idempotent<I extends { actor: Actor | undefined; db: Db; req: FastifyRequest; reply: FastifyReply }, R>(
  handle: (input: I) => Promise<R> | R,
  options: { status?: number } = {},
): (input: I) => Promise<R> {
  return async (input) => {
    const header = input.req.headers[idempotencyHeader];
    const key = Array.isArray(header) ? header[0] : header;
    if (!input.actor || key === undefined) return handle(input);
    const isMultipart = (input.req.headers['content-type'] ?? '').startsWith('multipart/');
    const hash = requestHash(input.req.method, input.req.url, isMultipart ? undefined : input.req.body);
    const routeStatus = options.status ?? 200;
    // route.ts sets the route's status after the handler; a handler may have set its own.
    const statusOf = () => (input.reply.statusCode !== 200 ? input.reply.statusCode : routeStatus);
    const outcome = await runIdempotent(input.db, input.actor, key, hash, async () => handle(input), statusOf);
    if (!outcome.replayed) return outcome.value;
    // The kept body is JSON already (dates as strings): sent as text, so the response schema does not see it again.
    await input.reply
      .status(outcome.status)
      .header('idempotent-replayed', 'true')
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify(outcome.value));
    return input.reply as R;
  };
}

/** Deletes answers older than their 24 hours (called by a daily job). */
export async function sweepIdempotencyKeys(db: Db): Promise<number> {
  const gone = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${idempotencyTtlHours})`)).returning({ key: idempotencyKeys.key });
  return gone.length;
}
