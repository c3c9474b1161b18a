// What the assessment's use cases share: the node a request is about, names, periods in China time.
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Permission } from '../../../platform/auth/roles.ts';
import { assertInScope, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import { findOrgUnit, orgUnitNames, type OrgUnitView } from '../../org/index.ts';

/** The node asked for (default: the top of the actor's scope), checked against the actor's scope. */
export async function nodeInScope(db: Db, actor: Actor, permission: Permission, code: string | undefined, field = 'query.under'): Promise<OrgUnitView> {
  const scopes = scopePaths(actor, permission);
  if (scopes.length === 0) throw new AppError('FORBIDDEN', { permission });
  const wanted = code ?? scopes[0]?.split('.').at(-1);
  const node = wanted ? await findOrgUnit(db, wanted) : undefined;
  if (!node) {
    if (code) throw new AppError('VALIDATION_FAILED', { summary: field, fields: [{ field, message: `没有这个组织 / no org unit ${code}` }] });
    throw new AppError('VALIDATION_FAILED', { summary: field, fields: [{ field, message: '请选择组织 / choose an org unit' }] });
  }
  assertInScope(actor, permission, node.orgPath);
  return node;
}

/** An org unit by code that must exist (else a validation error naming the field). */
export async function existingUnit(db: Db, code: string, field: string): Promise<OrgUnitView> {
  const node = await findOrgUnit(db, code);
  if (!node) throw new AppError('VALIDATION_FAILED', { summary: field, fields: [{ field, message: `没有这个组织 / no org unit ${code}` }] });
  return node;
}

/** Code → { code, name } for codes, named by the org tree (unknown codes keep their code as name). */
export async function namedUnits(db: Db, codes: readonly string[]): Promise<(code: string) => { code: string; name: string }> {
  const names = await orgUnitNames(db, [...new Set(codes)]);
  return (code) => ({ code, name: names.get(code) ?? code });
}

/** Midnight of a China day (UTC+8, no daylight saving), as an instant. */
export function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** Today in China as YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The month (YYYY-MM) n months after a month. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A validation error naming one field. */
export function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { summary: field, fields: [{ field, message }] });
}
