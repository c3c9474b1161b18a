// What the three report forms share (/m for grid workers, /portal for residents, the hotline
// console): the rules of their fields, the "what happened" fields, and the request they build.
import { Form, Input, type FormInstance } from 'antd';
import type { CreateCaseBody } from '#server/modules/cases/contract.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { attributesBody, CategoryAttributeFields } from './attribute-fields.tsx';
import { CategoryCascader, useCaseCategories } from './category-select.tsx';

/** The fields of a report form that become the case's text and evidence. */
export interface ReportText {
  title?: string;
  description?: string;
  address?: string;
  photos?: string[];
  attributes?: Parameters<typeof attributesBody>[0];
}

/** The create request's common part: text trimmed, an empty address or no photos left out. */
export function reportBody(values: ReportText, categoryCode: string): Pick<CreateCaseBody, 'title' | 'description' | 'categoryCode' | 'address' | 'attachmentIds' | 'attributes'> {
  return {
    title: (values.title ?? '').trim(),
    description: (values.description ?? '').trim(),
    categoryCode,
    address: values.address?.trim() || undefined,
    attachmentIds: values.photos?.length ? values.photos : undefined,
    attributes: attributesBody(values.attributes),
  };
}

/** A phone number as typed, without its spaces; undefined when empty. */
export function cleanPhone(phone: string | undefined): string | undefined {
  return phone?.replace(/\s+/g, '') || undefined;
}

/** The person a staff member reports for (a caller, a resident met on patrol), when named at all. */
export function reporterOf(name: string | undefined, phone: string | undefined): CreateCaseBody['reporter'] {
  const cleaned = { phone: cleanPhone(phone), name: name?.trim() || undefined };
  return cleaned.phone || cleaned.name ? cleaned : undefined;
}

/** The rules of required fields, with the message naming the field. */
export function useRequiredRules() {
  const { t } = useI18n();
  return {
    /** A choice that must be made. */
    choice: (field: string) => ({ required: true, message: t('common.required', { field }) }),
    /** Text that must be more than blanks. */
    text: (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) }),
  };
}

interface ReportWhatFieldsProps {
  form: FormInstance;
  descriptionRows: number;
  /** Prefix of the fields' test ids (`report` → report-category, report-title, report-description). */
  testId?: string;
  /** In a small card: no margin under the last field. */
  compact?: boolean;
}

/** What happened: the subclass (filling an empty title with its name), a title and a description. */
export function ReportWhatFields({ form, descriptionRows, testId, compact = false }: ReportWhatFieldsProps) {
  const { t } = useI18n();
  const rules = useRequiredRules();
  const tree = useCaseCategories();
  const onCategory = (path: string[] | undefined) => {
    const sub = (tree.data ?? []).flatMap((c) => c.children ?? []).find((c) => c.code === path?.[1]);
    if (sub && !form.getFieldValue('title')) form.setFieldValue('title', sub.name);
  };
  const id = (field: string) => (testId ? `${testId}-${field}` : undefined);
  const category = Form.useWatch<string[] | undefined>('category', form);
  return (
    <>
      <Form.Item name="category" label={t('case.field.category')} rules={[rules.choice(t('case.field.category'))]}>
        <CategoryCascader leafOnly size="large" onChange={onCategory} placeholder={t('case.field.category')} testId={id('category')} />
      </Form.Item>
      <CategoryAttributeFields categoryCode={category?.[1]} />
      <Form.Item name="title" label={t('case.field.title')} rules={[rules.text(t('case.field.title'))]}>
        <Input size="large" maxLength={100} data-testid={id('title')} />
      </Form.Item>
      <Form.Item name="description" label={t('case.field.description')} rules={[rules.text(t('case.field.description'))]} style={compact ? { marginBottom: 0 } : undefined}>
        <Input.TextArea rows={descriptionRows} maxLength={4000} showCount data-testid={id('description')} />
      </Form.Item>
    </>
  );
}
