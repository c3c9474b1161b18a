import { useState } from 'react';
import { casesApi, type CaseDetail } from '../api.ts';
import { useLiveNotifications } from './bell.tsx';
import { useApiQuery } from '../../../platform/query.ts';

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
