// The assessment module (topics of the month, assessment schemes, surveys, reports) as the platform sees it.
import { defineModule } from '../../platform/module.ts';
import { assessmentRoutes } from './routes/index.ts';
import { loadAssessmentDemo } from './demo.ts';

export const assessmentModule = defineModule({
  name: 'assessment',
  // read: topics, schemes, results, surveys and reports; manage: open topics, define schemes and surveys, compute and publish;
  // score: the third-party evaluator's uploads; survey: a worker records a household's answer on /m.
  permissions: ['assessment.read', 'assessment.manage', 'assessment.score', 'assessment.survey'],
  errors: {
    ASSESSMENT_TOPIC_EXISTS: { status: 409, zh: '该类别在该社区已有进行中的课题', en: 'An open topic already exists for this category and community' },
    ASSESSMENT_ALREADY_ANSWERED: { status: 409, zh: '该户已经答过这份问卷', en: 'This household has already answered the survey' },
    ASSESSMENT_SURVEY_CLOSED: { status: 409, zh: '问卷已结束', en: 'The survey is closed' },
    ASSESSMENT_PUBLISHED: { status: 409, zh: '考核结果已公布，不能再修改', en: 'The results are published and can no longer change' },
    ASSESSMENT_NOT_COMPUTED: { status: 409, zh: '请先计算考核结果', en: 'Compute the results first' },
  },
  routes: [assessmentRoutes],
  demo: loadAssessmentDemo,
});
