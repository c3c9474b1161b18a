// Points and the time bank (时间银行 / 爱心储蓄): an append-only ledger per volunteer; entries are
// never edited, a mistake is reversed by a counter entry; the balance never goes negative. Hours
// deposit points; the points mall lists goods and services at prices in points.
import { z } from 'zod';
import { pageQuery, pageOf } from '../../../platform/paging.ts';
import { orgCode } from './common.ts';

// HTTP (all under /api/community):
//   GET  /points/me                 my balance and entries   POST /points/me/redeem   POST /points/me/transfer
//   GET  /points/me/family          my household's volunteers I may give points to
//   GET  /points/accounts/:id       a volunteer's ledger (staff)   POST /points/entries/:id/reverse (staff)
//   GET  /mall?under   POST /mall   POST /mall/:id/withdraw   (GET also for residents)

export const pointsEntryKinds = ['earn', 'correction', 'redeem', 'transfer_out', 'transfer_in', 'reversal'] as const;
export type PointsEntryKind = (typeof pointsEntryKinds)[number];

export const pointsEntryView = z.object({
  id: z.uuid(),
  kind: z.enum(pointsEntryKinds),
  points: z.number().int(),
  balanceAfter: z.number().int(),
  memo: z.string(),
  reversesId: z.uuid().nullable(),
  reversed: z.boolean(),
  createdBy: z.string(),
  createdAt: z.date(),
});
export type PointsEntryView = z.infer<typeof pointsEntryView>;

export const pointsAccount = z.object({ volunteerId: z.uuid(), name: z.string(), balance: z.number().int(), entries: pageOf(pointsEntryView) });
export type PointsAccount = z.infer<typeof pointsAccount>;
export const pointsQuery = z.object({ ...pageQuery });

export const redeemBody = z.object({ itemId: z.uuid(), quantity: z.number().int().min(1).max(100).default(1) });
export type RedeemBody = z.infer<typeof redeemBody>;
export const transferBody = z.object({ toVolunteerId: z.uuid(), points: z.number().int().min(1).max(1_000_000) });
export type TransferBody = z.infer<typeof transferBody>;
/** The members of my household I may give points to, and whether the settings allow transfers at all. */
export const familyView = z.object({
  allowed: z.boolean(),
  /** Whether my volunteer record is linked to a registry resident (a household is known only then). */
  linked: z.boolean(),
  members: z.array(z.object({ volunteerId: z.uuid(), name: z.string() })),
});
export type FamilyView = z.infer<typeof familyView>;
export const reverseBody = z.object({ reason: z.string().trim().min(2).max(500) });

export const mallItemBody = z.object({
  orgCode,
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(''),
  price: z.number().int().min(1).max(1_000_000),
  /** null: a service without a stock limit. */
  stock: z.number().int().min(0).max(1_000_000).nullable().default(null),
});
export type MallItemBody = z.infer<typeof mallItemBody>;
export const mallItemView = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  price: z.number().int(),
  stock: z.number().int().nullable(),
  orgName: z.string(),
  active: z.boolean(),
});
export type MallItemView = z.infer<typeof mallItemView>;
export const mallPage = pageOf(mallItemView);
export const mallQuery = z.object({ under: orgCode.optional(), ...pageQuery });
