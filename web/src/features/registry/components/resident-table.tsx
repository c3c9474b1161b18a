import type { ReactNode } from 'react';
import { Table, Typography, type TableProps } from 'antd';
import { Link } from 'react-router';
import type { Resident } from '../api.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { Identifier, KeyGroupTags, relationLabel, ResidenceTypeTag } from './labels.tsx';
import { residentPath } from './paths.ts';

interface ResidentTableProps {
  residents: Resident[];
  loading?: boolean;
  showRelation?: boolean;
  showAddress?: boolean;
  pagination?: TableProps<Resident>['pagination'];
  testId?: string;
  /** Replaces the empty text (a list page shows none before its first answer). */
  emptyText?: ReactNode;
}

/** People as every registry list shows them: masked identifiers unless the page revealed them. */
export function ResidentTable({ residents, loading, showRelation = false, showAddress = false, pagination = false, testId, emptyText }: ResidentTableProps) {
  const { t } = useI18n();
  return (
    <Table<Resident>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={residents}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      locale={{ emptyText: emptyText ?? t('registry.search.empty') }}
      columns={[
        {
          title: t('registry.name'),
          dataIndex: 'name',
          fixed: 'left',
          render: (name: string, r) => (
            <Link to={residentPath(r.id)} data-testid="resident-link">
              <Typography.Text strong style={{ color: 'inherit' }}>
                {name}
              </Typography.Text>
            </Link>
          ),
        },
        ...(showRelation
          ? [{ title: t('registry.relation'), dataIndex: 'relation', render: (v: string | null) => relationLabel(t, v) }]
          : []),
        { title: t('registry.gender'), dataIndex: 'gender', width: 64, render: (v: Resident['gender']) => t(`registry.gender.${v}`) },
        { title: t('registry.age'), dataIndex: 'age', width: 72, align: 'right' as const },
        { title: t('registry.idNumber'), dataIndex: 'idNumber', render: (v: string, r) => <Identifier value={v} revealed={r.revealed} /> },
        { title: t('registry.phone'), dataIndex: 'phone', render: (v: string | null, r) => <Identifier value={v} revealed={r.revealed} /> },
        { title: t('registry.residenceType'), dataIndex: 'residenceType', width: 100, render: (v: Resident['residenceType']) => <ResidenceTypeTag type={v} /> },
        ...(showAddress
          ? [{ title: t('registry.address'), dataIndex: 'address', render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('registry.noAddress')}</Typography.Text> }]
          : []),
        { title: t('registry.keyGroups'), dataIndex: 'keyGroups', render: (v: Resident['keyGroups']) => <KeyGroupTags groups={v} /> },
      ]}
    />
  );
}
