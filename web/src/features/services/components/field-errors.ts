// The server's field errors on a form with nested lists: `body.materials.2.name` lands on the
// field ['materials', 2, 'name'] (the platform's reporter matches top-level fields only).
import type { FormInstance } from 'antd';
import type { ApiError } from '../../../platform/api-client.ts';

/** Sets the error's field messages on the form; false when none of them names a field of it. */
export function showFieldErrors(form: FormInstance, error: ApiError): boolean {
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = error.fields
    .map((f) => ({ name: f.field.replace(/^body\./, '').split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), errors: [f.message] }))
    .filter((f) => known.has(String(f.name[0])));
  if (fields.length === 0) return false;
  form.setFields(fields);
  return true;
}
