import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, ShopOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { useReportError } from '../../../platform/components/feedback.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { facilitiesApi, lifeCircleLevels, type Facility, type FacilityFilters, type ImportFormat, type LifeCircleLevel } from '../api.ts';
import { FacilityFormModal } from '../components/facility-form.tsx';
import { FacilityImportModal } from '../components/facility-import.tsx';
import { LevelTag, useKinds } from '../components/labels.tsx';

function levelOf(value: string | null): LifeCircleLevel | undefined {
  return lifeCircleLevels.find((level) => level === value);
}

/** 服务设施台账: the facilities of the user's area by community, kind and circle; add, edit, delete, export and import. */
export function FacilitiesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const scope = useScopeNodes();
  const { kinds, nameOf } = useKinds();
  const reportError = useReportError();
  const { message } = App.useApp();
  const write = useWrite();
  const list = useListPage({
    queryKey: ['facilities', 'list'],
    filters: (params): FacilityFilters => ({
      under: params.get('under') ?? undefined,
      kind: params.get('kind') ?? undefined,
      level: levelOf(params.get('level')),
      q: params.get('q') ?? undefined,
    }),
    load: (filters, paging, signal) => facilitiesApi.list({ ...filters, ...paging }, signal),
  });
  const { under, kind, level, q } = list.filters;
  const [search, setSearch] = useState(q ?? '');
  const [editing, setEditing] = useState<Facility | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const writable = can('facilities.write');

  const exportAs = (format: ImportFormat) =>
    facilitiesApi.exportFile(format, { under, kind, level }).then(
      () => void message.success(t('facilities.list.exported')),
      (error: unknown) => void reportError(error),
    );
  const remove = (facility: Facility) =>
    write.run(() => facilitiesApi.remove(facility.id, facility.version), { success: t('facilities.list.deleted'), invalidates: ['facilities'] });

  return (
    <Card
      title={<><ShopOutlined /> {t('facilities.list.title')}</>}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void exportAs('xlsx')} data-testid="facilities-export-xlsx">
            {t('facilities.list.exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportAs('geojson')} data-testid="facilities-export-geojson">
            {t('facilities.list.exportGeojson')}
          </Button>
          {writable && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="facilities-import">
              {t('facilities.list.import')}
            </Button>
          )}
          {writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="facilities-add">
              {t('facilities.list.add')}
            </Button>
          )}
        </Space>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <OrgNodeSelect
          value={under}
          onChange={(code) => list.update({ under: code })}
          levels={['district', 'street', 'community']}
          suggestions={scope.data?.suggestions}
          placeholder={t('facilities.list.under')}
          allowClear
          style={{ width: 220 }}
          testId="facilities-under"
        />
        <Select<string>
          value={kind}
          onChange={(value) => list.update({ kind: value })}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('facilities.field.kind')}
          style={{ width: 200 }}
          options={kinds.map((k) => ({ value: k.code, label: nameOf(k.code) }))}
          data-testid="facilities-kind"
        />
        <Select<LifeCircleLevel>
          value={level}
          onChange={(value) => list.update({ level: value })}
          allowClear
          placeholder={t('facilities.field.level')}
          style={{ width: 160 }}
          options={lifeCircleLevels.map((v) => ({ value: v, label: t(`facilities.level.${v}`) }))}
        />
        <Input.Search
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => list.update({ q: value.trim() || undefined })}
          allowClear
          maxLength={50}
          placeholder={t('facilities.list.search')}
          style={{ width: 260 }}
          enterButton={t('common.search')}
          data-testid="facilities-search"
        />
      </Flex>
      <ListTable<Facility>
        list={list}
        rowKey="id"
        size="middle"
        scroll={{ x: 1100 }}
        data-testid="facilities-table"
        emptyText={t('facilities.list.empty')}
        columns={[
          { title: t('facilities.field.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
          { title: t('facilities.field.kind'), dataIndex: 'kind', width: 150, render: (code: string) => nameOf(code) },
          { title: t('facilities.field.level'), dataIndex: 'level', width: 130, render: (v: LifeCircleLevel) => <LevelTag level={v} /> },
          { title: t('facilities.field.community'), dataIndex: 'communityName', width: 130 },
          { title: t('facilities.field.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
          { title: t('facilities.field.openingHours'), dataIndex: 'openingHours', width: 170, render: (v: string | null) => v ?? '—' },
          { title: t('facilities.field.operatorName'), dataIndex: 'operatorName', width: 150 },
          { title: t('facilities.field.contact'), dataIndex: 'contact', width: 130, render: (v: string | null) => v ?? '—' },
          ...(writable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  fixed: 'right' as const,
                  render: (_: unknown, f: Facility) => (
                    <Space size={0}>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(f)} aria-label={t('facilities.list.edit')} />
                      <Popconfirm title={t('facilities.list.deleteConfirm', { name: f.name })} onConfirm={() => remove(f)}>
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('facilities.list.delete')} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing !== null && <FacilityFormModal facility={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <FacilityImportModal open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}
