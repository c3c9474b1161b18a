// The community forces module (三社联动): social organisations, social workers, volunteers with
// hours, stars, the time bank and certificates; projects and community foundations.
import { defineModule } from '../../platform/module.ts';
import { organisationRoutes } from './organisations/routes.ts';
import { workerRoutes } from './workers/routes.ts';
import { volunteerRoutes } from './volunteers/routes.ts';
import { pointsRoutes } from './points/routes.ts';
import { fundRoutes } from './foundations/routes.ts';
import { projectOrganisationRoutes, projectReviewRoutes, projectStaffRoutes } from './projects/routes.ts';
import { projectDeliverableRoutes } from './projects/deliverable-routes.ts';
import { loadCommunityDemo } from './demo.ts';

export const communityModule = defineModule({
  name: 'community',
  permissions: [
    // Staff of the street and community: read and keep the registers.
    'community.read',
    'community.write',
    // An organisation's own staff: act for the organisations they are staff of, nothing else.
    'community.organisation',
    // A resident volunteer: sign up, check in and out, own hours, points and certificate.
    'community.volunteer',
    // Projects (purchased services, venture philanthropy) and their expert reviewers.
    'community.projects',
    'community.review',
    // Community foundations and funds.
    'community.foundation',
  ],
  errors: {
    COMMUNITY_CREDIT_CODE_INVALID: {
      status: 400,
      zh: '统一社会信用代码校验不通过[：应为 {expected}]',
      en: 'The unified social credit code fails its check[: expected {expected}]',
    },
    COMMUNITY_NOT_ORGANISATION_STAFF: { status: 403, zh: '您不是该组织的工作人员', en: 'You are not staff of this organisation' },
    COMMUNITY_NOT_A_VOLUNTEER: { status: 409, zh: '请先登记为志愿者', en: 'Register as a volunteer first' },
    COMMUNITY_ACTIVITY_FULL: { status: 409, zh: '活动名额已满', en: 'The activity is full' },
    COMMUNITY_ACTIVITY_CLOSED: { status: 409, zh: '活动已不接受报名或签到', en: 'The activity no longer takes sign-ups or check-ins' },
    COMMUNITY_ALREADY_SIGNED_UP: { status: 409, zh: '您已报名该活动', en: 'You have already signed up' },
    COMMUNITY_NOT_SIGNED_UP: { status: 409, zh: '尚未报名该活动', en: 'Not signed up for this activity' },
    COMMUNITY_CHECK_IN_CODE_INVALID: { status: 400, zh: '签到码无效或已过期', en: 'The check-in code is invalid or has expired' },
    COMMUNITY_NOT_CHECKED_IN: { status: 409, zh: '尚未签到，不能签退', en: 'Not checked in yet' },
    COMMUNITY_ALREADY_CHECKED_OUT: { status: 409, zh: '已签退', en: 'Already checked out' },
    COMMUNITY_INSUFFICIENT_POINTS: {
      status: 409,
      zh: '积分不足[：余额 {balance}，需要 {needed}]',
      en: 'Not enough points[: balance {balance}, needed {needed}]',
    },
    COMMUNITY_TRANSFER_NOT_ALLOWED: { status: 409, zh: '积分只能转赠给同户家庭成员', en: 'Points may be transferred only to members of the same household' },
    COMMUNITY_NO_HOURS: { status: 409, zh: '尚无志愿服务时长，不能开具证明', en: 'No service hours yet: there is nothing to certify' },
    COMMUNITY_ALREADY_REVERSED: { status: 409, zh: '该记录已冲正', en: 'This entry has already been reversed' },
    COMMUNITY_MILESTONE_NOT_ACCEPTED: { status: 409, zh: '里程碑[ {seq} ]尚未验收，不能拨付该期资金', en: 'The milestone[ {seq}] is not accepted yet; its tranche cannot be paid' },
    COMMUNITY_FUND_INSUFFICIENT: { status: 409, zh: '基金可用余额不足[：可用 {available}，需要 {needed}]', en: 'The fund has not enough uncommitted money[: available {available}, needed {needed}]' },
  },
  // The forces' demo, then the projects' and funds' (demo.ts).
  demo: loadCommunityDemo,
  // One route table per part; each part adds its own line.
  routes: [organisationRoutes, workerRoutes, volunteerRoutes, pointsRoutes, projectStaffRoutes, projectOrganisationRoutes, projectReviewRoutes, projectDeliverableRoutes, fundRoutes],
});
