import { FlagOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { casesApi, type CaseListItem, type CaseListQuery } from '../api.ts';
import { openCaseStates } from '#server/modules/cases/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { CaseActionModal } from '../components/action-modal.tsx';
import { useLiveNotifications } from '../components/bell.tsx';
import { deadlineColors } from '../components/labels.tsx';
import { CaseTable } from '../components/table.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
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
  const [supervising, setSupervising] = useState<CaseListItem | null>(null);
  const list = useListPage({
    queryKey: ['cases', 'list', 'supervision'],
    filters: (params): { tab: BoardTab } => ({ tab: tabs.find((x) => x === params.get('tab')) ?? 'overdue' }),
    load: ({ tab }, paging, signal) => casesApi.list({ ...tabQuery(tab), ...paging }, signal),
  });
  const { tab } = list.filters;
  const counts = useApiQuery(
    ['cases', 'list', 'supervision-counts'],
    (signal) => Promise.all(tabs.map((x) => casesApi.count(tabQuery(x), signal).then((r) => r.total))),
  );
  useLiveNotifications((n) => {
    if (n.kind === 'case.overdue' || n.kind === 'case.warning' || n.kind.includes('supervise')) void invalidate(['cases', 'list']);
  });

  return (
    <Card title={<><FlagOutlined /> {t('case.supervise.title')}</>}>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('case.supervise.subtitle')}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          list.update({ tab: key === 'overdue' ? undefined : key });
        }}
        items={tabs.map((x, i) => ({
          key: x,
          label: (
            <span data-testid={`supervise-tab-${x}`}>
              {t(`case.supervise.tab.${x}`)}{' '}
              {/* No "0" before the count has arrived. */}
              {counts.data && <Badge count={counts.data[i] ?? 0} overflowCount={9999} showZero color={tabColors[x]} style={{ marginInlineStart: 4 }} />}
            </span>
          ),
        }))}
      />
      {list.query.error && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} style={{ marginBottom: 16 }} />}
      <CaseTable
        list={list}
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
          void invalidate(['cases', 'list']);
        }}
        onReload={() => void invalidate(['cases', 'list'])}
      />
    </Card>
  );
}
