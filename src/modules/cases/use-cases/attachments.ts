// Photos and documents of cases: stored on upload (checked by content), attached when a case
// is reported or acted on, read by whoever may see the case (or uploaded them).
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { hasPermission, type Actor } from '../../../platform/auth/scope.ts';
import { enqueueJob } from '../../../platform/jobs.ts';
import { canThumbnail, readStoredFile, storeFile, thumbnailKey } from '../../../platform/storage.ts';
import type { AttachmentUploaded } from '../contract.ts';
import { caseAttachments } from '../schema.ts';
import { caseActorId } from '../policies.ts';
import { loadVisibleCase, type CaseDeps } from './common.ts';
import { recordCaseAudit } from './case-audit.ts';

function uploaderKey(actor: Actor): string {
  return caseActorId(actor);
}

/** Refuses attachment ids that are unknown, belong to another case, or were uploaded by someone else. */
export async function checkAttachments(db: Db, actor: Actor, ids: readonly string[], caseId: string | null): Promise<void> {
  if (ids.length === 0) return;
  if (ids.some((id) => !/^[0-9a-f-]{36}$/i.test(id))) throw new AppError('CASE_INPUT_INVALID', { field: 'photos', reason: 'unknown attachment' });
  const rows = await db.select().from(caseAttachments).where(inArray(caseAttachments.id, [...ids]));
  const ok = rows.length === new Set(ids).size && rows.every((r) => r.caseId === caseId || (r.caseId === null && r.uploadedBy === uploaderKey(actor)));
  if (!ok) throw new AppError('CASE_INPUT_INVALID', { field: 'photos', reason: 'unknown attachment, or one uploaded by someone else' });
}



/** Stores an uploaded photo or document (checked by content), for a case or a case yet to be reported. */
export async function uploadAttachment(deps: CaseDeps, actor: Actor, input: { bytes: Buffer; filename: string; caseId?: string | undefined }): Promise<AttachmentUploaded> {
  const { db } = deps;
  if (!hasPermission(actor, 'case.report') && !hasPermission(actor, 'case.handle')) throw new AppError('FORBIDDEN', { permission: 'case.report' });
  const target = input.caseId ? await loadVisibleCase(db, actor, input.caseId) : null;
  const stored = storeFile(deps.dataDir, input.bytes);
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(caseAttachments)
      .values({ caseId: input.caseId ?? null, storageKey: stored.key, mime: stored.mime, size: stored.size, sha256: stored.sha256, originalName: input.filename.slice(0, 200), uploadedBy: uploaderKey(actor) })
      .returning();
    // The file's name may name someone: only its kind, size and digest are recorded.
    await recordCaseAudit(tx, actor, 'attach', target && { caseId: target.id, orgPath: target.orgPath }, {
      attachmentId: inserted?.id, ...(target ? { number: target.number } : {}), mime: stored.mime, size: stored.size, sha256: stored.sha256,
    });
    return inserted;
  });
  if (canThumbnail(stored.mime)) await enqueueJob(db, 'cases.thumbnail', { attachmentId: row?.id, key: stored.key, mime: stored.mime });
  return { id: row?.id as string, mime: stored.mime, size: stored.size, hasThumbnail: false };
}

/** An attachment's bytes (or its thumbnail) for someone who may see its case (or who uploaded it). */
export async function readAttachment(deps: CaseDeps, actor: Actor, id: string, thumbnail: boolean) {
  const { db } = deps;
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND', { what: id });
  const [row] = await db.select().from(caseAttachments).where(eq(caseAttachments.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: id });
  if (row.caseId) await loadVisibleCase(db, actor, row.caseId);
  else if (row.uploadedBy !== uploaderKey(actor)) throw new AppError('OUT_OF_SCOPE', { permission: 'case.read' });
  if (thumbnail && row.hasThumbnail) return { bytes: readStoredFile(deps.dataDir, thumbnailKey(row.storageKey)), mime: 'image/jpeg' };
  return { bytes: readStoredFile(deps.dataDir, row.storageKey), mime: row.mime };
}
