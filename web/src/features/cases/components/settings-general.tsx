import { MinusCircleOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, InputNumber, Skeleton, Space, Switch, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { casesApi } from '../api.ts';
import type { CaseSettings } from '../../../../../src/modules/cases/contract.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';

/** 09:00 → today at 09:00 (without dayjs's parsing plugin). */
function clock(text: string): Dayjs {
  const [hour, minute] = text.split(':').map(Number);
  return dayjs().hour(hour ?? 0).minute(minute ?? 0).second(0).millisecond(0);
}

type GeneralForm = Omit<CaseSettings, 'workingHours' | 'numberPrefixes'> & { workingHours: [Dayjs, Dayjs][] };

/** 其他参数: reopen and extension limits, duplicate suggestion, automatic supervision, working hours. */
export function CaseSettingsGeneral() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const settings = useApiQuery(['cases', 'settings'], (signal) => casesApi.settings(signal));
  const [form] = Form.useForm<GeneralForm>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    const { numberPrefixes: _prefixes, workingHours, ...rest } = settings.data;
    form.setFieldsValue({ ...rest, workingHours: workingHours.map(([a, b]) => [clock(a), clock(b)]) });
  }, [settings.data, form]);

  const save = async (values: GeneralForm) => {
    setSaving(true);
    try {
      const { workingHours, ...rest } = values;
      await casesApi.updateSettings({ ...rest, workingHours: workingHours.map(([a, b]) => [a.format('HH:mm'), b.format('HH:mm')]) });
      void message.success(t('case.common.saved'));
      void invalidate(['cases', 'settings']);
    } catch (error) {
      reportError(error, form);
    } finally {
      setSaving(false);
    }
  };

  if (settings.error) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Skeleton active />;
  return (
    <Form<GeneralForm> form={form} layout="horizontal" labelCol={{ span: 9 }} wrapperCol={{ span: 15 }} style={{ maxWidth: 720 }} onFinish={(values) => void save(values)}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="maxReopens" label={t('case.settings.general.maxReopens')}>
          <InputNumber min={0} max={10} precision={0} />
        </Form.Item>
        <Form.Item name="reopenOnUnsatisfied" label={t('case.settings.general.reopenOnUnsatisfied')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="maxExtensions" label={t('case.settings.general.maxExtensions')}>
          <InputNumber min={0} max={10} precision={0} />
        </Form.Item>
        <Form.Item name="duplicateRadiusMetres" label={t('case.settings.general.duplicateRadius')}>
          <InputNumber min={10} max={5000} precision={0} />
        </Form.Item>
        <Form.Item name="duplicateDays" label={t('case.settings.general.duplicateDays')}>
          <InputNumber min={1} max={365} precision={0} />
        </Form.Item>
        <Form.Item name="autoSupervise" label={t('case.settings.general.autoSupervise')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="redSupervisionAfterWorkingDays" label={t('case.settings.general.redAfter')}>
          <InputNumber min={0} max={30} precision={0} />
        </Form.Item>
        <Form.Item label={t('case.settings.general.workingHours')} extra={t('case.settings.general.workingHoursHint')}>
          <Form.List name="workingHours">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Space key={field.key}>
                    <Form.Item name={field.name} noStyle rules={[{ required: true }]}>
                      <TimePicker.RangePicker format="HH:mm" minuteStep={15} allowClear={false} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                  </Space>
                ))}
                {fields.length < 4 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add([clock('14:00'), clock('17:00')])} style={{ width: 200 }}>
                    {t('case.common.add')}
                  </Button>
                )}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      </Card>
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
