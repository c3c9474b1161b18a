// /portal/volunteer: open activities and sign-up, registration, my hours with the star level and
// certificate, my points and the points mall. Residents sign in for their own part.
import { Button, Card, Col, Empty, Flex, Form, Input, List, Row, Select, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { availabilities, skills } from '#server/modules/community/contract.ts';
import { useAuth } from '../../../../platform/auth.tsx';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { formatDateTime } from '../../../../platform/components/labels.tsx';
import { PortalFrame } from '../../../../platform/components/portal-frame.tsx';
import { useI18n, useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useAction, useWrite } from '../../../../platform/use-write.ts';
import { communityApi, hours, type MyVolunteering } from '../api.ts';
import { StarTag } from './registers-page.tsx';

const firstPage = { page: 1, pageSize: 20 };

function RegisterForm() {
  const t = useT();
  const write = useWrite();
  const [form] = Form.useForm();
  return (
    <Card title={t('community.portal.register')}>
      <Typography.Paragraph type="secondary">{t('community.portal.registerHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ skills: [], availability: 'any' }} onFinish={(v) => void write.run(() => communityApi.registerSelf(v), { success: t('community.portal.registered'), invalidates: ['community'], form })}>
        <Form.Item name="name" label={t('community.volunteer.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="mobile" label={t('community.volunteer.mobile')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/ }]}><Input maxLength={11} inputMode="tel" /></Form.Item>
        <Form.Item name="skills" label={t('community.volunteer.skills')}><Select mode="multiple" options={skills.map((s) => ({ value: s, label: t(`community.volunteer.skill.${s}`) }))} /></Form.Item>
        <Form.Item name="availability" label={t('community.volunteer.availability')}><Select options={availabilities.map((a) => ({ value: a, label: t(`community.volunteer.availability.${a}`) }))} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={write.busy}>{t('community.portal.register')}</Button>
      </Form>
    </Card>
  );
}

function MyHours({ mine }: { mine: MyVolunteering }) {
  const t = useT();
  const action = useAction();
  const [issued, setIssued] = useState<{ code: string; number: string } | null>(null);
  const v = mine.volunteer!;
  return (
    <Card title={t('community.portal.mine')} data-testid="my-hours">
      <Row gutter={16}>
        <Col xs={12}><Statistic title={t('community.portal.myHours')} value={hours(v.totalMinutes)} suffix={t('community.portal.hoursUnit')} /></Col>
        <Col xs={12}>
          <Typography.Text type="secondary">{t('community.volunteer.star')}</Typography.Text>
          <div><StarTag volunteer={v} /></div>
          <Typography.Text type="secondary">{v.star.hoursToNext === null ? t('community.volunteer.top') : t('community.volunteer.toNext', { hours: v.star.hoursToNext })}</Typography.Text>
        </Col>
      </Row>
      <List
        size="small"
        locale={{ emptyText: t('community.record.empty') }}
        dataSource={mine.records}
        renderItem={(r) => <List.Item>{r.what} · {r.place} · {hours(r.minutes)} {t('community.portal.hoursUnit')} · {t('community.record.confirmedBy')} {r.confirmedBy}</List.Item>}
      />
      <Flex vertical gap={8}>
        <Button disabled={v.totalMinutes === 0} loading={action.busy} onClick={() => void action.run(async () => setIssued(await communityApi.certificate()))}>{t('community.portal.certificate')}</Button>
        {issued && (
          <Typography.Text data-testid="certificate-issued">
            {t('community.portal.certificateIssued', issued)} <Link to={`/portal/certificates/${issued.code}`}>{t('community.portal.verify')}</Link>
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

function Activities({ signedIn }: { signedIn: boolean }) {
  const t = useT();
  const { locale } = useI18n();
  const write = useWrite();
  const list = useApiQuery(['community', 'open-activities', signedIn], (signal) => (signedIn ? communityApi.openActivities(firstPage, signal) : communityApi.publicActivities(firstPage, signal)));
  return (
    <Card title={t('community.portal.activities')}>
      {list.isLoading && <Skeleton active />}
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <List
          data-testid="open-activities"
          locale={{ emptyText: <Empty description={t('community.activity.empty')} /> }}
          dataSource={list.data.items}
          renderItem={(a) => (
            <List.Item
              actions={signedIn ? [a.mine ? <Tag key="s" color="green">{t('community.portal.signedUp')}</Tag> : <Button key="s" type="primary" size="small" disabled={a.signedUp >= a.places} onClick={() => void write.run(() => communityApi.signUp(a.id), { success: t('community.portal.signedUpOk'), invalidates: ['community'] })}>{t('community.portal.signUp')}</Button>] : []}
            >
              <List.Item.Meta title={a.title} description={`${a.place} · ${formatDateTime(a.startsAt, locale)} · ${t('community.activity.signedUp')} ${a.signedUp}/${a.places}`} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function PointsAndMall() {
  const t = useT();
  const write = useWrite();
  const points = useApiQuery(['community', 'points', 'me'], (signal) => communityApi.myPoints(firstPage, signal));
  const mall = useApiQuery(['community', 'mall'], (signal) => communityApi.mall(firstPage, signal));
  return (
    <Card title={t('community.portal.mall')}>
      {points.data && (
        <Flex justify="space-between" align="end">
          <Statistic title={t('community.portal.balance')} value={points.data.balance} />
          <Link to="/portal/volunteer/transfer" data-testid="transfer-link">{t('community.portal.transferLink')}</Link>
        </Flex>
      )}
      {points.error && <ErrorAlert error={points.error} onRetry={() => void points.refetch()} />}
      {mall.isLoading && <Skeleton active />}
      {mall.error && <ErrorAlert error={mall.error} onRetry={() => void mall.refetch()} />}
      {mall.data && (
        <List
          size="small"
          locale={{ emptyText: t('community.portal.mallEmpty') }}
          dataSource={mall.data.items}
          renderItem={(item) => (
            <List.Item actions={[<Button key="r" size="small" disabled={(points.data?.balance ?? 0) < item.price} onClick={() => void write.run(() => communityApi.redeem(item.id), { success: t('community.portal.redeemed'), invalidates: ['community', 'points'] })}>{t('community.portal.redeem')}</Button>]}>
              <List.Item.Meta title={item.name} description={`${t('community.portal.price', { price: item.price })} · ${item.orgName}`} />
            </List.Item>
          )}
        />
      )}
      {points.data && (
        <List
          size="small"
          header={t('community.portal.points')}
          dataSource={points.data.entries.items}
          renderItem={(e) => <List.Item>{t(`community.portal.entry.${e.kind}`)} · {e.memo} · {e.points > 0 ? `+${e.points}` : e.points}</List.Item>}
        />
      )}
    </Card>
  );
}

export function VolunteerPortalPage() {
  const t = useT();
  const { me, can } = useAuth();
  const volunteer = can('community.volunteer');
  const mine = useApiQuery(['community', 'me', me?.id ?? ''], volunteer ? (signal) => communityApi.me(signal) : null);
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      <Typography.Title level={3}>{t('community.portal.title')}</Typography.Title>
      <Typography.Paragraph>{t('community.portal.intro')}</Typography.Paragraph>
      <Flex vertical gap={16}>
        {!me && <Link to="/login?next=/portal/volunteer">{t('community.portal.signIn')}</Link>}
        {volunteer && mine.isLoading && <Skeleton active />}
        {mine.error && <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />}
        {volunteer && mine.data && !mine.data.volunteer && <RegisterForm />}
        {mine.data?.volunteer && <MyHours mine={mine.data} />}
        <Activities signedIn={Boolean(mine.data?.volunteer)} />
        {mine.data?.volunteer && <PointsAndMall />}
      </Flex>
    </PortalFrame>
  );
}
