// The parts of the coverage page: the figures, the table by kind, the communities of a street,
// the legend, the circle of a clicked building, and the printable gap report.
import { CheckCircleTwoTone, CloseOutlined, WarningTwoTone } from '@ant-design/icons';
import { Button, Card, Flex, List, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { formatDateTime } from '../../../platform/components/labels.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { facilitiesApi, type CoverageGap, type CoverageReport, type KindCoverage, type LifeCircleLevel } from '../api.ts';
import { lackColors } from './facilities-map.tsx';
import { kindColor, LevelTag, shareText, useDistanceText, useKinds } from './labels.tsx';

/** The headline figures of an org unit's coverage (gaps: the gap list's total), and how its distances were measured. */
export function CoverageFigures({ report, gaps }: { report: CoverageReport; gaps: number | null }) {
  const { t, locale } = useI18n();
  return (
    <Flex vertical gap={8}>
      <Flex gap={32} wrap data-testid="coverage-figures">
        <Statistic title={t('facilities.coverage.buildings')} value={report.buildings} />
        <Statistic title={t('facilities.coverage.residents')} value={report.residents} />
        <Statistic title={t('facilities.coverage.elderly')} value={report.elderly} />
        <Statistic title={t('facilities.coverage.children')} value={report.children} />
        <Statistic title={t('facilities.coverage.share')} value={shareText(report.residentShare)} />
        <Statistic title={t('facilities.coverage.gapsCount')} value={gaps ?? '—'} styles={{ content: { color: gaps ? lackColors.more : undefined } }} />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('facilities.coverage.method', { method: t(`facilities.method.${report.method}`, { factor: report.detourFactor }) })}
        {' · '}
        {report.computedAt ? t('facilities.coverage.computedAt', { at: formatDateTime(report.computedAt, locale) }) : t('facilities.coverage.notComputed')}
      </Typography.Text>
    </Flex>
  );
}

/** Coverage by required kind: buildings, residents and the kind's own group. */
export function KindCoverageTable({ kinds }: { kinds: KindCoverage[] }) {
  const { t } = useI18n();
  const { nameOf } = useKinds();
  return (
    <Table<KindCoverage>
      size="small"
      rowKey="kind"
      dataSource={kinds}
      pagination={false}
      data-testid="coverage-kinds"
      columns={[
        { title: t('facilities.coverage.kind'), dataIndex: 'kind', render: (code: string, k) => nameOf(code) || k.name },
        { title: t('facilities.field.level'), dataIndex: 'level', width: 130, render: (v: LifeCircleLevel) => <LevelTag level={v} /> },
        { title: t('facilities.coverage.walk'), dataIndex: 'walkMeters', width: 100, align: 'right', render: (n: number) => t('facilities.coverage.meters', { n }) },
        { title: t('facilities.coverage.buildingsCovered'), key: 'b', width: 110, align: 'right', render: (_: unknown, k) => `${k.buildingsCovered} / ${k.buildings}` },
        {
          title: t('facilities.coverage.residentShare'),
          dataIndex: 'residentShare',
          width: 120,
          align: 'right',
          render: (v: number | null) => <Typography.Text type={v !== null && v < 1 ? 'danger' : undefined}>{shareText(v)}</Typography.Text>,
        },
        {
          title: t('facilities.coverage.groupShare'),
          key: 'g',
          width: 190,
          align: 'right',
          render: (_: unknown, k) => `${shareText(k.groupShare)}（${t(`facilities.group.${k.group}`)}）`,
        },
      ]}
    />
  );
}

/** A street's or district's communities, worst first, each opening its own coverage. */
export function CommunityCoverageTable({ report }: { report: CoverageReport }) {
  const { t } = useI18n();
  const rows = [...report.communities].sort((a, b) => (a.residentShare ?? 1) - (b.residentShare ?? 1));
  return (
    <Table
      size="small"
      rowKey="code"
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      data-testid="coverage-communities"
      columns={[
        { title: t('facilities.coverage.community'), dataIndex: 'name', render: (name: string, c) => <Link to={`?org=${c.code}`}>{name}</Link> },
        { title: t('facilities.coverage.buildings'), dataIndex: 'buildings', width: 90, align: 'right' },
        { title: t('facilities.coverage.residents'), dataIndex: 'residents', width: 90, align: 'right' },
        { title: t('facilities.coverage.share'), dataIndex: 'residentShare', width: 110, align: 'right', render: shareText },
        { title: t('facilities.coverage.gapsCount'), dataIndex: 'gaps', width: 80, align: 'right', render: (n: number) => <Typography.Text type={n > 0 ? 'danger' : undefined}>{n}</Typography.Text> },
      ]}
    />
  );
}

