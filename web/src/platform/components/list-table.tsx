import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { ApiError } from '../api-client.ts';
import type { ListPage } from '../use-list-page.tsx';
import { ErrorAlert } from './feedback.tsx';

type QueryTableProps<T> = Omit<TableProps<T>, 'loading' | 'dataSource'> & {
  query: Pick<UseQueryResult<unknown, ApiError>, 'error' | 'isFetching' | 'refetch'>;
  /** The rows to show (the query's data, sorted or picked as the screen wants). */
  rows: readonly T[];
  /** The load error's place above the table. */
  errorStyle?: CSSProperties;
  'data-testid'?: string;
};

/** A table of one query's rows: spinning while it loads, its load error (with retry) above it. */
export function QueryTable<T extends object>({ query, rows, errorStyle, ...table }: QueryTableProps<T>) {
  return (
    <>
      {query.error && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} style={errorStyle} />}
      <Table<T> {...table} loading={query.isFetching} dataSource={rows} />
    </>
  );
}

type ListTableProps<T> = Omit<TableProps<T>, 'loading' | 'dataSource' | 'pagination'> & {
  list: ListPage<unknown, T>;
  /** Shown once the list has loaded empty. */
  emptyText?: ReactNode;
  'data-testid'?: string;
};

/**
 * The table of a list page: its rows, paging and loading from useListPage, and its load error above it; rows keyed by `id` and of middle height unless told.
 * A table wider than its place scrolls inside itself (at 200 % zoom the page would otherwise scroll sideways).
 */
export function ListTable<T extends object>({ list, emptyText, rowKey = 'id', size = 'middle', scroll = { x: 'max-content' }, ...table }: ListTableProps<T>) {
  return (
    <QueryTable<T>
      {...table}
      scroll={scroll}
      rowKey={rowKey}
      size={size}
      query={list.query}
      rows={list.rows}
      errorStyle={{ marginBottom: 16 }}
      pagination={list.pagination}
      locale={{ emptyText: list.emptyText(emptyText) }}
    />
  );
}
