// What an organisation does on its application (report a milestone, record services) and
// what an expert does (declare a conflict, or score each criterion).
import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useAction, useWrite } from '../../../../platform/use-write.ts';
import { invalidate } from '../../../../platform/query.ts';
import { projectsApi, type ApplicationDetail } from '../api.ts';
import type { ApplicationSlots } from './application-view.tsx';

const today = () => new Date().toISOString().slice(0, 10);

export function useOrganisationActions(): { slots: ApplicationSlots; modals: (a: ApplicationDetail | undefined) => React.ReactNode } {
  const t = useT();
  const write = useWrite();
  const [reporting, setReporting] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [reportForm] = Form.useForm<{ report: string }>();
  const [recordForm] = Form.useForm<{ indicatorKey: string; quantity: number; servedOn: string; note: string }>();
  const slots: ApplicationSlots = {
    deliverableUrl: (fileId) => projectsApi.deliverableUrl(fileId, 'organisation'),
    milestoneAction: (a, m) =>
      a.status === 'awarded' && m.status !== 'accepted' ? (
        <Space wrap>
          {(m.status === 'planned' || m.status === 'rejected') && (
            <Button size="small" type="primary" data-testid="milestone-report" onClick={() => setReporting(m.id)}>{t('community.projects.reportMilestone')}</Button>
          )}
          <Upload
            accept="image/*,application/pdf"
            showUploadList={false}
            customRequest={({ file }) => void write.run(() => projectsApi.uploadDeliverable(m.id, file as File), { success: t('community.projects.fileAdded'), invalidates: ['community', 'projects'] })}
          >
            <Button size="small" icon={<UploadOutlined />} loading={write.busy} aria-label={`${t('community.projects.addFile')} ${m.title}`} data-testid="milestone-upload">{t('community.projects.addFile')}</Button>
          </Upload>
        </Space>
      ) : null,
    indicatorsExtra: (a) => (a.status === 'awarded' ? <Button size="small" onClick={() => setRecording(true)} data-testid="service-record-open">{t('community.projects.addServiceRecord')}</Button> : null),
  };
  const modals = (a: ApplicationDetail | undefined) =>
    a && (
      <>
        <FormModal title={t('community.projects.reportMilestone')} open={reporting !== null} onClose={() => setReporting(null)} form={reportForm} testId="milestone-report-form"
          onSubmit={(v) => write.run(() => projectsApi.reportMilestone(reporting ?? '', v.report), { success: t('community.projects.saved'), form: reportForm, invalidates: ['community', 'projects'], then: () => setReporting(null) })}>
          <Form.Item name="report" label={t('community.projects.deliverables')} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>
        </FormModal>
        <FormModal title={t('community.projects.addServiceRecord')} open={recording} onClose={() => setRecording(false)} form={recordForm} initialValues={{ servedOn: today() }}
          onSubmit={(v) => write.run(() => projectsApi.serviceRecord(a.id, v), { success: t('community.projects.saved'), form: recordForm, invalidates: ['community', 'projects'], then: () => setRecording(false) })}>
          <Form.Item name="indicatorKey" label={t('community.projects.indicator')} rules={[{ required: true }]}>
            <Select options={a.indicators.map((i) => ({ value: i.key, label: `${i.name}（${i.unit}）` }))} />
          </Form.Item>
          <Form.Item name="quantity" label={t('community.projects.quantity')} rules={[{ required: true }]}><InputNumber min={1} /></Form.Item>
          <Form.Item name="servedOn" label={t('community.projects.servedOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="note" label={t('community.projects.note')} rules={[{ required: true }]}><Input maxLength={500} /></Form.Item>
        </FormModal>
      </>
    );
  return { slots, modals };
}

/** The expert's sheet: a conflict declaration, or a score for every criterion. */
export function ReviewForm({ application }: { application: ApplicationDetail }) {
  const t = useT();
  const action = useAction();
  const [form] = Form.useForm<{ conflict: boolean; conflictNote?: string; scores: Record<string, number> }>();
  const conflict = Form.useWatch('conflict', form);
  const mine = application.myReview;
  return (
    <Card size="small" title={t('community.projects.myReview')} data-testid="review-form">
      {mine && <Typography.Paragraph type="success">{mine.conflict ? t('community.projects.conflictDeclared') : t('community.projects.scoredAlready')}</Typography.Paragraph>}
      <Form form={form} layout="inline" initialValues={{ conflict: mine?.conflict ?? false, conflictNote: mine?.conflictNote ?? undefined, scores: mine?.scores ?? {} }}
        onFinish={(v) => action.run(async () => {
          await projectsApi.review(application.id, v.conflict ? { conflict: true, conflictNote: v.conflictNote } : { conflict: false, scores: v.scores });
          await invalidate(['community', 'projects']);
        }, form)}>
        <Form.Item name="conflict" valuePropName="checked"><Checkbox>{t('community.projects.declareConflict')}</Checkbox></Form.Item>
        {conflict ? (
          <Form.Item name="conflictNote" label={t('community.projects.conflictNote')} rules={[{ required: true }]}><Input maxLength={500} style={{ width: 320 }} /></Form.Item>
        ) : (
          application.criteria.map((c) => (
            <Form.Item key={c.key} name={['scores', c.key]} label={`${c.name}（≤${c.maxScore}）`} rules={[{ required: true }]}>
              <InputNumber min={0} max={c.maxScore} data-testid={`score-${c.key}`} />
            </Form.Item>
          ))
        )}
        <Form.Item><Button type="primary" htmlType="submit" loading={action.busy} data-testid="review-submit">{t('community.projects.submitReview')}</Button></Form.Item>
      </Form>
    </Card>
  );
}
