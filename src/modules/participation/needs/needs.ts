// Needs (问需): taken down from a resident (/portal), a worker during a visit (/m) or staff;
// sorted by 三事分流, merged into a survivor, counted per community and class.
import { and, desc, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import { pgErrorCode, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { maskName, residentBriefs } from '../../registry/index.ts';
import type { CreateNeedBody, MatterKind, NeedCounts, NeedListQuery, NeedPage, NeedView } from '../contract.ts';
import { awardParticipationPoints } from '../points/award.ts';
import { checkVersion, communityCodeOf, communityNames, communityOrGridInScope, communityPathOf, invalidField, underPath } from '../places.ts';
import { verifiedResidentOf, verifiedResidentOrNull } from '../residents.ts';
import { participationNeeds } from '../schema.ts';
import { countAll, emptyPage, listPage, offsetOf, type PageRequest } from '../../../platform/list-page.ts';

export type NeedRow = typeof participationNeeds.$inferSelect;

export async function presentNeeds(db: Db, rows: readonly NeedRow[]): Promise<NeedView[]> {
  const [people, names] = await Promise.all([residentBriefs(db, rows.flatMap((r) => (r.residentId ? [r.residentId] : []))), communityNames(db, rows.map((r) => r.communityCode))]);
  return rows.map((r) => ({
    id: r.id,
    communityCode: r.communityCode,
    communityName: names.get(r.communityCode) ?? r.communityCode,
    orgPath: r.orgPath,
    needClass: r.needClass,
    matterKind: r.matterKind,
    title: r.title,
    description: r.description,
    channel: r.channel,
    residentName: r.residentId ? maskName(people.get(r.residentId)?.name ?? '') || null : null,
    visitId: r.visitId,
    recordedByName: r.recordedByName,
    status: r.status,
    mergedInto: r.mergedInto,
    proposalId: r.proposalId,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  }));
}

async function insertNeed(db: Db, actor: Actor, values: typeof participationNeeds.$inferInsert): Promise<NeedRow> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(participationNeeds).values(values).returning();
      await recordAudit(tx, actor, { action: 'participation.need.create', targetType: 'participation_need', targetId: row!.id, orgPath: row!.orgPath, details: { needClass: row!.needClass, channel: row!.channel } });
      return row!;
    });
  } catch (error) {
    // The visit is the registry's: a wrong id shows as a foreign-key failure.
    if (pgErrorCode(error) === '23503') throw invalidField('body.visitId', '没有这次走访记录 / no such visit');
    throw error;
  }
}

/** Staff or a grid worker take a need down in a community or grid of their scope, for a resident or not. */
export async function recordNeed(db: Db, actor: Actor, body: CreateNeedBody): Promise<NeedView> {
  if (!body.orgCode) throw invalidField('body.orgCode', '请选择社区或网格 / choose a community or grid');
  const place = await communityOrGridInScope(db, actor, 'participation.record', body.orgCode);
  if (body.residentId) {
    const resident = (await residentBriefs(db, [body.residentId])).get(body.residentId);
    if (!resident || communityPathOf(resident.orgPath) !== communityPathOf(place.orgPath)) throw invalidField('body.residentId', '该居民不在这个社区 / the resident does not live in this community');
  }
  const row = await insertNeed(db, actor, {
    orgPath: place.orgPath,
    communityCode: communityCodeOf(place.orgPath),
    needClass: body.needClass,
    title: body.title,
    description: body.description,
    channel: body.channel ?? (body.visitId ? 'mobile' : 'console'),
    residentId: body.residentId ?? null,
    visitId: body.visitId ?? null,
    recordedBy: actor.id,
    recordedByName: actor.displayName ?? actor.name,
  });
  return (await presentNeeds(db, [row]))[0]!;
}

