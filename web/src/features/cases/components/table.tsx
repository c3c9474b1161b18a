import { Empty, Flex, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import type { CaseListItem } from '../api.ts';
import type { ListPage } from '../../../platform/use-list-page.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { CaseStateTag, DeadlineTag, deadlineRowStyle, ShortTime, SupervisionTag, UrgencyTag } from './labels.tsx';

interface CaseTableProps {
  /** The list page the table shows: its rows, loading state and paging. */
  list: Pick<ListPage<unknown, CaseListItem>, 'rows' | 'loading' | 'pagination' | 'emptyText' | 'query'>;
  /** Columns after the standard ones (e.g. a supervise button). */
  extraColumns?: TableColumnsType<CaseListItem>;
  /** Standard columns a screen does without (the supervision board needs room for its action). */
  omit?: 'createdAt'[];
  emptyText?: string;
  testId?: string;
}

/** The standard case table: number, title and category, state, place, handling unit, time limit (coloured), reported at. */
export function CaseTable({ list, extraColumns = [], omit = [], emptyText, testId = 'case-table' }: CaseTableProps) {
  const { t } = useI18n();
  const columns: TableColumnsType<CaseListItem> = [
    {
      title: t('case.field.number'),
      dataIndex: 'number',
      width: 160,
      // The deadline colour as the row's left edge (a cell shadow draws where a row's may not).
      onCell: (item) => ({ style: deadlineRowStyle(item) }),
      render: (number: string, item) => (
        <Link to={`/console/cases/${item.id}`} data-testid="case-link" style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', whiteSpace: 'nowrap' }}>
          {number}
        </Link>
      ),
    },
    {
      title: t('case.field.title'),
      dataIndex: 'title',
      render: (title: string, item) => (
        <Flex vertical gap={2} style={{ minWidth: 200 }}>
          <Flex gap={6} align="center" wrap>
            <Typography.Text strong>{title}</Typography.Text>
            <UrgencyTag urgency={item.urgency} />
            <SupervisionTag level={item.supervisionLevel} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.className} / {item.categoryName}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('case.field.state'), dataIndex: 'state', width: 96, render: (state: string) => <CaseStateTag state={state} /> },
    {
      title: t('case.field.place'),
      key: 'place',
      width: 150,
      render: (_: unknown, item) => (
        <Flex vertical gap={2} style={{ maxWidth: 180 }}>
          <span>{item.communityName ?? item.streetName ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: item.address }}>
            {item.address}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('case.field.handlingUnit'),
      dataIndex: 'handlingUnitName',
      width: 150,
      render: (name: string | null) => name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('case.field.deadline'), key: 'deadline', width: 130, render: (_: unknown, item) => <DeadlineTag sla={item.sla} /> },
    ...(omit.includes('createdAt') ? [] : [{ title: t('case.field.createdAt'), dataIndex: 'createdAt', width: 140, render: (value: string) => <ShortTime value={value} /> }]),
    ...extraColumns,
  ];
  // The list counts nothing: before its last page the total is the server's estimate ("about N").
  const estimated = (list.query.data as { totalExact?: boolean } | undefined)?.totalExact === false;
  const pagination = estimated ? { ...list.pagination, showTotal: (total: number) => t('case.list.totalAbout', { total }) } : list.pagination;
  return (
    <Table<CaseListItem>
      rowKey="id"
      size="middle"
      loading={list.loading}
      dataSource={list.rows}
      columns={columns}
      data-testid={testId}
      onRow={(item) => ({ 'data-case': item.number }) as HTMLAttributes<HTMLTableRowElement>}
      locale={{ emptyText: list.emptyText(<Empty description={emptyText ?? t('case.list.empty')} />) }}
      scroll={{ x: 'max-content' }}
      pagination={pagination}
    />
  );
}
