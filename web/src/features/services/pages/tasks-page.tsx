// 任务下派与准入: tasks departments pushed to communities (a department pushes, the street
// reviews tasks on no list), the admission lists, and the published counts per department.
import { Alert, Button, Flex, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { admissionLists, taskStatuses } from '#server/modules/services/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { EnumFilter, FilterBar, ListSearch } from '../../../platform/components/list-filters.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { centreApi, type AdmissionEntry, type Task } from '../centre-api.ts';

interface TaskForm {
  departmentCode: string;
  targetCode: string;
  title: string;
  description?: string;
  deadline: string;
  entryCode?: string;
  reviewReason?: string;
}

function TaskList() {
  const { t } = useI18n();
  const { can } = useAuth();
  const write = useWrite();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<TaskForm>();
  const list = useListPage({
    queryKey: ['services', 'tasks'],
    filters: (params) => ({ status: params.get('status') ?? undefined }),
    load: (filters, paging, signal) => centreApi.tasks({ ...filters, ...paging }, signal),
  });
  const entries = useApiQuery(['services', 'admission-entries', 'for-tasks'], (signal) => centreApi.admissionEntries({ page: 1, pageSize: 500 }, signal));
  const review = (task: Task, decision: 'admit' | 'refuse') =>
    void write.run(() => centreApi.reviewTask(task.id, { decision, note: t(decision === 'admit' ? 'services.tasks.admit' : 'services.tasks.refuse') }), { success: t('services.tasks.reviewed'), invalidates: ['services', 'tasks'] });
  return (
    <Flex vertical gap={12}>
      <FilterBar>
        <EnumFilter list={list} param="status" values={taskStatuses} placeholder={t('services.tasks.status')} label={(s) => t(`services.tasks.status.${s}`)} width={200} />
        {can('services.tasks') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('services.tasks.new')}
          </Button>
        )}
      </FilterBar>
      <ListTable<Task>
        list={list}
        data-testid="tasks-table"
        emptyText={t('services.tasks.empty')}
        columns={[
          { key: 'number', title: t('services.tasks.number'), dataIndex: 'number' },
          { key: 'title', title: t('services.tasks.taskTitle'), dataIndex: 'title' },
          { key: 'department', title: t('services.tasks.department'), dataIndex: 'departmentName' },
          { key: 'target', title: t('services.tasks.target'), dataIndex: 'targetName' },
          { key: 'entry', title: t('services.tasks.entry'), render: (_, r) => (r.entry ? `${r.entry.code} ${r.entry.title}` : <Typography.Text type="secondary">{r.reviewReason}</Typography.Text>) },
          { key: 'deadline', title: t('services.tasks.deadline'), dataIndex: 'deadline' },
          { key: 'status', title: t('services.tasks.status'), render: (_, r) => <Tag color={r.status === 'assigned' ? 'green' : r.status === 'refused' ? 'red' : 'orange'}>{t(`services.tasks.status.${r.status}`)}</Tag> },
          {
            key: 'review',
            title: '',
            render: (_, r) =>
              r.status === 'under_review' && can('services.admission_review') && (
                <Space>
                  <Button size="small" onClick={() => review(r, 'admit')}>{t('services.tasks.admit')}</Button>
                  <Button size="small" danger onClick={() => review(r, 'refuse')}>{t('services.tasks.refuse')}</Button>
                </Space>
              ),
          },
        ]}
      />
      <FormModal<TaskForm>
        title={t('services.tasks.new')}
        open={creating}
        onClose={() => setCreating(false)}
        form={form}
        before={<Alert type="info" showIcon title={t('services.tasks.rule')} style={{ marginBottom: 12 }} />}
        onSubmit={(v) => write.run(() => centreApi.createTask({ ...v, description: v.description ?? '', reportFields: [] }), { success: t('services.tasks.created'), invalidates: ['services', 'tasks'], form, then: () => setCreating(false) })}
      >
        <Form.Item name="departmentCode" label={t('services.tasks.departmentCode')} rules={[{ required: true }]}><Input maxLength={40} /></Form.Item>
        <Form.Item name="targetCode" label={t('services.tasks.targetCode')} rules={[{ required: true }]}><Input maxLength={40} /></Form.Item>
        <Form.Item name="title" label={t('services.tasks.taskTitle')} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="description" label={t('services.tasks.description')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Form.Item name="deadline" label={t('services.tasks.deadline')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}><Input placeholder="2026-12-31" maxLength={10} /></Form.Item>
        <Form.Item name="entryCode" label={t('services.tasks.entryCode')}>
          <Select allowClear showSearch optionFilterProp="label" options={(entries.data?.items ?? []).filter((e) => e.list === 'statutory' || e.list === 'assisting').map((e) => ({ value: e.code, label: `${e.code} ${e.title}` }))} />
        </Form.Item>
        <Form.Item name="reviewReason" label={t('services.tasks.reviewReason')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </FormModal>
    </Flex>
  );
}

function AdmissionLists() {
  const { t } = useI18n();
  const list = useListPage({
    queryKey: ['services', 'admission-entries'],
    filters: (params) => ({ list: params.get('list') ?? undefined, q: params.get('q') ?? undefined }),
    load: (filters, paging, signal) => centreApi.admissionEntries({ ...filters, ...paging }, signal),
  });
  return (
    <Flex vertical gap={12}>
      <FilterBar>
        <EnumFilter list={list} param="list" values={admissionLists} placeholder={t('services.lists.list')} label={(l) => t(`services.lists.list.${l}`)} width={200} />
        <ListSearch list={list} placeholder={t('services.lists.itemTitle')} style={{ width: 240 }} />
      </FilterBar>
      <ListTable<AdmissionEntry>
        list={list}
        emptyText={t('services.lists.empty')}
        columns={[
          { key: 'list', title: t('services.lists.list'), render: (_, e) => <Tag color={e.list === 'negative' ? 'red' : undefined}>{t(`services.lists.list.${e.list}`)}</Tag> },
          { key: 'code', title: t('services.lists.code'), dataIndex: 'code' },
          { key: 'title', title: t('services.lists.itemTitle'), dataIndex: 'title' },
          { key: 'department', title: t('services.lists.departmentName'), dataIndex: 'departmentName' },
          { key: 'basis', title: t('services.lists.basis'), dataIndex: 'basis', ellipsis: true },
        ]}
      />
    </Flex>
  );
}

function TaskCountsTable() {
  const { t } = useI18n();
  const { me } = useAuth();
  // The district of the asker's first grant: the path's third code (province.city.district…).
  const district = me?.grants.map((g) => g.orgPath.split('.')[2]).find(Boolean);
  const counts = useApiQuery(['services', 'task-counts', district], district ? (signal) => centreApi.taskCounts(district, signal) : null);
  return (
    <Table
      size="small"
      rowKey="departmentCode"
      loading={counts.isLoading}
      dataSource={counts.data?.rows ?? []}
      pagination={false}
      locale={{ emptyText: counts.error ? counts.error.message : t('services.counts.empty') }}
      columns={[
        { key: 'department', title: t('services.tasks.department'), dataIndex: 'departmentName' },
        { key: 'assigned', title: t('services.counts.assigned'), dataIndex: 'assigned', align: 'right' },
        { key: 'underReview', title: t('services.counts.underReview'), dataIndex: 'underReview', align: 'right' },
        { key: 'refused', title: t('services.counts.refused'), dataIndex: 'refused', align: 'right' },
      ]}
    />
  );
}

export function TasksPage() {
  const { t } = useI18n();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('services.tasks.title')}
      </Typography.Title>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'tasks', label: t('services.tasks.tabTasks'), children: <TaskList /> },
          { key: 'lists', label: t('services.tasks.tabLists'), children: <AdmissionLists /> },
          { key: 'counts', label: t('services.tasks.tabCounts'), children: <TaskCountsTable /> },
        ]}
      />
    </Flex>
  );
}
