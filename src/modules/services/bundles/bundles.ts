// "One thing" bundles (高效办成一件事): a life event that bundles several items with one form
// (the items' fields, each asked once) and one set of materials (by key, the strictest rule
// kept), so the applicant fills and brings everything once.
import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { FormField, MaterialSpec, ServiceBundle, ServiceItem } from '../contract.ts';
import { getItem } from '../catalogue/items.ts';
import { serviceBundles } from '../schema.ts';

const strictness = { required: 3, commitment: 2, deferrable: 1, optional: 0 } as const;

/** One form and one set of materials for several items. */
export function mergeForms(items: readonly ServiceItem[]): { formFields: FormField[]; materials: MaterialSpec[] } {
  const fields = new Map<string, FormField>();
  const materials = new Map<string, MaterialSpec>();
  for (const item of items) {
    for (const f of item.formFields) {
      const had = fields.get(f.key);
      fields.set(f.key, had ? { ...had, required: had.required || f.required } : f);
    }
    for (const m of item.materials) {
      const had = materials.get(m.key);
      materials.set(m.key, had && strictness[had.rule] >= strictness[m.rule] ? { ...had, count: Math.max(had.count, m.count) } : { ...m, count: Math.max(had?.count ?? 0, m.count) });
    }
  }
  return { formFields: [...fields.values()], materials: [...materials.values()] };
}

async function present(db: Db, row: typeof serviceBundles.$inferSelect): Promise<ServiceBundle> {
  const items = await Promise.all(row.itemCodes.map((code) => getItem(db, code)));
  return { code: row.code, name: row.name, lifeEvent: row.lifeEvent, active: row.active, items: items.map((i) => ({ code: i.code, name: i.name, version: i.version })), ...mergeForms(items) };
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

/** Adds or replaces a bundle; every item must exist. */
export async function saveBundle(db: Db, actor: Actor, input: { code: string; name: string; lifeEvent: string; itemCodes: string[]; active: boolean }): Promise<ServiceBundle> {
  requirePermission(actor, 'services.catalogue');
  for (const [i, code] of input.itemCodes.entries()) {
    await getItem(db, code).catch(() => {
      throw new AppError('VALIDATION_FAILED', { fields: [{ field: `body.itemCodes.${i}`, message: `没有编码为 ${code} 的服务事项` }] });
    });
  }
  await db.transaction(async (tx) => {
    const { code, ...rest } = input;
    await tx.insert(serviceBundles).values(input).onConflictDoUpdate({ target: serviceBundles.code, set: rest });
    await recordAudit(tx, actor, { action: 'services.bundle.save', targetType: 'service_bundle', targetId: code, orgPath: '' });
  });
  return getBundle(db, input.code);
}
