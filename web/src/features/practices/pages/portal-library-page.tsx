import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, List, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { platformApi } from '../../../platform/api-client.ts';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { practicesApi, type Practice } from '../api.ts';
import { filterOf, PracticeFilters } from '../components/filters.tsx';
import { LibraryFrame } from '../components/frame.tsx';
import { SourceTag, ThemeTags } from '../components/labels.tsx';

// MapLibre is large: the map is its own chunk, fetched after the list.
const PracticeMap = lazy(() => import('../components/practice-map.tsx').then((m) => ({ default: m.PracticeMap })));

function PracticeItem({ practice }: { practice: Practice }) {
  const t = useT();
  return (
    <List.Item data-testid="practice-item" extra={<Link to={`/portal/practices/${encodeURIComponent(practice.id)}`}>{t('practices.open')}</Link>}>
      <List.Item.Meta
        title={
          <Flex gap={8} align="center" wrap>
            <Link to={`/portal/practices/${encodeURIComponent(practice.id)}`}>{practice.title}</Link>
            <SourceTag source={practice.source} />
          </Flex>
        }
        description={
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">
              {practice.year} · {practice.placeName}
            </Typography.Text>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {practice.summary}
            </Typography.Paragraph>
            <ThemeTags themes={practice.themes} />
          </Flex>
        }
      />
    </List.Item>
  );
}

/** /portal/practices: the library, searchable by words, year, source, theme and province, with a map. */
export function PracticesLibraryPage() {
  const t = useT();
  const list = useListPage({ queryKey: ['practices', 'list'], filters: filterOf, load: (f, paging, signal) => practicesApi.list(f, paging, signal) });
  const facets = useApiQuery(['practices', 'facets', list.filters], (signal) => practicesApi.facets(list.filters, signal));
  const points = useApiQuery(['practices', 'points', list.filters], (signal) => practicesApi.points(list.filters, signal));
  const config = useApiQuery(['platform', 'publicConfig'], () => platformApi.publicConfig().catch(() => null));
  const [mapError, setMapError] = useState<string | null>(null);
  const total = list.query.data?.total;

  const hero = (
    <section className="gz-portal-hero">
      <h1>{t('practices.title')}</h1>
      <p>{t('practices.subtitle')}</p>
      <Typography.Title level={3} style={{ color: '#fff', margin: 0 }} data-testid="practices-total" data-total={total ?? ''}>
        {total === undefined ? '…' : t('practices.total', { total })}
      </Typography.Title>
    </section>
  );

  return (
    <LibraryFrame back="/portal" hero={hero}>
      <Flex vertical gap={12}>
        <Card size="small">
          <Flex justify="space-between" gap={8} wrap>
            <PracticeFilters list={list} facets={facets.data} />
            <Button icon={<DownloadOutlined />} href={practicesApi.exportUrl(list.filters)} data-testid="practices-export">
              {t('practices.export')}
            </Button>
          </Flex>
        </Card>
        <Card size="small" title={t('practices.map')} extra={points.data && points.data.unplaced > 0 ? t('practices.mapUnplaced', { count: points.data.unplaced }) : null}>
          {mapError ? (
            <Alert type="warning" showIcon title={t('practices.mapFailed', { reason: mapError })} />
          ) : (
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 360 }} />}>
              <PracticeMap points={points.data} tileUrl={config.data?.mapTileUrl ?? null} onError={setMapError} />
            </Suspense>
          )}
          {!config.data?.mapTileUrl && !mapError && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('practices.mapNoTiles')}
            </Typography.Text>
          )}
        </Card>
        <Card size="small">
          {list.query.error && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} />}
          <List<Practice>
            loading={list.loading}
            dataSource={list.rows}
            pagination={{ current: list.page, pageSize: list.pageSize, total: list.pagination.total, onChange: list.pagination.onChange, showSizeChanger: false, align: 'center' }}
            locale={{ emptyText: list.emptyText(<Empty description={t('practices.empty')} />) }}
            renderItem={(practice) => <PracticeItem practice={practice} />}
            data-testid="practice-list"
          />
        </Card>
      </Flex>
    </LibraryFrame>
  );
}
