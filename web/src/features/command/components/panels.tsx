// The command centre's panels: the figures, the trend, top and growing categories, rankings.
import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined, MinusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Chart } from '../../../platform/components/chart.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { commandApi, type AreaPeriod, type Overview, type PeriodFigures, type RankingGroup, type RankingRow, type TrendBucket } from '../api.ts';

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

function PeriodCard({ title, figures, previous, testId }: { title: string; figures: PeriodFigures; previous?: PeriodFigures; testId: string }) {
  const t = useT();
  const items: [string, string, string | number, string | number | undefined][] = [
    ['reported', t('command.fig.reported'), figures.reported, previous?.reported],
    ['closed', t('command.fig.closed'), figures.closed, previous?.closed],
    ['closedOnTime', t('command.fig.closedOnTime'), figures.closedOnTime, previous?.closedOnTime],
    ['overdue', t('command.fig.overdue'), figures.overdue, previous?.overdue],
    ['responseRate', t('command.rate.response'), pct(figures.responseRate), previous && pct(previous.responseRate)],
    ['resolutionRate', t('command.rate.resolution'), pct(figures.resolutionRate), previous && pct(previous.resolutionRate)],
    ['satisfiedRate', t('command.rate.satisfied'), pct(figures.satisfiedRate), previous && pct(previous.satisfiedRate)],
  ];
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Row gutter={[12, 8]}>
        {items.map(([key, label, value, before]) => (
          <Col key={key} xs={12} sm={8} md={6} lg={3} style={{ minWidth: 110 }}>
            <Statistic title={label} value={value} valueStyle={{ fontSize: 20 }} data-testid={`${testId}-${key}`} />
            {before !== undefined && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('command.previous', { n: String(before) })}</Typography.Text>}
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** Now (open, overdue, supervised), today, and the period against the one before. */
export function FigureCards({ overview }: { overview: Overview }) {
  const t = useT();
  const now = [
    ['open', t('command.now.open'), overview.now.open, undefined],
    ['overdue', t('command.now.overdue'), overview.now.overdue, '#cf1322'],
    ['yellow', t('command.now.yellow'), overview.now.yellowSupervised, '#ad6800'],
    ['red', t('command.now.red'), overview.now.redSupervised, '#cf1322'],
  ] as const;
  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        {now.map(([key, label, value, colour]) => (
          <Col key={key} xs={12} md={6}>
            <Card size="small">
              <Statistic title={label} value={value} valueStyle={colour ? { color: colour } : undefined} data-testid={`command-now-${key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <PeriodCard title={t('command.today')} figures={overview.today} testId="command-today" />
      <PeriodCard title={t('command.inPeriod')} figures={overview.period} previous={overview.previous} testId="command-period" />
    </Flex>
  );
}

export function TrendPanel({ area }: { area: AreaPeriod }) {
  const t = useT();
  const [bucket, setBucket] = useState<TrendBucket>('day');
  const trend = useApiQuery(['command', 'trend', area, bucket], (signal) => commandApi.trend({ ...area, bucket }, signal));
  const option = useMemo(() => {
    const points = trend.data?.points ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('command.fig.reported'), t('command.fig.closed'), t('command.fig.overdue')] },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: points.map((p) => p.bucket) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('command.fig.reported'), type: 'line', smooth: true, data: points.map((p) => p.reported) },
        { name: t('command.fig.closed'), type: 'line', smooth: true, data: points.map((p) => p.closed) },
        { name: t('command.fig.overdue'), type: 'bar', data: points.map((p) => p.overdue), itemStyle: { color: '#cf1322' } },
      ],
    };
  }, [trend.data, t]);
  return (
    <Card
      size="small"
      title={t('command.trend.title')}
      extra={<Segmented<TrendBucket> size="small" value={bucket} onChange={setBucket} options={(['day', 'week', 'month'] as const).map((b) => ({ value: b, label: t(`command.trend.${b}`) }))} />}
      loading={trend.isPending}
    >
      {trend.error ? <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} /> : <Chart option={option} ariaLabel={t('command.trend.aria')} testId="command-trend-chart" />}
    </Card>
  );
}

const exportButton = (label: string, href: string, testId: string) => (
  <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadFile(href)} data-testid={testId}>
    {label}
  </Button>
);

export function CategoriesPanel({ area }: { area: AreaPeriod }) {
  const t = useT();
  const view = useApiQuery(['command', 'categories', area], (signal) => commandApi.categories(area, signal));
  const option = useMemo(() => {
    const top = view.data?.top ?? [];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 16, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: [...top].reverse().map((c) => c.name) },
      series: [
        { name: t('command.categories.current'), type: 'bar', data: [...top].reverse().map((c) => c.reported) },
        { name: t('command.categories.before'), type: 'bar', data: [...top].reverse().map((c) => c.previous), itemStyle: { color: '#bfbfbf' } },
      ],
    };
  }, [view.data, t]);
  const top = view.data?.top ?? [];
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('command.categories.top')} loading={view.isPending} extra={exportButton(t('command.export'), commandApi.exportUrl('categories', area), 'command-export-categories')}>
          {view.error ? <ErrorAlert error={view.error} onRetry={() => void view.refetch()} /> : top.length === 0 ? (
            <Typography.Text>{t('command.categories.empty')}</Typography.Text>
          ) : (
            <Chart option={option} height={300} ariaLabel={t('command.categories.aria')} testId="command-categories-chart" />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('command.categories.growing')} extra={exportButton(t('command.export'), commandApi.exportUrl('places', area), 'command-export-places')}>
          <Table
            size="small"
            rowKey={(r) => `${r.placeCode}|${r.categoryCode}`}
            loading={view.isFetching}
            dataSource={view.data?.growing ?? []}
            pagination={{ pageSize: 5, hideOnSinglePage: true }}
            locale={{ emptyText: <Typography.Text>{t('command.categories.empty')}</Typography.Text> }}
            columns={[
              { key: 'place', title: t('command.categories.place'), dataIndex: 'placeName' },
              { key: 'category', title: t('command.categories.category'), dataIndex: 'name' },
              { key: 'now', title: t('command.categories.current'), dataIndex: 'reported' },
              { key: 'before', title: t('command.categories.before'), dataIndex: 'previous' },
              { key: 'growth', title: t('command.categories.growth'), render: (_, r) => <Typography.Text type="danger">+{r.growth}</Typography.Text> },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

function Movement({ row }: { row: RankingRow }) {
  const t = useT();
  if (row.movement === 'up') return <Tag color="green" icon={<ArrowUpOutlined />}>{row.previousRank}</Tag>;
  if (row.movement === 'down') return <Tag color="red" icon={<ArrowDownOutlined />}>{row.previousRank}</Tag>;
  if (row.movement === 'same') return <Tag icon={<MinusOutlined />}>{row.previousRank}</Tag>;
  return <Tag>{t('command.rank.new')}</Tag>;
}

export function RankingsPanel({ area }: { area: AreaPeriod }) {
  const t = useT();
  const [groupBy, setGroupBy] = useState<RankingGroup>('children');
  const view = useApiQuery(['command', 'rankings', area, groupBy], (signal) => commandApi.rankings({ ...area, groupBy }, signal));
  return (
    <Card
      size="small"
      title={t('command.rank.title')}
      extra={
        <Flex gap={8}>
          <Segmented<RankingGroup> size="small" value={groupBy} onChange={setGroupBy} options={[{ value: 'children', label: t('command.rank.children') }, { value: 'departments', label: t('command.rank.departments') }]} />
          {exportButton(t('command.export'), commandApi.exportUrl('rankings', { ...area, groupBy }), 'command-export-rankings')}
        </Flex>
      }
    >
      {view.error ? (
        <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />
      ) : (
        <Table<RankingRow>
          size="small"
          rowKey="code"
          data-testid="command-rankings"
          loading={view.isFetching}
          dataSource={view.data?.rows ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Typography.Text>{t('command.rank.empty')}</Typography.Text> }}
          columns={[
            { key: 'rank', title: t('command.rank.rank'), dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '—' },
            { key: 'unit', title: t('command.rank.unit'), dataIndex: 'name' },
            { key: 'reported', title: t('command.fig.reported'), dataIndex: 'reported' },
            { key: 'closed', title: t('command.fig.closed'), dataIndex: 'closed' },
            { key: 'onTime', title: t('command.rate.onTime'), render: (_, r) => pct(r.onTimeClosureRate) },
            { key: 'response', title: t('command.rate.response'), render: (_, r) => pct(r.responseRate) },
            { key: 'satisfied', title: t('command.rate.satisfied'), render: (_, r) => pct(r.satisfiedRate) },
            { key: 'score', title: t('command.rank.score'), render: (_, r) => (r.score === null ? '—' : (r.score * 100).toFixed(1)) },
            { key: 'move', title: t('command.rank.move'), render: (_, r) => <Movement row={r} /> },
          ]}
        />
      )}
    </Card>
  );
}
