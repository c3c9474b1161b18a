import { ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, InputNumber, Spin, Tag, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { formatDateTime } from '../../../platform/components/labels.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { facilitiesApi } from '../api.ts';

/** How distances are measured in the user's district: the road network, the detour factor, and when coverage was computed. */
export function CoverageSettingsCard() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const write = useWrite();
  const reportError = useReportError();
  const settings = useApiQuery(['facilities', 'settings'], (signal) => facilitiesApi.coverageSettings(undefined, signal));
  const [factor, setFactor] = useState<number | null>(null);
  const writable = can('facilities.write');
  const data = settings.data;

  const importRoads = async (file: File) => {
    if (!data) return;
    let geojson: unknown;
    try {
      geojson = JSON.parse(await file.text());
    } catch (error) {
      reportError(error);
      return;
    }
    await write.run(() => facilitiesApi.importRoads(data.districtCode, geojson), { success: t('facilities.settings.roadsImported'), invalidates: ['facilities'] });
  };

  return (
    <Card size="small" title={t('facilities.settings.title')} data-testid="coverage-settings">
      {settings.error && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {!data && settings.isFetching && <Spin />}
      {data && (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'method', label: t('facilities.settings.method'), children: t(`facilities.method.${data.method}`, { factor: data.detourFactor }) },
            {
              key: 'factor',
              label: t('facilities.settings.detourFactor'),
              children: writable ? (
                <Flex gap={8}>
                  <Tooltip title={t('facilities.settings.detourHint')}>
                    <InputNumber min={1} max={3} step={0.05} precision={2} value={factor ?? data.detourFactor} onChange={setFactor} style={{ width: 100 }} />
                  </Tooltip>
                  <Button
                    disabled={factor === null || factor === data.detourFactor}
                    loading={write.busy}
                    onClick={() => factor !== null && void write.run(() => facilitiesApi.updateCoverageSettings(data.districtCode, factor), { success: t('facilities.settings.saved'), invalidates: ['facilities'], then: () => setFactor(null) })}
                  >
                    {t('common.save')}
                  </Button>
                </Flex>
              ) : (
                data.detourFactor
              ),
            },
            {
              key: 'roads',
              label: t('facilities.settings.roadNetwork'),
              children: (
                <Flex gap={8} wrap align="center">
                  {data.roadNetwork
                    ? t('facilities.settings.roadNetworkSummary', { nodes: data.roadNetwork.nodes, edges: data.roadNetwork.edges, km: data.roadNetwork.lengthKm.toFixed(1) })
                    : t('facilities.settings.roadNetworkNone')}
                  {writable && (
                    <Upload accept=".geojson,.json" showUploadList={false} beforeUpload={(file) => (void importRoads(file), false)}>
                      <Button size="small" icon={<UploadOutlined />} loading={write.busy}>
                        {t('facilities.settings.importRoads')}
                      </Button>
                    </Upload>
                  )}
                </Flex>
              ),
            },
            {
              key: 'computed',
              label: t('facilities.settings.computedAt'),
              children: (
                <Flex gap={8} wrap align="center">
                  {data.computedAt ? formatDateTime(data.computedAt, locale) : t('facilities.settings.never')}
                  {data.stale && <Tag color="orange">{t('facilities.settings.stale')}</Tag>}
                  {writable && (
                    <Button
                      size="small"
                      icon={<ReloadOutlined />}
                      loading={write.busy}
                      onClick={() => void write.run(() => facilitiesApi.recompute(data.districtCode), { success: t('facilities.settings.queued'), invalidates: ['facilities', 'settings'] })}
                    >
                      {t('facilities.settings.recompute')}
                    </Button>
                  )}
                </Flex>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
