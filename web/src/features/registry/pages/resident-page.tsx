import { CarryOutOutlined, FileTextOutlined, IdcardOutlined, ManOutlined, WomanOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { registryApi, type Membership, type ResidentFile, type ResidentVisit } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { RecordCard, RecordFacts, RecordRoute, useMaskedRecord } from '../components/record-card.tsx';
import type { Crumb } from '../components/breadcrumb.tsx';
import {
  educationLabel,
  Identifier,
  KeyGroupTagView,
  keyGroupLabel,
  membershipDetails,
  politicalLabel,
  relationLabel,
  ResidenceTypeTag,
  ResidentStatusTag,
  VisitDue,
  visitMethodLabel,
} from '../components/labels.tsx';
import { householdPath, housePath, residentsPath } from '../components/paths.ts';
import { RecordVisitModal, type VisitTarget } from '../components/visit-modal.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

type HistoryRow = ResidentFile['history'][number];

/** 一人一档: a person's record (masked until revealed with a reason), residence history, key groups and visits. */
export function RegistryResidentPage() {
  return <RecordRoute param="residentId" view={ResidentView} />;
}

function ResidentView({ id: residentId }: { id: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [visiting, setVisiting] = useState<VisitTarget | null>(null);
  const { query: file, reveal, revealButton } = useMaskedRecord('resident', residentId, registryApi.resident);
  const kinds = useApiQuery(['registry', 'keyGroupKinds'], (signal) => registryApi.keyGroupKinds(signal));
  const r = file.data;

  const crumbs: Crumb[] = r?.houseId && r.address ? [{ label: r.address, to: housePath(r.houseId) }, { label: r.name }] : [{ label: r?.name ?? '…' }];
  const root: Crumb | undefined = r?.houseId ? undefined : { label: t('registry.menu.residents'), to: residentsPath };
  const openMemberships = r?.memberships.filter((m) => m.until === null) ?? [];
  const visitTarget = (membership?: Membership): VisitTarget | null =>
    r ? { id: r.id, name: r.name, memberships: (membership ? [membership] : openMemberships).map((m) => ({ id: m.id, kind: m.kind, name: m.name })) } : null;

  return (
    <>
      <RecordCard
        crumbs={crumbs}
        root={root}
        query={file}
        revealedFor={r?.revealed ? reveal : null}
        data-testid="resident-file"
        data-revealed={r?.revealed ? 'true' : 'false'}
        title={
          r ? (
            <Flex align="center" gap={10} wrap>
              <IdcardOutlined />
              <span data-testid="resident-name">{r.name}</span>
              {r.gender === 'male' ? <ManOutlined style={{ color: '#2f6fde' }} /> : <WomanOutlined style={{ color: '#d6336c' }} />}
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {t('registry.ageValue', { age: r.age })}
              </Typography.Text>
              <ResidentStatusTag status={r.status} />
              <ResidenceTypeTag type={r.residenceType} />
            </Flex>
          ) : (
            t('registry.resident.title')
          )
        }
        extra={
          r && (
            <Space wrap>
              {revealButton}
              {r.householdId && (
                <Link to={householdPath(r.householdId)}>
                  <Button icon={<FileTextOutlined />}>{t('registry.resident.openHousehold')}</Button>
                </Link>
              )}
              {can('registry.write') && r.status === 'active' && (
                <Button type="primary" icon={<CarryOutOutlined />} onClick={() => setVisiting(visitTarget())} data-testid="resident-visit">
                  {t('registry.visit.record')}
                </Button>
              )}
            </Space>
          )
        }
      >
        {r && <ResidentBasics resident={r} />}
      </RecordCard>

      {r && (
        <>
          <Card title={t('registry.resident.keyGroups')} style={{ marginTop: 16 }} size="small" data-testid="resident-memberships">
            {r.memberships.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.resident.keyGroupsEmpty')} />
            ) : (
              <Table<Membership>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={r.memberships}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    title: t('registry.keyGroups.kind'),
                    dataIndex: 'kind',
                    render: (kind: string, m) => (
                      <>
                        <KeyGroupTagView kind={kind} name={m.name} />
                        {m.sensitive && <Tag color="red">{t('registry.keyGroups.sensitive')}</Tag>}
                        {m.until && <Tag>{t('registry.status.moved_out')}</Tag>}
                      </>
                    ),
                  },
                  { title: t('registry.resident.since'), dataIndex: 'since', width: 110 },
                  {
                    title: t('registry.resident.details'),
                    dataIndex: 'fields',
                    render: (fields: Record<string, unknown>, m) => {
                      const details = membershipDetails(t, fields, kinds.data?.find((k) => k.code === m.kind)?.fieldDefinitions);
                      return details.length === 0
                        ? '—'
                        : details.map((d) => (
                            <div key={d.key} style={{ whiteSpace: 'nowrap' }}>
                              <Typography.Text type="secondary">{d.label}：</Typography.Text>
                              {d.value}
                            </div>
                          ));
                    },
                  },
                  {
                    title: t('registry.visit.every'),
                    dataIndex: 'visitEveryDays',
                    width: 100,
                    render: (v: number | null) => (v ? t('registry.visit.everyDays', { days: v }) : t('registry.visit.notScheduled')),
                  },
                  { title: t('registry.visit.lastVisited'), dataIndex: 'lastVisitedOn', width: 110, render: (v: string | null) => v ?? '—' },
                  { title: t('registry.visit.nextDue'), dataIndex: 'nextVisitDue', render: (v: string | null) => <VisitDue nextVisitDue={v} /> },
                  ...(can('registry.write')
                    ? [
                        {
                          title: t('common.actions'),
                          key: 'actions',
                          width: 100,
                          render: (_: unknown, m: Membership) =>
                            m.until === null && (
                              <Button type="link" size="small" onClick={() => setVisiting(visitTarget(m))}>
                                {t('registry.visit.record')}
                              </Button>
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </Card>

          <VisitsCard file={r} />
          <HistoryCard history={r.history} />
        </>
      )}
      <RecordVisitModal target={visiting} onClose={() => setVisiting(null)} />
    </>
  );
}

/** A small table of the file in a card of its own. */
function FileTable<T extends { id: string }>({ title, testId, rows, emptyText, columns, paged }: { title: string; testId: string; rows: T[]; emptyText: string; columns: TableColumnsType<T>; paged?: boolean }) {
  return (
    <Card title={title} style={{ marginTop: 16 }} size="small" data-testid={testId}>
      <Table<T>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={paged ? { pageSize: 10, hideOnSinglePage: true } : false}
        locale={{ emptyText }}
        columns={columns}
      />
    </Card>
  );
}

/** The latest visits, each with the key group it was for. */
function VisitsCard({ file: r }: { file: ResidentFile }) {
  const { t } = useI18n();
  return (
    <FileTable<ResidentVisit>
      title={t('registry.resident.visits')}
      testId="resident-visits"
      rows={r.visits}
      emptyText={t('registry.visit.empty')}
      paged
      columns={[
      { title: t('registry.visit.date'), dataIndex: 'visitedOn', width: 110 },
      {
        title: t('registry.visit.method'),
        dataIndex: 'method',
        width: 110,
        render: (v: string) => visitMethodLabel(t, v),
      },
      { title: t('registry.visit.visitor'), dataIndex: 'visitorName', width: 160 },
      {
        title: t('registry.visit.membership'),
        dataIndex: 'membershipId',
        width: 150,
        render: (id: string | null) => {
          const m = id ? r.memberships.find((x) => x.id === id) : undefined;
          return m ? keyGroupLabel(t, m.kind, m.name) : t('registry.visit.allMemberships');
        },
      },
      { title: t('registry.visit.notes'), dataIndex: 'notes', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

/** Where the person has lived, newest first. */
function HistoryCard({ history }: { history: HistoryRow[] }) {
  const { t } = useI18n();
  return (
    <FileTable<HistoryRow>
      title={t('registry.resident.history')}
      testId="resident-history"
      rows={history}
      emptyText={t('registry.resident.historyEmpty')}
      columns={[
      {
        title: t('registry.address'),
        dataIndex: 'address',
        render: (v: string | null, row) => (row.houseId && v ? <Link to={housePath(row.houseId)}>{v}</Link> : (v ?? '—')),
      },
      { title: t('registry.relation'), dataIndex: 'relation', width: 120, render: (v: string | null) => relationLabel(t, v) },
      { title: t('registry.household.movedIn'), dataIndex: 'movedInOn', width: 120 },
      {
        title: t('registry.household.movedOut'),
        dataIndex: 'movedOutOn',
        width: 120,
        render: (v: string | null) => v ?? <Tag color="green">{t('registry.household.untilNow')}</Tag>,
      },
      { title: t('registry.household.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

/** The record itself: identifiers (masked unless revealed), person, address and groups. */
function ResidentBasics({ resident: r }: { resident: ResidentFile }) {
  const { t } = useI18n();
  return (
    <RecordFacts
      bordered
      column={{ xs: 1, sm: 2, xl: 3 }}
      data-testid="resident-basic"
      items={[
        { key: 'id', label: t('registry.idNumber'), children: <Identifier value={r.idNumber} revealed={r.revealed} /> },
        { key: 'birth', label: t('registry.birthDate'), children: <Identifier value={r.birthDate} revealed={r.revealed} /> },
        { key: 'phone', label: t('registry.phone'), children: <Identifier value={r.phone} revealed={r.revealed} /> },
        { key: 'gender', label: t('registry.gender'), children: t(`registry.gender.${r.gender}`) },
        { key: 'ethnicity', label: t('registry.ethnicity'), children: r.ethnicity ?? '—' },
        { key: 'education', label: t('registry.education'), children: educationLabel(t, r.education) },
        { key: 'political', label: t('registry.politicalStatus'), children: politicalLabel(t, r.politicalStatus) },
        { key: 'employer', label: t('registry.employer'), children: r.employer ?? '—' },
        { key: 'arrived', label: t('registry.arrivedOn'), children: r.arrivedOn ?? '—' },
        {
          key: 'address',
          label: t('registry.address'),
          span: 2,
          children: r.houseId && r.address ? <Link to={housePath(r.houseId)}>{r.address}</Link> : t('registry.noAddress'),
        },
        { key: 'relation', label: t('registry.relation'), children: relationLabel(t, r.relation) },
        { key: 'grid', label: t('registry.grid'), children: <Typography.Text code>{r.gridCode}</Typography.Text> },
        {
          key: 'groups',
          label: t('registry.keyGroups'),
          span: 2,
          children: r.keyGroups.length ? r.keyGroups.map((g) => <KeyGroupTagView key={g.id} kind={g.kind} name={g.name} />) : t('registry.none'),
        },
        { key: 'notes', label: t('registry.notes'), span: 'filled', children: r.notes ?? '—' },
      ]}
    />
  );
}
