// Notifications: in-app messages (a table, read over HTTP and pushed live over
// Server-Sent Events), and outbound channels (SMS, WeChat template messages) behind one
// small interface, delivered by background jobs.
//
// Live updates cross processes through PostgreSQL's NOTIFY, sent in the transaction that
// writes the notification, so a listener hears only of committed rows. PGlite has the same
// LISTEN/NOTIFY inside its one process.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import pg from 'pg';
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { bigint, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Database, Db } from './db.ts';
import { enqueueJob, type JobHandler } from './jobs.ts';
import { requireActor, type AppContext } from './http.ts';
import { AppError } from './errors.ts';

export const notifications = pgTable('notifications', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  subjectType: text('subject_type'),
  subjectId: text('subject_id'),
  link: text('link'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
});

export const notificationDeliveries = pgTable('notification_deliveries', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  channel: text('channel').notNull(),
  recipient: text('recipient').notNull(),
  template: text('template').notNull(),
  params: jsonb('params').notNull().$type<Record<string, string>>(),
  status: text('status').notNull().$type<'sent' | 'failed'>(),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

const CHANNEL = 'gongzhi_notify';
// NOTIFY payloads are limited to 8000 bytes; a uuid in JSON takes 39.
const USERS_PER_NOTIFY = 150;

export interface NotificationInput {
  userIds: readonly string[];
  kind: string;
  title: string;
  body: string;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  link?: string | undefined;
}

/** Writes in-app notifications for users and wakes their live streams when the transaction commits. */
export async function notifyUsers(db: Db, input: NotificationInput): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  await db.insert(notifications).values(
    userIds.map((userId) => ({
      userId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      link: input.link ?? null,
    })),
  );
  for (let i = 0; i < userIds.length; i += USERS_PER_NOTIFY) {
    await db.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ u: userIds.slice(i, i + USERS_PER_NOTIFY) })})`);
  }
}

// ---------------------------------------------------------------------------- outbound channels

export type ChannelName = 'sms' | 'wechat';

/** A message for an outbound channel: a template id and its parameters (as SMS and WeChat template messages take them). */
export interface ChannelMessage {
  channel: ChannelName;
  /** Phone number (SMS) or openid (WeChat). */
  to: string;
  template: string;
  params: Record<string, string>;
}

/** An outbound channel. Implementations for a real SMS gateway or WeChat plug in with registerChannel. */
export interface NotificationChannel {
  readonly name: ChannelName;
  send(message: ChannelMessage): Promise<void>;
}

/** A channel that only logs what it would send: the default until a gateway is configured. */
export function loggingChannel(name: ChannelName, log: (line: string) => void = () => undefined): NotificationChannel {
  return {
    name,
    async send(message) {
      log(`[${name}] to ${maskRecipient(message.to)} template ${message.template} ${JSON.stringify(message.params)}`);
    },
  };
}

const channelRegistry = new Map<ChannelName, NotificationChannel>([
  ['sms', loggingChannel('sms')],
  ['wechat', loggingChannel('wechat')],
]);

/** Replaces the implementation of a channel (for a deployment's SMS gateway or WeChat account). */
export function registerChannel(channel: NotificationChannel): void {
  channelRegistry.set(channel.name, channel);
}

/** 13812345678 → 138****5678; other identifiers keep their first and last three characters. */
export function maskRecipient(to: string): string {
  if (/^1\d{10}$/.test(to)) return `${to.slice(0, 3)}****${to.slice(7)}`;
  return to.length <= 6 ? '***' : `${to.slice(0, 3)}***${to.slice(-3)}`;
}

/**
 * Queues a message for an outbound channel (in the caller's transaction). The recipient is
 * stored encrypted in the job, never in clear.
 */
export async function queueChannelMessage(db: Db, ctx: Pick<AppContext, 'pii'>, message: ChannelMessage): Promise<void> {
  await enqueueJob(db, 'notify.deliver', { ...message, to: ctx.pii.encrypt(message.to) }, { maxAttempts: 5 });
}

/** Job handlers of this file. */
export const notifyJobHandlers: Record<string, JobHandler> = {
  'notify.deliver': async (job, { ctx }) => {
    const payload = job.payload as unknown as ChannelMessage;
    const to = ctx.pii.decrypt(payload.to);
    const channel = channelRegistry.get(payload.channel);
    const row = { channel: payload.channel, recipient: maskRecipient(to), template: payload.template, params: payload.params };
    try {
      if (!channel) throw new Error(`no channel ${payload.channel}`);
      await channel.send({ ...payload, to });
      await ctx.database.db.insert(notificationDeliveries).values({ ...row, status: 'sent' });
    } catch (error) {
      await ctx.database.db.insert(notificationDeliveries).values({ ...row, status: 'failed', error: String(error).slice(0, 500) });
      throw error;
    }
  },
};

// ---------------------------------------------------------------------------- live updates

type Listener = () => void;

/** Fans database notifications out to the live streams of this process. */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private stopListening: (() => Promise<void>) | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly database: Database) {}

  /** Calls `listener` whenever a notification for the user is committed; returns the unsubscribe function. */
  async subscribe(userId: string, listener: Listener): Promise<() => void> {
    await this.start();
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  private dispatch(payload: string | undefined): void {
    try {
      const { u } = JSON.parse(payload ?? '{}') as { u?: string[] };
      for (const userId of u ?? []) for (const listener of this.listeners.get(userId) ?? []) listener();
    } catch {
      // Not ours: ignore.
    }
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      const { database } = this;
      if (database.engine === 'pglite' && database.pglite) {
        const unlisten = await database.pglite.listen(CHANNEL, (payload) => this.dispatch(payload));
        this.stopListening = unlisten;
      } else if (database.pool) {
        // A connection of its own: LISTEN holds it for as long as the process listens.
        const client = new pg.Client(database.pool.options);
        await client.connect();
        client.on('notification', (msg) => this.dispatch(msg.payload));
        client.on('error', () => undefined);
        await client.query(`listen ${CHANNEL}`);
        this.stopListening = () => client.end();
      }
    })();
    return this.starting;
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.starting?.catch(() => undefined);
    await this.stopListening?.().catch(() => undefined);
    this.stopListening = undefined;
    this.starting = undefined;
  }
}

// ---------------------------------------------------------------------------- HTTP

const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});
const viewColumns = {
  id: notifications.id,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  subjectType: notifications.subjectType,
  subjectId: notifications.subjectId,
  link: notifications.link,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

function userIdOf(req: FastifyRequest): string {
  const actor = requireActor(req);
  if (actor.kind !== 'user' || !actor.id) throw new AppError('FORBIDDEN', { permission: 'user session' });
  return actor.id;
}

const HEARTBEAT_MS = 25_000;

/** The signed-in user's notifications: list, mark read, and a live stream (SSE). */
export function notificationRoutes(base: FastifyInstance, ctx: AppContext): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const hub = new NotificationHub(ctx.database);
  const open = new Set<() => void>();
  base.addHook('onClose', async () => {
    for (const close of open) close();
    await hub.stop();
  });
  const tags = ['notifications'];

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first (before: id for the next page)',
        querystring: z.object({
          unread: z.enum(['true', 'false']).optional(),
          before: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(notificationView), unread: z.number().int() }) },
      },
    },
    async (req) => {
      const userId = userIdOf(req);
      const conditions = [eq(notifications.userId, userId)];
      if (req.query.unread === 'true') conditions.push(isNull(notifications.readAt));
      if (req.query.before) conditions.push(lt(notifications.id, req.query.before));
      const [items, [count]] = await Promise.all([
        db.select(viewColumns).from(notifications).where(and(...conditions)).orderBy(desc(notifications.id)).limit(req.query.limit),
        db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
      ]);
      return { items, unread: count?.n ?? 0 };
    },
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark notifications read (the given ids, or all)',
        body: z.object({ ids: z.array(z.number().int()).max(1000).optional() }).strict(),
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    },
    async (req) => {
      const userId = userIdOf(req);
      const ids = req.body.ids;
      const rows = await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? sql`${notifications.id} in ${ids.length ? ids : [0]}` : undefined))
        .returning({ id: notifications.id });
      return { updated: rows.length };
    },
  );

  app.get(
    '/api/notifications/stream',
    {
      schema: {
        tags,
        summary: 'Live notifications as Server-Sent Events (event "notification"; reconnect with Last-Event-ID)',
        querystring: z.object({ after: z.coerce.number().int().optional() }),
      },
    },
    async (req, reply) => {
      const userId = userIdOf(req);
      const lastEventId = Number(req.headers['last-event-id'] ?? req.query.after ?? Number.NaN);
      let cursor = Number.isFinite(lastEventId) ? lastEventId : undefined;
      if (cursor === undefined) {
        const [last] = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.id)).limit(1);
        cursor = last?.id ?? 0;
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      res.write(`retry: 5000\n: connected\n\n`);
      let busy = false;
      let again = false;
      const flush = async () => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            const rows = await db
              .select(viewColumns)
              .from(notifications)
              .where(and(eq(notifications.userId, userId), sql`${notifications.id} > ${cursor}`))
              .orderBy(notifications.id)
              .limit(100);
            for (const row of rows) {
              res.write(`id: ${row.id}\nevent: notification\ndata: ${JSON.stringify(row)}\n\n`);
              cursor = row.id;
            }
            if (rows.length === 100) again = true;
          } while (again && !res.destroyed);
        } catch (error) {
          req.log.error({ err: error }, 'notification stream failed');
        } finally {
          busy = false;
        }
      };
      const unsubscribe = await hub.subscribe(userId, () => void flush());
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(close);
        if (!res.destroyed) res.end();
      };
      open.add(close);
      req.raw.on('close', close);
      // Anything written between the cursor and the subscription is sent now.
      await flush();
    },
  );
}
