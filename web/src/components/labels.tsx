import { Tag, Tooltip } from 'antd';
import type { Grant } from '../api.ts';
import { gridKindColors, isDuty, isGridKind, isRole, roleColors, type AuditResult } from '../domain.ts';
import { isMessageKey, useI18n, type Locale, type Translate } from '../i18n/index.tsx';

export function roleLabel(t: Translate, role: string): string {
  return isRole(role) ? t(`role.${role}`) : role;
}

export function dutyLabel(t: Translate, duty: string): string {
  return isDuty(duty) ? t(`duty.${duty}`) : duty;
}

export function gridKindLabel(t: Translate, kind: string): string {
  return isGridKind(kind) ? t(`gridKind.${kind}`) : kind;
}

/** An audit action's name in words when known (`auth.login` → 登录), else the code. */
export function auditActionLabel(t: Translate, action: string): string | null {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? t(key) : null;
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

export function GridKindTag({ kind }: { kind: string }) {
  const { t } = useI18n();
  const color = isGridKind(kind) ? gridKindColors[kind] : undefined;
  return (
    <Tag color={color} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {gridKindLabel(t, kind)}
    </Tag>
  );
}

export function DutyTag({ duty }: { duty: string }) {
  const { t } = useI18n();
  const color = duty === 'grid_leader' ? 'red' : duty === 'police' ? 'blue' : duty === 'volunteer' ? 'green' : 'default';
  return <Tag color={color}>{dutyLabel(t, duty)}</Tag>;
}

export function AuditResultTag({ result }: { result: string }) {
  const { t } = useI18n();
  const known: Record<AuditResult, { color: string; label: string }> = {
    success: { color: 'success', label: t('audit.result.success') },
    failure: { color: 'error', label: t('audit.result.failure') },
    denied: { color: 'warning', label: t('audit.result.denied') },
  };
  const entry = result in known ? known[result as AuditResult] : { color: 'default', label: result };
  return <Tag color={entry.color}>{entry.label}</Tag>;
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
