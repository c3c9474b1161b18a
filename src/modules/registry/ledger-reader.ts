// Reads a ledger file row by row without holding it in memory: .xlsx through the streaming
// worksheet reader (first worksheet only), .csv through csv-parse (csv.ts).
import fs from 'node:fs';
import { AppError } from '../../platform/errors.ts';
import { CsvFormatError, parseCsv } from './csv.ts';
import { readXlsxRows, XlsxFormatError } from './xlsx-reader.ts';
import type { LedgerFormat } from './contract.ts';
import type { LedgerCell } from './ledger.ts';

export type { LedgerFormat };

export interface LedgerRecord {
  /** The row number a spreadsheet shows (1-based). */
  rowNo: number;
  cells: LedgerCell[];
}

/** The format of a file from its name, or from its first bytes (xlsx is a zip: PK). */
export function ledgerFormatOf(fileName: string, head?: Uint8Array): LedgerFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (head && head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  return undefined;
}

/** The rows of a ledger file, in order. */
export async function* readLedger(file: string, format: LedgerFormat): AsyncGenerator<LedgerRecord> {
  if (format === 'csv') {
    try {
      for await (const { rowNo, fields } of parseCsv(fs.createReadStream(file, { highWaterMark: 256 * 1024 }))) {
        yield { rowNo, cells: fields };
      }
    } catch (error) {
      if (error instanceof CsvFormatError) throw new AppError('REGISTRY_IMPORT_FORMAT', { problem: error.message });
      throw error;
    }
    return;
  }
  try {
    for await (const row of readXlsxRows(file)) yield row;
  } catch (error) {
    if (error instanceof XlsxFormatError) throw new AppError('REGISTRY_IMPORT_FORMAT', { problem: error.message });
    throw error;
  }
}
