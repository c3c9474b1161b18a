import { Tag, Tooltip } from 'antd';
import type { Grant } from '../session-api.ts';
import { isRole, type Role } from '#server/platform/auth/roles.ts';
import { useI18n, type Locale, type Translate } from '../i18n/index.tsx';

/** Roles whose colour marks them out in tag lists: the three admin roles are kept apart (三权分立). */
const roleColors: Partial<Record<Role, string>> = {
  system_admin: 'geekblue',
  security_admin: 'volcano',
  auditor: 'purple',
  district_staff: 'blue',
  street_staff: 'cyan',
  community_staff: 'green',
  grid_worker: 'gold',
  department_handler: 'magenta',
  hotline_operator: 'orange',
  leader: 'red',
};

export function roleLabel(t: Translate, role: string): string {
  return isRole(role) ? t(`role.${role}`) : role;
}

export function formatDateTime(value: string | null | undefined, locale: Locale): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/** A date and time that never wraps inside a table cell. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const { locale } = useI18n();
  return <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(value, locale)}</span>;
}

/** A role grant as a tag: 「街道工作人员 · 万寿路街道」. */
export function GrantTag({ grant, onClose }: { grant: Grant; onClose?: () => void }) {
  const { t } = useI18n();
  const color = isRole(grant.role) ? roleColors[grant.role] : undefined;
  const scope = grant.orgCode ? grant.orgName : t('users.scopeAll');
  return (
    <Tooltip title={grant.orgCode ? `${grant.orgName}（${grant.orgCode}）` : undefined}>
      <Tag
        color={color}
        closable={Boolean(onClose)}
        onClose={(event) => {
          event.preventDefault();
          onClose?.();
        }}
        style={{ marginBlock: 2 }}
      >
        {roleLabel(t, grant.role)} · {scope}
      </Tag>
    </Tooltip>
  );
}
