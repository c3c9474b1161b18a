// Facilities in and out: .xlsx and GeoJSON exports of a filtered list, and imports of the
// same files. An import checks every row first (fields, kind, community and scope, ids)
// and writes nothing if one is wrong; rows with a known id update that facility.
import ExcelJS from 'exceljs';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError, errorMessage } from '../../../platform/errors.ts';
import { canAccess, requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import {
  createFacilityBody,
  type CreateFacilityInput,
  type FacilityFeatureCollection,
  type FacilityImportProblem,
  type FacilityView,
  type ImportFacilitiesResult,
  type ImportFormat,
} from '../contract.ts';
import { facilities, facilityKinds } from '../schema.ts';
import { createFacility, facilityFilter, presentFacilities, updateFacility } from './facilities.ts';
import { assertArchiveWithinLimits } from '../../../platform/archive-limits.ts';

/** The columns of the .xlsx, in order: header, field, and whether an import reads it. */
const columns = [
  ['编号', 'id', true], ['名称', 'name', true], ['类型编码', 'kind', true], ['类型', 'kindName', false], ['服务圈层', 'level', true],
  ['经度', 'lng', true], ['纬度', 'lat', true], ['地址', 'address', true], ['开放时间', 'openingHours', true], ['容量', 'capacity', true],
  ['运营方类型', 'operatorType', true], ['运营方', 'operatorName', true], ['运营方编码', 'operatorCode', true], ['联系电话', 'contact', true],
  ['社区编码', 'communityCode', true], ['社区', 'communityName', false], ['网格', 'gridCode', false],
] as const;

type ExportRow = FacilityView & { kindName: string };

async function exportRows(db: Db, actor: Actor, q: Parameters<typeof facilityFilter>[2]): Promise<ExportRow[]> {
  const where = await facilityFilter(db, actor, q);
  const rows = await db.select().from(facilities).where(where).orderBy(asc(facilities.communityCode), asc(facilities.kind), asc(facilities.name)).limit(100_000);
  const kinds = new Map((await db.select({ code: facilityKinds.code, name: facilityKinds.name }).from(facilityKinds)).map((k) => [k.code, k.name]));
  return (await presentFacilities(db, rows)).map((f) => ({ ...f, kindName: kinds.get(f.kind) ?? f.kind }));
}

/** The facilities of a filter as an .xlsx workbook, columns as the import reads them. */
export async function exportFacilitiesXlsx(db: Db, actor: Actor, q: Parameters<typeof facilityFilter>[2]): Promise<Buffer> {
  const rows = await exportRows(db, actor, q);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('设施');
  sheet.columns = columns.map(([header, key]) => ({ header, key, width: key === 'name' || key === 'address' ? 28 : 14 }));
  for (const r of rows) sheet.addRow(Object.fromEntries(columns.map(([, key]) => [key, r[key] ?? null])));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The facilities of a filter as GeoJSON Points. */
export async function exportFacilitiesGeoJson(db: Db, actor: Actor, q: Parameters<typeof facilityFilter>[2]): Promise<FacilityFeatureCollection> {
  const rows = await exportRows(db, actor, q);
  return {
    type: 'FeatureCollection',
    features: rows.map(({ lng, lat, createdAt: _c, updatedAt: _u, ...properties }) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [lng, lat] as [number, number] },
      properties,
    })),
  };
}

class DryRunDone extends Error {}

interface ImportRow {
  row: number;
  id: string | undefined;
  fields: Record<string, unknown>;
}

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'object' && 'text' in value) return value.text;
  if (typeof value === 'object' && 'result' in value) return value.result;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  return value;
}

async function rowsOfXlsx(bytes: Buffer): Promise<ImportRow[]> {
  // exceljs unpacks the whole workbook in memory: a zip bomb is refused before it starts.
  await assertArchiveWithinLimits(bytes, { maxUncompressedBytes: 128 * 1024 * 1024, maxEntries: 2_000 });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('FACILITY_IMPORT_INVALID', { count: 1, problems: [{ row: 0, field: 'file', message: '不是有效的 .xlsx 文件 / not a valid .xlsx file' }] });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const headers = new Map<number, string>();
  sheet.getRow(1).eachCell((cell, col) => {
    const found = columns.find(([header, key, read]) => read && (header === String(cell.value).trim() || key === String(cell.value).trim()));
    if (found) headers.set(col, found[1]);
  });
  const rows: ImportRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const fields: Record<string, unknown> = {};
    row.eachCell((cell, col) => {
      const key = headers.get(col);
      const value = cellValue(cell.value);
      if (key && value !== undefined) fields[key] = typeof value === 'string' ? value.trim() : value;
    });
    if (Object.keys(fields).length === 0) return;
    const { id, ...rest } = fields;
    rows.push({ row: number, id: id === undefined ? undefined : String(id), fields: rest });
  });
  return rows;
}

