// The record of a case as its console page shows it: the facts, and where it is.
import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Space, Spin, Tag, Typography, type DescriptionsProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { platformApi, request } from '../../../platform/api-client.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import type { Translate } from '../../../platform/i18n/index.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { orgApi, type GridGeometry } from '../../org/index.ts';
import type { CaseDetail } from '../api.ts';
import { MatterTag, RatingTag, workingTimeLabel } from './labels.tsx';
import { ReporterContact } from './reporter.tsx';

// MapLibre is large: the case map is its own chunk, fetched when a case page opens.
const CasePointMap = lazy(() => import('./map.tsx').then((m) => ({ default: m.CasePointMap })));

/** The facts of a case: category, classes, who reported, who dispatches and handles, counts, rating, links. */
export function caseInfoItems(t: Translate, detail: CaseDetail): DescriptionsProps['items'] {
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return [
    { key: 'category', label: t('case.field.category'), children: `${detail.className} / ${detail.categoryName}` },
    { key: 'matter', label: t('case.field.matterClass'), children: <MatterTag matter={detail.matterClass} /> },
    { key: 'source', label: t('case.field.source'), children: t(`case.source.${detail.source}`) },
    { key: 'tier', label: t('case.field.tier'), children: t(`case.tier.${detail.tier}`) },
    { key: 'urgency', label: t('case.field.urgency'), children: t(`case.urgency.${detail.urgency}`) },
    { key: 'created', label: t('case.field.createdAt'), children: <DateTime value={detail.createdAt} /> },
    {
      key: 'reporter',
      label: t('case.field.reporter'),
      children: <ReporterContact detail={detail} />,
    },
    { key: 'dispatcher', label: t('case.field.dispatcher'), children: detail.dispatcherUnitName ?? dash },
    {
      key: 'handling',
      label: t('case.field.handlingUnit'),
      children: detail.handlingUnitName ? (
        <Space size={4} wrap>
          <span>{detail.handlingUnitName}</span>
          {detail.coUnits.length > 0 && (
            <Typography.Text type="secondary">
              {t('case.timeline.co', { units: detail.coUnits.map((u) => u.name).join('、') })}
            </Typography.Text>
          )}
        </Space>
      ) : (
        dash
      ),
    },
    {
      key: 'counts',
      label: t('case.field.counts'),
      children: `${detail.reopenCount} / ${detail.reworkCount} / ${detail.extensionCount}`,
    },
    ...(detail.pendingExtension
      ? [{ key: 'pending', label: t('case.field.pendingExtension'), children: <Tag color="orange">{workingTimeLabel(t, detail.pendingExtension)}</Tag> }]
      : []),
    ...(detail.closedAt ? [{ key: 'closed', label: t('case.field.closedAt'), children: <DateTime value={detail.closedAt} /> }] : []),
    ...(detail.rating
      ? [
          {
            key: 'rating',
            label: t('case.field.rating'),
            children: (
              <Space size={4}>
                <RatingTag rating={detail.rating} />
                {detail.resolved !== null && (
                  <Typography.Text type="secondary">
                    {t('case.detail.resolved', { answer: detail.resolved ? t('case.common.yes') : t('case.common.no') })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
        ]
      : []),
    ...(detail.peopleInvolved !== null ? [{ key: 'people', label: t('case.field.peopleInvolved'), children: detail.peopleInvolved }] : []),
    ...(detail.amountInvolved !== null ? [{ key: 'amount', label: t('case.field.amountInvolved'), children: detail.amountInvolved.toLocaleString() }] : []),
    ...(Object.keys(detail.attributes).length > 0
      ? [
          {
            key: 'attributes',
            label: t('case.field.attributes'),
            span: 2,
            children: Object.entries(detail.attributes)
              .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('、') : v}`)
              .join('；'),
          },
        ]
      : []),
    ...(detail.parent
      ? [{ key: 'parent', label: t('case.field.parent'), span: 2, children: <Link to={`/console/cases/${detail.parent.id}`}>{`${detail.parent.number} ${detail.parent.title}`}</Link> }]
      : []),
    ...(detail.mergedCases.length > 0
      ? [
          {
            key: 'merged',
            label: t('case.field.mergedCases'),
            span: 2,
            children: (
              <Flex vertical gap={2}>
                {detail.mergedCases.map((c) => (
                  <Link key={c.id} to={`/console/cases/${c.id}`}>{`${c.number} ${c.title}`}</Link>
                ))}
              </Flex>
            ),
          },
        ]
      : []),
  ];
}

/** The polygon of a case's grid, through the command centre's map context where the user has it; null when not allowed. */
async function caseGridGeometry(code: string, viaCommand: boolean, signal: AbortSignal): Promise<GridGeometry | null> {
  if (!viaCommand) return orgApi.grid(code, signal).then((g) => g.geometry, () => null);
  const context = await request<{ features: { geometry: GridGeometry }[] }>('GET', `/api/command/grids/${encodeURIComponent(code)}`, { signal, quiet: true }).catch(() => null);
  return context?.features[0]?.geometry ?? null;
}

/** Where the case is: its grid and point on the map (when the browser can draw one), and the address. */
export function CaseLocationCard({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const [mapError, setMapError] = useState<string | null>(null);
  const config = useApiQuery(['platform', 'publicConfig'], () => platformApi.publicConfig().catch(() => null));
  const { can } = useAuth();
  const gridCode = detail.gridCode;
  // Departments may not read the grid layer; the command centre's map context gives them the
  // grid of a case dispatched to them. Without either the map shows the point alone.
  const viaCommand = can('command.read');
  const grid = useApiQuery(['org', 'grid', 'grid', gridCode, viaCommand], gridCode ? (signal) => caseGridGeometry(gridCode, viaCommand, signal) : null);
  const point = detail.lng !== null && detail.lat !== null ? { lng: detail.lng, lat: detail.lat } : null;
  return (
        <Card size="small" title={<><EnvironmentOutlined /> {t('case.detail.location')}</>}>
          {mapError ? (
            <Alert type="warning" showIcon title={t('case.detail.mapError', { reason: mapError })} />
          ) : !point && !detail.gridCode ? null : (
            <Suspense fallback={<Flex align="center" justify="center" style={{ height: 280 }}><Spin /></Flex>}>
              {!config.isFetching && !grid.isFetching && (
                <CasePointMap point={point} grid={grid.data ?? null} tileUrl={config.data?.mapTileUrl ?? null} onError={setMapError} />
              )}
            </Suspense>
          )}
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 12 }}
            items={[
              { key: 'address', label: t('case.field.address'), children: detail.address || '—' },
              { key: 'grid', label: t('case.field.grid'), children: detail.gridName ? `${detail.gridName}（${detail.gridCode}）` : '—' },
              { key: 'community', label: t('case.field.community'), children: detail.communityName ?? '—' },
              { key: 'street', label: t('case.field.street'), children: detail.streetName ?? '—' },
              ...(point ? [{ key: 'point', label: 'GPS', children: `${point.lng.toFixed(6)}, ${point.lat.toFixed(6)}` }] : []),
            ]}
          />
          {!point && <Typography.Text type="secondary">{t('case.detail.noLocation')}</Typography.Text>}
        </Card>
  );
}
