import { Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  builtInKeyGroups,
  type KeyGroupKind,
  educations,
  politicalStatuses,
  relations,
  visitMethods,
  type BuiltInKeyGroup,
  type HouseTenure,
  type KeyGroupTag,
  type ResidenceType,
  type ResidentStatus,
} from '../api.ts';
import { isMessageKey, useI18n, type Translate } from '../../../platform/i18n/index.tsx';

// Labels and small tags of the registry screens. Codes the UI does not know are shown as sent.

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function relationLabel(t: Translate, relation: string | null | undefined): string {
  if (!relation) return '—';
  return isOneOf(relations, relation) ? t(`registry.relation.${relation}`) : relation;
}

export function educationLabel(t: Translate, value: string | null): string {
  if (!value) return '—';
  return isOneOf(educations, value) ? t(`registry.education.${value}`) : value;
}

export function politicalLabel(t: Translate, value: string | null): string {
  if (!value) return '—';
  return isOneOf(politicalStatuses, value) ? t(`registry.political.${value}`) : value;
}

export function visitMethodLabel(t: Translate, method: string): string {
  return isOneOf(visitMethods, method) ? t(`registry.visitMethod.${method}`) : method;
}

/** A key group's name: the UI's words for built-in kinds, the server's name for custom ones. */
export function keyGroupLabel(t: Translate, kind: string, name?: string): string {
  return isOneOf(builtInKeyGroups, kind) ? t(`registry.kind.${kind}`) : (name ?? kind);
}

const kindColors: Record<BuiltInKeyGroup, string> = {
  elderly_alone: 'orange',
  disabled: 'purple',
  low_income: 'gold',
  veteran: 'blue',
  left_behind_child: 'cyan',
  community_correction: 'red',
  severe_mental_disorder: 'magenta',
};

export function KeyGroupTagView({ kind, name }: { kind: string; name?: string }) {
  const { t } = useI18n();
  const color = isOneOf(builtInKeyGroups, kind) ? kindColors[kind] : 'geekblue';
  return (
    <Tag color={color} style={{ marginInlineEnd: 4, marginBlock: 1 }}>
      {keyGroupLabel(t, kind, name)}
    </Tag>
  );
}

export function KeyGroupTags({ groups }: { groups: KeyGroupTag[] }) {
  if (groups.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span>
      {groups.map((g) => (
        <KeyGroupTagView key={g.id} kind={g.kind} name={g.name} />
      ))}
    </span>
  );
}

export function ResidenceTypeTag({ type }: { type: ResidenceType }) {
  const { t } = useI18n();
  return <Tag color={type === 'migrant' ? 'volcano' : 'default'}>{t(`registry.residenceType.${type}`)}</Tag>;
}

export function ResidentStatusTag({ status }: { status: ResidentStatus }) {
  const { t } = useI18n();
  const color = status === 'active' ? 'success' : status === 'deceased' ? 'default' : 'warning';
  return <Tag color={color}>{t(`registry.status.${status}`)}</Tag>;
}

export const tenureColors: Record<HouseTenure, string> = { owner_occupied: '#2f6fde', rented: '#e8590c', vacant: '#8c8c8c' };
// The tags' preset colours of the same hues: their text meets 4.5:1.
const tenureTagColors: Record<HouseTenure, string> = { owner_occupied: 'blue', rented: 'orange', vacant: 'default' };

export function TenureTag({ tenure }: { tenure: HouseTenure }) {
  const { t } = useI18n();
  return (
    <Tag color={tenureTagColors[tenure]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {t(`registry.tenure.${tenure}`)}
    </Tag>
  );
}

/** An identifier as sent: monospace, with a hint when it is masked. */
export function Identifier({ value, revealed }: { value: string | null; revealed: boolean }) {
  const { t } = useI18n();
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = (
    <Typography.Text style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', whiteSpace: 'nowrap' }} data-testid="identifier">
      {value}
    </Typography.Text>
  );
  return revealed ? text : <Tooltip title={t('registry.masked')}>{text}</Tooltip>;
}

/** Today's date in China (UTC+8) as YYYY-MM-DD: visit dates are calendar dates there. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether a next-visit date has passed. */
export function isOverdue(nextVisitDue: string | null): boolean {
  return nextVisitDue !== null && nextVisitDue < chinaToday();
}

/** When the next visit is due, coloured: red when overdue, orange within a week. */
export function VisitDue({ nextVisitDue }: { nextVisitDue: string | null }) {
  const { t } = useI18n();
  if (!nextVisitDue) return <Typography.Text type="secondary">{t('registry.visit.notScheduled')}</Typography.Text>;
  const days = daysBetween(chinaToday(), nextVisitDue);
  let tag: ReactNode;
  if (days < 0) tag = <Tag color="error">{t('registry.visit.overdueDays', { days: -days })}</Tag>;
  else if (days === 0) tag = <Tag color="warning">{t('registry.visit.dueToday')}</Tag>;
  else if (days <= 7) tag = <Tag color="warning">{t('registry.visit.dueInDays', { days })}</Tag>;
  else tag = <Tag color="success">{t('registry.visit.dueInDays', { days })}</Tag>;
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid="visit-due" data-overdue={days < 0 ? 'true' : 'false'}>
      <span style={{ marginInlineEnd: 6 }}>{nextVisitDue}</span>
      {tag}
    </span>
  );
}

// The order details are listed in: what the group is first, then its particulars.
const fieldOrder = [
  'category', 'scheme', 'correctionType', 'grade', 'riskLevel', 'healthStatus', 'needsDailyCare', 'monthlyAmount', 'startDate', 'endDate',
  'supervisingOffice', 'serviceUnit', 'guardianName', 'guardianRelation', 'parentsWorkPlace', 'school', 'emergencyContact', 'certificateNo',
];

/**
 * The details a membership records, as label and value in words: built-in kinds through the
 * catalogue (健康状况: 良好), custom kinds through their own field definitions.
 */
export function membershipDetails(
  t: Translate,
  fields: Record<string, unknown>,
  definitions?: KeyGroupKind['fieldDefinitions'],
): { key: string; label: string; value: string }[] {
  const rank = (key: string) => {
    const i = fieldOrder.indexOf(key);
    return i < 0 ? fieldOrder.length : i;
  };
  return Object.entries(fields)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, value]) => {
      const defined = definitions?.find((d) => d.key === key);
      const labelKey = `registry.field.${key}`;
      const label = defined?.label ?? (isMessageKey(labelKey) ? t(labelKey) : key);
      let text: string;
      if (typeof value === 'boolean') text = t(value ? 'registry.fieldValue.yes' : 'registry.fieldValue.no');
      else if (key === 'grade' && typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4) text = t(`registry.fieldValue.grade${value as 1 | 2 | 3 | 4}`);
      else {
        const valueKey = `registry.fieldValue.${String(value)}`;
        text = !defined && typeof value === 'string' && isMessageKey(valueKey) ? t(valueKey) : String(value);
      }
      return { key, label, value: text };
    });
}
