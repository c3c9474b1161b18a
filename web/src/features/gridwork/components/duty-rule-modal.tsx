// The add / edit dialog of a duty rule: what the rule asks depends on its kind (a visit rule
// names key-group kinds and a period, a report rule case categories and a time limit, an
// attend rule an optional default deadline), as the server's ruleProblems checks.
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { dutyKinds, type DutyKind } from '#server/modules/gridwork/contract.ts';
import { gridworkApi, type DutyRule } from '../api.ts';
import { codeOptions } from './format.ts';

interface RuleForm {
  kind: DutyKind;
  name: string;
  keyGroupKinds: string[];
  everyDays: number | null;
  categories: string[];
  hoursAllowed: number | null;
  active: boolean;
  sort: number;
}

const blank: RuleForm = { kind: 'visit', name: '', keyGroupKinds: [], everyDays: null, categories: [], hoursAllowed: null, active: true, sort: 0 };


/** `rule` null: closed; 'new': adding to `district`'s table; a rule: editing it. */
export function DutyRuleModal({ rule, district, onClose }: { rule: DutyRule | 'new' | null; district: string | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RuleForm>();
  const write = useWrite();
  const kind = Form.useWatch('kind', form) ?? (rule && rule !== 'new' ? rule.kind : 'visit');
  const open = rule !== null;
  const categories = useApiQuery(['gridwork', 'case-categories'], open ? (signal) => gridworkApi.caseCategories(signal) : null);
  const keyGroupKinds = useApiQuery(['gridwork', 'key-group-kinds'], open ? (signal) => gridworkApi.keyGroupKinds(signal) : null);

  useEffect(() => {
    if (!rule) return;
    form.resetFields();
    form.setFieldsValue(rule === 'new' ? blank : { ...rule });
  }, [rule, form]);

  const save = (values: RuleForm) => {
    const fields = {
      name: values.name,
      keyGroupKinds: values.keyGroupKinds ?? [],
      everyDays: values.everyDays ?? null,
      categories: values.categories ?? [],
      hoursAllowed: values.hoursAllowed ?? null,
      active: values.active,
      sort: values.sort ?? 0,
    };
    const call =
      rule === 'new' || rule === null
        ? () => gridworkApi.createDutyRule({ district: district ?? '', kind: values.kind, ...fields })
        : () => gridworkApi.updateDutyRule(rule.id, { ...fields, version: rule.version });
    return write.run(call, { success: t('gridwork.rules.saved'), invalidates: ['gridwork', 'duty-rules'], form, then: onClose });
  };
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];

  return (
    <FormModal<RuleForm> keepMounted open={open} title={t(rule === 'new' ? 'gridwork.rules.addTitle' : 'gridwork.rules.editTitle')} form={form} onClose={onClose} onSubmit={save} testId="duty-rule-form">
      <Form.Item name="kind" label={t('gridwork.rules.kind')} rules={required(t('gridwork.rules.kind'))}>
        <Select disabled={rule !== 'new'} options={dutyKinds.map((k) => ({ value: k, label: t(`gridwork.dutyKindLong.${k}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('gridwork.rules.name')} rules={required(t('gridwork.rules.name'))}>
        <Input maxLength={60} />
      </Form.Item>
      {kind === 'visit' && (
        <>
          <Form.Item name="keyGroupKinds" label={t('gridwork.rules.keyGroupKinds')} rules={required(t('gridwork.rules.keyGroupKinds'))} extra={keyGroupKinds.error ? t('gridwork.rules.typeCodes') : undefined}>
            <Select mode="tags" loading={keyGroupKinds.isFetching} options={codeOptions(keyGroupKinds.data)} placeholder={t('gridwork.rules.keyGroupKindsHint')} />
          </Form.Item>
          <Form.Item name="everyDays" label={t('gridwork.rules.everyDays')} rules={required(t('gridwork.rules.everyDays'))}>
            <InputNumber min={1} max={366} style={{ width: 160 }} suffix={t('gridwork.rules.days')} />
          </Form.Item>
        </>
      )}
      {kind === 'report' && (
        <Form.Item name="categories" label={t('gridwork.rules.categories')} rules={required(t('gridwork.rules.categories'))} extra={categories.error ? t('gridwork.rules.typeCodes') : undefined}>
          <Select mode="tags" loading={categories.isFetching} options={codeOptions(categories.data)} optionFilterProp="label" placeholder={t('gridwork.rules.categoriesHint')} />
        </Form.Item>
      )}
      {kind !== 'visit' && (
        <Form.Item
          name="hoursAllowed"
          label={t(kind === 'report' ? 'gridwork.rules.hoursAllowed' : 'gridwork.rules.attendHours')}
          rules={kind === 'report' ? required(t('gridwork.rules.hoursAllowed')) : []}
        >
          <InputNumber min={1} max={720} style={{ width: 160 }} suffix={t('gridwork.rules.hours')} />
        </Form.Item>
      )}
      <Form.Item name="sort" label={t('gridwork.rules.sort')}>
        <InputNumber min={0} max={999} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="active" label={t('gridwork.rules.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
