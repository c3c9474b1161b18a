// 民情日记 in the console: the entries of my area's workers, searched and paged; an entry
// can be turned into a case (转为案件), and links to the cases made from it.
import { Button, Flex, Image, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../platform/auth.tsx';
import { FilterBar, ListSearch } from '../../../platform/components/list-filters.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { UnderFilter } from '../../org/index.ts';
import { gridworkApi, type WorkLog } from '../api.ts';
import { LogCaseModal } from '../components/log-case-modal.tsx';

export function WorkLogsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [turning, setTurning] = useState<WorkLog | null>(null);
  const list = useListPage({
    queryKey: ['gridwork', 'logs'],
    filters: (params) => ({ q: params.get('q') ?? undefined, under: params.get('under') ?? undefined }),
    load: (filters, paging, signal) => gridworkApi.logs({ ...filters, ...paging }, signal),
  });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('gridwork.logs.title')}
      </Typography.Title>
      <FilterBar>
        <ListSearch list={list} placeholder={t('gridwork.logs.search')} style={{ width: 280 }} data-testid="logs-search" />
        <UnderFilter list={list} placeholder={t('gridwork.filter.under')} width={240} />
      </FilterBar>
      <ListTable<WorkLog>
        list={list}
        data-testid="logs-table"
        emptyText={t('gridwork.logs.empty')}
        columns={[
          { key: 'day', title: t('gridwork.logs.day'), dataIndex: 'day', width: 110 },
          { key: 'worker', title: t('gridwork.patrols.worker'), render: (_, l) => <><Typography.Text strong>{l.workerName}</Typography.Text><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.gridName}</Typography.Text></> },
          { key: 'seen', title: t('gridwork.log.seen'), dataIndex: 'seen', ellipsis: true },
          { key: 'heard', title: t('gridwork.log.heard'), dataIndex: 'heard', ellipsis: true },
          { key: 'done', title: t('gridwork.log.done'), dataIndex: 'done', ellipsis: true },
          {
            key: 'photos',
            title: t('gridwork.logs.photos'),
            render: (_, l) => (
              <Image.PreviewGroup>
                <Flex gap={4}>
                  {l.photos.slice(0, 3).map((p) => (
                    <Image key={p.id} width={40} height={40} style={{ objectFit: 'cover' }} src={gridworkApi.logPhotoUrl(l.id, p.id, true)} preview={{ src: gridworkApi.logPhotoUrl(l.id, p.id) }} alt={p.fileName} />
                  ))}
                </Flex>
              </Image.PreviewGroup>
            ),
          },
          {
            key: 'cases',
            title: t('gridwork.logs.cases'),
            render: (_, l) => (
              <Flex vertical align="flex-start">
                {l.caseIds.map((caseId, i) => (
                  <Link key={caseId} to={`/console/cases/${caseId}`} data-testid="log-case-link">
                    {t('gridwork.logs.caseN', { n: i + 1 })}
                  </Link>
                ))}
                {can('case.report') && (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setTurning(l)} data-testid="log-to-case">
                    {t('gridwork.logs.toCase')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      <LogCaseModal entry={turning} onClose={() => setTurning(null)} />
    </Flex>
  );
}
