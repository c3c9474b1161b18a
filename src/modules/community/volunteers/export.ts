// The service records (志愿服务记录) as an .xlsx ledger.
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import type { ServiceRecordQuery, ServiceRecordView } from '../contract.ts';
import { ledgerLimit, ledgerWorkbook, type LedgerColumn } from '../ledger-xlsx.ts';
import { hoursText } from './hours.ts';
import { recordsForLedger } from './records.ts';

const time = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

const columns: LedgerColumn<ServiceRecordView>[] = [
  { header: '志愿者', width: 12, value: (r) => r.volunteerName },
  { header: '服务内容', width: 30, value: (r) => r.what },
  { header: '地点', width: 24, value: (r) => r.place },
  { header: '开始', width: 20, value: (r) => time(r.startedAt) },
  { header: '结束', width: 20, value: (r) => time(r.endedAt) },
  { header: '时长（小时）', width: 12, value: (r) => Number(hoursText(r.minutes)) },
  { header: '确认人', width: 12, value: (r) => r.confirmedBy },
  { header: '更正', width: 40, value: (r) => r.amendments.map((a) => `${hoursText(a.minutes)} 小时：${a.reason}（${a.amendedBy}）`).join('；') },
];

export async function recordsWorkbook(db: Db, actor: Actor, q: Pick<ServiceRecordQuery, 'under' | 'volunteerId'>): Promise<Buffer> {
  return ledgerWorkbook('志愿服务记录', columns, await recordsForLedger(db, actor, q, ledgerLimit));
}
