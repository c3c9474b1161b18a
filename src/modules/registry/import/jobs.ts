// Importing ledgers (台账导入). Two phases, both streaming:
//   check   reads the file row by row, checks each row (ledger.ts), encrypts the
//           identifiers and stages good rows in registry_import_rows (stage.ts: COPY on
//           PostgreSQL, batches on PGlite); problems go to registry_import_errors (row,
//           column, reason in Chinese). Checks that span rows (the same ID number twice, two
//           heads in a household, a person registered outside the importer's scope) then run
//           in SQL over the staged rows.
//   commit  moves the staged rows into buildings, houses, households, residents,
//           residence history and key groups with set-based SQL: on PostgreSQL in one
//           transaction, on the embedded database chunk by chunk, each chunk in a short
//           transaction so that it keeps serving other requests (a job stopped half-way is
//           resumable there, or can be undone: undo.ts); the last step marks the job committed and writes the audit
//           entry (commit.ts). Rows are matched by the HMAC of the ID number,
//           and a row that changes nothing is not written, so importing a file again
//           changes nothing.
// This file: the job (its row, how it is shown, listed, discarded) and its errors.
import { asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import { listPage, countAll, offsetOf } from '../../../platform/list-page.ts';
import { AppError, errorMessage } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, requirePermission, shownName, type Actor } from '../../../platform/auth/scope.ts';
import { findOrgUnit } from '../../org/index.ts';
import type { ImportErrorView, ImportFailure, ImportProgress, ImportStatus, ImportView, LedgerFormat, Page, Paging } from '../contract.ts';
import { ledgerFields } from '../ledger.ts';
import { registryImportErrors, registryImports } from '../schema.ts';

export type ImportJob = typeof registryImports.$inferSelect;

// Jobs running in this process, with their progress (the job row holds the rest).
export const live = new Map<string, ImportProgress>();
// A job not running here whose heartbeat is older than this was interrupted (process killed).
export const STALE_MS = 60_000;

/** A job as the API shows it; `skippedRows` lists rows with errors (first 1000). */
export async function presentImport(db: Db, job: ImportJob): Promise<ImportView> {
  const running = live.get(job.id);
  const stale = !running && (job.status === 'checking' || job.status === 'committing') && Date.now() - job.heartbeatAt.getTime() > STALE_MS;
  const status: ImportStatus = stale ? 'interrupted' : job.status;
  const skippedRows = job.errorRows
    ? (await queryRows<{ rowNo: number }>(db, sql`select distinct row_no as "rowNo" from registry_import_errors where import_id = ${job.id} order by row_no limit 1000`)).map((r) => r.rowNo)
    : [];
  return {
    id: job.id,
    communityCode: job.communityCode,
    fileName: job.fileName,
    format: job.format,
    actorName: job.actorName,
    status,
    headers: job.headers,
    onlyValid: job.onlyValid,
    totalRows: job.totalRows,
    validRows: job.validRows,
    errorRows: job.errorRows,
    newRows: job.newRows,
    changedRows: job.changedRows,
    unchangedRows: job.unchangedRows,
    inserted: job.inserted,
    updated: job.updated,
    skipped: job.skipped,
    skippedRows,
    failure: job.failure ?? null,
    progress: running ?? null,
    createdAt: job.createdAt,
    checkedAt: job.checkedAt,
    committedAt: job.committedAt,
    undone: job.undoStartedAt !== null,
  };
}

/** A job the actor may import into. */
export async function loadJob(db: Db, actor: Actor, id: string): Promise<ImportJob> {
  const [job] = await db.select().from(registryImports).where(eq(registryImports.id, id));
  if (!job) throw new AppError('NOT_FOUND', { what: `导入任务 ${id}` });
  assertInScope(actor, 'registry.import', job.orgPath);
  return job;
}

/** One import job (with live progress while it runs). */
export async function getImport(db: Db, actor: Actor, id: string): Promise<ImportView> {
  return presentImport(db, await loadJob(db, actor, id));
}

