// The centre's appointments: a day's bookings with check-in (取号), new windows and slots.
import { Button, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Tag, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { appointmentStatuses } from '#server/modules/services/contract.ts';
import { EnumFilter, FilterBar } from '../../../platform/components/list-filters.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { centreApi, type Appointment } from '../centre-api.ts';

const time = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

interface SlotsForm {
  windowId: string;
  range: [dayjs.Dayjs, dayjs.Dayjs];
  hours: [dayjs.Dayjs, dayjs.Dayjs];
  slotMinutes: number;
  capacity: number;
}

export function AppointmentsPage() {
  const { t } = useI18n();
  const write = useWrite();
  const [opening, setOpening] = useState(false);
  const [adding, setAdding] = useState(false);
  const [slotsForm] = Form.useForm<SlotsForm>();
  const [windowForm] = Form.useForm<{ centreCode: string; name: string }>();
  const today = dayjs().format('YYYY-MM-DD');
  const list = useListPage({
    queryKey: ['services', 'appointments'],
    filters: (params) => ({ day: params.get('day') ?? today, status: params.get('status') ?? undefined }),
    load: (filters, paging, signal) => centreApi.appointments({ ...filters, ...paging }, signal),
  });
  const windows = useApiQuery(['services', 'windows'], (signal) => centreApi.windows(signal));
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('services.appt.title')}
      </Typography.Title>
      <FilterBar>
        <DatePicker allowClear={false} value={dayjs(list.filters.day)} onChange={(d) => d && list.update({ day: d.format('YYYY-MM-DD') })} aria-label={t('services.appt.day')} />
        <EnumFilter list={list} param="status" values={appointmentStatuses} placeholder={t('services.appt.status')} label={(s) => t(`services.appt.status.${s}`)} width={140} />
        <Button onClick={() => setOpening(true)}>{t('services.appt.openSlots')}</Button>
        <Button onClick={() => setAdding(true)}>{t('services.appt.newWindow')}</Button>
      </FilterBar>
      <ListTable<Appointment>
        list={list}
        data-testid="appointments-table"
        emptyText={t('services.appt.empty')}
        columns={[
          { key: 'time', title: t('services.appt.time'), render: (_, a) => `${time(a.startsAt)}–${time(a.endsAt)}` },
          { key: 'window', title: t('services.appt.window'), render: (_, a) => `${a.centreName} ${a.windowName}` },
          { key: 'number', title: t('services.appt.number'), dataIndex: 'number' },
          { key: 'applicant', title: t('services.appt.applicant'), dataIndex: 'applicantName' },
          { key: 'phone', title: t('services.appt.phone'), dataIndex: 'phone' },
          { key: 'status', title: t('services.appt.status'), render: (_, a) => <Tag color={a.status === 'no_show' ? 'red' : a.status === 'arrived' ? 'green' : undefined}>{t(`services.appt.status.${a.status}`)}</Tag> },
          { key: 'queue', title: t('services.appt.queue'), render: (_, a) => a.queueNumber ?? '' },
          {
            key: 'act',
            title: '',
            render: (_, a) =>
              a.status === 'booked' && (
                <Button size="small" onClick={() => void write.run(() => centreApi.checkIn(a.number), { success: t('services.appt.checkIn'), invalidates: ['services', 'appointments'] })}>
                  {t('services.appt.checkIn')}
                </Button>
              ),
          },
        ]}
      />
      <FormModal<SlotsForm>
        title={t('services.appt.openSlots')}
        open={opening}
        onClose={() => setOpening(false)}
        form={slotsForm}
        initialValues={{ slotMinutes: 30, capacity: 3 }}
        onSubmit={(v) =>
          write.run(
            () => centreApi.openSlots({ windowId: v.windowId, from: v.range[0].format('YYYY-MM-DD'), to: v.range[1].format('YYYY-MM-DD'), startTime: v.hours[0].format('HH:mm'), endTime: v.hours[1].format('HH:mm'), slotMinutes: v.slotMinutes, capacity: v.capacity }),
            { success: t('services.appt.openSlots'), invalidates: ['services'], form: slotsForm, then: () => setOpening(false) },
          )
        }
      >
        <Form.Item name="windowId" label={t('services.appt.window')} rules={[{ required: true }]}>
          <Select options={(windows.data ?? []).map((w) => ({ value: w.id, label: `${w.centreName} ${w.name}` }))} />
        </Form.Item>
        <Form.Item name="range" label={`${t('services.appt.from')} – ${t('services.appt.to')}`} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="hours" label={`${t('services.appt.startTime')} – ${t('services.appt.endTime')}`} rules={[{ required: true }]}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
        </Form.Item>
        <Space>
          <Form.Item name="slotMinutes" label={t('services.appt.slotMinutes')} rules={[{ required: true }]}>
            <InputNumber min={10} max={240} />
          </Form.Item>
          <Form.Item name="capacity" label={t('services.appt.capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} />
          </Form.Item>
        </Space>
      </FormModal>
      <FormModal<{ centreCode: string; name: string }>
        title={t('services.appt.newWindow')}
        open={adding}
        onClose={() => setAdding(false)}
        form={windowForm}
        onSubmit={(v) => write.run(() => centreApi.createWindow(v), { success: t('services.appt.newWindow'), invalidates: ['services', 'windows'], form: windowForm, then: () => setAdding(false) })}
      >
        <Form.Item name="centreCode" label={t('services.appt.centre')} rules={[{ required: true }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={t('services.appt.windowName')} rules={[{ required: true }]}>
          <Input maxLength={40} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
