// A meeting's sign-in sheet (签到表) as .xlsx, with each proxy and the consent they acted under.
import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { participationMeetingParticipants, participationProxyConsents } from './schema.ts';
import { beijingMinute } from '../../../platform/beijing-time.ts';

/** Call after the meeting was loaded in the actor's scope. */
export async function signInSheetWorkbook(db: Db, meetingId: string, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('签到表');
  sheet.addRow([title]).font = { bold: true };
  sheet.addRow(['参会人', '类别', '住址/单位', '签到时间', '代理人', '授权方式', '授权日期']).font = { bold: true };
  const rows = await db
    .select({ p: participationMeetingParticipants, c: participationProxyConsents })
    .from(participationMeetingParticipants)
    .leftJoin(participationProxyConsents, eq(participationProxyConsents.id, participationMeetingParticipants.proxyConsentId))
    .where(eq(participationMeetingParticipants.meetingId, meetingId))
    .orderBy(asc(participationMeetingParticipants.label), asc(participationMeetingParticipants.name))
    .limit(100_000);
  const kinds = { resident: '居民', org_unit: '单位', expert: '专家', worker: '工作人员' } as const;
  const hows = { written: '书面', in_person: '当面', video: '视频', phone: '电话' } as const;
  for (const { p, c } of rows) {
    const at = p.signedInAt ? beijingMinute(p.signedInAt) : '未签到';
    sheet.addRow([p.name, kinds[p.kind], p.label, at, c ? `${c.proxyName}（${c.proxyRelation}）` : '', c ? hows[c.givenHow] : '', c?.givenOn ?? '']);
  }
  sheet.columns.forEach((col, i) => (col.width = [12, 8, 30, 18, 18, 10, 12][i] ?? 12));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
