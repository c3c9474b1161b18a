// Micro-wishes (微心愿): a need published without personal data (the wish, the community, a
// surname at most), claimed by a volunteer, a unit or a social organisation, fulfilled with a
// photo, and thanked by the resident. Every change goes through the lifecycle table.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, coversPath, inScope, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { readStoredFile, storeFile } from '../../../platform/storage.ts';
import { findOrganisationBrief, findVolunteerBrief } from '../../community/index.ts';
import { placeOf } from '../../org/index.ts';
import { residentBriefs } from '../../registry/index.ts';
import type { ClaimWishBody, CreateWishBody, WishAction, WishListQuery, WishPage, WishView } from '../contract.ts';
import { linkNeed, loadNeed } from '../needs/needs.ts';
import { checkVersion, communityCodeOf, communityNames, communityPathOf, invalidField, surnameOnly, underPath } from '../places.ts';
import { verifiedResidentOf, verifiedResidentOrNull } from '../residents.ts';
import { participationMicroWishes } from '../schema.ts';
import { applyWishAction } from './lifecycle.ts';
import { countAll, emptyPage, listPage, offsetOf, type PageRequest } from '../../../platform/list-page.ts';

type WishRow = typeof participationMicroWishes.$inferSelect;

async function presentWishes(db: Db, rows: readonly WishRow[], myResidentId: string | null = null): Promise<WishView[]> {
  const names = await communityNames(db, rows.map((r) => r.communityCode));
  return rows.map((r) => ({
    id: r.id,
    communityCode: r.communityCode,
    communityName: names.get(r.communityCode) ?? r.communityCode,
    wish: r.wish,
    shownName: r.shownName,
    status: r.status,
    claimantKind: r.claimantKind,
    // A volunteer is a resident too: only their surname shows.
    claimantName: r.claimantName === null ? null : r.claimantKind === 'volunteer' ? surnameOnly(r.claimantName) : r.claimantName,
    claimedAt: r.claimedAt?.toISOString() ?? null,
    fulfilmentNote: r.fulfilmentNote,
    hasPhoto: r.photoKey !== null,
    fulfilledAt: r.fulfilledAt?.toISOString() ?? null,
    thanks: r.thanks,
    isMine: myResidentId !== null && r.residentId === myResidentId,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Staff publish a wish: from a need (its community and resident follow) or taken down directly. */
export async function createWish(db: Db, actor: Actor, body: CreateWishBody): Promise<WishView> {
  const need = body.needId ? await loadNeed(db, actor, body.needId, 'participation.manage') : undefined;
  let orgPath = need?.orgPath;
  if (!orgPath) {
    const place = await placeOf(db, body.orgCode ?? '');
    if (!place || (place.level !== 'community' && place.level !== 'grid')) throw invalidField('body.orgCode', `没有代码为 ${body.orgCode} 的社区或网格 / no community or grid has this code`);
    assertInScope(actor, 'participation.manage', place.orgPath);
    orgPath = place.orgPath;
  }
  const residentId = need?.residentId ?? body.residentId ?? null;
  const resident = residentId ? (await residentBriefs(db, [residentId])).get(residentId) : undefined;
  if (residentId && (!resident || communityPathOf(resident.orgPath) !== communityPathOf(orgPath))) throw invalidField('body.residentId', '该居民不在这个社区 / the resident does not live in this community');
  const row = await db.transaction(async (tx) => {
    if (need) await linkNeed(tx, need, { status: 'wished' });
    const [created] = await tx
      .insert(participationMicroWishes)
      .values({ orgPath: orgPath, communityCode: communityCodeOf(orgPath), needId: need?.id ?? null, wish: body.wish, shownName: resident ? surnameOnly(resident.name) : '居民', residentId })
      .returning();
    await recordAudit(tx, actor, { action: 'participation.wish.create', targetType: 'participation_micro_wish', targetId: created!.id, orgPath: created!.orgPath, details: { needId: need?.id ?? null } });
    return created!;
  });
  return (await presentWishes(db, [row]))[0]!;
}

function pageOf(db: Db, where: SQL | undefined, query: PageRequest, myResidentId: string | null = null): Promise<WishPage> {
  const rows = db.select().from(participationMicroWishes).where(where).orderBy(desc(participationMicroWishes.createdAt), desc(participationMicroWishes.id)).limit(query.pageSize).offset(offsetOf(query));
  return listPage(query, rows, db.select(countAll).from(participationMicroWishes).where(where), (found) => presentWishes(db, found, myResidentId));
}

/** The micro-wish board of the actor's area (staff). */
export async function listWishes(db: Db, actor: Actor, query: WishListQuery): Promise<WishPage> {
  const path = await underPath(db, query.under);
  const where = and(inScope(actor, 'participation.read', participationMicroWishes.orgPath), path ? underPaths(participationMicroWishes.orgPath, [path]) : undefined, query.status ? eq(participationMicroWishes.status, query.status) : undefined);
  return pageOf(db, where, query);
}

/** The wishes of the resident's community (their own marked, to thank). */
export async function communityWishes(db: Db, actor: Actor, query: WishListQuery): Promise<WishPage> {
  const me = await verifiedResidentOrNull(db, actor);
  if (!me) return emptyPage(query);
  const where = and(eq(participationMicroWishes.communityCode, me.communityCode), query.status ? eq(participationMicroWishes.status, query.status) : undefined);
  return pageOf(db, where, query, me.residentId);
}

async function loadWish(db: Db, actor: Actor, id: string): Promise<WishRow> {
  const [row] = await db.select().from(participationMicroWishes).where(eq(participationMicroWishes.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `微心愿 ${id}` });
  assertInScope(actor, 'participation.manage', row.orgPath);
  return row;
}

async function transition(db: Db, actor: Actor, row: WishRow, action: WishAction, version: number, set: Partial<typeof participationMicroWishes.$inferInsert>, myResidentId: string | null = null): Promise<WishView> {
  checkVersion(row.version, version);
  const status = applyWishAction(row.status, action);
  const updated = await db.transaction(async (tx) => {
    const [next] = await tx
      .update(participationMicroWishes)
      .set({ ...set, status, version: row.version + 1 })
      .where(and(eq(participationMicroWishes.id, row.id), eq(participationMicroWishes.version, row.version)))
      .returning();
    if (!next) throw new AppError('VERSION_CONFLICT', {});
    await recordAudit(tx, actor, { action: `participation.wish.${action}`, targetType: 'participation_micro_wish', targetId: row.id, orgPath: row.orgPath, details: { from: row.status, to: status } });
    return next;
  });
  return (await presentWishes(db, [updated], myResidentId))[0]!;
}

/** Records who claimed a wish: a volunteer or organisation of the community's registers, or a unit by name. */
export async function claimWish(db: Db, actor: Actor, id: string, body: ClaimWishBody): Promise<WishView> {
  const row = await loadWish(db, actor, id);
  let claimantName = body.unitName ?? null;
  if (body.claimantKind !== 'unit') {
    const force = body.claimantKind === 'volunteer' ? await findVolunteerBrief(db, body.claimantId!) : await findOrganisationBrief(db, body.claimantId!);
    // A volunteer of the community, or an organisation registered at or above it (a street's serves its communities).
    const serves = force && (coversPath(force.orgPath, row.orgPath) || coversPath(communityPathOf(row.orgPath), force.orgPath));
    if (!force || !serves) throw invalidField('body.claimantId', '该志愿者或组织不服务这个社区 / no such volunteer or organisation serves this community');
    claimantName = force.name;
  }
  return transition(db, actor, row, 'claim', body.version, { claimantKind: body.claimantKind, claimantId: body.claimantId ?? null, claimantName, claimedAt: new Date() });
}

/** The claimant gives the wish back to the board. */
export async function releaseWish(db: Db, actor: Actor, id: string, version: number): Promise<WishView> {
  const row = await loadWish(db, actor, id);
  return transition(db, actor, row, 'release', version, { claimantKind: null, claimantId: null, claimantName: null, claimedAt: null });
}

/** Withdraws an open wish. */
export async function withdrawWish(db: Db, actor: Actor, id: string, version: number): Promise<WishView> {
  const row = await loadWish(db, actor, id);
  return transition(db, actor, row, 'withdraw', version, {});
}

/** Marks a claimed wish fulfilled, with its photo (images only, checked by content). */
export async function fulfilWish(db: Db, dataDir: string, actor: Actor, id: string, input: { version: number; note: string; photo: Buffer | null }): Promise<WishView> {
  const row = await loadWish(db, actor, id);
  if (!input.photo) throw invalidField('file', '请上传实现心愿的照片 / a photo of the fulfilled wish is required');
  applyWishAction(row.status, 'fulfil');
  const stored = storeFile(dataDir, input.photo, { kinds: ['image'] });
  return transition(db, actor, row, 'fulfil', input.version, { fulfilmentNote: input.note || null, photoKey: stored.key, photoMime: stored.mime, fulfilledAt: new Date() });
}

/** The resident who made the wish thanks whoever fulfilled it. */
export async function thankWish(db: Db, actor: Actor, id: string, body: { thanks: string; version: number }): Promise<WishView> {
  const me = await verifiedResidentOf(db, actor);
  const [row] = await db.select().from(participationMicroWishes).where(eq(participationMicroWishes.id, id));
  if (!row || row.communityCode !== me.communityCode) throw new AppError('NOT_FOUND', { what: `微心愿 ${id}` });
  if (row.residentId !== me.residentId) throw new AppError('FORBIDDEN', { permission: 'participation.take_part' });
  return transition(db, actor, row, 'thank', body.version, { thanks: body.thanks, thankedAt: new Date() }, me.residentId);
}

/** The photo of a fulfilled wish, for staff of its area and residents of its community. */
export async function wishPhoto(db: Db, dataDir: string, actor: Actor, id: string): Promise<{ bytes: Buffer; mime: string }> {
  const [row] = await db.select().from(participationMicroWishes).where(eq(participationMicroWishes.id, id));
  if (!row?.photoKey || !row.photoMime) throw new AppError('NOT_FOUND', { what: `微心愿照片 ${id}` });
  const me = canAccess(actor, 'participation.read', row.orgPath) ? null : await verifiedResidentOrNull(db, actor);
  if (!canAccess(actor, 'participation.read', row.orgPath) && me?.communityCode !== row.communityCode) throw new AppError('OUT_OF_SCOPE', { permission: 'participation.read' });
  return { bytes: readStoredFile(dataDir, row.photoKey), mime: row.photoMime };
}

export { presentWishes };
