import { AimOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { platformApi } from '../../../platform/api-client.ts';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { facilitiesApi } from '../api.ts';
import { BuildingCirclePanel, CommunityCoverageTable, CoverageFigures, CoverageLegend, KindCoverageTable } from '../components/coverage-panels.tsx';
import { GapList } from '../components/gap-list.tsx';

const FacilitiesMap = lazy(() => import('../components/facilities-map.tsx').then((m) => ({ default: m.FacilitiesMap })));

// Community codes are the 12-digit statistical codes (streets 9, districts 6).
const isCommunity = (code: string | undefined) => code?.length === 12;

/** 覆盖分析: an org unit's coverage by kind; a community's map with the coverage layer; its gap list, report and print. */
export function FacilitiesCoveragePage() {
  const { t } = useI18n();
  const scope = useScopeNodes();
  const fallback = scope.data?.roots.find((n) => n.level === 'street' || n.level === 'community')?.code ?? scope.data?.suggestions[0]?.code;
  const list = useListPage({
    queryKey: ['facilities', 'gaps'],
    filters: (params) => ({ org: params.get('org') ?? undefined, kind: params.get('kind') ?? undefined }),
    load: ({ org, kind }, paging, signal) => (org ? facilitiesApi.gaps({ org, kind, ...paging }, signal) : Promise.resolve({ items: [], total: 0, ...paging })),
  });
  const org = list.filters.org ?? fallback;
  // The URL names the org unit once it is known, so the gap list loads for it.
  useEffect(() => {
    if (!list.filters.org && fallback) list.update({ org: fallback });
  }, [fallback, list]);
  const community = isCommunity(org) ? (org ?? null) : null;

  const report = useApiQuery(['facilities', 'coverage', org], org ? (signal) => facilitiesApi.coverage(org, signal) : null);
  const layer = useApiQuery(['facilities', 'layer', community], community ? (signal) => facilitiesApi.coverageLayer(community, signal) : null);
  const config = useApiQuery(['platform', 'publicConfig'], () => platformApi.publicConfig().catch(() => null));
  const [building, setBuilding] = useState<string | null>(null);
  const mapBox = useRef<HTMLDivElement>(null);
  // A gap picked in the list shows its building's circle on the map above.
  const showBuilding = (id: string) => {
    setBuilding(id);
    mapBox.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  const [drawn, setDrawn] = useState<{ buildings: number; lacking: number } | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  const circle = useApiQuery(['facilities', 'circle', building], building ? (signal) => facilitiesApi.buildingCircle(building, signal) : null);

  useEffect(() => {
    setBuilding(null);
    setDrawn(null);
  }, [org]);

  return (
    <Flex vertical gap={12}>
      <Card
        size="small"
        title={<><AimOutlined /> {t('facilities.coverage.title')}</>}
        extra={
          <OrgNodeSelect
            value={org}
            onChange={(code) => list.replace(new URLSearchParams(code ? { org: code } : {}))}
            levels={['district', 'street', 'community']}
            suggestions={scope.data?.suggestions}
            placeholder={t('facilities.coverage.pickPlaceholder')}
            style={{ width: 260 }}
            testId="coverage-org"
          />
        }
      >
        {!org && !scope.loading && <Empty description={t('facilities.coverage.noOrg')} />}
        {report.error && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
        {report.isFetching && !report.data && <Spin />}
        {report.data && <CoverageFigures report={report.data} gaps={list.filters.kind ? null : (list.query.data?.total ?? null)} />}
      </Card>

      {community && (
        <div ref={mapBox} className="gz-map-wrap" style={{ height: 520, flex: 'none' }} data-testid="coverage-map" data-buildings={drawn?.buildings ?? ''} data-lacking={drawn?.lacking ?? ''}>
          {mapError ? (
            <Alert type="error" showIcon title={t('facilities.map.webglError', { reason: mapError })} />
          ) : (
            <Suspense fallback={<Spin className="gz-map-overlay-center" />}>
              <FacilitiesMap
                community={community}
                tileUrl={config.data?.mapTileUrl ?? null}
                coverage={layer.data ?? null}
                circle={building ? (circle.data ?? null) : null}
                onBuilding={setBuilding}
                onError={setMapError}
                onDrawn={setDrawn}
              />
            </Suspense>
          )}
          <CoverageLegend community={community} drawn={drawn?.buildings ?? null} />
          {layer.isFetching && (
            <div className="gz-map-overlay-center">
              <Spin size="large" />
            </div>
          )}
          {!building && layer.data && <div className="gz-map-hint">{t('facilities.map.clickHint')}</div>}
          {building && <BuildingCirclePanel buildingId={building} onClose={() => setBuilding(null)} />}
        </div>
      )}

      {report.data && (
        <Card size="small" title={t('facilities.coverage.kinds')}>
          <KindCoverageTable kinds={report.data.kinds} />
        </Card>
      )}
      {report.data && !community && report.data.communities.length > 0 && (
        <Card size="small" title={t('facilities.coverage.communities')}>
          <CommunityCoverageTable report={report.data} />
        </Card>
      )}

      {org && <GapList org={org} orgName={report.data?.orgName ?? org} list={list} onBuilding={community ? showBuilding : undefined} />}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('facilities.standard.intro')}
      </Typography.Text>
    </Flex>
  );
}
