// /console/participation/budgets: participatory budgets (民生微实事) — the yearly amount, projects
// with costs and their feasibility review, households' choices, winners and public accounts.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Form, Input, InputNumber, Pagination, Progress, Select, Space, Table, Tag, Typography, type PaginationProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { budgetTransitions, type BudgetAction } from '#server/modules/participation/contract.ts';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../../org/index.ts';
import { votingApi, yuan, type Budget } from '../../votes/api.ts';

type Project = Budget['projects'][number];
type Open = { kind: 'project' } | { kind: 'review'; project: Project } | { kind: 'progress'; project: Project } | null;

function BudgetCard({ budget }: { budget: Budget }) {
  const t = useT();
  const write = useWrite();
  const [open, setOpen] = useState<Open>(null);
  const [projectForm] = Form.useForm<{ title: string; description?: string; cost: number }>();
  const [reviewForm] = Form.useForm<{ feasibility: 'feasible' | 'not_feasible'; reviewNote: string }>();
  const [progressForm] = Form.useForm<{ progress: number; item?: string; amount?: number; voucher?: string; on?: Dayjs }>();
  const invalidates = ['participation', 'budgets'];
  const close = () => setOpen(null);
  const project = open && open.kind !== 'project' ? open.project : null;
  return (
    <Card size="small" data-testid="budget-card" title={<Space wrap>{budget.title}<Tag color="blue">{t(`participation.budget.status.${budget.status}`)}</Tag></Space>} extra={
      <Space wrap>
        {budget.status === 'collecting' && <Button size="small" onClick={() => setOpen({ kind: 'project' })}>{t('participation.budget.addProject')}</Button>}
        {(Object.keys(budgetTransitions[budget.status]) as BudgetAction[]).map((a) => (
          <Button key={a} size="small" type="primary" loading={write.busy} onClick={() => void write.run(() => votingApi.budgetAction(budget.id, a), { success: t(`participation.budget.action.${a}`), invalidates })}>{t(`participation.budget.action.${a}`)}</Button>
        ))}
      </Space>
    }>
      <Typography.Paragraph>{t('participation.budget.amount')}：{yuan(budget.amountFen)} · {t('participation.budget.households')}：{budget.households}</Typography.Paragraph>
      <Table<Project> size="small" rowKey="id" pagination={false} dataSource={budget.projects} locale={{ emptyText: t('participation.voting.none') }} scroll={{ x: 'max-content' }} columns={[
        { title: t('participation.budget.project'), render: (_, p) => <>{p.title} {p.won && <Tag color="green">{t('participation.budget.won')}</Tag>}</> },
        { title: t('participation.budget.cost'), render: (_, p) => yuan(p.costFen) },
        { title: t('participation.budget.feasibility'), render: (_, p) => <>{t(`participation.budget.feasibility.${p.feasibility}`)}{p.reviewNote ? `（${p.reviewNote}）` : ''}</> },
        { title: t('participation.budget.votes'), dataIndex: 'votes' },
        { title: t('participation.budget.progress'), render: (_, p) => p.won && <Progress percent={p.progress} size="small" style={{ width: 120 }} /> },
        { title: t('participation.budget.spent'), render: (_, p) => (p.won ? yuan(p.spentFen) : '') },
        { title: '', render: (_, p) => (
          <Space>
            {budget.status === 'reviewing' && <Button size="small" onClick={() => setOpen({ kind: 'review', project: p })}>{t('participation.budget.feasibility')}</Button>}
            {budget.status === 'decided' && p.won && <Button size="small" onClick={() => setOpen({ kind: 'progress', project: p })}>{t('participation.budget.record')}</Button>}
          </Space>
        ) },
      ]} />
      <FormModal title={t('participation.budget.addProject')} open={open?.kind === 'project'} onClose={close} form={projectForm}
        onSubmit={(v) => write.run(() => votingApi.addBudgetProject(budget.id, { title: v.title, description: v.description ?? '', costFen: Math.round(v.cost * 100) }), { success: t('participation.voting.saved'), invalidates, form: projectForm, then: close })}>
        <Form.Item name="title" label={t('participation.budget.project')} rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="description" label={t('participation.vote.description')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="cost" label={t('participation.budget.cost')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: 200 }} /></Form.Item>
      </FormModal>
      <FormModal title={`${t('participation.budget.feasibility')} · ${project?.title ?? ''}`} open={open?.kind === 'review'} onClose={close} form={reviewForm} initialValues={{ feasibility: 'feasible' }}
        onSubmit={(v) => write.run(() => votingApi.reviewBudgetProject(budget.id, project!.id, v), { success: t('participation.voting.saved'), invalidates, form: reviewForm, then: close })}>
        <Form.Item name="feasibility" label={t('participation.budget.feasibility')}><Select options={(['feasible', 'not_feasible'] as const).map((f) => ({ value: f, label: t(`participation.budget.feasibility.${f}`) }))} /></Form.Item>
        <Form.Item name="reviewNote" label={t('participation.budget.reviewNote')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
      </FormModal>
      <FormModal title={`${t('participation.budget.record')} · ${project?.title ?? ''}`} open={open?.kind === 'progress'} onClose={close} form={progressForm} initialValues={{ progress: project?.progress ?? 0 }}
        onSubmit={(v) => write.run(() => votingApi.budgetProgress(budget.id, project!.id, { progress: v.progress, account: v.item && v.amount && v.voucher && v.on ? { item: v.item, amountFen: Math.round(v.amount * 100), voucher: v.voucher, on: v.on.format('YYYY-MM-DD') } : undefined }), { success: t('participation.voting.saved'), invalidates, form: progressForm, then: close })}>
        <Form.Item name="progress" label={t('participation.budget.progress')} rules={[{ required: true }]}><InputNumber min={0} max={100} addonAfter="%" /></Form.Item>
        <Form.Item name="item" label={t('participation.budget.accountItem')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="amount" label={t('participation.budget.spent')}><InputNumber min={0.01} precision={2} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="voucher" label={t('participation.budget.voucher')}><Input maxLength={60} /></Form.Item>
        <Form.Item name="on" label={t('participation.budget.on')}><DatePicker /></Form.Item>
      </FormModal>
    </Card>
  );
}

export function BudgetsPage() {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ communityCode: string; year: number; title: string; amount: number }>();
  const list = useListPage({ queryKey: ['participation', 'budgets', 'list'], filters: () => ({}), load: (_f, paging, signal) => votingApi.budgets(paging, signal) });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('participation.budget.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('participation.voting.add')}</Button>
      </Flex>
      {list.query.error && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} />}
      {list.query.isLoading && <Card loading />}
      {!list.query.isLoading && list.rows.length === 0 && !list.query.error && <Card><Typography.Text type="secondary">{t('participation.budget.empty')}</Typography.Text></Card>}
      {list.rows.map((b) => <BudgetCard key={b.id} budget={b} />)}
      {list.query.data && list.query.data.total > list.pageSize && <Pagination align="end" {...(list.pagination as PaginationProps)} />}
      <FormModal title={t('participation.voting.add')} open={adding} onClose={() => setAdding(false)} form={form} initialValues={{ year: new Date().getFullYear() }}
        onSubmit={(v) => write.run(() => votingApi.createBudget({ communityCode: v.communityCode, year: v.year, title: v.title, amountFen: Math.round(v.amount * 100) }), { success: t('participation.budget.created'), invalidates: ['participation', 'budgets'], form, then: () => setAdding(false) })}>
        <Form.Item name="communityCode" label={t('participation.voting.community')} rules={[{ required: true }]}><OrgNodeSelect levels={['community']} /></Form.Item>
        <Form.Item name="year" label={t('participation.budget.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="title" label={t('participation.budget.name')} rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="amount" label={t('participation.budget.amount')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: 200 }} /></Form.Item>
      </FormModal>
    </Flex>
  );
}
