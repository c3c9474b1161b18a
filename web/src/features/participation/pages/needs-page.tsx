// /console/participation/needs: the needs ledger (问需) of the actor's area — filters, counts per
// community and class, sorting (三事分流), merging duplicates, closing, turning a need into a
// proposal or a micro-wish, and the .xlsx export.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { matterKinds, needClasses, needStatuses, type MatterKind, type NeedClass } from '#server/modules/participation/contract.ts';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { EnumFilter, FilterBar, ListSearch } from '../../../platform/components/list-filters.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { OrgNodeSelect, UnderFilter } from '../../org/index.ts';
import { needsApi, proposalsApi, wishesApi, type Need } from '../api.ts';
import { NeedStatusTag } from '../components/labels.tsx';

type Dialog = { kind: 'add' } | { kind: 'sort' | 'merge' | 'proposal' | 'wish'; need: Need } | null;

function Counts({ under }: { under: string | undefined }) {
  const t = useT();
  const counts = useApiQuery(['participation', 'needs', 'counts', under ?? ''], (signal) => needsApi.counts(under, signal));
  if (counts.error) return <ErrorAlert error={counts.error} onRetry={() => void counts.refetch()} />;
  const communities = [...new Set((counts.data?.rows ?? []).map((r) => r.communityCode))];
  const rows = communities.map((code) => {
    const of = (counts.data?.rows ?? []).filter((r) => r.communityCode === code);
    return { code, name: of[0]?.communityName ?? code, ...Object.fromEntries(needClasses.map((c) => [c, of.find((r) => r.needClass === c)?.count ?? 0])) } as { code: string; name: string } & Record<NeedClass, number>;
  });
  return (
    <Card size="small" title={t('participation.needs.counts')}>
      <Table
        size="small"
        rowKey="code"
        loading={counts.isLoading}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('participation.needs.countsEmpty') }}
        columns={[{ key: 'name', title: t('participation.needs.community'), dataIndex: 'name' }, ...needClasses.map((c) => ({ key: c, title: t(`participation.needClass.${c}`), dataIndex: c, width: 70 }))]}
      />
    </Card>
  );
}

