import { SendOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Form, Input, List, Radio, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { casesApi, type CaseListItem, type DuplicateCase } from '../api.ts';
import { caseUrgencies, type CaseUrgency } from '#server/modules/cases/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { CaseStateTag } from '../components/labels.tsx';
import { LocationPicker, type CaseLocation } from '../components/location.tsx';
import { PhotoInput } from '../components/photos.tsx';
import { reportBody, reporterOf, ReportWhatFields, type ReportText } from '../components/report-form.tsx';
import { MobileShell } from '../components/shells.tsx';
import { useAction } from '../../../platform/use-write.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

interface ReportForm extends Omit<ReportText, 'photos'> {
  /** Uploaded photos' ids, and photos kept on the phone while there is no signal. */
  photos?: (string | File)[];
  category?: string[];
  location?: CaseLocation | null;
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
  const navigate = useNavigate();
  const [form] = Form.useForm<ReportForm>();
  const saving = useAction();
  const [done, setDone] = useState<{ created: CaseListItem; duplicates: DuplicateCase[] } | null>(null);
  const [queued, setQueued] = useState(false);
  const gridGrant = me?.grants.find((g) => g.role === 'grid_worker');
  const grid = gridGrant ? { code: gridGrant.orgCode, name: gridGrant.orgName } : null;

  const submit = async (values: ReportForm) => {
    const location = values.location;
    if (!location) return;
    const photos = values.photos ?? [];
    await saving.run(async () => {
      // Through the phone's outbox: without signal the report (and its kept photos) waits there.
      const result = await casesApi.reportQueued(
        {
          ...reportBody({ ...values, photos: photos.filter((p): p is string => typeof p === 'string') }, values.category?.[1] ?? ''),
          urgency: values.urgency,
          ...(location.point ? { lng: location.point.lng, lat: location.point.lat } : {}),
          ...(location.orgCode ? { orgCode: location.orgCode } : !location.point && grid ? { orgCode: grid.code } : {}),
          reporter: reporterOf(values.reporterName, values.reporterPhone),
        },
        photos.filter((p): p is File => typeof p !== 'string'),
      );
      if (result.sent) setDone({ created: result.answer.case, duplicates: result.answer.duplicates });
      else setQueued(true);
      form.resetFields();
    }, form);
  };

  if (queued) {
    return (
      <MobileShell title={t('case.m.reportTitle')} back="/m">
        <Card data-testid="report-queued">
          <Result
            status="info"
            title={t('case.m.queued')}
            subTitle={t('case.m.queuedHint')}
            extra={[
              <Button key="again" type="primary" onClick={() => setQueued(false)}>
                {t('case.m.another')}
              </Button>,
              <Button key="home" onClick={() => void navigate('/m')}>
                {t('case.m.backHome')}
              </Button>,
            ]}
          />
        </Card>
      </MobileShell>
    );
  }

  if (done) {
    return (
      <MobileShell title={t('case.m.reportTitle')} back="/m">
        <ReportDone done={done} onAgain={() => setDone(null)} />
      </MobileShell>
    );
  }

  return (
    <MobileShell title={t('case.m.reportTitle')} back="/m">
      <Form<ReportForm> form={form} layout="vertical" initialValues={{ urgency: 'normal' }} onFinish={(values) => void submit(values)} data-testid="report-form">
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="photos" label={t('case.m.photo')} style={{ marginBottom: 0 }}>
            <PhotoInput camera keepOffline label={t('case.m.takePhoto')} testId="report-photos" />
          </Form.Item>
        </Card>
        <Card size="small" style={{ marginBottom: 12 }}>
          <ReportWhatFields form={form} descriptionRows={3} testId="report" compact />
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
        <Button type="primary" htmlType="submit" size="large" block icon={<SendOutlined />} loading={saving.busy} data-testid="report-submit">
          {t('case.m.submit')}
        </Button>
      </Form>
    </MobileShell>
  );
}
