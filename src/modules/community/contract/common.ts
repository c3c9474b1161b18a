// Shapes every part of the community module shares.
import { z } from 'zod';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');
/** An org unit's code (a street, a community). */
export const orgCode = z.string().trim().min(1).max(60);
export const idParam = z.object({ id: z.uuid() });
export const nameText = z.string().trim().min(1).max(100);
export const mobileText = z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字 / a mobile number has 11 digits');
