// /portal/services/track: follow an application by its number and phone, no account needed.
// With ?kiosk=1 it is the self-service kiosk's page: large type, big buttons, no header links.
import { FileSearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { toApiError, type ApiError } from '../../../platform/api-client.ts';
import { DateTime } from '../../../platform/components/labels.tsx';
import { PortalFrame } from '../../../platform/components/portal-frame.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { servicesApi, type TrackedApplication } from '../api.ts';
import { actionLabel, DeadlineTag, StatusTag } from '../components/labels.tsx';

export function PortalServiceTrackPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const kiosk = params.get('kiosk') === '1';
  const [tracked, setTracked] = useState<TrackedApplication | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const size = kiosk ? 'large' : 'middle';
  const onFinish = async (values: { number: string; phone: string }) => {
    setBusy(true);
    setError(null);
    try {
      setTracked(await servicesApi.track(values.number.trim().toUpperCase(), values.phone.trim()));
    } catch (e) {
      setTracked(null);
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PortalFrame linkHome={!kiosk} loginLabel={t('portal.staffLogin')}>
      <div style={kiosk ? { fontSize: 22 } : undefined} data-testid={kiosk ? 'kiosk' : undefined}>
        <Card>
          <Typography.Title level={kiosk ? 1 : 3}>{t('services.portal.trackTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('services.portal.trackHint')}</Typography.Paragraph>
          <Form layout="vertical" size={size} onFinish={(v) => void onFinish(v)} initialValues={{ number: params.get('number') ?? '' }}>
            <Form.Item name="number" label={t('services.field.number')} rules={[{ required: true }]}>
              <Input maxLength={20} autoFocus />
            </Form.Item>
            <Form.Item name="phone" label={t('services.field.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/ }]}>
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<FileSearchOutlined />} loading={busy} size={size} block={kiosk}>
              {t('services.portal.track')}
            </Button>
          </Form>
        </Card>
        {error && <Alert style={{ marginTop: 16 }} type="error" showIcon message={error.status === 404 ? t('services.portal.trackFailed') : error.message} />}
        {tracked && (
          <Card style={{ marginTop: 16 }} data-testid="tracked-application">
            <Typography.Title level={kiosk ? 2 : 4}>
              {tracked.itemName} <StatusTag status={tracked.status} /> <DeadlineTag deadline={tracked.deadline} />
            </Typography.Title>
            <Descriptions
              column={1}
              size={kiosk ? 'default' : 'small'}
              items={[
                { key: 'n', label: t('services.field.number'), children: tracked.number },
                { key: 'a', label: t('services.field.applicant'), children: tracked.applicantName },
                { key: 'u', label: t('services.field.unit'), children: tracked.unitName },
                { key: 's', label: t('services.field.submittedAt'), children: <DateTime value={tracked.submittedAt} /> },
                ...(tracked.dueAt ? [{ key: 'd', label: t('services.field.dueAt'), children: <DateTime value={tracked.dueAt} /> }] : []),
                ...(tracked.reason ? [{ key: 'r', label: t('services.field.reason'), children: tracked.reason }] : []),
              ]}
            />
            {tracked.correction && (
              <Alert type="warning" showIcon message={t('services.field.correction')} description={`${tracked.correction.missing.join('、')}${tracked.correction.note ? `：${tracked.correction.note}` : ''}`} style={{ marginBottom: 16 }} />
            )}
            <Typography.Title level={5}>{t('services.field.timeline')}</Typography.Title>
            <Timeline items={tracked.timeline.map((e, i) => ({ key: i, content: <span>{actionLabel(t, e.action)} · <DateTime value={e.at} />{e.note ? ` · ${e.note}` : ''}</span> }))} />
          </Card>
        )}
      </div>
    </PortalFrame>
  );
}
