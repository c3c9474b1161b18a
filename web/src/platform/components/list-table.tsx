import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { ListPage } from '../use-list-page.tsx';
import { ErrorAlert } from './feedback.tsx';

type ListTableProps<T> = Omit<TableProps<T>, 'loading' | 'dataSource' | 'pagination'> & {
  list: ListPage<unknown, T>;
  /** Shown once the list has loaded empty. */
  emptyText?: ReactNode;
  'data-testid'?: string;
};

/** The table of a list page: its rows, paging and loading from useListPage, and its load error above it. */
export function ListTable<T extends object>({ list, emptyText, ...table }: ListTableProps<T>) {
  return (
    <>
      {list.query.error && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} style={{ marginBottom: 16 }} />}
      <Table<T> {...table} loading={list.loading} dataSource={list.rows} pagination={list.pagination} locale={{ emptyText: list.emptyText(emptyText) }} />
    </>
  );
}
