// Materials brought after acceptance (容缺): attached by the applicant or the counter while
// the application is still open; a deferred material with a file is no longer owed.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { shownName, type Actor } from '../../../platform/auth/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ActionBody } from '../contract.ts';
import { getItem } from '../catalogue/items.ts';
import { applicationEvents, serviceApplications } from '../schema.ts';
import { coversApplication, isApplicant, loadVisible, type ServiceDeps } from './common.ts';
import { attachFiles } from './materials.ts';

const open = ['submitted', 'received', 'accepted', 'under_review'] as const;

/** Attaches files to an open application; 容缺 materials supplied leave the owed list. */
export async function supplyMaterials(deps: ServiceDeps, actor: Actor, number: string, materials: NonNullable<ActionBody['materials']>): Promise<void> {
  const row = await loadVisible(deps.db, actor, number);
  if (!isApplicant(actor, row) && !coversApplication(actor, 'services.intake', row)) throw new AppError('APPLICATION_ACTION_FORBIDDEN', { permission: 'services.intake' });
  if (!(open as readonly string[]).includes(row.status)) throw new AppError('APPLICATION_ACTION_NOT_ALLOWED', { status: row.status });
  const item = await getItem(deps.db, row.itemCode, row.itemVersion);
  const given = new Set(materials.filter((m) => m.fileIds.length).map((m) => m.key));
  if (given.size === 0) throw new AppError('APPLICATION_INPUT_REQUIRED', { fields: 'materials' });
  await deps.db.transaction(async (tx) => {
    await attachFiles(tx, actor, row, item.materials, materials);
    await tx.update(serviceApplications).set({ deferred: row.deferred.filter((k) => !given.has(k)), updatedAt: new Date() }).where(eq(serviceApplications.id, row.id));
    const names = [...given].map((k) => item.materials.find((m) => m.key === k)?.name ?? k).join('、');
    await tx.insert(applicationEvents).values({ applicationId: row.id, action: 'supply', status: row.status, actorId: actor.id, actorName: shownName(actor), note: names });
    await recordAudit(tx, actor, { action: 'services.application.supply', targetType: 'service_application', targetId: number, orgPath: row.orgPath, details: { keys: [...given] } });
  });
}
