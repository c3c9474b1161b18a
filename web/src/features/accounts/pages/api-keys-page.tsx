import { DeleteOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Popconfirm, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { accountsApi, type ApiKey, type CreatedApiKey } from '../api.ts';
import { useReportError } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { DateTime, roleLabel } from '../../../platform/components/labels.tsx';
import { OneTimeSecret } from '../components/one-time-secret.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import type { Role } from '#server/platform/auth/roles.ts';
import { machineRole } from '#server/modules/accounts/contract.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { QueryTable } from '../../../platform/components/list-table.tsx';

// A key holds a machine role only (the server refuses any other): no personal data.
const keyRoles: readonly Role[] = machineRole.options;

interface KeyForm {
  name: string;
  role: Role;
  orgCode?: string;
}

/** API 密钥 (security admin): keys for machine clients, shown once at creation, revocable. */
export function ApiKeysPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<KeyForm>();
  const keys = useApiQuery(['accounts', 'apiKeys'], (signal) => accountsApi.apiKeys(signal));

  const showKey = (created: CreatedApiKey) =>
    modal.success({
      title: t('apikeys.keyTitle'),
      width: 560,
      okText: t('common.close'),
      content: (
        <OneTimeSecret
          secret={created.key}
          notice={t('apikeys.keyNotice')}
          extra={<Typography.Text type="secondary">{t('apikeys.usage')}</Typography.Text>}
        />
      ),
    });

  const create = async (values: KeyForm) => {
    const orgCode = values.orgCode?.trim();
    const created = await accountsApi.createApiKey({ name: values.name.trim(), role: values.role, ...(orgCode ? { orgCode } : {}) });
    setCreating(false);
    form.resetFields();
    showKey(created);
    void invalidate(['accounts', 'apiKeys']);
  };

  const revoke = async (key: ApiKey) => {
    try {
      await accountsApi.revokeApiKey(key.id);
      void message.success(t('apikeys.revokedOk', { name: key.name }));
      void invalidate(['accounts', 'apiKeys']);
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <Card
      title={<><KeyOutlined /> {t('menu.apikeys')}</>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="apikeys-create">
          {t('apikeys.create')}
        </Button>
      }
    >
      <QueryTable<ApiKey>
        query={keys}
        rows={keys.data ?? []}
        errorStyle={{ marginBottom: 16 }}
        rowKey="id"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('apikeys.name'), dataIndex: 'name' },
          { title: t('apikeys.prefix'), dataIndex: 'prefix', width: 140, render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
          { title: t('apikeys.role'), dataIndex: 'role', width: 140, render: (v: string) => roleLabel(t, v) },
          { title: t('apikeys.scope'), dataIndex: 'orgPath', render: (v: string) => (v ? <Typography.Text type="secondary">{v}</Typography.Text> : t('users.scopeAll')) },
          { title: t('apikeys.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => <DateTime value={v} /> },
          {
            title: t('apikeys.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            width: 170,
            render: (v: string | null) => (v ? <DateTime value={v} /> : <Typography.Text type="secondary">{t('apikeys.never')}</Typography.Text>),
          },
          {
            title: t('apikeys.status'),
            dataIndex: 'revokedAt',
            width: 100,
            render: (v: string | null) => (v ? <Tag>{t('apikeys.revoked')}</Tag> : <Tag color="green">{t('apikeys.active')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, key) =>
              !key.revokedAt && (
                <Popconfirm title={t('apikeys.revokeConfirm', { name: key.name })} okButtonProps={{ danger: true }} onConfirm={() => revoke(key)}>
                  <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                    {t('apikeys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <FormModal<KeyForm>
        title={t('apikeys.createTitle')}
        open={creating}
        onClose={() => setCreating(false)}
        okText={t('common.save')}
        form={form}
        onSubmit={create}
        initialValues={{ role: 'open311_client' }}
      >
        <Form.Item name="name" label={t('apikeys.name')} rules={[{ required: true, whitespace: true, max: 60, message: t('common.required', { field: t('apikeys.name') }) }]}>
          <Input maxLength={60} placeholder={t('apikeys.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="role" label={t('apikeys.role')} rules={[{ required: true }]}>
          <Select<Role> options={keyRoles.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
        </Form.Item>
        <Form.Item name="orgCode" label={t('apikeys.scope')} extra={t('apikeys.scopeHint')}>
          <Input maxLength={40} placeholder="110108" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
