import { HomeOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { Link } from 'react-router';
import { registryApi, type BuildingRow, type BuildingUse } from '../api.ts';
import { AreaFilter, areaCode } from '../components/area-filter.tsx';
import { RegistryExportButton } from '../components/export-button.tsx';
import { FilterBar, ListSearch } from '../../../platform/components/list-filters.tsx';
import { buildingPath } from '../components/paths.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

/** 以房管人: the buildings of the user's area, filtered by community and grid; each opens its houses. */
export function RegistryHousingPage() {
  const { t } = useI18n();
  const list = useListPage({
    queryKey: ['registry', 'buildings'],
    filters: (params) => ({ under: areaCode(params), q: params.get('q') || undefined }),
    load: (filters, paging, signal) => registryApi.buildings({ ...filters, ...paging }, signal),
  });

  return (
    <Card
      title={<><HomeOutlined /> {t('registry.housing.title')}</>}
      extra={<RegistryExportButton url={() => registryApi.buildingsExportUrl(list.filters)} />}
    >
      <FilterBar>
        <AreaFilter list={list} testId="housing-area" />
        <ListSearch list={list} placeholder={t('registry.housing.search')} style={{ width: 280 }} data-testid="housing-search" />
      </FilterBar>
      <ListTable<BuildingRow>
        list={list}
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
