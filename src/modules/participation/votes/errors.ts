// The error codes of votes, meetings, budgets and conventions (merged into module.ts by one line).
import type { ErrorEntry } from '../../../platform/errors.ts';

export const votingErrors = {
  PARTICIPATION_VOTE_NOT_OPEN: { status: 409, zh: '表决尚未开始[（{status}）]', en: 'The vote is not open[ ({status})]' },
  PARTICIPATION_VOTE_CLOSED: { status: 409, zh: '表决已结束，选票不能再投或更改', en: 'The vote has closed: no ballot can be cast or changed' },
  PARTICIPATION_ALREADY_VOTED: { status: 409, zh: '[{unit} ]已投过票，每个计票单位只有一票', en: 'This unit[ {unit}] has already voted: one ballot per unit' },
  PARTICIPATION_NOT_IN_ELECTORATE: { status: 403, zh: '您不在本次表决的投票名单中[（{reason}）]', en: 'You are not in the electorate of this vote[ ({reason})]' },
  PARTICIPATION_SAME_PERSON: { status: 409, zh: '纸质选票须由录入人以外的另一人确认', en: 'A paper ballot must be confirmed by someone other than who entered it' },
  PARTICIPATION_PROXY_WITHOUT_CONSENT: {
    status: 403,
    zh: '[{proxy} ]没有[{principal} ]有效的授权委托，不能代为参与',
    en: 'No valid consent lets[ {proxy}] act for[ {principal}]',
  },
  PARTICIPATION_OVER_BUDGET: { status: 409, zh: '所选项目合计[ {total} 元]超过预算[ {amount} 元]', en: 'The chosen projects[ ({total} yuan)] exceed the budget[ ({amount} yuan)]' },
  PARTICIPATION_ALREADY_CHOSEN: { status: 409, zh: '本户已提交过选择', en: 'This household has already made its choice' },
  PARTICIPATION_STATUS_REFUSED: { status: 409, zh: '当前状态[「{status}」]不能执行该操作', en: 'Not allowed in the current status[ "{status}"]' },
} as const satisfies Record<string, ErrorEntry>;
