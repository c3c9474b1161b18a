// Where participation's records sit in the org tree, and the errors naming a field.
import { assertInScope, type Actor } from '../../platform/auth/scope.ts';
import type { Permission } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { orgUnitNames, placeOf, type TreePlace } from '../org/index.ts';

/** A VALIDATION_FAILED naming one field, as zod failures are reported. */
export function invalidField(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { summary: field, fields: [{ field, message }] });
}

/** The community path of an org path at or below a community (its first five segments). */
export function communityPathOf(orgPath: string): string {
  return orgPath.split('.').slice(0, 5).join('.');
}

/** The community code of an org path at or below a community. */
export function communityCodeOf(orgPath: string): string {
  return orgPath.split('.')[4] ?? '';
}

/** A community or grid by code, in the actor's scope for the permission (a street is too wide for a need). */
export async function communityOrGridInScope(db: Db, actor: Actor, permission: Permission, code: string, field = 'body.orgCode'): Promise<TreePlace> {
  const place = await placeOf(db, code);
  if (!place || (place.level !== 'community' && place.level !== 'grid')) throw invalidField(field, `没有代码为 ${code} 的社区或网格 / no community or grid has code ${code}`);
  assertInScope(actor, permission, place.orgPath);
  return place;
}

/** The org path of `under` for list filters, or undefined when not given; an unknown code finds nothing. */
export async function underPath(db: Db, under: string | undefined): Promise<string | undefined> {
  if (!under) return undefined;
  return (await placeOf(db, under))?.orgPath ?? `unknown:${under}`;
}

/** Community names by code. */
export async function communityNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  return orgUnitNames(db, codes);
}

/** What the public may see of a resident's name: the surname and two stars (王**). */
export function surnameOnly(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? `${first}**` : '居民';
}

/** Optimistic concurrency: VERSION_CONFLICT when the row changed since it was read. */
export function checkVersion(current: number, given: number): void {
  if (current !== given) throw new AppError('VERSION_CONFLICT', { currentVersion: current });
}

/** The calendar year in Beijing now. */
export function beijingYear(now: Date = new Date()): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
}
