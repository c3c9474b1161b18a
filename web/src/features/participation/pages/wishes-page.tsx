// /console/participation/wishes: the micro-wish board (微心愿) — publish a wish, record who
// claimed it (a unit, a social organisation or a volunteer), mark it fulfilled with a photo.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { claimantKinds, wishStatuses, type ClaimantKind } from '#server/modules/participation/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { EnumFilter, FilterBar } from '../../../platform/components/list-filters.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { OrgNodeSelect, UnderFilter } from '../../org/index.ts';
import { wishesApi, type Wish } from '../api.ts';
import { WishStatusTag } from '../components/labels.tsx';

type Dialog = { kind: 'add' } | { kind: 'claim' | 'fulfil'; wish: Wish } | null;
interface WishForm {
  orgCode?: string;
  wish?: string;
  claimantKind?: ClaimantKind;
  unitName?: string;
  claimantId?: string;
  note?: string;
}

function ClaimantSelect({ kind, value, onChange }: { kind: 'volunteer' | 'organisation'; value?: string; onChange?: (value: string) => void }) {
  const t = useT();
  const [q, setQ] = useState<string | undefined>();
  const found = useApiQuery(['participation', 'claimants', kind, q ?? ''], (signal) => (kind === 'volunteer' ? wishesApi.volunteers(q, signal) : wishesApi.organisations(q, signal)));
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={(text) => setQ(text || undefined)}
      value={value}
      onChange={onChange}
      loading={found.isLoading}
      aria-label={t('participation.wishes.claimantChoose')}
      options={(found.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
      data-testid="claimant-select"
    />
  );
}

export function WishesPage() {
  const t = useT();
  const { can } = useAuth();
  const write = useWrite();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [form] = Form.useForm<WishForm>();
  const kind = Form.useWatch('claimantKind', form);
  const manages = can('participation.manage');
  const list = useListPage({
    queryKey: ['participation', 'wishes'],
    filters: (params) => ({ under: params.get('under') ?? undefined, status: params.get('status') ?? undefined }),
    load: (f, paging, signal) => wishesApi.list({ ...f, ...paging }, signal),
  });
  const close = () => {
    setDialog(null);
    setPhoto(null);
    form.resetFields();
  };
  const done = { success: t('participation.wishes.saved'), invalidates: ['participation'], form, then: close };
  const submit = async (v: WishForm) => {
    if (dialog?.kind === 'add') return write.run(() => wishesApi.create({ orgCode: v.orgCode!, wish: v.wish! }), done);
    if (dialog?.kind === 'claim') {
      const w = dialog.wish;
      return write.run(() => wishesApi.claim(w.id, { claimantKind: v.claimantKind!, version: w.version, ...(v.claimantKind === 'unit' ? { unitName: v.unitName } : { claimantId: v.claimantId }) }), done);
    }
    if (dialog?.kind === 'fulfil') {
      const w = dialog.wish;
      if (!photo) {
        form.setFields([{ name: 'note', errors: [t('participation.wishes.photoRequired')] }]);
        return;
      }
      return write.run(() => wishesApi.fulfil(w.id, w.version, v.note ?? '', photo), done);
    }
  };
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('participation.wishes.title')}</Typography.Title>
        {manages && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })} data-testid="wish-add">{t('participation.wishes.add')}</Button>}
      </Flex>
      <FilterBar>
        <UnderFilter list={list} placeholder={t('participation.filter.under')} width={200} />
        <EnumFilter list={list} param="status" values={wishStatuses} placeholder={t('participation.needs.status')} label={(s) => t(`participation.wishStatus.${s}`)} width={120} />
      </FilterBar>
      <ListTable<Wish>
        list={list}
        size="small"
        data-testid="wishes-table"
        emptyText={t('participation.wishes.empty')}
        columns={[
          { key: 'at', title: t('participation.needs.createdAt'), width: 150, render: (_, w) => <DateTime value={w.createdAt} /> },
          { key: 'community', title: t('participation.needs.community'), dataIndex: 'communityName', width: 120 },
          { key: 'wish', title: t('participation.wishes.wish'), dataIndex: 'wish' },
          { key: 'name', title: t('participation.wishes.shownName'), dataIndex: 'shownName', width: 80 },
          { key: 'claimant', title: t('participation.wishes.claimant'), width: 180, render: (_, w) => (w.claimantKind ? `${t(`participation.claimant.${w.claimantKind}`)}：${w.claimantName ?? ''}` : '—') },
          { key: 'status', title: t('participation.needs.status'), width: 90, render: (_, w) => <WishStatusTag status={w.status} /> },
          { key: 'thanks', title: t('participation.wishes.thanks'), render: (_, w) => w.thanks ?? (w.hasPhoto ? <a href={wishesApi.photoUrl(w.id)} target="_blank" rel="noreferrer">{t('participation.wishes.viewPhoto')}</a> : '—') },
          {
            key: 'act', title: t('common.actions'), width: 200,
            render: (_, w) =>
              manages ? (
                <Space size={4}>
                  {w.status === 'open' && <Button size="small" type="primary" data-testid="wish-claim" onClick={() => setDialog({ kind: 'claim', wish: w })}>{t('participation.wishes.claim')}</Button>}
                  {w.status === 'open' && <Button size="small" onClick={() => void write.run(() => wishesApi.withdraw(w.id, w.version), { success: t('participation.wishes.saved'), invalidates: ['participation'] })}>{t('participation.wishes.withdraw')}</Button>}
                  {w.status === 'claimed' && <Button size="small" type="primary" data-testid="wish-fulfil" onClick={() => setDialog({ kind: 'fulfil', wish: w })}>{t('participation.wishes.fulfil')}</Button>}
                  {w.status === 'claimed' && <Button size="small" onClick={() => void write.run(() => wishesApi.release(w.id, w.version), { success: t('participation.wishes.saved'), invalidates: ['participation'] })}>{t('participation.wishes.release')}</Button>}
                </Space>
              ) : null,
          },
        ]}
      />
      <FormModal<WishForm>
        title={dialog ? t(dialog.kind === 'add' ? 'participation.wishes.add' : dialog.kind === 'claim' ? 'participation.wishes.claim' : 'participation.wishes.fulfil') : ''}
        open={dialog !== null}
        onClose={close}
        form={form}
        testId="wish-form"
        initialValues={{ claimantKind: 'unit' }}
        onSubmit={submit}
      >
        {dialog?.kind === 'add' && (
          <>
            <Form.Item name="orgCode" label={t('participation.needs.community')} rules={[{ required: true }]}><OrgNodeSelect levels={['community']} testId="wish-org" /></Form.Item>
            <Form.Item name="wish" label={t('participation.wishes.wish')} rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={200} /></Form.Item>
          </>
        )}
        {dialog?.kind === 'claim' && (
          <>
            <Form.Item name="claimantKind" label={t('participation.wishes.claimantKind')} rules={[{ required: true }]}>
              <Select options={claimantKinds.map((k) => ({ value: k, label: t(`participation.claimant.${k}`) }))} />
            </Form.Item>
            {kind === 'unit' || kind === undefined ? (
              <Form.Item name="unitName" label={t('participation.wishes.unitName')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
            ) : (
              <Form.Item name="claimantId" label={t('participation.wishes.claimantChoose')} rules={[{ required: true }]}><ClaimantSelect kind={kind} /></Form.Item>
            )}
          </>
        )}
        {dialog?.kind === 'fulfil' && (
          <>
            <Form.Item label={t('participation.wishes.photo')} required>
              <input type="file" accept="image/*" aria-label={t('participation.wishes.photo')} data-testid="wish-photo" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} />
            </Form.Item>
            <Form.Item name="note" label={t('participation.wishes.note')}><Input maxLength={200} /></Form.Item>
          </>
        )}
      </FormModal>
    </Flex>
  );
}
