// The demo's assessment: a third-party evaluator account; a topic of the month opened from the
// year's most recurring problem; a satisfaction survey of the focus street sampled from the
// registry with most households answered; a half-year scheme of the street's communities from
// case data, the survey and the evaluator's scores, computed and published.
import { fromEarlierLoader, type DemoAccount, type DemoContext } from '../../platform/module.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { provisionUser } from '../accounts/index.ts';
import { findOrgUnit } from '../org/index.ts';
import { createSchemeBody, createSurveyBody, createTopicBody } from './contract.ts';
import { seededRandom } from './sampling.ts';
import { openTopic, recurringProblems } from './use-cases/topics.ts';
import { answerManyByCode, createSurvey, listInvitations, sampleSurvey } from './use-cases/surveys.ts';
import { computeScheme, createScheme, publishScheme, uploadEvaluatorScores } from './use-cases/schemes.ts';
import { chinaToday } from './use-cases/common.ts';

/** The questionnaire the demo asks (居民满意度测评). */
export const demoQuestions = [
  { key: 'lived', text: '您在本社区居住满一年了吗？', kind: 'single', required: true, options: ['是', '否'] },
  { key: 'satisfaction', text: '您对社区居委会工作的总体满意程度（1 很不满意 — 5 很满意）', kind: 'scale', required: true, scaleMax: 5, showIf: { questionKey: 'lived', equals: '是' } },
  { key: 'needs', text: '您最希望社区加强哪些服务？（可多选）', kind: 'multiple', options: ['养老助餐', '儿童托管', '停车管理', '环境卫生', '文体活动'] },
  { key: 'advice', text: '您对社区工作还有什么建议？', kind: 'text' },
] as const;

const advice = ['希望多组织老年人活动', '楼道堆物清理要常态化', '停车位太少', '垃圾分类指导员很负责', '希望增加健身器材'];