/** A verified resident raises a need in their own community (and earns the rule's points). */
export async function raiseNeed(db: Db, actor: Actor, body: CreateNeedBody): Promise<NeedView> {
  if (body.orgCode || body.visitId || body.residentId) throw invalidField('body', '居民只能以本人身份提出需求 / residents raise needs as themselves');
  const me = await verifiedResidentOf(db, actor);
  const row = await insertNeed(db, actor, {
    orgPath: me.orgPath,
    communityCode: me.communityCode,
    needClass: body.needClass,
    title: body.title,
    description: body.description,
    channel: 'portal',
    residentId: me.residentId,
    recordedBy: actor.id,
    recordedByName: '居民本人',
  });
  await awardParticipationPoints(db, { residentId: me.residentId, communityCode: me.communityCode, action: 'submit_need', sourceKind: 'need', sourceId: row.id, note: row.title });
  return (await presentNeeds(db, [row]))[0]!;
}

/** The needs the signed-in resident raised, newest first. */
export async function myNeeds(db: Db, actor: Actor, query: { page: number; pageSize: number }): Promise<NeedPage> {
  // An account not yet linked has raised nothing: an empty page, and /portal offers the link.
  const me = await verifiedResidentOrNull(db, actor);
  if (!me) return emptyPage(query);
  return pageOf(db, eq(participationNeeds.residentId, me.residentId), query);
}

function pageOf(db: Db, where: SQL | undefined, query: PageRequest): Promise<NeedPage> {
  const rows = db.select().from(participationNeeds).where(where).orderBy(desc(participationNeeds.createdAt), desc(participationNeeds.id)).limit(query.pageSize).offset(offsetOf(query));
  return listPage(query, rows, db.select(countAll).from(participationNeeds).where(where), (found) => presentNeeds(db, found));
}

/** The conditions of a needs list in the actor's scope. */
export async function needConditions(db: Db, actor: Actor, query: Omit<NeedListQuery, 'page' | 'pageSize'>): Promise<SQL | undefined> {
  const path = await underPath(db, query.under);
  const q = query.q?.replace(/[%_\\]/g, (c) => `\\${c}`);
  return and(
    inScope(actor, 'participation.read', participationNeeds.orgPath),
    path ? underPaths(participationNeeds.orgPath, [path]) : undefined,
    query.needClass ? eq(participationNeeds.needClass, query.needClass) : undefined,
    query.matterKind ? eq(participationNeeds.matterKind, query.matterKind) : undefined,
    query.status ? eq(participationNeeds.status, query.status) : undefined,
    q ? or(ilike(participationNeeds.title, `%${q}%`), ilike(participationNeeds.description, `%${q}%`)) : undefined,
  );
}

/** The needs ledger of the actor's area, newest first. */
export async function listNeeds(db: Db, actor: Actor, query: NeedListQuery): Promise<NeedPage> {
  return pageOf(db, await needConditions(db, actor, query), query);
}

export async function loadNeed(db: Db, actor: Actor, id: string, permission: 'participation.read' | 'participation.manage'): Promise<NeedRow> {
  const [row] = await db.select().from(participationNeeds).where(eq(participationNeeds.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `需求 ${id}` });
  assertInScope(actor, permission, row.orgPath);
  return row;
}

async function updateNeed(db: Db, actor: Actor, row: NeedRow, version: number, set: Partial<typeof participationNeeds.$inferInsert>, action: string, details: Record<string, unknown> = {}): Promise<NeedView> {
  checkVersion(row.version, version);
  const updated = await db.transaction(async (tx) => {
    const [next] = await tx
      .update(participationNeeds)
      .set({ ...set, version: row.version + 1 })
      .where(and(eq(participationNeeds.id, row.id), eq(participationNeeds.version, row.version)))
      .returning();
    if (!next) throw new AppError('VERSION_CONFLICT', {});
    await recordAudit(tx, actor, { action, targetType: 'participation_need', targetId: row.id, orgPath: row.orgPath, details });
    return next;
  });
  return (await presentNeeds(db, [updated]))[0]!;
}

