// /console/community/activities (list, publish), /console/community/activities/:id (the organiser's
// QR code and sign-ups with confirmation) and /console/community/service-records (amendments, ledger).
import { DownloadOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, QRCode, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { formatDateTime } from '../../../../platform/components/labels.tsx';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { downloadFile } from '../../../../platform/download.ts';
import { useI18n, useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useAction, useWrite } from '../../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../../org/index.ts';
import { TitleBar } from '../../projects/components/labels.tsx';
import { communityApi, hours, type Activity, type ServiceRecord } from '../api.ts';

interface ActivityForm {
  orgCode: string;
  title: string;
  place: string;
  description?: string;
  time: [{ toISOString: () => string }, { toISOString: () => string }];
  places: number;
}

export function ActivitiesPage() {
  const t = useT();
  const { locale } = useI18n();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<ActivityForm>();
  const list = useListPage({ queryKey: ['community', 'activities'], filters: () => ({}), load: (_f, paging, signal) => communityApi.activities(paging, signal) });
  return (
    <Flex vertical gap={12}>
      <TitleBar title={t('community.activity.title')}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('community.activity.publish')}</Button>
      </TitleBar>
      <ListTable<Activity>
        list={list}
        size="small"
        emptyText={t('community.activity.empty')}
        columns={[
          { key: 'title', title: t('community.activity.name'), render: (_, a) => <Link to={`/console/community/activities/${a.id}`}>{a.title}</Link> },
          { key: 'place', title: t('community.activity.place'), dataIndex: 'place' },
          { key: 'time', title: t('community.activity.time'), width: 200, render: (_, a) => formatDateTime(a.startsAt, locale) },
          { key: 'org', title: t('community.orgUnit'), dataIndex: 'orgName', width: 140 },
          { key: 'places', title: t('community.activity.signedUp'), width: 100, render: (_, a) => `${a.signedUp} / ${a.places}` },
          { key: 'status', title: '', width: 90, render: (_, a) => <Tag color={a.status === 'open' ? 'green' : 'default'}>{t(`community.activity.status.${a.status}`)}</Tag> },
        ]}
      />
      <FormModal<ActivityForm>
        title={t('community.activity.publish')}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        initialValues={{ places: 20 }}
        onSubmit={(v) =>
          write.run(() => communityApi.createActivity({ orgCode: v.orgCode, title: v.title, place: v.place, description: v.description ?? '', places: v.places, startsAt: v.time[0].toISOString(), endsAt: v.time[1].toISOString() }), {
            success: t('community.activity.created'), invalidates: ['community', 'activities'], form, then: () => setAdding(false),
          })}
      >
        <Form.Item name="title" label={t('community.activity.name')} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="orgCode" label={t('community.orgUnit')} rules={[{ required: true }]}><OrgNodeSelect levels={['street', 'community']} /></Form.Item>
        <Form.Item name="place" label={t('community.activity.place')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="time" label={t('community.activity.time')} rules={[{ required: true }]}><DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="places" label={t('community.activity.places')} rules={[{ required: true }]}><InputNumber min={1} max={10000} /></Form.Item>
        <Form.Item name="description" label={t('community.activity.description')}><Input.TextArea maxLength={2000} rows={3} /></Form.Item>
      </FormModal>
    </Flex>
  );
}

export function ActivityPage() {
  const t = useT();
  const { locale } = useI18n();
  const write = useWrite();
  const action = useAction();
  const { id = '' } = useParams();
  const [code, setCode] = useState<{ code: string; url: string } | null>(null);
  const activity = useApiQuery(['community', 'activities', id], (signal) => communityApi.activity(id, signal));
  const attendees = useApiQuery(['community', 'activities', id, 'attendees'], (signal) => communityApi.attendees(id, signal));
  const a = activity.data;
  const confirm = (volunteerId: string, direction: 'check-in' | 'check-out') =>
    write.run(() => communityApi.confirm(id, volunteerId, direction), { success: t(direction === 'check-in' ? 'community.activity.checkedIn' : 'community.activity.checkedOut'), invalidates: ['community', 'activities'] });
  return (
    <Flex vertical gap={12}>
      <Link to="/console/community/activities">{t('community.activity.back')}</Link>
      {activity.isLoading && <Skeleton active />}
      {activity.error && <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />}
      {a && (
        <Card title={a.title} extra={<Tag color={a.status === 'open' ? 'green' : 'default'}>{t(`community.activity.status.${a.status}`)}</Tag>}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('community.activity.place')}>{a.place}</Descriptions.Item>
            <Descriptions.Item label={t('community.activity.time')}>{formatDateTime(a.startsAt, locale)} – {formatDateTime(a.endsAt, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('community.activity.signedUp')}>{a.signedUp} / {a.places}</Descriptions.Item>
            <Descriptions.Item label={t('community.orgUnit')}>{a.orgName}</Descriptions.Item>
          </Descriptions>
          {a.status === 'open' && (
            <Flex gap={8} style={{ marginTop: 12 }}>
              <Button type="primary" icon={<QrcodeOutlined />} loading={action.busy} onClick={() => void action.run(async () => setCode(await communityApi.checkCode(id)))}>{t('community.activity.showQr')}</Button>
              <Button danger onClick={() => void write.run(() => communityApi.closeActivity(id), { success: t('community.activity.status.closed'), invalidates: ['community', 'activities'] })}>{t('community.activity.close')}</Button>
            </Flex>
          )}
          {code && (
            <Flex vertical align="center" gap={8} style={{ marginTop: 16 }} data-testid="check-qr">
              <Typography.Text strong>{t('community.activity.qr')}</Typography.Text>
              {/* The picture repeats the code and link printed under it, so screen readers skip it. */}
              <div aria-hidden="true">
                <QRCode value={`${window.location.origin}${code.url}`} size={200} />
              </div>
              <Typography.Text>{t('community.activity.code')}：<Typography.Text code data-testid="check-code">{code.code}</Typography.Text></Typography.Text>
              <Typography.Link href={code.url} data-testid="check-url">{code.url}</Typography.Link>
              <Typography.Text type="secondary">{t('community.activity.qrHint', { minutes: 15 })}</Typography.Text>
            </Flex>
          )}
        </Card>
      )}
      <Card title={t('community.activity.attendees')}>
        {attendees.error && <ErrorAlert error={attendees.error} onRetry={() => void attendees.refetch()} />}
        <Table
          size="small"
          rowKey="volunteerId"
          loading={attendees.isLoading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('community.activity.attendeesEmpty') }}
          dataSource={attendees.data?.items ?? []}
          columns={[
            { key: 'name', title: t('community.volunteer.name'), dataIndex: 'name' },
            { key: 'mobile', title: t('community.volunteer.mobile'), dataIndex: 'mobile' },
            { key: 'in', title: t('community.activity.checkedIn'), render: (_, x) => (x.checkedInAt ? formatDateTime(x.checkedInAt, locale) : <Button size="small" onClick={() => void confirm(x.volunteerId, 'check-in')}>{t('community.activity.confirmIn')}</Button>) },
            { key: 'out', title: t('community.activity.checkedOut'), render: (_, x) => (x.checkedOutAt ? formatDateTime(x.checkedOutAt, locale) : x.checkedInAt ? <Button size="small" onClick={() => void confirm(x.volunteerId, 'check-out')}>{t('community.activity.confirmOut')}</Button> : '') },
          ]}
        />
      </Card>
    </Flex>
  );
}

