import { KeyOutlined, LockOutlined, PlusOutlined, SafetyCertificateOutlined, StopOutlined, UnlockOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { accountsApi, usernamePattern, type RoleInfo } from '../api.ts';
import type { Grant, UserWithGrants } from '../../../platform/session-api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { DateTime, formatDateTime, GrantTag, roleLabel } from '../../../platform/components/labels.tsx';
import { OneTimeSecret } from '../components/one-time-secret.tsx';
import { OrgNodeSelect, orgLevels, type OrgLevel } from '../../org/index.ts';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import type { Role } from '#server/platform/auth/roles.ts';
import { useI18n, type Translate } from '../../../platform/i18n/index.tsx';

function isLocked(user: UserWithGrants): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
}

/**
 * 用户与角色. The system admin creates, disables and resets accounts; the security admin
 * unlocks them and grants or revokes roles (三权分立: each sees only their own buttons).
 */
export function UsersPage() {
  const { t, locale } = useI18n();
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<UserWithGrants | null>(null);
  const list = useListPage({
    queryKey: ['accounts', 'users'],
    filters: (params) => ({ q: params.get('q') ?? '' }),
    load: (filters, paging, signal) => accountsApi.users({ q: filters.q || undefined, ...paging }, signal),
  });

  const showSecret = (name: string, secret: string) =>
    modal.success({
      title: t('users.initialPasswordTitle'),
      width: 520,
      okText: t('common.close'),
      content: <OneTimeSecret secret={secret} notice={t('users.initialPasswordNotice', { name })} />,
    });

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      void invalidate(['accounts']);
    } catch (error) {
      reportError(error);
    }
  };

  const resetPassword = async (user: UserWithGrants) => {
    try {
      const { initialPassword } = await accountsApi.resetPassword(user.id);
      showSecret(user.displayName, initialPassword);
      void invalidate(['accounts']);
    } catch (error) {
      reportError(error);
    }
  };

  const revoke = (user: UserWithGrants, grant: Grant) =>
    modal.confirm({
      title: t('users.revokeConfirm', { name: user.displayName, role: roleLabel(t, grant.role) }),
      okButtonProps: { danger: true },
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => act(() => accountsApi.revokeRole(user.id, grant.id), t('users.revoked', { role: roleLabel(t, grant.role) })),
    });

  return (
    <Card
      title={<><UserSwitchOutlined /> {t('menu.users')}</>}
      extra={
        can('user.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="users-create">
            {t('users.create')}
          </Button>
        )
      }
    >
      <Input.Search
        allowClear
        placeholder={t('users.search')}
        defaultValue={list.filters.q}
        onSearch={(value) => list.update({ q: value.trim() || undefined })}
        style={{ width: 300, marginBottom: 16 }}
        enterButton={t('common.search')}
      />
      <ListTable<UserWithGrants>
        list={list}
        size="large"
        data-testid="users-table"
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 140, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 180 },
          {
            title: t('users.roles'),
            key: 'roles',
            render: (_: unknown, user) =>
              user.grants.length === 0 ? (
                <Typography.Text type="secondary">{t('users.noRoles')}</Typography.Text>
              ) : (
                <Flex wrap gap={2}>
                  {user.grants.map((grant) => (
                    <GrantTag key={grant.id} grant={grant} onClose={can('role.grant') ? () => revoke(user, grant) : undefined} />
                  ))}
                </Flex>
              ),
          },
          {
            title: t('users.status'),
            key: 'status',
            width: 170,
            render: (_: unknown, user) => (
              <Flex wrap gap={2}>
                {user.disabled ? <Tag color="red">{t('users.statusDisabled')}</Tag> : !isLocked(user) && <Tag color="green">{t('users.statusActive')}</Tag>}
                {isLocked(user) && <Tag color="orange" icon={<LockOutlined />}>{t('users.statusLocked', { time: formatDateTime(user.lockedUntil, locale) })}</Tag>}
                {user.mustChangePassword && <Tag color="gold">{t('users.statusMustChange')}</Tag>}
              </Flex>
            ),
          },
          { title: t('users.createdAt'), dataIndex: 'createdAt', width: 190, render: (v: string) => <DateTime value={v} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, user) => (
              <UserActions
                user={user}
                isSelf={user.id === me?.id}
                onAct={(work, done) => void act(work, done)}
                onResetPassword={() => void resetPassword(user)}
                onGrant={() => setGranting(user)}
              />
            ),
          },
        ]}
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(name, password) => {
          setCreating(false);
          void message.success(t('users.created', { name }));
          showSecret(name, password);
          void invalidate(['accounts']);
        }}
      />
      {can('role.grant') && (
        <GrantRoleModal
          user={granting}
          onClose={() => setGranting(null)}
          onGranted={(role) => {
            setGranting(null);
            void message.success(t('users.granted', { role: roleLabel(t, role) }));
            void invalidate(['accounts']);
          }}
        />
      )}
    </Card>
  );
}

interface CreateForm {
  username: string;
  displayName: string;
}

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (name: string, password: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<CreateForm>();
  const submit = async (values: CreateForm) => {
    const result = await accountsApi.createUser({ username: values.username.trim(), displayName: values.displayName.trim() });
    form.resetFields();
    onCreated(result.user.displayName, result.initialPassword);
  };
  return (
    <FormModal<CreateForm> title={t('users.createTitle')} open={open} onClose={onClose} okText={t('common.save')} form={form} onSubmit={submit} testId="create-user-form">
      <Form.Item
        name="username"
        label={t('users.username')}
        extra={t('users.usernameRule')}
        rules={[{ required: true, pattern: usernamePattern, message: t('users.usernameRule') }]}
      >
        <Input maxLength={32} autoComplete="off" data-testid="create-username" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true, max: 30, message: t('common.required', { field: t('users.displayName') }) }]}
      >
        <Input maxLength={30} data-testid="create-display-name" />
      </Form.Item>
    </FormModal>
  );
}

