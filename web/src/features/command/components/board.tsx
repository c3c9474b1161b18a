// The command centre's board, shared by the console page and the wall display: figures, map,
// trend, categories, rankings, warnings and (for leaders) the to-do. New cases in the area
// arrive over the live stream (SSE): they are put on the map at once and the figures refresh.
import { Alert, Col, Flex, Row, Spin, Tag, notification } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { platformApi } from '../../../platform/api-client.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { orgApi } from '../../org/index.ts';
import { commandApi, type AreaPeriod, type MapCase } from '../api.ts';
import { CommandMap } from './command-map.tsx';
import { CategoriesPanel, FigureCards, RankingsPanel, TrendPanel } from './panels.tsx';
import { TodoPanel } from './todo-panel.tsx';
import { WarningsPanel } from './warnings-panel.tsx';

/** Cases reported in the area since the board opened, newest first; `live` says whether the stream is connected. */
function useLiveCases(under: string | undefined) {
  const t = useT();
  const [arrived, setArrived] = useState<MapCase[]>([]);
  const [live, setLive] = useState(false);
  useEffect(() => {
    setArrived([]);
    const source = new EventSource(commandApi.streamUrl(under));
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('case', (event: MessageEvent<string>) => {
      let c: MapCase;
      try {
        c = JSON.parse(event.data) as MapCase;
      } catch {
        return;
      }
      setArrived((previous) => [c, ...previous.filter((p) => p.id !== c.id)].slice(0, 500));
      notification.info({ key: `case-${c.id}`, message: t('command.newCase', { title: c.title }), placement: 'bottomRight', duration: 5 });
      void invalidate(['command', 'overview'], ['command', 'trend'], ['command', 'warnings']);
    });
    return () => source.close();
  }, [under, t]);
  return { arrived, live };
}

export function CommandBoard({ area, wall = false }: { area: AreaPeriod; wall?: boolean }) {
  const t = useT();
  const { can } = useAuth();
  const overview = useApiQuery(['command', 'overview', area], (signal) => commandApi.overview(area, signal));
  const areaCode = overview.data?.area.code;
  const map = useApiQuery(['command', 'map', area.under], (signal) => commandApi.map(area.under, signal));
  const grids = useApiQuery(['org', 'gridsGeojson', areaCode], areaCode && !overview.data?.department ? (signal) => orgApi.gridsGeojson(areaCode, signal) : null);
  // The outline frames the map; a map without it still works, so a failure only leaves it out.
  const outline = useApiQuery(['org', 'districtOutline', areaCode], areaCode && !overview.data?.department ? (signal) => orgApi.districtOutline(areaCode, signal).catch(() => null) : null);
  const config = useApiQuery(['platform', 'publicConfig'], () => platformApi.publicConfig().catch(() => null));
  const { arrived, live } = useLiveCases(area.under);

  // The wall refreshes everything each minute besides what the stream brings.
  useEffect(() => {
    if (!wall) return;
    const timer = setInterval(() => void invalidate(['command']), 60_000);
    return () => clearInterval(timer);
  }, [wall]);

  if (overview.error) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  if (!overview.data) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} data-testid="command-loading" />;
  return (
    <Flex vertical gap={12} data-testid="command-board">
      <Flex gap={8} align="center">
        <Tag color={live ? 'green' : 'default'} data-testid="command-live" data-live={live ? '1' : '0'}>
          {live ? t('command.live') : t('command.liveOff')}
        </Tag>
        {overview.data.openWarnings > 0 && <Tag color="red" data-testid="command-open-warnings">{t('command.todo.warnings')} {overview.data.openWarnings}</Tag>}
      </Flex>
      <FigureCards overview={overview.data} />
      {!wall && can('case.instruct') && <TodoPanel />}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          {map.error ? (
            <Alert type="error" showIcon message={map.error.message} />
          ) : (
            <CommandMap grids={grids.data ?? null} outline={outline.data?.geometry ?? null} data={map.data ?? null} arrived={arrived} tileUrl={config.data?.mapTileUrl ?? null} height={wall ? 560 : 420} />
          )}
        </Col>
        <Col xs={24} xl={10}>
          <TrendPanel area={area} />
        </Col>
      </Row>
      <CategoriesPanel area={area} />
      <RankingsPanel area={area} />
      <WarningsPanel area={area} />
    </Flex>
  );
}
