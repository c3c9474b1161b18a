// 巡查 on /m: start and end a patrol, the live distance and duration, the track on the grid.
import { AimOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Spin, Statistic, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { useAction } from '../../../platform/use-write.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { gridworkApi } from '../api.ts';
import { adoptPatrol, endPatrol, localPatrol, patrolSnapshot, resumeWatching, startPatrol, subscribePatrol } from './patrol-recorder.ts';
import { formatDistance, formatDuration } from './format.ts';

const TrackMap = lazy(() => import('./track-map.tsx').then((m) => ({ default: m.TrackMap })));

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

/** The grid worker's patrol: one button to start or end, the figures while it runs, the track drawn. */
export function PatrolSection() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const saving = useAction();
  useSyncExternalStore(subscribePatrol, patrolSnapshot);
  const patrol = localPatrol(me?.id);
  const server = useApiQuery(['gridwork', 'patrol', 'current'], me && can('gridwork.write') ? (signal) => gridworkApi.currentPatrol(signal) : null);
  const now = useNow(patrol !== null);
  const gridCode = me?.grants.find((g) => g.role === 'grid_worker')?.orgCode ?? null;

  // A patrol the server has under way but this phone forgot (another browser, cleared storage): carry on with it.
  const active = server.data?.patrol;
  useEffect(() => {
    if (me && active && active.status === 'active') adoptPatrol(me.id, active);
  }, [me, active]);
  useEffect(() => {
    if (me && patrol) resumeWatching(me.id);
  }, [me, patrol]);

  if (!me || !can('gridwork.write') || !gridCode) return null;

  const run = (action: () => Promise<void>, done: string) =>
    saving.run(async () => {
      await action();
      void message.success(done);
      void invalidate(['gridwork']);
    });
  const busy = saving.busy;

  return (
    <Card size="small" title={<><AimOutlined /> {t('gridwork.patrol.title')}</>} style={{ marginBottom: 12 }} data-testid="patrol-section" data-active={patrol ? 'true' : 'false'}>
      {patrol ? (
        <Flex vertical gap={8}>
          <Row gutter={8}>
            <Col span={8}>
              <Statistic title={t('gridwork.patrol.distance')} value={formatDistance(patrol.distanceMeters)} styles={{ content: { fontSize: 18 } }} />
            </Col>
            <Col span={8}>
              <Statistic title={t('gridwork.patrol.duration')} value={formatDuration((now - Date.parse(patrol.startedAt)) / 1000)} styles={{ content: { fontSize: 18 } }} />
            </Col>
            <Col span={8}>
              <Statistic title={t('gridwork.patrol.points')} value={patrol.track.length} styles={{ content: { fontSize: 18 } }} />
            </Col>
          </Row>
          {patrol.geoError && <Alert type="warning" showIcon title={t('gridwork.patrol.geoError', { reason: patrol.geoError })} />}
          <Suspense fallback={<Flex justify="center"><Spin /></Flex>}>
            <TrackMap gridCodes={patrol.gridCode ? [patrol.gridCode] : [gridCode]} track={patrol.track} height={200} testId="patrol-map" />
          </Suspense>
          <Button danger size="large" block icon={<StopOutlined />} loading={busy} onClick={() => void run(() => endPatrol(), t('gridwork.patrol.ended'))} data-testid="patrol-end">
            {t('gridwork.patrol.end')}
          </Button>
        </Flex>
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('gridwork.patrol.hint')}
          </Typography.Text>
          <Button type="primary" size="large" block icon={<PlayCircleOutlined />} loading={busy} onClick={() => void run(() => startPatrol(me.id, gridCode), t('gridwork.patrol.started'))} data-testid="patrol-start">
            {t('gridwork.patrol.start')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
