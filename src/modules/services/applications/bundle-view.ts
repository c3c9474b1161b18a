// A bundle's application, followed as one: its items' applications and whether all are done.
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { getBundle } from '../bundles/bundles.ts';
import { bundleApplications, serviceApplications } from '../schema.ts';
import { coversApplication, isApplicant, type ServiceDeps } from './common.ts';
import { presentListItems } from './present.ts';

/** The bundle application with the applications it fanned out to (those the actor may see). */
export async function getBundleApplication(deps: ServiceDeps, actor: Actor, number: string) {
  const [head] = await deps.db.select().from(bundleApplications).where(eq(bundleApplications.number, number));
  if (!head) throw new AppError('APPLICATION_NOT_FOUND', { number });
  const rows = await deps.db.select().from(serviceApplications).where(eq(serviceApplications.bundleNumber, number)).orderBy(asc(serviceApplications.number));
  const visible = rows.filter((r) => isApplicant(actor, r) || coversApplication(actor, 'services.read', r));
  if (visible.length === 0) throw new AppError('OUT_OF_SCOPE', { permission: 'services.read' });
  const bundle = await getBundle(deps.db, head.bundleCode);
  return { number, bundleCode: head.bundleCode, bundleName: bundle.name, complete: head.completedAt !== null, applications: await presentListItems(deps, visible) };
}
