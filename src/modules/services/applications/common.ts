// What the application use cases share: their dependencies, loading a row the actor may
// see, and the scope rule (a centre sees what it takes in, a department what it decides).
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { Permission } from '../../../platform/auth/roles.ts';
import { canAccess, hasPermission, inScope, type Actor } from '../../../platform/auth/scope.ts';
import type { AppContext } from '../../../platform/http.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { serviceApplications } from '../schema.ts';

export interface ServiceDeps {
  db: Db;
  pii: PiiCipher;
  /** Where material files are stored. */
  dataDir: string;
}

export function depsOf({ database, pii, config }: AppContext): ServiceDeps {
  return { db: database.db, pii, dataDir: config.dataDir };
}

export type ApplicationRow = typeof serviceApplications.$inferSelect;

/** Whether the actor holds the permission over the application: on its centre, or (review, read) on its deciding department. */
export function coversApplication(actor: Actor, permission: Permission, row: Pick<ApplicationRow, 'orgPath' | 'departmentPath'>): boolean {
  if (canAccess(actor, permission, row.orgPath)) return true;
  return row.departmentPath !== null && canAccess(actor, permission, row.departmentPath);
}

/** The applicant themself (an online applicant's account). */
export function isApplicant(actor: Actor, row: Pick<ApplicationRow, 'applicantUserId'>): boolean {
  return actor.kind === 'user' && actor.id !== null && row.applicantUserId === actor.id && hasPermission(actor, 'services.apply');
}

/** The applications a list shows the actor: staff their scope; a resident their own. */
export function visibleApplications(actor: Actor, mine: boolean): SQL {
  const own = actor.id ? and(eq(serviceApplications.applicantUserId, actor.id)) : undefined;
  if (mine || !hasPermission(actor, 'services.read')) {
    if (!own || !hasPermission(actor, 'services.apply')) throw new AppError('FORBIDDEN', { permission: 'services.read' });
    return own;
  }
  return or(inScope(actor, 'services.read', serviceApplications.orgPath), inScope(actor, 'services.read', serviceApplications.departmentPath))!;
}

/** An application by number, if the actor may see it (staff in scope, or its applicant). */
export async function loadVisible(db: Db, actor: Actor, number: string): Promise<ApplicationRow> {
  const [row] = await db.select().from(serviceApplications).where(eq(serviceApplications.number, number));
  if (!row) throw new AppError('APPLICATION_NOT_FOUND', { number });
  if (isApplicant(actor, row) || coversApplication(actor, 'services.read', row)) return row;
  if (!hasPermission(actor, 'services.read') && !hasPermission(actor, 'services.apply')) throw new AppError('FORBIDDEN', { permission: 'services.read' });
  throw new AppError('OUT_OF_SCOPE', { permission: 'services.read' });
}
