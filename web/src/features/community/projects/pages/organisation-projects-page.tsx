// /console/community/my-projects: an organisation's staff see the calls they may answer,
// apply (plan, budget lines, milestones, indicators) and follow their applications.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { projectsApi, toFen, yuan, type ApplicationSummary, type Call } from '../api.ts';
import { ApplicationStatusTag, CallStatusTag, TitleBar } from '../components/labels.tsx';

interface ApplyForm {
  organisationId: string;
  title: string;
  plan: string;
  budgetLines: { item: string; amount: number }[];
  milestones: { title: string; dueOn: string }[];
  indicators: { key: string; name: string; target: number; unit: string }[];
}

function Rows({ name, label, add, children }: { name: string; label: string; add: string; children: (field: { name: number }) => React.ReactNode }) {
  const t = useT();
  return (
    <Form.List name={name}>
      {(fields, ops) => (
        <Form.Item label={label}>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" wrap>
              {children(field)}
              <MinusCircleOutlined onClick={() => ops.remove(field.name)} aria-label={t('community.projects.remove')} />
            </Space>
          ))}
          <Button type="dashed" onClick={() => ops.add()} icon={<PlusOutlined />}>{add}</Button>
        </Form.Item>
      )}
    </Form.List>
  );
}

export function OrganisationProjectsPage() {
  const t = useT();
  const write = useWrite();
  const [applying, setApplying] = useState<Call | null>(null);
  const [form] = Form.useForm<ApplyForm>();
  const organisations = useApiQuery(['community', 'projects', 'my-organisations'], (signal) => projectsApi.myOrganisations(signal));
  const calls = useListPage({ queryKey: ['community', 'projects', 'open-calls'], filters: () => ({}), load: (_f, paging, signal) => projectsApi.openCalls(paging, signal) });
  const mine = useListPage({ queryKey: ['community', 'projects', 'my-applications'], filters: () => ({}), load: (_f, paging, signal) => projectsApi.myApplications(paging, signal) });
  const text = (field: { name: number }, key: string, placeholder: string, width = 160) => (
    <Form.Item name={[field.name, key]} rules={[{ required: true }]}><Input placeholder={placeholder} aria-label={placeholder} style={{ width }} /></Form.Item>
  );
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('community.projects.myTitle')}</Typography.Title>
      <ListTable<Call>
        list={calls}
        size="small"
        data-testid="open-calls-table"
        emptyText={t('community.projects.noCalls')}
        columns={[
          { key: 'title', title: t('community.projects.call'), dataIndex: 'title' },
          { key: 'need', title: t('community.projects.need'), dataIndex: 'need', ellipsis: true },
          { key: 'org', title: t('community.projects.orgUnit'), dataIndex: 'orgName', width: 140 },
          { key: 'budget', title: t('community.projects.budget'), width: 130, render: (_, c) => yuan(c.budgetFen) },
          { key: 'closes', title: t('community.projects.closesOn'), dataIndex: 'closesOn', width: 110 },
          { key: 'status', title: t('community.projects.status'), width: 90, render: (_, c) => <CallStatusTag status={c.status} /> },
          { key: 'act', title: t('common.actions'), width: 100, render: (_, c) => c.status === 'open' && <Button size="small" type="primary" data-testid="apply-open" onClick={() => setApplying(c)}>{t('community.projects.apply')}</Button> },
        ]}
      />
      <TitleBar level={5} title={t('community.projects.myApplications')} />
      <ListTable<ApplicationSummary>
        list={mine}
        size="small"
        data-testid="my-applications-table"
        emptyText={t('community.projects.noApplications')}
        columns={[
          { key: 'title', title: t('community.projects.applicationTitle'), render: (_, a) => <Link to={`/console/community/my-projects/${a.id}`}>{a.title}</Link> },
          { key: 'org', title: t('community.projects.organisation'), dataIndex: 'organisationName' },
          { key: 'call', title: t('community.projects.call'), dataIndex: 'callTitle' },
          { key: 'requested', title: t('community.projects.requested'), width: 130, render: (_, a) => yuan(a.requestedFen) },
          { key: 'awarded', title: t('community.projects.awarded'), width: 130, render: (_, a) => yuan(a.awardedFen) },
          { key: 'status', title: t('community.projects.status'), width: 90, render: (_, a) => <ApplicationStatusTag status={a.status} /> },
        ]}
      />
      <FormModal<ApplyForm>
        title={applying ? `${t('community.projects.apply')}：${applying.title}` : ''}
        open={applying !== null}
        onClose={() => setApplying(null)}
        form={form}
        width={820}
        testId="apply-form"
        initialValues={{ organisationId: organisations.data?.items[0]?.id, budgetLines: [{ item: '', amount: undefined as unknown as number }], milestones: [{ title: '', dueOn: '' }], indicators: [{ key: 'served', name: '', target: undefined as unknown as number, unit: '' }] }}
        onSubmit={(v) =>
          write.run(
            () => projectsApi.apply(applying?.id ?? '', { ...v, budgetLines: v.budgetLines.map((l) => ({ item: l.item, amountFen: toFen(l.amount) })) }),
            { success: t('community.projects.applied'), invalidates: ['community', 'projects'], form, then: () => setApplying(null) },
          )
        }
      >
        <Form.Item name="organisationId" label={t('community.projects.organisation')} rules={[{ required: true }]}>
          <Select options={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t('community.projects.applicationTitle')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="plan" label={t('community.projects.plan')} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
        <Rows name="budgetLines" label={t('community.projects.budgetLines')} add={t('community.projects.addRow')}>
          {(field) => (
            <>
              {text(field, 'item', t('community.projects.budgetItem'), 220)}
              <Form.Item name={[field.name, 'amount']} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} placeholder={t('community.projects.amountYuan')} aria-label={t('community.projects.amountYuan')} style={{ width: 160 }} /></Form.Item>
            </>
          )}
        </Rows>
        <Rows name="milestones" label={t('community.projects.milestones')} add={t('community.projects.addRow')}>
          {(field) => (
            <>
              {text(field, 'title', t('community.projects.milestone'), 240)}
              <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true }]}><Input type="date" aria-label={t('community.projects.dueOn')} /></Form.Item>
            </>
          )}
        </Rows>
        <Rows name="indicators" label={t('community.projects.indicators')} add={t('community.projects.addRow')}>
          {(field) => (
            <>
              {text(field, 'key', t('community.projects.indicatorKey'), 100)}
              {text(field, 'name', t('community.projects.indicator'), 140)}
              <Form.Item name={[field.name, 'target']} rules={[{ required: true }]}><InputNumber min={1} placeholder={t('community.projects.target')} aria-label={t('community.projects.target')} /></Form.Item>
              {text(field, 'unit', t('community.projects.unit'), 70)}
            </>
          )}
        </Rows>
      </FormModal>
    </Flex>
  );
}
