// Importing ledgers (台账导入). Two phases, both streaming:
//   check   reads the file row by row, checks each row (ledger.ts), encrypts the
//           identifiers and stages good rows in registry_import_rows in batches; problems
//           go to registry_import_errors (row, column, reason in Chinese). Checks that
//           span rows (the same ID number twice, two heads in a household, a person
//           registered outside the importer's scope) then run in SQL over the staged rows.
//   commit  moves the staged rows into buildings, houses, households, residents,
//           residence history and key groups with set-based SQL in ONE transaction, which
//           also marks the job committed and writes the audit entry: all rows land or none,
//           whatever happens to the process. Rows are matched by the HMAC of the ID number,
//           and a row that changes nothing is not written, so importing a file again
//           changes nothing.
import fs from 'node:fs';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../platform/db.ts';
import { AppError, errorMessage } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import { assertInScope, canAccess, inScope, requirePermission, shownName, type Actor } from '../../platform/auth/scope.ts';
import { findOrgNode, grids } from '../org/index.ts';
import { builtInKindInfos } from './key-groups.ts';
import { checkLedgerRow, headerOf, knownHeaderCount, ledgerFields, mapHeaders, type HeaderMapping, type LedgerCell, type LedgerField, type RowProblem } from './ledger.ts';
import { readLedger, type LedgerFormat } from './ledger-reader.ts';
import { nameSearchKeys } from './pinyin.ts';
import { registryImportErrors, registryImports, type ImportStatus } from './schema.ts';
import { searchTermsOf } from './text-search.ts';
import { chinaToday, excelDate } from './vocabulary.ts';

type ImportJob = typeof registryImports.$inferSelect;

/** What a running import is doing, for the progress bar. */
export interface ImportProgress {
  phase: 'checking' | 'committing';
  /** Rows read so far (checking). */
  rows: number;
  step?: string | undefined;
  stepNo?: number | undefined;
  steps?: number | undefined;
}

export type ImportStatusView = ImportStatus | 'interrupted';

// Jobs running in this process, with their progress (the job row holds the rest).
const live = new Map<string, ImportProgress>();
// A job not running here whose heartbeat is older than this was interrupted (process killed).
const STALE_MS = 60_000;
const BATCH = 1000;

export const commitSteps = ['楼栋', '房屋', '户', '迁居记录', '更新居民', '新增居民', '重点人群', '户主', '完成'] as const;

/** A job as the API shows it; `skippedRows` lists rows with errors (first 1000). */
export async function presentImport(db: Db, job: ImportJob) {
  const running = live.get(job.id);
  const stale = !running && (job.status === 'checking' || job.status === 'committing') && Date.now() - job.heartbeatAt.getTime() > STALE_MS;
  const status: ImportStatusView = stale ? 'interrupted' : job.status;
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
  };
}
export type ImportView = Awaited<ReturnType<typeof presentImport>>;

