import type { ReactNode } from 'react';
import type { Permission } from '#server/platform/auth/roles.ts';
import { useAuth } from './auth.tsx';
import { StatusResult } from './components/status-result.tsx';
import { useT } from './i18n/index.tsx';

/** Shows its page only to holders of the permission; others get a 403 page. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const t = useT();
  const { can } = useAuth();
  if (can(permission)) return <>{children}</>;
  return <StatusResult status="403" message={t('common.forbidden')} />;
}
