// Paging schemas shared by every list endpoint. Pure zod, so contracts (which the web
// imports) can use them without pulling in the HTTP server.
import { z } from 'zod';

/** Schema for list paging, shared by every list endpoint. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
};

/** Response shape of every paged list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
