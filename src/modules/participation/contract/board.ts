// The public board (居务公开): what a community has published, without personal data.
import { z } from 'zod';

/** Kinds of published items; each part's publishers add theirs here. */
export const boardItemKinds = ['proposal', 'micro_wish', 'meeting_result', 'vote_result', 'budget', 'convention'] as const;
export type BoardItemKind = (typeof boardItemKinds)[number];

export const boardItem = z.object({
  kind: z.enum(boardItemKinds),
  id: z.string(),
  title: z.string(),
  /** A status key of the item's kind (the web names it). */
  status: z.string(),
  /** Counts and units' names only, never a resident. */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  publishedAt: z.string(),
});
export type BoardItem = z.infer<typeof boardItem>;

export const boardQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
  kind: z.enum(boardItemKinds).optional(),
});
export type BoardQuery = z.infer<typeof boardQuery>;

export const boardPage = z.object({
  community: z.object({ code: z.string(), name: z.string() }),
  items: z.array(boardItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type BoardPage = z.infer<typeof boardPage>;