/** 三事分流: a government, community or private matter. */
export async function sortNeed(db: Db, actor: Actor, id: string, body: { matterKind: MatterKind; version: number }): Promise<NeedView> {
  const row = await loadNeed(db, actor, id, 'participation.manage');
  if (row.status !== 'open' && row.status !== 'sorted') throw new AppError('PARTICIPATION_TRANSITION_REFUSED', { from: row.status, action: 'sort' });
  return updateNeed(db, actor, row, body.version, { matterKind: body.matterKind, status: 'sorted' }, 'participation.need.sort', { matterKind: body.matterKind });
}

/** Merges a duplicate into a survivor of the same community; the merged need points to it. */
export async function mergeNeed(db: Db, actor: Actor, id: string, body: { survivorId: string; version: number }): Promise<NeedView> {
  const row = await loadNeed(db, actor, id, 'participation.manage');
  if (row.status === 'merged') throw new AppError('PARTICIPATION_ALREADY_MERGED');
  if (row.status !== 'open' && row.status !== 'sorted') throw new AppError('PARTICIPATION_TRANSITION_REFUSED', { from: row.status, action: 'merge' });
  if (body.survivorId === id) throw invalidField('body.survivorId', '不能合并到自己 / a need cannot be merged into itself');
  const [survivor] = await db.select().from(participationNeeds).where(eq(participationNeeds.id, body.survivorId));
  if (!survivor || survivor.communityCode !== row.communityCode) throw invalidField('body.survivorId', '请选择同一社区的需求 / choose a need of the same community');
  if (survivor.status === 'merged') throw invalidField('body.survivorId', '该需求已被合并 / that need was merged itself');
  return updateNeed(db, actor, row, body.version, { status: 'merged', mergedInto: survivor.id }, 'participation.need.merge', { survivorId: survivor.id });
}

/** Closes a need (answered, or a private matter left to the resident). */
export async function closeNeed(db: Db, actor: Actor, id: string, body: { version: number }): Promise<NeedView> {
  const row = await loadNeed(db, actor, id, 'participation.manage');
  if (row.status !== 'open' && row.status !== 'sorted') throw new AppError('PARTICIPATION_TRANSITION_REFUSED', { from: row.status, action: 'close' });
  return updateNeed(db, actor, row, body.version, { status: 'closed' }, 'participation.need.close');
}

/** Marks a need as turned into a proposal or a micro-wish (in the caller's transaction). */
export async function linkNeed(tx: Db, row: NeedRow, set: { status: 'proposed'; proposalId: string } | { status: 'wished' }): Promise<void> {
  if (row.status !== 'open' && row.status !== 'sorted') throw new AppError('PARTICIPATION_TRANSITION_REFUSED', { from: row.status, action: set.status === 'proposed' ? 'propose' : 'wish' });
  await tx.update(participationNeeds).set({ ...set, version: row.version + 1 }).where(eq(participationNeeds.id, row.id));
}

/** Needs per community and class in the actor's area (a merged need counts in its survivor only). */
export async function countNeeds(db: Db, actor: Actor, query: { under?: string | undefined }): Promise<NeedCounts> {
  const path = await underPath(db, query.under);
  const rows = await db
    .select({ communityCode: participationNeeds.communityCode, needClass: participationNeeds.needClass, count: sql<number>`count(*)::int` })
    .from(participationNeeds)
    .where(and(inScope(actor, 'participation.read', participationNeeds.orgPath), path ? underPaths(participationNeeds.orgPath, [path]) : undefined, ne(participationNeeds.status, 'merged')))
    .groupBy(participationNeeds.communityCode, participationNeeds.needClass)
    .orderBy(participationNeeds.communityCode, participationNeeds.needClass);
  const names = await communityNames(db, rows.map((r) => r.communityCode));
  return { rows: rows.map((r) => ({ ...r, communityName: names.get(r.communityCode) ?? r.communityCode })) };
}