function scopeLabel(t: Translate, level: string): string {
  if (level === 'root') return t('users.scopeAll');
  if (level === 'grid') return t('users.levelGrid');
  return (orgLevels as readonly string[]).includes(level) ? t(`level.${level as OrgLevel}`) : level;
}

interface GrantForm {
  role: Role;
  orgCode?: string;
}

function GrantRoleModal({ user, onClose, onGranted }: { user: UserWithGrants | null; onClose: () => void; onGranted: (role: Role) => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [form] = Form.useForm<GrantForm>();
  const roles = useApiQuery(['accounts', 'roles', user?.id], user ? (signal) => accountsApi.roles(signal) : null);
  const role = Form.useWatch('role', form);
  const info: RoleInfo | undefined = roles.data?.find((r) => r.role === role);
  const needsOrg = info !== undefined && !info.grantedOn.includes('root');
  const onGrid = info?.grantedOn.includes('grid') ?? false;
  const searchable = (can('org.read') || can('role.grant')) && !onGrid;
  const levels = (info?.grantedOn ?? []).filter((l): l is OrgLevel => (orgLevels as readonly string[]).includes(l));

  const submit = async (values: GrantForm) => {
    if (!user) return;
    await accountsApi.grantRole(user.id, values.role, needsOrg ? values.orgCode?.trim() : undefined);
    form.resetFields();
    onGranted(values.role);
  };

  return (
    <FormModal<GrantForm>
      title={user ? t('users.grantTitle', { name: user.displayName }) : ''}
      open={user !== null}
      onClose={onClose}
      okText={t('users.grant')}
      form={form}
      onSubmit={submit}
      before={roles.error && <ErrorAlert error={roles.error} onRetry={() => void roles.refetch()} style={{ marginBottom: 12 }} />}
    >
      <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.required', { field: t('users.role') }) }]}>
        <Select<Role>
          loading={roles.isFetching}
          onChange={() => form.setFieldValue('orgCode', undefined)}
          options={(roles.data ?? []).map((r) => ({ value: r.role, label: roleLabel(t, r.role) }))}
          data-testid="grant-role"
        />
      </Form.Item>
      {info && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          {needsOrg ? t('users.grantedOn', { levels: info.grantedOn.map((l) => scopeLabel(t, l)).join('、') }) : t('users.orgCodeRoot')}
        </Typography.Paragraph>
      )}
      {needsOrg && (
        <Form.Item
          name="orgCode"
          label={t('users.orgCode')}
          extra={searchable ? t('users.orgCodeHint') : t('users.orgCodeInput')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.orgCode') }) }]}
        >
          {searchable ? (
            <OrgNodeSelect levels={levels} placeholder={t('users.orgSearchPlaceholder')} />
          ) : (
            <Input maxLength={40} placeholder="110108001" data-testid="grant-org-code" />
          )}
        </Form.Item>
      )}
    </FormModal>
  );
}

interface UserActionsProps {
  user: UserWithGrants;
  isSelf: boolean;
  onAct: (work: () => Promise<unknown>, done: string) => void;
  onResetPassword: () => void;
  onGrant: () => void;
}

/** A user's row buttons: each administrator sees only the ones of their own duty (三权分立). */
function UserActions({ user, isSelf, onAct, onResetPassword, onGrant }: UserActionsProps) {
  const { t } = useI18n();
  const { can } = useAuth();
  return (
      <Space size={0} wrap>
        {can('user.write') && !isSelf && (
          <Popconfirm
            title={t(user.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: user.displayName })}
            okButtonProps={{ danger: !user.disabled }}
            onConfirm={() => onAct(() => accountsApi.updateUser(user.id, { disabled: !user.disabled }), t('users.updated', { name: user.displayName }))}
          >
            <Button type="link" size="small" danger={!user.disabled} icon={<StopOutlined />}>
              {t(user.disabled ? 'users.enable' : 'users.disable')}
            </Button>
          </Popconfirm>
        )}
        {can('user.reset_password') && !isSelf && (
          <Popconfirm title={t('users.resetConfirm', { name: user.displayName })} okButtonProps={{ danger: true }} onConfirm={onResetPassword}>
            <Button type="link" size="small" icon={<KeyOutlined />}>
              {t('users.resetPassword')}
            </Button>
          </Popconfirm>
        )}
        {can('user.unlock') && isLocked(user) && (
          <Popconfirm
            title={t('users.unlockConfirm', { name: user.displayName })}
            onConfirm={() => onAct(() => accountsApi.unlockUser(user.id), t('users.unlocked', { name: user.displayName }))}
          >
            <Button type="link" size="small" icon={<UnlockOutlined />}>
              {t('users.unlock')}
            </Button>
          </Popconfirm>
        )}
        {can('role.grant') && !isSelf && (
          <Button type="link" size="small" icon={<SafetyCertificateOutlined />} onClick={onGrant}>
            {t('users.grant')}
          </Button>
        )}
      </Space>
  );
}
