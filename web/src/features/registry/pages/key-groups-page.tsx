import { DownloadOutlined, HeartOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { registryApi, type KeyGroupMember, type MemberQuery } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { AreaFilter, areaCode } from '../components/area-filter.tsx';
import { downloadFile, Identifier, KeyGroupTagView, keyGroupLabel, membershipDetails, VisitDue } from '../components/labels.tsx';
import { residentPath } from '../components/paths.ts';
import { RecordVisitModal, type VisitTarget } from '../components/visit-modal.tsx';
import { useRequest } from '../../../platform/use-request.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

type Due = 'all' | 'overdue' | 'week';
const ALL = '';

/** 重点人群: members by kind with their visit schedule; who is overdue shows in red; record a visit; export. */
export function RegistryKeyGroupsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? ALL;
  const under = params.get('under') ?? undefined;
  const grid = params.get('grid') ?? undefined;
  const dueParam = params.get('due');
  const due: Due = dueParam === 'overdue' || dueParam === 'week' ? dueParam : 'all';
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '20') || 20;
  const [visiting, setVisiting] = useState<VisitTarget | null>(null);

  const query: MemberQuery = {
    kind: kind || undefined,
    under: areaCode({ under, grid }),
    overdue: due === 'overdue' ? true : undefined,
    dueWithinDays: due === 'week' ? 7 : undefined,
  };
  const kinds = useRequest((signal) => registryApi.keyGroupKinds(signal), []);
  const members = useRequest(
    (signal) => registryApi.keyGroupMembers({ ...query, page, pageSize }, signal),
    [kind, under, grid, due, page, pageSize],
  );

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <Card
      title={<><HeartOutlined /> {t('registry.keyGroups.title')}</>}
      extra={
        can('registry.export') && (
          <Tooltip title={t('registry.exportHint')}>
            <Button icon={<DownloadOutlined />} onClick={() => downloadFile(registryApi.keyGroupExportUrl(query))} data-testid="key-groups-export">
              {t('registry.export')}
            </Button>
          </Tooltip>
        )
      }
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
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <AreaFilter value={{ under, grid }} onChange={(next) => update({ under: next.under, grid: next.grid })} testId="key-groups-area" />
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
      </Flex>
      {members.error && <ErrorAlert error={members.error} onRetry={members.reload} style={{ marginBottom: 16 }} />}
      <Table<KeyGroupMember>
        rowKey="id"
        size="middle"
        loading={members.loading}
        dataSource={members.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="key-groups-table"
        locale={{ emptyText: t('registry.keyGroups.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: members.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('registry.keyGroups.summary', { total }),
          onChange: (nextPage, nextSize) => update({ page: String(nextPage), pageSize: String(nextSize) }),
        }}
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
      <RecordVisitModal target={visiting} onClose={() => setVisiting(null)} onSaved={members.reload} />
    </Card>
  );
}
