// /console/participation/councils: councils (议事会; 村落理事会 with 一长八员) with named members and terms.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { councilKinds, councilRoles, type CouncilRole } from '#server/modules/participation/contract.ts';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../../org/index.ts';
import { votingApi, type Council } from '../../votes/api.ts';

interface CouncilForm {
  communityCode: string;
  kind: (typeof councilKinds)[number];
  name: string;
  termStart: Dayjs;
  termEnd: Dayjs;
  members: { name: string; role: CouncilRole }[];
}

export function CouncilsPage() {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CouncilForm>();
  const list = useListPage({ queryKey: ['participation', 'councils', 'list'], filters: () => ({}), load: (_f, paging, signal) => votingApi.councils(paging, signal) });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('participation.council.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('participation.voting.add')}</Button>
      </Flex>
      <ListTable<Council> list={list} size="small" data-testid="councils-table" emptyText={t('participation.council.empty')} columns={[
        { key: 'name', title: t('participation.council.name'), dataIndex: 'name' },
        { key: 'kind', title: t('participation.council.kind'), render: (_, c) => t(`participation.council.kind.${c.kind}`) },
        { key: 'term', title: t('participation.council.term'), render: (_, c) => `${c.termStart} ~ ${c.termEnd}` },
        { key: 'members', title: t('participation.council.members'), render: (_, c) => c.members.map((m) => `${m.name}（${t(`participation.council.role.${m.role}`)}）`).join('、') },
        { key: 'meetings', title: t('participation.council.meetings'), dataIndex: 'meetingCount' },
      ]} />
      <FormModal<CouncilForm> title={t('participation.voting.add')} open={adding} onClose={() => setAdding(false)} form={form} width={640}
        initialValues={{ kind: 'residents_council', members: [{ name: '', role: 'chair' }, { name: '', role: 'member' }] }}
        onSubmit={(v) => write.run(() => votingApi.createCouncil({ ...v, termStart: v.termStart.format('YYYY-MM-DD'), termEnd: v.termEnd.format('YYYY-MM-DD') }), { success: t('participation.council.created'), invalidates: ['participation', 'councils'], form, then: () => setAdding(false) })}>
        <Form.Item name="communityCode" label={t('participation.voting.community')} rules={[{ required: true }]}><OrgNodeSelect levels={['community']} /></Form.Item>
        <Form.Item name="kind" label={t('participation.council.kind')}><Select options={councilKinds.map((k) => ({ value: k, label: t(`participation.council.kind.${k}`) }))} /></Form.Item>
        <Form.Item name="name" label={t('participation.council.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Space>
          <Form.Item name="termStart" label={t('participation.council.termStart')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="termEnd" label={t('participation.council.termEnd')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </Space>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <Form.Item label={t('participation.council.members')}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('participation.council.memberName')} aria-label={t('participation.council.memberName')} /></Form.Item>
                  <Form.Item name={[field.name, 'role']}><Select style={{ width: 140 }} aria-label={t('participation.council.role')} options={councilRoles.map((r) => ({ value: r, label: t(`participation.council.role.${r}`) }))} /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('participation.council.addMember')} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ name: '', role: 'member' })} icon={<PlusOutlined />}>{t('participation.council.addMember')}</Button>
            </Form.Item>
          )}
        </Form.List>
      </FormModal>
    </Flex>
  );
}
