// The participation module (居民参与): needs and micro-wishes, proposals, points and the public
// board (part-a); votes, consultation meetings, budgets, conventions and councils (part-b).
// Each part adds its route tables and its demo by one line each.
import { defineModule } from '../../platform/module.ts';
import { boardRoutes } from './board/routes.ts';
import { loadParticipationDemo } from './demo.ts';
import { needRoutes } from './needs/routes.ts';
import { wishRoutes } from './wishes/routes.ts';
import { proposalRoutes } from './proposals/routes.ts';
import { pointsRoutes } from './points/routes.ts';
import { voteRoutes } from './votes/routes.ts';
import { meetingRoutes } from './meetings/routes.ts';
import { budgetRoutes } from './budgets/routes.ts';
import { conventionRoutes } from './conventions/routes.ts';
import { votingErrors } from './votes/errors.ts';

export const participationModule = defineModule({
  name: 'participation',
  permissions: [
    // Staff and leaders read; community and street staff keep the registers.
    'participation.read',
    'participation.manage',
    // Members of a review panel (experts, staff) score proposals.
    'participation.review',
    // Grid workers on their rounds: record needs, take attendance, collect paper ballots.
    'participation.record',
    // Residents: submit needs and proposals, support, vote, evaluate, thank.
    'participation.take_part',
  ],
  errors: {
    ...votingErrors,
    PARTICIPATION_NOT_VERIFIED: { status: 403, zh: '您的账号尚未关联到社区居民，不能参与', en: 'Your account is not linked to a resident of the community yet' },
    PARTICIPATION_TRANSITION_REFUSED: {
      status: 409,
      zh: '当前状态[「{from}」]不能执行该操作[：{action}]',
      en: 'This action is not allowed in the current status[ "{from}"][: {action}]',
    },
    PARTICIPATION_ALREADY_SUPPORTED: { status: 409, zh: '您已支持过该提案', en: 'You have already supported this proposal' },
    PARTICIPATION_REASON_REQUIRED: { status: 400, zh: '未完全采纳的提案必须写明理由', en: 'A reason is required unless the proposal is accepted' },
    PARTICIPATION_ALREADY_MERGED: { status: 409, zh: '该记录已合并到其他记录', en: 'This record has already been merged into another' },
    PARTICIPATION_NOT_A_PANEL_MEMBER: { status: 403, zh: '您不是该提案评审小组成员', en: 'You are not on this proposal\'s review panel' },
    PARTICIPATION_ALREADY_EVALUATED: { status: 409, zh: '您已评价过该提案', en: 'You have already evaluated this proposal' },
    PARTICIPATION_COMMUNITY_UNKNOWN: { status: 404, zh: '社区代码 {code} 不存在', en: 'No community has code {code}' },
  },
  // part-a's tables, then part-b's (one line each).
  routes: [boardRoutes, needRoutes, wishRoutes, proposalRoutes, pointsRoutes, voteRoutes, meetingRoutes, budgetRoutes, conventionRoutes],
  demo: loadParticipationDemo,
});
