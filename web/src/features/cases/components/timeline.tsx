import { Flex, Timeline, Typography, type TimelineProps } from 'antd';
import type { CaseAttachment, TimelineEntry } from '../api.ts';
import { useI18n, type Translate } from '../../../platform/i18n/index.tsx';
import { caseActionLabel, caseStateLabel, RatingTag } from './labels.tsx';
import { CasePhotos } from './photos.tsx';
import { DateTime, roleLabel } from '../../../platform/components/labels.tsx';

const actionColors: Record<string, string> = {
  report: 'blue',
  accept: 'blue',
  register: 'blue',
  dispatch: 'blue',
  acknowledge: '#13a8a8',
  feedback: 'green',
  verify_pass: 'green',
  rate: '#d48806',
  reject: 'red',
  return: 'red',
  verify_fail: 'red',
  reopen: 'red',
  overdue: 'red',
  warning: '#d48806',
  supervise: '#d4380d',
  auto_supervise: '#d4380d',
  escalate: 'purple',
  instruct: 'purple',
};

/** The role an entry was taken under, in words (the three roles outside domain.ts too). */
export function actorRoleLabel(t: Translate, role: string): string {
  if (role === 'hotline_operator') return t('case.role.hotline_operator');
  if (role === 'leader') return t('case.role.leader');
  if (role === 'system') return t('case.role.system');
  return roleLabel(t, role);
}

function tierLabel(t: Translate, tier: string | null): string {
  return tier === 'grid' || tier === 'street' || tier === 'district' ? t(`case.tierShort.${tier}`) : (tier ?? '');
}

function EntryDetails({ entry, attachments, compact }: { entry: TimelineEntry; attachments?: readonly CaseAttachment[]; compact: boolean }) {
  const { t } = useI18n();
  const lines: string[] = [];
  if (entry.targetUnit) {
    const unit = entry.targetUnitName ?? entry.targetUnit;
    lines.push(entry.action === 'escalate' ? t('case.timeline.escalatedTo', { unit }) : t('case.timeline.to', { unit }));
  }
  if (entry.coUnits.length > 0) lines.push(t('case.timeline.co', { units: entry.coUnits.join('、') }));
  if (entry.reason) lines.push(t('case.timeline.reason', { text: entry.reason }));
  if (entry.extension) {
    lines.push(t('case.timeline.extension', { amount: entry.extension.amount, unit: t(`case.unit.${entry.extension.unit}`) }));
  }
  if (entry.supervisionLevel === 'ordinary' || entry.supervisionLevel === 'yellow' || entry.supervisionLevel === 'red') {
    lines.push(t('case.timeline.supervision', { level: t(`case.supervision.${entry.supervisionLevel}`) }));
  }
  if (entry.fromTier && entry.fromTier !== entry.toTier) lines.push(t('case.timeline.tier', { from: tierLabel(t, entry.fromTier), to: tierLabel(t, entry.toTier) }));
  return (
    <Flex vertical gap={4}>
      {lines.map((line) => (
        <Typography.Text key={line} style={{ fontSize: 13 }}>
          {line}
        </Typography.Text>
      ))}
      {entry.rating && (
        <span>
          <RatingTag rating={entry.rating} />
        </span>
      )}
      {entry.text && (
        <Typography.Paragraph style={{ margin: 0, padding: '6px 10px', background: '#f6f8fb', borderRadius: 4, whiteSpace: 'pre-wrap' }}>
          {entry.text}
        </Typography.Paragraph>
      )}
      {entry.photos.length > 0 && <CasePhotos ids={entry.photos} attachments={attachments} size={compact ? 64 : 88} />}
    </Flex>
  );
}

/** The whole handling record of a case, oldest first: who did what, when, from which unit, with what. */
export function CaseTimeline({ entries, attachments, compact = false }: { entries: readonly TimelineEntry[]; attachments?: readonly CaseAttachment[]; compact?: boolean }) {
  const { t } = useI18n();
  if (entries.length === 0) return <Typography.Text type="secondary">{t('case.timeline.empty')}</Typography.Text>;
  const items: NonNullable<TimelineProps['items']> = entries.map((entry) => {
    const system = entry.actorRole === 'system';
    const automatic = entry.details.automatic === true;
    const viaPublic = entry.details.via === 'public';
    return {
      key: entry.version,
      color: actionColors[entry.action] ?? 'gray',
      content: (
        <Flex vertical gap={4} data-testid="timeline-entry" data-action={entry.action}>
          <Flex align="baseline" gap={8} wrap>
            <Typography.Text strong>{caseActionLabel(t, entry.action)}</Typography.Text>
            {entry.fromState !== null && entry.fromState !== entry.toState && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('case.timeline.state', { from: caseStateLabel(t, entry.fromState), to: caseStateLabel(t, entry.toState) })}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }}>
              <DateTime value={entry.at} />
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {system ? t('case.common.systemActor') : entry.actorName}
            {!system && ` · ${actorRoleLabel(t, entry.actorRole)}`}
            {entry.actorUnitName && !system && t('case.timeline.unit', { unit: entry.actorUnitName })}
            {automatic && ` · ${t('case.timeline.automatic')}`}
            {viaPublic && ` · ${t('case.timeline.viaPublic')}`}
          </Typography.Text>
          <EntryDetails entry={entry} attachments={attachments} compact={compact} />
        </Flex>
      ),
    };
  });
  return <Timeline items={items} data-testid="case-timeline" />;
}
