import { ClockCircleOutlined, FireOutlined, InboxOutlined, ReloadOutlined, ThunderboltOutlined, WarningOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Flex, Row, Segmented, Statistic, Tooltip, Typography } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { casesApi, type CaseListQuery } from '../api.ts';
import { useLiveNotifications } from '../components/bell.tsx';
import { deadlineColors } from '../components/labels.tsx';
import { CaseTable } from '../components/table.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

type Tone = 'all' | 'overdue' | 'red' | 'yellow';
function toneQuery(tone: Tone): CaseListQuery {
  if (tone === 'overdue') return { overdue: true };
  if (tone === 'red' || tone === 'yellow') return { slaLevel: tone };
  return {};
}

/** 工作台: what waits for me and my unit, by stage, most urgent first, refreshed live from notifications. */
const base: CaseListQuery = { todo: true };

export function CaseTodoPage() {
  const { t } = useI18n();
  // The states my work waits in, as the server's to-do rules find it for my permissions.
  const todoStates = useApiQuery(['cases', 'todoStates'], (signal) => casesApi.todoStates(signal));
  const waiting = todoStates.data?.states ?? [];
  const list = useListPage({
    queryKey: ['cases', 'list', 'todo'],
    filters: (params) => {
      const toneParam = params.get('tone');
      const tone: Tone = toneParam === 'overdue' || toneParam === 'red' || toneParam === 'yellow' ? toneParam : 'all';
      const waitParam = params.get('wait') ?? '';
      return { tone, wait: waiting.find((s) => s === waitParam) };
    },
    load: ({ tone, wait }, paging, signal) => casesApi.list({ ...base, ...toneQuery(tone), state: wait, sort: 'deadline_asc', ...paging }, signal),
  });
  const { tone, wait } = list.filters;
  const update = list.update;
  // Every count of the board in one request (under the list's key, so a refresh renews both).
  const counts = useApiQuery(['cases', 'list', 'todo-counts'], (signal) => casesApi.todoCounts(signal));

  // New notifications (a case dispatched to me, a feedback to verify…) refresh the board; a burst refreshes once.
  const timer = useRef<number | undefined>(undefined);
  useLiveNotifications(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void invalidate(['cases', 'list']), 400);
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const stat = (key: Tone, title: string, value: number | undefined, color: string, icon: ReactNode) => (
    <Col xs={12} md={6} key={key}>
      <Card
        size="small"
        hoverable
        onClick={() => update({ tone: key === 'all' ? undefined : key })}
        style={{ borderColor: tone === key ? color : undefined, boxShadow: tone === key ? `0 0 0 1px ${color}` : undefined }}
        data-testid={`todo-stat-${key}`}
      >
        <Statistic title={title} value={value ?? '—'} loading={counts.isLoading} styles={{ content: { color, fontWeight: 600 } }} prefix={icon} />
      </Card>
    </Col>
  );

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {stat('all', t('case.todo.total'), counts.data?.all, '#1a4f9c', <InboxOutlined />)}
        {stat('overdue', t('case.todo.overdue'), counts.data?.overdue, deadlineColors.overdue.color, <FireOutlined />)}
        {stat('red', t('case.todo.red'), counts.data?.red, deadlineColors.red.color, <WarningOutlined />)}
        {stat('yellow', t('case.todo.yellow'), counts.data?.yellow, deadlineColors.yellow.color, <ClockCircleOutlined />)}
      </Row>
      <Card
        title={
          <Flex align="center" gap={10}>
            <ThunderboltOutlined />
            <span>{t('case.todo.title')}</span>
            <Tooltip title={t('case.todo.liveHint')}>
              <Badge status="processing" text={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('case.todo.live')}</Typography.Text>} />
            </Tooltip>
          </Flex>
        }
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void invalidate(['cases', 'list'])} loading={list.loading}>
            {t('case.common.refresh')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('case.todo.subtitle')}
        </Typography.Paragraph>
        {waiting.length > 1 && (
          <Segmented<string>
            style={{ marginBottom: 16 }}
            value={wait ?? ''}
            onChange={(value) => update({ wait: value || undefined })}
            data-testid="todo-waiting"
            options={[
              { value: '', label: `${t('case.todo.all')} ${counts.data ? counts.data.all : ''}` },
              ...waiting.map((s) => ({ value: s, label: `${t(`case.todo.wait.${s}`)} ${counts.data?.byState[s] ?? ''}` })),
            ]}
          />
        )}
        {list.query.error && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} style={{ marginBottom: 16 }} />}
        <CaseTable
          list={list}
          emptyText={t('case.todo.empty')}
          testId="todo-table"
        />
      </Card>
    </Flex>
  );
}
