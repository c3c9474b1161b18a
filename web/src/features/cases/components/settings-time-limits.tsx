import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Flex, Form, InputNumber, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { casesApi, type TimeLimit } from '../api.ts';
import { slaStages, workingTimeUnits, type SlaStage, type WorkingTimeUnit } from '#server/modules/cases/contract.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { CategoryCascader, useCategoryNames } from './category-select.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { SettingsTab } from './settings-tab.tsx';
import { QueryTable } from '../../../platform/components/list-table.tsx';

interface LimitForm {
  category?: string[];
  stage: SlaStage;
  amount: number;
  unit: WorkingTimeUnit;
  yellowAt: number;
  redAt: number;
}

/** 办理时限: the default limit of each stage, and the limits particular classes or subclasses have. */
export function CaseSettingsTimeLimits() {
  const { t } = useI18n();
  const limits = useApiQuery(['cases', 'timeLimits'], (signal) => casesApi.timeLimits(signal));
  const names = useCategoryNames();
  const [editing, setEditing] = useState<TimeLimit | 'new' | null>(null);
  const write = useWrite();
  const [form] = Form.useForm<LimitForm>();
  const rows = useMemo(
    () =>
      [...(limits.data ?? [])].sort(
        (a, b) => (a.categoryCode ?? '').localeCompare(b.categoryCode ?? '') || slaStages.indexOf(a.stage) - slaStages.indexOf(b.stage),
      ),
    [limits.data],
  );

  const pathOf = (code: string | null): string[] | undefined => {
    if (!code) return undefined;
    const parent = names.get(code)?.parent;
    return parent ? [parent, code] : [code];
  };

  const open = (limit: TimeLimit | 'new') => {
    setEditing(limit);
    form.setFieldsValue(
      limit === 'new'
        ? { category: undefined, stage: 'handle', amount: 3, unit: 'working_days', yellowAt: 0.8, redAt: 1 }
        : { category: pathOf(limit.categoryCode), stage: limit.stage, amount: limit.amount, unit: limit.unit, yellowAt: limit.yellowAt, redAt: limit.redAt },
    );
  };

  const save = (values: LimitForm) => {
    const categoryCode = editing !== 'new' && editing ? editing.categoryCode : (values.category?.at(-1) ?? null);
    const input = { categoryCode, stage: values.stage, limit: { unit: values.unit, amount: values.amount }, yellowAt: values.yellowAt, redAt: values.redAt };
    return write.run(() => casesApi.saveTimeLimit(input), { success: t('case.common.saved'), invalidates: ['cases', 'timeLimits'], form, then: () => setEditing(null) });
  };
  const remove = (limit: TimeLimit) =>
    write.run(() => casesApi.deleteTimeLimit(limit.id), { success: t('case.common.deleted'), invalidates: ['cases', 'timeLimits'] });

  const ratio = (value: number) => `${Math.round(value * 100)}%`;
  return (
    <SettingsTab
      intro={<Typography.Text type="secondary">{t('case.settings.limit.ratioHint')}</Typography.Text>}
      addLabel={t('case.settings.limit.add')}
      onAdd={() => open('new')}
    >
      <QueryTable<TimeLimit>
        query={limits}
        rows={rows}
        rowKey="id"
        size="small"
        pagination={false}
        data-testid="settings-time-limits"
        columns={[
          {
            title: t('case.settings.limit.category'),
            dataIndex: 'categoryCode',
            render: (code: string | null) =>
              code === null ? (
                <Tag color="blue">{t('case.settings.limit.default')}</Tag>
              ) : (
                <Space size={4}>
                  <span>{names.get(code)?.name ?? code}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {code}
                  </Typography.Text>
                </Space>
              ),
          },
          { title: t('case.settings.limit.stage'), dataIndex: 'stage', width: 90, render: (s: SlaStage) => t(`case.stage.${s}`) },
          { title: t('case.settings.limit.limit'), key: 'limit', width: 140, render: (_: unknown, l) => `${l.amount} ${t(`case.unit.${l.unit}`)}` },
          { title: t('case.settings.limit.yellowAt'), dataIndex: 'yellowAt', width: 100, render: (v: number) => <Tag color="gold">{ratio(v)}</Tag> },
          { title: t('case.settings.limit.redAt'), dataIndex: 'redAt', width: 100, render: (v: number) => <Tag color="red">{ratio(v)}</Tag> },
          { title: t('case.field.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string) => <DateTime value={v} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, l) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => open(l)}>
                  {t('case.common.edit')}
                </Button>
                {l.categoryCode !== null && (
                  <Popconfirm title={t('case.settings.limit.removeConfirm')} okButtonProps={{ danger: true }} onConfirm={() => remove(l)}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                      {t('case.common.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormModal<LimitForm> keepMounted open={editing !== null} title={t('case.settings.limit.editTitle')} form={form} onClose={() => setEditing(null)} onSubmit={save}>
        <Form.Item
          name="category"
          label={t('case.settings.limit.category')}
          rules={editing === 'new' ? [{ required: true, message: t('common.required', { field: t('case.settings.limit.category') }) }] : []}
        >
          <CategoryCascader disabled={editing !== 'new'} placeholder={t('case.settings.limit.default')} />
        </Form.Item>
        <Form.Item name="stage" label={t('case.settings.limit.stage')} rules={[{ required: true }]}>
          <Select<SlaStage> disabled={editing !== 'new'} options={slaStages.map((s) => ({ value: s, label: t(`case.stage.${s}`) }))} />
        </Form.Item>
        <Form.Item label={t('case.settings.limit.limit')} required>
          <Space.Compact>
            <Form.Item name="amount" noStyle rules={[{ required: true }]}>
              <InputNumber min={0.5} max={1000} step={1} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="unit" noStyle>
              <Select<WorkingTimeUnit> style={{ width: 130 }} options={workingTimeUnits.map((u) => ({ value: u, label: t(`case.unitName.${u}`) }))} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="yellowAt" label={t('case.settings.limit.yellowAt')} rules={[{ required: true }]}>
            <InputNumber min={0.05} max={1} step={0.05} />
          </Form.Item>
          <Form.Item name="redAt" label={t('case.settings.limit.redAt')} rules={[{ required: true }]}>
            <InputNumber min={0.05} max={2} step={0.05} />
          </Form.Item>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('case.settings.limit.ratioHint')}
        </Typography.Text>
      </FormModal>
    </SettingsTab>
  );
}
