import { MinusCircleOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, InputNumber, Skeleton, Space, Switch, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { casesApi } from '../api.ts';
import { caseSettings, type CaseSettings } from '#server/modules/cases/contract.ts';
import { useI18n, type MessageKey } from '../../../platform/i18n/index.tsx';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';

/** 09:00 → today at 09:00 (without dayjs's parsing plugin). */
function clock(text: string): Dayjs {
  const [hour, minute] = text.split(':').map(Number);
  return dayjs().hour(hour ?? 0).minute(minute ?? 0).second(0).millisecond(0);
}

type GeneralForm = Omit<CaseSettings, 'workingHours' | 'numberPrefixes'> & { workingHours: [Dayjs, Dayjs][] };

type NumberSetting = 'maxReopens' | 'maxExtensions' | 'duplicateRadiusMetres' | 'duplicateDays' | 'redSupervisionAfterWorkingDays';
type SettingField = { kind: 'number'; name: NumberSetting; label: MessageKey } | { kind: 'switch'; name: 'reopenOnUnsatisfied' | 'autoSupervise'; label: MessageKey };

// The plain settings in the order the form shows them (the number inputs take their bounds from the contract).
const settingFields: SettingField[] = [
  { kind: 'number', name: 'maxReopens', label: 'case.settings.general.maxReopens' },
  { kind: 'switch', name: 'reopenOnUnsatisfied', label: 'case.settings.general.reopenOnUnsatisfied' },
  { kind: 'number', name: 'maxExtensions', label: 'case.settings.general.maxExtensions' },
  { kind: 'number', name: 'duplicateRadiusMetres', label: 'case.settings.general.duplicateRadius' },
  { kind: 'number', name: 'duplicateDays', label: 'case.settings.general.duplicateDays' },
  { kind: 'switch', name: 'autoSupervise', label: 'case.settings.general.autoSupervise' },
  { kind: 'number', name: 'redSupervisionAfterWorkingDays', label: 'case.settings.general.redAfter' },
];

function boundsOf(name: NumberSetting): { min?: number; max?: number } {
  const schema = caseSettings.shape[name];
  return { min: schema.minValue ?? undefined, max: schema.maxValue ?? undefined };
}

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
        {settingFields.map((field) =>
          field.kind === 'switch' ? (
            <Form.Item key={field.name} name={field.name} label={t(field.label)} valuePropName="checked">
              <Switch />
            </Form.Item>
          ) : (
            <Form.Item key={field.name} name={field.name} label={t(field.label)}>
              <InputNumber {...boundsOf(field.name)} precision={0} />
            </Form.Item>
          ),
        )}
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
