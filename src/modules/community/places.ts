// Where the community module's records sit in the org tree, and errors naming a field: what
// organisations, workers, volunteers and points share.
import { findOrgNodes, orgUnitNames, placeOf, type TreePlace } from '../org/index.ts';
import { assertInScope, type Actor } from '../../platform/auth/scope.ts';
import type { Permission } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';

/** A VALIDATION_FAILED naming one field, as zod failures are reported. */
export function invalidField(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { summary: field, fields: [{ field, message }] });
}

/** The street or community (or district) with this code, checked to be in the actor's scope for the permission. */
export async function placeInScope(db: Db, actor: Actor, permission: Permission, code: string, field = 'body.orgCode'): Promise<TreePlace> {
  const place = await placeOf(db, code);
  if (!place || place.level === 'grid' || place.level === 'department') throw invalidField(field, `没有代码为 ${code} 的街道或社区 / no street or community has code ${code}`);
  assertInScope(actor, permission, place.orgPath);
  return place;
}

/** The org path of `under` for list filters, or undefined when not given; an unknown code finds nothing. */
export async function underPath(db: Db, under: string | undefined): Promise<string | undefined> {
  if (!under) return undefined;
  return (await placeOf(db, under))?.orgPath ?? `unknown:${under}`;
}

/** The name of the node at the end of each org path, by path. */
export async function namesOfPaths(db: Db, paths: readonly string[]): Promise<Map<string, string>> {
  const codes = [...new Set(paths.map((p) => p.split('.').pop() ?? ''))].filter(Boolean);
  const names = await orgUnitNames(db, codes);
  return new Map(paths.map((p) => [p, names.get(p.split('.').pop() ?? '') ?? p]));
}

/** The community nodes with these codes (served communities), by code. */
export async function communitiesByCode(db: Db, codes: readonly string[]): Promise<Map<string, TreePlace>> {
  const nodes = await findOrgNodes(db, codes);
  return new Map(nodes.map((n) => [n.code, n]));
}
