import type { Feature } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';
import { assessmentEnUS } from './i18n.en-US.ts';
import { assessmentZhCN, type AssessmentMessageKey } from './i18n.zh-CN.ts';
import { assessmentMenu } from './menu.tsx';
import { assessmentRoutes } from './routes.tsx';

/** Topics of the month, assessment schemes and rankings, surveys (answered on /portal and /m), unit reports. */
export const assessmentFeature: Feature<AssessmentMessageKey> = {
  id: 'assessment', routes: assessmentRoutes, menu: assessmentMenu, messages: { 'zh-CN': assessmentZhCN, 'en-US': assessmentEnUS },
  mobileHome: [{ order: 50, component: lazyNamed(() => import('./components/home-sections.tsx'), 'MobileSurveySection') }],
  portalHome: [{ order: 50, component: lazyNamed(() => import('./components/home-sections.tsx'), 'PortalSurveySection') }],
};
