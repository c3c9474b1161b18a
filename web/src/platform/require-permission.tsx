import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from './auth.tsx';
import type { Permission } from '../../../src/platform/auth/roles.ts';
import { useT } from './i18n/index.tsx';

/** Shows its page only to holders of the permission; others get a 403 page. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const t = useT();
  const { can } = useAuth();
  if (can(permission)) return <>{children}</>;
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
