// A node's gap report as .xlsx: coverage per kind on the first sheet, every building out of
// reach of a required kind on the second.
import ExcelJS from 'exceljs';
import type { Db } from '../../../platform/db.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { coverageGaps, coverageReport } from './coverage.ts';

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const groupLabels = { all: '全体居民', elderly: '60岁以上老人', children: '0–14岁儿童' } as const;

export async function gapReportXlsx(db: Db, actor: Actor, org: string): Promise<{ fileName: string; bytes: Buffer }> {
  const report = await coverageReport(db, actor, org);
  const gaps = await coverageGaps(db, actor, { org, page: 1, pageSize: 100_000 });
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet('覆盖率');
  summary.addRow([`${report.orgName} 生活圈服务设施覆盖情况`]).font = { bold: true, size: 14 };
  summary.addRow([
    `楼栋 ${report.buildings}，居民 ${report.residents}（老人 ${report.elderly}，儿童 ${report.children}）；` +
      `距离：${report.method === 'road' ? '沿路网步行距离' : `直线距离 × 绕行系数 ${report.detourFactor}`}；` +
      `计算于 ${report.computedAt ? report.computedAt.toISOString().slice(0, 16).replace('T', ' ') : '—'}`,
  ]);
  summary.addRow([]);
  summary.addRow(['设施类型', '圈层', '步行距离(米)', '服务人群', '覆盖楼栋', '楼栋数', '居民覆盖率', '服务人群覆盖率']).font = { bold: true };
  for (const k of report.kinds) {
    summary.addRow([k.name, k.level, k.walkMeters, groupLabels[k.group], k.buildingsCovered, k.buildings, percent(k.residentShare), percent(k.groupShare)]);
  }
  summary.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 14));
  const list = workbook.addWorksheet('缺口');
  list.addRow(['楼栋', '地址', '网格', '缺少的设施', '应在(米)内', '最近距离(米)', '最近设施', '居民', '服务人群']).font = { bold: true };
  for (const g of gaps.items) {
    list.addRow([g.buildingName, g.address, g.gridCode, g.kindName, g.walkMeters, g.distance ?? '无', g.nearestFacilityName ?? '无', g.residents, g.groupPeople]);
  }
  list.columns.forEach((c, i) => (c.width = i === 1 || i === 6 ? 30 : 14));
  await recordAudit(db, actor, { action: 'facilities.gap-report', targetType: 'org_unit', targetId: report.orgCode, details: { gaps: gaps.total } });
  return { fileName: `生活圈缺口-${report.orgName}.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
