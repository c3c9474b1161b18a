// Files of a milestone's deliverables (photos, PDF): the organisation uploads them while the
// milestone is not yet accepted; staff see them when they decide, and both may open them.
// The bytes go to the platform's storage, checked by content, never by name.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { shownName, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { readStoredFile, storeFile } from '../../../platform/storage.ts';
import type { ApplicationDetail } from '../contract/projects.ts';
import { projectDeliverables, projectMilestones } from '../schema/projects.ts';
import { getApplication } from './applications.ts';
import { addEvent, assertStanding, deliverablesOf, invalid, loadApplication, type ApplicationRow } from './common.ts';

/** The most files one milestone carries. */
export const deliverablesPerMilestone = 20;

async function milestoneOf(db: Db, id: string) {
  const [milestone] = await db.select().from(projectMilestones).where(eq(projectMilestones.id, id));
  if (!milestone) throw new AppError('NOT_FOUND', { what: `里程碑 ${id}` });
  return { milestone, app: await loadApplication(db, milestone.applicationId) };
}

/** The organisation attaches a photo or PDF to a milestone of its awarded project, before acceptance. */
export async function uploadDeliverable(db: Db, dataDir: string, actor: Actor, milestoneId: string, file: { bytes: Buffer; filename: string }): Promise<ApplicationDetail> {
  const { milestone, app } = await milestoneOf(db, milestoneId);
  await assertStanding(db, actor, app, 'organisation');
  if (app.status !== 'awarded') throw new AppError('CONFLICT', { reason: '项目未立项或已结项 / the project is not under way' });
  if (milestone.status === 'accepted') throw new AppError('CONFLICT', { reason: '里程碑已验收，不能再添加成果文件 / the milestone is accepted' });
  const existing = (await deliverablesOf(db, [milestoneId])).get(milestoneId) ?? [];
  if (existing.length >= deliverablesPerMilestone) throw invalid([{ field: 'file', message: `每个里程碑最多 ${deliverablesPerMilestone} 个成果文件 / at most ${deliverablesPerMilestone} files` }]);
  const stored = storeFile(dataDir, file.bytes, { kinds: ['image', 'document'] });
  const filename = file.filename.replace(/[\\/\0]/g, '_').slice(0, 200) || 'file';
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(projectDeliverables).values({ milestoneId, applicationId: app.id, storageKey: stored.key, filename, mime: stored.mime, size: stored.size, uploadedBy: shownName(actor) }).returning();
    await addEvent(tx, actor, { callId: app.callId, applicationId: app.id, kind: 'milestone.file', summary: `里程碑 ${milestone.seq}“${milestone.title}”添加成果文件 ${filename}` });
    await recordAudit(tx, actor, { action: 'community.project_deliverable.upload', targetType: 'project_milestone', targetId: milestoneId, orgPath: app.orgPath, details: { fileId: row!.id, mime: stored.mime, size: stored.size } });
  });
  return getApplication(db, actor, app.id, 'organisation');
}

async function standingOfEither(db: Db, actor: Actor, app: ApplicationRow): Promise<void> {
  try {
    await assertStanding(db, actor, app, 'staff');
  } catch {
    await assertStanding(db, actor, app, 'organisation');
  }
}

/** A deliverable's bytes, for project staff over the call or the organisation's staff; reading is audited. */
export async function readDeliverable(db: Db, dataDir: string, actor: Actor, fileId: string) {
  const [row] = await db.select().from(projectDeliverables).where(eq(projectDeliverables.id, fileId));
  if (!row) throw new AppError('NOT_FOUND', { what: `成果文件 ${fileId}` });
  const app = await loadApplication(db, row.applicationId);
  await standingOfEither(db, actor, app);
  await recordAudit(db, actor, { action: 'community.project_deliverable.read', targetType: 'project_milestone', targetId: row.milestoneId, orgPath: app.orgPath, details: { fileId } });
  return { bytes: readStoredFile(dataDir, row.storageKey), mime: row.mime, filename: row.filename };
}