export function RecordsPage() {
  const t = useT();
  const { locale } = useI18n();
  const write = useWrite();
  const [amending, setAmending] = useState<ServiceRecord | null>(null);
  const [form] = Form.useForm<{ minutes: number; reason: string }>();
  const list = useListPage({ queryKey: ['community', 'records'], filters: () => ({}), load: (_f, paging, signal) => communityApi.records(paging, signal) });
  return (
    <Flex vertical gap={12}>
      <TitleBar title={t('community.record.title')}>
        <Button icon={<DownloadOutlined />} onClick={() => downloadFile(communityApi.recordsUrl())}>{t('community.export')}</Button>
      </TitleBar>
      <ListTable<ServiceRecord>
        list={list}
        size="small"
        emptyText={t('community.record.empty')}
        columns={[
          { key: 'volunteer', title: t('community.record.volunteer'), dataIndex: 'volunteerName', width: 110 },
          { key: 'what', title: t('community.record.what'), dataIndex: 'what' },
          { key: 'place', title: t('community.activity.place'), dataIndex: 'place' },
          { key: 'when', title: t('community.record.when'), width: 180, render: (_, r) => formatDateTime(r.startedAt, locale) },
          { key: 'hours', title: t('community.record.hours'), width: 130, render: (_, r) => <>{hours(r.minutes)} {r.amendments.length > 0 && <Tag color="orange">{t('community.record.amended')}</Tag>}</> },
          { key: 'by', title: t('community.record.confirmedBy'), dataIndex: 'confirmedBy', width: 110 },
          { key: 'amend', title: '', width: 80, render: (_, r) => <Button size="small" onClick={() => { form.setFieldsValue({ minutes: r.minutes, reason: '' }); setAmending(r); }}>{t('community.record.amend')}</Button> },
        ]}
      />
      <FormModal<{ minutes: number; reason: string }>
        title={t('community.record.amendTitle')}
        open={amending !== null}
        onClose={() => setAmending(null)}
        form={form}
        onSubmit={(v) => write.run(() => communityApi.amend(amending!.id, v), { success: t('community.record.amendedOk'), invalidates: ['community', 'records'], form, then: () => setAmending(null) })}
      >
        <Form.Item name="minutes" label={t('community.record.minutes')} rules={[{ required: true }]}><InputNumber min={0} max={1440} /></Form.Item>
        <Form.Item name="reason" label={t('community.record.reason')} rules={[{ required: true, min: 2 }]}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </FormModal>
    </Flex>
  );
}
