// The platform's own request and response shapes (zod alone, so the web imports them too).
import { z } from 'zod';

/** GET /api/config/public: the settings the web app needs before sign-in. */
export const publicConfig = z.object({ mapTileUrl: z.string().nullable(), engine: z.string(), version: z.string() });
export type PublicConfig = z.infer<typeof publicConfig>;

/** One field's message in a VALIDATION_FAILED error's `details.fields`: where (`body.username`) and what is wrong. */
export interface FieldError {
  field: string;
  message: string;
}
