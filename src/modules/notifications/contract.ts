// The notifications module's contract: the signed-in user's notifications.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/paging.ts';

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

// ---------------------------------------------------------------------------- outbound deliveries

export const deliveryStatusValues = ['queued', 'retrying', 'sent', 'failed', 'capped'] as const;
export const deliveryChannelValues = ['sms', 'wechat', 'wechat_mini'] as const;

export const deliveryQuery = z.object({
  ...pageQuery,
  status: z.enum(deliveryStatusValues).optional(),
  channel: z.enum(deliveryChannelValues).optional(),
});
export type DeliveryQuery = z.infer<typeof deliveryQuery>;

/** One message sent (or not) through an outbound channel; the recipient is masked. */
export const deliveryView = z.object({
  id: z.number().int(),
  channel: z.string(),
  provider: z.string(),
  recipient: z.string(),
  kind: z.string(),
  status: z.enum(deliveryStatusValues),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});
export type DeliveryView = z.infer<typeof deliveryView>;
export const deliveryList = pageOf(deliveryView);
export type DeliveryList = z.infer<typeof deliveryList>;
