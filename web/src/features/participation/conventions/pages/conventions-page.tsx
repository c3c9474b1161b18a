// /console/participation/conventions: conventions (居民公约/村规民约) and their versions — drafted,
// consulted, adopted by a closed vote that passed, put in force one at a time.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { conventionKinds, conventionTransitions, type ConventionAction } from '#server/modules/participation/contract.ts';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../../org/index.ts';
import { votingApi, type Convention } from '../../votes/api.ts';

type Version = Convention['versions'][number];

function ConventionCard({ convention }: { convention: Convention }) {
  const t = useT();
  const write = useWrite();
  const [acting, setActing] = useState<{ version: Version; action: ConventionAction } | null>(null);
  const [drafting, setDrafting] = useState(false);
  const [actForm] = Form.useForm<{ note?: string; voteId?: string; inForceFrom?: Dayjs }>();
  const [draftForm] = Form.useForm<{ text: string }>();
  const votes = useApiQuery(acting?.action === 'adopt' ? ['participation', 'votes', 'closed'] : ['participation', 'votes', 'none'], acting?.action === 'adopt' ? (signal) => votingApi.votes({ page: 1, pageSize: 100, status: 'closed' }, signal) : null);
  const invalidates = ['participation', 'conventions'];
  return (
    <Card size="small" data-testid="convention-card" title={<Space wrap>{convention.title}<Tag>{t(`participation.convention.kind.${convention.kind}`)}</Tag>{convention.inForce && <Tag color="green">{t('participation.convention.inForce')} · {t('participation.convention.version', { n: convention.inForce })}</Tag>}</Space>}
      extra={<Button size="small" onClick={() => setDrafting(true)}>{t('participation.convention.newVersion')}</Button>}>
      {convention.versions.map((v) => (
        <Card key={v.id} type="inner" size="small" style={{ marginBottom: 8 }} title={<Space>{t('participation.convention.version', { n: v.number })}<Tag color={v.status === 'in_force' ? 'green' : 'default'}>{t(`participation.convention.status.${v.status}`)}</Tag>{v.inForceFrom && <span>{t('participation.convention.inForceFrom')} {v.inForceFrom}</span>}</Space>}
          extra={<Space>{(Object.keys(conventionTransitions[v.status]) as ConventionAction[]).map((a) => <Button key={a} size="small" onClick={() => setActing({ version: v, action: a })}>{t(`participation.convention.action.${a}`)}</Button>)}</Space>}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} ellipsis={{ rows: 3, expandable: true }}>{v.text}</Typography.Paragraph>
          {v.consultedNote && <Typography.Text type="secondary">{t('participation.convention.note')}：{v.consultedNote}</Typography.Text>}
        </Card>
      ))}
      <FormModal title={acting ? t(`participation.convention.action.${acting.action}`) : ''} open={acting !== null} onClose={() => setActing(null)} form={actForm}
        onSubmit={(f) => write.run(() => votingApi.conventionAction(convention.id, { action: acting!.action, versionId: acting!.version.id, note: f.note, voteId: f.voteId, inForceFrom: f.inForceFrom?.format('YYYY-MM-DD') }), { success: t('participation.voting.saved'), invalidates, form: actForm, then: () => setActing(null) })}>
        {acting?.action === 'consult' && <Form.Item name="note" label={t('participation.convention.note')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>}
        {acting?.action === 'adopt' && (
          <Form.Item name="voteId" label={t('participation.convention.vote')} rules={[{ required: true }]}>
            <Select loading={votes.isLoading} options={(votes.data?.items ?? []).filter((v) => v.communityCode === convention.communityCode).map((v) => ({ value: v.id, label: `${v.title} · ${t(v.result?.passed ? 'participation.vote.passed' : 'participation.vote.notPassed')}` }))} />
          </Form.Item>
        )}
        {acting?.action === 'put_in_force' && <Form.Item name="inForceFrom" label={t('participation.convention.inForceFrom')} rules={[{ required: true }]}><DatePicker /></Form.Item>}
      </FormModal>
      <FormModal title={t('participation.convention.newVersion')} open={drafting} onClose={() => setDrafting(false)} form={draftForm} initialValues={{ text: convention.versions[0]?.text ?? '' }}
        onSubmit={(f) => write.run(() => votingApi.draftVersion(convention.id, f.text), { success: t('participation.voting.saved'), invalidates, form: draftForm, then: () => setDrafting(false) })}>
        <Form.Item name="text" label={t('participation.convention.text')} rules={[{ required: true, min: 10 }]}><Input.TextArea rows={8} /></Form.Item>
      </FormModal>
    </Card>
  );
}

export function ConventionsPage() {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ communityCode: string; kind: (typeof conventionKinds)[number]; title: string; text: string }>();
  const list = useListPage({ queryKey: ['participation', 'conventions', 'list'], filters: () => ({}), load: (_f, paging, signal) => votingApi.conventions(paging, signal) });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('participation.convention.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('participation.voting.add')}</Button>
      </Flex>
      {list.query.error && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} />}
      {list.query.isLoading && <Card loading />}
      {!list.query.isLoading && list.rows.length === 0 && !list.query.error && <Card><Typography.Text type="secondary">{t('participation.convention.empty')}</Typography.Text></Card>}
      {list.rows.map((c) => <ConventionCard key={c.id} convention={c} />)}
      <FormModal title={t('participation.voting.add')} open={adding} onClose={() => setAdding(false)} form={form} width={640} initialValues={{ kind: 'residents' }}
        onSubmit={(v) => write.run(() => votingApi.createConvention(v), { success: t('participation.convention.created'), invalidates: ['participation', 'conventions'], form, then: () => setAdding(false) })}>
        <Form.Item name="communityCode" label={t('participation.voting.community')} rules={[{ required: true }]}><OrgNodeSelect levels={['community']} /></Form.Item>
        <Form.Item name="kind" label={t('participation.convention.kind')}><Select options={conventionKinds.map((k) => ({ value: k, label: t(`participation.convention.kind.${k}`) }))} /></Form.Item>
        <Form.Item name="title" label={t('participation.convention.name')} rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="text" label={t('participation.convention.text')} rules={[{ required: true, min: 10 }]}><Input.TextArea rows={8} /></Form.Item>
      </FormModal>
    </Flex>
  );
}
