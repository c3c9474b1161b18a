// Material files: stored on upload (checked by content: images and PDF), attached to an
// application by material key when applying or acting, read by whoever may see it.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { hasPermission, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { readStoredFile, storeFile } from '../../../platform/storage.ts';
import type { MaterialSpec } from '../contract.ts';
import { applicationMaterials } from '../schema.ts';
import { loadVisible, type ApplicationRow, type ServiceDeps } from './common.ts';

export type MaterialFile = typeof applicationMaterials.$inferSelect;

const uploader = (actor: Actor) => `${actor.kind}:${actor.id ?? actor.name}`;

/** Stores an uploaded material file, not yet attached to an application. */
export async function uploadMaterial(deps: ServiceDeps, actor: Actor, input: { bytes: Buffer; filename: string }) {
  if (!hasPermission(actor, 'services.apply') && !hasPermission(actor, 'services.intake')) throw new AppError('FORBIDDEN', { permission: 'services.apply' });
  const stored = storeFile(deps.dataDir, input.bytes);
  const filename = input.filename.replace(/[\\/\0]/g, '_').slice(0, 200) || 'file';
  const [row] = await deps.db.insert(applicationMaterials).values({ storageKey: stored.key, filename, mime: stored.mime, size: stored.size, uploadedBy: uploader(actor) }).returning();
  return { id: row!.id, filename, mime: stored.mime, size: stored.size };
}

/**
 * Attaches files to an application by material key: each file must be one the actor uploaded
 * and not yet attached, and each key a material of the item version.
 */
export async function attachFiles(db: Db, actor: Actor, app: Pick<ApplicationRow, 'id'>, specs: readonly MaterialSpec[], wanted: readonly { key: string; fileIds: readonly string[] }[]): Promise<void> {
  const keys = new Set(specs.map((s) => s.key));
  for (const [i, w] of wanted.entries()) {
    if (!keys.has(w.key)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: `body.materials.${i}.key`, message: `该事项没有材料 ${w.key}` }] });
  }
  const ids = wanted.flatMap((w) => w.fileIds);
  if (ids.length === 0) return;
  const rows = await db.select().from(applicationMaterials).where(and(inArray(applicationMaterials.id, ids), isNull(applicationMaterials.applicationId)));
  const mine = new Set(rows.filter((r) => r.uploadedBy === uploader(actor)).map((r) => r.id));
  wanted.forEach((w, i) =>
    w.fileIds.forEach((id, j) => {
      if (!mine.has(id)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: `body.materials.${i}.fileIds.${j}`, message: '文件不存在、已使用或不是您上传的' }] });
    }),
  );
  for (const w of wanted) {
    if (w.fileIds.length) await db.update(applicationMaterials).set({ applicationId: app.id, materialKey: w.key }).where(inArray(applicationMaterials.id, [...w.fileIds]));
  }
}

/** The files of some applications, by application id. */
export async function filesOf(db: Db, applicationIds: readonly string[]): Promise<Map<string, MaterialFile[]>> {
  const out = new Map<string, MaterialFile[]>();
  if (applicationIds.length === 0) return out;
  const rows = await db.select().from(applicationMaterials).where(inArray(applicationMaterials.applicationId, [...applicationIds])).orderBy(applicationMaterials.createdAt);
  for (const r of rows) out.set(r.applicationId!, [...(out.get(r.applicationId!) ?? []), r]);
  return out;
}

/** A material file's bytes, for someone who may see its application; reading it is audited. */
export async function readMaterial(deps: ServiceDeps, actor: Actor, number: string, fileId: string) {
  const app = await loadVisible(deps.db, actor, number);
  const [row] = await deps.db.select().from(applicationMaterials).where(and(eq(applicationMaterials.id, fileId), eq(applicationMaterials.applicationId, app.id)));
  if (!row) throw new AppError('NOT_FOUND', { what: fileId });
  await recordAudit(deps.db, actor, { action: 'services.material.read', targetType: 'service_application', targetId: number, orgPath: app.orgPath, details: { fileId, key: row.materialKey } });
  return { bytes: readStoredFile(deps.dataDir, row.storageKey), mime: row.mime, filename: row.filename };
}
