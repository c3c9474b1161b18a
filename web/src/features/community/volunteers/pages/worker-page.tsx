// /console/community/workers/:id: one social worker and their caseload — the residents they
// serve, named in clear or masked as the server decides for the one asking, paged, filtered by
// open or closed, exported as an .xlsx ledger; a case is closed with its outcome.
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Form, Input, Segmented, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { downloadFile } from '../../../../platform/download.ts';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { communityApi, hours, type CaseloadEntry } from '../api.ts';

const states = ['all', 'open', 'closed'] as const;
const stateFilter = (params: URLSearchParams) => {
  const state = params.get('state');
  return { state: state === 'open' || state === 'closed' ? state : undefined };
};
const today = () => new Date().toISOString().slice(0, 10);

export function WorkerPage() {
  const t = useT();
  const write = useWrite();
  const id = useParams().id ?? '';
  const [closing, setClosing] = useState<CaseloadEntry | null>(null);
  const [form] = Form.useForm<{ closedOn: string; outcome: string }>();
  const worker = useApiQuery(['community', 'workers', id], (signal) => communityApi.worker(id, signal));
  const list = useListPage({ queryKey: ['community', 'workers', id, 'caseload'], filters: stateFilter, load: (f, paging, signal) => communityApi.caseload(id, { ...paging, ...f }, signal) });
  const w = worker.data;
  return (
    <Flex vertical gap={12}>
      <Link to="/console/community/workers"><Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>{t('community.back')}</Button></Link>
      {worker.isLoading && <Skeleton active />}
      {worker.error && <ErrorAlert error={worker.error} onRetry={() => void worker.refetch()} />}
      {w && (
        <Card size="small" title={<span data-testid="worker-name">{w.name}</span>}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'level', label: t('community.worker.level'), children: t(`community.worker.level.${w.level}`) },
              { key: 'cert', label: t('community.worker.certificate'), children: w.certificateNumber ?? '—' },
              { key: 'certifiedOn', label: t('community.worker.certifiedOn'), children: w.certifiedOn ?? '—' },
              { key: 'employer', label: t('community.worker.employer'), children: w.employerName ?? '—' },
              { key: 'unit', label: t('community.orgUnit'), children: w.orgName },
              { key: 'hours', label: t('community.worker.hours'), children: hours(w.serviceMinutes) },
            ]}
          />
        </Card>
      )}
      <Card
        size="small"
        title={t('community.caseload.title')}
        extra={
          <Flex gap={8} wrap>
            <Segmented
              aria-label={t('community.caseload.state')}
              value={list.filters.state ?? 'all'}
              options={states.map((s) => ({ value: s, label: t(`community.caseload.state.${s}`) }))}
              onChange={(v) => list.update({ state: v === 'all' ? undefined : String(v) })}
            />
            <Button icon={<DownloadOutlined />} onClick={() => downloadFile(communityApi.caseloadUrl(id, list.filters))} data-testid="caseload-export">{t('community.export')}</Button>
          </Flex>
        }
      >
        <ListTable<CaseloadEntry>
          list={list}
          size="small"
          data-testid="caseload"
          emptyText={t('community.caseload.empty')}
          columns={[
            { key: 'resident', title: t('community.caseload.resident'), dataIndex: 'residentName', width: 120 },
            { key: 'reason', title: t('community.caseload.reason'), dataIndex: 'reason' },
            { key: 'opened', title: t('community.caseload.openedOn'), dataIndex: 'openedOn', width: 110 },
            {
              key: 'closed', title: t('community.caseload.closed'), width: 220,
              render: (_, c) => (c.closedOn ? <><Tag>{c.closedOn}</Tag>{c.outcome}</> : <Tag color="blue">{t('community.caseload.state.open')}</Tag>),
            },
            {
              key: 'act', title: t('common.actions'), width: 100,
              render: (_, c) => (c.closedOn ? null : <Button size="small" onClick={() => setClosing(c)} aria-label={`${t('community.caseload.close')} ${c.residentName}`}>{t('community.caseload.close')}</Button>),
            },
          ]}
        />
      </Card>
      <FormModal
        title={t('community.caseload.close')}
        open={closing !== null}
        onClose={() => setClosing(null)}
        form={form}
        initialValues={{ closedOn: today() }}
        onSubmit={(v) => write.run(() => communityApi.closeCase(id, closing?.id ?? '', v), { success: t('community.caseload.closedDone'), form, invalidates: ['community', 'workers', id], then: () => setClosing(null) })}
      >
        <Form.Item name="closedOn" label={t('community.caseload.closedOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Form.Item name="outcome" label={t('community.caseload.outcome')} rules={[{ required: true }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
      </FormModal>
    </Flex>
  );
}
