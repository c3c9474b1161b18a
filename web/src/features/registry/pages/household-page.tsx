import { FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { registryApi, type HouseholdFile } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { RecordCard, RecordFacts, RecordRoute, useMaskedRecord } from '../components/record-card.tsx';
import { relationLabel, TenureTag } from '../components/labels.tsx';
import { buildingPath, housePath, residentPath } from '../components/paths.ts';
import { ResidentTable } from '../components/resident-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

type HistoryRow = HouseholdFile['history'][number];

/** 户档 (一户一档): the household's house, members and who moved in and out; printable. */
export function RegistryHouseholdPage() {
  return <RecordRoute param="householdId" view={HouseholdView} />;
}

function HouseholdView({ id: householdId }: { id: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { query: household, reveal, revealButton } = useMaskedRecord('household', householdId, registryApi.household);
  const h = household.data;
  const head = h?.members.find((m) => m.id === h.headResidentId);

  return (
    <>
      <RecordCard
        crumbs={
          h
            ? [
                { label: h.house.buildingName, to: buildingPath(h.house.buildingId) },
                { label: h.address, to: housePath(h.house.id) },
                { label: t('registry.householdNumber', { number: h.number }) },
              ]
            : [{ label: '…' }]
        }
        query={household}
        revealedFor={h?.members.some((m) => m.revealed) ? reveal : null}
        title={<><FileTextOutlined /> {t('registry.household.title')}</>}
        data-testid="household-file"
        extra={
          <Space>
            {revealButton}
            {can('registry.export') && (
              <Tooltip title={t('registry.household.printHint')}>
                <Button icon={<PrinterOutlined />} href={registryApi.householdPrintUrl(householdId, reveal)} target="_blank" data-testid="household-print">
                  {t('registry.household.print')}
                </Button>
              </Tooltip>
            )}
          </Space>
        }
      >
        {h && (
          <>
            <RecordFacts
              bordered
              items={[
                { key: 'address', label: t('registry.address'), children: <Link to={housePath(h.house.id)}>{h.address}</Link> },
                { key: 'number', label: t('registry.ledger.householdNumber'), children: h.number },
                { key: 'head', label: t('registry.head'), children: head ? <Link to={residentPath(head.id)}>{head.name}</Link> : '—' },
                { key: 'tenure', label: t('registry.tenure'), children: <TenureTag tenure={h.house.tenure} /> },
                { key: 'count', label: t('registry.household.memberCount'), children: h.members.length },
                { key: 'grid', label: t('registry.grid'), children: <Typography.Text code>{h.gridCode}</Typography.Text> },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              {t('registry.household.members')}
            </Typography.Title>
            <ResidentTable residents={h.members} showRelation testId="household-members" />
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              {t('registry.household.history')}
            </Typography.Title>
            <Table<HistoryRow>
              rowKey={(row) => `${row.residentId}:${row.movedInOn}`}
              size="small"
              dataSource={h.history}
              pagination={false}
              columns={[
                { title: t('registry.name'), dataIndex: 'name', render: (v: string, row) => <Link to={residentPath(row.residentId)}>{v}</Link> },
                { title: t('registry.relation'), dataIndex: 'relation', render: (v: string | null) => relationLabel(t, v) },
                { title: t('registry.household.movedIn'), dataIndex: 'movedInOn', width: 130 },
                {
                  title: t('registry.household.movedOut'),
                  dataIndex: 'movedOutOn',
                  width: 130,
                  render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('registry.household.untilNow')}</Typography.Text>,
                },
                { title: t('registry.household.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
              ]}
            />
          </>
        )}
      </RecordCard>
    </>
  );
}
