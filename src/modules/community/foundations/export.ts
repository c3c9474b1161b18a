// A fund's ledger (基金台账) as .xlsx: every posting, oldest first, with the trial balance at the foot.
import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { fundEntries } from '../schema/foundations.ts';

const accountNames = { bank: '银行存款', donation_income: '捐赠收入', grants_payable: '应付资助款', grant_expense: '资助支出', operating_expense: '管理及业务支出' } as const;

/** Call after the fund was loaded in the actor's scope. */
export async function ledgerWorkbook(db: Db, fundId: string, fundName: string): Promise<Buffer> {
  const rows = await db.select().from(fundEntries).where(eq(fundEntries.fundId, fundId)).orderBy(asc(fundEntries.id)).limit(200_000);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('基金台账');
  sheet.columns = [
    { header: '日期', key: 'on', width: 12 },
    { header: '凭证组', key: 'txn', width: 38 },
    { header: '科目', key: 'account', width: 16 },
    { header: '借方（元）', key: 'debit', width: 14, style: { numFmt: '0.00' } },
    { header: '贷方（元）', key: 'credit', width: 14, style: { numFmt: '0.00' } },
    { header: '摘要', key: 'memo', width: 40 },
  ];
  let debit = 0;
  let credit = 0;
  for (const r of rows) {
    debit += r.debitFen;
    credit += r.creditFen;
    sheet.addRow({ on: r.onDate, txn: r.txnId, account: accountNames[r.account], debit: r.debitFen ? r.debitFen / 100 : null, credit: r.creditFen ? r.creditFen / 100 : null, memo: r.memo });
  }
  sheet.addRow({ account: `${fundName} 合计`, debit: debit / 100, credit: credit / 100, memo: debit === credit ? '借贷平衡' : '借贷不平衡' }).font = { bold: true };
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
