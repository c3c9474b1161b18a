// The staff's and reviewers' forms on a proposal, one per action the lifecycle allows now:
// sort, merge, open the review with its criteria and panel, score, answer, start with
// milestones, mark milestones done, complete, close.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, InputNumber, Select, Space } from 'antd';
import { matterKinds, proposalAnswers } from '#server/modules/participation/contract.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { proposalsApi, type Proposal } from '../api.ts';

function ActionForm({ proposal, path, label, testId, children, withVersion = true }: { proposal: Proposal; path: string; label: string; testId: string; children?: React.ReactNode; withVersion?: boolean }) {
  const t = useT();
  const write = useWrite();
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid={testId}
      onFinish={(v: Record<string, unknown>) => void write.run(() => proposalsApi.act(proposal.id, path, withVersion ? { ...v, version: proposal.version } : v), { success: t('participation.proposal.done.ok'), invalidates: ['participation'], form })}
    >
      {children}
      <Button type="primary" htmlType="submit" loading={write.busy}>{label}</Button>
    </Form>
  );
}

function ReviewForm({ proposal }: { proposal: Proposal }) {
  const t = useT();
  const reviewers = useApiQuery(['participation', 'reviewers', proposal.id], (signal) => proposalsApi.reviewers(proposal.id, signal));
  return (
    <ActionForm proposal={proposal} path="review" label={t('participation.proposal.openReview')} testId="review-form">
      <Form.Item name="criteria" label={t('participation.proposal.criteria')} rules={[{ required: true }]} initialValue="可行性：能否在一年内以现有资源实施；受益面：受益居民的人数和范围；成本：所需资金与人力">
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item name="panelUserIds" label={t('participation.proposal.panel')} rules={[{ required: true }]}>
        <Select mode="multiple" loading={reviewers.isLoading} data-testid="panel-select" options={(reviewers.data ?? []).map((r) => ({ value: r.userId, label: `${r.name}（${r.username}）` }))} />
      </Form.Item>
    </ActionForm>
  );
}

function StartForm({ proposal }: { proposal: Proposal }) {
  const t = useT();
  return (
    <ActionForm proposal={proposal} path="start" label={t('participation.proposal.start')} testId="start-form">
      <Form.Item name="responsibleUnit" label={t('participation.proposal.responsibleUnit')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
      <Form.List name="milestones" initialValue={[{ title: '', dueOn: '' }]}>
        {(fields, { add, remove }) => (
          <Form.Item label={t('participation.proposal.milestones')}>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'title']} rules={[{ required: true }]}><Input placeholder={t('participation.proposal.milestoneTitle')} aria-label={t('participation.proposal.milestoneTitle')} maxLength={80} /></Form.Item>
                <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true }]}><Input type="date" aria-label={t('participation.proposal.dueOn')} /></Form.Item>
                {fields.length > 1 && <MinusCircleOutlined aria-label={t('participation.proposal.removeMilestone')} onClick={() => remove(field.name)} />}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', dueOn: '' })}>{t('participation.proposal.addMilestone')}</Button>
          </Form.Item>
        )}
      </Form.List>
    </ActionForm>
  );
}

/** The forms of the actions the actor may take now; nothing when there are none. */
export function ProposalActions({ proposal }: { proposal: Proposal }) {
  const t = useT();
  const write = useWrite();
  const allowed = new Set(proposal.allowedActions);
  const simple = (path: string, label: string, testId: string) => (
    <Button key={path} data-testid={testId} loading={write.busy} onClick={() => void write.run(() => proposalsApi.act(proposal.id, path, { version: proposal.version }), { success: t('participation.proposal.done.ok'), invalidates: ['participation'] })}>{label}</Button>
  );
  const forms = [
    allowed.has('sort') && (
      <ActionForm key="sort" proposal={proposal} path="sort" label={t('participation.proposal.sort')} testId="sort-form">
        <Form.Item name="matterKind" label={t('participation.needs.matter')} rules={[{ required: true }]}><Select data-testid="matter-select" options={matterKinds.map((m) => ({ value: m, label: t(`participation.matter.${m}`) }))} /></Form.Item>
      </ActionForm>
    ),
    allowed.has('open_review') && <ReviewForm key="review" proposal={proposal} />,
    allowed.has('accept') && (
      <ActionForm key="answer" proposal={proposal} path="answer" label={t('participation.proposal.answer')} testId="answer-form">
        <Form.Item name="answer" label={t('participation.proposal.answer')} rules={[{ required: true }]}><Select data-testid="answer-select" options={proposalAnswers.map((a) => ({ value: a, label: t(`participation.answer.${a}`) }))} /></Form.Item>
        <Form.Item name="reason" label={t('participation.proposal.reason')} extra={t('participation.proposal.reasonHint')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </ActionForm>
    ),
    allowed.has('start') && <StartForm key="start" proposal={proposal} />,
    allowed.has('merge') && (
      <ActionForm key="merge" proposal={proposal} path="merge" label={t('participation.proposal.merge')} testId="merge-form">
        <Form.Item name="survivorId" label={t('participation.proposal.survivorId')} rules={[{ required: true }]}><Input maxLength={36} /></Form.Item>
      </ActionForm>
    ),
  ].filter(Boolean);
  const buttons = [allowed.has('complete') && simple('complete', t('participation.proposal.complete'), 'complete'), allowed.has('close') && simple('close', t('participation.proposal.close'), 'close')].filter(Boolean);
  const scoring = proposal.mayScore && (
    <ActionForm proposal={proposal} path="scores" label={t('participation.proposal.score')} testId="score-form" withVersion={false}>
      <Space wrap>
        {(['feasibility', 'benefit', 'cost'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(`participation.proposal.${k}`)} rules={[{ required: true }]}><InputNumber min={1} max={10} /></Form.Item>
        ))}
      </Space>
      <Form.Item name="comment" label={t('participation.proposal.comment')} initialValue=""><Input maxLength={500} /></Form.Item>
    </ActionForm>
  );
  if (forms.length === 0 && buttons.length === 0 && !scoring) return null;
  return (
    <Card size="small" title={t('participation.proposal.actions')} data-testid="proposal-actions">
      <Flex vertical gap={16}>
        {scoring}
        {forms}
        {buttons.length > 0 && <Space>{buttons}</Space>}
      </Flex>
    </Card>
  );
}
