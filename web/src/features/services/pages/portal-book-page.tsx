// /portal/services/book: book a slot at a centre with name and phone (no account), and cancel
// a booking by its number and phone. Phone-sized first: slots wrap as buttons.
import { CalendarOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Form, Input, Result, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useAction } from '../../../platform/use-write.ts';
import { CentrePortalFrame } from '../components/centre-portal-frame.tsx';
import { centreApi, type Appointment, type Slot } from '../centre-api.ts';

const clock = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit' });

export function PortalBookPage() {
  const { t } = useI18n();
  const [centre, setCentre] = useState<string | undefined>();
  const [slot, setSlot] = useState<Slot | null>(null);
  const [booked, setBooked] = useState<Appointment | null>(null);
  const [cancelled, setCancelled] = useState<Appointment | null>(null);
  const [form] = Form.useForm<{ name: string; phone: string }>();
  const [cancelForm] = Form.useForm<{ number: string; phone: string }>();
  const action = useAction();
  const centres = useApiQuery(['services', 'appointment-centres'], (signal) => centreApi.appointmentCentres(signal));
  const slots = useApiQuery(['services', 'slots', centre], centre ? (signal) => centreApi.slots(centre, signal) : null);
  const phoneRule = { pattern: /^1[3-9]\d{9}$/, message: t('services.book.phone') };
  return (
    <CentrePortalFrame icon={<CalendarOutlined />} title={t('services.book.title')} intro={t('services.book.intro')}>
      <Flex vertical gap={16}>
        {booked ? (
          <Card>
            <Result
              status="success"
              title={t('services.book.done')}
              subTitle={<span data-testid="booking-number">{t('services.book.doneDetail', { number: booked.number, time: clock(booked.startsAt), centre: booked.centreName, window: booked.windowName })}</span>}
              extra={<Button onClick={() => { setBooked(null); setSlot(null); void slots.refetch(); }}>{t('services.book.title')}</Button>}
            />
          </Card>
        ) : (
          <Card>
            <Flex vertical gap={12}>
              {centres.error && <Alert type="error" showIcon title={centres.error.message} />}
              <Select
                showSearch
                optionFilterProp="label"
                loading={centres.isLoading}
                value={centre}
                onChange={(v) => { setCentre(v); setSlot(null); }}
                placeholder={t('services.book.centre')}
                aria-label={t('services.book.centre')}
                options={(centres.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
                style={{ width: '100%' }}
                data-testid="book-centre"
              />
              {centre && slots.isLoading && <Skeleton active />}
              {slots.error && <Alert type="error" showIcon title={slots.error.message} />}
              {centre && slots.data && slots.data.length === 0 && <Empty description={t('services.book.noSlots')} />}
              <Flex wrap gap={8} role="list" aria-label={t('services.book.chooseSlot')}>
                {(slots.data ?? []).map((s) => {
                  const free = s.capacity - s.booked;
                  return (
                    <Button key={s.id} role="listitem" type={slot?.id === s.id ? 'primary' : 'default'} disabled={free <= 0} onClick={() => setSlot(s)} data-testid="book-slot">
                      {`${clock(s.startsAt)} ${s.windowName} · ${free > 0 ? t('services.book.free', { n: free }) : t('services.book.full')}`}
                    </Button>
                  );
                })}
              </Flex>
              {slot && (
                <Form
                  form={form}
                  layout="vertical"
                  data-testid="book-form"
                  onFinish={(values) => void action.run(async () => setBooked(await centreApi.book({ slotId: slot.id, ...values })), form)}
                >
                  <Typography.Text strong>{`${clock(slot.startsAt)} ${slot.centreName} ${slot.windowName}`}</Typography.Text>
                  <Form.Item name="name" label={t('services.book.name')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={40} autoComplete="name" data-testid="book-name" />
                  </Form.Item>
                  <Form.Item name="phone" label={t('services.book.phone')} rules={[{ required: true }, phoneRule]}>
                    <Input maxLength={11} inputMode="tel" autoComplete="tel" data-testid="book-phone" />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={action.busy} block data-testid="book-submit">
                    {t('services.book.submit')}
                  </Button>
                </Form>
              )}
            </Flex>
          </Card>
        )}
        <Card title={t('services.book.cancelTitle')}>
          {cancelled && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={`${t('services.book.cancelled')}：${cancelled.number}`} />}
          <Form form={cancelForm} layout="vertical" onFinish={(v) => void action.run(async () => { setCancelled(await centreApi.cancelBooking(v.number.trim().toUpperCase(), v.phone)); cancelForm.resetFields(); }, cancelForm)}>
            <Form.Item name="number" label={t('services.book.number')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="phone" label={t('services.book.phone')} rules={[{ required: true }, phoneRule]}>
              <Input maxLength={11} inputMode="tel" />
            </Form.Item>
            <Button htmlType="submit" loading={action.busy}>
              {t('services.book.cancel')}
            </Button>
          </Form>
        </Card>
      </Flex>
    </CentrePortalFrame>
  );
}
