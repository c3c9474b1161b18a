// The plumbing every list page shares: filters kept in the URL's search params (so a list can
// be bookmarked, shared and restored by Back), paging through the same params, the query, and
// the props of an antd Table with its total — correct while loading, empty or failed.
import type { QueryKey, UseQueryResult } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { ApiError, Paged } from './api-client.ts';
import { useT } from './i18n/index.tsx';
import { useApiQuery } from './query.ts';

export type Paging = Pick<Paged<unknown>, 'page' | 'pageSize'>;

export interface ListPageOptions<F, T> {
  /** The query key's prefix, feature first: `['org', 'grids']`; filters and paging are appended. */
  queryKey: QueryKey;
  /** The filters the page reads from the URL. */
  filters: (params: URLSearchParams) => F;
  load: (filters: F, paging: Paging, signal: AbortSignal) => Promise<Paged<T>>;
  pageSizeOptions?: number[];
}

export interface ListPage<F, T> {
  params: URLSearchParams;
  filters: F;
  page: number;
  pageSize: number;
  /** Sets (or, with undefined/empty, removes) search params; any change but paging goes back to page 1. */
  update: (changes: Record<string, string | undefined>) => void;
  /** Replaces every search param (a saved view, or "reset"). */
  replace: (params: URLSearchParams) => void;
  query: UseQueryResult<Paged<T>, ApiError>;
  rows: T[];
  loading: boolean;
  pagination: TablePaginationConfig;
  /** The table's empty text once loaded; nothing while the first page is still loading. */
  emptyText: (text: ReactNode) => ReactNode;
}

const defaultPageSizes = [10, 20, 50, 100];

export function useListPage<F, T>({ queryKey, filters: readFilters, load, pageSizeOptions = defaultPageSizes }: ListPageOptions<F, T>): ListPage<F, T> {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '20') || 20;
  const query = useApiQuery([...queryKey, filters, page, pageSize], (signal) => load(filters, { page, pageSize }, signal));

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const replace = (next: URLSearchParams) => setParams(next, { replace: true });

  const loaded = query.data !== undefined;
  return {
    params,
    filters,
    page,
    pageSize,
    update,
    replace,
    query,
    rows: query.data?.items ?? [],
    loading: query.isFetching,
    pagination: {
      current: page,
      pageSize,
      total: query.data?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions,
      // No "共 0 条" before the first answer.
      showTotal: (total) => (loaded ? t('common.total', { total }) : null),
      // The first page and the usual size stay out of the URL, so equal lists have equal URLs.
      onChange: (nextPage, nextSize) => update({ page: nextPage > 1 ? String(nextPage) : undefined, pageSize: nextSize !== 20 ? String(nextSize) : undefined }),
    },
    emptyText: (text) => (loaded || query.error ? text : <span />),
  };
}
