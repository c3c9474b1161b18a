// /console/community/reviews: an expert's applications to review, on the panels they sit on.
import { Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { projectsApi, yuan, type ApplicationSummary } from '../api.ts';
import { ApplicationStatusTag } from '../components/labels.tsx';

export function ReviewsPage() {
  const t = useT();
  const list = useListPage({ queryKey: ['community', 'projects', 'reviews'], filters: () => ({}), load: (_f, paging, signal) => projectsApi.reviewApplications(paging, signal) });
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('community.projects.reviewTitle')}</Typography.Title>
      <ListTable<ApplicationSummary>
        list={list}
        size="small"
        data-testid="review-table"
        emptyText={t('community.projects.noReviews')}
        columns={[
          { key: 'call', title: t('community.projects.call'), dataIndex: 'callTitle' },
          { key: 'org', title: t('community.projects.organisation'), render: (_, a) => <Link to={`/console/community/reviews/${a.id}`}>{a.organisationName}</Link> },
          { key: 'title', title: t('community.projects.applicationTitle'), dataIndex: 'title' },
          { key: 'requested', title: t('community.projects.requested'), width: 130, render: (_, a) => yuan(a.requestedFen) },
          { key: 'status', title: t('community.projects.status'), width: 90, render: (_, a) => <ApplicationStatusTag status={a.status} /> },
        ]}
      />
    </Flex>
  );
}
