// An item's online form, drawn from its fields (data, not code).
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { FormField } from '#server/modules/services/contract.ts';

export function ItemFormFields({ fields }: { fields: FormField[] }) {
  return (
    <>
      {fields.map((f) => (
        <Form.Item key={f.key} name={['form', f.key]} label={f.label} rules={f.required ? [{ required: true }] : []}>
          {f.type === 'textarea' ? (
            <Input.TextArea rows={2} maxLength={500} />
          ) : f.type === 'number' ? (
            <InputNumber style={{ width: '100%' }} />
          ) : f.type === 'date' ? (
            <DatePicker style={{ width: '100%' }} />
          ) : f.type === 'select' ? (
            <Select options={f.options.map((o) => ({ value: o, label: o }))} />
          ) : (
            <Input maxLength={100} />
          )}
        </Form.Item>
      ))}
    </>
  );
}

/** The form's values as the API takes them (dates as YYYY-MM-DD). */
export function formValues(values: Record<string, unknown> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'object' && 'format' in v && typeof (v as { format: unknown }).format === 'function') out[k] = (v as { format: (f: string) => string }).format('YYYY-MM-DD');
    else if (typeof v === 'number' || typeof v === 'string') out[k] = v;
  }
  return out;
}
