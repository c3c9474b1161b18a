import { useEffect, useRef, useState, type DependencyList } from 'react';
import { toApiError, type ApiError } from './api-client.ts';

export interface RequestState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data when `deps` change (cancelling the previous call) and on `reload()`.
 * Pass `null` as the loader to load nothing. Earlier data stays visible while reloading.
 */
export function useRequest<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: DependencyList): RequestState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(load !== null);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const run = loadRef.current;
    if (!run) {
      setData(undefined);
      setError(null);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    run(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(toApiError(failure));
        setLoading(false);
      },
    );
    return () => controller.abort();
    // The caller's deps decide when to load again; `tick` is bumped by reload().
  }, [...deps, tick]);

  return { data, error, loading, reload: () => setTick((n) => n + 1) };
}
