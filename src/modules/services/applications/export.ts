// The applications ledger as .xlsx (办件台账): the list's filters, identifiers masked.
import ExcelJS from 'exceljs';
import { desc } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll } from '../../../platform/list-page.ts';
import { channelLabels, statusLabels } from '../labels.ts';
import { serviceApplications } from '../schema.ts';
import type { ServiceDeps } from './common.ts';
import { listCondition, presentListItems, type ApplicationFilter } from './present.ts';
import { beijingMinute } from '../../../platform/beijing-time.ts';

const maxRows = 20_000;
const deadlineLabels = { none: '', on_time: '正常', warning: '预警', overdue: '超期' } as const;

/** The filtered applications as a workbook (applicant ID and phone masked). */
export async function exportApplications(deps: ServiceDeps, actor: Actor, f: Omit<ApplicationFilter, 'page' | 'pageSize'>): Promise<Buffer> {
  requirePermission(actor, 'services.export');
  const where = listCondition(actor, { ...f, mine: false });
  const [counted] = await deps.db.select(countAll).from(serviceApplications).where(where);
  if ((counted?.total ?? 0) > maxRows) throw new AppError('APPLICATION_EXPORT_TOO_LARGE', { total: counted?.total, max: maxRows });
  const rows = await deps.db.select().from(serviceApplications).where(where).orderBy(desc(serviceApplications.submittedAt));
  const items = await presentListItems(deps, rows);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('办件台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = ['办件编号', '事项', '“一件事”编号', '状态', '渠道', '受理单位', '所在社区', '申请人', '身份证号', '手机号', '申请时间', '承诺办结时间', '时限状态'];
  sheet.columns = headers.map((h) => ({ width: Math.max(12, h.length * 2 + 4) }));
  sheet.addRow(headers).font = { bold: true };
  for (const i of items) {
    sheet.addRow([i.number, i.itemName, i.bundleNumber ?? '', statusLabels[i.status], channelLabels[i.channel], i.unitName, i.communityName, i.applicant.name, i.applicant.idNumber, i.applicant.phone, beijingMinute(i.submittedAt), beijingMinute(i.dueAt), deadlineLabels[i.deadline]]);
  }
  await recordAudit(deps.db, actor, { action: 'services.application.export', targetType: 'service_application', targetId: 'export', orgPath: '', details: { rows: items.length, filters: f } });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
