// How the check phase writes checked rows into the staging table: on PostgreSQL one COPY
// stream for the whole file (a connection of its own; the rows become visible when it ends),
// each row turned into its line as it comes so that no batch of row objects outlives the
// young generation (batches of 1,000 objects were promoted and grew the heap by 150 MB at
// 200,000 rows); on the embedded database one insert … select from unnest(…) per batch, each
// batch with the job's counts in a short transaction. Rows with errors go to
// registry_import_errors either way.
import { Writable } from 'node:stream';
import { once } from 'node:events';
import { eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db } from '../../../platform/db.ts';
import { registryImports } from '../schema.ts';

export interface StagedRow {
  rowNo: number;
  gridCode: string;
  building: string;
  unit: string;
  floor: number | null;
  houseNumber: string;
  householdNumber: string;
  tenure: string | null;
  relation: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: string;
  birthDate: string;
  idEnc: string;
  idHash: string;
  phoneEnc: string | null;
  phoneHash: string | null;
  ethnicity: string | null;
  residenceType: string | null;
  arrivedOn: string | null;
  employer: string | null;
  education: string | null;
  politicalStatus: string | null;
  notes: string | null;
  /** JSON text. */
  keyGroups: string;
  /** Space-separated lexemes (a lexeme has no space). */
  searchTerms: string;
  buildingTerms: string;
}

export interface StagedError {
  rowNo: number;
  column: string;
  message: string;
  name: string | null;
}

export interface JobCounts {
  totalRows: number;
  validRows: number;
  errorRows: number;
}

/** Writes one job's checked rows; each call is awaited before the next. */
export interface Stager {
  /** One good row (waits when the database is behind). */
  add(row: StagedRow): Promise<void> | undefined;
  /** The rows with errors since the last call and the job's counts so far (every batch of rows). */
  save(errors: StagedError[], counts: JobCounts): Promise<void>;
  /** Waits for every row to be in the table. */
  finish(): Promise<void>;
  /** Gives up: nothing more is staged (what a COPY wrote is rolled back). */
  abort(error: unknown): Promise<void>;
}

const stagedColumns = `import_id, row_no, grid_code, building, unit, floor, house_number, household_number, tenure, relation,
  name, name_pinyin, name_initials, gender, birth_date, id_number_enc, id_number_hash, phone_enc, phone_hash, ethnicity, residence_type,
  arrived_on, employer, education, political_status, notes, key_groups, search_terms, building_terms`;

export function createStager(database: Database, jobId: string): Promise<Stager> {
  return database.pool ? copyStager(database.db, database.pool, jobId) : unnestStager(database.db, jobId);
}

async function insertErrors(tx: Db, jobId: string, errors: StagedError[]): Promise<void> {
  if (!errors.length) return;
  await tx.execute(sql`
    insert into registry_import_errors (import_id, row_no, column_name, message, person_name)
    select ${jobId}, * from unnest(${sql.param(errors.map((e) => e.rowNo))}::int[], ${sql.param(errors.map((e) => e.column))}::text[],
      ${sql.param(errors.map((e) => e.message))}::text[], ${sql.param(errors.map((e) => e.name))}::text[])`);
}

const saveCounts = (tx: Db, jobId: string, counts: JobCounts) =>
  tx.update(registryImports).set({ ...counts, heartbeatAt: sql`now()` }).where(eq(registryImports.id, jobId));

// COPY's text format: tab-separated, \N for null, backslash escapes.
const copyText = (value: string | number | null): string =>
  value === null ? '\\N' : typeof value === 'number' ? String(value) : value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
const arrayText = (spaced: string): string => (spaced ? `{${spaced.split(' ').map((t) => `"${t.replace(/["\\]/g, '\\$&')}"`).join(',')}}` : '{}');

function copyLine(jobId: string, r: StagedRow): string {
  return [
    jobId, r.rowNo, r.gridCode, r.building, r.unit, r.floor, r.houseNumber, r.householdNumber, r.tenure, r.relation,
    r.name, r.namePinyin, r.nameInitials, r.gender, r.birthDate, r.idEnc, r.idHash, r.phoneEnc, r.phoneHash, r.ethnicity, r.residenceType,
    r.arrivedOn, r.employer, r.education, r.politicalStatus, r.notes, r.keyGroups, arrayText(r.searchTerms), arrayText(r.buildingTerms),
  ].map(copyText).join('\t');
}

