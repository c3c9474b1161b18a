// 巡查轨迹 in the console: the patrols of my area on a day — today live (last points on the map,
// refreshed every 15 s), past days as they ended — and one patrol's track on its grid.
import { Card, Col, DatePicker, Descriptions, Drawer, Flex, List, Row, Skeleton, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { gridworkApi, type Patrol } from '../api.ts';
import { chinaDay } from '../components/mobile-log.tsx';
import { formatDistance, formatDuration, formatShare } from '../components/format.ts';

const TrackMap = lazy(() => import('../components/track-map.tsx').then((m) => ({ default: m.TrackMap })));

const timeOf = (iso: string | null) => (iso ? dayjs(iso).format('HH:mm') : '—');

export function PatrolsPage() {
  const { t } = useI18n();
  const today = chinaDay();
  const list = useListPage({
    queryKey: ['gridwork', 'patrols'],
    filters: (params) => ({ day: params.get('day') ?? today, open: params.get('patrol') }),
    load: ({ day }, paging, signal) => gridworkApi.patrols({ day, ...paging }, signal),
  });
  const isToday = list.filters.day === today;
  // Today's map polls: a supervisor watches the last points move.
  const live = useQuery({
    queryKey: ['gridwork', 'patrols', 'live', today],
    queryFn: ({ signal }) => gridworkApi.patrols({ day: today, status: 'active', page: 1, pageSize: 100 }, signal),
    enabled: isToday,
    refetchInterval: 15_000,
  });
  const livePoints = useMemo(
    () => (live.data?.items ?? []).flatMap((p) => (p.lastPoint ? [{ lng: p.lastPoint.lng, lat: p.lastPoint.lat, label: p.workerName }] : [])),
    [live.data],
  );
  const liveGrids = useMemo(() => [...new Set((live.data?.items ?? []).map((p) => p.gridCode))], [live.data]);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('gridwork.patrols.title')}
        </Typography.Title>
        <DatePicker
          allowClear={false}
          value={dayjs(list.filters.day)}
          disabledDate={(d) => d.format('YYYY-MM-DD') > today}
          onChange={(d) => list.update({ day: !d || d.format('YYYY-MM-DD') === today ? undefined : d.format('YYYY-MM-DD') })}
          data-testid="patrols-day"
        />
      </Flex>
      {isToday && (
        <Card size="small" title={t('gridwork.patrols.live', { n: live.data?.items.length ?? 0 })}>
          {live.error && <ErrorAlert error={live.error} onRetry={() => void live.refetch()} />}
          <Suspense fallback={<Spin />}>
            <TrackMap gridCodes={liveGrids} track={[]} points={livePoints} height={300} testId="patrols-live-map" />
          </Suspense>
        </Card>
      )}
      <ListTable<Patrol>
        list={list}
        data-testid="patrols-table"
        emptyText={t('gridwork.patrols.empty')}
        onRow={(row) => ({ onClick: () => list.update({ patrol: row.id, page: String(list.page) }), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'worker', title: t('gridwork.patrols.worker'), render: (_, p) => <Typography.Text strong>{p.workerName}</Typography.Text> },
          { key: 'grid', title: t('gridwork.patrols.grid'), dataIndex: 'gridName' },
          { key: 'status', title: t('gridwork.patrols.status'), render: (_, p) => <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`gridwork.patrolStatus.${p.status}`)}</Tag> },
          { key: 'time', title: t('gridwork.patrols.time'), render: (_, p) => `${timeOf(p.startedAt)} – ${timeOf(p.endedAt)}` },
          { key: 'distance', title: t('gridwork.patrol.distance'), render: (_, p) => formatDistance(p.distanceMeters) },
          { key: 'duration', title: t('gridwork.patrol.duration'), render: (_, p) => formatDuration(p.durationSeconds) },
          { key: 'coverage', title: t('gridwork.patrols.coverage'), render: (_, p) => formatShare(p.coverage) },
          { key: 'linked', title: t('gridwork.patrols.linked'), render: (_, p) => t('gridwork.patrols.linkedCounts', { cases: p.caseCount, visits: p.visitCount }) },
        ]}
      />
      <PatrolDrawer patrolId={list.filters.open} onClose={() => list.update({ patrol: undefined, page: String(list.page) })} />
    </Flex>
  );
}

/** One patrol: its figures, its track on the grid, and what was reported and visited on the way. */
function PatrolDrawer({ patrolId, onClose }: { patrolId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const detail = useApiQuery(['gridwork', 'patrol', patrolId], patrolId ? (signal) => gridworkApi.patrol(patrolId, signal) : null);
  const p = detail.data;
  const track = useMemo(() => (p?.track ?? []).map((point): [number, number] => [point.lng, point.lat]), [p]);
  return (
    <Drawer title={p ? `${p.workerName} · ${p.gridName}` : ''} size={720} open={patrolId !== null} onClose={onClose} destroyOnHidden data-testid="patrol-drawer">
      {detail.error && <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {!p ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={2}
            bordered
            items={[
              { key: 'time', label: t('gridwork.patrols.time'), children: `${dayjs(p.startedAt).format('YYYY-MM-DD HH:mm')} – ${timeOf(p.endedAt)}` },
              { key: 'distance', label: t('gridwork.patrol.distance'), children: formatDistance(p.distanceMeters) },
              { key: 'duration', label: t('gridwork.patrol.duration'), children: formatDuration(p.durationSeconds) },
              { key: 'coverage', label: t('gridwork.patrols.coverage'), children: formatShare(p.coverage) },
            ]}
          />
          <Suspense fallback={<Spin />}>
            <TrackMap gridCodes={[p.gridCode]} track={track} height={360} testId="patrol-track-map" />
          </Suspense>
          <Row gutter={12}>
            <Col span={12}>
              <List size="small" header={<Typography.Text strong>{t('gridwork.patrols.cases')}</Typography.Text>} dataSource={p.cases} locale={{ emptyText: '—' }} renderItem={(c) => <List.Item key={c.id}>{c.caseNo} {c.title}</List.Item>} />
            </Col>
            <Col span={12}>
              <List size="small" header={<Typography.Text strong>{t('gridwork.patrols.visits')}</Typography.Text>} dataSource={p.visits} locale={{ emptyText: '—' }} renderItem={(v) => <List.Item key={v.id}>{v.residentName} · {v.visitedOn}</List.Item>} />
            </Col>
          </Row>
        </Flex>
      )}
    </Drawer>
  );
}
