// 每月一题: the year's recurring problems (category × community, by the months they came back in),
// a topic opened from a row with its lead unit, co-units, tasks and target, and the open topics.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FilterBar } from '../../../platform/components/list-filters.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { ListTable, QueryTable } from '../../../platform/components/list-table.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery, invalidate } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { assessmentApi, type RecurringItem, type TopicSummary } from '../api.ts';

interface OpenForm {
  title: string;
  leadUnitCode: string;
  coUnitCodes?: string[];
  target: string;
  targetMonthly?: number;
  tasks: { title: string; deadline: dayjs.Dayjs }[];
}

function OpenTopicModal({ item, onClose }: { item: RecurringItem | null; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<OpenForm>();
  const scope = useScopeNodes();
  return (
    <FormModal<OpenForm>
      title={t('assessment.topic.open')}
      open={item !== null}
      onClose={onClose}
      form={form}
      testId="open-topic"
      width={640}
      okText={t('assessment.topic.open')}
      initialValues={item ? { title: `${item.communityName}${item.categoryName}${t('assessment.topic.titleSuffix')}`, target: t('assessment.topic.defaultTarget'), tasks: [{ title: '', deadline: dayjs().add(30, 'day') }] } : {}}
      onSubmit={async (v) => {
        if (!item) return;
        const topic = await assessmentApi.openTopic({
          title: v.title, categoryCode: item.categoryCode, communityCode: item.communityCode, leadUnitCode: v.leadUnitCode, coUnitCodes: v.coUnitCodes ?? [], target: v.target,
          targetMonthly: v.targetMonthly ?? null, tasks: v.tasks.map((task) => ({ title: task.title, deadline: task.deadline.format('YYYY-MM-DD') })),
        });
        onClose();
        await invalidate(['assessment']);
        void navigate(`/console/topics/${topic.id}`);
      }}
    >
      <Typography.Paragraph type="secondary">{item ? `${item.streetName} · ${item.communityName} · ${item.categoryName} · ${t('assessment.recurring.count')} ${item.count}` : ''}</Typography.Paragraph>
      <Form.Item name="title" label={t('assessment.topic.title')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="leadUnitCode" label={t('assessment.topic.leadUnit')} rules={[{ required: true }]}>
        <OrgNodeSelect suggestions={scope.data?.suggestions} placeholder={t('assessment.topic.leadUnit')} testId="lead-unit" />
      </Form.Item>
      <Form.Item name="target" label={t('assessment.topic.target')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="targetMonthly" label={t('assessment.topic.targetMonthly')}>
        <InputNumber min={0} />
      </Form.Item>
      <Form.List name="tasks">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('assessment.topic.tasks')}</Typography.Text>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'title']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('assessment.topic.taskTitle')} aria-label={`${t('assessment.topic.taskTitle')} ${i + 1}`} style={{ width: 300 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'deadline']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                  <DatePicker aria-label={`${t('assessment.topic.deadline')} ${i + 1}`} />
                </Form.Item>
                {fields.length > 1 && <Button type="link" onClick={() => remove(field.name)}>{t('assessment.common.remove')}</Button>}
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ title: '', deadline: dayjs().add(30, 'day') })} style={{ alignSelf: 'flex-start' }}>
              {t('assessment.topic.addTask')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}

function RecurringTab() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? dayjs().year());
  const under = params.get('under') ?? undefined;
  const scope = useScopeNodes();
  const query = useApiQuery(['assessment', 'recurring', year, under], (signal) => assessmentApi.recurring({ year, under }, signal));
  const [opening, setOpening] = useState<RecurringItem | null>(null);
  const set = (k: string, v: string | undefined) => setParams((p) => { const n = new URLSearchParams(p); if (v) n.set(k, v); else n.delete(k); return n; });
  return (
    <Flex vertical gap={12}>
      <FilterBar>
        <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && set('year', String(d.year()))} aria-label={t('assessment.recurring.year')} />
        <OrgNodeSelect value={under} onChange={(code) => set('under', code)} suggestions={scope.data?.suggestions} placeholder={t('assessment.filter.under')} allowClear style={{ width: 240 }} />
        <Button icon={<DownloadOutlined />} onClick={() => downloadFile(assessmentApi.recurringXlsxUrl({ year, under }))} data-testid="recurring-export">
          {t('assessment.common.export')}
        </Button>
      </FilterBar>
      <QueryTable<RecurringItem>
        query={query}
        rows={query.data?.items ?? []}
        rowKey={(r) => `${r.categoryCode}|${r.communityCode}`}
        data-testid="recurring-table"
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: query.isFetching ? ' ' : t('assessment.recurring.empty') }}
        columns={[
          { key: 'rank', title: '#', render: (_, __, i) => i + 1, width: 48 },
          { key: 'category', title: t('assessment.topic.category'), dataIndex: 'categoryName' },
          { key: 'community', title: t('assessment.topic.community'), render: (_, r) => `${r.streetName} · ${r.communityName}` },
          { key: 'count', title: t('assessment.recurring.count'), dataIndex: 'count' },
          { key: 'months', title: t('assessment.recurring.months'), dataIndex: 'months' },
          {
            key: 'topic', title: t('assessment.recurring.topic'),
            render: (_, r) => r.topicId ? <Link to={`/console/topics/${r.topicId}`}>{t('assessment.recurring.viewTopic')}</Link> : <Button size="small" onClick={() => setOpening(r)} data-testid="open-topic-button">{t('assessment.topic.open')}</Button>,
          },
        ]}
      />
      <OpenTopicModal item={opening} onClose={() => setOpening(null)} />
    </Flex>
  );
}

function TopicsTab() {
  const t = useT();
  const list = useListPage({ queryKey: ['assessment', 'topics'], filters: (p) => ({ status: p.get('status') ?? undefined }), load: (f, paging, signal) => assessmentApi.topics({ ...f, ...paging }, signal) });
  return (
    <ListTable<TopicSummary>
      list={list}
      data-testid="topics-table"
      emptyText={t('assessment.topics.empty')}
      columns={[
        { key: 'title', title: t('assessment.topic.title'), render: (_, r) => <Link to={`/console/topics/${r.id}`}>{r.title}</Link> },
        { key: 'category', title: t('assessment.topic.category'), render: (_, r) => r.category.name },
        { key: 'community', title: t('assessment.topic.community'), render: (_, r) => r.community.name },
        { key: 'lead', title: t('assessment.topic.leadUnit'), render: (_, r) => r.leadUnit.name },
        { key: 'tasks', title: t('assessment.topic.tasks'), render: (_, r) => `${r.tasksDone} / ${r.tasksTotal}` },
        { key: 'status', title: t('assessment.common.status'), render: (_, r) => <Tag color={r.status === 'open' ? 'blue' : 'default'}>{t(`assessment.topicStatus.${r.status}`)}</Tag> },
      ]}
    />
  );
}

export function TopicsPage() {
  const t = useT();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('menu.assessmentTopics')}</Typography.Title>
      <Tabs items={[{ key: 'recurring', label: t('assessment.recurring.title'), children: <RecurringTab /> }, { key: 'topics', label: t('assessment.topics.title'), children: <TopicsTab /> }]} />
    </Flex>
  );
}

