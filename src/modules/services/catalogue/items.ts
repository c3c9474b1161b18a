// The catalogue of service items: listing and search, one item (its version in force or an
// earlier one), creating, and changing it, which makes a new version (applications keep theirs).
import { and, asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf, type ListPage, type PageRequest } from '../../../platform/list-page.ts';
import { findOrgUnit, orgUnitNames } from '../../org/index.ts';
import type { AcceptLevel, ItemContent, ItemKind, ServiceItem } from '../contract.ts';
import { admissionEntries, serviceItems, serviceItemVersions } from '../schema.ts';
import { itemSearchText } from './search-keys.ts';

type VersionRow = typeof serviceItemVersions.$inferSelect;

/** Items as their rows read, with the department's name. */
export async function presentItems(db: Db, rows: { version: VersionRow; active: boolean; updatedAt: Date }[]): Promise<ServiceItem[]> {
  const names = await orgUnitNames(db, rows.map((r) => r.version.departmentCode ?? '').filter(Boolean));
  return rows.map(({ version: v, active, updatedAt }) => ({
    code: v.code,
    version: v.version,
    active,
    name: v.name,
    kind: v.kind,
    departmentCode: v.departmentCode,
    departmentName: v.departmentCode ? (names.get(v.departmentCode) ?? null) : null,
    acceptLevels: v.acceptLevels,
    statutoryDays: v.statutoryDays,
    promisedDays: v.promisedDays,
    materials: v.materials,
    fees: v.fees,
    channels: v.channels,
    districtWide: v.districtWide,
    formFields: v.formFields,
    guide: v.guide,
    admissionEntries: v.admissionEntries,
    updatedAt,
  }));
}

export interface ItemFilter extends PageRequest {
  q?: string | undefined;
  kind?: ItemKind | undefined;
  level?: AcceptLevel | undefined;
  includeInactive?: boolean;
}

/** A page of the catalogue (versions in force), searched by name, code, pinyin or initials. */
export async function listItems(db: Db, f: ItemFilter): Promise<ListPage<ServiceItem>> {
  const where: SQL[] = [eq(serviceItemVersions.version, serviceItems.currentVersion)];
  if (!f.includeInactive) where.push(eq(serviceItems.active, true));
  if (f.q) where.push(like(serviceItems.searchText, `%${f.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (f.kind) where.push(eq(serviceItemVersions.kind, f.kind));
  if (f.level) where.push(sql`${f.level} = any(${serviceItemVersions.acceptLevels})`);
  const joined = () => db.select().from(serviceItems).innerJoin(serviceItemVersions, eq(serviceItemVersions.code, serviceItems.code));
  return listPage(
    f,
    joined().where(and(...where)).orderBy(asc(serviceItems.code)).limit(f.pageSize).offset(offsetOf(f)),
    db.select(countAll).from(serviceItems).innerJoin(serviceItemVersions, eq(serviceItemVersions.code, serviceItems.code)).where(and(...where)),
    (rows) => presentItems(db, rows.map((r) => ({ version: r.service_item_versions, active: r.service_items.active, updatedAt: r.service_items.updatedAt }))),
  );
}

/** One item: its version in force, or the version asked for. */
export async function getItem(db: Db, code: string, version?: number): Promise<ServiceItem> {
  const [head] = await db.select().from(serviceItems).where(eq(serviceItems.code, code));
  if (!head) throw new AppError('SERVICE_ITEM_NOT_FOUND', { code });
  const [row] = await db
    .select()
    .from(serviceItemVersions)
    .where(and(eq(serviceItemVersions.code, code), eq(serviceItemVersions.version, version ?? head.currentVersion)));
  if (!row) throw new AppError('NOT_FOUND', { code, version });
  const [item] = await presentItems(db, [{ version: row, active: head.active, updatedAt: head.updatedAt }]);
  return item!;
}

/** What the content names must exist: the deciding department and the admission-list entries. */
async function checkReferences(db: Db, content: ItemContent): Promise<void> {
  const fields: { field: string; message: string }[] = [];
  if (content.departmentCode !== null) {
    const unit = await findOrgUnit(db, content.departmentCode);
    if (!unit || unit.level !== 'department') fields.push({ field: 'body.departmentCode', message: `没有编码为 ${content.departmentCode} 的部门` });
  }
  if (content.admissionEntries.length > 0) {
    const known = await db
      .select({ code: admissionEntries.code })
      .from(admissionEntries)
      .where(and(inArray(admissionEntries.code, content.admissionEntries), eq(admissionEntries.active, true)));
    const codes = new Set(known.map((k) => k.code));
    content.admissionEntries.forEach((code, i) => {
      if (!codes.has(code)) fields.push({ field: `body.admissionEntries.${i}`, message: `准入清单中没有事项 ${code}` });
    });
  }
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
}

/** Adds an item (version 1). */
export async function createItem(db: Db, actor: Actor, code: string, content: ItemContent): Promise<ServiceItem> {
  requirePermission(actor, 'services.catalogue');
  await checkReferences(db, content);
  await db.transaction(async (tx) => {
    const made = await tx.insert(serviceItems).values({ code, currentVersion: 1, searchText: itemSearchText(content.name, code) }).onConflictDoNothing().returning();
    if (made.length === 0) throw new AppError('SERVICE_ITEM_EXISTS', { code });
    await tx.insert(serviceItemVersions).values({ code, version: 1, ...content, createdBy: actor.id });
    await recordAudit(tx, actor, { action: 'services.item.create', targetType: 'service_item', targetId: code, orgPath: '' });
  });
  return getItem(db, code);
}

/** Changes an item: a new version with the whole content, if `version` is still the one in force. */
export async function updateItem(db: Db, actor: Actor, code: string, read: number, content: ItemContent, active?: boolean): Promise<ServiceItem> {
  requirePermission(actor, 'services.catalogue');
  await checkReferences(db, content);
  await db.transaction(async (tx) => {
    const next = read + 1;
    const moved = await tx
      .update(serviceItems)
      .set({ currentVersion: next, searchText: itemSearchText(content.name, code), updatedAt: new Date(), ...(active === undefined ? {} : { active }) })
      .where(and(eq(serviceItems.code, code), eq(serviceItems.currentVersion, read)))
      .returning();
    if (moved.length === 0) {
      const [head] = await tx.select().from(serviceItems).where(eq(serviceItems.code, code));
      if (!head) throw new AppError('SERVICE_ITEM_NOT_FOUND', { code });
      throw new AppError('VERSION_CONFLICT', { currentVersion: head.currentVersion });
    }
    await tx.insert(serviceItemVersions).values({ code, version: next, ...content, createdBy: actor.id });
    await recordAudit(tx, actor, { action: 'services.item.update', targetType: 'service_item', targetId: code, orgPath: '', details: { version: next } });
  });
  return getItem(db, code);
}
