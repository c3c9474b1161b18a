import { FormOutlined, LoginOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { toApiError } from '../../../platform/api-client.ts';
import { casesApi, type CaseListItem } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { CategoryCascader, useCaseCategories } from '../components/category-select.tsx';
import { LocationPicker, type CaseLocation } from '../components/location.tsx';
import { PhotoInput } from '../components/photos.tsx';
import { PortalShell } from '../components/shells.tsx';
import { useReportError } from '../../../platform/components/feedback.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

interface ResidentReportForm {
  category?: string[];
  title?: string;
  description?: string;
  photos?: string[];
  location?: CaseLocation | null;
  address?: string;
  name?: string;
  phone?: string;
}

/** /portal/report: a signed-in resident reports a problem with photos, an address and (if they allow it) their position. */
export function CasePortalReportPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const reportError = useReportError();
  const tree = useCaseCategories();
  const [form] = Form.useForm<ResidentReportForm>();
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<CaseListItem | null>(null);
  const residentGrant = me?.grants.find((g) => g.role === 'resident');

  const hero = (
    <section className="gz-portal-hero">
      <h1>
        <FormOutlined /> {t('case.portal.reportTitle')}
      </h1>
      <p>{t('case.portal.reportDesc')}</p>
    </section>
  );

  if (!me || !residentGrant) {
    return (
      <PortalShell hero={hero}>
        <Card>
          <Result
            status="info"
            title={t('case.portal.loginToReport')}
            extra={[
              <Link key="login" to={`/login?next=${encodeURIComponent('/portal/report')}`}>
                <Button type="primary" icon={<LoginOutlined />}>
                  {t('case.portal.login')}
                </Button>
              </Link>,
              <Link key="track" to="/portal/track">
                <Button>{t('case.portal.trackTitle')}</Button>
              </Link>,
            ]}
          />
        </Card>
      </PortalShell>
    );
  }

  const onCategory = (path: string[] | undefined) => {
    const sub = (tree.data ?? []).flatMap((c) => c.children ?? []).find((c) => c.code === path?.[1]);
    if (sub && !form.getFieldValue('title')) form.setFieldValue('title', sub.name);
  };

  const submit = async (values: ResidentReportForm) => {
    setSaving(true);
    try {
      const point = values.location?.point;
      const phone = values.phone?.replace(/\s+/g, '') || undefined;
      const result = await casesApi.create({
        title: (values.title ?? '').trim(),
        description: (values.description ?? '').trim(),
        categoryCode: values.category?.[1] ?? '',
        ...(point ? { lng: point.lng, lat: point.lat } : {}),
        orgCode: residentGrant.orgCode,
        address: values.address?.trim() || undefined,
        attachmentIds: values.photos?.length ? values.photos : undefined,
        reporter: { name: values.name?.trim() || me.displayName, phone },
      });
      setCreated(result.case);
      form.resetFields();
    } catch (error) {
      reportError(toApiError(error), form);
    } finally {
      setSaving(false);
    }
  };

  if (created) {
    return (
      <PortalShell hero={hero}>
        <Card data-testid="portal-report-done" data-number={created.number}>
          <Result
            status="success"
            title={t('case.portal.submitted')}
            subTitle={t('case.portal.submittedHint', { number: created.number })}
            extra={[
              <Link key="mine" to="/portal/mine">
                <Button type="primary">{t('case.portal.mineTitle')}</Button>
              </Link>,
              <Button key="again" onClick={() => setCreated(null)}>
                {t('case.m.another')}
              </Button>,
            ]}
          />
        </Card>
      </PortalShell>
    );
  }

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <PortalShell hero={hero}>
      <Card>
        <Form<ResidentReportForm> form={form} layout="vertical" onFinish={(values) => void submit(values)} initialValues={{ name: me.displayName }} data-testid="portal-report-form">
          <Form.Item name="category" label={t('case.field.category')} rules={[{ required: true, message: t('common.required', { field: t('case.field.category') }) }]}>
            <CategoryCascader leafOnly size="large" onChange={onCategory} placeholder={t('case.field.category')} />
          </Form.Item>
          <Form.Item name="title" label={t('case.field.title')} rules={[required(t('case.field.title'))]}>
            <Input size="large" maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t('case.field.description')} rules={[required(t('case.field.description'))]}>
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item name="photos" label={t('case.common.photos')}>
            <PhotoInput camera />
          </Form.Item>
          <Form.Item name="address" label={t('case.field.address')} rules={[required(t('case.field.address'))]}>
            <Input size="large" maxLength={200} />
          </Form.Item>
          <Form.Item name="location" label={t('case.portal.locationOptional')}>
            <LocationPicker locateAtOnce={false} />
          </Form.Item>
          <Form.Item name="name" label={t('case.portal.contactName')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('case.portal.contactPhone')}
            extra={t('case.portal.contactPhoneHint')}
            rules={[{ required: true, pattern: /^[\d\s+-]{5,20}$/, message: t('roster.phoneInvalid') }]}
          >
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {residentGrant.orgName}
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" size="large" block icon={<SendOutlined />} loading={saving}>
            {t('case.common.submit')}
          </Button>
        </Form>
      </Card>
    </PortalShell>
  );
}
