import { CheckOutlined, CloseOutlined, SafetyOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, InputNumber, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { adminChangeStatuses } from '#server/modules/accounts/contract.ts';
import { accountsApi, type AdminChangeRequest, type IdentifierLookupSettings } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { DateTime, roleLabel } from '../../../platform/components/labels.tsx';
import { OneTimeSecret } from '../components/one-time-secret.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useAction } from '../../../platform/use-write.ts';
import { useI18n, type Translate } from '../../../platform/i18n/index.tsx';
import type { AccountsMessageKey } from '../i18n.zh-CN.ts';

type Status = AdminChangeRequest['status'];
const statusColor: Record<Status, string> = { pending: 'gold', approved: 'green', rejected: 'default' };

/** What a request asks, in words: the action and, for role changes, the role. */
function changeLabel(t: Translate, request: AdminChangeRequest): string {
  const action = t(`security.action.${request.action}` satisfies AccountsMessageKey);
  const role = typeof request.details.role === 'string' ? request.details.role : undefined;
  return role ? `${action}：${roleLabel(t, role)}` : action;
}

/**
 * 安全审批与设置 (security admin): the changes to admin accounts awaiting a second person's
 * approval (two-person rule), and the limit on look-ups by whole ID or phone number.
 */
export function SecurityPage() {
  const { can } = useAuth();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ChangeRequests />
      {can('role.grant') && <LookupLimit />}
    </Space>
  );
}

function ChangeRequests() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const list = useListPage({
    queryKey: ['accounts', 'changeRequests'],
    filters: (params) => ({ status: (params.get('status') ?? 'pending') as Status | 'all' }),
    load: (filters, paging, signal) => accountsApi.changeRequests({ status: filters.status === 'all' ? undefined : filters.status, ...paging }, signal),
  });

  const decide = (request: AdminChangeRequest, approve: boolean) =>
    modal.confirm({
      title: t(approve ? 'security.approveConfirm' : 'security.rejectConfirm', { name: request.username, change: changeLabel(t, request) }),
      okText: t(approve ? 'security.approve' : 'security.reject'),
      okButtonProps: approve ? {} : { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          if (approve) {
            const done = await accountsApi.approveChange(request.id);
            if (done.initialPassword) {
              modal.success({ title: t('users.initialPasswordTitle'), width: 520, okText: t('common.close'), content: <OneTimeSecret secret={done.initialPassword} notice={t('users.initialPasswordNotice', { name: request.username })} /> });
            } else void message.success(t('security.approved'));
          } else {
            await accountsApi.rejectChange(request.id);
            void message.success(t('security.rejected'));
          }
          void invalidate(['accounts']);
        } catch (error) {
          reportError(error);
        }
      },
    });

  return (
    <Card
      title={<><SafetyOutlined /> {t('security.requestsTitle')}</>}
      extra={
        <Select
          aria-label={t('security.status')}
          data-testid="security-status"
          value={list.filters.status}
          style={{ width: 140 }}
          onChange={(status: string) => list.update({ status })}
          options={[...adminChangeStatuses.map((s) => ({ value: s, label: t(`security.status.${s}` satisfies AccountsMessageKey) })), { value: 'all', label: t('common.all') }]}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('security.requestsHint')}</Typography.Paragraph>
      <ListTable<AdminChangeRequest>
        list={list}
        data-testid="change-requests"
        emptyText={t('security.empty')}
        columns={[
          { title: t('security.account'), dataIndex: 'username', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('security.change'), key: 'change', render: (_: unknown, r) => changeLabel(t, r) },
          { title: t('security.requestedBy'), dataIndex: 'requestedByName' },
          { title: t('security.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => <DateTime value={v} /> },
          { title: t('security.status'), dataIndex: 'status', render: (s: Status) => <Tag color={statusColor[s]}>{t(`security.status.${s}` satisfies AccountsMessageKey)}</Tag> },
          { title: t('security.decidedBy'), dataIndex: 'decidedByName', render: (v: string | null) => v ?? '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r) =>
              r.status === 'pending' && r.requestedBy !== me?.id ? (
                <Flex gap={4}>
                  <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => decide(r, true)} data-testid={`approve-${r.username}`}>
                    {t('security.approve')}
                  </Button>
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => decide(r, false)} data-testid={`reject-${r.username}`}>
                    {t('security.reject')}
                  </Button>
                </Flex>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function LookupLimit() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<IdentifierLookupSettings>();
  const settings = useApiQuery(['accounts', 'lookupSettings'], (signal) => accountsApi.lookupSettings(signal));
  const saving = useAction();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = (values: IdentifierLookupSettings) =>
    saving.run(async () => {
      await accountsApi.updateLookupSettings({ lookupLimit: values.lookupLimit, windowMinutes: values.windowMinutes, version: settings.data?.version ?? 1 });
      void message.success(t('security.limitSaved'));
      void invalidate(['accounts', 'lookupSettings']);
    }, form);

  return (
    <Card title={t('security.limitTitle')}>
      <Typography.Paragraph type="secondary">{t('security.limitHint')}</Typography.Paragraph>
      {settings.error ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Form form={form} layout="inline" onFinish={save} initialValues={settings.data} data-testid="lookup-limit-form">
          <Form.Item name="lookupLimit" label={t('security.lookupLimit')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} />
          </Form.Item>
          <Form.Item name="windowMinutes" label={t('security.windowMinutes')} rules={[{ required: true }]}>
            <InputNumber min={1} max={1440} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving.busy} data-testid="lookup-limit-save">
              {t('common.save')}
            </Button>
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}
