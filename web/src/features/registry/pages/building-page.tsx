import { AppstoreOutlined, BankOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Segmented, Skeleton, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { houseTenures, registryApi, type BuildingHouse, type HouseTenure } from '../api.ts';
import { RecordCard, RecordFacts } from '../components/record-card.tsx';
import { tenureColors, TenureTag } from '../components/labels.tsx';
import { housePath } from '../components/paths.ts';
import { useApiQuery } from '../../../platform/query.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

type View = 'grid' | 'list';

/** One building: its houses as a 楼盘表 (units across, floors down) or a list; each opens the house. */
export function RegistryBuildingPage() {
  const { t } = useI18n();
  const { buildingId = '' } = useParams();
  const [view, setView] = useState<View>('grid');
  const building = useApiQuery(['registry', 'building', buildingId], (signal) => registryApi.building(buildingId, signal));
  const b = building.data;

  return (
    <>
      <RecordCard
        crumbs={[{ label: b?.name ?? '…' }]}
        query={building}
        title={<><BankOutlined /> {b?.name ?? t('registry.building')}</>}
        data-testid="building-card"
      >
        {b && (
          <RecordFacts
            items={[
              { key: 'address', label: t('registry.address'), children: b.address },
              { key: 'grid', label: t('registry.grid'), children: <Typography.Text code>{b.gridCode}</Typography.Text> },
              { key: 'use', label: t('registry.building.use'), children: t(`registry.use.${b.use}`) },
              { key: 'floors', label: t('registry.building.floors'), children: b.floors ?? '—' },
              { key: 'units', label: t('registry.building.units'), children: b.units ?? '—' },
              { key: 'houses', label: t('registry.houseCount'), children: b.houses.length },
              { key: 'people', label: t('registry.residentCount'), children: b.houses.reduce((sum, h) => sum + h.residentCount, 0) },
            ]}
          />
        )}
      </RecordCard>
      <Card
        style={{ marginTop: 16 }}
        title={t('registry.building.houses')}
        extra={
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: 'grid', label: t('registry.building.viewGrid'), icon: <AppstoreOutlined /> },
              { value: 'list', label: t('registry.building.viewList'), icon: <UnorderedListOutlined /> },
            ]}
          />
        }
      >
        {!b ? (
          <Skeleton active />
        ) : b.houses.length === 0 ? (
          <Empty description={t('registry.building.noHouses')} />
        ) : view === 'grid' ? (
          <FloorPlan houses={b.houses} />
        ) : (
          <Table<BuildingHouse>
            rowKey="id"
            size="small"
            dataSource={b.houses}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
            columns={[
              { title: t('registry.unit'), dataIndex: 'unit', width: 90, render: (v: string) => v || '—' },
              { title: t('registry.floor'), dataIndex: 'floor', width: 90, render: (v: number | null) => v ?? '—' },
              {
                title: t('registry.houseNumber'),
                dataIndex: 'number',
                render: (v: string, h) => <Link to={housePath(h.id)}>{v}</Link>,
              },
              { title: t('registry.tenure'), dataIndex: 'tenure', width: 110, render: (v: HouseTenure) => <TenureTag tenure={v} /> },
              { title: t('registry.households'), dataIndex: 'householdCount', width: 90, align: 'right' },
              { title: t('registry.residentCount'), dataIndex: 'residentCount', width: 90, align: 'right' },
            ]}
          />
        )}
      </Card>
    </>
  );
}

/** 楼盘表: one column of floors per unit, highest floor on top; a cell per house, coloured by tenure. */
function FloorPlan({ houses }: { houses: BuildingHouse[] }) {
  const { t } = useI18n();
  const units = [...new Set(houses.map((h) => h.unit))].sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }));
  return (
    <>
      <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('registry.building.legend')}</Typography.Text>
        {houseTenures.map((tenure) => (
          <Flex key={tenure} gap={6} align="center">
            <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 2, border: `2px solid ${tenureColors[tenure]}` }} />
            <span>{t(`registry.tenure.${tenure}`)}</span>
          </Flex>
        ))}
      </Flex>
      <Flex gap={16} wrap align="flex-start" data-testid="floor-plan">
        {units.map((unit) => {
          const inUnit = houses.filter((h) => h.unit === unit);
          const floors = [...new Set(inUnit.map((h) => h.floor))].sort((a, b) => (b ?? -999) - (a ?? -999));
          return (
            <Card key={unit || '-'} size="small" title={unit ? t('registry.unitValue', { unit }) : t('registry.building')} style={{ minWidth: 220 }}>
              <Flex vertical gap={6}>
                {floors.map((floor) => (
                  <Flex key={floor ?? 'none'} gap={6} align="center">
                    <Typography.Text type="secondary" style={{ width: 44, flex: 'none', fontSize: 12 }}>
                      {floor === null ? '—' : t('registry.floorValue', { floor })}
                    </Typography.Text>
                    {inUnit
                      .filter((h) => h.floor === floor)
                      .sort((a, b) => a.number.localeCompare(b.number, 'zh-CN', { numeric: true }))
                      .map((h) => (
                        <Tooltip key={h.id} title={`${t(`registry.tenure.${h.tenure}`)} · ${t('registry.building.peopleShort', { n: h.residentCount })}`}>
                          <Link to={housePath(h.id)}>
                            <Button
                              size="small"
                              style={{
                                width: 64,
                                height: 40,
                                flexDirection: 'column',
                                gap: 0,
                                lineHeight: 1.2,
                                borderColor: tenureColors[h.tenure],
                                borderWidth: 2,
                                background: h.tenure === 'vacant' ? '#f5f5f5' : undefined,
                              }}
                            >
                              <span style={{ fontWeight: 600 }}>{h.number}</span>
                              <span style={{ fontSize: 11, color: '#595959' }}>{t('registry.building.peopleShort', { n: h.residentCount })}</span>
                            </Button>
                          </Link>
                        </Tooltip>
                      ))}
                  </Flex>
                ))}
              </Flex>
            </Card>
          );
        })}
      </Flex>
    </>
  );
}
