// /console/community/organisations/:id: one organisation — its registration data and status
// (edited with the version read, the credit code checked as it is typed), its annual
// inspections and evaluations (年检 / 评估), and the accounts of its own staff.
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Form, Input, InputNumber, Popconfirm, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { incubationStatuses, inspectionResults, organisationStatuses, serviceFields } from '#server/modules/community/contract.ts';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { QueryTable } from '../../../../platform/components/list-table.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useWrite } from '../../../../platform/use-write.ts';
import { communityApi, type Organisation } from '../api.ts';
import { useCreditCodeRule } from '../components/credit-code-rule.ts';

const statusColour = { active: 'green', deregistered: 'default', revoked: 'red' } as const;
const resultColour = { qualified: 'green', basically_qualified: 'gold', unqualified: 'red' } as const;

export function OrganisationStatusTag({ status }: { status: Organisation['status'] }) {
  const t = useT();
  return <Tag color={statusColour[status]}>{t(`community.org.status.${status}`)}</Tag>;
}

function EditModal({ organisation, open, onClose }: { organisation: Organisation; open: boolean; onClose: () => void }) {
  const t = useT();
  const write = useWrite();
  const [form] = Form.useForm();
  const creditCodeRule = useCreditCodeRule();
  const registered = organisation.kind !== 'community_filed';
  return (
    <FormModal
      title={t('community.org.edit')}
      open={open}
      onClose={onClose}
      form={form}
      width={640}
      testId="organisation-edit"
      initialValues={{
        name: organisation.name, creditCode: organisation.creditCode ?? undefined, registrationAuthority: organisation.registrationAuthority ?? undefined, filedOn: organisation.filedOn ?? undefined,
        status: organisation.status, incubation: organisation.incubation, fields: organisation.fields, contactName: organisation.contactName ?? undefined,
        contactPhone: organisation.contactPhone ?? undefined, address: organisation.address ?? undefined, staffCount: organisation.staffCount,
      }}
      onSubmit={(v: Record<string, unknown>) =>
        write.run(() => communityApi.updateOrganisation(organisation.id, { ...v, creditCode: registered ? String(v.creditCode ?? '') : undefined, filedOn: (v.filedOn as string | undefined) || null, version: organisation.version }), {
          success: t('community.org.saved'), form, invalidates: ['community', 'organisations'], then: onClose,
        })
      }
    >
      <Form.Item name="name" label={t('community.org.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
      {registered ? (
        <>
          <Form.Item name="creditCode" label={t('community.org.creditCode')} rules={[{ required: true }, creditCodeRule]}><Input maxLength={18} style={{ fontFamily: 'monospace' }} /></Form.Item>
          <Form.Item name="registrationAuthority" label={t('community.org.authority')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        </>
      ) : (
        <Form.Item name="filedOn" label={t('community.org.filedOn')}><Input type="date" /></Form.Item>
      )}
      <Form.Item name="status" label={t('community.org.status')} rules={[{ required: true }]}><Select options={organisationStatuses.map((s) => ({ value: s, label: t(`community.org.status.${s}`) }))} /></Form.Item>
      <Form.Item name="incubation" label={t('community.org.incubation')}><Select options={incubationStatuses.map((s) => ({ value: s, label: t(`community.org.incubation.${s}`) }))} /></Form.Item>
      <Form.Item name="fields" label={t('community.org.fields')} rules={[{ required: true }]}><Select mode="multiple" options={serviceFields.map((f) => ({ value: f, label: t(`community.org.field.${f}`) }))} /></Form.Item>
      <Form.Item name="contactName" label={t('community.org.contact')}><Input maxLength={50} /></Form.Item>
      <Form.Item name="contactPhone" label={t('community.org.phone')}><Input maxLength={30} inputMode="tel" /></Form.Item>
      <Form.Item name="address" label={t('community.org.address')}><Input maxLength={200} /></Form.Item>
      <Form.Item name="staffCount" label={t('community.org.staffCount')}><InputNumber min={0} max={100000} /></Form.Item>
    </FormModal>
  );
}

function Inspections({ organisation }: { organisation: Organisation }) {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ year: number; result: string; note?: string }>();
  return (
    <Card size="small" title={t('community.org.inspections')} extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="inspection-add">{t('community.org.inspectionAdd')}</Button>}>
      <Table
        size="small"
        rowKey="year"
        pagination={false}
        data-testid="inspections"
        locale={{ emptyText: t('community.org.inspectionsEmpty') }}
        dataSource={organisation.inspections}
        columns={[
          { key: 'year', title: t('community.org.year'), dataIndex: 'year', width: 90 },
          { key: 'result', title: t('community.org.result'), width: 120, render: (_, i) => <Tag color={resultColour[i.result]}>{t(`community.org.result.${i.result}`)}</Tag> },
          { key: 'note', title: t('community.org.note'), dataIndex: 'note' },
          { key: 'by', title: t('community.org.recordedBy'), dataIndex: 'recordedBy', width: 120 },
        ]}
      />
      <FormModal
        title={t('community.org.inspectionAdd')}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        testId="inspection-form"
        initialValues={{ year: new Date().getFullYear() - 1, result: 'qualified' }}
        onSubmit={(v) => write.run(() => communityApi.inspect(organisation.id, v as { year: number; result: 'qualified' }), { success: t('community.org.saved'), form, invalidates: ['community', 'organisations'], then: () => setAdding(false) })}
      >
        <Form.Item name="year" label={t('community.org.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="result" label={t('community.org.result')} rules={[{ required: true }]}><Select options={inspectionResults.map((r) => ({ value: r, label: t(`community.org.result.${r}`) }))} /></Form.Item>
        <Form.Item name="note" label={t('community.org.note')}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
      </FormModal>
    </Card>
  );
}

function StaffAccounts({ organisationId }: { organisationId: string }) {
  const t = useT();
  const write = useWrite();
  const [form] = Form.useForm<{ username: string }>();
  const staff = useApiQuery(['community', 'organisations', organisationId, 'staff'], (signal) => communityApi.staff(organisationId, signal));
  const done = { invalidates: ['community', 'organisations', organisationId, 'staff'] };
  return (
    <Card size="small" title={t('community.org.staffAccounts')}>
      <Typography.Paragraph type="secondary">{t('community.org.staffHint')}</Typography.Paragraph>
      <Form form={form} layout="inline" style={{ marginBottom: 12 }} onFinish={(v) => write.run(() => communityApi.addStaff(organisationId, v.username), { success: t('community.org.staffAdded'), form, ...done, then: () => form.resetFields() })}>
        <Form.Item name="username" label={t('community.org.username')} rules={[{ required: true }]}><Input maxLength={100} style={{ width: 220 }} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={write.busy} data-testid="staff-add">{t('community.org.staffAdd')}</Button></Form.Item>
      </Form>
      <QueryTable
        query={staff}
        rows={staff.data?.items ?? []}
        size="small"
        rowKey="userId"
        pagination={false}
        data-testid="staff-accounts"
        locale={{ emptyText: t('community.org.staffEmpty') }}
        columns={[
          { key: 'username', title: t('community.org.username'), dataIndex: 'username' },
          { key: 'name', title: t('community.org.displayName'), dataIndex: 'displayName' },
          {
            key: 'act', title: t('common.actions'), width: 100,
            render: (_, s) => (
              <Popconfirm title={t('community.org.staffRemoveConfirm', { name: s.displayName })} onConfirm={() => write.run(() => communityApi.removeStaff(organisationId, s.userId), { success: t('community.org.staffRemoved'), ...done })}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('community.org.staffRemove')} ${s.username}`}>{t('community.org.staffRemove')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function OrganisationPage() {
  const t = useT();
  const id = useParams().id ?? '';
  const [editing, setEditing] = useState(false);
  const query = useApiQuery(['community', 'organisations', id], (signal) => communityApi.organisation(id, signal));
  const o = query.data;
  return (
    <Flex vertical gap={12}>
      <Link to="/console/community/organisations"><Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>{t('community.back')}</Button></Link>
      {query.isLoading && <Skeleton active />}
      {query.error && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {o && (
        <>
          <Card
            size="small"
            title={<Flex gap={8} align="center"><span data-testid="organisation-name">{o.name}</span><OrganisationStatusTag status={o.status} /></Flex>}
            extra={<Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="organisation-edit-open">{t('community.org.edit')}</Button>}
          >
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 3 }}
              items={[
                { key: 'kind', label: t('community.org.kind'), children: t(`community.org.kind.${o.kind}`) },
                { key: 'code', label: t('community.org.creditCode'), children: <span data-testid="organisation-code">{o.creditCode ?? '—'}</span> },
                { key: 'authority', label: t('community.org.authority'), children: o.registrationAuthority ?? '—' },
                { key: 'filed', label: t('community.org.filedOn'), children: o.filedOn ?? '—' },
                { key: 'unit', label: t('community.orgUnit'), children: o.orgName },
                { key: 'incubation', label: t('community.org.incubation'), children: t(`community.org.incubation.${o.incubation}`) },
                { key: 'fields', label: t('community.org.fields'), children: o.fields.map((f) => <Tag key={f}>{t(`community.org.field.${f}`)}</Tag>) },
                { key: 'served', label: t('community.org.served'), children: o.servedCommunities.map((c) => c.name).join('、') || '—' },
                { key: 'contact', label: t('community.org.contact'), children: [o.contactName, o.contactPhone].filter(Boolean).join(' ') || '—' },
                { key: 'address', label: t('community.org.address'), children: o.address ?? '—' },
                { key: 'staffCount', label: t('community.org.staffCount'), children: o.staffCount },
              ]}
            />
          </Card>
          <Inspections organisation={o} />
          <StaffAccounts organisationId={o.id} />
          {editing && <EditModal organisation={o} open={editing} onClose={() => setEditing(false)} />}
        </>
      )}
    </Flex>
  );
}
