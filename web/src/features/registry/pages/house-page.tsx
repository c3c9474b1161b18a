import { FileTextOutlined, HomeOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Space, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { registryApi, type HouseDetail } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { RecordCard, RecordFacts, RecordRoute, useMaskedRecord } from '../components/record-card.tsx';
import { TenureTag } from '../components/labels.tsx';
import { buildingPath, householdPath } from '../components/paths.ts';
import { ResidentTable } from '../components/resident-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

/** One house (以房管人): its households and the people in each. */
export function RegistryHousePage() {
  return <RecordRoute param="houseId" view={HouseView} />;
}

function HouseView({ id: houseId }: { id: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { query: house, reveal, revealButton } = useMaskedRecord('house', houseId, registryApi.house);
  const h = house.data;
  const shownInClear = h ? [...h.households.flatMap((hh) => hh.members), ...h.others].some((m) => m.revealed) : false;

  return (
    <>
      <RecordCard
        crumbs={h ? [{ label: h.buildingName, to: buildingPath(h.buildingId) }, { label: h.address }] : [{ label: '…' }]}
        query={house}
        revealedFor={shownInClear ? reveal : null}
        title={<><HomeOutlined /> {h?.address ?? t('registry.house.title')}</>}
        extra={revealButton}
        data-testid="house-card"
      >
        {h && (
          <RecordFacts
            items={[
              { key: 'building', label: t('registry.building'), children: <Link to={buildingPath(h.buildingId)}>{h.buildingName}</Link> },
              { key: 'unit', label: t('registry.unit'), children: h.unit || '—' },
              { key: 'floor', label: t('registry.floor'), children: h.floor ?? '—' },
              { key: 'number', label: t('registry.houseNumber'), children: h.number },
              { key: 'tenure', label: t('registry.tenure'), children: <TenureTag tenure={h.tenure} /> },
              { key: 'area', label: t('registry.house.area'), children: h.area === null ? '—' : t('registry.house.areaValue', { area: h.area }) },
              { key: 'grid', label: t('registry.grid'), children: <Typography.Text code>{h.gridCode}</Typography.Text> },
              { key: 'notes', label: t('registry.notes'), children: h.notes ?? '—' },
            ]}
          />
        )}
      </RecordCard>
      {h && h.households.length === 0 && h.others.length === 0 && (
        <Card style={{ marginTop: 16 }}>
          <Empty description={t('registry.house.noHouseholds')} />
        </Card>
      )}
      {h?.households.map((household) => (
        <HouseholdCard key={household.id} household={household} reveal={reveal} canPrint={can('registry.export')} />
      ))}
      {h && h.others.length > 0 && (
        <Card style={{ marginTop: 16 }} size="small" title={t('registry.house.others')}>
          <ResidentTable residents={h.others} />
        </Card>
      )}
    </>
  );
}

function HouseholdCard({ household, reveal, canPrint }: { household: HouseDetail['households'][number]; reveal: string | null; canPrint: boolean }) {
  const { t } = useI18n();
  const head = household.members.find((m) => m.id === household.headResidentId) ?? household.members.find((m) => m.relation === 'head');
  return (
    <Card
      style={{ marginTop: 16 }}
      size="small"
      data-testid="household-card"
      title={
        <Flex gap={8} align="center">
          <span>{t('registry.householdNumber', { number: household.number })}</span>
          {head && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('registry.head')}：{head.name}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={
        <Space size={0}>
          <Link to={householdPath(household.id)} data-testid="household-open">
            <Button type="link" size="small" icon={<FileTextOutlined />}>
              {t('registry.house.householdFile')}
            </Button>
          </Link>
          {canPrint && (
            <Tooltip title={t('registry.household.printHint')}>
              <Button type="link" size="small" icon={<PrinterOutlined />} href={registryApi.householdPrintUrl(household.id, reveal)} target="_blank">
                {t('registry.household.print')}
              </Button>
            </Tooltip>
          )}
        </Space>
      }
    >
      <ResidentTable residents={household.members} showRelation />
    </Card>
  );
}
