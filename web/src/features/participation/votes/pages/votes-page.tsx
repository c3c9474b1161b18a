// /console/participation/votes: votes of my part of the tree, and declaring one (rule, basis, matter, scope).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { basesOf, ownersMatters, voteRules, voteScopeKinds, voteStatuses, type ElectorateBasis, type VoteRule } from '#server/modules/participation/contract.ts';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { EnumFilter, FilterBar, pick } from '../../../../platform/components/list-filters.tsx';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../../org/index.ts';
import { votingApi, type Vote } from '../api.ts';

interface VoteForm {
  communityCode: string;
  title: string;
  description?: string;
  rule: VoteRule;
  basis: ElectorateBasis;
  matter: (typeof ownersMatters)[number];
  scopeKind: (typeof voteScopeKinds)[number];
  scopeRef: string;
  secret: boolean;
}

export function VoteStatusTag({ vote }: { vote: Vote }) {
  const t = useT();
  const color = vote.status === 'open' ? 'processing' : vote.status === 'closed' ? (vote.result?.passed ? 'green' : 'orange') : 'default';
  return <Tag color={color}>{t(`participation.vote.status.${vote.status}`)}{vote.result ? ` · ${t(vote.result.passed ? 'participation.vote.passed' : vote.result.quorumMet ? 'participation.vote.notPassed' : 'participation.vote.quorumNotMet')}` : ''}</Tag>;
}

export function VotesPage() {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<VoteForm>();
  const rule = Form.useWatch('rule', form) ?? 'residents_meeting';
  const list = useListPage({
    queryKey: ['participation', 'votes', 'list'],
    filters: (p) => ({ status: pick(p.get('status'), voteStatuses) }),
    load: (f, paging, signal) => votingApi.votes({ ...paging, ...f }, signal),
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('participation.vote.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="vote-add">{t('participation.voting.add')}</Button>
      </Flex>
      <FilterBar>
        <EnumFilter list={list} param="status" values={voteStatuses} label={(s) => t(`participation.vote.status.${s}`)} placeholder={t('participation.vote.status')} width={160} />
      </FilterBar>
      <ListTable<Vote>
        list={list}
        size="small"
        data-testid="votes-table"
        emptyText={t('participation.vote.empty')}
        columns={[
          { key: 'title', title: t('participation.vote.name'), render: (_, v) => <Link to={`/console/participation/votes/${v.id}`}>{v.title}</Link> },
          { key: 'rule', title: t('participation.vote.rule'), render: (_, v) => t(`participation.vote.rule.${v.rule}`) },
          { key: 'scope', title: t('participation.vote.scope'), render: (_, v) => `${t(`participation.vote.scope.${v.scopeKind}`)} · ${v.scopeName}` },
          { key: 'turnout', title: t('participation.vote.turnout'), render: (_, v) => `${v.turnout.count} / ${v.electorate.count}` },
          { key: 'status', title: t('participation.vote.status'), render: (_, v) => <VoteStatusTag vote={v} /> },
        ]}
      />
      <FormModal<VoteForm>
        title={t('participation.voting.add')}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        width={640}
        testId="vote-form"
        initialValues={{ rule: 'residents_meeting', basis: 'households', matter: 'ordinary', scopeKind: 'community', secret: true }}
        onSubmit={(v) => write.run(() => votingApi.createVote({ ...v, scopeRef: v.scopeKind === 'community' ? v.communityCode : v.scopeRef }), { success: t('participation.vote.created'), invalidates: ['participation', 'votes'], form, then: () => setAdding(false) })}
      >
        <Form.Item name="communityCode" label={t('participation.voting.community')} rules={[{ required: true }]}><OrgNodeSelect levels={['community']} /></Form.Item>
        <Form.Item name="title" label={t('participation.vote.name')} rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="description" label={t('participation.vote.description')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Form.Item name="rule" label={t('participation.vote.rule')} rules={[{ required: true }]}>
          <Select options={voteRules.map((r) => ({ value: r, label: t(`participation.vote.rule.${r}`) }))} onChange={(r: VoteRule) => form.setFieldsValue({ basis: basesOf(r)[0], scopeKind: r === 'council' ? 'council' : 'community' })} />
        </Form.Item>
        <Form.Item name="basis" label={t('participation.vote.basis')} rules={[{ required: true }]}>
          <Select options={basesOf(rule).map((b) => ({ value: b, label: t(`participation.vote.basis.${b}`) }))} />
        </Form.Item>
        {rule === 'owners' && (
          <Form.Item name="matter" label={t('participation.vote.matter')}><Select options={ownersMatters.map((m) => ({ value: m, label: t(`participation.vote.matter.${m}`) }))} /></Form.Item>
        )}
        <Form.Item name="scopeKind" label={t('participation.vote.scope')} rules={[{ required: true }]}>
          <Select options={voteScopeKinds.filter((k) => (rule === 'council') === (k === 'council')).map((k) => ({ value: k, label: t(`participation.vote.scope.${k}`) }))} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.scopeKind !== b.scopeKind}>
          {() => form.getFieldValue('scopeKind') !== 'community' && (
            <Form.Item name="scopeRef" label={t('participation.vote.scopeRef')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
          )}
        </Form.Item>
        <Form.Item name="secret" label={t('participation.vote.secret')} valuePropName="checked"><Switch /></Form.Item>
      </FormModal>
    </Flex>
  );
}
