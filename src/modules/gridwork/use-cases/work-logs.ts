// The work log (民情日记): one entry per worker per day (seen / heard / done, with photos),
// searchable by staff of the area; an entry can be turned into a case through the cases' intake.
import { and, desc, eq, gte, ilike, inArray, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { inScope, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { readStoredFile, storeFile } from '../../../platform/storage.ts';
import { createCase, type CaseDeps } from '../../cases/index.ts';
import { orgUnitNames } from '../../org/index.ts';
import type { SaveWorkLogBody, WorkLogListQuery, WorkLogToCaseBody, WorkLogView } from '../contract.ts';
import { logPhotos, workLogs } from '../schema.ts';
import { chinaDay, maySee, pathUnder, workerGrid, workerOf } from './common.ts';

type LogRow = typeof workLogs.$inferSelect;
/** Photos per entry; more is a report, not a diary. */
const MAX_PHOTOS = 9;

async function present(db: Db, rows: LogRow[]): Promise<WorkLogView[]> {
  if (rows.length === 0) return [];
  const [names, photos] = await Promise.all([
    orgUnitNames(db, [...new Set(rows.map((r) => r.gridCode))]),
    db.select().from(logPhotos).where(inArray(logPhotos.logId, rows.map((r) => r.id))).orderBy(logPhotos.createdAt),
  ]);
  return rows.map((r) => ({
    id: r.id, workerId: r.workerId, workerName: r.workerName, gridCode: r.gridCode, gridName: names.get(r.gridCode) ?? r.gridCode, orgPath: r.orgPath,
    day: r.day, seen: r.seen, heard: r.heard, done: r.done,
    photos: photos.filter((p) => p.logId === r.id).map((p) => ({ id: p.id, fileName: p.fileName, mime: p.mime, size: p.size })),
    caseIds: r.caseIds, updatedAt: r.updatedAt,
  }));
}

async function presentOne(db: Db, row: LogRow): Promise<WorkLogView> {
  return (await present(db, [row]))[0] as WorkLogView;
}

/** Saves the worker's entry of a day (today unless told; not a future day), replacing its text. */
export async function saveWorkLog(db: Db, actor: Actor, body: SaveWorkLogBody): Promise<WorkLogView> {
  const worker = workerOf(actor);
  const grid = await workerGrid(db, actor, body.gridCode);
  const day = body.day ?? chinaDay();
  if (day > chinaDay()) throw new AppError('VALIDATION_FAILED', { summary: 'body.day', fields: [{ field: 'body.day', message: '日期不能晚于今天 / must not be in the future' }] });
  const [row] = await db
    .insert(workLogs)
    .values({ workerId: worker.id, workerName: worker.name, gridCode: grid.code, orgPath: grid.orgPath, day, seen: body.seen, heard: body.heard, done: body.done, caseIds: [] })
    .onConflictDoUpdate({ target: [workLogs.workerId, workLogs.day], set: { seen: body.seen, heard: body.heard, done: body.done, gridCode: grid.code, orgPath: grid.orgPath, updatedAt: new Date() } })
    .returning();
  return presentOne(db, row as LogRow);
}

async function loadLog(db: Db, id: string): Promise<LogRow> {
  const [row] = await db.select().from(workLogs).where(eq(workLogs.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `民情日记 ${id}` });
  return row;
}

/** Adds a photo (checked by content: images only) to the worker's own entry. */
export async function addWorkLogPhoto(db: Db, dataDir: string, actor: Actor, id: string, file: { bytes: Buffer; filename: string }): Promise<WorkLogView> {
  const row = await loadLog(db, id);
  if (row.workerId !== workerOf(actor).id) throw new AppError('OUT_OF_SCOPE', { permission: 'gridwork.write' });
  const photos = await db.select({ id: logPhotos.id }).from(logPhotos).where(eq(logPhotos.logId, id));
  if (photos.length >= MAX_PHOTOS) throw new AppError('VALIDATION_FAILED', { summary: 'file', fields: [{ field: 'file', message: `每篇日记最多 ${MAX_PHOTOS} 张照片 / at most ${MAX_PHOTOS} photos` }] });
  const stored = storeFile(dataDir, file.bytes, { kinds: ['image'] });
  await db.insert(logPhotos).values({ logId: id, storageKey: stored.key, fileName: file.filename.slice(0, 200) || 'photo', mime: stored.mime, size: stored.size });
  await db.update(workLogs).set({ updatedAt: new Date() }).where(eq(workLogs.id, id));
  return presentOne(db, row);
}

/** A photo of an entry the actor may see. */
export async function readWorkLogPhoto(db: Db, dataDir: string, actor: Actor, id: string, photoId: string): Promise<{ bytes: Buffer; mime: string }> {
  const row = await loadLog(db, id);
  if (!maySee(actor, row.workerId, row.orgPath)) throw new AppError('OUT_OF_SCOPE', { permission: 'gridwork.read' });
  const [photo] = await db.select().from(logPhotos).where(and(eq(logPhotos.id, photoId), eq(logPhotos.logId, id)));
  if (!photo) throw new AppError('NOT_FOUND', { what: photoId });
  return { bytes: readStoredFile(dataDir, photo.storageKey), mime: photo.mime };
}

/** The actor's own entry of a day (today unless told). */
export async function myWorkLog(db: Db, actor: Actor, day: string | undefined): Promise<{ entry: WorkLogView | null }> {
  const worker = workerOf(actor);
  const [row] = await db.select().from(workLogs).where(and(eq(workLogs.workerId, worker.id), eq(workLogs.day, day ?? chinaDay())));
  return { entry: row ? await presentOne(db, row) : null };
}

/** Entries in the actor's area (and their own), newest first, searchable by their text. */
export async function listWorkLogs(db: Db, actor: Actor, q: WorkLogListQuery) {
  const path = await pathUnder(db, q.under);
  const conditions: (SQL | undefined)[] = [actor.id ? or(inScope(actor, 'gridwork.read', workLogs.orgPath), eq(workLogs.workerId, actor.id)) : inScope(actor, 'gridwork.read', workLogs.orgPath)];
  if (path) conditions.push(underPaths(workLogs.orgPath, [path]));
  if (q.from) conditions.push(gte(workLogs.day, q.from));
  if (q.to) conditions.push(lte(workLogs.day, q.to));
  if (q.workerId) conditions.push(eq(workLogs.workerId, q.workerId));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(workLogs.seen, like), ilike(workLogs.heard, like), ilike(workLogs.done, like), ilike(workLogs.workerName, like)));
  }
  const where = and(...conditions);
  return listPage(
    q,
    db.select().from(workLogs).where(where).orderBy(desc(workLogs.day), desc(workLogs.updatedAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(workLogs).where(where),
    (rows) => present(db, rows),
  );
}

/** Turns an entry into a case (the cases' intake decides scope and category), remembering the link. */
export async function workLogToCase(deps: CaseDeps, actor: Actor, id: string, body: WorkLogToCaseBody) {
  const { db } = deps;
  const row = await loadLog(db, id);
  if (!maySee(actor, row.workerId, row.orgPath)) throw new AppError('OUT_OF_SCOPE', { permission: 'gridwork.read' });
  const text = [row.seen && `所见：${row.seen}`, row.heard && `所闻：${row.heard}`, row.done && `所做：${row.done}`].filter(Boolean).join('\n');
  const { row: created } = await createCase(deps, actor, {
    title: body.title ?? (row.seen || row.heard || row.done).slice(0, 40),
    description: body.description ?? `${text}\n（来自${row.workerName} ${row.day} 的民情日记）`,
    categoryCode: body.categoryCode,
    attributes: body.attributes,
    orgCode: row.gridCode,
  });
  await db.update(workLogs).set({ caseIds: [...row.caseIds, created.id], updatedAt: new Date() }).where(eq(workLogs.id, id));
  await recordAudit(db, actor, { action: 'gridwork.log.to_case', targetType: 'work_log', targetId: id, orgPath: row.orgPath, details: { caseId: created.id } });
  return { caseId: created.id, caseNo: created.number };
}
