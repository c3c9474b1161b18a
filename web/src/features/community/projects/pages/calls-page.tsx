// /console/community/projects: project staff open calls (need, budget, criteria, panel),
// close them for review, and follow the applications with their scores, ranks and money.
import { DownloadOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { downloadFile } from '../../../../platform/download.ts';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../../org/index.ts';
import { projectKinds } from '#server/modules/community/contract/projects.ts';
import { projectsApi, toFen, yuan, type ApplicationSummary, type Call } from '../api.ts';
import { ApplicationStatusTag, CallStatusTag, TitleBar } from '../components/labels.tsx';

interface CallForm {
  orgCode: string;
  kind: Call['kind'];
  title: string;
  need: string;
  budget: number;
  closesOn: string;
  criteria: { key: string; name: string; maxScore: number }[];
  panel: string[];
}

export function CallsPage() {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CallForm>();
  const calls = useListPage({ queryKey: ['community', 'projects', 'calls'], filters: () => ({}), load: (_f, paging, signal) => projectsApi.calls(paging, signal) });
  const apps = useListPage({
    queryKey: ['community', 'projects', 'applications'],
    filters: (params) => ({ callId: params.get('callId') ?? undefined }),
    load: (f, paging, signal) => projectsApi.applications({ ...f, ...paging }, signal),
  });
  const experts = useApiQuery(adding ? ['community', 'projects', 'experts'] : ['community', 'projects', 'experts', 'idle'], adding ? (signal) => projectsApi.experts(signal) : null);
  return (
    <Flex vertical gap={12}>
      <TitleBar title={t('community.projects.title')}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="call-add">{t('community.projects.addCall')}</Button>
      </TitleBar>
      <ListTable<Call>
        list={calls}
        size="small"
        data-testid="calls-table"
        emptyText={t('community.projects.noCalls')}
        columns={[
          { key: 'title', title: t('community.projects.call'), dataIndex: 'title' },
          { key: 'kind', title: t('community.projects.kind'), width: 120, render: (_, c) => t(`community.projects.kind.${c.kind}`) },
          { key: 'org', title: t('community.projects.orgUnit'), dataIndex: 'orgName', width: 140 },
          { key: 'budget', title: t('community.projects.budget'), width: 130, render: (_, c) => yuan(c.budgetFen) },
          { key: 'awarded', title: t('community.projects.awarded'), width: 130, render: (_, c) => yuan(c.awardedFen) },
          { key: 'status', title: t('community.projects.status'), width: 90, render: (_, c) => <CallStatusTag status={c.status} /> },
          { key: 'closes', title: t('community.projects.closesOn'), dataIndex: 'closesOn', width: 110 },
          {
            key: 'act', title: t('common.actions'), width: 220,
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => apps.update({ callId: c.id })}>{t('community.projects.showApplications', { n: c.applications })}</Button>
                {c.status === 'open' && (
                  <Button size="small" data-testid="call-close" onClick={() => void write.run(() => projectsApi.closeCall(c.id), { success: t('community.projects.closedOk'), invalidates: ['community', 'projects'] })}>
                    {t('community.projects.closeCall')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <TitleBar level={5} title={t('community.projects.applications')}>
        <Space>
          {apps.filters.callId && <Button size="small" onClick={() => apps.update({ callId: undefined })}>{t('community.projects.allCalls')}</Button>}
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile(projectsApi.exportUrl(apps.filters.callId))} data-testid="projects-export">{t('community.projects.export')}</Button>
        </Space>
      </TitleBar>
      <ListTable<ApplicationSummary>
        list={apps}
        size="small"
        data-testid="applications-table"
        emptyText={t('community.projects.noApplications')}
        columns={[
          { key: 'rank', title: t('community.projects.rank'), dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '—' },
          { key: 'org', title: t('community.projects.organisation'), render: (_, a) => <Link to={`/console/community/projects/applications/${a.id}`}>{a.organisationName}</Link> },
          { key: 'title', title: t('community.projects.applicationTitle'), dataIndex: 'title' },
          { key: 'call', title: t('community.projects.call'), dataIndex: 'callTitle' },
          { key: 'requested', title: t('community.projects.requested'), width: 130, render: (_, a) => yuan(a.requestedFen) },
          { key: 'score', title: t('community.projects.score'), width: 80, render: (_, a) => a.score ?? '—' },
          { key: 'reviews', title: t('community.projects.reviews'), width: 120, render: (_, a) => t('community.projects.reviewCount', { reviews: a.reviews, conflicts: a.conflicts }) },
          { key: 'status', title: t('community.projects.status'), width: 90, render: (_, a) => <ApplicationStatusTag status={a.status} /> },
        ]}
      />
      <FormModal<CallForm>
        title={t('community.projects.addCall')}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        width={720}
        testId="call-form"
        initialValues={{ kind: 'venture', criteria: [{ key: 'need', name: t('community.projects.defaultCriterionNeed'), maxScore: 40 }, { key: 'plan', name: t('community.projects.defaultCriterionPlan'), maxScore: 60 }], panel: [] }}
        onSubmit={(v) => write.run(() => projectsApi.createCall({ ...v, budgetFen: toFen(v.budget), needSource: 'staff' }), { success: t('community.projects.callCreated'), invalidates: ['community', 'projects'], form, then: () => setAdding(false) })}
      >
        <Form.Item name="orgCode" label={t('community.projects.orgUnit')} rules={[{ required: true }]}><OrgNodeSelect levels={['district', 'street', 'community']} testId="call-org" /></Form.Item>
        <Form.Item name="kind" label={t('community.projects.kind')} rules={[{ required: true }]}>
          <Select options={projectKinds.map((k) => ({ value: k, label: t(`community.projects.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('community.projects.callTitle')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="need" label={t('community.projects.need')} rules={[{ required: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Form.Item name="budget" label={t('community.projects.budgetYuan')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="closesOn" label={t('community.projects.closesOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <Form.Item label={t('community.projects.criteria')}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, 'key']} rules={[{ required: true }]}><Input placeholder={t('community.projects.criterionKey')} aria-label={t('community.projects.criterionKey')} style={{ width: 110 }} /></Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('community.projects.criterion')} aria-label={t('community.projects.criterion')} /></Form.Item>
                  <Form.Item name={[field.name, 'maxScore']} rules={[{ required: true }]}><InputNumber min={1} max={100} placeholder={t('community.projects.maxScore')} aria-label={t('community.projects.maxScore')} /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('community.projects.remove')} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>{t('community.projects.addCriterion')}</Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="panel" label={t('community.projects.panel')} rules={[{ required: true }]}>
          <Select mode="multiple" optionFilterProp="label" loading={experts.isLoading} data-testid="call-panel" options={(experts.data?.items ?? []).map((e) => ({ value: e.username, label: `${e.name}（${e.username}）` }))} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
