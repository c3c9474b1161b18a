import { CloseOutlined, DownloadOutlined, EnvironmentOutlined, LinkOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Divider, Empty, Flex, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { platformApi } from '../../../platform/api-client.ts';
import { orgApi, type GridFeatureCollection, type GridFeatureProperties } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { GridImportModal } from '../components/grid-import-modal.tsx';
import { GridMapView } from '../components/grid-map-view.tsx';
import { GridKindTag } from '../components/org-labels.tsx';
import { OrgNodeSelect } from '../components/org-node-select.tsx';
import { RosterTable } from '../components/roster-table.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { useScopeNodes } from '../components/use-scope-nodes.ts';
import { gridKindColors } from '../components/org-labels.tsx';
import { gridKinds, type GridKind } from '../api.ts';
import { useT } from '../../../platform/i18n/index.tsx';

/** 网格地图: a street's or community's grids on a map, with the roster of the clicked grid. */
export function GridMapPage() {
  const t = useT();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const scope = useScopeNodes();
  const fallback = scope.data?.roots.find((n) => n.level === 'street' || n.level === 'community')?.code;
  const node = params.get('node') ?? fallback;
  const [selected, setSelected] = useState<string | null>(null);
  const [rendered, setRendered] = useState<number | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const config = useApiQuery(['platform', 'publicConfig'], () => platformApi.publicConfig().catch(() => null));
  const grids = useApiQuery(['org', 'gridsGeojson', node], node ? (signal) => orgApi.gridsGeojson(node, signal) : null);
  const collection: GridFeatureCollection | null = node ? (grids.data ?? null) : null;
  // The district's outline frames the grids; without it the map still works.
  const outline = useApiQuery(['org', 'districtOutline', node], node ? (signal) => orgApi.districtOutline(node, signal).catch(() => null) : null);

  useEffect(() => {
    setSelected(null);
    setRendered(null);
  }, [node]);

  const counts = useMemo(() => {
    const result: Record<GridKind, number> = { community: 0, key_unit: 0, road: 0 };
    for (const feature of collection?.features ?? []) result[feature.properties.kind] += 1;
    return result;
  }, [collection]);
  const selectedGrid: GridFeatureProperties | undefined = collection?.features.find((f) => f.properties.code === selected)?.properties;
  const total = collection?.features.length ?? 0;

  const pick = (code: string | undefined) => {
    setParams(code ? { node: code } : {}, { replace: true });
  };

  return (
    <Flex vertical gap={12} className="gz-map-page">
      <Card size="small">
        <Flex align="center" gap={16} wrap>
          <Flex align="center" gap={8}>
            <Typography.Text strong>
              <EnvironmentOutlined /> {t('map.pick')}
            </Typography.Text>
            <OrgNodeSelect
              value={node}
              onChange={(code) => pick(code)}
              levels={['street', 'community']}
              suggestions={scope.data?.suggestions}
              placeholder={t('map.pickPlaceholder')}
              style={{ width: 260 }}
              testId="map-node-select"
            />
          </Flex>
          {node && (
            <Typography.Text data-testid="grid-map-status" data-total={grids.isFetching ? '' : String(total)} data-rendered={rendered === null ? '' : String(rendered)}>
              {grids.isFetching ? t('common.loading') : t('map.gridCount', { n: total })}
              {rendered !== null && !grids.isFetching && <Typography.Text type="secondary"> · {t('map.drawn', { n: rendered })}</Typography.Text>}
            </Typography.Text>
          )}
          <div style={{ flex: 1 }} />
          <Button icon={<DownloadOutlined />} href={node ? orgApi.gridsGeojsonDownloadUrl(node) : undefined} disabled={!node || total === 0} data-testid="map-export">
            {t('map.export')}
          </Button>
          {can('org.write') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="map-import">
              {t('map.import')}
            </Button>
          )}
        </Flex>
      </Card>

      {grids.error && <ErrorAlert error={grids.error} onRetry={() => void grids.refetch()} />}
      {mapError && <Alert type="error" showIcon title={t('map.webglError', { reason: mapError })} />}

      <div className="gz-map-wrap" data-testid="grid-map">
        {config.isFetching ? (
          <Spin className="gz-map-overlay-center" />
        ) : (
          <GridMapView
            collection={collection}
            outline={outline.data?.geometry ?? null}
            tileUrl={config.data?.mapTileUrl ?? null}
            selectedCode={selected}
            onSelect={setSelected}
            onRendered={setRendered}
            onError={setMapError}
          />
        )}

        <MapLegend counts={collection ? counts : null} hasBaseMap={Boolean(config.data?.mapTileUrl)} />

        {!node && !scope.loading && (
          <div className="gz-map-overlay-center">
            <Empty description={t('map.noNode')} />
          </div>
        )}
        {node && grids.isFetching && (
          <div className="gz-map-overlay-center">
            <Spin size="large" />
          </div>
        )}
        {node && collection && total === 0 && !grids.isFetching && (
          <div className="gz-map-overlay-center">
            <Empty description={t('map.empty')} />
          </div>
        )}
        {collection && total > 0 && !selectedGrid && (
          <div className="gz-map-hint">{t('map.clickHint')}</div>
        )}

        {selectedGrid && <GridPanel grid={selectedGrid} onClose={() => setSelected(null)} />}
      </div>

      <GridImportModal open={importing} onClose={() => setImporting(false)} onImported={() => void invalidate(['org'])} />
    </Flex>
  );
}

/** The grid kinds' colours, with how many of each are on the map. */
function MapLegend({ counts, hasBaseMap }: { counts: Record<GridKind, number> | null; hasBaseMap: boolean }) {
  const t = useT();
  return (
    <div className="gz-map-legend" data-testid="map-legend">
      <Typography.Text strong style={{ fontSize: 12 }}>
        {t('map.legend')}
      </Typography.Text>
      {gridKinds.map((kind) => (
        <Flex key={kind} align="center" gap={6} style={{ fontSize: 12 }}>
          <span className="gz-swatch" style={{ background: `${gridKindColors[kind]}55`, borderColor: gridKindColors[kind] }} />
          <span>{t(`gridKind.${kind}`)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {counts ? counts[kind] : ''}
          </Typography.Text>
        </Flex>
      ))}
      {!hasBaseMap && (
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>
          {t('map.baseMapNone')}
        </Typography.Text>
      )}
    </div>
  );
}

/** The clicked grid: code, kind, community and its roster. */
function GridPanel({ grid, onClose }: { grid: GridFeatureProperties; onClose: () => void }) {
  const t = useT();
  const { can } = useAuth();
  return (
    <Card
      size="small"
      className="gz-map-panel"
      title={grid.name}
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t('common.close')} />}
      data-testid="grid-panel"
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'code', label: t('map.gridCode'), children: <Typography.Text copyable>{grid.code}</Typography.Text> },
          { key: 'kind', label: t('map.gridKind'), children: <GridKindTag kind={grid.kind} /> },
          { key: 'community', label: t('map.community'), children: `${grid.communityName}（${grid.communityCode}）` },
        ]}
      />
      <Divider titlePlacement="start" plain style={{ margin: '8px 0' }}>
        {t('map.roster')}
      </Divider>
      <RosterTable gridCode={grid.code} editable={can('grid.roster.write')} compact />
      <a href={`/portal?grid=${encodeURIComponent(grid.code)}`} target="_blank" rel="noreferrer" style={{ display: 'inline-block', marginTop: 8 }}>
        <LinkOutlined /> {t('map.publicRoster')}
      </a>
    </Card>
  );
}