async function loadJob(db: Db, actor: Actor, id: string): Promise<ImportJob> {
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
export async function listImports(db: Db, actor: Actor, q: { page: number; pageSize: number }) {
  requirePermission(actor, 'registry.import');
  const where = inScope(actor, 'registry.import', registryImports.orgPath);
  const [rows, [count]] = await Promise.all([
    db.select().from(registryImports).where(where).orderBy(desc(registryImports.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(registryImports).where(where),
  ]);
  return { items: await Promise.all(rows.map((job) => presentImport(db, job))), total: count?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The row-level problems of an import, by row. */
export async function importErrors(db: Db, actor: Actor, id: string, q: { page: number; pageSize: number }) {
  const job = await loadJob(db, actor, id);
  const where = eq(registryImportErrors.importId, job.id);
  const [items, [count]] = await Promise.all([
    db
      .select({ rowNo: registryImportErrors.rowNo, column: registryImportErrors.columnName, message: registryImportErrors.message, name: registryImportErrors.personName })
      .from(registryImportErrors)
      .where(where)
      .orderBy(asc(registryImportErrors.rowNo))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(registryImportErrors).where(where),
  ]);
  return { items, total: count?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Every problem of an import in row order, in batches (for the downloadable report). */
export async function* eachImportError(db: Db, actor: Actor, id: string): AsyncGenerator<{ rowNo: number; column: string; message: string; name: string | null }[]> {
  const job = await loadJob(db, actor, id);
  for (let page = 1; ; page++) {
    const { items } = await importErrors(db, actor, job.id, { page, pageSize: 5000 });
    if (items.length) yield items;
    if (items.length < 5000) return;
  }
}

/** The community a ledger is imported into, if the actor may import there. */
export async function assertMayImport(db: Db, actor: Actor, communityCode: string) {
  const community = await findOrgNode(db, communityCode);
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

interface StagedRow {
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
  keyGroups: string;
  searchTerms: string;
  buildingTerms: string;
}

interface StagedError {
  rowNo: number;
  column: string;
  message: string;
  name: string | null;
}

const col = <K extends keyof StagedRow>(rows: StagedRow[], key: K) => sql.param(rows.map((r) => r[key]));

async function stageBatch(tx: Db, jobId: string, rows: StagedRow[], errors: StagedError[]): Promise<void> {
  if (rows.length) {
    // One statement per batch: unnest of column arrays (4× faster than multi-row VALUES).
    await tx.execute(sql`
      insert into registry_import_rows (import_id, row_no, grid_code, building, unit, floor, house_number, household_number, tenure, relation,
        name, name_pinyin, name_initials, gender, birth_date, id_number_enc, id_number_hash, phone_enc, phone_hash, ethnicity, residence_type,
        arrived_on, employer, education, political_status, notes, key_groups, search_terms, building_terms)
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
  if (errors.length) await insertErrors(tx, jobId, errors);
}

async function insertErrors(tx: Db, jobId: string, errors: StagedError[]): Promise<void> {
  await tx.execute(sql`
    insert into registry_import_errors (import_id, row_no, column_name, message, person_name)
    select ${jobId}, * from unnest(${sql.param(errors.map((e) => e.rowNo))}::int[], ${sql.param(errors.map((e) => e.column))}::text[],
      ${sql.param(errors.map((e) => e.message))}::text[], ${sql.param(errors.map((e) => e.name))}::text[])`);
}

function textOfCell(cell: LedgerCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return excelDate(cell);
  return String(cell).trim();
}

/** What a failure is stored as on the job. */
function failureOf(error: unknown): NonNullable<ImportJob['failure']> {
  if (error instanceof AppError) return { code: error.code, message: errorMessage(error.code, 'zh-CN', error.details), details: error.details };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

async function fail(db: Db, jobId: string, error: unknown): Promise<void> {
  await db.update(registryImports).set({ status: 'failed', failure: failureOf(error), heartbeatAt: sql`now()` }).where(eq(registryImports.id, jobId));
}

/**
 * The check phase (dry run): reads the file, checks every row and stages the good ones.
 * With `deleteFile` the uploaded copy is removed at the end, since it holds identifiers in clear.
 */
export async function checkImport(
  database: Database,
  pii: PiiCipher,
  actor: Actor,
  jobId: string,
  file: string,
  options: { deleteFile?: boolean; progress?: (p: ImportProgress) => void } = {},
): Promise<ImportView> {
  const db = database.db;
  const job = await loadJob(db, actor, jobId);
  const progress: ImportProgress = { phase: 'checking', rows: 0 };
  live.set(job.id, progress);
  try {
    if (job.status !== 'checking') throw new AppError('REGISTRY_IMPORT_STATE', { status: job.status, action: '检查' });
    await readAndStage(database, pii, actor, job, file, progress, options.progress);
    await crossRowChecks(db, actor, job);
    const [jobRow] = await db.select().from(registryImports).where(eq(registryImports.id, job.id));
    return presentImport(db, jobRow as ImportJob);
  } catch (error) {
    await fail(db, job.id, error);
    throw error;
  } finally {
    live.delete(job.id);
    if (options.deleteFile) fs.rmSync(file, { force: true });
  }
}

async function readAndStage(database: Database, pii: PiiCipher, actor: Actor, job: ImportJob, file: string, progress: ImportProgress, report?: (p: ImportProgress) => void) {
  const db = database.db;
  const today = chinaToday();
  const kinds = new Map(builtInKindInfos().map((k) => [k.code, k]));
  const gridRows = await db.select({ code: grids.code, name: grids.name, orgPath: grids.orgPath }).from(grids).where(eq(grids.communityCode, job.communityCode)).orderBy(asc(grids.code));
  const gridsByKey = new Map<string, string>();
  for (const g of gridRows) {
    if (!canAccess(actor, 'registry.import', g.orgPath)) continue;
    gridsByKey.set(g.code.toLowerCase(), g.code);
    gridsByKey.set(g.name, g.code);
  }
  const defaultGrid = gridRows.length === 1 && gridsByKey.size > 0 ? gridRows[0]?.code : undefined;
  const mayImportSensitive = canAccess(actor, 'registry.sensitive', job.orgPath);

  let mapping: HeaderMapping | undefined;
  let rows: StagedRow[] = [];
  let errors: StagedError[] = [];
  let total = 0;
  let valid = 0;
  let errorRows = 0;
  // One batch is written while the next is read and checked (on PostgreSQL the server
  // works on another core); a failed write surfaces at the next flush.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const [batchRows, batchErrors, counts] = [rows, errors, { totalRows: total, validRows: valid, errorRows }];
    rows = [];
    errors = [];
    await writing;
    writing = db.transaction(async (tx) => {
      await stageBatch(tx, job.id, batchRows, batchErrors);
      await tx.update(registryImports).set({ ...counts, heartbeatAt: sql`now()` }).where(eq(registryImports.id, job.id));
    });
    writing.catch(() => undefined); // observed here, thrown where it is awaited
  };

  for await (const record of readLedger(file, job.format)) {
    if (!mapping) {
      const texts = record.cells.map(textOfCell);
      if (knownHeaderCount(texts, job.mapping) >= 3) {
        mapping = mapHeaders(texts, job.mapping);
        await db.update(registryImports).set({ headers: mapping.headers }).where(eq(registryImports.id, job.id));
        if (mapping.missing.length) {
          throw new AppError('REGISTRY_IMPORT_HEADERS', { missing: mapping.missing.map(headerOf).join('、'), headers: mapping.headers });
        }
      } else if (record.rowNo >= 10) {
        throw new AppError('REGISTRY_IMPORT_HEADERS', { missing: '（前10行中没有找到表头）', headers: texts.filter(Boolean).map((header) => ({ header, field: null })) });
      }
      continue;
    }
    const cells: Partial<Record<LedgerField, LedgerCell>> = {};
    let empty = true;
    mapping.fields.forEach((field, i) => {
      const cell = record.cells[i];
      if (field) cells[field] = cell;
      if (textOfCell(cell ?? null) !== '') empty = false;
    });
    if (empty) continue;
    total++;
    progress.rows = total;
    const checked = checkLedgerRow(cells, { today, kinds });
    const problems: RowProblem[] = checked.ok ? [] : [...checked.problems];
    let gridCode: string | undefined;
    const gridText = textOfCell(cells.grid ?? null);
    if (gridText) {
      gridCode = gridsByKey.get(gridText) ?? gridsByKey.get(gridText.toLowerCase());
      if (!gridCode) problems.push({ column: headerOf('grid'), message: `本社区没有网格“${gridText}”（或不在您的管辖范围内）` });
    } else if (defaultGrid) gridCode = defaultGrid;
    else problems.push({ column: headerOf('grid'), message: `本社区有${gridRows.length}个网格，须填写网格编码或名称` });
    if (checked.ok && !mayImportSensitive && checked.row.keyGroups.some((k) => kinds.get(k.kind)?.sensitive)) {
      problems.push({ column: headerOf('keyGroups'), message: '无权登记敏感人群' });
    }
    const name = textOfCell(cells.name ?? null).slice(0, 30) || null;
    if (!checked.ok || problems.length || !gridCode) {
      errorRows++;
      const seen = new Set<string>();
      for (const p of problems) {
        const key = `${p.column}\u0000${p.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        errors.push({ rowNo: record.rowNo, column: p.column, message: p.message, name });
      }
    } else {
      const r = checked.row;
      const keys = nameSearchKeys(r.name);
      valid++;
      rows.push({
        rowNo: record.rowNo,
        gridCode,
        building: r.building,
        unit: r.unit,
        floor: r.floor,
        houseNumber: r.houseNumber,
        householdNumber: r.householdNumber,
        tenure: r.tenure,
        relation: r.relation,
        name: r.name,
        namePinyin: keys.full,
        nameInitials: keys.initials,
        gender: r.gender,
        birthDate: r.birthDate,
        idEnc: pii.encrypt(r.idNumber),
        idHash: pii.lookupHash(r.idNumber),
        phoneEnc: r.phone ? pii.encrypt(r.phone) : null,
        phoneHash: r.phone ? pii.lookupHash(r.phone) : null,
        ethnicity: r.ethnicity,
        residenceType: r.residenceType,
        arrivedOn: r.arrivedOn,
        employer: r.employer,
        education: r.education,
        politicalStatus: r.politicalStatus,
        notes: r.notes,
        keyGroups: JSON.stringify(r.keyGroups),
        searchTerms: searchTermsOf(r.name).join(' '),
        buildingTerms: searchTermsOf(r.building).join(' '),
      });
    }
    if (rows.length >= BATCH || errors.length >= BATCH) {
      await flush();
      report?.(progress);
    }
  }
  if (!mapping) throw new AppError('REGISTRY_IMPORT_HEADERS', { missing: '（文件中没有找到表头）', headers: [] });
  await flush();
  await writing;
  report?.(progress);
  if (total === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'file', message: '台账中没有数据行' }], summary: '台账中没有数据行' });
}

// The staged rows of a job with the household each row belongs to, where it already exists.
const targets = (job: ImportJob) => sql`
  select s.*, hh.id as target_household, h.id as target_house, b.org_path as target_path, b.grid_code as target_grid
    from registry_import_rows s
    left join buildings b on b.community_code = ${job.communityCode} and b.name = s.building
    left join houses h on h.building_id = b.id and h.unit = s.unit and h.number = s.house_number
    left join households hh on hh.house_id = h.id and hh.number = s.household_number
   where s.import_id = ${job.id} and s.valid`;

// Whether a staged row (t) would change a resident (r). Empty optional cells change nothing.
const residentChanged = sql`(
  r.household_id is distinct from t.target_household
  or r.status <> 'active'
  or r.relation is distinct from t.relation
  or r.name <> t.name
  or (t.phone_hash is not null and t.phone_hash is distinct from r.phone_hash)
  or (t.ethnicity is not null and t.ethnicity is distinct from r.ethnicity)
  or (t.residence_type is not null and t.residence_type <> r.residence_type)
  or (t.arrived_on is not null and t.arrived_on is distinct from r.arrived_on)
  or (t.employer is not null and t.employer is distinct from r.employer)
  or (t.education is not null and t.education is distinct from r.education)
  or (t.political_status is not null and t.political_status is distinct from r.political_status)
  or (t.notes is not null and t.notes is distinct from r.notes))`;

const keyGroupsAdded = sql`exists (
  select 1 from jsonb_array_elements(t.key_groups) k
   where not exists (select 1 from key_group_memberships m where m.resident_id = r.id and m.kind = k->>'kind' and m.until is null))`;

async function rowErrors(db: Db, jobId: string, query: SQL): Promise<void> {
  // query yields row_no, column_name, message, person_name of rows to reject.
  await db.execute(sql`
    with bad as (${query}),
    marked as (update registry_import_rows s set valid = false from bad where s.import_id = ${jobId} and s.row_no = bad.row_no returning s.row_no)
    insert into registry_import_errors (import_id, row_no, column_name, message, person_name)
    select ${jobId}, row_no, column_name, message, person_name from bad`);
}

async function crossRowChecks(db: Db, actor: Actor, job: ImportJob): Promise<void> {
  // Fresh rows have no statistics: without them the planner joins staged rows to
  // buildings and houses with nested loops, seconds instead of milliseconds.
  await db.execute(sql`analyze registry_import_rows`);
  // The same person twice in the file: the first row stands.
  await rowErrors(db, job.id, sql`
    select row_no, ${headerOf('idNumber')} as column_name, '与第 ' || first_row || ' 行的身份证号重复（同一身份证号即同一人）' as message, name as person_name
      from (select row_no, name, min(row_no) over (partition by id_number_hash) as first_row
              from registry_import_rows where import_id = ${job.id} and valid) d
     where row_no <> first_row`);
  // One head per household.
  await rowErrors(db, job.id, sql`
    select row_no, ${headerOf('relation')} as column_name, '第 ' || first_row || ' 行已是该户户主，一户只能有一个户主' as message, name as person_name
      from (select row_no, name, min(row_no) over (partition by building, unit, house_number, household_number) as first_row
              from registry_import_rows where import_id = ${job.id} and valid and relation = 'head') d
     where row_no <> first_row`);
  // People registered where the importer may not change them.
  await rowErrors(db, job.id, sql`
    select s.row_no, ${headerOf('idNumber')} as column_name,
           case when r.status = 'deceased' then '此人已登记为死亡，不能导入'
                else '此人已在其他社区登记，不在您的管辖范围内；请由原社区办理迁出' end as message, s.name as person_name
      from registry_import_rows s join residents r on r.id_number_hash = s.id_number_hash
     where s.import_id = ${job.id} and s.valid and (r.status = 'deceased' or not ${inScope(actor, 'registry.import', sql`r.org_path`)})`);
  const [counts] = await queryRows<{ valid: number; errorRows: number; new: number; changed: number; unchanged: number }>(db, sql`
    with t as (${targets(job)})
    select (select count(*)::int from t) as valid,
           (select count(distinct row_no)::int from registry_import_errors where import_id = ${job.id}) as "errorRows",
           count(*) filter (where r.id is null)::int as new,
           count(*) filter (where r.id is not null and (${residentChanged} or ${keyGroupsAdded}))::int as changed,
           count(*) filter (where r.id is not null and not (${residentChanged} or ${keyGroupsAdded}))::int as unchanged
      from t left join residents r on r.id_number_hash = t.id_number_hash`);
  await db
    .update(registryImports)
    .set({
      status: 'checked',
      validRows: counts?.valid ?? 0,
      errorRows: counts?.errorRows ?? 0,
      newRows: counts?.new ?? 0,
      changedRows: counts?.changed ?? 0,
      unchangedRows: counts?.unchanged ?? 0,
      checkedAt: sql`now()`,
      heartbeatAt: sql`now()`,
    })
    .where(eq(registryImports.id, job.id));
}

export interface CommitHooks {
  progress?: ((p: ImportProgress) => void) | undefined;
  /** Called inside the transaction after each step; a test uses it to stop the process mid-commit. */
  afterStep?: ((step: string, stepNo: number) => Promise<void> | void) | undefined;
}

// Serialises commits into one community (two imports must not interleave).
const IMPORT_LOCK_KEY = 7_262_003;

/**
 * The commit phase: all staged rows (or, with onlyValid, the good rows of a file that also
 * has bad ones) land in one transaction, or none do.
 */
export async function commitImport(
  database: Database,
  actor: Actor,
  jobId: string,
  options: { onlyValid: boolean },
  hooks: CommitHooks = {},
  // The HTTP route prepares first, so that refusals reach the user before the work goes to the background.
  given: { prepared?: ImportJob } = {},
): Promise<ImportView> {
  const db = database.db;
  const job = given.prepared ?? (await prepareCommit(db, actor, jobId, options));
  const progress: ImportProgress = { phase: 'committing', rows: job.validRows, stepNo: 0, steps: commitSteps.length };
  live.set(job.id, progress);
  try {
    await runCommit(database, actor, job, options, progress, hooks);
    // Staged rows hold encrypted identifiers only, but are not needed once committed.
    await db.execute(sql`delete from registry_import_rows where import_id = ${job.id}`);
  } catch (error) {
    await fail(db, job.id, error);
    throw error;
  } finally {
    live.delete(job.id);
  }
  const [done] = await db.select().from(registryImports).where(eq(registryImports.id, job.id));
  return presentImport(db, done as ImportJob);
}

/** Checks that a job may be committed and marks it "committing". */
export async function prepareCommit(db: Db, actor: Actor, jobId: string, options: { onlyValid: boolean }): Promise<ImportJob> {
  const job = await loadJob(db, actor, jobId);
  const view = await presentImport(db, job);
  const resumable = view.status === 'interrupted' && job.status === 'committing';
  if (job.status !== 'checked' && !resumable) throw new AppError('REGISTRY_IMPORT_STATE', { status: view.status, action: '提交' });
  if (job.errorRows > 0 && !options.onlyValid) throw new AppError('REGISTRY_IMPORT_HAS_ERRORS', { errorRows: job.errorRows, skippedRows: view.skippedRows });
  const [staged] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from registry_import_rows where import_id = ${job.id} and valid`);
  if ((staged?.n ?? 0) !== job.validRows) {
    // Unlogged staging is emptied by a database crash: the file must be checked again.
    throw new AppError('REGISTRY_IMPORT_STATE', { status: '暂存数据已丢失', action: '提交，请重新上传' });
  }
  const [marked] = await db
    .update(registryImports)
    .set({ status: 'committing', onlyValid: options.onlyValid, heartbeatAt: sql`now()` })
    .where(and(eq(registryImports.id, job.id), eq(registryImports.status, job.status)))
    .returning();
  if (!marked) throw new AppError('REGISTRY_IMPORT_STATE', { status: '正在提交', action: '再次提交' });
  return marked;
}

async function runCommit(database: Database, actor: Actor, job: ImportJob, options: { onlyValid: boolean }, progress: ImportProgress, hooks: CommitHooks) {
  const db = database.db;
  const today = chinaToday();
  const kinds = builtInKindInfos();
  const t = targets(job);
  await db.transaction(async (tx) => {
    let stepNo = 0;
    const step = async (statement: () => Promise<unknown>) => {
      await statement();
      const name = commitSteps[stepNo] as string;
      stepNo++;
      Object.assign(progress, { step: name, stepNo });
      hooks.progress?.(progress);
      // PGlite runs one statement at a time: only PostgreSQL can note progress outside the
      // transaction (and not after the last step, whose transaction holds the job row).
      if (database.engine === 'postgres' && stepNo < commitSteps.length) {
        await db.update(registryImports).set({ heartbeatAt: sql`now()` }).where(eq(registryImports.id, job.id));
      }
      await hooks.afterStep?.(name, stepNo);
    };
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY}, hashtext(${job.communityCode}))`);

    await step(() =>
      tx.execute(sql`
        insert into buildings (community_code, grid_code, org_path, name, address, search)
        select ${job.communityCode}, g.code, g.org_path, s.building, s.building, array_to_tsvector(s.building_terms)
          from (select distinct on (building) building, grid_code, building_terms from registry_import_rows
                 where import_id = ${job.id} and valid order by building, row_no) s
          join grids g on g.code = s.grid_code
        on conflict (community_code, name) do nothing`),
    );
    await step(() =>
      tx.execute(sql`
        insert into houses (building_id, grid_code, org_path, unit, floor, number, tenure)
        select distinct on (b.id, s.unit, s.house_number) b.id, b.grid_code, b.org_path, s.unit, s.floor, s.house_number, coalesce(s.tenure, 'owner_occupied')
          from registry_import_rows s join buildings b on b.community_code = ${job.communityCode} and b.name = s.building
         where s.import_id = ${job.id} and s.valid
         order by b.id, s.unit, s.house_number, s.row_no
        on conflict (building_id, unit, number) do nothing`),
    );
    await step(async () => {
      await tx.execute(sql`
        insert into households (house_id, grid_code, org_path, number)
        select distinct h.id, h.grid_code, h.org_path, s.household_number
          from registry_import_rows s
          join buildings b on b.community_code = ${job.communityCode} and b.name = s.building
          join houses h on h.building_id = b.id and h.unit = s.unit and h.number = s.house_number
         where s.import_id = ${job.id} and s.valid
        on conflict (house_id, number) do nothing`);
      // The next statements join staged rows to what was just inserted (see crossRowChecks).
      await tx.execute(sql`analyze buildings, houses, households`);
    });
    // People whose household changes: close the current line of their history, open a new one.
    await step(async () => {
      await tx.execute(sql`
        with t as (${t})
        update residence_history rh set moved_out_on = ${today}::date, reason = coalesce(rh.reason || '；', '') || '台账导入：迁往他处'
          from t join residents r on r.id_number_hash = t.id_number_hash
         where rh.resident_id = r.id and rh.moved_out_on is null and r.household_id is distinct from t.target_household`);
      await tx.execute(sql`
        with t as (${t})
        insert into residence_history (resident_id, house_id, household_id, relation, org_path, moved_in_on, reason)
        select r.id, t.target_house, t.target_household, t.relation, t.target_path, ${today}::date, '台账导入'
          from t join residents r on r.id_number_hash = t.id_number_hash
         where r.household_id is distinct from t.target_household`);
    });
    let updated = 0;
    await step(async () => {
      const [u] = await queryRows<{ n: number }>(tx, sql`
        with t as (${t}),
        u as (
          update residents r
             set name = t.name, name_pinyin = t.name_pinyin, name_initials = t.name_initials, search = array_to_tsvector(t.search_terms),
                 household_id = t.target_household, house_id = t.target_house, relation = t.relation,
                 grid_code = t.target_grid, org_path = t.target_path, status = 'active',
                 phone_enc = case when t.phone_hash is not null and t.phone_hash is distinct from r.phone_hash then t.phone_enc else r.phone_enc end,
                 phone_hash = coalesce(t.phone_hash, r.phone_hash),
                 ethnicity = coalesce(t.ethnicity, r.ethnicity),
                 residence_type = coalesce(t.residence_type, r.residence_type),
                 arrived_on = coalesce(t.arrived_on, r.arrived_on),
                 employer = coalesce(t.employer, r.employer),
                 education = coalesce(t.education, r.education),
                 political_status = coalesce(t.political_status, r.political_status),
                 notes = coalesce(t.notes, r.notes),
                 version = r.version + 1, updated_at = now()
            from t
           where r.id_number_hash = t.id_number_hash and ${residentChanged}
          returning 1)
        select count(*)::int as n from u`);
      updated = u?.n ?? 0;
      await tx.execute(sql`
        update key_group_memberships m set org_path = r.org_path
          from residents r join registry_import_rows s on s.id_number_hash = r.id_number_hash and s.import_id = ${job.id} and s.valid
         where m.resident_id = r.id and m.org_path <> r.org_path`);
    });
    let inserted = 0;
    await step(async () => {
      const [n] = await queryRows<{ n: number }>(tx, sql`
        with t as (${t}),
        ins as (
          insert into residents (grid_code, org_path, house_id, household_id, relation, name, name_pinyin, name_initials, gender, birth_date,
                                 id_number_enc, id_number_hash, phone_enc, phone_hash, ethnicity, residence_type, arrived_on, employer,
                                 education, political_status, notes, search)
          select t.target_grid, t.target_path, t.target_house, t.target_household, t.relation, t.name, t.name_pinyin, t.name_initials, t.gender, t.birth_date,
                 t.id_number_enc, t.id_number_hash, t.phone_enc, t.phone_hash, t.ethnicity, coalesce(t.residence_type, 'local'), t.arrived_on, t.employer,
                 t.education, t.political_status, t.notes, array_to_tsvector(t.search_terms)
            from t
           where not exists (select 1 from residents r where r.id_number_hash = t.id_number_hash)
          returning id, house_id, household_id, relation, org_path),
        hist as (
          insert into residence_history (resident_id, house_id, household_id, relation, org_path, moved_in_on, reason)
          select id, house_id, household_id, relation, org_path, ${today}::date, '台账导入' from ins
          returning 1)
        select count(*)::int as n from hist`);
      inserted = n?.n ?? 0;
    });
    await step(() =>
      tx.execute(sql`
        insert into key_group_memberships (resident_id, kind, org_path, sensitive, fields, since, visit_every_days, next_visit_due)
        select r.id, k.kind, r.org_path, kinds.sensitive, k.fields, ${today}::date, kinds.every, ${today}::date + kinds.every
          from registry_import_rows s
          cross join lateral jsonb_to_recordset(s.key_groups) as k(kind text, fields jsonb)
          join residents r on r.id_number_hash = s.id_number_hash
          join unnest(${sql.param(kinds.map((k) => k.code))}::text[], ${sql.param(kinds.map((k) => k.sensitive))}::boolean[],
                      ${sql.param(kinds.map((k) => k.visitEveryDays))}::int[]) as kinds(code, sensitive, every) on kinds.code = k.kind
         where s.import_id = ${job.id} and s.valid and s.key_groups <> '[]'::jsonb
        on conflict (resident_id, kind) where until is null do nothing`),
    );
    // The file names the head of each of its households.
    await step(async () => {
      await tx.execute(sql`
        update residents r set relation = 'other', version = r.version + 1, updated_at = now()
         where r.relation = 'head'
           and r.household_id in (select target_household from (${t}) t where t.relation = 'head')
           and r.id_number_hash not in (select id_number_hash from registry_import_rows where import_id = ${job.id} and valid and relation = 'head')`);
      await tx.execute(sql`
        update households hh set head_resident_id = null, version = hh.version + 1, updated_at = now()
         where hh.head_resident_id in (select r.id from residents r join registry_import_rows s on s.id_number_hash = r.id_number_hash
                                        where s.import_id = ${job.id} and s.valid)
           and not exists (select 1 from residents r where r.id = hh.head_resident_id and r.household_id = hh.id and r.relation = 'head')`);
      await tx.execute(sql`
        update households hh set head_resident_id = r.id, version = hh.version + 1, updated_at = now()
          from residents r join registry_import_rows s on s.id_number_hash = r.id_number_hash and s.import_id = ${job.id} and s.valid
         where r.household_id = hh.id and r.relation = 'head' and hh.head_resident_id is distinct from r.id`);
    });
    await step(async () => {
      const skipped = options.onlyValid ? job.errorRows : 0;
      await tx
        .update(registryImports)
        .set({ status: 'committed', inserted, updated, skipped, committedAt: sql`now()`, heartbeatAt: sql`now()` })
        .where(eq(registryImports.id, job.id));
      await recordAudit(tx, actor, {
        action: 'registry.import.commit',
        targetType: 'registry_import',
        targetId: job.id,
        orgPath: job.orgPath,
        details: { fileName: job.fileName, rows: job.totalRows, inserted, updated, unchanged: job.validRows - inserted - updated, skipped, onlyValid: options.onlyValid },
      });
    });
  });
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
