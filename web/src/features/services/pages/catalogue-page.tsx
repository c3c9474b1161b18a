// The catalogue of service items as staff keep it: search (pinyin too), the versions in
// force with their materials, .xlsx export and import; the keepers add and change items
// (each change a new version), withdraw and publish them, and keep the "one thing" bundles.
import { AppstoreOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Space, Tabs, Tag, Upload } from 'antd';
import { useState } from 'react';
import { itemKinds } from '#server/modules/services/contract.ts';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { EnumFilter, FilterBar, ListSearch, pick } from '../../../platform/components/list-filters.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useI18n, type MessageKey } from '../../../platform/i18n/index.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useAction } from '../../../platform/use-write.ts';
import { servicesApi, type ServiceItem } from '../api.ts';
import { BundlesPanel } from '../catalogue/bundles-panel.tsx';
import { contentOf, ItemEditor } from '../catalogue/item-editor.tsx';

export function ServiceCataloguePage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { busy, run } = useAction();
  const toggling = useAction();
  const [editing, setEditing] = useState<ServiceItem | null | undefined>(undefined);
  const keeper = can('services.catalogue');
  const list = useListPage({
    queryKey: ['services', 'items'],
    filters: (params) => ({ q: params.get('q') || undefined, kind: pick(params.get('kind'), itemKinds), includeInactive: 'true' }),
    load: (filters, paging, signal) => servicesApi.items({ ...filters, ...paging }, signal),
  });
  const toggle = (item: ServiceItem) =>
    toggling.run(async () => {
      const saved = await servicesApi.updateItem(item.code, item.version, { ...contentOf(item), active: !item.active });
      void message.success(saved.active ? t('services.edit.published') : t('services.edit.withdrawn'));
      await list.query.refetch();
    });
  const items = (
    <>
      <FilterBar>
        <ListSearch list={list} placeholder={t('services.catalogue.search')} aria-label={t('services.catalogue.search')} style={{ width: 320 }} />
        <EnumFilter list={list} param="kind" values={itemKinds} label={(k) => t(`services.kind.${k}` as MessageKey)} placeholder={t('services.field.kind')} width={160} />
      </FilterBar>
      <ListTable<ServiceItem>
        list={list}
        rowKey="code"
        emptyText={t('services.catalogue.empty')}
        expandable={{
          expandedRowRender: (item) => (
            <Flex gap={4} wrap>
              {item.materials.map((m) => (
                <Tag key={m.key}>
                  {m.name} · {t(`services.form.${m.form}` as MessageKey)} ×{m.count} · {t(`services.rule.${m.rule}` as MessageKey)}
                </Tag>
              ))}
            </Flex>
          ),
        }}
        columns={[
          { title: t('services.field.code'), dataIndex: 'code' },
          { title: t('services.field.name'), dataIndex: 'name', render: (name: string, item) => (item.active ? name : <del>{name}</del>) },
          { title: t('services.field.kind'), dataIndex: 'kind', render: (k: ServiceItem['kind']) => t(`services.kind.${k}` as MessageKey) },
          { title: t('services.field.levels'), dataIndex: 'acceptLevels', render: (ls: ServiceItem['acceptLevels']) => ls.map((l) => t(`services.level.${l}` as MessageKey)).join('、') },
          { title: t('services.field.limits'), key: 'days', render: (_, i) => t('services.field.days', { statutory: i.statutoryDays, promised: i.promisedDays }) },
          { title: t('services.field.channels'), dataIndex: 'channels', render: (cs: ServiceItem['channels']) => cs.map((c) => t(`services.channel.${c}` as MessageKey)).join('、') },
          { title: t('services.field.districtWide'), dataIndex: 'districtWide', render: (v: boolean) => (v ? t('services.yes') : t('services.no')) },
          { title: t('services.field.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
          { title: t('services.field.version'), dataIndex: 'version' },
          ...(keeper
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, item: ServiceItem) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(item)} data-testid={`item-edit-${item.code}`}>
                        {t('services.edit.edit')}
                      </Button>
                      <Button size="small" loading={toggling.busy} onClick={() => void toggle(item)}>
                        {item.active ? t('services.edit.withdraw') : t('services.edit.publish')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
  return (
    <Card
      title={
        <>
          <AppstoreOutlined /> {t('services.catalogue.title')}
        </>
      }
      extra={
        <Flex gap={8}>
          {keeper && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="item-new">
              {t('services.edit.newItem')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile(servicesApi.catalogueExportUrl())}>
            {t('services.catalogue.export')}
          </Button>
          {keeper && (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              customRequest={({ file }) =>
                void run(async () => {
                  const r = await servicesApi.importCatalogue(file as File);
                  void message.success(t('services.catalogue.imported', r));
                  await list.query.refetch();
                })
              }
            >
              <Button icon={<UploadOutlined />} loading={busy}>
                {t('services.catalogue.import')}
              </Button>
            </Upload>
          )}
        </Flex>
      }
    >
      <Tabs items={[{ key: 'items', label: t('services.edit.tabItems'), children: items }, { key: 'bundles', label: t('services.edit.tabBundles'), children: <BundlesPanel /> }]} />
      <ItemEditor item={editing} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
