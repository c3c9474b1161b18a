// /console/participation/proposals: the proposals of the actor's area, and staff entering a
// council's or unit's proposal.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Progress, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { proposalStatuses } from '#server/modules/participation/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { EnumFilter, FilterBar, ListSearch } from '../../../platform/components/list-filters.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { OrgNodeSelect, UnderFilter } from '../../org/index.ts';
import { proposalsApi, type ProposalItem } from '../api.ts';
import { ProposalStatusTag } from '../components/labels.tsx';

interface EnterForm {
  orgCode: string;
  proposerKind: 'council' | 'unit';
  proposerName: string;
  title: string;
  body: string;
}

export function ProposalsPage() {
  const t = useT();
  const { can } = useAuth();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<EnterForm>();
  const list = useListPage({
    queryKey: ['participation', 'proposals'],
    filters: (params) => ({ under: params.get('under') ?? undefined, status: params.get('status') ?? undefined, q: params.get('q') ?? undefined }),
    load: (f, paging, signal) => proposalsApi.list({ ...f, ...paging }, signal),
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('participation.proposals.title')}</Typography.Title>
        {can('participation.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="proposal-add">{t('participation.proposals.add')}</Button>}
      </Flex>
      <FilterBar>
        <UnderFilter list={list} placeholder={t('participation.filter.under')} width={200} />
        <EnumFilter list={list} param="status" values={proposalStatuses} placeholder={t('participation.proposals.status')} label={(s) => t(`participation.proposalStatus.${s}`)} width={120} />
        <ListSearch list={list} />
      </FilterBar>
      <ListTable<ProposalItem>
        list={list}
        size="small"
        data-testid="proposals-table"
        emptyText={t('participation.proposals.empty')}
        columns={[
          { key: 'title', title: t('participation.proposals.titleField'), render: (_, p) => <Link to={`/console/participation/proposals/${p.id}`}>{p.title}</Link> },
          { key: 'community', title: t('participation.proposals.community'), dataIndex: 'communityName', width: 120 },
          { key: 'proposer', title: t('participation.proposals.proposer'), width: 140, render: (_, p) => (p.proposerKind === 'resident' ? t('participation.proposer.resident') : p.proposerName) },
          { key: 'matter', title: t('participation.needs.matter'), width: 100, render: (_, p) => (p.matterKind ? t(`participation.matter.${p.matterKind}`) : '—') },
          { key: 'supports', title: t('participation.proposals.supports'), dataIndex: 'supportCount', width: 70 },
          { key: 'mean', title: t('participation.proposals.mean'), width: 90, render: (_, p) => p.reviewMean ?? '—' },
          { key: 'progress', title: t('participation.proposals.progress'), width: 120, render: (_, p) => <Progress percent={p.progress} size="small" /> },
          { key: 'status', title: t('participation.proposals.status'), width: 100, render: (_, p) => <ProposalStatusTag status={p.status} /> },
          { key: 'at', title: t('participation.proposals.createdAt'), width: 150, render: (_, p) => <DateTime value={p.createdAt} /> },
        ]}
      />
      <FormModal<EnterForm>
        title={t('participation.proposals.add')}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        testId="proposal-form"
        initialValues={{ proposerKind: 'council' }}
        onSubmit={(v) => write.run(() => proposalsApi.enter(v), { success: t('participation.proposals.saved'), invalidates: ['participation'], form, then: () => setAdding(false) })}
      >
        <Form.Item name="orgCode" label={t('participation.proposals.community')} rules={[{ required: true }]}><OrgNodeSelect levels={['community']} testId="proposal-org" /></Form.Item>
        <Form.Item name="proposerKind" label={t('participation.proposals.proposerKind')} rules={[{ required: true }]}>
          <Select options={(['council', 'unit'] as const).map((k) => ({ value: k, label: t(`participation.proposer.${k}`) }))} />
        </Form.Item>
        <Form.Item name="proposerName" label={t('participation.proposals.proposerName')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
        <Form.Item name="title" label={t('participation.proposals.titleField')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
        <Form.Item name="body" label={t('participation.proposals.body')} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
      </FormModal>
    </Flex>
  );
}
