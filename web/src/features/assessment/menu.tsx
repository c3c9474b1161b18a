import { BarChartOutlined, FileTextOutlined, FormOutlined, LikeOutlined, TrophyOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../platform/feature.ts';
import type { AssessmentMessageKey } from './i18n.zh-CN.ts';

const group = { key: 'assessment', label: 'menu.groupAssessment', order: 22 } as const;

export const assessmentMenu: MenuEntry<AssessmentMessageKey>[] = [
  { route: 'topics', label: 'menu.assessmentTopics', icon: <BarChartOutlined />, group },
  { route: 'assessment', label: 'menu.assessmentSchemes', icon: <TrophyOutlined />, group },
  { route: 'surveys', label: 'menu.assessmentSurveys', icon: <FormOutlined />, group },
  { route: 'ratings', label: 'menu.assessmentRatings', icon: <LikeOutlined />, group },
  { route: 'assessment-report', label: 'menu.assessmentReport', icon: <FileTextOutlined />, group },
];
