import { FormOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { casesApi, type CaseListItem } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { LocationPicker, type CaseLocation } from '../components/location.tsx';
import { PhotoInput } from '../components/photos.tsx';
import { cleanPhone, reportBody, ReportWhatFields, useRequiredRules, type ReportText } from '../components/report-form.tsx';
import { PortalHero, PortalShell, PortalSignIn } from '../components/shells.tsx';
import { useAction } from '../../../platform/use-write.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

interface ResidentReportForm extends ReportText {
  category?: string[];
  location?: CaseLocation | null;
  name?: string;
  phone?: string;
}

/** /portal/report: a signed-in resident reports a problem with photos, an address and (if they allow it) their position. */
export function CasePortalReportPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const rules = useRequiredRules();
  const [form] = Form.useForm<ResidentReportForm>();
  const saving = useAction();
  const [created, setCreated] = useState<CaseListItem | null>(null);
  const residentGrant = me?.grants.find((g) => g.role === 'resident');

  const hero = <PortalHero icon={<FormOutlined />} title={t('case.portal.reportTitle')} description={t('case.portal.reportDesc')} />;
  if (!me || !residentGrant) {
    const track = (
      <Link key="track" to="/portal/track">
        <Button>{t('case.portal.trackTitle')}</Button>
      </Link>
    );
    return <PortalSignIn hero={hero} title={t('case.portal.loginToReport')} next="/portal/report" extra={[track]} />;
  }

  const submit = (values: ResidentReportForm) =>
    saving.run(async () => {
      const point = values.location?.point;
      const result = await casesApi.create({
        ...reportBody(values, values.category?.[1] ?? ''),
        ...(point ? { lng: point.lng, lat: point.lat } : {}),
        orgCode: residentGrant.orgCode,
        reporter: { name: values.name?.trim() || me.displayName, phone: cleanPhone(values.phone) },
      });
      setCreated(result.case);
      form.resetFields();
    }, form);

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

  return (
    <PortalShell hero={hero}>
      <Card>
        <Form<ResidentReportForm> form={form} layout="vertical" onFinish={(values) => void submit(values)} initialValues={{ name: me.displayName }} data-testid="portal-report-form">
          <ReportWhatFields form={form} descriptionRows={4} />
          <Form.Item name="photos" label={t('case.common.photos')}>
            <PhotoInput camera />
          </Form.Item>
          <Form.Item name="address" label={t('case.field.address')} rules={[rules.text(t('case.field.address'))]}>
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
          <Button type="primary" htmlType="submit" size="large" block icon={<SendOutlined />} loading={saving.busy}>
            {t('case.common.submit')}
          </Button>
        </Form>
      </Card>
    </PortalShell>
  );
}
