// The notifications module's contract: the signed-in user's notifications.
import { z } from 'zod';

export const notificationView = z.object({
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
export type NotificationView = z.infer<typeof notificationView>;

export const listNotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  before: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export const notificationList = z.object({ items: z.array(notificationView), unread: z.number().int() });
export type NotificationList = z.infer<typeof notificationList>;

export const markReadBody = z.object({ ids: z.array(z.number().int()).max(1000).optional() }).strict();
export const markReadResult = z.object({ updated: z.number().int() });
export type MarkReadResult = z.infer<typeof markReadResult>;

/** SSE: `after` resumes after a notification id, like the Last-Event-ID header. */
export const streamQuery = z.object({ after: z.coerce.number().int().optional() });
