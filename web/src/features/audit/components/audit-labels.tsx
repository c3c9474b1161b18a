import { Tag } from 'antd';
import { isMessageKey, useI18n, type Translate } from '../../../platform/i18n/index.tsx';
import type { AuditResult } from '../api.ts';

/** An audit action's name in words when known (`auth.login` → 登录), else the code. */
export function auditActionLabel(t: Translate, action: string): string | null {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? t(key) : null;
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
