import { type SQL, sql, type AnyColumn } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import { type Permission, type Role, permissionsOf } from './roles.ts';

export interface Grant {
  role: Role;
  /** '' is the whole tree. */
  orgPath: string;
}

/** Who is asking: a signed-in user, a machine client with an API key, or the system itself. */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  id: string | null;
  /** The username (or key/system name): what the audit log records. */
  name: string;
  /** The person's real name, for what people read: timelines, visit records, printouts. */
  displayName?: string | undefined;
  grants: Grant[];
  mustChangePassword: boolean;
  ip?: string | undefined;
  requestId?: string | undefined;
  /** The session this request came with (its stored id), for a user signed in by cookie. */
  sessionId?: string | undefined;
}

/** The name to show people for an actor: the real name when known, else the username. */
export function shownName(actor: Actor): string {
  return actor.displayName ?? actor.name;
}

/** The system actor, for CLI and background work that no person started. */
export const systemActor: Actor = {
  kind: 'system',
  id: null,
  name: 'system',
  displayName: '系统',
  grants: [{ role: 'system_admin', orgPath: '' }],
  mustChangePassword: false,
};

/** Whether a grant on `scope` covers the node at `target` (its subtree, itself included). */
export function coversPath(scope: string, target: string): boolean {
  return scope === '' || target === scope || target.startsWith(`${scope}.`);
}

/** The org paths on which the actor holds the permission, without redundant descendants. */
export function scopePaths(actor: Actor, permission: Permission): string[] {
  const paths = [
    ...new Set(actor.grants.filter((g) => permissionsOf(g.role).includes(permission)).map((g) => g.orgPath)),
  ];
  return paths.filter((p) => !paths.some((q) => q !== p && coversPath(q, p)));
}

/** Whether an org path is a district's or above (at most three codes: province.city.district). */
export function isDistrictOrAbove(path: string): boolean {
  return path === '' || path.split('.').length <= 3;
}

/** Whether the actor holds the permission anywhere. */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return scopePaths(actor, permission).length > 0;
}

/** Whether the actor holds the permission on the node at orgPath. */
export function canAccess(actor: Actor, permission: Permission, orgPath: string): boolean {
  return scopePaths(actor, permission).some((scope) => coversPath(scope, orgPath));
}

/** Throws FORBIDDEN unless the actor holds the permission somewhere. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new AppError('FORBIDDEN', { permission });
}

/** Throws FORBIDDEN or OUT_OF_SCOPE unless the actor holds the permission on orgPath. */
export function assertInScope(actor: Actor, permission: Permission, orgPath: string): void {
  requirePermission(actor, permission);
  if (!canAccess(actor, permission, orgPath)) throw new AppError('OUT_OF_SCOPE', { permission });
}

/**
 * The one place data scope becomes SQL: a condition that keeps only rows whose org_path
 * lies in a subtree where the actor holds the permission. Org paths hold only letters,
 * digits, '-' and '.', so they need no LIKE escaping.
 */
export function inScope(actor: Actor, permission: Permission, column: AnyColumn | SQL): SQL {
  return underPaths(column, scopePaths(actor, permission));
}

/** Rows whose org path is one of the paths or lies below one ('' is the whole tree; no path, no row). */
export function underPaths(column: AnyColumn | SQL, paths: readonly string[]): SQL {
  if (paths.includes('')) return sql`true`;
  if (paths.length === 0) return sql`false`;
  const parts = paths.map((p) => sql`(${column} = ${p} or ${column} like ${`${p}.%`})`);
  return sql`(${sql.join(parts, sql` or `)})`;
}
