// Small labels of the projects: status tags and the money column.
import { Tag } from 'antd';
import { useT } from '../../../../platform/i18n/index.tsx';
import type { ApplicationSummary, Call } from '../api.ts';

const callColors = { open: 'green', reviewing: 'gold', awarded: 'blue' } as const;
const applicationColors = { submitted: 'default', awarded: 'blue', not_awarded: 'default', completed: 'green' } as const;
const milestoneColors = { planned: 'default', submitted: 'gold', accepted: 'green', rejected: 'red' } as const;

export function CallStatusTag({ status }: { status: Call['status'] }) {
  const t = useT();
  return <Tag color={callColors[status]}>{t(`community.projects.callStatus.${status}`)}</Tag>;
}

export function ApplicationStatusTag({ status }: { status: ApplicationSummary['status'] }) {
  const t = useT();
  return <Tag color={applicationColors[status]} data-testid="application-status">{t(`community.projects.appStatus.${status}`)}</Tag>;
}

export function MilestoneStatusTag({ status }: { status: keyof typeof milestoneColors }) {
  const t = useT();
  return <Tag color={milestoneColors[status]}>{t(`community.projects.milestoneStatus.${status}`)}</Tag>;
}
