import { CameraOutlined, EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { casesApi, type CaseListItem, type CasePageQuery } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useLiveNotifications } from './bell.tsx';
import { CaseStateTag, DeadlineTag, deadlineColors, deadlineTone } from './labels.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';

function TaskItem({ item }: { item: CaseListItem }) {
  const tone = deadlineTone(item.sla);
  return (
    <List.Item style={{ paddingInline: 0 }}>
      <Link to={`/m/cases/${item.id}`} style={{ display: 'block', width: '100%', color: 'inherit', borderInlineStart: `3px solid ${tone === 'none' ? '#d9d9d9' : deadlineColors[tone].color}`, paddingInlineStart: 10 }} data-testid="m-task" data-case={item.number}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Typography.Text strong ellipsis>
              {item.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              <EnvironmentOutlined /> {item.address || item.communityName || ''}
            </Typography.Text>
            <Flex gap={6} align="center">
              <CaseStateTag state={item.state} />
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {item.number}
              </Typography.Text>
            </Flex>
          </Flex>
          <Flex align="center" gap={4}>
            <DeadlineTag sla={item.sla} withTime={false} />
            <RightOutlined style={{ color: '#bfbfbf' }} />
          </Flex>
        </Flex>
      </Link>
    </List.Item>
  );
}

/** The case part of /m's home, for those who handle cases. */
export function CaseMobileTasksSection() {
  const { can } = useAuth();
  return can('case.handle') ? <CaseMobileTasks /> : null;
}

const tasksQuery: CasePageQuery = { todo: true, sort: 'deadline_asc', page: 1, pageSize: 20 };
const mineQuery: CasePageQuery = { mine: true, sort: 'created_desc', page: 1, pageSize: 5 };

/** The grid worker's phone home, case part: a big report button, my tasks (most urgent first), what I reported lately. */
export function CaseMobileTasks() {
  const { t } = useI18n();
  const { can } = useAuth();
  const tasks = useApiQuery(['cases', 'list', tasksQuery], (signal) => casesApi.list(tasksQuery, signal));
  const mine = useApiQuery(['cases', 'list', mineQuery], (signal) => casesApi.list(mineQuery, signal));
  useLiveNotifications(() => void invalidate(['cases', 'list']));

  return (
    <Flex vertical gap={12} style={{ marginBottom: 12 }}>
      {can('case.report') && (
        <>
          <Link to="/m/report" data-testid="m-report">
            <Button type="primary" size="large" block icon={<CameraOutlined />} style={{ height: 64, fontSize: 18 }}>
              {t('case.m.report')}
            </Button>
          </Link>
          <Typography.Text type="secondary" style={{ textAlign: 'center', fontSize: 12, marginTop: -6 }}>
            {t('case.m.reportHint')}
          </Typography.Text>
        </>
      )}
      <Card size="small" title={`${t('case.m.tasks')}${tasks.data ? `（${tasks.data.totalExact ? tasks.data.total : `${tasks.data.items.length}+`}）` : ''}`} data-testid="m-tasks">
        {tasks.error && <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />}
        {tasks.isFetching && !tasks.data ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : (
          <List
            size="small"
            dataSource={tasks.data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.m.tasksEmpty')} /> }}
            renderItem={(item) => <TaskItem item={item} />}
          />
        )}
      </Card>
      <Card size="small" title={t('case.m.recent')} data-testid="m-recent">
        {mine.error && <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />}
        <List
          size="small"
          loading={mine.isFetching && !mine.data}
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.m.recentEmpty')} /> }}
          renderItem={(item) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Link to={`/m/cases/${item.id}`} style={{ display: 'block', width: '100%', color: 'inherit' }}>
                <Flex justify="space-between" gap={8}>
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Typography.Text ellipsis>{item.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                      {item.number} · <DateTime value={item.createdAt} />
                    </Typography.Text>
                  </Flex>
                  <CaseStateTag state={item.state} />
                </Flex>
              </Link>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
