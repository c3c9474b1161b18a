// The projects ledger (项目台账) as .xlsx: every application in the staff member's part of the tree.
import ExcelJS from 'exceljs';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { inScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { projectApplications, projectCalls, projectTranches } from '../schema/projects.ts';

const statusNames = { submitted: '已申报', awarded: '执行中', not_awarded: '未立项', completed: '已结项' } as const;
const kindNames = { purchase: '政府购买服务', venture: '公益创投' } as const;

/** Yuan as a number for a spreadsheet cell (the cell is formatted to two decimals; fen stay exact in the database). */
const cellYuan = (fenAmount: number | null) => (fenAmount === null ? null : fenAmount / 100);

export async function projectsWorkbook(db: Db, actor: Actor, callId: string | undefined): Promise<Buffer> {
  const where = and(inScope(actor, 'community.projects', projectApplications.orgPath), callId ? eq(projectApplications.callId, callId) : undefined);
  const rows = await db
    .select({ app: projectApplications, call: projectCalls })
    .from(projectApplications)
    .innerJoin(projectCalls, eq(projectCalls.id, projectApplications.callId))
    .where(where)
    .orderBy(desc(projectApplications.submittedAt))
    .limit(50_000);
  const paid = rows.length
    ? await db.select().from(projectTranches).where(inArray(projectTranches.applicationId, rows.map((r) => r.app.id)))
    : [];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('项目台账');
  sheet.columns = [
    { header: '项目', key: 'call', width: 30 },
    { header: '类型', key: 'kind', width: 14 },
    { header: '单位', key: 'org', width: 16 },
    { header: '申报组织', key: 'organisation', width: 24 },
    { header: '申报名称', key: 'title', width: 30 },
    { header: '申请金额（元）', key: 'requested', width: 14, style: { numFmt: '0.00' } },
    { header: '合同金额（元）', key: 'awarded', width: 14, style: { numFmt: '0.00' } },
    { header: '已拨付（元）', key: 'paid', width: 14, style: { numFmt: '0.00' } },
    { header: '合同编号', key: 'contract', width: 18 },
    { header: '状态', key: 'status', width: 10 },
    { header: '申报时间', key: 'submitted', width: 20 },
  ];
  for (const { app, call } of rows) {
    const paidFen = paid.filter((t) => t.applicationId === app.id && t.paidAt).reduce((s, t) => s + t.amountFen, 0);
    sheet.addRow({
      call: call.title, kind: kindNames[call.kind], org: call.orgName, organisation: app.organisationName, title: app.title,
      requested: cellYuan(app.requestedFen), awarded: cellYuan(app.awardedFen), paid: cellYuan(paidFen), contract: app.contractNumber ?? '',
      status: statusNames[app.status], submitted: app.submittedAt.toISOString().slice(0, 16).replace('T', ' '),
    });
  }
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
