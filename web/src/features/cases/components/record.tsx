import { useState } from 'react';
import { casesApi, type CaseAction, type CaseDetail } from '../api.ts';
import { dangerActions, mainActions } from './action-modal.tsx';
import { useLiveNotifications } from './bell.tsx';
import { useApiQuery } from '../../../platform/query.ts';

/** The actions shown as buttons, main path first and refusals last (commenting has its own box). */
export function actionButtons(actions: readonly CaseAction[]): CaseAction[] {
  const order = [...mainActions, ...actions.filter((a) => !mainActions.includes(a) && !dangerActions.includes(a)), ...dangerActions];
  return order.filter((a, i) => actions.includes(a) && a !== 'comment' && order.indexOf(a) === i);
}

/**
 * Loads a case and keeps the freshest copy: an action's answer (the whole record) replaces
 * it without another request, and a live notification about the case loads it again.
 */
export function useCaseRecord(id: string | undefined) {
  const record = useApiQuery(['cases', 'get', id], id ? (signal) => casesApi.get(id, signal) : null);
  const [fresh, setFresh] = useState<CaseDetail | null>(null);
  const detail = fresh && fresh.id === id && fresh.version >= (record.data?.version ?? 0) ? fresh : record.data;
  useLiveNotifications((n) => {
    if (n.subjectId === id) void record.refetch();
  });
  return { data: record.data, error: record.error, loading: record.isFetching, reload: () => void record.refetch(), detail, setFresh };
}
