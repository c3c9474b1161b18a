// One application in the back office: its facts, materials and timeline, the steps the
// reader may take now (with reason or the missing materials where needed), and a reveal.
import { EyeOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Modal, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { ApplicationAction } from '#server/modules/services/contract.ts';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useAuth } from '../../../platform/auth.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useAction } from '../../../platform/use-write.ts';
import { servicesApi, type Application } from '../api.ts';
import { ApplicationView } from '../components/application-view.tsx';
import { actionLabel } from '../components/labels.tsx';

interface StepForm {
  reason?: string;
  missing?: string[];
  note?: string;
}

const needsInput: Partial<Record<ApplicationAction, 'reason' | 'missing'>> = { not_accept: 'reason', refuse: 'reason', request_correction: 'missing' };

export function ServiceApplicationPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { number = '' } = useParams();
  const app = useApiQuery(['services', 'application', number], (signal) => servicesApi.application(number, signal));
  const [step, setStep] = useState<ApplicationAction | null>(null);
  const [revealed, setRevealed] = useState<Application['applicant'] | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [form] = Form.useForm<StepForm>();
  const [revealForm] = Form.useForm<{ reason: string }>();
  const { busy, run } = useAction();
  const take = (action: ApplicationAction, values: StepForm = {}) =>
    run(async () => {
      await servicesApi.act(number, { action, ...values });
      setStep(null);
      form.resetFields();
      await app.refetch();
    }, form);
  const data = app.data;
  return (
    <Flex vertical gap={16}>
      {app.error ? <ErrorAlert error={app.error} onRetry={() => void app.refetch()} /> : null}
      {app.isPending && <Skeleton active />}
      {data && (
        <Card size="small" title={t('services.detail.actions')}>
          <Flex gap={8} wrap>
            {data.allowedActions.filter((a) => a !== 'supply_correction').map((a) => (
              <Button key={a} type={a === 'not_accept' || a === 'refuse' ? 'default' : 'primary'} danger={a === 'not_accept' || a === 'refuse'} loading={busy} data-testid={`action-${a}`} onClick={() => (needsInput[a] ? setStep(a) : void take(a))}>
                {actionLabel(t, a)}
              </Button>
            ))}
            {can('services.reveal') && !revealed && (
              <Button icon={<EyeOutlined />} onClick={() => setRevealing(true)}>
                {t('services.detail.reveal')}
              </Button>
            )}
          </Flex>
        </Card>
      )}
      {data && <ApplicationView app={data} applicant={revealed} />}
      <Modal open={step !== null} title={step ? actionLabel(t, step) : ''} onCancel={() => setStep(null)} onOk={() => form.submit()} confirmLoading={busy} okText={step ? actionLabel(t, step) : ''}>
        <Form form={form} layout="vertical" onFinish={(values) => step && void take(step, values)}>
          {step && needsInput[step] === 'reason' && (
            <Form.Item name="reason" label={t('services.field.reason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
          {step === 'request_correction' && (
            <>
              <Form.Item name="missing" label={t('services.field.missing')} rules={[{ required: true }]}>
                <Select mode="multiple" aria-label={t('services.field.missing')} options={data?.materials.map((m) => ({ value: m.key, label: m.name })) ?? []} />
              </Form.Item>
              <Form.Item name="note" label={t('services.field.note')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
      <Modal open={revealing} title={t('services.detail.reveal')} onCancel={() => setRevealing(false)} onOk={() => revealForm.submit()}>
        <Form
          form={revealForm}
          layout="vertical"
          onFinish={(v) =>
            void run(async () => {
              setRevealed(await servicesApi.reveal(number, v.reason));
              setRevealing(false);
            }, revealForm)
          }
        >
          <Form.Item name="reason" label={t('services.detail.revealReason')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
