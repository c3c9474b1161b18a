import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { accountsApi } from '../api.ts';
import { toApiError, type ApiError } from '../../../platform/api-client.ts';
import { homePath, useAuth } from '../../../platform/auth.tsx';
import { LanguageSwitch } from '../../../platform/components/language-switch.tsx';
import { Logo } from '../../../platform/components/logo.tsx';
import { PasswordRules } from '../components/password-rules.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { checkPassword } from '../password-policy.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Change one's own password; forced after first sign-in or a reset (mustChangePassword). */
export function ChangePasswordPage() {
  const t = useT();
  const { me, refresh, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const current = Form.useWatch('currentPassword', form) ?? '';
  const proposed = Form.useWatch('newPassword', form) ?? '';
  const check = checkPassword(proposed, current);
  const forced = me?.mustChangePassword ?? false;

  const submit = async (values: PasswordForm) => {
    setSaving(true);
    setError(null);
    try {
      await accountsApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      void message.success(t('password.success'));
      const updated = await refresh();
      void navigate(updated ? homePath(updated) : '/login', { replace: true });
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setSaving(false);
    }
  };

  const signOut = async () => {
    await logout();
    void navigate('/login', { replace: true });
  };

  return (
    <div className="gz-login">
      <Flex justify="space-between" align="center" className="gz-login-top">
        <Flex align="center" gap={10}>
          <Logo size={28} />
          <span className="gz-login-top-title">{t('app.consoleTitle')}</span>
        </Flex>
        <LanguageSwitch dark />
      </Flex>
      <Flex className="gz-login-body" align="center" justify="center">
        <Card className="gz-login-card gz-password-card" title={forced ? t('password.forcedTitle') : t('password.title')} data-testid="change-password">
          {forced && <Alert type="warning" showIcon title={t('password.forcedNotice')} style={{ marginBottom: 16 }} />}
          {error && (
            <Alert
              type="error"
              showIcon
              title={error.code === 'PASSWORD_POLICY' ? t('password.policyFailed') : error.message}
              description={error.code === 'PASSWORD_POLICY' ? error.message : undefined}
              style={{ marginBottom: 16 }}
              data-testid="password-error"
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
            {me?.displayName}（{me?.username}）
          </Typography.Paragraph>
          <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password-current" />
            </Form.Item>
            <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('common.required', { field: t('password.new') }) }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="password-new" />
            </Form.Item>
            <PasswordRules check={check} />
            <Form.Item
              name="confirmPassword"
              label={t('password.confirm')}
              dependencies={['newPassword']}
              style={{ marginTop: 16 }}
              rules={[
                { required: true, message: t('common.required', { field: t('password.confirm') }) },
                ({ getFieldValue }) => ({
                  validator: (_rule, value: string | undefined) =>
                    !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
                }),
              ]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="password-confirm" />
            </Form.Item>
            <Flex gap={12}>
              <Button type="primary" htmlType="submit" loading={saving} disabled={!check.isAcceptable} block data-testid="password-submit">
                {t('password.submit')}
              </Button>
              {forced ? (
                <Button onClick={() => void signOut()}>{t('password.signOut')}</Button>
              ) : (
                <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
              )}
            </Flex>
          </Form>
        </Card>
      </Flex>
    </div>
  );
}
