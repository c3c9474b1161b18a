import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const assessmentRoutes: FeatureRoutes = {
  console: [
    { path: 'topics', permission: 'assessment.read', page: lazyNamed(() => import('./pages/topics-page.tsx'), 'TopicsPage') },
    { path: 'topics/:id', permission: 'assessment.read', page: lazyNamed(() => import('./pages/topic-page.tsx'), 'TopicPage') },
    { path: 'assessment', permission: 'assessment.read', page: lazyNamed(() => import('./pages/schemes-page.tsx'), 'SchemesPage') },
    { path: 'assessment/:id', permission: 'assessment.read', page: lazyNamed(() => import('./pages/scheme-page.tsx'), 'SchemePage') },
    { path: 'surveys', permission: 'assessment.read', page: lazyNamed(() => import('./pages/surveys-page.tsx'), 'SurveysPage') },
    { path: 'surveys/:id', permission: 'assessment.read', page: lazyNamed(() => import('./pages/survey-page.tsx'), 'SurveyPage') },
    { path: 'ratings', permission: 'assessment.survey', page: lazyNamed(() => import('./pages/ratings-page.tsx'), 'RatingsPage') },
    { path: 'assessment-report', permission: 'assessment.read', page: lazyNamed(() => import('./pages/report-page.tsx'), 'ReportPage') },
  ],
  mobile: [{ path: 'survey', permission: 'assessment.survey', page: lazyNamed(() => import('./pages/mobile-survey-page.tsx'), 'MobileSurveyPage') }],
  portal: [{ path: 'survey', page: lazyNamed(() => import('./pages/portal-survey-page.tsx'), 'PortalSurveyPage') }],
};
