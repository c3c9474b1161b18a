// Announcing an occasion (a meeting or event the grid workers must attend, 六必到, or report on,
// 九必报) in every grid of a community; the deadline defaults to the rule's hours from now.
import { Form, Input, Select, DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { gridworkApi, type DutyRule } from '../api.ts';

interface OccasionForm {
  ruleId: string;
  under: string;
  title: string;
  dueAt?: Dayjs | null;
}

export function OccasionModal({ open, rules, onClose }: { open: boolean; rules: DutyRule[]; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<OccasionForm>();
  const write = useWrite();
  const scope = useScopeNodes();
  const choices = rules.filter((r) => r.active && r.kind !== 'visit');
  const save = (values: OccasionForm) =>
    write.run(
      () => gridworkApi.createOccasion({ ruleId: values.ruleId, under: values.under, title: values.title, dueAt: values.dueAt ? values.dueAt.toISOString() : undefined }),
      {
        success: t('gridwork.occasion.created'),
        invalidates: ['gridwork', 'duty-items'],
        form,
        then: () => {
          form.resetFields();
          onClose();
        },
      },
    );
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <FormModal<OccasionForm> keepMounted open={open} title={t('gridwork.occasion.title')} okText={t('gridwork.occasion.announce')} form={form} onClose={onClose} onSubmit={save} testId="occasion-form">
      <Form.Item name="ruleId" label={t('gridwork.occasion.rule')} rules={required(t('gridwork.occasion.rule'))}>
        <Select options={choices.map((r) => ({ value: r.id, label: `${t(`gridwork.dutyKind.${r.kind}`)} · ${r.name}` }))} placeholder={t('gridwork.occasion.ruleHint')} />
      </Form.Item>
      <Form.Item name="under" label={t('gridwork.occasion.under')} rules={required(t('gridwork.occasion.under'))}>
        <OrgNodeSelect levels={['community']} suggestions={scope.data?.suggestions.filter((n) => n.level === 'community')} placeholder={t('gridwork.attendance.community')} />
      </Form.Item>
      <Form.Item name="title" label={t('gridwork.occasion.name')} rules={required(t('gridwork.occasion.name'))}>
        <Input maxLength={100} placeholder={t('gridwork.occasion.nameHint')} />
      </Form.Item>
      <Form.Item name="dueAt" label={t('gridwork.occasion.dueAt')} extra={t('gridwork.occasion.dueAtHint')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
      </Form.Item>
    </FormModal>
  );
}
