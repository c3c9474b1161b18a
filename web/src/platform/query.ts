// Server data through TanStack Query: one cache for the app, keyed by feature first
// (`['registry', 'resident', id]`), so a write invalidates what it changed and every
// screen showing it refreshes.
import { keepPreviousData, QueryClient, useQuery, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { toApiError, type ApiError } from './api-client.ts';

declare module '@tanstack/react-query' {
  interface Register {
    // Every call goes through api-client.ts, which throws ApiError (loaders below convert the rest).
    defaultError: ApiError;
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    // A failed call shows its error with a retry button at once, as before; screens load
    // again when opened, not when the window regains focus.
    // offlineFirst: without signal a read still asks once, and the service worker may answer
    // from what /m kept (the default would wait for the network and show nothing).
    queries: { retry: false, refetchOnWindowFocus: false, networkMode: 'offlineFirst' },
    mutations: { retry: false },
  },
});

export interface ApiQueryOptions {
  /** How long loaded data counts as fresh (default 0: load again whenever a screen opens). */
  staleTime?: number;
}

/**
 * Loads `load` under `queryKey`; a null loader loads nothing (the query is disabled). The
 * key must name everything the loader reads, and the loader's result must be the same for
 * the same key wherever it is used. While another key loads (next page, other filters) the
 * screen keeps its previous data, flagged by `isFetching`, instead of flashing empty.
 */
export function useApiQuery<T>(
  queryKey: QueryKey,
  load: ((signal: AbortSignal) => Promise<T>) | null,
  options: ApiQueryOptions = {},
): UseQueryResult<T, ApiError> {
  return useQuery<T, ApiError>({
    queryKey,
    queryFn: async ({ signal }) => {
      if (!load) throw new Error('disabled query ran');
      try {
        return await load(signal);
      } catch (error) {
        if (signal.aborted) throw error;
        throw toApiError(error);
      }
    },
    enabled: load !== null,
    placeholderData: load ? keepPreviousData : undefined,
    staleTime: options.staleTime,
  });
}

/** Refreshes every query of a feature (or a narrower key) after a write. */
export function invalidate(...queryKeys: QueryKey[]): Promise<void> {
  return Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))).then(() => undefined);
}
