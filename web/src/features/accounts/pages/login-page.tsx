import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { accountsApi } from '../api.ts';
import { toApiError, type ApiError } from '../../../platform/api-client.ts';
import { homePath, useAuth } from '../../../platform/auth.tsx';
import { formatDateTime } from '../../../platform/components/labels.tsx';
import { LanguageSwitch } from '../../../platform/components/language-switch.tsx';
import { Logo } from '../../../platform/components/logo.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

interface LoginForm {
  username: string;
  password: string;
}

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function LoginPage() {
  const { t, locale } = useI18n();
  const { me, setMe } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));

  if (me && !submitting) return <Navigate to={me.mustChangePassword ? '/change-password' : (next ?? homePath(me))} replace />;

  const submit = async ({ username, password }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const result = await accountsApi.login(username.trim(), password);
      setMe(result.user);
      void navigate(result.mustChangePassword ? '/change-password' : (next ?? homePath(result.user)), { replace: true });
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="gz-login">
      <Flex justify="flex-end" className="gz-login-top">
        <LanguageSwitch dark />
      </Flex>
      <Flex className="gz-login-body" align="center" justify="center" gap={64} wrap>
        <div className="gz-login-brand">
          <Flex align="center" gap={14}>
            <Logo size={48} />
            <span className="gz-login-name">{t('app.name')}</span>
          </Flex>
          <h1>{t('app.title')}</h1>
          <p>{t('login.subtitle')}</p>
        </div>
        <Card className="gz-login-card" title={t('login.title')}>
          {params.get('expired') === '1' && !error && <Alert type="info" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />}
          {error && <LoginError error={error} locale={locale} />}
          <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false} size="large" data-testid="login-form">
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={256} data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 4, fontSize: 12 }}>
            {t('login.notice')}
          </Typography.Paragraph>
          <Link to="/portal" style={{ fontSize: 13 }}>
            {t('login.portalLink')}
          </Link>
        </Card>
      </Flex>
    </div>
  );
}

function LoginError({ error, locale }: { error: ApiError; locale: 'zh-CN' | 'en-US' }) {
  const { t } = useI18n();
  const { lockedUntil, lockedUntilIso } = error.details;
  if (error.code === 'ACCOUNT_LOCKED' && (typeof lockedUntilIso === 'string' || typeof lockedUntil === 'string')) {
    // Prefer the ISO instant (shown in the browser's time zone); lockedUntil is preformatted Beijing time.
    const time = typeof lockedUntilIso === 'string' ? formatDateTime(lockedUntilIso, locale) : String(lockedUntil);
    return (
      <Alert
        type="error"
        showIcon
        title={t('login.lockedTitle')}
        description={t('login.locked', { time })}
        style={{ marginBottom: 16 }}
        data-testid="login-error"
        data-code={error.code}
      />
    );
  }
  return <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} data-testid="login-error" data-code={error.code} />;
}
