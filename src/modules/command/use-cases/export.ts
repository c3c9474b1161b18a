// Every table of the command centre as .xlsx: rankings, top categories, growing places, warnings.
import ExcelJS from 'exceljs';
import type { Db } from '../../../platform/db.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { resolveArea } from '../area.ts';
import { commandCategories, commandRankings } from './figures.ts';
import { listWarnings } from './warnings.ts';
import type { AreaPeriodQuery, ExportTable, RankingGroup, WarningState } from '../contract.ts';

const pct = (v: number | null) => (v === null ? '' : `${Math.round(v * 1000) / 10}%`);
const movementLabels = { up: '↑', down: '↓', same: '→', new: '新' } as const;
const warningStateLabels = { open: '待处理', acknowledged: '已签收', closed: '已关闭' } as const;
const warningKindLabels = { category_surge: '类别激增', repeated_place: '同地重复上报', overdue_jump: '超期占比跃升' } as const;
const EXPORT_ROWS = 5_000;

export async function exportCommandTable(
  db: Db, actor: Actor, table: ExportTable, q: AreaPeriodQuery & { groupBy: RankingGroup; state?: WarningState | undefined },
): Promise<{ fileName: string; bytes: Buffer }> {
  const area = await resolveArea(db, actor, q.under);
  const workbook = new ExcelJS.Workbook();
  let title: string;
  if (table === 'rankings') {
    title = q.groupBy === 'departments' ? '部门排名' : '辖区排名';
    const view = await commandRankings(db, actor, q);
    const sheet = workbook.addWorksheet(title);
    sheet.addRow(['名次', '单位', '上报', '结案', '按期结案率', '响应率', '满意率', '得分', '上期名次', '变化']);
    for (const r of view.rows) {
      sheet.addRow([r.rank ?? '', r.name, r.reported, r.closed, pct(r.onTimeClosureRate), pct(r.responseRate), pct(r.satisfiedRate), r.score ?? '', r.previousRank ?? '', movementLabels[r.movement]]);
    }
  } else if (table === 'categories' || table === 'places') {
    const view = await commandCategories(db, actor, q);
    title = table === 'categories' ? '高发类别' : '增长地点';
    const sheet = workbook.addWorksheet(title);
    if (table === 'categories') {
      sheet.addRow(['类别', '本期', '上期']);
      for (const r of view.top) sheet.addRow([r.name, r.reported, r.previous]);
    } else {
      sheet.addRow(['地点', '类别', '本期', '上期', '增加']);
      for (const r of view.growing) sheet.addRow([r.placeName, r.name, r.reported, r.previous, r.growth]);
    }
  } else {
    title = '预警';
    const list = await listWarnings(db, actor, { page: 1, pageSize: EXPORT_ROWS, under: area.code, state: q.state });
    const sheet = workbook.addWorksheet(title);
    sheet.addRow(['发现时间', '规则', '地点', '内容', '状态', '关联案件数', '处理说明']);
    for (const w of list.items) {
      sheet.addRow([w.detectedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }), warningKindLabels[w.kind], w.placeName, w.title, warningStateLabels[w.state], w.caseIds.length, w.note ?? '']);
    }
  }
  const header = workbook.worksheets[0]?.getRow(1);
  if (header) header.font = { bold: true };
  await recordAudit(db, actor, { action: 'command.export', targetType: 'org_unit', targetId: area.code, orgPath: area.orgPath, details: { table } });
  return { fileName: `${area.name}-${title}.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
