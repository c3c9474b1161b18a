import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor, type AppContext } from '../../platform/http.ts';
import { AppError } from '../../platform/errors.ts';
import { NotificationHub } from './hub.ts';
import { lastNotificationId, listNotifications, markRead, notificationsAfter } from './service.ts';
import { listNotificationsQuery, markReadBody, markReadResult, notificationList, streamQuery } from './contract.ts';

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
        querystring: listNotificationsQuery,
        response: { 200: notificationList },
      },
    },
    async (req) => listNotifications(db, userIdOf(req), req.query),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark notifications read (the given ids, or all)',
        body: markReadBody,
        response: { 200: markReadResult },
      },
    },
    async (req) => markRead(db, userIdOf(req), req.body.ids),
  );

  app.get(
    '/api/notifications/stream',
    {
      schema: {
        tags,
        summary: 'Live notifications as Server-Sent Events (event "notification"; reconnect with Last-Event-ID)',
        querystring: streamQuery,
      },
    },
    async (req, reply) => {
      const userId = userIdOf(req);
      const lastEventId = Number(req.headers['last-event-id'] ?? req.query.after ?? Number.NaN);
      let cursor = Number.isFinite(lastEventId) ? lastEventId : await lastNotificationId(db, userId);
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
            const rows = await notificationsAfter(db, userId, cursor, 100);
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
