// The case list as an Excel file, and the indicators per org unit and period.
import ExcelJS from 'exceljs';
import type { Actor } from '../../../platform/auth/scope.ts';
import { sendDownload, XLSX } from '../../../platform/download.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { caseIndicatorsView, caseListQuery, indicatorsQuery, type CaseSource, type CaseState, type MatterClass } from '../contract.ts';
import { caseIndicators } from '../indicators.ts';
import type { CaseDeps } from '../use-cases/common.ts';
import { casesForExport, type CaseListQuery } from '../use-cases/list-cases.ts';
import { depsOf, listFilters } from './cases.ts';
import { beijingMinute } from '../../../platform/beijing-time.ts';

const stateNames: Record<CaseState, string> = {
  reported: '已上报', accepted: '已受理', rejected: '不予受理', registered: '已立案', dispatched: '已派遣', handling: '处置中',
  handled: '待核查', closed: '已结案', rated: '已评价', suspended: '挂起', merged: '已合并',
};
const matterNames: Record<MatterClass, string> = { government: '政府大事', community: '社区小事', private: '居民私事' };
const sourceNames: Record<CaseSource, string> = { grid_patrol: '网格员巡查', resident: '居民上报', hotline: '热线', open311: 'Open311', department: '部门', staff: '工作人员' };
const EXPORT_MAX = 50_000;

const columns = [
  { header: '案件编号', key: 'number', width: 20 },
  { header: '标题', key: 'title', width: 30 },
  { header: '状态', key: 'state', width: 10 },
  { header: '大类', key: 'className', width: 12 },
  { header: '小类', key: 'categoryName', width: 14 },
  { header: '三事分流', key: 'matterClass', width: 10 },
  { header: '来源', key: 'source', width: 10 },
  { header: '街道', key: 'streetName', width: 14 },
  { header: '社区', key: 'communityName', width: 16 },
  { header: '地址', key: 'address', width: 30 },
  { header: '承办单位', key: 'handlingUnitName', width: 20 },
  { header: '截止时间', key: 'deadline', width: 18 },
  { header: '超期', key: 'overdue', width: 6 },
  { header: '督办', key: 'supervision', width: 8 },
  { header: '上报时间', key: 'createdAt', width: 18 },
  { header: '结案时间', key: 'closedAt', width: 18 },
];

/** Beijing time to the minute, as the sheet shows it. */

/** The cases an actor may see under the filters, as a workbook with Chinese headers and values. */
async function caseWorkbook(deps: CaseDeps, actor: Actor, filters: Omit<CaseListQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('案件');
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for await (const batch of casesForExport(deps, actor, filters, EXPORT_MAX)) {
    for (const c of batch) {
      sheet.addRow({
        ...c,
        state: stateNames[c.state] ?? c.state,
        matterClass: matterNames[c.matterClass],
        source: sourceNames[c.source],
        deadline: beijingMinute(c.sla.deadlineAt),
        overdue: c.sla.isOverdue ? '是' : '',
        supervision: c.supervisionLevel ?? '',
        createdAt: beijingMinute(c.createdAt),
        closedAt: beijingMinute(c.closedAt),
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The start of this month, Beijing time: the indicators' default period begins there. */
function monthStart(now: Date): Date {
  const bjNow = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(bjNow.getUTCFullYear(), bjNow.getUTCMonth(), 1) - 8 * 3_600_000);
}

/** The Excel export and the indicators. */
export const caseReportRoutes = routeTable('cases', [
  route({
    method: 'GET',
    url: '/api/cases/export.xlsx',
    summary: `The case list as an Excel file (at most ${EXPORT_MAX} rows)`,
    access: 'case.read',
    query: caseListQuery,
    handle: async ({ actor, query, ctx, reply }) => {
      const buffer = await caseWorkbook(depsOf(ctx), actor, listFilters(query));
      return sendDownload(reply, `cases-${new Date().toISOString().slice(0, 10)}.xlsx`, XLSX, buffer);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cases/indicators',
    summary: 'Indicators per org unit and period, from the daily rollup and the timeline (children of a node, or its departments)',
    access: 'case.indicators',
    query: indicatorsQuery,
    response: caseIndicatorsView,
    handle: ({ actor, query: { under, groupBy, from, to }, db }) => {
      const now = new Date();
      return caseIndicators(db, actor, { under, groupBy, from: from ?? monthStart(now), to: to ?? now });
    },
  }),
]);
