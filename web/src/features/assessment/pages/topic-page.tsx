// A topic of the month: its target, units and tasks (marked done with a note), and the monthly
// count of its cases before and after it opened (did the problem go down?).
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Result, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { Chart } from '../../../platform/components/chart.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { assessmentApi, type Topic } from '../api.ts';

function TrendCard({ topic }: { topic: Topic }) {
  const t = useT();
  return (
    <Card title={t('assessment.topic.trend')} size="small">
      <Typography.Paragraph type="secondary" data-testid="topic-before-after">
        {t('assessment.topic.before')} {topic.before ?? '—'} · {t('assessment.topic.after')} {topic.after ?? '—'}
      </Typography.Paragraph>
      <Chart
        ariaLabel={t('assessment.topic.trend')}
        testId="topic-trend"
        option={{
          tooltip: { trigger: 'axis' },
          grid: { left: 40, right: 16, top: 16, bottom: 32 },
          xAxis: { type: 'category', data: topic.monthly.map((m) => m.month) },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { type: 'bar', name: t('assessment.recurring.count'), data: topic.monthly.map((m) => ({ value: m.count, itemStyle: { color: m.afterOpening ? '#1677ff' : '#8c8c8c' } })) },
            ...(topic.targetMonthly !== null ? [{ type: 'line', name: t('assessment.topic.targetMonthly'), data: topic.monthly.map(() => topic.targetMonthly), symbol: 'none', lineStyle: { type: 'dashed' } }] : []),
          ],
        }}
      />
    </Card>
  );
}

export function TopicPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const query = useApiQuery(['assessment', 'topic', id], (signal) => assessmentApi.topic(id, signal));
  const write = useWrite();
  const [closing, setClosing] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  if (query.error) return query.error.status === 404 ? <Result status="404" title={t('assessment.common.notFound')} /> : <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const topic = query.data;
  if (!topic) return <Spin />;
  const manage = can('assessment.manage') && topic.status === 'open';
  return (
    <Flex vertical gap={16} data-testid="topic-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{topic.title}</Typography.Title>
        <Flex gap={8} align="center">
          <Tag color={topic.status === 'open' ? 'blue' : 'default'}>{t(`assessment.topicStatus.${topic.status}`)}</Tag>
          {manage && <Button onClick={() => setClosing(true)}>{t('assessment.topic.close')}</Button>}
        </Flex>
      </Flex>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'category', label: t('assessment.topic.category'), children: topic.category.name },
          { key: 'community', label: t('assessment.topic.community'), children: topic.community.name },
          { key: 'lead', label: t('assessment.topic.leadUnit'), children: topic.leadUnit.name },
          { key: 'co', label: t('assessment.topic.coUnits'), children: topic.coUnits.map((u) => u.name).join('、') || '—' },
          { key: 'target', label: t('assessment.topic.target'), children: topic.target },
          { key: 'opened', label: t('assessment.topic.openedAt'), children: topic.openedAt.slice(0, 10) },
        ]}
      />
      {topic.closingNote && <Alert type="success" title={topic.closingNote} />}
      <TrendCard topic={topic} />
      <Card title={t('assessment.topic.tasks')} size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={topic.tasks}
          data-testid="topic-tasks"
          columns={[
            { key: 'title', title: t('assessment.topic.taskTitle'), dataIndex: 'title' },
            { key: 'owner', title: t('assessment.topic.owner'), render: (_, r) => r.ownerUnit?.name ?? '—' },
            { key: 'deadline', title: t('assessment.topic.deadline'), render: (_, r) => <span>{r.deadline}{r.isOverdue && <Tag color="red" style={{ marginLeft: 8 }}>{t('assessment.topic.overdue')}</Tag>}</span> },
            { key: 'status', title: t('assessment.common.status'), render: (_, r) => <Tag color={r.status === 'done' ? 'green' : 'default'}>{t(`assessment.taskStatus.${r.status}`)}</Tag> },
            { key: 'note', title: t('assessment.topic.note'), render: (_, r) => r.note ?? '' },
            {
              key: 'act', title: '',
              render: (_, r) => manage && (
                <Button size="small" loading={write.busy} onClick={() => void write.run(() => assessmentApi.updateTask(topic.id, r.id, { status: r.status === 'done' ? 'open' : 'done' }), { success: t('assessment.common.saved'), invalidates: ['assessment'] })}>
                  {r.status === 'done' ? t('assessment.topic.reopenTask') : t('assessment.topic.doneTask')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <FormModal<{ note: string }> title={t('assessment.topic.close')} open={closing} onClose={() => setClosing(false)} form={form} onSubmit={async (v) => { await assessmentApi.closeTopic(topic.id, v.note); setClosing(false); await query.refetch(); }}>
        <Form.Item name="note" label={t('assessment.topic.closingNote')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
