import { SendOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Form, Input, List, Radio, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { toApiError } from '../../../platform/api-client.ts';
import { casesApi, type CaseListItem, type DuplicateCase } from '../api.ts';
import { caseUrgencies, type CaseUrgency } from '../../../../../src/modules/cases/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { CategoryCascader, useCaseCategories } from '../components/category-select.tsx';
import { CaseStateTag } from '../components/labels.tsx';
import { LocationPicker, type CaseLocation } from '../components/location.tsx';
import { PhotoInput } from '../components/photos.tsx';
import { MobileShell } from '../components/shells.tsx';
import { useReportError } from '../../../platform/components/feedback.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

interface ReportForm {
  photos?: string[];
  category?: string[];
  title?: string;
  description?: string;
  location?: CaseLocation | null;
  address?: string;
  urgency: CaseUrgency;
  reporterName?: string;
  reporterPhone?: string;
}

/** The case just reported, its number, and open cases nearby that may be the same problem. */
function ReportDone({ done, onAgain }: { done: { created: CaseListItem; duplicates: DuplicateCase[] }; onAgain: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card data-testid="report-done" data-number={done.created.number} data-id={done.created.id}>
      <Result
        status="success"
        title={t('case.m.submitted')}
        subTitle={
          <Typography.Text copyable strong style={{ fontSize: 16 }}>
            {done.created.number}
          </Typography.Text>
        }
        extra={[
          <Button key="again" type="primary" onClick={onAgain}>
            {t('case.m.another')}
          </Button>,
          <Button key="home" onClick={() => void navigate('/m')}>
            {t('case.m.backHome')}
          </Button>,
        ]}
      />
      {done.duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('case.m.duplicates')}
          description={
            <List
              size="small"
              dataSource={done.duplicates}
              renderItem={(d) => (
                <List.Item extra={<CaseStateTag state={d.state} />}>
                  <Link to={`/m/cases/${d.id}`}>{d.number}</Link> {d.title} · {d.distance} m
                </List.Item>
              )}
            />
          }
        />
      )}
    </Card>
  );
}

/** /m/report: a grid worker reports what they found on patrol — camera photo, GPS point (or a manual fallback), category, a few words. */
export function CaseMobileReportPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const reportError = useReportError();
  const tree = useCaseCategories();
  const [form] = Form.useForm<ReportForm>();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<{ created: CaseListItem; duplicates: DuplicateCase[] } | null>(null);
  const gridGrant = me?.grants.find((g) => g.role === 'grid_worker');
  const grid = gridGrant ? { code: gridGrant.orgCode, name: gridGrant.orgName } : null;

  const onCategory = (path: string[] | undefined) => {
    const code = path?.[1];
    const sub = (tree.data ?? []).flatMap((c) => c.children ?? []).find((c) => c.code === code);
    if (sub && !form.getFieldValue('title')) form.setFieldValue('title', sub.name);
  };

  const submit = async (values: ReportForm) => {
    const location = values.location;
    if (!location) return;
    setSaving(true);
    try {
      const phone = values.reporterPhone?.replace(/\s+/g, '') || undefined;
      const name = values.reporterName?.trim() || undefined;
      const result = await casesApi.create({
        title: (values.title ?? '').trim(),
        description: (values.description ?? '').trim(),
        categoryCode: values.category?.[1] ?? '',
        urgency: values.urgency,
        ...(location.point ? { lng: location.point.lng, lat: location.point.lat } : {}),
        ...(location.orgCode ? { orgCode: location.orgCode } : !location.point && grid ? { orgCode: grid.code } : {}),
        address: values.address?.trim() || undefined,
        attachmentIds: values.photos?.length ? values.photos : undefined,
        reporter: phone || name ? { phone, name } : undefined,
      });
      setDone({ created: result.case, duplicates: result.duplicates });
      form.resetFields();
    } catch (error) {
      reportError(toApiError(error), form);
    } finally {
      setSaving(false);
    }
  };

  if (done) {
    return (
      <MobileShell title={t('case.m.reportTitle')} back="/m">
        <ReportDone done={done} onAgain={() => setDone(null)} />
      </MobileShell>
    );
  }

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <MobileShell title={t('case.m.reportTitle')} back="/m">
      <Form<ReportForm> form={form} layout="vertical" initialValues={{ urgency: 'normal' }} onFinish={(values) => void submit(values)} data-testid="report-form">
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="photos" label={t('case.m.photo')} style={{ marginBottom: 0 }}>
            <PhotoInput camera label={t('case.m.takePhoto')} testId="report-photos" />
          </Form.Item>
        </Card>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="category" label={t('case.field.category')} rules={[{ required: true, message: t('common.required', { field: t('case.field.category') }) }]}>
            <CategoryCascader leafOnly size="large" onChange={onCategory} placeholder={t('case.field.category')} testId="report-category" />
          </Form.Item>
          <Form.Item name="title" label={t('case.field.title')} rules={[required(t('case.field.title'))]}>
            <Input size="large" maxLength={100} data-testid="report-title" />
          </Form.Item>
          <Form.Item name="description" label={t('case.field.description')} rules={[required(t('case.field.description'))]} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={3} maxLength={4000} showCount data-testid="report-description" />
          </Form.Item>
        </Card>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="location" label={t('case.m.location')} rules={[{ required: true, message: t('case.m.needLocation') }]}>
            <LocationPicker grid={grid} />
          </Form.Item>
          <Form.Item name="address" label={t('case.field.address')} style={{ marginBottom: 0 }}>
            <Input size="large" maxLength={200} data-testid="report-address" />
          </Form.Item>
        </Card>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="urgency" label={t('case.field.urgency')} style={{ marginBottom: 0 }}>
            <Radio.Group optionType="button" buttonStyle="solid" options={caseUrgencies.map((u) => ({ value: u, label: t(`case.urgency.${u}`) }))} />
          </Form.Item>
        </Card>
        <Collapse
          size="small"
          style={{ marginBottom: 12, background: '#fff' }}
          items={[
            {
              key: 'resident',
              label: (
                <span>
                  <UserOutlined /> {t('case.m.onBehalf')}
                </span>
              ),
              forceRender: true,
              children: (
                <>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                    {t('case.m.onBehalfHint')}
                  </Typography.Paragraph>
                  <Form.Item name="reporterName" label={t('case.m.reporterName')}>
                    <Input maxLength={50} data-testid="report-reporter-name" />
                  </Form.Item>
                  <Form.Item name="reporterPhone" label={t('case.m.reporterPhone')} rules={[{ pattern: /^[\d\s+-]{5,20}$/, message: t('roster.phoneInvalid') }]}>
                    <Input inputMode="tel" maxLength={20} data-testid="report-reporter-phone" />
                  </Form.Item>
                </>
              ),
            },
          ]}
          data-testid="report-on-behalf"
        />
        <Button type="primary" htmlType="submit" size="large" block icon={<SendOutlined />} loading={saving} data-testid="report-submit">
          {t('case.m.submit')}
        </Button>
      </Form>
    </MobileShell>
  );
}
