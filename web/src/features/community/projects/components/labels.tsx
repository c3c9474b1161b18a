// Small labels of the projects: status tags and the money column.
import { Card, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
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

/** A page's or a section's title bar, with its actions on the right. */
export function TitleBar({ title, level = 4, children }: { title: ReactNode; level?: 4 | 5; children?: ReactNode }) {
  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={level} style={{ margin: 0 }}>{title}</Typography.Title>
        {children}
      </Flex>
    </Card>
  );
}
