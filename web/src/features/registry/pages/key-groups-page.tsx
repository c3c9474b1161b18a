import { HeartOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { registryApi, type KeyGroupMember, type MemberQuery } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { AreaFilter, areaCode } from '../components/area-filter.tsx';
import { Identifier, KeyGroupTagView, keyGroupLabel, membershipDetails, VisitDue } from '../components/labels.tsx';
import { RegistryExportButton } from '../components/export-button.tsx';
import { residentPath } from '../components/paths.ts';
import { FilterBar } from '../../../platform/components/list-filters.tsx';
import { RecordVisitModal, type VisitTarget } from '../components/visit-modal.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

type Due = 'all' | 'overdue' | 'week';
const ALL = '';

function memberQuery({ kind, under, due }: { kind: string; under?: string; due: Due }): MemberQuery {
  return {
    kind: kind || undefined,
    under,
    overdue: due === 'overdue' ? true : undefined,
    dueWithinDays: due === 'week' ? 7 : undefined,
  };
}

/** 重点人群: members by kind with their visit schedule; who is overdue shows in red; record a visit; export. */
export function RegistryKeyGroupsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [visiting, setVisiting] = useState<VisitTarget | null>(null);
  const list = useListPage({
    queryKey: ['registry', 'keyGroupMembers'],
    filters: (params) => {
      const dueParam = params.get('due');
      const due: Due = dueParam === 'overdue' || dueParam === 'week' ? dueParam : 'all';
      return { kind: params.get('kind') ?? ALL, under: areaCode(params), due };
    },
    load: (filters, paging, signal) => registryApi.keyGroupMembers({ ...memberQuery(filters), ...paging }, signal),
  });
  const { kind, due } = list.filters;
  const kinds = useApiQuery(['registry', 'keyGroupKinds'], (signal) => registryApi.keyGroupKinds(signal));
  const update = list.update;

  return (
    <Card
      title={<><HeartOutlined /> {t('registry.keyGroups.title')}</>}
      extra={<RegistryExportButton url={() => registryApi.keyGroupExportUrl(memberQuery(list.filters))} testId="key-groups-export" />}
    >
      <Tabs
        activeKey={kind}
        onChange={(key) => update({ kind: key || undefined })}
        items={[
          { key: ALL, label: t('registry.keyGroups.all') },
          ...(kinds.data ?? []).map((k) => ({
            key: k.code,
            label: (
              <span>
                {keyGroupLabel(t, k.code, k.name)}
                {k.sensitive && (
                  <Tag color="red" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                    {t('registry.keyGroups.sensitive')}
                  </Tag>
                )}
              </span>
            ),
          })),
        ]}
      />
      <FilterBar align="center">
        <AreaFilter list={list} testId="key-groups-area" />
        <Segmented<Due>
          value={due}
          onChange={(value) => update({ due: value === 'all' ? undefined : value })}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'overdue', label: t('registry.keyGroups.overdueOnly') },
            { value: 'week', label: t('registry.keyGroups.dueWithin') },
          ]}
          data-testid="key-groups-due"
        />
      </FilterBar>
      <ListTable<KeyGroupMember>
        list={list}
        scroll={{ x: 'max-content' }}
        data-testid="key-groups-table"
        emptyText={t('registry.keyGroups.empty')}
        columns={[
          {
            title: t('registry.name'),
            key: 'name',
            fixed: 'left',
            render: (_: unknown, m) => (
              <Link to={residentPath(m.residentId)}>
                <Typography.Text strong style={{ color: 'inherit' }}>
                  {m.resident.name}
                </Typography.Text>
              </Link>
            ),
          },
          { title: t('registry.gender'), key: 'gender', width: 60, render: (_: unknown, m) => t(`registry.gender.${m.resident.gender}`) },
          { title: t('registry.age'), key: 'age', width: 64, align: 'right', render: (_: unknown, m) => m.resident.age },
          {
            title: t('registry.keyGroups.kind'),
            dataIndex: 'kind',
            render: (value: string, m) => <KeyGroupTagView kind={value} name={m.name} />,
          },
          { title: t('registry.visit.nextDue'), dataIndex: 'nextVisitDue', render: (v: string | null) => <VisitDue nextVisitDue={v} /> },
          { title: t('registry.visit.lastVisited'), dataIndex: 'lastVisitedOn', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: t('registry.resident.details'),
            dataIndex: 'fields',
            width: 240,
            ellipsis: { showTitle: true },
            render: (fields: Record<string, unknown>, m) => {
              const details = membershipDetails(t, fields, kinds.data?.find((k) => k.code === m.kind)?.fieldDefinitions);
              return details.length ? details.map((d) => `${d.label}：${d.value}`).join('；') : '—';
            },
          },
          { title: t('registry.address'), key: 'address', render: (_: unknown, m) => m.resident.address ?? '—' },
          { title: t('registry.phone'), key: 'phone', render: (_: unknown, m) => <Identifier value={m.resident.phone} revealed={m.resident.revealed} /> },
          ...(can('registry.write')
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  fixed: 'right' as const,
                  render: (_: unknown, m: KeyGroupMember) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setVisiting({ id: m.residentId, name: m.resident.name, memberships: [{ id: m.id, kind: m.kind, name: m.name }] })}
                    >
                      {t('registry.visit.record')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <RecordVisitModal target={visiting} onClose={() => setVisiting(null)} />
    </Card>
  );
}
