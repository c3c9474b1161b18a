// The notifications module's tables: in-app notifications and outbound deliveries.
import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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

/** Delivery statuses: queued → sent; retrying while attempts remain; failed; capped (daily cap reached, not sent). */
export const deliveryStatuses = ['queued', 'retrying', 'sent', 'failed', 'capped'] as const;

export const notificationDeliveries = pgTable('notification_deliveries', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  channel: text('channel').notNull(),
  /** log, aliyun, tencent, wechat, wechat_mini: who carried it. */
  provider: text('provider').notNull().default('log'),
  /** Masked (138****5678); the clear number is only in the encrypted job payload. */
  recipient: text('recipient').notNull(),
  /** Keyed hash of the recipient, for the daily cap. */
  recipientHash: text('recipient_hash'),
  kind: text('kind').notNull(),
  params: jsonb('params').notNull().$type<Record<string, string>>(),
  status: text('status').notNull().$type<(typeof deliveryStatuses)[number]>(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  providerMessageId: text('provider_message_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
