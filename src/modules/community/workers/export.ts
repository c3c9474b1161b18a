// A social worker's caseload as an .xlsx ledger, residents named exactly as the list names them.
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import type { CaseloadQuery, CaseloadView } from '../contract.ts';
import { ledgerLimit, ledgerWorkbook, type LedgerColumn } from '../ledger-xlsx.ts';
import { caseloadForLedger } from './workers.ts';

const columns: LedgerColumn<CaseloadView>[] = [
  { header: '服务对象', width: 14, value: (c) => c.residentName },
  { header: '服务原因', width: 36, value: (c) => c.reason },
  { header: '开案日期', width: 12, value: (c) => c.openedOn },
  { header: '结案日期', width: 12, value: (c) => c.closedOn },
  { header: '结案情况', width: 36, value: (c) => c.outcome },
];

export async function caseloadWorkbook(db: Db, actor: Actor, workerId: string, state: CaseloadQuery['state']): Promise<{ name: string; bytes: Buffer }> {
  const { worker, cases } = await caseloadForLedger(db, actor, workerId, state, ledgerLimit);
  return { name: worker.name, bytes: await ledgerWorkbook('个案台账', columns, cases) };
}
