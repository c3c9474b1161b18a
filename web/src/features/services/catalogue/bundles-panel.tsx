// The "one thing" bundles as kept: each with its items and whether it is published; the
// catalogue keepers add, change, withdraw and publish them (each change under its version).
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { toApiError } from '../../../platform/api-client.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { useAction } from '../../../platform/use-write.ts';
import { servicesApi, type ServiceBundle } from '../api.ts';
import { BundleEditor } from './bundle-editor.tsx';

export function BundlesPanel() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { busy, run } = useAction();
  const [editing, setEditing] = useState<ServiceBundle | null | undefined>(undefined);
  const bundles = useApiQuery(['services', 'bundles', 'kept'], (signal) => servicesApi.bundles(signal));
  const keeper = can('services.catalogue');
  const toggle = (b: ServiceBundle) =>
    run(async () => {
      try {
        await servicesApi.updateBundle(b.code, b.version, { name: b.name, lifeEvent: b.lifeEvent, itemCodes: b.items.map((i) => i.code), active: !b.active });
        void message.success(b.active ? t('services.edit.withdrawn') : t('services.edit.published'));
      } catch (error) {
        void message.error(toApiError(error).message);
      }
      await invalidate(['services']);
    });
  return (
    <Flex vertical gap={12}>
      {keeper && (
        <Flex justify="end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="bundle-new">
            {t('services.edit.newBundle')}
          </Button>
        </Flex>
      )}
      <Table<ServiceBundle>
        rowKey="code"
        size="small"
        data-testid="bundles-table"
        loading={bundles.isLoading}
        dataSource={bundles.data ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: bundles.error ? bundles.error.message : t('services.edit.bundlesEmpty') }}
        columns={[
          { key: 'code', title: t('services.edit.bundleCode'), dataIndex: 'code' },
          { key: 'name', title: t('services.edit.bundleName'), render: (_, b) => (b.active ? b.name : <del>{b.name}</del>) },
          { key: 'lifeEvent', title: t('services.edit.lifeEvent'), dataIndex: 'lifeEvent', ellipsis: true },
          { key: 'items', title: t('services.edit.items'), render: (_, b) => <Flex gap={4} wrap>{b.items.map((i) => <Tag key={i.code}>{i.name}</Tag>)}</Flex> },
          { key: 'active', title: t('services.edit.bundleActive'), render: (_, b) => (b.active ? <Tag color="green">{t('services.edit.published')}</Tag> : <Tag>{t('services.edit.withdrawn')}</Tag>) },
          { key: 'version', title: t('services.field.version'), dataIndex: 'version' },
          ...(keeper
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, b: ServiceBundle) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(b)}>
                        {t('services.edit.edit')}
                      </Button>
                      <Button size="small" loading={busy} onClick={() => void toggle(b)}>
                        {b.active ? t('services.edit.withdraw') : t('services.edit.publish')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <BundleEditor bundle={editing} onClose={() => setEditing(undefined)} />
    </Flex>
  );
}