async function copyStager(db: Db, pool: pg.Pool, jobId: string): Promise<Stager> {
  const client = await pool.connect();
  const stream: Writable = client.query(copyFrom(`copy registry_import_rows (${stagedColumns}) from stdin`));
  let failed: unknown;
  stream.on('error', (error) => (failed ??= error));
  let released = false;
  const release = (error?: Error) => {
    if (!released) client.release(error);
    released = true;
  };
  // Lines are sent about 64 KB at a time (one message per row would be a write per row).
  let lines = '';
  const send = async () => {
    if (failed) throw failed;
    const chunk = lines;
    lines = '';
    if (chunk && !stream.write(chunk)) await once(stream, 'drain');
  };
  return {
    add(row) {
      lines += `${copyLine(jobId, row)}\n`;
      return lines.length >= 64_000 ? send() : undefined;
    },
    async save(errors, counts) {
      await send();
      // Errors and counts through the pool: the COPY's connection is busy until the end.
      await insertErrors(db, jobId, errors);
      await saveCounts(db, jobId, counts);
    },
    async finish() {
      try {
        await send();
        stream.end();
        await once(stream, 'finish');
        if (failed) throw failed;
        release();
      } catch (error) {
        release(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    },
    async abort(error) {
      if (released) return;
      // Ends the COPY with an error: the server rolls back what it received.
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
      await once(stream, 'close').catch(() => undefined);
      release(new Error('import staging aborted'));
    },
  };
}

async function unnestStager(db: Db, jobId: string): Promise<Stager> {
  // One batch is written while the next is read and checked; a failed write surfaces at the next call.
  let writing: Promise<void> = Promise.resolve();
  let batch: StagedRow[] = [];
  return {
    add(row) {
      batch.push(row);
      return undefined;
    },
    async save(errors, counts) {
      await writing;
      const rows = batch;
      batch = [];
      writing = db.transaction(async (tx) => {
        await stageBatch(tx, jobId, rows);
        await insertErrors(tx, jobId, errors);
        await saveCounts(tx, jobId, counts);
      });
      writing.catch(() => undefined); // observed here, thrown where it is awaited
    },
    finish: () => writing,
    async abort() {
      await writing.catch(() => undefined);
    },
  };
}

const col = <K extends keyof StagedRow>(rows: StagedRow[], key: K) => sql.param(rows.map((r) => r[key]));

async function stageBatch(tx: Db, jobId: string, rows: StagedRow[]): Promise<void> {
  if (!rows.length) return;
  // One statement per batch: unnest of column arrays (4× faster than multi-row VALUES).
  await tx.execute(sql`
    insert into registry_import_rows (${sql.raw(stagedColumns)})
    select ${jobId}, r.row_no, r.grid_code, r.building, r.unit, r.floor, r.house_number, r.household_number, r.tenure, r.relation,
      r.name, r.name_pinyin, r.name_initials, r.gender, r.birth_date, r.id_enc, r.id_hash, r.phone_enc, r.phone_hash, r.ethnicity, r.residence_type,
      r.arrived_on, r.employer, r.education, r.political_status, r.notes, r.key_groups::jsonb,
      string_to_array(r.search_terms, ' '), string_to_array(r.building_terms, ' ')
    from unnest(${col(rows, 'rowNo')}::int[], ${col(rows, 'gridCode')}::text[], ${col(rows, 'building')}::text[], ${col(rows, 'unit')}::text[],
      ${col(rows, 'floor')}::int[], ${col(rows, 'houseNumber')}::text[], ${col(rows, 'householdNumber')}::text[], ${col(rows, 'tenure')}::text[],
      ${col(rows, 'relation')}::text[], ${col(rows, 'name')}::text[], ${col(rows, 'namePinyin')}::text[], ${col(rows, 'nameInitials')}::text[],
      ${col(rows, 'gender')}::text[], ${col(rows, 'birthDate')}::date[], ${col(rows, 'idEnc')}::text[], ${col(rows, 'idHash')}::text[],
      ${col(rows, 'phoneEnc')}::text[], ${col(rows, 'phoneHash')}::text[], ${col(rows, 'ethnicity')}::text[], ${col(rows, 'residenceType')}::text[],
      ${col(rows, 'arrivedOn')}::date[], ${col(rows, 'employer')}::text[], ${col(rows, 'education')}::text[], ${col(rows, 'politicalStatus')}::text[],
      ${col(rows, 'notes')}::text[], ${col(rows, 'keyGroups')}::text[], ${col(rows, 'searchTerms')}::text[], ${col(rows, 'buildingTerms')}::text[])
      as r(row_no, grid_code, building, unit, floor, house_number, household_number, tenure, relation, name, name_pinyin, name_initials, gender,
           birth_date, id_enc, id_hash, phone_enc, phone_hash, ethnicity, residence_type, arrived_on, employer, education, political_status, notes,
           key_groups, search_terms, building_terms)`);
}
