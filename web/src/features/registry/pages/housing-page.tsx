import { DownloadOutlined, HomeOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { registryApi, type BuildingRow, type BuildingUse } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { AreaFilter, areaCode, type AreaValue } from '../components/area-filter.tsx';
import { downloadFile } from '../components/labels.tsx';
import { buildingPath } from '../components/paths.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

/** 以房管人: the buildings of the user's area, filtered by community and grid; each opens its houses. */
export function RegistryHousingPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useListPage({
    queryKey: ['registry', 'buildings'],
    filters: (params) => ({ area: { under: params.get('under') ?? undefined, grid: params.get('grid') ?? undefined } as AreaValue, q: params.get('q') ?? '' }),
    load: ({ area, q }, paging, signal) => registryApi.buildings({ under: areaCode(area), q: q || undefined, ...paging }, signal),
  });
  const { area, q } = list.filters;
  const [search, setSearch] = useState(q);
  const under = areaCode(area);

  const update = list.update;

  return (
    <Card
      title={<><HomeOutlined /> {t('registry.housing.title')}</>}
      extra={
        can('registry.export') && (
          <Tooltip title={t('registry.exportHint')}>
            <Button icon={<DownloadOutlined />} onClick={() => downloadFile(registryApi.buildingsExportUrl({ under, q: q || undefined }))}>
              {t('registry.export')}
            </Button>
          </Tooltip>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <AreaFilter value={area} onChange={(next) => update({ under: next.under, grid: next.grid })} testId="housing-area" />
        <Input.Search
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          allowClear
          placeholder={t('registry.housing.search')}
          style={{ width: 280 }}
          enterButton={t('common.search')}
          data-testid="housing-search"
        />
      </Flex>
      <ListTable<BuildingRow>
        list={list}
        rowKey="id"
        size="middle"
        data-testid="housing-table"
        emptyText={t('registry.housing.empty')}
        columns={[
          {
            title: t('registry.building'),
            dataIndex: 'name',
            render: (name: string, b) => (
              <Link to={buildingPath(b.id)}>
                <Typography.Text strong style={{ color: 'inherit' }}>
                  {name}
                </Typography.Text>
              </Link>
            ),
          },
          { title: t('registry.address'), dataIndex: 'address' },
          { title: t('registry.grid'), dataIndex: 'gridCode', width: 160, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
          { title: t('registry.building.floors'), dataIndex: 'floors', width: 80, align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t('registry.building.units'), dataIndex: 'units', width: 80, align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t('registry.building.use'), dataIndex: 'use', width: 100, render: (v: BuildingUse) => t(`registry.use.${v}`) },
          { title: t('registry.houseCount'), dataIndex: 'houseCount', width: 90, align: 'right' },
          { title: t('registry.residentCount'), dataIndex: 'residentCount', width: 90, align: 'right' },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, b) => (
              <Link to={buildingPath(b.id)}>
                <Button type="link" size="small">
                  {t('registry.open')}
                </Button>
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
