// Shapes every part of the community module shares.
import { z } from 'zod';

/** A calendar day as YYYY-MM-DD that exists (not 2026-13-01 nor 2026-02-30). */
export const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD 的有效日期 / date must be a real YYYY-MM-DD day' });
/** An org unit's code (a street, a community). */
export const orgCode = z.string().trim().min(1).max(60);
export const idParam = z.object({ id: z.uuid() });
export const nameText = z.string().trim().min(1).max(100);
export const mobileText = z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字 / a mobile number has 11 digits');
