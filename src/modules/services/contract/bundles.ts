// How a bundle (一件事) asks once: the items' form fields, each asked once, and their materials
// by key with the strictest rule kept. Pure, so the console's bundle editor previews the
// combined form exactly as the server builds it.
import type { FormField, MaterialSpec } from '../contract.ts';

const strictness = { required: 3, commitment: 2, deferrable: 1, optional: 0 } as const;

/** One form and one set of materials for several items. */
export function mergeForms(items: readonly { formFields: readonly FormField[]; materials: readonly MaterialSpec[] }[]): { formFields: FormField[]; materials: MaterialSpec[] } {
  const fields = new Map<string, FormField>();
  const materials = new Map<string, MaterialSpec>();
  for (const item of items) {
    for (const f of item.formFields) {
      const had = fields.get(f.key);
      fields.set(f.key, had ? { ...had, required: had.required || f.required } : f);
    }
    for (const m of item.materials) {
      const had = materials.get(m.key);
      materials.set(m.key, had && strictness[had.rule] >= strictness[m.rule] ? { ...had, count: Math.max(had.count, m.count) } : { ...m, count: Math.max(had?.count ?? 0, m.count) });
    }
  }
  return { formFields: [...fields.values()], materials: [...materials.values()] };
}