export async function loadAssessmentDemo(demo: DemoContext): Promise<void> {
  const { db, state } = demo;
  demo.progress('assessment: a topic of the month, a survey with answers, a scheme with results');
  // Each part's time is logged: the demo must stay fast on a loaded machine.
  const started = performance.now();
  let lap = started;
  const took: string[] = [];
  const timed = (part: string) => {
    const now = performance.now();
    took.push(`${part} ${((now - lap) / 1000).toFixed(1)} s`);
    lap = now;
  };
  const district = fromEarlierLoader(state, 'district');
  const street = fromEarlierLoader(state, 'street');
  const department = fromEarlierLoader(state, 'department');
  const districtNode = await findOrgUnit(db, district.code);
  if (!districtNode) return;
  const staff: Actor = { kind: 'system', id: null, name: 'demo', displayName: '演示数据', grants: [{ role: 'district_staff', orgPath: districtNode.orgPath }], mustChangePassword: false };

  const account: DemoAccount = { username: 'evaluator', displayName: '第三方评估机构', role: 'evaluator', orgCode: district.code, orgName: district.name };
  const { user } = await provisionUser(db, { ...account, password: demo.password });
  state.accounts = [...(state.accounts ?? []), account];
  state.userIds = { ...(state.userIds ?? {}), evaluator: user.id };
  const evaluator: Actor = { kind: 'user', id: user.id, name: 'evaluator', displayName: account.displayName, grants: [{ role: 'evaluator', orgPath: districtNode.orgPath }], mustChangePassword: false };

  // A topic of the month on the year's most recurring problem.
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const recurring = await recurringProblems(db, staff, { year, under: district.code, limit: 5 });
  const top = recurring.items[0];
  if (top) {
    const communityNode = await findOrgUnit(db, top.communityCode);
    const lead = communityNode?.orgPath.split('.').at(-2) ?? street.code;
    await openTopic(db, staff, createTopicBody.parse({
      title: `${top.communityName}${top.categoryName}专项治理`, categoryCode: top.categoryCode, communityCode: top.communityCode, leadUnitCode: lead, coUnitCodes: [department.code],
      target: '三个月内该类事件月均件数下降一半', targetMonthly: Math.max(1, Math.round(top.count / Math.max(1, top.months) / 2)),
      tasks: [
        { title: '摸排问题点位，建立台账', deadline: today, ownerUnitCode: top.communityCode },
        { title: '协调职能部门集中整治', deadline: addDays(today, 30), ownerUnitCode: department.code },
        { title: '建立长效巡查机制', deadline: addDays(today, 60) },
      ],
    }));
  }

  timed('topic');

  // A satisfaction survey of the focus street, most sampled households answering.
  const survey = await createSurvey(db, staff, createSurveyBody.parse({ title: `${street.name}居民满意度测评`, intro: '本次测评用于社区年度考核，约需 2 分钟。', underCode: street.code, anonymous: true, questions: demoQuestions }));
  const sample = await sampleSurvey(db, staff, survey.id, { perCommunity: 12, seed: 2026 });
  const invitations = (await listInvitations(db, staff, survey.id, { page: 1, pageSize: 500 })).items;
  const random = seededRandom(7);
  const answers: { code: string; answers: Record<string, string | number | string[]> }[] = [];
  for (const [i, inv] of invitations.entries()) {
    // A few households per community stay unanswered (the response rate is not 100 %); the first one is kept for visitors.
    if (i === 0 || random() < 0.3) continue;
    const lived = random() < 0.9 ? '是' : '否';
    const bias = (inv.community.code.charCodeAt(inv.community.code.length - 1) % 3) * 0.15;
    const given: Record<string, string | number | string[]> = { lived, needs: ['养老助餐', '停车管理', '环境卫生'].filter(() => random() < 0.5) };
    if (lived === '是') given.satisfaction = Math.min(5, Math.max(1, Math.round(3 + bias * 4 + random() * 2 - 0.5)));
    if (random() < 0.3) given.advice = advice[Math.floor(random() * advice.length)] as string;
    answers.push({ code: inv.code, answers: given });
  }
  // Set-based: one by one, a few hundred answers took ten seconds on a loaded machine.
  const answered = await answerManyByCode(db, survey.id, answers);
  timed(`survey (${answered} answers)`);

  // A half-year scheme of the street's communities, computed and published.
  const start = `${year}-${Number(today.slice(5, 7)) >= 7 ? '07' : '01'}-01`;
  const scheme = await createScheme(db, staff, createSchemeBody.parse({
    name: `${year}年${start.slice(5, 7) === '01' ? '上' : '下'}半年${street.name}社区考核`, period: 'half_year', periodStart: start, kind: 'community', underCode: street.code,
    indicators: [
      { name: '响应率', source: 'data', dataKey: 'case.responseRate', weight: 25 },
      { name: '按期结案率', source: 'data', dataKey: 'case.onTimeClosureRate', weight: 25 },
      { name: '超期件数', source: 'data', dataKey: 'case.overdueCount', weight: 10, direction: 'lower_better' },
      { name: '居民满意度测评', source: 'survey', surveyId: survey.id, questionKey: 'satisfaction', weight: 20 },
      { name: '第三方评估', source: 'evaluator', weight: 20 },
    ],
  }));
  const evaluatorIndicator = scheme.indicators.find((i) => i.source === 'evaluator');
  if (evaluatorIndicator && scheme.units.length) {
    await uploadEvaluatorScores(db, evaluator, scheme.id, {
      indicatorId: evaluatorIndicator.id,
      scores: scheme.units.map((u) => ({ orgUnitCode: u.code, score: 70 + Math.round(random() * 25), evidence: '现场查阅台账、入户回访 10 户' })),
    });
  }
  await computeScheme(db, staff, scheme.id);
  await publishScheme(db, staff, scheme.id);
  timed('scheme');
  demo.progress(`assessment: done in ${((performance.now() - started) / 1000).toFixed(1)} s (${took.join(', ')})`);
  demo.counts['assessment topics'] = top ? 1 : 0;
  demo.counts['survey invitations'] = sample.invited;
  demo.counts['survey answers'] = answered;
  demo.counts['assessed units'] = scheme.units.length;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
