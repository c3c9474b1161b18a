// /console/community/funds: the community foundations and funds in my part of the tree.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../../org/index.ts';
import { fundKinds } from '#server/modules/community/contract/foundations.ts';
import { fundsApi, yuan, type Fund } from '../../projects/api.ts';
import { TitleBar } from '../../projects/components/labels.tsx';

interface FundForm {
  orgCode: string;
  kind: Fund['kind'];
  name: string;
  custodianBank: string;
  board: { name: string; title: string }[];
}

export function FundsPage() {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<FundForm>();
  const list = useListPage({ queryKey: ['community', 'funds', 'list'], filters: () => ({}), load: (_f, paging, signal) => fundsApi.list(paging, signal) });
  return (
    <Flex vertical gap={12}>
      <TitleBar title={t('community.funds.title')}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('community.funds.add')}</Button>
      </TitleBar>
      <ListTable<Fund>
        list={list}
        size="small"
        data-testid="funds-table"
        emptyText={t('community.funds.empty')}
        columns={[
          { key: 'name', title: t('community.funds.name'), render: (_, f) => <Link to={`/console/community/funds/${f.id}`}>{f.name}</Link> },
          { key: 'kind', title: t('community.funds.kind'), width: 120, render: (_, f) => t(`community.funds.kind.${f.kind}`) },
          { key: 'org', title: t('community.projects.orgUnit'), dataIndex: 'orgName', width: 160 },
          { key: 'bank', title: t('community.funds.custodianBank'), dataIndex: 'custodianBank' },
          { key: 'balance', title: t('community.funds.balance'), width: 140, render: (_, f) => yuan(f.balanceFen) },
          { key: 'payable', title: t('community.funds.payable'), width: 140, render: (_, f) => yuan(f.payableFen) },
        ]}
      />
      <FormModal<FundForm>
        title={t('community.funds.add')}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        width={640}
        initialValues={{ kind: 'fund', board: [{ name: '', title: '' }, { name: '', title: '' }, { name: '', title: '' }] }}
        onSubmit={(v) => write.run(() => fundsApi.create(v), { success: t('community.funds.created'), invalidates: ['community', 'funds'], form, then: () => setAdding(false) })}
      >
        <Form.Item name="orgCode" label={t('community.projects.orgUnit')} rules={[{ required: true }]}><OrgNodeSelect levels={['street', 'community']} /></Form.Item>
        <Form.Item name="kind" label={t('community.funds.kind')} rules={[{ required: true }]}>
          <Select options={fundKinds.map((k) => ({ value: k, label: t(`community.funds.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('community.funds.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="custodianBank" label={t('community.funds.custodianBank')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Form.List name="board">
          {(fields, { add, remove }) => (
            <Form.Item label={t('community.funds.board')}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('community.funds.memberName')} aria-label={t('community.funds.memberName')} /></Form.Item>
                  <Form.Item name={[field.name, 'title']} rules={[{ required: true }]}><Input placeholder={t('community.funds.memberTitle')} aria-label={t('community.funds.memberTitle')} /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('community.projects.remove')} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>{t('community.projects.addRow')}</Button>
            </Form.Item>
          )}
        </Form.List>
      </FormModal>
    </Flex>
  );
}
