// 考勤 in the console: a community's monthly sheet as .xlsx, and the leave and duty-swap
// requests of my area to approve or reject.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { EnumFilter, FilterBar } from '../../../platform/components/list-filters.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { leaveStatuses, type LeaveStatus } from '#server/modules/gridwork/contract.ts';
import { gridworkApi, type Leave } from '../api.ts';

export function AttendancePage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const scope = useScopeNodes();
  const [community, setCommunity] = useState<string | undefined>();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const write = useWrite();
  const list = useListPage({
    queryKey: ['gridwork', 'leaves'],
    filters: (params) => ({ status: (params.get('status') ?? undefined) as LeaveStatus | undefined }),
    load: (filters, paging, signal) => gridworkApi.leaves({ ...filters, ...paging }, signal),
  });
  const decide = (leave: Leave, approve: boolean) =>
    write.run(() => gridworkApi.decideLeave(leave.id, { approve, version: leave.version }), { success: t(approve ? 'gridwork.leave.approved' : 'gridwork.leave.rejected'), invalidates: ['gridwork', 'leaves'] });

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('gridwork.attendance.pageTitle')}
      </Typography.Title>
      <Card size="small" title={t('gridwork.attendance.sheet')}>
        <Space wrap>
          <OrgNodeSelect value={community} onChange={(code) => setCommunity(code)} levels={['community']} suggestions={scope.data?.suggestions} placeholder={t('gridwork.attendance.community')} style={{ width: 260 }} testId="sheet-community" />
          <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
          <Button type="primary" icon={<DownloadOutlined />} disabled={!community} onClick={() => community && downloadFile(gridworkApi.attendanceSheetUrl(community, month))} data-testid="sheet-download">
            {t('gridwork.export')}
          </Button>
        </Space>
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('gridwork.leave.title')}
      </Typography.Title>
      <FilterBar>
        <EnumFilter list={list} param="status" values={leaveStatuses} label={(s) => t(`gridwork.leaveStatus.${s}`)} placeholder={t('gridwork.leave.status')} width={140} />
      </FilterBar>
      <ListTable<Leave>
        list={list}
        data-testid="leaves-table"
        emptyText={t('gridwork.leave.empty')}
        columns={[
          { key: 'worker', title: t('gridwork.patrols.worker'), dataIndex: 'workerName' },
          { key: 'kind', title: t('gridwork.leave.kind'), render: (_, l) => (l.kind === 'swap' ? `${t('gridwork.leaveKind.swap')} → ${l.swapWithName ?? ''}` : t('gridwork.leaveKind.leave')) },
          { key: 'days', title: t('gridwork.leave.days'), render: (_, l) => `${l.from} – ${l.to}` },
          { key: 'reason', title: t('gridwork.leave.reason'), dataIndex: 'reason', ellipsis: true },
          { key: 'status', title: t('gridwork.leave.status'), render: (_, l) => <Tag color={l.status === 'approved' ? 'green' : l.status === 'rejected' ? 'red' : 'orange'}>{t(`gridwork.leaveStatus.${l.status}`)}</Tag> },
          {
            key: 'decide',
            title: '',
            render: (_, l) =>
              l.status === 'pending' && can('gridwork.write') ? (
                <Space>
                  <Button size="small" type="primary" loading={write.busy} onClick={() => void decide(l, true)}>
                    {t('gridwork.leave.approve')}
                  </Button>
                  <Button size="small" danger loading={write.busy} onClick={() => void decide(l, false)}>
                    {t('gridwork.leave.reject')}
                  </Button>
                </Space>
              ) : (
                l.decidedByName ?? ''
              ),
          },
        ]}
      />
    </Flex>
  );
}
