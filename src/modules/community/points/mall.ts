// The points mall (积分商城): goods and services at listed prices in points, per street or community.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf, type ListPage } from '../../../platform/list-page.ts';
import type { MallItemBody, MallItemView } from '../contract.ts';
import { communityMallItems } from '../schema.ts';
import { namesOfPaths, placeInScope, underPath } from '../places.ts';

type Row = typeof communityMallItems.$inferSelect;

async function present(db: Db, rows: Row[]): Promise<MallItemView[]> {
  const names = await namesOfPaths(db, rows.map((r) => r.orgPath));
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, price: r.price, stock: r.stock, active: r.active, orgName: names.get(r.orgPath) ?? r.orgPath }));
}

/** The items on offer (anyone may see the mall: it lists no personal data). */
export async function listMall(db: Db, q: { under?: string | undefined; page: number; pageSize: number }): Promise<ListPage<MallItemView>> {
  const conditions: SQL[] = [eq(communityMallItems.active, true)];
  const path = await underPath(db, q.under);
  if (path) conditions.push(underPaths(communityMallItems.orgPath, [path]));
  const where = and(...conditions);
  return listPage(
    q,
    db.select().from(communityMallItems).where(where).orderBy(asc(communityMallItems.price), asc(communityMallItems.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityMallItems).where(where),
    (rows) => present(db, rows),
  );
}

export async function addMallItem(db: Db, actor: Actor, body: MallItemBody): Promise<MallItemView> {
  const place = await placeInScope(db, actor, 'community.write', body.orgCode);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx.insert(communityMallItems).values({ orgPath: place.orgPath, name: body.name, description: body.description, price: body.price, stock: body.stock }).returning();
    await recordAudit(tx, actor, { action: 'community.mall.add', targetType: 'community_mall_item', targetId: created!.id, orgPath: place.orgPath, details: { name: body.name, price: body.price } });
    return created!;
  });
  return (await present(db, [row]))[0]!;
}

/** Takes an item off the mall (kept for the ledger's references). */
export async function withdrawMallItem(db: Db, actor: Actor, id: string): Promise<MallItemView> {
  const [row] = await db.select().from(communityMallItems).where(eq(communityMallItems.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `商品 ${id}` });
  assertInScope(actor, 'community.write', row.orgPath);
  const updated = await db.transaction(async (tx) => {
    const [next] = await tx.update(communityMallItems).set({ active: false }).where(eq(communityMallItems.id, id)).returning();
    await recordAudit(tx, actor, { action: 'community.mall.withdraw', targetType: 'community_mall_item', targetId: id, orgPath: row.orgPath, details: {} });
    return next!;
  });
  return (await present(db, [updated]))[0]!;
}
