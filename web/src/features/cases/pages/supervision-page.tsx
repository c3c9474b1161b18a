import { FlagOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { casesApi, openCaseStates, type CaseListItem, type CaseListQuery } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { CaseActionModal } from '../components/action-modal.tsx';
import { useLiveNotifications } from '../components/bell.tsx';
import { deadlineColors } from '../components/labels.tsx';
import { CaseTable } from '../components/table.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useRequest } from '../../../platform/use-request.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

const tabs = ['overdue', 'red', 'yellow', 'supervised'] as const;
type BoardTab = (typeof tabs)[number];

function tabQuery(tab: BoardTab): CaseListQuery {
  const open = openCaseStates.join(',');
  switch (tab) {
    case 'overdue':
      return { state: open, overdue: true, sort: 'deadline_asc' };
    case 'red':
      return { state: open, slaLevel: 'red', sort: 'deadline_asc' };
    case 'yellow':
      return { state: open, slaLevel: 'yellow', sort: 'deadline_asc' };
    case 'supervised':
      return { state: open, supervised: true, sort: 'updated_desc' };
  }
}

const tabColors: Record<BoardTab, string> = {
  overdue: deadlineColors.overdue.color,
  red: deadlineColors.red.color,
  yellow: deadlineColors.yellow.color,
  supervised: '#1a4f9c',
};

/** 督办: open cases that are overdue or warned, and those already supervised; supervise from the row. */
export function CaseSupervisionPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab: BoardTab = tabs.find((x) => x === params.get('tab')) ?? 'overdue';
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [tick, setTick] = useState(0);
  const [supervising, setSupervising] = useState<CaseListItem | null>(null);
  const list = useRequest((signal) => casesApi.list({ ...tabQuery(tab), page, pageSize }, signal), [tab, page, pageSize, tick]);
  const counts = useRequest(
    (signal) => Promise.all(tabs.map((x) => casesApi.list({ ...tabQuery(x), page: 1, pageSize: 1 }, signal).then((r) => r.total))),
    [tick],
  );
  useLiveNotifications((n) => {
    if (n.kind === 'case.overdue' || n.kind === 'case.warning' || n.kind.includes('supervise')) setTick((x) => x + 1);
  });

  return (
    <Card title={<><FlagOutlined /> {t('case.supervise.title')}</>}>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('case.supervise.subtitle')}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setParams(key === 'overdue' ? {} : { tab: key }, { replace: true });
          setPage(1);
        }}
        items={tabs.map((x, i) => ({
          key: x,
          label: (
            <span data-testid={`supervise-tab-${x}`}>
              {t(`case.supervise.tab.${x}`)}{' '}
              <Badge count={counts.data?.[i] ?? 0} overflowCount={9999} showZero color={tabColors[x]} style={{ marginInlineStart: 4 }} />
            </span>
          ),
        }))}
      />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} style={{ marginBottom: 16 }} />}
      <CaseTable
        items={list.data?.items ?? []}
        loading={list.loading}
        total={list.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onPage={(nextPage, nextSize) => {
          setPage(nextPage);
          setPageSize(nextSize);
        }}
        emptyText={t('case.supervise.empty')}
        testId="supervision-table"
        omit={['createdAt']}
        extraColumns={[
          {
            title: t('case.supervise.overdueCount'),
            key: 'overdueCount',
            width: 90,
            align: 'center',
            render: (_: unknown, item) => item.sla.overdueCount || '—',
          },
          ...(can('case.supervise')
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  fixed: 'right' as const,
                  render: (_: unknown, item: CaseListItem) => (
                    <Button size="small" danger icon={<FlagOutlined />} onClick={() => setSupervising(item)} data-testid="supervise-row">
                      {t('case.supervise.action')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CaseActionModal
        target={supervising}
        action={supervising ? 'supervise' : null}
        onClose={() => setSupervising(null)}
        onDone={() => {
          setSupervising(null);
          setTick((x) => x + 1);
        }}
        onReload={() => setTick((x) => x + 1)}
      />
    </Card>
  );
}
