// The ratings ledger as .xlsx (好差评台账): the list's filters, newest first, with each bad
// rating's rectification status and deadline. Ratings carry no applicant's identifiers.
import ExcelJS from 'exceljs';
import { desc, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll } from '../../../platform/list-page.ts';
import type { RatingFilterQuery, RectificationStatus } from '../contract/ratings.ts';
import { ratingRectifications, serviceRatings } from '../schema/ratings.ts';
import { presentRatings, ratingCondition } from './ratings.ts';
import { beijingMinute } from '../../../platform/beijing-time.ts';

const maxRows = 20_000;
const levelLabels: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
const channelLabels = { online: '网上', counter: '窗口' } as const;
const statusLabels: Record<RectificationStatus, string> = { awaiting_callback: '待回访', rectifying: '整改中', rectified: '已整改', appealed: '申诉中', voided: '申诉成立（评价作废）' };

/** The filtered ratings as a workbook. */
export async function exportRatings(db: Db, actor: Actor, q: RatingFilterQuery): Promise<Buffer> {
  requirePermission(actor, 'services.export');
  const where = await ratingCondition(db, actor, q);
  const [counted] = await db.select(countAll).from(serviceRatings).where(where);
  if ((counted?.total ?? 0) > maxRows) throw new AppError('VALIDATION_FAILED', { summary: `导出 ${counted?.total} 条，超过上限 ${maxRows}，请缩小筛选范围 / too many rows; narrow the filters` });
  const rows = await db.select().from(serviceRatings).where(where).orderBy(desc(serviceRatings.createdAt));
  const ratings = await presentRatings(db, rows);
  const records = rows.length
    ? await db.select().from(ratingRectifications).where(inArray(ratingRectifications.ratingId, rows.map((r) => r.id)))
    : [];
  const recordOf = new Map(records.map((r) => [r.ratingId, r]));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('好差评台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = ['评价时间', '办件（事件）编号', '事项', '服务中心', '渠道', '评价等级', '意见', '是否作废', '整改状态', '整改期限', '回访说明', '整改说明'];
  sheet.columns = headers.map((h) => ({ width: Math.max(12, h.length * 2 + 4) }));
  sheet.addRow(headers).font = { bold: true };
  for (const r of ratings) {
    const record = recordOf.get(r.id);
    sheet.addRow([
      beijingMinute(r.createdAt), r.subjectNumber, r.itemName ?? '', r.centreName, channelLabels[r.channel], levelLabels[r.level] ?? String(r.level), r.comment, r.voided ? '是' : '否',
      record ? statusLabels[record.status] : '', beijingMinute(record?.deadline ?? null), record?.callbackNote ?? '', record?.rectificationNote ?? '',
    ]);
  }
  await recordAudit(db, actor, { action: 'services.rating.export', targetType: 'service_rating', targetId: 'export', orgPath: '', details: { rows: ratings.length, filters: q } });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
