// The needs ledger as .xlsx: what the list shows, every row of the filter (up to a limit).
import ExcelJS from 'exceljs';
import { desc } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import type { NeedListQuery } from '../contract.ts';
import { participationNeeds } from '../schema.ts';
import { needConditions, presentNeeds } from './needs.ts';

const exportLimit = 20_000;
const classNames = { travel: '出行', parking: '停车', elderly_care: '养老', disturbance: '扰民', environment: '环境', management: '管理' } as const;
const matterNames = { government: '政府大事', community: '社区小事', private: '居民私事' } as const;
const statusNames = { open: '待分拣', sorted: '已分拣', merged: '已合并', proposed: '已转提案', wished: '已转微心愿', closed: '已办结' } as const;
const channelNames = { portal: '居民自报', mobile: '走访采集', console: '工作人员录入' } as const;

export async function needsWorkbook(db: Db, actor: Actor, query: Omit<NeedListQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const rows = await db.select().from(participationNeeds).where(await needConditions(db, actor, query)).orderBy(desc(participationNeeds.createdAt)).limit(exportLimit);
  const needs = await presentNeeds(db, rows);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('需求台账');
  sheet.columns = [
    { header: '登记时间', width: 18 }, { header: '社区', width: 16 }, { header: '类别', width: 8 }, { header: '三事分流', width: 10 }, { header: '标题', width: 30 },
    { header: '内容', width: 40 }, { header: '来源', width: 12 }, { header: '居民', width: 10 }, { header: '登记人', width: 10 }, { header: '状态', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const n of needs) {
    sheet.addRow([n.createdAt.slice(0, 16).replace('T', ' '), n.communityName, classNames[n.needClass], n.matterKind ? matterNames[n.matterKind] : '', n.title, n.description, channelNames[n.channel], n.residentName ?? '', n.recordedByName, statusNames[n.status]]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
