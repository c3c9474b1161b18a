import { Button } from 'antd';
import { useState, type ReactNode } from 'react';
import type { CaseAction } from '#server/modules/cases/contract.ts';
import type { CaseDetail } from '../api.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { CaseActionModal } from './action-modal.tsx';
import { caseActionLabel, dangerActions, mainActions } from './labels.tsx';


/** The actions shown as buttons, main path first and refusals last (commenting has its own box). */
function actionButtons(actions: readonly CaseAction[]): CaseAction[] {
  const order = [...mainActions, ...actions.filter((a) => !mainActions.includes(a) && !dangerActions.includes(a)), ...dangerActions];
  return order.filter((a, i) => actions.includes(a) && a !== 'comment' && order.indexOf(a) === i);
}

interface CaseActionsProps {
  /** The case as loaded (its allowedActions give the buttons and each form's inputs). */
  detail: CaseDetail | undefined;
  /** The record's action answer and reload (useCaseRecord). */
  onDone: (next: CaseDetail) => void;
  onReload: () => void;
  /** On the phone: full-width large buttons and the camera for photos. */
  mobile?: boolean;
}

/**
 * The buttons of the actions the actor may take on a case (from its allowedActions), for the
 * page to place, and the form each opens; no buttons when there is nothing but commenting.
 */
export function useCaseActions({ detail, onDone, onReload, mobile = false }: CaseActionsProps): { buttons: ReactNode[]; modal: ReactNode } {
  const { t } = useI18n();
  const [acting, setActing] = useState<CaseAction | null>(null);
  const buttons = actionButtons(detail?.allowedActions.map((a) => a.action) ?? []).map((action) => (
    <Button
      key={action}
      block={mobile}
      size={mobile ? 'large' : undefined}
      type={mainActions.includes(action) ? 'primary' : 'default'}
      danger={dangerActions.includes(action)}
      onClick={() => setActing(action)}
      data-testid={`action-${action}`}
    >
      {caseActionLabel(t, action)}
    </Button>
  ));
  const modal = (
    <CaseActionModal
      target={acting && detail ? detail : null}
      action={acting}
      camera={mobile}
      onClose={() => setActing(null)}
      onDone={(next) => {
        setActing(null);
        onDone(next);
      }}
      onReload={onReload}
    />
  );
  return { buttons, modal };
}
