import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteModule } from '../../platform/http.ts';
import { assertInScope, type Actor } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db.ts';
import { route, routeTable } from '../../platform/route.ts';
import { AppError } from '../../platform/errors.ts';
import { openSse } from '../../platform/sse.ts';
import { NotificationHub } from './hub.ts';
import { lastNotificationId, listNotifications, markRead, notificationsAfter } from './service.ts';
import { deliveryList, deliveryQuery, listNotificationsQuery, markReadBody, markReadResult, notificationList, streamQuery } from './contract.ts';
import { listDeliveries } from './deliveries.ts';

function userIdOf(actor: Actor): string {
  if (actor.kind !== 'user' || !actor.id) throw new AppError('FORBIDDEN', { permission: 'user session' });
  return actor.id;
}

/** The signed-in user's notifications: list, mark read, and a live stream (SSE). */
export const notificationRoutes: RouteModule = (base, ctx) => {
  const hub = new NotificationHub(ctx.database);
  const open = new Set<() => void>();
  base.addHook('onClose', async () => {
    for (const close of open) close();
    await hub.stop();
  });
  return routeTable('notifications', [
    route({
      method: 'GET',
      url: '/api/notifications',
      summary: 'My notifications, newest first (before: id for the next page)',
      access: 'signed-in',
      query: listNotificationsQuery,
      response: notificationList,
      handle: ({ actor, query, db }) => listNotifications(db, userIdOf(actor), query),
    }),
    route({
      method: 'POST',
      url: '/api/notifications/read',
      summary: 'Mark notifications read (the given ids, or all)',
      access: 'signed-in',
      body: markReadBody,
      response: markReadResult,
      handle: ({ actor, body, db }) => markRead(db, userIdOf(actor), body.ids),
    }),
    route({
      method: 'GET',
      url: '/api/notifications/stream',
      summary: 'Live notifications as Server-Sent Events (event "notification"; reconnect with Last-Event-ID)',
      access: 'signed-in',
      query: streamQuery,
      handle: ({ actor, query, db, req, reply }) => streamNotifications({ db, hub, open, userId: userIdOf(actor), after: query.after, req, reply }),
    }),
    route({
      method: 'GET',
      url: '/api/notifications/deliveries',
      summary: 'What the outbound channels (SMS, WeChat) sent, newest first, by status and channel (recipients masked)',
      // The whole tree's deliveries: for the administrators who read accounts (granted on the
      // root only), and only where their grant covers the root.
      access: 'user.read',
      query: deliveryQuery,
      response: deliveryList,
      handle: ({ actor, query, db }) => {
        assertInScope(actor, 'user.read', '');
        return listDeliveries(db, query);
      },
    }),
  ])(base, ctx);
};

interface Stream {
  db: Db;
  hub: NotificationHub;
  /** The streams open now, closed when the server stops. */
  open: Set<() => void>;
  userId: string;
  after: number | undefined;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** Takes the connection over and writes the user's notifications to it as they come. */
async function streamNotifications({ db, hub, open, userId, after, req, reply }: Stream): Promise<void> {
  const lastEventId = Number(req.headers['last-event-id'] ?? after ?? Number.NaN);
  let cursor = Number.isFinite(lastEventId) ? lastEventId : await lastNotificationId(db, userId);
  const stream = openSse(req, reply, open);
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
          stream.send(row.id, 'notification', row);
          cursor = row.id;
        }
        if (rows.length === 100) again = true;
      } while (again && !stream.closed);
    } catch (error) {
      req.log.error({ err: error }, 'notification stream failed');
    } finally {
      busy = false;
    }
  };
  stream.onClose(await hub.subscribe(userId, () => void flush()));
  // Anything written between the cursor and the subscription is sent now.
  await flush();
}
