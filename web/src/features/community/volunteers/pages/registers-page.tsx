// /console/community/{organisations,workers,volunteers,tiers}: the registers of the three forces.
import { PlusOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Select, Skeleton, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { availabilities, incubationStatuses, organisationKinds, serviceFields, skills, workerLevels, workerTiers } from '#server/modules/community/contract.ts';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { downloadFile } from '../../../../platform/download.ts';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../../org/index.ts';
import { TitleBar } from '../../projects/components/labels.tsx';
import { communityApi, hours, type Organisation, type Volunteer, type Worker } from '../api.ts';
import { useCreditCodeRule } from '../components/credit-code-rule.ts';
import { OrganisationStatusTag } from './organisation-page.tsx';

const searchFilter = (params: URLSearchParams) => ({ q: params.get('q') ?? undefined });

function SearchBox({ onSearch }: { onSearch: (q: string | undefined) => void }) {
  const t = useT();
  return <Input.Search allowClear placeholder={t('community.search')} aria-label={t('community.search')} style={{ maxWidth: 280 }} onSearch={(v) => onSearch(v || undefined)} />;
}

export function OrganisationsPage() {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const list = useListPage({ queryKey: ['community', 'organisations'], filters: searchFilter, load: (f, paging, signal) => communityApi.organisations({ ...paging, ...f }, signal) });
  const kind = Form.useWatch('kind', form) as string | undefined;
  const creditCodeRule = useCreditCodeRule();
  return (
    <Flex vertical gap={12}>
      <TitleBar title={t('community.org.title')}>
        <Flex gap={8}>
          <SearchBox onSearch={(q) => list.update({ q })} />
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile(communityApi.organisationsUrl(list.filters))}>{t('community.export')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('community.add')}</Button>
        </Flex>
      </TitleBar>
      <ListTable<Organisation>
        list={list}
        size="small"
        emptyText={t('community.org.empty')}
        columns={[
          { key: 'name', title: t('community.org.name'), render: (_, o) => <Link to={`/console/community/organisations/${o.id}`}>{o.name}</Link> },
          { key: 'status', title: t('community.org.status'), width: 80, render: (_, o) => <OrganisationStatusTag status={o.status} /> },
          { key: 'kind', title: t('community.org.kind'), width: 170, render: (_, o) => t(`community.org.kind.${o.kind}`) },
          { key: 'code', title: t('community.org.creditCode'), dataIndex: 'creditCode', width: 190 },
          { key: 'org', title: t('community.orgUnit'), dataIndex: 'orgName', width: 140 },
          { key: 'fields', title: t('community.org.fields'), render: (_, o) => o.fields.map((f) => <Tag key={f}>{t(`community.org.field.${f}`)}</Tag>) },
          { key: 'incubation', title: t('community.org.incubation'), width: 100, render: (_, o) => t(`community.org.incubation.${o.incubation}`) },
          { key: 'inspection', title: t('community.org.inspection'), width: 130, render: (_, o) => (o.inspections[0] ? `${o.inspections[0].year} ${t(`community.org.result.${o.inspections[0].result}`)}` : '') },
        ]}
      />
      <FormModal
        title={t('community.add')}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        width={640}
        initialValues={{ kind: 'community_filed', fields: ['elderly'], incubation: 'none', servedCommunities: [] }}
        onSubmit={(v) => write.run(() => communityApi.createOrganisation(v), { success: t('community.org.created'), invalidates: ['community', 'organisations'], form, then: () => setAdding(false) })}
      >
        <Form.Item name="kind" label={t('community.org.kind')} rules={[{ required: true }]}><Select options={organisationKinds.map((k) => ({ value: k, label: t(`community.org.kind.${k}`) }))} /></Form.Item>
        <Form.Item name="name" label={t('community.org.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="orgCode" label={t('community.orgUnit')} rules={[{ required: true }]}><OrgNodeSelect levels={['street', 'community']} /></Form.Item>
        {kind !== 'community_filed' && (
          <>
            <Form.Item
              name="creditCode"
              label={t('community.org.creditCode')}
              rules={[{ required: true }, creditCodeRule]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Form.Item name="registrationAuthority" label={t('community.org.authority')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          </>
        )}
        <Form.Item name="fields" label={t('community.org.fields')} rules={[{ required: true }]}><Select mode="multiple" options={serviceFields.map((f) => ({ value: f, label: t(`community.org.field.${f}`) }))} /></Form.Item>
        <Form.Item name="incubation" label={t('community.org.incubation')}><Select options={incubationStatuses.map((s) => ({ value: s, label: t(`community.org.incubation.${s}`) }))} /></Form.Item>
      </FormModal>
    </Flex>
  );
}

export function WorkersPage() {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const list = useListPage({ queryKey: ['community', 'workers'], filters: searchFilter, load: (f, paging, signal) => communityApi.workers({ ...paging, ...f }, signal) });
  return (
    <Flex vertical gap={12}>
      <TitleBar title={t('community.worker.title')}>
        <Flex gap={8}>
          <SearchBox onSearch={(q) => list.update({ q })} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('community.add')}</Button>
        </Flex>
      </TitleBar>
      <ListTable<Worker>
        list={list}
        size="small"
        emptyText={t('community.worker.empty')}
        columns={[
          { key: 'name', title: t('community.worker.name'), width: 120, render: (_, w) => <Link to={`/console/community/workers/${w.id}`}>{w.name}</Link> },
          { key: 'level', title: t('community.worker.level'), width: 150, render: (_, w) => t(`community.worker.level.${w.level}`) },
          { key: 'cert', title: t('community.worker.certificate'), dataIndex: 'certificateNumber', width: 160 },
          { key: 'employer', title: t('community.worker.employer'), dataIndex: 'employerName' },
          { key: 'org', title: t('community.orgUnit'), dataIndex: 'orgName', width: 140 },
          { key: 'cases', title: t('community.worker.openCases'), dataIndex: 'openCases', width: 100 },
          { key: 'hours', title: t('community.worker.hours'), width: 120, render: (_, w) => hours(w.serviceMinutes) },
        ]}
      />
      <FormModal
        title={t('community.add')}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        initialValues={{ level: 'assistant_social_worker' }}
        onSubmit={(v: { certifiedOn?: { format: (f: string) => string } } & Record<string, unknown>) =>
          write.run(() => communityApi.createWorker({ ...v, certifiedOn: v.certifiedOn ? v.certifiedOn.format('YYYY-MM-DD') : null } as Parameters<typeof communityApi.createWorker>[0]), { success: t('community.worker.created'), invalidates: ['community', 'workers'], form, then: () => setAdding(false) })}
      >
        <Form.Item name="name" label={t('community.worker.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="orgCode" label={t('community.orgUnit')} rules={[{ required: true }]}><OrgNodeSelect levels={['street', 'community']} /></Form.Item>
        <Form.Item name="level" label={t('community.worker.level')} rules={[{ required: true }]}><Select options={workerLevels.map((l) => ({ value: l, label: t(`community.worker.level.${l}`) }))} /></Form.Item>
        <Form.Item name="certificateNumber" label={t('community.worker.certificate')}><Input maxLength={50} /></Form.Item>
        <Form.Item name="certifiedOn" label={t('community.worker.certifiedOn')}><DatePicker /></Form.Item>
        <Form.Item name="employerName" label={t('community.worker.employer')}><Input maxLength={100} /></Form.Item>
      </FormModal>
    </Flex>
  );
}

export function StarTag({ volunteer }: { volunteer: Pick<Volunteer, 'star'> }) {
  const t = useT();
  return <Tag color={volunteer.star.level > 0 ? 'gold' : 'default'}>{t('community.volunteer.stars', { level: volunteer.star.level })}</Tag>;
}

export function VolunteersPage() {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const list = useListPage({ queryKey: ['community', 'volunteers'], filters: searchFilter, load: (f, paging, signal) => communityApi.volunteers({ ...paging, ...f }, signal) });
  return (
    <Flex vertical gap={12}>
      <TitleBar title={t('community.volunteer.title')}>
        <Flex gap={8}>
          <SearchBox onSearch={(q) => list.update({ q })} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('community.add')}</Button>
        </Flex>
      </TitleBar>
      <ListTable<Volunteer>
        list={list}
        size="small"
        emptyText={t('community.volunteer.empty')}
        columns={[
          { key: 'name', title: t('community.volunteer.name'), dataIndex: 'name', width: 120 },
          { key: 'mobile', title: t('community.volunteer.mobile'), dataIndex: 'mobile', width: 140 },
          { key: 'linked', title: t('community.volunteer.linked'), width: 140, render: (_, v) => (v.residentLinked ? <Tag color="green">{t('community.volunteer.linkedYes')}</Tag> : <Tag>{t('community.volunteer.linkedNo')}</Tag>) },
          { key: 'org', title: t('community.orgUnit'), dataIndex: 'orgName', width: 140 },
          { key: 'skills', title: t('community.volunteer.skills'), render: (_, v) => v.skills.map((s) => <Tag key={s}>{t(`community.volunteer.skill.${s}`)}</Tag>) },
          { key: 'hours', title: t('community.volunteer.hours'), width: 120, render: (_, v) => hours(v.totalMinutes) },
          { key: 'star', title: t('community.volunteer.star'), width: 90, render: (_, v) => <StarTag volunteer={v} /> },
        ]}
      />
      <FormModal
        title={t('community.add')}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        initialValues={{ skills: [], availability: 'any' }}
        onSubmit={(v) => write.run(() => communityApi.registerVolunteer(v), { success: t('community.volunteer.registered'), invalidates: ['community', 'volunteers'], form, then: () => setAdding(false) })}
      >
        <Form.Item name="name" label={t('community.volunteer.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="mobile" label={t('community.volunteer.mobile')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/ }]}><Input maxLength={11} inputMode="tel" /></Form.Item>
        <Form.Item name="orgCode" label={t('community.orgUnit')} rules={[{ required: true }]}><OrgNodeSelect levels={['community']} /></Form.Item>
        <Form.Item name="skills" label={t('community.volunteer.skills')}><Select mode="multiple" options={skills.map((s) => ({ value: s, label: t(`community.volunteer.skill.${s}`) }))} /></Form.Item>
        <Form.Item name="availability" label={t('community.volunteer.availability')}><Select options={availabilities.map((a) => ({ value: a, label: t(`community.volunteer.availability.${a}`) }))} /></Form.Item>
      </FormModal>
    </Flex>
  );
}

export function TiersPage() {
  const t = useT();
  const tiers = useApiQuery(['community', 'tiers'], (signal) => communityApi.tiers(signal));
  return (
    <Flex vertical gap={12}>
      <TitleBar title={t('community.tiers.title')} />
      {tiers.isLoading && <Skeleton active />}
      {tiers.error && <ErrorAlert error={tiers.error} onRetry={() => void tiers.refetch()} />}
      {tiers.data && (
        <Table
          size="small"
          rowKey="code"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('community.tiers.empty') }}
          dataSource={tiers.data.communities}
          columns={[
            { key: 'name', title: t('community.tiers.community'), dataIndex: 'name' },
            ...workerTiers.map((tier) => ({ key: tier, title: `${t(`community.tiers.${tier}`)}（${tiers.data.totals[tier]}）`, dataIndex: tier, width: 140 })),
          ]}
        />
      )}
    </Flex>
  );
}

