// Writing notifications: in-app rows in the caller's transaction (their live streams wake
// when it commits, through PostgreSQL's NOTIFY).
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { notifications } from './schema.ts';
import type { ListNotificationsQuery, MarkReadResult, NotificationList, NotificationView } from './contract.ts';

/** The NOTIFY channel the live streams listen on. */
export const NOTIFY_CHANNEL = 'gongzhi_notify';
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
    await db.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify({ u: userIds.slice(i, i + USERS_PER_NOTIFY) })})`);
  }
}

// ---------------------------------------------------------------------------- reading

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

/** A user's notifications, newest first, with the number unread. */
export async function listNotifications(db: Db, userId: string, q: ListNotificationsQuery): Promise<NotificationList> {
  const conditions = [eq(notifications.userId, userId)];
  if (q.unread === 'true') conditions.push(isNull(notifications.readAt));
  if (q.before) conditions.push(lt(notifications.id, q.before));
  const [items, [count]] = await Promise.all([
    db.select(viewColumns).from(notifications).where(and(...conditions)).orderBy(desc(notifications.id)).limit(q.limit),
    db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { items, unread: count?.n ?? 0 };
}

/** Marks a user's notifications read: the given ids, or all. */
export async function markRead(db: Db, userId: string, ids: readonly number[] | undefined): Promise<MarkReadResult> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? sql`${notifications.id} in ${ids.length ? ids : [0]}` : undefined))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}

/** The id of a user's newest notification (0 when none): where a fresh stream starts. */
export async function lastNotificationId(db: Db, userId: string): Promise<number> {
  const [last] = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.id)).limit(1);
  return last?.id ?? 0;
}

/** A user's notifications after an id, oldest first (what a stream has not sent yet). */
export async function notificationsAfter(db: Db, userId: string, afterId: number, limit: number): Promise<NotificationView[]> {
  return db
    .select(viewColumns)
    .from(notifications)
    .where(and(eq(notifications.userId, userId), sql`${notifications.id} > ${afterId}`))
    .orderBy(notifications.id)
    .limit(limit);
}
