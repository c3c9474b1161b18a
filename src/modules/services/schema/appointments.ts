// Tables of appointments (migrations/0016_services_more.sql): windows, slots, bookings.
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AppointmentStatus } from '../contract/appointments.ts';

export const serviceWindows = pgTable('service_windows', {
  id: uuid('id').primaryKey().defaultRandom(),
  centreCode: text('centre_code').notNull(),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const appointmentSlots = pgTable('appointment_slots', {
  id: uuid('id').primaryKey().defaultRandom(),
  windowId: uuid('window_id').notNull(),
  centreCode: text('centre_code').notNull(),
  orgPath: text('org_path').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  capacity: integer('capacity').notNull(),
  booked: integer('booked').notNull().default(0),
});

export const appointments = pgTable('appointments', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  slotId: uuid('slot_id').notNull(),
  orgPath: text('org_path').notNull(),
  itemCode: text('item_code'),
  applicantName: text('applicant_name').notNull(),
  phoneEnc: text('phone_enc').notNull(),
  phoneHash: text('phone_hash').notNull(),
  phoneMasked: text('phone_masked').notNull(),
  userId: uuid('user_id'),
  status: text('status').notNull().$type<AppointmentStatus>(),
  queueNumber: text('queue_number'),
  arrivedAt: timestamp('arrived_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
