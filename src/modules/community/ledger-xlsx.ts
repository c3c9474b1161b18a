// A register as an .xlsx ledger: one sheet, a header row and one row per record.
import ExcelJS from 'exceljs';

export interface LedgerColumn<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
}

/** The workbook's bytes for these rows under these columns. */
export async function ledgerWorkbook<T>(sheetName: string, columns: readonly LedgerColumn<T>[], rows: readonly T[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The most rows a ledger export carries. */
export const ledgerLimit = 50_000;
