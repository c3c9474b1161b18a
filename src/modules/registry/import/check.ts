// The check phase of an import (dry run): the file is read row by row, every row checked
// (ledger.ts), identifiers encrypted and good rows staged in batches; then the checks that
// span rows run in SQL (staged.ts). See jobs.ts for the whole flow.
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { canAccess, type Actor } from '../../../platform/auth/scope.ts';
import { gridsOfCommunity } from '../../org/index.ts';
import type { ImportProgress, ImportView } from '../contract.ts';
import { builtInKindInfos } from '../key-groups/kinds.ts';
import { checkLedgerRow, headerOf, knownHeaderCount, mapHeaders, type HeaderMapping, type LedgerCell, type LedgerField, type LedgerRow, type RowProblem } from '../ledger.ts';
import { readLedger } from '../ledger-reader.ts';
import { nameSearchKeys } from '../pinyin.ts';
import { registryImports } from '../schema.ts';
import { searchTermsOf } from '../text-search.ts';
import { chinaToday, excelDate, profileOf } from '../vocabulary.ts';
import { fail, live, loadJob, presentImport, type ImportJob } from './jobs.ts';
import { crossRowChecks } from './staged.ts';
import { createStager, type StagedError, type StagedRow } from './stage.ts';

const BATCH = 1000;

function textOfCell(cell: LedgerCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return excelDate(cell);
  return String(cell).trim();
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
  const gridRows = await gridsOfCommunity(db, job.communityCode);
  const gridsByKey = new Map<string, string>();
  for (const g of gridRows) {
    if (!canAccess(actor, 'registry.import', g.orgPath)) continue;
    gridsByKey.set(g.code.toLowerCase(), g.code);
    gridsByKey.set(g.name, g.code);
  }
  const defaultGrid = gridRows.length === 1 && gridsByKey.size > 0 ? gridRows[0]?.code : undefined;
  const mayImportSensitive = canAccess(actor, 'registry.sensitive', job.orgPath);

  const textKeys = new TextKeys();
  let mapping: HeaderMapping | undefined;
  let errors: StagedError[] = [];
  let total = 0;
  let valid = 0;
  let errorRows = 0;
  // Rows since the job's counts were last saved.
  let unsaved = 0;
  const stager = await createStager(database, job.id);
  const flush = async () => {
    const batchErrors = errors;
    errors = [];
    unsaved = 0;
    await stager.save(batchErrors, { totalRows: total, validRows: valid, errorRows });
  };
  try {
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
        valid++;
        await stager.add(stagedRowOf(pii, textKeys, record.rowNo, gridCode, checked.row));
      }
      if (++unsaved >= BATCH || errors.length >= BATCH) {
        await flush();
        report?.(progress);
      }
    }
    if (!mapping) throw new AppError('REGISTRY_IMPORT_HEADERS', { missing: '（文件中没有找到表头）', headers: [] });
    await flush();
    await stager.finish();
  } catch (error) {
    await stager.abort(error);
    throw error;
  }
  report?.(progress);
  if (total === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'file', message: '台账中没有数据行' }], summary: '台账中没有数据行' });
}

// A ledger repeats buildings on every row and common names often: their search keys are
// computed once per import (bounded, so that a file of distinct names does not grow memory).
class TextKeys {
  private names = new Map<string, { full: string; initials: string; terms: string }>();
  private buildings = new Map<string, string>();
  name(name: string) {
    let keys = this.names.get(name);
    if (!keys) {
      keys = { ...nameSearchKeys(name), terms: searchTermsOf(name).join(' ') };
      if (this.names.size < 50_000) this.names.set(name, keys);
    }
    return keys;
  }
  building(building: string): string {
    let terms = this.buildings.get(building);
    if (terms === undefined) {
      terms = searchTermsOf(building).join(' ');
      if (this.buildings.size < 50_000) this.buildings.set(building, terms);
    }
    return terms;
  }
}

/** A checked row as it is staged: identifiers encrypted, search keys computed. */
function stagedRowOf(pii: PiiCipher, textKeys: TextKeys, rowNo: number, gridCode: string, r: LedgerRow): StagedRow {
  const keys = textKeys.name(r.name);
  return {
    rowNo,
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
    ...profileOf(r),
    keyGroups: JSON.stringify(r.keyGroups),
    searchTerms: keys.terms,
    buildingTerms: textKeys.building(r.building),
  };
}