export function NeedsPage() {
  const t = useT();
  const { can } = useAuth();
  const write = useWrite();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const manages = can('participation.manage');
  const list = useListPage({
    queryKey: ['participation', 'needs'],
    filters: (params) => ({ under: params.get('under') ?? undefined, needClass: params.get('needClass') ?? undefined, status: params.get('status') ?? undefined, matterKind: params.get('matterKind') ?? undefined, q: params.get('q') ?? undefined }),
    load: (f, paging, signal) => needsApi.list({ ...f, ...paging }, signal),
  });
  const close = () => {
    setDialog(null);
    form.resetFields();
  };
  const done = (success: string) => ({ success, invalidates: ['participation'], form, then: close });
  const submit = (v: Record<string, string>) => {
    if (!dialog) return Promise.resolve();
    if (dialog.kind === 'add') return write.run(() => needsApi.record({ orgCode: v.orgCode!, needClass: v.needClass as NeedClass, title: v.title!, description: v.description ?? '', channel: 'console' }), done(t('participation.needs.saved')));
    const need = dialog.need;
    if (dialog.kind === 'sort') return write.run(() => needsApi.sort(need.id, { matterKind: v.matterKind as MatterKind, version: need.version }), done(t('participation.needs.sorted')));
    if (dialog.kind === 'merge') return write.run(() => needsApi.merge(need.id, { survivorId: v.survivorId!, version: need.version }), done(t('participation.needs.merged')));
    if (dialog.kind === 'proposal') return write.run(() => proposalsApi.enter({ needId: need.id, title: v.title!, body: v.body!, ...(need.residentName ? {} : { proposerKind: 'unit' as const, proposerName: v.proposerName }) }), done(t('participation.proposals.saved')));
    return write.run(() => wishesApi.create({ needId: need.id, wish: v.wish! }), done(t('participation.wishes.saved')));
  };
  const survivors = list.rows.filter((n) => dialog && 'need' in dialog && n.id !== dialog.need.id && n.communityCode === dialog.need.communityCode && n.status !== 'merged');
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('participation.needs.title')}</Typography.Title>
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile(needsApi.exportUrl(list.filters))} data-testid="needs-export">{t('participation.needs.export')}</Button>
          {can('participation.record') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })} data-testid="need-add">{t('participation.needs.add')}</Button>}
        </Space>
      </Flex>
      <Counts under={list.filters.under} />
      <FilterBar>
        <UnderFilter list={list} placeholder={t('participation.filter.under')} width={200} />
        <EnumFilter list={list} param="needClass" values={needClasses} placeholder={t('participation.needs.class')} label={(c) => t(`participation.needClass.${c}`)} width={110} />
        <EnumFilter list={list} param="matterKind" values={matterKinds} placeholder={t('participation.needs.matter')} label={(m) => t(`participation.matter.${m}`)} width={120} />
        <EnumFilter list={list} param="status" values={needStatuses} placeholder={t('participation.needs.status')} label={(s) => t(`participation.needStatus.${s}`)} width={120} />
        <ListSearch list={list} />
      </FilterBar>
      <ListTable<Need>
        list={list}
        size="small"
        data-testid="needs-table"
        emptyText={t('participation.needs.empty')}
        columns={[
          { key: 'at', title: t('participation.needs.createdAt'), width: 150, render: (_, n) => <DateTime value={n.createdAt} /> },
          { key: 'community', title: t('participation.needs.community'), dataIndex: 'communityName', width: 120 },
          { key: 'class', title: t('participation.needs.class'), width: 70, render: (_, n) => t(`participation.needClass.${n.needClass}`) },
          { key: 'title', title: t('participation.needs.titleField'), render: (_, n) => <span title={n.description}>{n.title}</span> },
          { key: 'matter', title: t('participation.needs.matter'), width: 100, render: (_, n) => (n.matterKind ? t(`participation.matter.${n.matterKind}`) : '—') },
          { key: 'channel', title: t('participation.needs.channel'), width: 100, render: (_, n) => t(`participation.channel.${n.channel}`) },
          { key: 'resident', title: t('participation.needs.resident'), width: 80, render: (_, n) => n.residentName ?? '—' },
          { key: 'status', title: t('participation.needs.status'), width: 100, render: (_, n) => <NeedStatusTag status={n.status} /> },
          {
            key: 'act', title: t('common.actions'), width: 300,
            render: (_, n) =>
              manages && (n.status === 'open' || n.status === 'sorted') ? (
                <Space size={4} wrap>
                  <Button size="small" onClick={() => setDialog({ kind: 'sort', need: n })}>{t('participation.needs.sort')}</Button>
                  <Button size="small" onClick={() => setDialog({ kind: 'merge', need: n })}>{t('participation.needs.merge')}</Button>
                  <Button size="small" onClick={() => setDialog({ kind: 'proposal', need: n })}>{t('participation.needs.toProposal')}</Button>
                  <Button size="small" onClick={() => setDialog({ kind: 'wish', need: n })}>{t('participation.needs.toWish')}</Button>
                  <Button size="small" onClick={() => void write.run(() => needsApi.close(n.id, n.version), { success: t('participation.needs.closed'), invalidates: ['participation'] })}>{t('participation.needs.close')}</Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <FormModal<Record<string, string>>
        title={dialog ? t(dialog.kind === 'add' ? 'participation.needs.add' : dialog.kind === 'sort' ? 'participation.needs.sort' : dialog.kind === 'merge' ? 'participation.needs.merge' : dialog.kind === 'proposal' ? 'participation.needs.toProposal' : 'participation.needs.toWish') : ''}
        open={dialog !== null}
        onClose={close}
        form={form}
        testId="need-form"
        initialValues={dialog && 'need' in dialog ? { title: dialog.need.title, body: dialog.need.description || dialog.need.title, wish: dialog.need.title } : { needClass: 'environment' }}
        onSubmit={submit}
      >
        {dialog?.kind === 'add' && (
          <>
            <Form.Item name="orgCode" label={t('participation.needs.place')} rules={[{ required: true }]}><OrgNodeSelect levels={['community']} testId="need-org" /></Form.Item>
            <Form.Item name="needClass" label={t('participation.needs.class')} rules={[{ required: true }]}><Select options={needClasses.map((c) => ({ value: c, label: t(`participation.needClass.${c}`) }))} /></Form.Item>
            <Form.Item name="title" label={t('participation.needs.titleField')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
            <Form.Item name="description" label={t('participation.needs.description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          </>
        )}
        {dialog?.kind === 'sort' && (
          <Form.Item name="matterKind" label={t('participation.needs.matter')} rules={[{ required: true }]}><Select options={matterKinds.map((m) => ({ value: m, label: t(`participation.matter.${m}`) }))} /></Form.Item>
        )}
        {dialog?.kind === 'merge' && (
          <Form.Item name="survivorId" label={t('participation.needs.survivor')} rules={[{ required: true }]}><Select options={survivors.map((n) => ({ value: n.id, label: `${n.title}（${n.communityName}）` }))} /></Form.Item>
        )}
        {dialog?.kind === 'proposal' && (
          <>
            <Form.Item name="title" label={t('participation.proposals.titleField')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
            <Form.Item name="body" label={t('participation.proposals.body')} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
            {!dialog.need.residentName && <Form.Item name="proposerName" label={t('participation.proposals.proposerName')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>}
          </>
        )}
        {dialog?.kind === 'wish' && <Form.Item name="wish" label={t('participation.wishes.wish')} rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={200} /></Form.Item>}
      </FormModal>
    </Flex>
  );
}
