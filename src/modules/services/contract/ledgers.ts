// Generated ledgers (台账): the reports communities kept by hand, made from the data on demand.
import { z } from 'zod';

export const generatedLedgers = ['key_group_visits', 'elderly_allowance', 'applications_handled', 'cases_by_category'] as const;
export type GeneratedLedger = (typeof generatedLedgers)[number];

export const ledgerParams = z.object({ ledger: z.enum(generatedLedgers) });
export const ledgerQuery = z.object({
  /** The org unit whose ledger it is; the asker's own when not given. */
  under: z.string().trim().min(1).max(40).optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM / a month as YYYY-MM'),
});
export type LedgerQuery = z.infer<typeof ledgerQuery>;

/** A hand-kept ledger and what replaces it on the platform. */
export const replacedLedger = z.object({
  name: z.string(),
  keptBy: z.string(),
  /** A generated ledger, or the screen where the same facts are kept now. */
  replacedBy: z.union([z.object({ kind: z.literal('generated'), ledger: z.enum(generatedLedgers) }), z.object({ kind: z.literal('screen'), path: z.string(), label: z.string() })]),
});
export type ReplacedLedger = z.infer<typeof replacedLedger>;
export const ledgerCatalogue = z.object({ generated: z.array(z.enum(generatedLedgers)), replaced: z.array(replacedLedger) });
