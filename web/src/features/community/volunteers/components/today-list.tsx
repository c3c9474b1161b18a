// Today's volunteer activities I signed up for, each with the step left: 签到, 签退, or done.
// The button opens the check page, where the organiser's code (from the QR code) is entered.
import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { formatDateTime } from '../../../../platform/components/labels.tsx';
import { useI18n, useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { communityApi, hours, type Activity } from '../api.ts';

function Step({ activity }: { activity: Activity }) {
  const t = useT();
  const mine = activity.mine;
  if (mine?.checkedOutAt) return <Tag color="green" icon={<CheckCircleOutlined />}>{t('community.mobile.doneHours', { hours: hours(mine.minutes ?? 0) })}</Tag>;
  const step = mine?.checkedInAt ? 'checkOut' : 'checkIn';
  return (
    <Link to={`/m/community/check/${activity.id}`}>
      <Button type={step === 'checkIn' ? 'primary' : 'default'} size="large" aria-label={`${t(`community.mobile.${step}`)} ${activity.title}`} data-testid={`today-${step}`}>
        {t(`community.mobile.${step}`)}
      </Button>
    </Link>
  );
}

/** The list; `limit` shortens it for the home page. */
export function TodayList({ limit }: { limit?: number }) {
  const t = useT();
  const { locale } = useI18n();
  const today = useApiQuery(['community', 'activities', 'today'], (signal) => communityApi.today(signal));
  if (today.isLoading) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (today.error) return <ErrorAlert error={today.error} onRetry={() => void today.refetch()} />;
  if (!today.data) return null;
  if (!today.data.registered) return <Typography.Text type="secondary">{t('community.mobile.notRegistered')} <Link to="/portal/volunteer">{t('community.mobile.registerLink')}</Link></Typography.Text>;
  const items = limit ? today.data.items.slice(0, limit) : today.data.items;
  return (
    <List
      data-testid="today-activities"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('community.mobile.noneToday')} /> }}
      dataSource={items}
      renderItem={(a) => (
        <List.Item>
          <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }}>
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Text strong ellipsis>{a.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(a.startsAt, locale)} · {a.place}</Typography.Text>
            </Flex>
            <Step activity={a} />
          </Flex>
        </List.Item>
      )}
    />
  );
}
