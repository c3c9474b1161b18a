// A vote's counts (with the quorum's verdict) and its electorate with turnout, as .xlsx.
import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { VoteView } from './contract.ts';
import { participationBallots, participationVoteTurnout, participationVoteUnits } from './schema.ts';
import { squareMetres } from './tally.ts';

const choiceNames = { for: '同意', against: '反对', abstain: '弃权' } as const;
const channelNames = { online: '线上', paper: '纸质' } as const;

/** Call after the vote was loaded in the actor's scope. */
export async function voteCountsWorkbook(db: Db, vote: VoteView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const counts = workbook.addWorksheet('计票结果');
  counts.columns = [{ header: '项目', key: 'item', width: 24 }, { header: '户/人数', key: 'count', width: 12 }, { header: '专有面积（㎡）', key: 'area', width: 16 }];
  counts.addRow({ item: '应投票单位', count: vote.electorate.count, area: squareMetres(vote.electorate.area) });
  counts.addRow({ item: '已投票单位', count: vote.turnout.count, area: squareMetres(vote.turnout.area) });
  if (vote.result) {
    for (const choice of ['for', 'against', 'abstain'] as const) counts.addRow({ item: choiceNames[choice], count: vote.result.choices[choice].count, area: squareMetres(vote.result.choices[choice].area) });
    counts.addRow({ item: '达到法定人数', count: vote.result.quorumMet ? '是' : '否' });
    counts.addRow({ item: '表决通过', count: vote.result.passed ? '是' : '否' });
  }
  counts.getRow(1).font = { bold: true };
  const units = workbook.addWorksheet('投票名单');
  units.columns = [{ header: '计票单位', key: 'label', width: 30 }, { header: '代表', key: 'rep', width: 12 }, { header: '面积（㎡）', key: 'area', width: 12 }, { header: '投票方式', key: 'channel', width: 10 }, { header: '选择', key: 'choice', width: 8 }];
  const rows = await db
    .select({ label: participationVoteUnits.label, rep: participationVoteUnits.representativeName, area: participationVoteUnits.area, channel: participationVoteTurnout.channel, choice: participationBallots.choice })
    .from(participationVoteUnits)
    .leftJoin(participationVoteTurnout, eq(participationVoteTurnout.unitId, participationVoteUnits.id))
    .leftJoin(participationBallots, eq(participationBallots.unitId, participationVoteUnits.id))
    .where(eq(participationVoteUnits.voteId, vote.id))
    .orderBy(asc(participationVoteUnits.label))
    .limit(100_000);
  for (const r of rows) units.addRow({ label: r.label, rep: r.rep ?? '', area: squareMetres(r.area), channel: r.channel ? channelNames[r.channel] : '未投', choice: vote.secret || !r.choice ? '' : choiceNames[r.choice] });
  units.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
