// The cases module (事件/工单) as the platform sees it.
import { defineModule, fromEarlierLoader } from '../../platform/module.ts';
import { caseRoutes } from './routes.ts';
import { open311Routes } from './open311.ts';
import { caseJobHandlers, caseRecurringJobs } from './clock.ts';
import { seedCasesDemo } from './demo/seed.ts';
import { rollupJobs, rollupRecurringJobs } from './rollup/roll.ts';
import { partitionJobs, partitionRecurringJobs } from './timeline-partitions.ts';

export const casesModule = defineModule({
  name: 'cases',
  permissions: [
    'case.report',
    'case.read',
    'case.handle',
    'case.dispatch',
    'case.supervise',
    'case.configure',
    'case.indicators',
    // What the workflow table asks for, with a relation to the case (see workflow.ts).
    'case.accept', // 受理: accept, reject or merge a reported case
    'case.acknowledge', // 签收 and work on a case as its handling org unit: acknowledge, return, feedback, ask for an extension
    'case.verify', // 核查 on site
    'case.rate', // the reporter's part: rate and reopen their own case
    'case.callback', // 回访: rate and reopen on a caller's behalf
    'case.instruct', // 批示, and decide extensions and suspensions of any case in scope
  ],
  errors: {
    CASE_ACTION_UNKNOWN: { status: 400, zh: '未知的办理操作 {action}', en: 'Unknown case action {action}' },
    CASE_ACTION_NOT_ALLOWED: { status: 409, zh: '案件当前状态（{state}）不能执行此操作', en: 'This action is not possible while the case is {state}' },
    CASE_ACTION_FORBIDDEN: { status: 403, zh: '您不能对该案件执行此操作', en: 'You may not take this action on this case' },
    CASE_INPUT_REQUIRED: { status: 400, zh: '缺少必填内容：{fields}', en: 'Missing required input: {fields}' },
    CASE_INPUT_INVALID: { status: 400, zh: '{field} 的值不正确：{reason}', en: 'Invalid {field}: {reason}' },
    CASE_ACTOR_UNIT_REQUIRED: { status: 403, zh: '您的账号没有所属单位，不能执行此操作', en: 'Your account acts for no unit, which this action needs' },
    CASE_REOPEN_LIMIT_REACHED: { status: 409, zh: '该案件已重启 {reopenCount} 次，达到上限', en: 'The case has been reopened {reopenCount} times, the limit' },
    CASE_REOPEN_NOT_UNSATISFIED: { status: 409, zh: '只有评价为不满意的案件才能重启', en: 'Only a case rated unsatisfied can be reopened' },
    CASE_EXTENSION_PENDING: { status: 409, zh: '已有延期申请等待审批', en: 'An extension request is already waiting for a decision' },
    CASE_EXTENSION_LIMIT_REACHED: { status: 409, zh: '延期次数已达上限（{maxExtensions} 次）', en: 'The case has had the most extensions allowed ({maxExtensions})' },
    CASE_EXTENSION_NOT_PENDING: { status: 409, zh: '没有待审批的延期申请', en: 'No extension request is waiting for a decision' },
    CASE_TIER_AT_TOP: { status: 409, zh: '区级大循环案件不能再上报升级', en: 'A district-level case cannot be escalated further' },
    CASE_LOCATION_UNKNOWN: {
      status: 400,
      zh: '无法确定案件所属网格：位置不在任何网格内，且未指定所属社区或街道',
      en: 'The case cannot be placed: the point is in no grid and no community or street was given',
    },
    CASE_CATEGORY_UNKNOWN: { status: 400, zh: '案件类别 {code} 不存在、已停用或不是小类', en: 'Category {code} does not exist, is inactive or is not a subclass' },
    CASE_UNIT_UNKNOWN: { status: 400, zh: '单位 {code} 不存在', en: 'No unit has code {code}' },
    CASE_MERGE_INVALID: { status: 409, zh: '不能合并到案件 {parent}：{reason}', en: 'Cannot merge into case {parent}: {reason}' },
    CASE_TRACKING_FAILED: { status: 404, zh: '案件编号与手机号不匹配', en: 'No case has this number and phone number' },
    CASE_TRACKING_LOCKED: { status: 429, zh: '查询失败次数过多，请 {minutes} 分钟后再试', en: 'Too many failed attempts; try again in {minutes} minutes' },
    CASE_EXPORT_TOO_LARGE: { status: 400, zh: '导出条数 {total} 超过上限 {max}，请缩小筛选范围', en: '{total} cases exceed the export limit of {max}; narrow the filters' },
    CALENDAR_INVALID: { status: 400, zh: '节假日安排有误：{summary}', en: 'The holiday arrangement is invalid: {summary}' },
    TIME_LIMIT_INVALID: { status: 400, zh: '时限设置有误：{summary}', en: 'The time limit is invalid: {summary}' },
  },
  routes: [caseRoutes, open311Routes],
  jobs: { ...caseJobHandlers(), ...rollupJobs, ...partitionJobs },
  recurringJobs: [...caseRecurringJobs, ...rollupRecurringJobs, ...partitionRecurringJobs],
  // A year of cases in the demo district; the resident and community accounts see their own.
  demo: async ({ db, pii, state, counts, progress }) => {
    const community = fromEarlierLoader(state, 'community');
    const made = await seedCasesDemo(db, {
      districtCode: fromEarlierLoader(state, 'district').code,
      pii,
      accounts: { residentUserId: state.userIds?.resident, communityCode: community.code },
      progress,
    });
    Object.assign(counts, made);
  },
});
