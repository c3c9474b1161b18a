// The extra fields a category asks for (its attributes, e.g. 电梯困人 asks whether anyone is
// trapped): every report form shows them under the category, so a required one can be given.
import { Checkbox, Form, Input, InputNumber, Radio } from 'antd';
import type { CategoryAttribute, CreateCaseBody } from '#server/modules/cases/contract.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useCaseCategories } from './category-select.tsx';

type AttributeValues = Record<string, string | number | string[] | null | undefined>;

/** The attributes of a subclass, in their order (none for a class or an unknown code). */
export function useCategoryAttributes(code: string | undefined): CategoryAttribute[] {
  const tree = useCaseCategories();
  const sub = (tree.data ?? []).flatMap((c) => c.children ?? []).find((c) => c.code === code);
  return [...(sub?.attributes ?? [])].sort((a, b) => a.order - b.order);
}

/** The given attributes as the create request wants them: strings, blanks left out. */
export function attributesBody(values: AttributeValues | undefined): CreateCaseBody['attributes'] {
  const out: Record<string, string | string[]> = {};
  for (const [code, value] of Object.entries(values ?? {})) {
    if (Array.isArray(value)) {
      if (value.length > 0) out[code] = value;
    } else if (value !== undefined && value !== null && String(value).trim() !== '') {
      out[code] = String(value).trim();
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Fields named `attributes.<code>` for the category's attributes; nothing when it has none. */
export function CategoryAttributeFields({ categoryCode }: { categoryCode: string | undefined }) {
  const { t, locale } = useI18n();
  const attributes = useCategoryAttributes(categoryCode);
  // Descriptions are written "中文 / English": show the half in the reader's language.
  const labelOf = (a: CategoryAttribute) => {
    const [zh, en] = a.description.split(' / ');
    return (locale === 'en-US' ? en : zh) || a.description || a.code;
  };
  return attributes.map((a) => {
    const label = labelOf(a);
    const rules = a.required ? [{ required: true, message: t('common.required', { field: label }) }] : [];
    const options = (a.values ?? []).map((v) => ({ value: v.key, label: v.name }));
    const input =
      a.datatype === 'singlevaluelist' ? <Radio.Group options={options} />
      : a.datatype === 'multivaluelist' ? <Checkbox.Group options={options} />
      : a.datatype === 'number' ? <InputNumber style={{ width: '100%' }} />
      : a.datatype === 'text' ? <Input.TextArea rows={2} maxLength={1000} />
      : <Input maxLength={200} placeholder={a.datatype === 'datetime' ? 'YYYY-MM-DD HH:mm' : undefined} />;
    return (
      <Form.Item key={a.code} name={['attributes', a.code]} label={label} rules={rules}>
        {input}
      </Form.Item>
    );
  });
}
