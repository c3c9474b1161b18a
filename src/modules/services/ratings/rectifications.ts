// Rectification of bad ratings (差评整改): the centre calls the rater back (回访) and
// rectifies within 15 working days, or appeals a mistaken or malicious rating (申诉复核),
// which the district upholds (the rating is voided) or rejects. A job marks overdue records.
import { and, asc, eq, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { canAccess, inScope, shownName, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { rectificationActions, type RectificationActionBody, type RectificationListQuery, type RectificationView } from '../contract/ratings.ts';
import { ratingRectifications, serviceRatings } from '../schema/ratings.ts';
import { pathUnder } from './common.ts';
import { presentRatings } from './ratings.ts';
import { isRectificationOverdue, nextRectificationStatus, openRectificationStatuses, rectificationRules } from './rules.ts';

type RecordRow = typeof ratingRectifications.$inferSelect;

async function present(db: Db, actor: Actor, rows: RecordRow[], now = new Date()): Promise<RectificationView[]> {
  if (rows.length === 0) return [];
  const ratingRows = await db.select().from(serviceRatings).where(inArray(serviceRatings.id, rows.map((r) => r.ratingId)));
  const ratings = await presentRatings(db, ratingRows);
  return rows.map((r) => {
    const calledBack = r.callbackAt !== null;
    return {
      id: r.id, status: r.status, deadline: r.deadline, isOverdue: r.overdueAt !== null || isRectificationOverdue(r, now),
      callbackAt: r.callbackAt, callbackBy: r.callbackBy, callbackNote: r.callbackNote,
      rectifiedAt: r.rectifiedAt, rectifiedBy: r.rectifiedBy, rectificationNote: r.rectificationNote,
      appealReason: r.appealReason, appealNote: r.appealNote, appealDecision: r.appealDecision, appealDecisionNote: r.appealDecisionNote,
      version: r.version, createdAt: r.createdAt,
      rating: ratings.find((x) => x.id === r.ratingId) as RectificationView['rating'],
      allowedActions: rectificationActions.filter(
        (a) => nextRectificationStatus(a, { status: r.status, calledBack }) !== null && canAccess(actor, rectificationRules[a].permission, r.orgPath),
      ),
    };
  });
}

/** Rectification records in the asker's scope, the nearest deadline first. */
export async function listRectifications(db: Db, actor: Actor, q: RectificationListQuery) {
  const conditions: (SQL | undefined)[] = [inScope(actor, 'services.read', ratingRectifications.orgPath)];
  if (q.under) conditions.push(underPaths(ratingRectifications.orgPath, [await pathUnder(db, q.under)]));
  if (q.status) conditions.push(eq(ratingRectifications.status, q.status));
  if (q.number) conditions.push(inArray(ratingRectifications.ratingId, db.select({ id: serviceRatings.id }).from(serviceRatings).where(eq(serviceRatings.subjectNumber, q.number))));
  if (q.overdue) conditions.push(inArray(ratingRectifications.status, [...openRectificationStatuses]), lt(ratingRectifications.deadline, new Date()));
  const where = and(...conditions);
  return listPage(
    q,
    db.select().from(ratingRectifications).where(where).orderBy(asc(ratingRectifications.deadline)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(ratingRectifications).where(where),
    (rows) => present(db, actor, rows),
  );
}

async function loadRecord(db: Db, actor: Actor, id: string): Promise<RecordRow> {
  const [row] = await db.select().from(ratingRectifications).where(eq(ratingRectifications.id, id));
  if (!row || !canAccess(actor, 'services.read', row.orgPath)) throw new AppError('RECTIFICATION_NOT_FOUND', {});
  return row;
}

/** One record, as the asker may act on it. */
export async function getRectification(db: Db, actor: Actor, id: string): Promise<RectificationView> {
  return (await present(db, actor, [await loadRecord(db, actor, id)]))[0] as RectificationView;
}

/** Takes one step on a record: callback, rectify, appeal, or decide an appeal. */
export async function actOnRectification(db: Db, actor: Actor, id: string, body: RectificationActionBody): Promise<RectificationView> {
  const row = await loadRecord(db, actor, id);
  const rule = rectificationRules[body.action];
  if (!canAccess(actor, rule.permission, row.orgPath)) throw new AppError(canAccess(actor, 'services.read', row.orgPath) ? 'FORBIDDEN' : 'OUT_OF_SCOPE', { permission: rule.permission });
  const next = nextRectificationStatus(body.action, { status: row.status, calledBack: row.callbackAt !== null });
  if (!next) throw new AppError('RECTIFICATION_ACTION_NOT_ALLOWED', { status: row.status });
  if (body.version !== row.version) throw new AppError('VERSION_CONFLICT', { currentVersion: row.version });
  const now = new Date();
  const who = shownName(actor);
  const changes: Partial<typeof ratingRectifications.$inferInsert> = { status: next, version: row.version + 1 };
  if (body.action === 'callback') Object.assign(changes, { callbackAt: now, callbackBy: who, callbackNote: body.note });
  if (body.action === 'rectify') Object.assign(changes, { rectifiedAt: now, rectifiedBy: who, rectificationNote: body.note });
  if (body.action === 'appeal') Object.assign(changes, { appealedAt: now, appealReason: body.appealReason, appealNote: body.note, appealDecision: null, appealDecisionNote: null });
  if (body.action === 'uphold_appeal' || body.action === 'reject_appeal') {
    Object.assign(changes, { appealDecision: body.action === 'uphold_appeal' ? 'upheld' : 'rejected', appealDecisionNote: body.note, decidedAt: now, decidedBy: who });
  }
  const updated = await db.transaction(async (tx) => {
    const [saved] = await tx.update(ratingRectifications).set(changes).where(and(eq(ratingRectifications.id, id), eq(ratingRectifications.version, row.version))).returning();
    if (!saved) throw new AppError('VERSION_CONFLICT', {});
    if (body.action === 'uphold_appeal') await tx.update(serviceRatings).set({ voided: true }).where(eq(serviceRatings.id, row.ratingId));
    await recordAudit(tx, actor, { action: `services.rectification.${body.action}`, targetType: 'rating_rectification', targetId: id, orgPath: row.orgPath, details: { from: row.status, to: next } });
    return saved;
  });
  return (await present(db, actor, [updated], now))[0] as RectificationView;
}

/** Marks open records past their deadline as overdue (the job); returns how many it marked. */
export async function markOverdueRectifications(db: Db, now = new Date()): Promise<number> {
  const marked = await db
    .update(ratingRectifications)
    .set({ overdueAt: now })
    .where(and(inArray(ratingRectifications.status, [...openRectificationStatuses]), lt(ratingRectifications.deadline, now), isNull(ratingRectifications.overdueAt)))
    .returning({ id: ratingRectifications.id });
  return marked.length;
}
