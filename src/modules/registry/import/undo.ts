// Undoing an interrupted import. On the embedded database the commit runs in chunks, each its
// own transaction (commit.ts), so a job stopped half-way has written some chunks. Each chunk
// records in registry_import_undo, inside its own transaction, the rows as they were before of
// every row it may change (before images: a superset of what its steps update) and the ids of
// the rows it created (rows of the chunk's places and people that this transaction wrote and
// that had no before image). Undo replays the chunks backwards, each in a short transaction:
// after undoing chunk k the tables are as they were before chunk k, so an undo stopped
// half-way can simply be run again. On PostgreSQL an interrupted job wrote nothing (one
// transaction): its undo only closes the job.
import { eq, sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { pgErrorCode, queryRows, type Database, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { ImportProgress, ImportView } from '../contract.ts';
import { registryImports } from '../schema.ts';
import { fail, live, loadJob, presentImport, STALE_MS, type ImportJob } from './jobs.ts';

// Serialises with the commit's chunks into the same community (commit.ts).
export const IMPORT_LOCK_KEY = 7_262_003;
// The tables a commit writes, in the order their created rows are removed (references first).
const undoTables = ['key_group_memberships', 'residence_history', 'residents', 'households', 'houses', 'buildings'] as const;
type UndoTable = (typeof undoTables)[number];
const PAUSE_MS = 5;

/** The staged rows of one chunk (earlier chunks' rows are already gone). */
const chunkRows = (job: ImportJob, after: number, upTo: number) => sql`
  select building, unit, house_number, household_number, id_number_hash from registry_import_rows
   where import_id = ${job.id} and valid and row_no > ${after} and row_no <= ${upTo}`;

/** Before a chunk's steps: the rows it may change, as they are now (one statement; every join by an index). */
export async function recordBeforeImages(tx: Db, job: ImportJob, chunk: number, after: number, upTo: number): Promise<void> {
  const image = (table: UndoTable, ids: string) => sql`
    insert into registry_import_undo (import_id, chunk, table_name, row_id, before)
    select ${job.id}, ${chunk}, ${table}, t.id, to_jsonb(t) from ${sql.identifier(table)} t join ${sql.identifier(ids)} i on i.id = t.id`;
  await tx.execute(sql`
    with s as (${chunkRows(job, after, upTo)}),
    -- People of the chunk already registered, and the households its rows land in.
    p as materialized (select r.id from s join residents r on r.id_number_hash = s.id_number_hash),
    hh as materialized (
      select distinct hh.id from s
        join buildings b on b.community_code = ${job.communityCode} and b.name = s.building
        join houses h on h.building_id = b.id and h.unit = s.unit and h.number = s.house_number
        join households hh on hh.house_id = h.id and hh.number = s.household_number),
    -- Residents updated, or no longer heads; households whose head is set or cleared;
    -- current lines of history closed; memberships moved with their person.
    rid as (select id from p union select r.id from hh join residents r on r.household_id = hh.id where r.relation = 'head'),
    hid as (select id from hh union select h.id from p join households h on h.head_resident_id = p.id),
    lid as (select rh.id from p join residence_history rh on rh.resident_id = p.id where rh.moved_out_on is null),
    mid as (select m.id from p join key_group_memberships m on m.resident_id = p.id),
    a as (${image('residents', 'rid')}),
    b as (${image('households', 'hid')}),
    c as (${image('residence_history', 'lid')}),
    d as (${image('key_group_memberships', 'mid')})
    select 1`);
}

/** After a chunk's steps: the rows this transaction wrote that had no before image, i.e. created. */
export async function recordCreated(tx: Db, job: ImportJob, chunk: number, after: number, upTo: number): Promise<void> {
  await tx.execute(sql`
    with s as (${chunkRows(job, after, upTo)}),
    b as (select distinct b.id, b.xmin from s join buildings b on b.community_code = ${job.communityCode} and b.name = s.building),
    h as (select distinct h.id, h.xmin from s join buildings b on b.community_code = ${job.communityCode} and b.name = s.building
            join houses h on h.building_id = b.id and h.unit = s.unit and h.number = s.house_number),
    hh as (select distinct hh.id, hh.xmin from s join buildings b on b.community_code = ${job.communityCode} and b.name = s.building
             join houses h on h.building_id = b.id and h.unit = s.unit and h.number = s.house_number
             join households hh on hh.house_id = h.id and hh.number = s.household_number),
    r as (select r.id, r.xmin from s join residents r on r.id_number_hash = s.id_number_hash),
    written as (
      select 'buildings' as t, id, xmin from b
      union all select 'houses', id, xmin from h
      union all select 'households', id, xmin from hh
      union all select 'residents', id, xmin from r
      union all select 'residence_history', rh.id, rh.xmin from r join residence_history rh on rh.resident_id = r.id
      union all select 'key_group_memberships', m.id, m.xmin from r join key_group_memberships m on m.resident_id = r.id)
    insert into registry_import_undo (import_id, chunk, table_name, row_id)
    select ${job.id}, ${chunk}, w.t, w.id from written w
     where w.xmin = pg_current_xact_id()::xid
       and not exists (select 1 from registry_import_undo u
                        where u.import_id = ${job.id} and u.chunk = ${chunk} and u.table_name = w.t and u.row_id = w.id)`);
}

/** The chunk number a (resumed) commit starts at: after the chunks already recorded. */
export async function nextUndoChunk(db: Db, jobId: string): Promise<number> {
  const [last] = await queryRows<{ n: number | null }>(db, sql`select max(chunk)::int as n from registry_import_undo where import_id = ${jobId}`);
  return (last?.n ?? 0) + 1;
}

/** After a finished commit: its undo records are no longer needed (removed chunk by chunk, between other requests). */
export async function forgetUndo(db: Db, jobId: string): Promise<void> {
  for (let chunk = (await nextUndoChunk(db, jobId)) - 1; chunk > 0; chunk--) {
    await db.execute(sql`delete from registry_import_undo where import_id = ${jobId} and chunk = ${chunk}`);
    await sleep(PAUSE_MS);
  }
}

/** The columns of a table a before image restores. */
async function columnsOf(db: Db, table: UndoTable): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(db, sql`
    select column_name as name from information_schema.columns
     where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER' and column_name <> 'id'
     order by ordinal_position`);
  return rows.map((r) => r.name);
}

/** Undoes one chunk: removes what it created and puts back what it changed. */
async function undoChunk(tx: Db, jobId: string, chunk: number, columns: Map<UndoTable, string[]>): Promise<number> {
  const recorded = (table: UndoTable, created: boolean) => sql`
    select row_id from registry_import_undo
     where import_id = ${jobId} and chunk = ${chunk} and table_name = ${table} and before is ${created ? sql`null` : sql`not null`}`;
  // Lines of history and memberships it created first: a restored line may be the current one again.
  await tx.execute(sql`delete from key_group_memberships where id in (${recorded('key_group_memberships', true)})`);
  await tx.execute(sql`delete from residence_history where id in (${recorded('residence_history', true)})`);
  for (const table of ['residence_history', 'key_group_memberships', 'residents', 'households'] as const) {
    const cols = columns.get(table) ?? [];
    await tx.execute(sql`
      update ${sql.identifier(table)} t set ${sql.raw(`(${cols.map((c) => `"${c}"`).join(', ')})`)} = ${sql.raw(`(${cols.map((c) => `b."${c}"`).join(', ')})`)}
        from (select (jsonb_populate_record(null::${sql.identifier(table)}, u.before)).* from registry_import_undo u
               where u.import_id = ${jobId} and u.chunk = ${chunk} and u.table_name = ${table} and u.before is not null) b
       where t.id = b.id`);
  }
  // Households it created may name a person it created as their head.
  await tx.execute(sql`update households set head_resident_id = null where id in (${recorded('households', true)})`);
  let removed = 0;
  for (const table of ['residents', 'households', 'houses', 'buildings'] as const) {
    const [n] = await queryRows<{ n: number }>(tx, sql`
      with d as (delete from ${sql.identifier(table)} where id in (${recorded(table, true)}) returning 1) select count(*)::int as n from d`);
    if (table === 'residents') removed = n?.n ?? 0;
  }
  await tx.execute(sql`delete from registry_import_undo where import_id = ${jobId} and chunk = ${chunk}`);
  return removed;
}

/** Checks that a job may be undone (an interrupted commit, or an undo that was itself interrupted) and marks it. */
export async function prepareUndo(db: Db, actor: Actor, jobId: string): Promise<ImportJob> {
  const job = await loadJob(db, actor, jobId);
  const view = await presentImport(db, job);
  if (view.status !== 'interrupted' || job.status !== 'committing') {
    throw new AppError('REGISTRY_IMPORT_STATE', { status: job.status === 'committed' ? '已提交完成' : view.status, action: '撤销本次导入' });
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY}, hashtext(${job.communityCode}))`);
    const [marked] = await tx
      .update(registryImports)
      .set({ undoStartedAt: sql`coalesce(${registryImports.undoStartedAt}, now())`, heartbeatAt: sql`now()` })
      .where(sql`${registryImports.id} = ${job.id} and ${registryImports.status} = 'committing'
                 and ${registryImports.heartbeatAt} < now() - make_interval(secs => ${STALE_MS / 1000})`)
      .returning();
    if (!marked) throw new AppError('REGISTRY_IMPORT_STATE', { status: '正在处理', action: '撤销本次导入' });
    return marked;
  });
}

// What refers to residents, as a community worker calls it (the tables an undo does not put back itself).
const usedBy: Record<string, string> = {
  visits: '走访记录',
  participation_residents: '居民参与账户',
  participation_points_entries: '参与积分',
  participation_needs: '需求登记',
  participation_micro_wishes: '微心愿',
  participation_proposals: '提案',
  participation_proposal_supports: '提案附议',
  participation_evaluations: '评议记录',
};

/** A resident this import created is already used elsewhere: who, and by what, instead of the database's words. */
async function inUse(db: Db, caught: unknown): Promise<AppError> {
  // PostgreSQL: Key (id)=(…) is still referenced from table "visits".
  const detail = String((caught as { cause?: { detail?: unknown } }).cause?.detail ?? (caught as { detail?: unknown }).detail ?? '');
  const id = /Key \(id\)=\(([0-9a-f-]{36})\)/.exec(detail)?.[1];
  const table = /referenced from table "([a-z_]+)"/.exec(detail)?.[1] ?? '';
  const [who] = id ? await queryRows<{ name: string }>(db, sql`select name from residents where id = ${id}`) : [];
  return new AppError('REGISTRY_IMPORT_UNDO_IN_USE', { name: who?.name ?? '（一人）', records: usedBy[table] ?? '其他记录' });
}

/**
 * Undoes an interrupted import: every chunk it wrote, last first, each in its own short
 * transaction; then the job is discarded with an audit entry. Nothing of it remains. Progress
 * shows as the job's (phase "undoing"); if it stops (a resident it would remove is already
 * used elsewhere), the job shows as interrupted again at once, with what went wrong, and can be
 * undone again when that is dealt with. The HTTP route prepares first (refusals reach the user)
 * and runs the rest in the background.
 */
export async function undoImport(database: Database, actor: Actor, jobId: string, given: { prepared?: ImportJob } = {}): Promise<ImportView> {
  const { db } = database;
  const job = given.prepared ?? (await prepareUndo(db, actor, jobId));
  const progress: ImportProgress = { phase: 'undoing', rows: 0, stepNo: 0, steps: 0 };
  live.set(job.id, progress);
  try {
    const columns = new Map<UndoTable, string[]>();
    for (const table of undoTables) columns.set(table, await columnsOf(db, table));
    const last = (await nextUndoChunk(db, job.id)) - 1;
    progress.steps = last;
    for (let chunk = last; chunk > 0; chunk--) {
      progress.rows += await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY}, hashtext(${job.communityCode}))`);
        const n = await undoChunk(tx, job.id, chunk, columns);
        await tx.update(registryImports).set({ heartbeatAt: sql`now()` }).where(eq(registryImports.id, job.id));
        return n;
      });
      progress.stepNo = (progress.stepNo ?? 0) + 1;
      await sleep(PAUSE_MS);
    }
    const [done] = await db.transaction(async (tx) => {
      await tx.execute(sql`delete from registry_import_rows where import_id = ${job.id}`);
      await recordAudit(tx, actor, {
        action: 'registry.import.undo',
        targetType: 'registry_import',
        targetId: job.id,
        orgPath: job.orgPath,
        details: { fileName: job.fileName, chunks: progress.stepNo, residentsRemoved: progress.rows, inserted: job.inserted, updated: job.updated },
      });
      return tx.update(registryImports).set({ status: 'discarded', inserted: 0, updated: 0, failure: null, heartbeatAt: sql`now()` }).where(eq(registryImports.id, job.id)).returning();
    });
    live.delete(job.id);
    return await presentImport(db, done as ImportJob);
  } catch (caught) {
    const error = pgErrorCode(caught) === '23503' ? await inUse(db, caught) : caught;
    await fail(db, job.id, error, { status: 'committing', heartbeatAt: new Date(Date.now() - 2 * STALE_MS) }).catch(() => undefined);
    throw error;
  } finally {
    live.delete(job.id);
  }
}