function rowsOfGeoJson(bytes: Buffer): ImportRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const features = (parsed as { type?: unknown; features?: unknown } | undefined)?.type === 'FeatureCollection' ? (parsed as { features: unknown }).features : undefined;
  if (!Array.isArray(features)) {
    throw new AppError('FACILITY_IMPORT_INVALID', { count: 1, problems: [{ row: 0, field: 'file', message: '不是 GeoJSON FeatureCollection / not a GeoJSON FeatureCollection' }] });
  }
  return features.map((feature: { geometry?: { type?: string; coordinates?: unknown[] }; properties?: Record<string, unknown> }, i) => {
    const { id, communityName: _n, kindName: _k, gridCode: _g, orgPath: _o, version: _v, ...properties } = feature?.properties ?? {};
    const coordinates = feature?.geometry?.type === 'Point' ? feature.geometry.coordinates : undefined;
    return { row: i + 1, id: typeof id === 'string' ? id : undefined, fields: { ...properties, lng: coordinates?.[0], lat: coordinates?.[1] } };
  });
}

/** Reads, checks and (unless a dry run) writes a file of facilities. */
export async function importFacilities(db: Db, actor: Actor, format: ImportFormat, bytes: Buffer, dryRun: boolean): Promise<ImportFacilitiesResult> {
  requirePermission(actor, 'facilities.write');
  const rows = format === 'xlsx' ? await rowsOfXlsx(bytes) : rowsOfGeoJson(bytes);
  const problems: FacilityImportProblem[] = [];
  const inputs: { row: number; id: string | undefined; input: CreateFacilityInput }[] = [];
  const ids = rows.map((r) => r.id).filter((id): id is string => id !== undefined && /^[0-9a-f-]{36}$/i.test(id));
  const existing = new Map((ids.length ? await db.select().from(facilities).where(inArray(facilities.id, ids)) : []).map((f) => [f.id, f]));
  const kinds = new Set((await db.select({ code: facilityKinds.code }).from(facilityKinds)).map((k) => k.code));
  for (const r of rows) {
    const parsed = createFacilityBody.safeParse(r.fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ row: r.row, field: issue.path.join('.') || 'row', message: issue.message });
      continue;
    }
    const known = r.id ? existing.get(r.id) : undefined;
    if (r.id && !known) problems.push({ row: r.row, field: 'id', message: `没有编号为 ${r.id} 的设施 / no facility has this id` });
    else if (known && !canAccess(actor, 'facilities.write', known.orgPath)) problems.push({ row: r.row, field: 'id', message: '该设施不在您的管辖范围内 / outside your scope' });
    if (!kinds.has(parsed.data.kind)) problems.push({ row: r.row, field: 'kind', message: `没有设施类型 ${parsed.data.kind} / unknown kind` });
    inputs.push({ row: r.row, id: known?.id, input: parsed.data });
  }
  if (problems.length === 0) {
    // Each row goes through the use case (community, scope, grid, audit); any refusal rolls the
    // whole file back, and so does a dry run once every row has passed.
    try {
      await db.transaction(async (tx) => {
        for (const { row, id, input } of inputs) {
          try {
            if (id) await updateFacility(tx, actor, id, { ...input, version: existing.get(id)!.version });
            else await createFacility(tx, actor, input);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            const field = ((error.details.fields as { field: string }[] | undefined)?.[0]?.field ?? error.code).replace(/^body\./, '');
            const message = `${errorMessage(error.code, 'zh-CN', error.details)} / ${errorMessage(error.code, 'en-US', error.details)}`;
            throw new AppError('FACILITY_IMPORT_INVALID', { count: 1, problems: [{ row, field, message }] });
          }
        }
        if (dryRun) throw new DryRunDone();
      });
    } catch (error) {
      if (!(error instanceof DryRunDone)) throw error;
    }
  }
  if (problems.length) throw new AppError('FACILITY_IMPORT_INVALID', { count: problems.length, problems: problems.slice(0, 200) });
  const updated = inputs.filter((i) => i.id).length;
  return { created: inputs.length - updated, updated, dryRun };
}
