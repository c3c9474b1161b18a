// The counter's intake (窗口受理), keyboard-first like the hotline: the ID number first (Enter
// looks the person up in the registry and fills in what it holds), the item, its form and
// materials; Ctrl+Enter takes it in.
import { SolutionOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useAction } from '../../../platform/use-write.ts';
import { servicesApi, type Application, type ServiceItem } from '../api.ts';
import { CommunityPicker } from '../components/community-picker.tsx';
import { formValues, ItemFormFields } from '../components/form-fields.tsx';
import { MaterialPicker, materialsOf, type MaterialChoice } from '../components/material-picker.tsx';

interface IntakeForm {
  idNumber: string;
  name?: string;
  phone?: string;
  communityCode: string;
  itemCode: string;
  form?: Record<string, unknown>;
}

export function ServiceCounterPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<IntakeForm>();
  const [found, setFound] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [item, setItem] = useState<ServiceItem | null>(null);
  const [materials, setMaterials] = useState<MaterialChoice[]>([]);
  const [done, setDone] = useState<Application | null>(null);
  const { busy, run } = useAction();
  const items = useApiQuery(['services', 'counter-items', q], (signal) => servicesApi.items({ q: q || undefined, pageSize: 50 }, signal));
  const lookup = () =>
    run(async () => {
      const idNumber = String(form.getFieldValue('idNumber') ?? '').trim();
      if (!idNumber) return;
      const r = await servicesApi.lookup(idNumber);
      if (r.found) {
        form.setFieldsValue({ name: r.name ?? undefined, ...(r.communityCode ? { communityCode: r.communityCode } : {}) });
        setFound(t('services.counter.found', { name: r.name ?? '', community: r.communityName ?? '', phone: r.phone ?? '—' }));
      } else setFound(t('services.counter.notFound'));
    }, form);
  const submit = (values: IntakeForm) =>
    run(async () => {
      const made = await servicesApi.intake({
        itemCode: values.itemCode,
        communityCode: values.communityCode,
        applicant: { idNumber: values.idNumber, ...(values.name ? { name: values.name } : {}), ...(values.phone ? { phone: values.phone } : {}) },
        form: formValues(values.form),
        materials: materialsOf(materials),
      });
      setDone(made);
      void message.success(t('services.counter.done', { number: made.number }));
      form.resetFields();
      setMaterials([]);
      setItem(null);
      setFound(null);
    }, form);
  return (
    <Card
      title={
        <>
          <SolutionOutlined /> {t('services.counter.title')}
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('services.counter.hint')}</Typography.Paragraph>
      {done && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={<Link to={`/console/services/applications/${done.number}`}>{t('services.counter.done', { number: done.number })}</Link>}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="idNumber" label={t('services.field.idNumber')} rules={[{ required: true, pattern: /^\d{17}[\dXx]$/ }]}>
              <Input.Search autoFocus maxLength={18} enterButton={t('services.counter.lookup')} onSearch={() => void lookup()} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={t('services.field.applicant')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="phone" label={t('services.field.phone')} extra={t('services.counter.phoneOnFile')} rules={[{ pattern: /^1[3-9]\d{9}$/ }]}>
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>
        {found && <Alert type="info" showIcon message={found} style={{ marginBottom: 16 }} />}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="communityCode" label={t('services.field.community')} rules={[{ required: true }]}>
              <CommunityPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="itemCode" label={t('services.counter.item')} rules={[{ required: true }]}>
              <Select
                showSearch
                filterOption={false}
                onSearch={setQ}
                loading={items.isFetching}
                aria-label={t('services.counter.item')}
                options={(items.data?.items ?? []).filter((i) => i.channels.includes('counter')).map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }))}
                onChange={(code: string) => {
                  setItem(items.data?.items.find((i) => i.code === code) ?? null);
                  setMaterials([]);
                }}
              />
            </Form.Item>
          </Col>
        </Row>
        {item && (
          <>
            <ItemFormFields fields={item.formFields} />
            <Typography.Title level={5}>{t('services.field.materials')}</Typography.Title>
            <MaterialPicker specs={item.materials} value={materials} onChange={setMaterials} />
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }}>
          {t('services.counter.submit')}
        </Button>
      </Form>
    </Card>
  );
}
