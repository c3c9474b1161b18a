import { ClockCircleOutlined, FlagOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { CSSProperties } from 'react';
import type { CaseListItem, CaseSla } from '../api.ts';
import { caseStates, timelineActions, type CaseAction, type CaseRating, type CaseState, type SupervisionLevel, type TimelineAction, type WorkingTime } from '#server/modules/cases/contract.ts';
import { useI18n, type Translate } from '../../../platform/i18n/index.tsx';
import { formatDateTime } from '../../../platform/components/labels.tsx';

// ---- Words ----

function isCaseState(value: string): value is CaseState {
  return (caseStates as readonly string[]).includes(value);
}
function isTimelineAction(value: string): value is TimelineAction {
  return (timelineActions as readonly string[]).includes(value);
}

export function caseStateLabel(t: Translate, state: string): string {
  return isCaseState(state) ? t(`case.state.${state}`) : state;
}

/** A timeline action's name (受理, 派遣, 临期预警…), or the code when unknown. */
export function caseActionLabel(t: Translate, action: string): string {
  return isTimelineAction(action) ? t(`case.action.${action}`) : action;
}

/** Actions that move a case along its main path: shown as primary buttons. */
export const mainActions: readonly CaseAction[] = ['accept', 'register', 'dispatch', 'acknowledge', 'feedback', 'verify_pass', 'rate', 'approve_extension', 'resume'];
/** Actions that turn a case back or refuse it: shown as danger buttons. */
export const dangerActions: readonly CaseAction[] = ['reject', 'return', 'verify_fail', 'reject_extension', 'reopen', 'suspend'];

export function workingTimeLabel(t: Translate, amount: WorkingTime): string {
  return `${amount.amount} ${t(`case.unit.${amount.unit}`)}`;
}

/** A date and minute for dense tables: 2026/11/05 13:13 (no seconds). */
export function ShortTime({ value }: { value: string | null | undefined }) {
  const { locale } = useI18n();
  if (!value) return null;
  const text = new Date(value).toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  return <span style={{ whiteSpace: 'nowrap' }} title={formatDateTime(value, locale)}>{text}</span>;
}

// ---- Deadline colours: normal / yellow / red / overdue ----

export type DeadlineTone = 'none' | 'normal' | 'yellow' | 'red' | 'overdue';

/** How urgent a case's current time limit is. */
export function deadlineTone(sla: CaseSla): DeadlineTone {
  // A finished case has no running stage: whether it was ever overdue is history, not a colour.
  if (!sla.stage) return 'none';
  if (sla.isOverdue) return 'overdue';
  if (!sla.deadlineAt) return 'none';
  return sla.level;
}

/** The colours of each tone: text, tag and the row's left edge. */
export const deadlineColors: Record<DeadlineTone, { color: string; tag: string }> = {
  none: { color: '#595959', tag: 'default' },
  normal: { color: '#237804', tag: 'success' },
  yellow: { color: '#874d00', tag: 'warning' },
  red: { color: '#cf1322', tag: 'error' },
  overdue: { color: '#820014', tag: '#a8071a' },
};

/** A duration in words: 3 天 4 小时, 5 小时, 20 分钟. */
export function durationLabel(t: Translate, millis: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(millis) / 60_000));
  if (minutes < 60) return t('case.deadline.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('case.deadline.hours', { n: hours });
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? t('case.deadline.days', { n: days }) : t('case.deadline.daysHours', { d: days, h: rest });
}

/** The deadline tag of a case: colour by tone, with the time left or overdue. */
export function DeadlineTag({ sla, withTime = true }: { sla: CaseSla; withTime?: boolean }) {
  const { t, locale } = useI18n();
  const tone = deadlineTone(sla);
  if (tone === 'none') return <Typography.Text type="secondary">{t('case.deadline.none')}</Typography.Text>;
  const deadline = sla.deadlineAt ? new Date(sla.deadlineAt).getTime() : Date.now();
  const left = deadline - Date.now();
  const relative = left >= 0 ? t('case.deadline.left', { time: durationLabel(t, left) }) : t('case.deadline.over', { time: durationLabel(t, left) });
  const icon = tone === 'overdue' || tone === 'red' ? <WarningOutlined /> : <ClockCircleOutlined />;
  return (
    <Tooltip title={sla.stage ? t('case.deadline.stageDue', { stage: t(`case.stage.${sla.stage}`), time: formatDateTime(sla.deadlineAt, locale) }) : undefined}>
      <Flex vertical gap={2} data-testid="deadline" data-tone={tone}>
        <Tag color={deadlineColors[tone].tag} icon={icon} style={{ marginInlineEnd: 0, width: 'fit-content' }}>
          {t(`case.deadline.${tone}`)}
        </Tag>
        {withTime && (
          <Typography.Text style={{ fontSize: 12, color: deadlineColors[tone].color, whiteSpace: 'nowrap' }}>{relative}</Typography.Text>
        )}
      </Flex>
    </Tooltip>
  );
}

/** A coloured left edge for a table row, by the case's deadline tone. */
export function deadlineRowStyle(item: Pick<CaseListItem, 'sla' | 'state'>): CSSProperties {
  const tone = deadlineTone(item.sla);
  return tone === 'none' ? {} : { boxShadow: `inset 3px 0 0 ${deadlineColors[tone].color}` };
}

// ---- Tags ----

const stateColors: Record<CaseState, string> = {
  reported: 'blue',
  accepted: 'geekblue',
  rejected: 'default',
  registered: 'purple',
  dispatched: 'cyan',
  handling: 'processing',
  handled: 'orange',
  closed: 'green',
  rated: 'success',
  suspended: 'default',
  merged: 'default',
};

export function CaseStateTag({ state }: { state: string }) {
  const { t } = useI18n();
  const color = isCaseState(state) ? stateColors[state] : 'default';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }} data-testid="case-state" data-state={state}>
      {caseStateLabel(t, state)}
    </Tag>
  );
}

export function SupervisionTag({ level }: { level: SupervisionLevel | null }) {
  const { t } = useI18n();
  if (!level) return null;
  const color = level === 'red' ? 'red' : level === 'yellow' ? 'gold' : 'blue';
  return (
    <Tag color={color} icon={<FlagOutlined />} style={{ marginInlineEnd: 0 }}>
      {t(`case.supervision.${level}`)}
    </Tag>
  );
}

export function RatingTag({ rating }: { rating: CaseRating | string | null }) {
  const { t } = useI18n();
  if (rating !== 'satisfied' && rating !== 'basically_satisfied' && rating !== 'unsatisfied') return null;
  const color = rating === 'satisfied' ? 'green' : rating === 'basically_satisfied' ? 'lime' : 'red';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {t(`case.rating.${rating}`)}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: CaseListItem['urgency'] }) {
  const { t } = useI18n();
  if (urgency === 'normal') return null;
  return (
    <Tag color={urgency === 'critical' ? 'red' : 'volcano'} style={{ marginInlineEnd: 0 }}>
      {t(`case.urgency.${urgency}`)}
    </Tag>
  );
}

export function MatterTag({ matter }: { matter: CaseListItem['matterClass'] }) {
  const { t } = useI18n();
  const color = matter === 'government' ? 'blue' : matter === 'community' ? 'green' : 'default';
  return (
    <Tag color={color} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {t(`case.matter.${matter}`)}
    </Tag>
  );
}