/** The coverage layer's colours, and the kinds of the facilities on the map with theirs. */
export function CoverageLegend({ community, drawn }: { community: string; drawn: number | null }) {
  const { t } = useI18n();
  const { kinds, nameOf } = useKinds();
  // The map loads the same query; the legend reads it from the cache.
  const facilities = useApiQuery(['facilities', 'geojson', community], (signal) => facilitiesApi.facilitiesGeojson(community, signal));
  const present = kinds.filter((k) => facilities.data?.features.some((f) => f.properties.kind === k.code));
  const rows = [
    [lackColors.none, t('facilities.map.lacksNone')],
    [lackColors.one, t('facilities.map.lacksOne')],
    [lackColors.more, t('facilities.map.lacksMore')],
  ] as const;
  return (
    <div className="gz-map-legend" data-testid="coverage-legend">
      <Typography.Text strong style={{ fontSize: 12 }}>
        {t('facilities.map.legend')}
      </Typography.Text>
      {rows.map(([color, label]) => (
        <Flex key={color} align="center" gap={6} style={{ fontSize: 12 }}>
          <span className="gz-swatch" style={{ background: color, borderColor: color, borderRadius: '50%' }} />
          <span>{label}</span>
        </Flex>
      ))}
      {present.length > 0 && (
        <Typography.Text strong style={{ fontSize: 12, marginTop: 4 }}>
          {t('facilities.map.facility')}
        </Typography.Text>
      )}
      {present.map((k) => (
        <Flex key={k.code} align="center" gap={6} style={{ fontSize: 12 }}>
          <span className="gz-swatch" style={{ background: kindColor(kinds, k.code), borderColor: '#fff', borderRadius: '50%' }} />
          <span>{nameOf(k.code)}</span>
        </Flex>
      ))}
      {drawn !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>
          {t('facilities.map.drawn', { n: drawn })}
        </Typography.Text>
      )}
    </div>
  );
}

/** A clicked building's life circle: each required kind, its nearest facility and distance. */
export function BuildingCirclePanel({ buildingId, onClose }: { buildingId: string; onClose: () => void }) {
  const { t } = useI18n();
  const distance = useDistanceText();
  const { nameOf } = useKinds();
  const circle = useApiQuery(['facilities', 'circle', buildingId], (signal) => facilitiesApi.buildingCircle(buildingId, signal));
  return (
    <Card
      size="small"
      className="gz-map-panel"
      title={circle.data ? t('facilities.circle.title', { name: circle.data.name }) : ' '}
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t('common.close')} />}
      data-testid="building-circle"
    >
      {circle.error && <ErrorAlert error={circle.error} onRetry={() => void circle.refetch()} />}
      {circle.isFetching && !circle.data && <Spin />}
      {circle.data && (
        <List
          size="small"
          dataSource={circle.data.kinds}
          renderItem={(k) => (
            <List.Item data-testid="circle-kind" data-covered={k.covered ? 'true' : 'false'}>
              <Flex vertical style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <span>
                    {k.covered ? <CheckCircleTwoTone twoToneColor={lackColors.none} /> : <WarningTwoTone twoToneColor={lackColors.more} />} {nameOf(k.kind) || k.kindName}
                  </span>
                  <Tag color={k.covered ? 'green' : 'red'}>{k.covered ? t('facilities.circle.covered') : t('facilities.circle.lacking')}</Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {k.facility ? `${k.facility.name} · ${k.distance === null ? '—' : distance(k.distance)}` : t('facilities.circle.noneFound')}
                  {' / '}
                  {t('facilities.coverage.meters', { n: k.walkMeters })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The gap report as printed: every gap of the org unit, on paper only (the screen shows the paged list). */
export function PrintableGaps({ title, gaps }: { title: string; gaps: CoverageGap[] }) {
  const { t } = useI18n();
  const distance = useDistanceText();
  const { nameOf } = useKinds();
  return (
    <div className="gz-facilities-print">
      <style>{`
        .gz-facilities-print { display: none; }
        @media print {
          body * { visibility: hidden; }
          .gz-facilities-print, .gz-facilities-print * { visibility: visible; }
          .gz-facilities-print { display: block; position: absolute; left: 0; top: 0; width: 100%; }
          .gz-facilities-print table { width: 100%; border-collapse: collapse; font-size: 11pt; }
          .gz-facilities-print th, .gz-facilities-print td { border: 1px solid #999; padding: 3px 6px; text-align: left; }
        }
      `}</style>
      <h2>{title}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('facilities.coverage.gapBuilding')}</th>
            <th>{t('facilities.field.address')}</th>
            <th>{t('facilities.coverage.kind')}</th>
            <th>{t('facilities.coverage.walk')}</th>
            <th>{t('facilities.coverage.distance')}</th>
            <th>{t('facilities.coverage.nearest')}</th>
            <th>{t('facilities.coverage.residents')}</th>
          </tr>
        </thead>
        <tbody>
          {gaps.map((g) => (
            <tr key={`${g.buildingId}/${g.kind}`}>
              <td>{g.buildingName}</td>
              <td>{g.address}</td>
              <td>{nameOf(g.kind) || g.kindName}</td>
              <td>{t('facilities.coverage.meters', { n: g.walkMeters })}</td>
              <td>{g.distance === null ? '—' : distance(g.distance)}</td>
              <td>{g.nearestFacilityName ?? t('facilities.coverage.none')}</td>
              <td>{g.residents}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