/** Import jobs in scope, newest first. */
export async function listImports(db: Db, actor: Actor, q: Paging): Promise<Page<ImportView>> {
  requirePermission(actor, 'registry.import');
  const where = inScope(actor, 'registry.import', registryImports.orgPath);
  return listPage(
    q,
    db.select().from(registryImports).where(where).orderBy(desc(registryImports.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(registryImports).where(where),
    (rows) => Promise.all(rows.map((job) => presentImport(db, job))),
  );
}

/** The row-level problems of an import, by row. */
export async function importErrors(db: Db, actor: Actor, id: string, q: Paging): Promise<Page<ImportErrorView>> {
  const job = await loadJob(db, actor, id);
  const where = eq(registryImportErrors.importId, job.id);
  return listPage(
    q,
    db
      .select({ rowNo: registryImportErrors.rowNo, column: registryImportErrors.columnName, message: registryImportErrors.message, name: registryImportErrors.personName })
      .from(registryImportErrors)
      .where(where)
      .orderBy(asc(registryImportErrors.rowNo))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select(countAll).from(registryImportErrors).where(where),
  );
}

/** Every problem of an import in row order, in batches (for the downloadable report). */
export async function* eachImportError(db: Db, actor: Actor, id: string): AsyncGenerator<ImportErrorView[]> {
  const job = await loadJob(db, actor, id);
  for (let page = 1; ; page++) {
    const { items } = await importErrors(db, actor, job.id, { page, pageSize: 5000 });
    if (items.length) yield items;
    if (items.length < 5000) return;
  }
}

/** The community a ledger is imported into, if the actor may import there. */
export async function assertMayImport(db: Db, actor: Actor, communityCode: string) {
  const community = await findOrgUnit(db, communityCode);
  if (!community || community.level !== 'community') throw new AppError('NOT_FOUND', { what: `社区 ${communityCode}` });
  assertInScope(actor, 'registry.import', community.orgPath);
  return community;
}

/** Starts an import of a file for a community: the job row, status "checking". */
export async function createImportJob(
  db: Db,
  actor: Actor,
  input: { communityCode: string; fileName: string; format: LedgerFormat; mapping?: Record<string, string> | undefined },
): Promise<ImportJob> {
  const community = await assertMayImport(db, actor, input.communityCode);
  const mapping = input.mapping ?? {};
  for (const [header, field] of Object.entries(mapping)) {
    if (!(ledgerFields as readonly string[]).includes(field)) {
      throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'mapping', message: `“${header}”对应的字段 ${field} 不存在` }], summary: `mapping: unknown field ${field}` });
    }
  }
  const [job] = await db
    .insert(registryImports)
    .values({
      communityCode: community.code,
      orgPath: community.orgPath,
      actorId: actor.kind === 'user' ? actor.id : null,
      actorName: shownName(actor),
      fileName: input.fileName.slice(0, 200),
      format: input.format,
      mapping,
      headers: [],
      status: 'checking',
    })
    .returning();
  const created = job as ImportJob;
  await recordAudit(db, actor, { action: 'registry.import.upload', targetType: 'registry_import', targetId: created.id, orgPath: created.orgPath, details: { fileName: created.fileName, format: created.format } });
  return created;
}

/** What a failure is stored as on the job. */
function failureOf(error: unknown): ImportFailure {
  if (error instanceof AppError) return { code: error.code, message: errorMessage(error.code, 'zh-CN', error.details), details: error.details };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Marks a job failed with what went wrong (or, given a status, keeps it in that state with the failure noted). */
export async function fail(db: Db, jobId: string, error: unknown, keep?: { status: ImportJob['status']; heartbeatAt: Date }): Promise<void> {
  await db
    .update(registryImports)
    .set({ status: keep?.status ?? 'failed', failure: failureOf(error), heartbeatAt: keep?.heartbeatAt ?? sql`now()` })
    .where(eq(registryImports.id, jobId));
}

/** Discards a checked job and its staged rows. */
export async function discardImport(db: Db, actor: Actor, id: string): Promise<void> {
  const job = await loadJob(db, actor, id);
  if (job.status === 'committed' || job.status === 'committing') throw new AppError('REGISTRY_IMPORT_STATE', { status: job.status, action: '撤销' });
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from registry_import_rows where import_id = ${job.id}`);
    await tx.update(registryImports).set({ status: 'discarded' }).where(eq(registryImports.id, job.id));
    await recordAudit(tx, actor, { action: 'registry.import.discard', targetType: 'registry_import', targetId: job.id, orgPath: job.orgPath });
  });
}

/**
 * Runs a phase in the background (the HTTP request returns at once; the UI polls the job).
 * A failure is already stored on the job; here it is only logged.
 */
export function runInBackground(work: Promise<unknown>, log: (error: unknown) => void): void {
  work.catch((error: unknown) => {
    if (!(error instanceof AppError)) log(error);
  });
}

