import { CarryOutOutlined, EnvironmentOutlined, HomeOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Drawer, Empty, Flex, Input, List, Row, Skeleton, Statistic, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { registryApi, type HouseRow, type MyGrid, type Resident } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { MobileHeader } from '../../../platform/components/mobile-header.tsx';
import { Identifier, KeyGroupTags, KeyGroupTagView, relationLabel, VisitDue } from '../components/labels.tsx';
import { RecordVisitModal, type VisitTarget } from '../components/visit-modal.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

const visitTargetOf = (r: Resident): VisitTarget => ({ id: r.id, name: r.name, memberships: r.keyGroups.map((g) => ({ id: g.id, kind: g.kind, name: g.name })) });

const overdueQuery = { overdue: true, page: 1, pageSize: 20 };

/** /m/registry: a grid worker's phone view of their grid — find a house or a person, record a visit. */
export function RegistryMobilePage() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const [q, setQ] = useState('');
  const [visiting, setVisiting] = useState<VisitTarget | null>(null);
  const [person, setPerson] = useState<string | null>(null);
  const [house, setHouse] = useState<HouseRow | null>(null);
  const summary = useApiQuery(['registry', 'myGrid'], (signal) => registryApi.myGrid(signal));
  const found = useApiQuery(['registry', 'lookup', q], q ? (signal) => registryApi.lookup(q, signal) : null);
  const overdue = useApiQuery(['registry', 'keyGroupMembers', overdueQuery], (signal) => registryApi.keyGroupMembers(overdueQuery, signal));
  if (!me) return null;
  const mayVisit = can('registry.write');



  return (
    <div className="gz-mobile">
      <MobileHeader title={t('registry.m.title')} back={{ to: '/m', label: t('registry.m.back') }} />
      <main className="gz-mobile-main">
        {summary.error && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} style={{ marginBottom: 8 }} />}
        <GridSummary summary={summary.data} />

        <Input.Search
          size="large"
          allowClear
          maxLength={50}
          placeholder={t('registry.m.search')}
          enterButton={<SearchOutlined />}
          onSearch={(value) => setQ(value.trim())}
          style={{ marginTop: 12 }}
          data-testid="m-registry-search"
        />
        {!q && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 2px 0' }}>
            {t('registry.m.hint')}
          </Typography.Paragraph>
        )}
        {q && (
          <div style={{ marginTop: 8 }} data-testid="m-results">
            {found.error && <ErrorAlert error={found.error} onRetry={() => void found.refetch()} />}
            {found.isFetching && !found.data ? (
              <Card size="small">
                <Skeleton active />
              </Card>
            ) : found.data && found.data.houses.length === 0 && found.data.residents.length === 0 ? (
              <Card size="small">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.m.noResults', { q })} />
              </Card>
            ) : (
              <>
                {(found.data?.houses.length ?? 0) > 0 && (
                  <Card size="small" title={<><HomeOutlined /> {t('registry.m.houses')}</>} style={{ marginBottom: 8 }}>
                    <List
                      size="small"
                      dataSource={found.data?.houses ?? []}
                      renderItem={(h) => (
                        <List.Item key={h.id} onClick={() => setHouse(h)} style={{ cursor: 'pointer' }} data-testid="m-house">
                          <Flex justify="space-between" style={{ width: '100%' }}>
                            <span>{h.address}</span>
                            <Typography.Text type="secondary">{t('registry.building.peopleShort', { n: h.residentCount })}</Typography.Text>
                          </Flex>
                        </List.Item>
                      )}
                    />
                  </Card>
                )}
                {(found.data?.residents.length ?? 0) > 0 && (
                  <Card size="small" title={<><UserOutlined /> {t('registry.m.people')}</>}>
                    <List size="small" dataSource={found.data?.residents ?? []} renderItem={(r) => <PersonItem key={r.id} resident={r} onOpen={() => setPerson(r.id)} onVisit={mayVisit ? () => setVisiting(visitTargetOf(r)) : undefined} />} />
                  </Card>
                )}
              </>
            )}
          </div>
        )}

        <Typography.Text type="secondary" strong style={{ display: 'block', margin: '16px 0 8px' }}>
          {t('registry.m.overdueList')}
        </Typography.Text>
        {overdue.error && <ErrorAlert error={overdue.error} onRetry={() => void overdue.refetch()} />}
        <Card size="small">
          {overdue.isFetching && !overdue.data ? (
            <Skeleton active />
          ) : (
            <List
              size="small"
              dataSource={overdue.data?.items ?? []}
              locale={{ emptyText: t('registry.m.overdueEmpty') }}
              data-testid="m-overdue"
              renderItem={(m) => (
                <List.Item
                  key={m.id}
                  actions={visitActions(
                    t('registry.visit.record'),
                    mayVisit ? () => setVisiting({ id: m.residentId, name: m.resident.name, memberships: [{ id: m.id, kind: m.kind, name: m.name }] }) : undefined,
                  )}
                >
                  <Flex vertical gap={2} style={{ minWidth: 0, cursor: 'pointer' }} onClick={() => setPerson(m.residentId)}>
                    <Flex align="center" gap={6} wrap>
                      <Typography.Text strong>{m.resident.name}</Typography.Text>
                      <KeyGroupTagView kind={m.kind} name={m.name} />
                    </Flex>
                    <VisitDue nextVisitDue={m.nextVisitDue} />
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      </main>

      <HouseDrawer house={house} onClose={() => setHouse(null)} onPerson={setPerson} onVisit={mayVisit ? (r) => setVisiting(visitTargetOf(r)) : undefined} />
      <PersonDrawer residentId={person} onClose={() => setPerson(null)} onVisit={mayVisit ? setVisiting : undefined} />
      <RecordVisitModal target={visiting} onClose={() => setVisiting(null)} />
    </div>
  );
}

/** A list item's "record a visit" button, for those who may record visits. */
function visitActions(label: string, onVisit: (() => void) | undefined): ReactNode[] {
  return onVisit
    ? [
        <Button key="visit" size="small" onClick={onVisit}>
          {label}
        </Button>,
      ]
    : [];
}

function HouseDrawer({ house, onClose, onPerson, onVisit }: { house: HouseRow | null; onClose: () => void; onPerson: (id: string) => void; onVisit?: (r: Resident) => void }) {
  const { t } = useI18n();
  const detail = useApiQuery(['registry', 'house', house?.id, null], house ? (signal) => registryApi.house(house.id, null, signal) : null);
  const people = detail.data ? [...detail.data.households.flatMap((h) => h.members), ...detail.data.others] : [];
  return (
    <Drawer title={house?.address} placement="bottom" size="75%" open={house !== null} onClose={onClose} destroyOnHidden>
      {detail.error && <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.isFetching && !detail.data ? (
        <Skeleton active />
      ) : (
        <List
          size="small"
          header={<Typography.Text strong>{t('registry.m.housePeople')}</Typography.Text>}
          dataSource={people}
          locale={{ emptyText: t('registry.house.noHouseholds') }}
          renderItem={(r) => (
            <List.Item
              key={r.id}
              actions={visitActions(t('registry.visit.record'), onVisit && (() => onVisit(r)))}
            >
              <Flex vertical gap={2} style={{ cursor: 'pointer' }} onClick={() => onPerson(r.id)}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {relationLabel(t, r.relation)} · {t(`registry.gender.${r.gender}`)} · {t('registry.ageValue', { age: r.age })}
                </Typography.Text>
                {r.keyGroups.length > 0 && <KeyGroupTags groups={r.keyGroups} />}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}

function PersonDrawer({ residentId, onClose, onVisit }: { residentId: string | null; onClose: () => void; onVisit?: (target: VisitTarget) => void }) {
  const { t } = useI18n();
  const file = useApiQuery(['registry', 'resident', residentId, null], residentId ? (signal) => registryApi.resident(residentId, null, signal) : null);
  const r = file.data;
  return (
    <Drawer title={r?.name ?? ''} placement="bottom" size="85%" open={residentId !== null} onClose={onClose} destroyOnHidden data-testid="m-person">
      {file.error && <ErrorAlert error={file.error} onRetry={() => void file.refetch()} />}
      {!r ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'basic', label: t('registry.gender'), children: `${t(`registry.gender.${r.gender}`)} · ${t('registry.ageValue', { age: r.age })}` },
              { key: 'id', label: t('registry.idNumber'), children: <Identifier value={r.idNumber} revealed={r.revealed} /> },
              {
                key: 'phone',
                label: t('registry.phone'),
                children: <Identifier value={r.phone} revealed={r.revealed} />,
              },
              { key: 'address', label: t('registry.address'), children: r.address ?? t('registry.noAddress') },
              { key: 'relation', label: t('registry.relation'), children: relationLabel(t, r.relation) },
              { key: 'type', label: t('registry.residenceType'), children: t(`registry.residenceType.${r.residenceType}`) },
            ]}
          />
          {r.memberships.filter((m) => m.until === null).length > 0 && (
            <List
              size="small"
              style={{ marginTop: 12 }}
              header={<Typography.Text strong>{t('registry.resident.keyGroups')}</Typography.Text>}
              dataSource={r.memberships.filter((m) => m.until === null)}
              renderItem={(m) => (
                <List.Item key={m.id}>
                  <Flex vertical gap={2} align="flex-start">
                    <KeyGroupTagView kind={m.kind} name={m.name} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('registry.visit.lastVisited')}：{m.lastVisitedOn ?? '—'}
                    </Typography.Text>
                    <span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('registry.visit.nextDue')}：
                      </Typography.Text>
                      <VisitDue nextVisitDue={m.nextVisitDue} />
                    </span>
                  </Flex>
                </List.Item>
              )}
            />
          )}
          <List
            size="small"
            style={{ marginTop: 12 }}
            header={<Typography.Text strong>{t('registry.resident.visits')}</Typography.Text>}
            dataSource={r.visits.slice(0, 5)}
            locale={{ emptyText: t('registry.visit.empty') }}
            renderItem={(v) => (
              <List.Item key={v.id}>
                <Flex vertical gap={2}>
                  <Typography.Text>
                    {v.visitedOn} · {v.visitorName}
                  </Typography.Text>
                  {v.notes && <Typography.Text type="secondary">{v.notes}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
          {onVisit && r.status === 'active' && (
            <Button
              type="primary"
              block
              size="large"
              icon={<CarryOutOutlined />}
              style={{ marginTop: 12 }}
              onClick={() => onVisit({ id: r.id, name: r.name, memberships: r.memberships.filter((m) => m.until === null).map((m) => ({ id: m.id, kind: m.kind, name: m.name })) })}
              data-testid="m-person-visit"
            >
              {t('registry.visit.record')}
            </Button>
          )}
        </>
      )}
    </Drawer>
  );
}

/** A person found: name, age, address and groups; tap to open, and a visit button for who may record one. */
function PersonItem({ resident: r, onOpen, onVisit }: { resident: Resident; onOpen: () => void; onVisit?: () => void }) {
  const { t } = useI18n();
  return (
    <List.Item
      data-testid="m-resident"
      actions={
        onVisit
          ? [
              <Button key="visit" type="primary" size="small" icon={<CarryOutOutlined />} onClick={onVisit} data-testid="m-visit">
                {t('registry.visit.record')}
              </Button>,
            ]
          : []
      }
    >
      <Flex vertical gap={2} style={{ minWidth: 0, cursor: 'pointer' }} onClick={onOpen}>
        <Flex align="center" gap={6} wrap>
          <Typography.Text strong>{r.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`registry.gender.${r.gender}`)} · {t('registry.ageValue', { age: r.age })}
            {r.relation ? ` · ${relationLabel(t, r.relation)}` : ''}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <EnvironmentOutlined /> {r.address ?? t('registry.noAddress')}
        </Typography.Text>
        {r.keyGroups.length > 0 && (
          <div>
            <KeyGroupTags groups={r.keyGroups} />
          </div>
        )}
      </Flex>
    </List.Item>
  );
}

/** The worker's grids and what is due there. */
function GridSummary({ summary }: { summary: MyGrid | undefined }) {
  const { t } = useI18n();
  const counts = summary?.counts;
  return (
    <Card size="small" data-testid="m-summary">
      {!summary ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <>
          <Typography.Text strong>
            <EnvironmentOutlined style={{ color: '#1a4f9c' }} /> {summary.grids.map((g) => g.name).join('、') || '—'}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px', fontSize: 12 }}>
            {counts && t('registry.m.counts', { buildings: counts.buildings, houses: counts.houses, residents: counts.residents })}
          </Typography.Paragraph>
          <Row gutter={8}>
            <Col span={8}>
              <Statistic title={t('registry.m.overdue')} value={counts?.overdue ?? 0} styles={{ content: { color: counts?.overdue ? '#cf1322' : undefined, fontSize: 20 } }} />
            </Col>
            <Col span={8}>
              <Statistic title={t('registry.m.dueThisWeek')} value={counts?.dueThisWeek ?? 0} styles={{ content: { color: '#ad4e00', fontSize: 20 } }} />
            </Col>
            <Col span={8}>
              <Statistic title={t('registry.m.keyGroupMembers')} value={counts?.keyGroupMembers ?? 0} styles={{ content: { fontSize: 20 } }} />
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}
