// Tags and labels of the services vocabulary, shared by the console and the portal.
import { Tag } from 'antd';
import type { ApplicationStatus, DeadlineState, MaterialState } from '#server/modules/services/contract.ts';
import { useT, type MessageKey } from '../../../platform/i18n/index.tsx';

const statusColour: Record<ApplicationStatus, string> = {
  submitted: 'default', received: 'processing', accepted: 'blue', not_accepted: 'red', correction_requested: 'orange',
  under_review: 'geekblue', approved: 'green', refused: 'volcano', delivered: 'cyan', rated: 'purple',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const t = useT();
  return (
    <Tag color={statusColour[status]} data-testid="application-status" data-status={status}>
      {t(`services.status.${status}` as MessageKey)}
    </Tag>
  );
}

export function DeadlineTag({ deadline }: { deadline: DeadlineState }) {
  const t = useT();
  if (deadline === 'none') return null;
  const colour = deadline === 'overdue' ? 'red' : deadline === 'warning' ? 'orange' : 'green';
  return <Tag color={colour}>{t(`services.deadline.${deadline}` as MessageKey)}</Tag>;
}

export function MaterialStateTag({ state }: { state: MaterialState['state'] }) {
  const t = useT();
  const colour = state === 'missing' ? 'red' : state === 'deferred' ? 'orange' : state === 'supplied' ? 'green' : 'default';
  return <Tag color={colour}>{t(`services.material.${state}` as MessageKey)}</Tag>;
}

/** The label of an action or timeline step. */
export function actionLabel(t: (k: MessageKey) => string, action: string): string {
  return t(`services.action.${action}` as MessageKey);
}
