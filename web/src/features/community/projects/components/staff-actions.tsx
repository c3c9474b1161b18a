// What project staff do on an application: award the contract, accept or reject a reported
// milestone, pay a tranche whose milestone is accepted, record site visits and the evaluation.
import { Button, Form, Input, InputNumber, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { projectsApi, toFen, type ApplicationDetail } from '../api.ts';
import type { ApplicationSlots } from './application-view.tsx';

type Modal = 'award' | 'visit' | 'evaluate' | { pay: string } | null;
const today = () => new Date().toISOString().slice(0, 10);

export function useStaffActions(): { slots: ApplicationSlots; modals: (a: ApplicationDetail | undefined) => React.ReactNode } {
  const t = useT();
  const write = useWrite();
  const [open, setOpen] = useState<Modal>(null);
  // One row per milestone, in order; a form returns only the fields it renders, so a row's milestone is its index.
  const [awardForm] = Form.useForm<{ amount: number; contractNumber: string; tranches: { amount: number }[] }>();
  const [visitForm] = Form.useForm<{ visitedOn: string; findings: string; rating: number }>();
  const [evalForm] = Form.useForm<{ evaluator: string; thirdPartyScore: number; surveyed: number; satisfied: number; conclusion: string }>();
  const [payForm] = Form.useForm<{ voucherNumber: string }>();
  const close = () => setOpen(null);
  const done = { invalidates: ['community', 'projects'], then: close };

  const slots: ApplicationSlots = {
    deliverableUrl: (fileId) => projectsApi.deliverableUrl(fileId, 'staff'),
    top: (a) =>
      a.status === 'submitted' ? (
        <Button type="primary" onClick={() => setOpen('award')} data-testid="award-open" style={{ alignSelf: 'flex-start' }}>
          {t('community.projects.award')}
        </Button>
      ) : null,
    milestoneAction: (_a, m) =>
      m.status === 'submitted' ? (
        <Space>
          <Button size="small" type="primary" data-testid="milestone-accept" onClick={() => void write.run(() => projectsApi.decideMilestone(m.id, { accept: true, note: '' }), { success: t('community.projects.accepted'), ...done })}>
            {t('community.projects.accept')}
          </Button>
          <Popconfirm title={t('community.projects.rejectConfirm')} onConfirm={() => write.run(() => projectsApi.decideMilestone(m.id, { accept: false, note: t('community.projects.rejectNote') }), { success: t('community.projects.rejected'), ...done })}>
            <Button size="small" danger>{t('community.projects.reject')}</Button>
          </Popconfirm>
        </Space>
      ) : null,
    trancheAction: (_a, x) =>
      x.payable ? (
        <Button size="small" type="primary" data-testid="tranche-pay" onClick={() => setOpen({ pay: x.id })}>
          {t('community.projects.pay')}
        </Button>
      ) : null,
    supervisionExtra: (a) =>
      a.status === 'awarded' ? (
        <Space>
          <Button size="small" onClick={() => setOpen('visit')}>{t('community.projects.addVisit')}</Button>
          <Button size="small" onClick={() => setOpen('evaluate')}>{t('community.projects.evaluate')}</Button>
        </Space>
      ) : null,
  };

  const modals = (a: ApplicationDetail | undefined) =>
    a && (
      <>
        <FormModal title={t('community.projects.award')} open={open === 'award'} onClose={close} form={awardForm} testId="award-form"
          initialValues={{ amount: a.requestedFen / 100, tranches: a.milestones.map(() => ({ amount: undefined as unknown as number })) }}
          onSubmit={(v) => write.run(() => projectsApi.award(a.id, { amountFen: toFen(v.amount), contractNumber: v.contractNumber, tranches: v.tranches.map((x, i) => ({ milestoneSeq: a.milestones[i]?.seq ?? i + 1, amountFen: toFen(x.amount) })) }), { success: t('community.projects.awardedOk'), form: awardForm, ...done })}>
          <Form.Item name="contractNumber" label={t('community.projects.contractNumber')} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="amount" label={t('community.projects.amountYuan')} rules={[{ required: true }]}>
            <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.List name="tranches">
            {(fields) =>
              fields.map((field, i) => (
                <Form.Item key={field.key} name={[field.name, 'amount']} label={t('community.projects.trancheFor', { seq: a.milestones[i]?.seq ?? i + 1, title: a.milestones[i]?.title ?? '' })} rules={[{ required: true }]}>
                  <InputNumber min={0.01} precision={2} style={{ width: 200 }} data-testid={`tranche-amount-${i}`} />
                </Form.Item>
              ))
            }
          </Form.List>
        </FormModal>
        <FormModal title={t('community.projects.pay')} open={typeof open === 'object' && open !== null} onClose={close} form={payForm} testId="pay-form"
          onSubmit={(v) => write.run(() => projectsApi.payTranche(typeof open === 'object' && open ? open.pay : '', v.voucherNumber), { success: t('community.projects.paidOk'), form: payForm, ...done })}>
          <Form.Item name="voucherNumber" label={t('community.projects.voucher')} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
        </FormModal>
        <FormModal title={t('community.projects.addVisit')} open={open === 'visit'} onClose={close} form={visitForm} initialValues={{ visitedOn: today(), rating: 4 }}
          onSubmit={(v) => write.run(() => projectsApi.siteVisit(a.id, v), { success: t('community.projects.saved'), form: visitForm, ...done })}>
          <Form.Item name="visitedOn" label={t('community.projects.visitedOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="rating" label={t('community.projects.rating')} rules={[{ required: true }]}><InputNumber min={1} max={5} /></Form.Item>
          <Form.Item name="findings" label={t('community.projects.findings')} rules={[{ required: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </FormModal>
        <FormModal title={t('community.projects.evaluate')} open={open === 'evaluate'} onClose={close} form={evalForm}
          onSubmit={(v) => write.run(() => projectsApi.evaluate(a.id, v), { success: t('community.projects.saved'), form: evalForm, ...done })}>
          <Form.Item name="evaluator" label={t('community.projects.evaluator')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="thirdPartyScore" label={t('community.projects.thirdPartyScore')} rules={[{ required: true }]}><InputNumber min={0} max={100} /></Form.Item>
          <Form.Item name="surveyed" label={t('community.projects.surveyed')} rules={[{ required: true }]}><InputNumber min={1} /></Form.Item>
          <Form.Item name="satisfied" label={t('community.projects.satisfied')} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item>
          <Form.Item name="conclusion" label={t('community.projects.conclusion')} rules={[{ required: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </FormModal>
      </>
    );
  return { slots, modals };
}
