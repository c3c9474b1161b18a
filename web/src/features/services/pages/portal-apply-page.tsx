// /portal/services/apply/:code: a signed-in resident applies online: the item's form (fields
// as data), the applicant, and the materials (uploads, 容缺 later, 告知承诺).
import { Alert, Button, Card, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { PortalFrame } from '../../../platform/components/portal-frame.tsx';
import { useAuth } from '../../../platform/auth.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useAction } from '../../../platform/use-write.ts';
import { servicesApi, type Application } from '../api.ts';
import { formValues, ItemFormFields } from '../components/form-fields.tsx';
import { MaterialPicker, materialsOf, type MaterialChoice } from '../components/material-picker.tsx';

interface ApplyForm {
  name: string;
  idNumber: string;
  phone: string;
  form?: Record<string, unknown>;
}

export function PortalApplyPage() {
  const { t } = useI18n();
  const { code = '' } = useParams();
  const { me } = useAuth();
  const [form] = Form.useForm<ApplyForm>();
  const [materials, setMaterials] = useState<MaterialChoice[]>([]);
  const [done, setDone] = useState<Application | null>(null);
  const { busy, run } = useAction();
  const item = useApiQuery(['services', 'public-item', code], (signal) => servicesApi.publicItem(code, signal));
  const grant = me?.grants.find((g) => g.role === 'resident');
  const communityCode = grant?.orgPath.split('.')[4];
  const canApply = me?.permissions.includes('services.apply') && communityCode;
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      {item.error ? <ErrorAlert error={item.error} onRetry={() => void item.refetch()} /> : null}
      {item.isPending && <Skeleton active />}
      {item.data && (
        <Card>
          <Typography.Title level={3}>{t('services.portal.applyTitle', { name: item.data.name })}</Typography.Title>
          <Typography.Paragraph type="secondary">{item.data.guide}</Typography.Paragraph>
          {done ? (
            <Result
              status="success"
              title={<span data-testid="applied-number">{done.number}</span>}
              subTitle={t('services.portal.submitted', { number: done.number })}
              extra={
                <Link to={`/portal/services/applications/${done.number}`}>
                  <Button type="primary">{t('services.portal.open')}</Button>
                </Link>
              }
            />
          ) : !canApply ? (
            <Alert type="info" showIcon message={t('services.portal.signIn')} />
          ) : (
            <Form
              form={form}
              layout="vertical"
              initialValues={{ name: me?.displayName ?? '' }}
              onFinish={(values) =>
                void run(async () => {
                  setDone(
                    await servicesApi.apply({
                      itemCode: code,
                      communityCode: communityCode!,
                      applicant: { name: values.name, idNumber: values.idNumber, phone: values.phone },
                      form: formValues(values.form),
                      materials: materialsOf(materials),
                    }),
                  );
                }, form)
              }
            >
              <Form.Item name="name" label={t('services.field.applicant')} rules={[{ required: true }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="idNumber" label={t('services.field.idNumber')} rules={[{ required: true, pattern: /^\d{17}[\dXx]$/ }]}>
                <Input maxLength={18} />
              </Form.Item>
              <Form.Item name="phone" label={t('services.field.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/ }]}>
                <Input maxLength={11} inputMode="numeric" />
              </Form.Item>
              <ItemFormFields fields={item.data.formFields} />
              <Typography.Title level={5}>{t('services.field.materials')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('services.portal.materialHint')}</Typography.Paragraph>
              <MaterialPicker specs={item.data.materials} value={materials} onChange={setMaterials} />
              <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }} block>
                {t('services.portal.apply')}
              </Button>
            </Form>
          )}
        </Card>
      )}
    </PortalFrame>
  );
}
