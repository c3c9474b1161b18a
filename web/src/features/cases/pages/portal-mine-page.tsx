import { ProfileOutlined, SmileOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { casesApi, type CaseListItem, type CasePageQuery } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { CaseActionModal } from '../components/action-modal.tsx';
import { useLiveNotifications } from '../components/bell.tsx';
import { CaseStateTag, RatingTag } from '../components/labels.tsx';
import { PortalHero, PortalShell, PortalSignIn } from '../components/shells.tsx';
import { CaseTimeline } from '../components/timeline.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

function CaseProgress({ id }: { id: string }) {
  const detail = useApiQuery(['cases', 'get', id], (signal) => casesApi.get(id, signal));
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Skeleton active />;
  return <CaseTimeline entries={detail.data.timeline} attachments={detail.data.attachments} compact />;
}

/** /portal/mine: the problems a signed-in resident reported, their progress, and rating the closed ones. */
const myCasesQuery: CasePageQuery = { mine: true, sort: 'updated_desc', page: 1, pageSize: 50 };

export function CasePortalMinePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [rating, setRating] = useState<CaseListItem | null>(null);
  const signedIn = me !== null && me !== undefined;
  const list = useApiQuery(['cases', 'list', myCasesQuery], signedIn ? (signal) => casesApi.list(myCasesQuery, signal) : null);
  useLiveNotifications(() => void invalidate(['cases', 'list']));

  const hero = <PortalHero icon={<ProfileOutlined />} title={t('case.portal.mineTitle')} description={t('case.portal.mineDesc')} />;
  if (!signedIn) return <PortalSignIn hero={hero} title={t('case.portal.mineDesc')} next="/portal/mine" />;

  const items = list.data?.items ?? [];
  return (
    <PortalShell hero={hero}>
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} style={{ marginBottom: 16 }} />}
      {list.isFetching && !list.data ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('case.portal.mineEmpty')}>
            <Link to="/portal/report">
              <Button type="primary">{t('case.portal.reportTitle')}</Button>
            </Link>
          </Empty>
        </Card>
      ) : (
        <Collapse
          data-testid="portal-mine"
          style={{ background: '#fff' }}
          items={items.map((item) => ({
            key: item.id,
            label: (
              <Flex justify="space-between" gap={8} wrap data-testid="portal-mine-item" data-case={item.number}>
                <Flex vertical gap={2}>
                  <Typography.Text strong>{item.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {item.number} · <DateTime value={item.createdAt} />
                    {item.handlingUnitName ? ` · ${item.handlingUnitName}` : ''}
                  </Typography.Text>
                </Flex>
                <Flex gap={6} align="center">
                  <RatingTag rating={item.rating} />
                  <CaseStateTag state={item.state} />
                </Flex>
              </Flex>
            ),
            extra:
              item.state === 'closed' ? (
                <Button
                  type="primary"
                  size="small"
                  icon={<SmileOutlined />}
                  onClick={(event) => {
                    event.stopPropagation();
                    setRating(item);
                  }}
                  data-testid="portal-rate"
                >
                  {t('case.portal.rateNow')}
                </Button>
              ) : undefined,
            children: <CaseProgress id={item.id} />,
          }))}
        />
      )}
      <CaseActionModal
        target={rating}
        action={rating ? 'rate' : null}
        onClose={() => setRating(null)}
        onDone={() => {
          setRating(null);
          void invalidate(['cases', 'list']);
        }}
        onReload={() => void invalidate(['cases', 'list'])}
      />
    </PortalShell>
  );
}
