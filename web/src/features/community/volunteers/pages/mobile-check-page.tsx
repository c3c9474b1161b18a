// /m/community/check/:id?code=…: what the organiser's QR code opens on a volunteer's phone —
// check in, then check out, with the code the organiser shows.
import { Button, Card, Flex, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { formatDateTime } from '../../../../platform/components/labels.tsx';
import { MobileHeader } from '../../../../platform/components/mobile-header.tsx';
import { useI18n, useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useWrite } from '../../../../platform/use-write.ts';
import { communityApi, hours } from '../api.ts';

export function MobileCheckPage() {
  const t = useT();
  const { locale } = useI18n();
  const write = useWrite();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ code: string }>();
  const activity = useApiQuery(['community', 'activities', id, 'mine'], (signal) => communityApi.activity(id, signal));
  const a = activity.data;
  const check = (direction: 'check-in' | 'check-out') =>
    void form.validateFields().then(({ code }) =>
      write.run(() => communityApi.check(id, direction, code), { success: t(direction === 'check-in' ? 'community.mobile.checkedIn' : 'community.activity.checkedOut'), invalidates: ['community'], form }),
    );
  return (
    <>
      <MobileHeader title={t('community.mobile.check')} back={{ to: '/m', label: t('common.backHome') }} />
      <Flex vertical gap={12} style={{ padding: 12 }}>
        {activity.isLoading && <Skeleton active />}
        {activity.error?.code === 'COMMUNITY_NOT_A_VOLUNTEER' && <Result status="info" title={t('community.mobile.notVolunteer')} />}
        {activity.error && activity.error.code !== 'COMMUNITY_NOT_A_VOLUNTEER' && <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />}
        {a && (
          <Card title={a.title} data-testid="mobile-check">
            <Typography.Paragraph>{a.place} · {formatDateTime(a.startsAt, locale)}</Typography.Paragraph>
            {a.mine?.checkedOutAt ? (
              <Result status="success" title={t('community.mobile.checkedOut', { hours: hours(a.mine.minutes ?? 0) })} data-testid="checked-out" />
            ) : (
              <Form form={form} layout="vertical" initialValues={{ code: params.get('code') ?? '' }}>
                <Form.Item name="code" label={t('community.mobile.code')} rules={[{ required: true, pattern: /^\d{6}$/ }]}><Input inputMode="numeric" maxLength={6} /></Form.Item>
                {a.mine?.checkedInAt && <Typography.Paragraph type="success" data-testid="checked-in">{t('community.mobile.checkedIn')} {formatDateTime(a.mine.checkedInAt, locale)}</Typography.Paragraph>}
                <Flex gap={8}>
                  <Button type="primary" size="large" block disabled={Boolean(a.mine?.checkedInAt)} loading={write.busy} onClick={() => check('check-in')}>{t('community.mobile.checkIn')}</Button>
                  <Button size="large" block disabled={!a.mine?.checkedInAt} loading={write.busy} onClick={() => check('check-out')}>{t('community.mobile.checkOut')}</Button>
                </Flex>
              </Form>
            )}
          </Card>
        )}
      </Flex>
    </>
  );
}
