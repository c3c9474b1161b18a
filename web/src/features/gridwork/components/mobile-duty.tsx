// 待办事项 on /m: the week's due items from the duty lists (九必访 / 六必到 / 九必报), overdue first.
import { CarryOutOutlined } from '@ant-design/icons';
import { Button, Card, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { RecordVisitModal, type VisitTarget } from '../../registry/index.ts';
import { gridworkApi, type DutyItem } from '../api.ts';

/** The membership a visit item stands for (its key is `visit:<membershipId>`). */
function membershipOf(item: DutyItem): string | null {
  return item.key.startsWith('visit:') ? item.key.slice('visit:'.length) : null;
}

export function DutySection() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const [visiting, setVisiting] = useState<VisitTarget | null>(null);
  const [attending, setAttending] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const write = useWrite();
  const items = useApiQuery(['gridwork', 'duty-items', 'mine'], me && can('gridwork.write') ? (signal) => gridworkApi.dutyItems({ open: true }, signal) : null);
  if (!me || !can('gridwork.write')) return null;
  const list = [...(items.data?.items ?? [])].sort((a, b) => Number(b.isOverdue) - Number(a.isOverdue) || a.dueAt.localeCompare(b.dueAt));

  const visit = (item: DutyItem) => {
    const membershipId = membershipOf(item);
    if (!item.residentId) return;
    setVisiting({ id: item.residentId, name: item.title, memberships: membershipId ? [{ id: membershipId, kind: item.ruleName, name: item.ruleName }] : [] });
  };

  const attend = (item: DutyItem) => {
    const occasionId = item.occasionId;
    if (!occasionId) return;
    setAttending(occasionId);
    void write
      .run(() => gridworkApi.attendOccasion(occasionId, {}), { success: t('gridwork.duty.attended'), invalidates: ['gridwork', 'duty-items'] })
      .finally(() => setAttending(null));
  };

  return (
    <Card
      size="small"
      title={<><CarryOutOutlined /> {t('gridwork.duty.title')}</>}
      extra={items.data && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('gridwork.duty.counts', { due: items.data.counts.due, overdue: items.data.counts.overdue })}</Typography.Text>}
      style={{ marginBottom: 12 }}
      data-testid="duty-section"
    >
      {items.error && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
      {items.isFetching && !items.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <List
          size="small"
          dataSource={showAll ? list : list.slice(0, 8)}
          locale={{ emptyText: <Typography.Text type="secondary">{t('gridwork.duty.empty')}</Typography.Text> }}
          renderItem={(item) => (
            <List.Item
              key={item.key}
              data-testid="duty-item"
              data-kind={item.kind}
              actions={[
                item.kind === 'visit' && item.residentId && can('registry.write') ? (
                  <Button key="visit" size="small" onClick={() => visit(item)} data-testid="duty-visit">
                    {t('gridwork.duty.visit')}
                  </Button>
                ) : item.kind === 'attend' && item.occasionId && !item.closedAt ? (
                  <Button key="attend" size="small" type="primary" loading={attending === item.occasionId} onClick={() => attend(item)} data-testid="duty-attend">
                    {t('gridwork.duty.attend')}
                  </Button>
                ) : item.kind === 'report' ? (
                  <Link key="report" to="/m/report">
                    <Button size="small">{t('gridwork.duty.report')}</Button>
                  </Link>
                ) : null,
              ].filter(Boolean)}
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Flex gap={6} align="center" wrap>
                  <Tag color={item.kind === 'visit' ? 'blue' : item.kind === 'attend' ? 'purple' : 'gold'}>{t(`gridwork.dutyKind.${item.kind}`)}</Tag>
                  <Typography.Text strong>{item.title}</Typography.Text>
                </Flex>
                <Typography.Text type={item.isOverdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {item.ruleName} · {item.isOverdue ? t('gridwork.duty.overdue') : t('gridwork.duty.dueBy', { date: item.dueAt.slice(0, 10) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {list.length > 8 && (
        <Button type="link" size="small" block onClick={() => setShowAll(!showAll)} data-testid="duty-more">
          {showAll ? t('gridwork.duty.fewer') : t('gridwork.duty.all', { n: list.length })}
        </Button>
      )}
      <RecordVisitModal target={visiting} onClose={() => setVisiting(null)} />
    </Card>
  );
}
