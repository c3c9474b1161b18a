// "One thing" bundles (高效办成一件事): a life event that bundles several items with one form
// (the items' fields, each asked once) and one set of materials (by key, the strictest rule
// kept), so the applicant fills and brings everything once. Changes name the version read.
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { mergeForms, type BundleContent, type ServiceBundle } from '../contract.ts';
import { getItem } from '../catalogue/items.ts';
import { serviceBundles } from '../schema.ts';

async function present(db: Db, row: typeof serviceBundles.$inferSelect): Promise<ServiceBundle> {
  const items = await Promise.all(row.itemCodes.map((code) => getItem(db, code)));
  return {
    code: row.code, version: row.version, name: row.name, lifeEvent: row.lifeEvent, active: row.active,
    items: items.map((i) => ({ code: i.code, name: i.name, version: i.version })), ...mergeForms(items),
  };
}

/** Every bundle (the active ones unless asked). */
export async function listBundles(db: Db, includeInactive = false): Promise<ServiceBundle[]> {
  const rows = await db.select().from(serviceBundles).orderBy(asc(serviceBundles.code));
  return Promise.all(rows.filter((r) => includeInactive || r.active).map((r) => present(db, r)));
}

/** One bundle with its merged form and materials. */
export async function getBundle(db: Db, code: string): Promise<ServiceBundle> {
  const [row] = await db.select().from(serviceBundles).where(eq(serviceBundles.code, code));
  if (!row) throw new AppError('SERVICE_BUNDLE_NOT_FOUND', { code });
  return present(db, row);
}

/** Every item must exist, each named once; a bad one is named by its place in the list. */
async function checkItems(db: Db, itemCodes: readonly string[]): Promise<void> {
  const fields: { field: string; message: string }[] = [];
  for (const [i, code] of itemCodes.entries()) {
    if (itemCodes.indexOf(code) !== i) fields.push({ field: `body.itemCodes.${i}`, message: `事项 ${code} 重复` });
    else await getItem(db, code).catch(() => fields.push({ field: `body.itemCodes.${i}`, message: `没有编码为 ${code} 的服务事项` }));
  }
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
}

/** Adds a bundle (version 1); the code must be new. */
export async function createBundle(db: Db, actor: Actor, input: BundleContent & { code: string }): Promise<ServiceBundle> {
  requirePermission(actor, 'services.catalogue');
  await checkItems(db, input.itemCodes);
  await db.transaction(async (tx) => {
    const made = await tx.insert(serviceBundles).values({ ...input, version: 1 }).onConflictDoNothing().returning();
    if (made.length === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'body.code', message: `“一件事”编码 ${input.code} 已存在` }] });
    await recordAudit(tx, actor, { action: 'services.bundle.create', targetType: 'service_bundle', targetId: input.code, orgPath: '' });
  });
  return getBundle(db, input.code);
}

/** Changes a bundle (its items, name, life event, published or withdrawn) if `version` is still current. */
export async function updateBundle(db: Db, actor: Actor, code: string, read: number, content: BundleContent): Promise<ServiceBundle> {
  requirePermission(actor, 'services.catalogue');
  await checkItems(db, content.itemCodes);
  await db.transaction(async (tx) => {
    const moved = await tx
      .update(serviceBundles)
      .set({ ...content, version: read + 1, updatedAt: new Date() })
      .where(and(eq(serviceBundles.code, code), eq(serviceBundles.version, read)))
      .returning();
    if (moved.length === 0) {
      const [head] = await tx.select({ version: serviceBundles.version }).from(serviceBundles).where(eq(serviceBundles.code, code));
      if (!head) throw new AppError('SERVICE_BUNDLE_NOT_FOUND', { code });
      throw new AppError('VERSION_CONFLICT', { currentVersion: head.version });
    }
    await recordAudit(tx, actor, { action: 'services.bundle.update', targetType: 'service_bundle', targetId: code, orgPath: '', details: { version: read + 1, active: content.active } });
  });
  return getBundle(db, code);
}
