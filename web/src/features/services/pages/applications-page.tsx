// The back office by status: applications in the reader's scope, a tab per status, deadline
// filter, search by number or applicant, the ledger as .xlsx.
import { AuditOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Tabs } from 'antd';
import { Link } from 'react-router';
import { applicationStatuses, deadlineStates } from '#server/modules/services/contract.ts';
import { DateTime } from '../../../platform/components/labels.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { EnumFilter, FilterBar, ListSearch, pick } from '../../../platform/components/list-filters.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useI18n, type MessageKey } from '../../../platform/i18n/index.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { servicesApi, type ApplicationListItem } from '../api.ts';
import { DeadlineTag, StatusTag } from '../components/labels.tsx';

export function ServiceApplicationsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useListPage({
    queryKey: ['services', 'applications'],
    filters: (params) => ({ status: pick(params.get('status'), applicationStatuses), deadline: pick(params.get('deadline'), deadlineStates), q: params.get('q') || undefined }),
    load: (filters, paging, signal) => servicesApi.applications({ ...filters, ...paging }, signal),
  });
  return (
    <Card
      title={
        <>
          <AuditOutlined /> {t('services.list.title')}
        </>
      }
      extra={
        can('services.export') && (
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile(servicesApi.applicationsExportUrl(list.filters))}>
            {t('services.list.export')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={list.filters.status ?? 'all'}
        onChange={(key) => list.update({ status: key === 'all' ? undefined : key })}
        items={[{ key: 'all', label: t('services.status.all') }, ...applicationStatuses.map((s) => ({ key: s, label: t(`services.status.${s}` as MessageKey) }))]}
      />
      <FilterBar>
        <ListSearch list={list} placeholder={t('services.list.search')} aria-label={t('services.list.search')} style={{ width: 260 }} />
        <EnumFilter list={list} param="deadline" values={deadlineStates} label={(d) => t(`services.deadline.${d}` as MessageKey)} placeholder={t('services.field.deadline')} width={140} />
      </FilterBar>
      <ListTable<ApplicationListItem>
        list={list}
        rowKey="number"
        emptyText={t('services.list.empty')}
        columns={[
          { title: t('services.field.number'), dataIndex: 'number', render: (n: string) => <Link to={`/console/services/applications/${n}`}>{n}</Link> },
          { title: t('services.field.item'), dataIndex: 'itemName' },
          { title: t('services.field.status'), dataIndex: 'status', render: (s: ApplicationListItem['status']) => <StatusTag status={s} /> },
          { title: t('services.field.applicant'), key: 'who', render: (_, a) => `${a.applicant.name} ${a.applicant.phone}` },
          { title: t('services.field.unit'), dataIndex: 'unitName' },
          { title: t('services.field.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => <DateTime value={v} /> },
          { title: t('services.field.dueAt'), dataIndex: 'dueAt', render: (v: string | null) => (v ? <DateTime value={v} /> : '—') },
          { title: t('services.field.deadline'), dataIndex: 'deadline', render: (d: ApplicationListItem['deadline']) => <DeadlineTag deadline={d} /> },
        ]}
      />
    </Card>
  );
}
