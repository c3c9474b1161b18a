// Each worker's record: patrols, distance, coverage, cases (valid), visits on time, overdue
// duty items and attendance over a period, ranked within the chosen area; as .xlsx too.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { FilterBar } from '../../../platform/components/list-filters.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { UnderFilter } from '../../org/index.ts';
import { gridworkApi, type WorkerRecord } from '../api.ts';
import { formatDistance, formatShare } from '../components/format.ts';
import { chinaDay } from '../components/mobile-log.tsx';

export function RecordsPage() {
  const { t } = useI18n();
  const today = chinaDay();
  const monthStart = `${today.slice(0, 8)}01`;
  const list = useListPage({
    queryKey: ['gridwork', 'records'],
    filters: (params) => ({ from: params.get('from') ?? monthStart, to: params.get('to') ?? today, under: params.get('under') ?? undefined }),
    load: (filters, paging, signal) => gridworkApi.records({ ...filters, ...paging }, signal),
  });
  const { from, to } = list.filters;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('gridwork.records.title')}
      </Typography.Title>
      <FilterBar>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          onChange={(range) => range?.[0] && range[1] && list.update({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })}
        />
        <UnderFilter list={list} placeholder={t('gridwork.filter.under')} width={240} />
        <Button icon={<DownloadOutlined />} onClick={() => downloadFile(gridworkApi.recordsXlsxUrl(list.filters))} data-testid="records-export">
          {t('gridwork.export')}
        </Button>
      </FilterBar>
      <ListTable<WorkerRecord>
        list={list}
        rowKey="workerId"
        data-testid="records-table"
        emptyText={t('gridwork.records.empty')}
        columns={[
          { key: 'rank', title: t('gridwork.records.rank'), dataIndex: 'rank', width: 64 },
          { key: 'worker', title: t('gridwork.patrols.worker'), render: (_, r) => <><Typography.Text strong>{r.workerName}</Typography.Text><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.communityName} · {r.gridName}</Typography.Text></> },
          { key: 'patrols', title: t('gridwork.records.patrols'), dataIndex: 'patrols' },
          { key: 'distance', title: t('gridwork.patrol.distance'), render: (_, r) => formatDistance(r.distanceMeters) },
          { key: 'coverage', title: t('gridwork.patrols.coverage'), render: (_, r) => formatShare(r.coverage) },
          { key: 'cases', title: t('gridwork.records.cases'), render: (_, r) => `${r.casesValid} / ${r.casesReported}` },
          { key: 'visits', title: t('gridwork.records.visitsOnTime'), dataIndex: 'visitsOnTime' },
          { key: 'overdue', title: t('gridwork.records.dutyOverdue'), dataIndex: 'dutyOverdue' },
          { key: 'days', title: t('gridwork.records.attendanceDays'), dataIndex: 'attendanceDays' },
          { key: 'score', title: t('gridwork.records.score'), render: (_, r) => r.score.toFixed(1) },
        ]}
      />
    </Flex>
  );
}
