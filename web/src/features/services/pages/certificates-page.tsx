// 社区证明: certificates the community issued, each verifiable by its code; issue one for a
// resident on record from the certificate retention list.
import { Button, Flex, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { FilterBar } from '../../../platform/components/list-filters.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { centreApi, type CommunityCertificate } from '../centre-api.ts';

interface IssueForm {
  entryCode: string;
  residentId: string;
  purpose: string;
}

export function CertificatesPage() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const write = useWrite();
  const [issuing, setIssuing] = useState(false);
  const [form] = Form.useForm<IssueForm>();
  // The community the asker issues for: their community grant's code.
  const community = me?.grants.find((g) => g.role === 'community_staff')?.orgPath.split('.').at(-1);
  const list = useListPage({
    queryKey: ['services', 'certificates'],
    filters: () => ({}),
    load: (_filters, paging, signal) => centreApi.certificates(paging, signal),
  });
  const entries = useApiQuery(['services', 'admission-entries', 'certificate'], issuing ? (signal) => centreApi.admissionEntries({ list: 'certificate', page: 1, pageSize: 100 }, signal) : null);
  const residents = useApiQuery(['services', 'certifiable', community], issuing && community ? (signal) => centreApi.certifiable(community, signal) : null);
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('services.cert.title')}
      </Typography.Title>
      <FilterBar>
        {can('services.certify') && community && (
          <Button type="primary" onClick={() => setIssuing(true)}>
            {t('services.cert.issue')}
          </Button>
        )}
      </FilterBar>
      <ListTable<CommunityCertificate>
        list={list}
        data-testid="certificates-table"
        emptyText={t('services.cert.empty')}
        columns={[
          { key: 'number', title: t('services.cert.number'), dataIndex: 'number' },
          { key: 'title', title: t('services.cert.entry'), dataIndex: 'title' },
          { key: 'holder', title: t('services.cert.holder'), dataIndex: 'holder' },
          { key: 'purpose', title: t('services.cert.purpose'), dataIndex: 'purpose' },
          { key: 'code', title: t('services.cert.code'), render: (_, c) => <a href={`/api/public/certificates/${c.code}`} target="_blank" rel="noreferrer">{c.code}</a> },
          { key: 'by', title: t('services.cert.issuedBy'), dataIndex: 'issuedBy' },
          { key: 'at', title: t('services.cert.at'), render: (_, c) => <DateTime value={c.createdAt} /> },
        ]}
      />
      <FormModal<IssueForm>
        title={t('services.cert.issue')}
        open={issuing}
        onClose={() => setIssuing(false)}
        form={form}
        onSubmit={(v) =>
          write.run(() => centreApi.issueCertificate({ ...v, communityCode: community ?? '' }), { success: t('services.cert.issue'), invalidates: ['services', 'certificates'], form, then: () => setIssuing(false) })
        }
      >
        <Form.Item name="entryCode" label={t('services.cert.entry')} rules={[{ required: true }]}>
          <Select loading={entries.isLoading} options={(entries.data?.items ?? []).map((e) => ({ value: e.code, label: e.title }))} />
        </Form.Item>
        <Form.Item name="residentId" label={t('services.cert.resident')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" loading={residents.isLoading} options={(residents.data ?? []).map((r) => ({ value: r.residentId, label: `${r.name} ${r.address}` }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('services.cert.purpose')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
