// Key groups (重点人群 / 特殊人群): the built-in kinds as data, each with the fields it
// records (validated by zod), whether it is sensitive (needs registry.sensitive), and how
// often its members are visited. Staff may add kinds with simple field definitions.
// Pure: no I/O.
import { z } from 'zod';
import { builtInKindCodes, customFieldDefinition, disabilityCategories, type BuiltInKindCode, type CustomFieldDefinition, type DisabilityCategory } from '../contract.ts';
import { addDays, ageOn } from '../vocabulary.ts';

export { builtInKindCodes, customFieldDefinition, disabilityCategories, type BuiltInKindCode, type CustomFieldDefinition };

const text = (max = 100) => z.string().trim().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const disabilityCategoryLabels: Record<DisabilityCategory, string> = {
  visual: '视力残疾', hearing: '听力残疾', speech: '言语残疾', physical: '肢体残疾', intellectual: '智力残疾', mental: '精神残疾', multiple: '多重残疾',
};

export const builtInKinds = {
  elderly_alone: {
    name: '独居老人',
    sensitive: false,
    visitEveryDays: 7,
    minAge: 60,
    fields: z.object({
      healthStatus: z.enum(['good', 'fair', 'poor', 'bedridden']).optional(),
      emergencyContact: text(50).optional(),
      needsDailyCare: z.boolean().optional(),
    }).strict(),
  },
  disabled: {
    name: '残疾人',
    sensitive: false,
    visitEveryDays: 30,
    fields: z.object({
      category: z.enum(disabilityCategories),
      grade: z.number().int().min(1).max(4),
      certificateNo: text(30).optional(),
    }).strict(),
  },
  low_income: {
    name: '低保/特困',
    sensitive: false,
    visitEveryDays: 30,
    fields: z.object({
      scheme: z.enum(['dibao', 'tekun', 'marginal']),
      certificateNo: text(30).optional(),
      monthlyAmount: z.number().min(0).max(100_000).optional(),
    }).strict(),
  },
  veteran: {
    name: '退役军人/优抚对象',
    sensitive: false,
    visitEveryDays: 90,
    fields: z.object({
      category: z.enum(['veteran', 'disabled_veteran', 'martyr_family', 'military_family', 'other_entitled']),
      serviceUnit: text(100).optional(),
    }).strict(),
  },
  left_behind_child: {
    name: '留守儿童',
    sensitive: false,
    visitEveryDays: 30,
    maxAge: 15,
    fields: z.object({
      guardianName: text(30).optional(),
      guardianRelation: text(20).optional(),
      parentsWorkPlace: text(100).optional(),
      school: text(100).optional(),
    }).strict(),
  },
  community_correction: {
    name: '社区矫正对象',
    sensitive: true,
    visitEveryDays: 7,
    fields: z
      .object({
        correctionType: z.enum(['probation', 'parole', 'temporary_execution', 'control']),
        startDate: isoDate,
        endDate: isoDate,
        supervisingOffice: text(100).optional(),
      })
      .strict()
      .refine((f) => f.endDate >= f.startDate, { message: '矫正期满日期不能早于开始日期', path: ['endDate'] }),
  },
  severe_mental_disorder: {
    name: '严重精神障碍患者',
    sensitive: true,
    visitEveryDays: 30,
    fields: z.object({
      riskLevel: z.number().int().min(0).max(5),
      guardianName: text(30).optional(),
    }).strict(),
  },
} as const satisfies Record<BuiltInKindCode, BuiltInKind>;

interface BuiltInKind {
  name: string;
  sensitive: boolean;
  visitEveryDays: number | null;
  minAge?: number;
  maxAge?: number;
  fields: z.ZodType<Record<string, unknown>>;
}


/** What the services know about a kind, built-in or custom. */
export interface KindInfo {
  code: string;
  name: string;
  sensitive: boolean;
  visitEveryDays: number | null;
  builtIn: boolean;
  /** For custom kinds: the node it applies under. */
  orgPath: string;
  minAge?: number | undefined;
  maxAge?: number | undefined;
  fields: z.ZodType<Record<string, unknown>>;
  fieldDefinitions?: CustomFieldDefinition[] | undefined;
}

/** The built-in kinds as KindInfo. */
export function builtInKindInfos(): KindInfo[] {
  return builtInKindCodes.map((code) => {
    const k: BuiltInKind = builtInKinds[code];
    return { code, name: k.name, sensitive: k.sensitive, visitEveryDays: k.visitEveryDays, builtIn: true, orgPath: '', minAge: k.minAge, maxAge: k.maxAge, fields: k.fields };
  });
}

/** Builds the zod schema of a custom kind's fields from its definitions. */
export function schemaOfCustomFields(definitions: CustomFieldDefinition[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const d of definitions) {
    let field: z.ZodType;
    switch (d.type) {
      case 'text': field = text(500); break;
      case 'number': field = z.number(); break;
      case 'date': field = isoDate; break;
      case 'boolean': field = z.boolean(); break;
      case 'choice': field = z.enum((d.options?.length ? d.options : ['']) as [string, ...string[]]); break;
    }
    shape[d.key] = d.required ? field : field.optional();
  }
  return z.object(shape).strict();
}

export interface KindProblem {
  field: string;
  message: string;
}

/**
 * Checks that a person may belong to a kind and that the fields are right for it.
 * Returns the fields as stored, or the problems (in Chinese, for the form and the import report).
 */
export function checkMembership(
  kind: KindInfo,
  person: { birthDate: string },
  fields: unknown,
  today: string,
): { ok: true; fields: Record<string, unknown> } | { ok: false; problems: KindProblem[] } {
  const problems: KindProblem[] = [];
  const age = ageOn(person.birthDate, today);
  if (kind.minAge !== undefined && age < kind.minAge) problems.push({ field: 'kind', message: `${kind.name}须年满${kind.minAge}周岁（现${age}岁）` });
  if (kind.maxAge !== undefined && age > kind.maxAge) problems.push({ field: 'kind', message: `${kind.name}须不满${kind.maxAge + 1}周岁（现${age}岁）` });
  const parsed = kind.fields.safeParse(fields ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ field: ['fields', ...issue.path.map(String)].join('.'), message: issue.message });
    }
  }
  return problems.length || !parsed.success ? { ok: false, problems } : { ok: true, fields: parsed.data };
}

/** When the next visit is due: the interval after the last visit, or after joining. */
export function nextVisitDue(visitEveryDays: number | null, lastVisitedOn: string | null, since: string): string | null {
  if (!visitEveryDays) return null;
  return addDays(lastVisitedOn ?? since, visitEveryDays);
}

// What a ledger's 重点人群 cell may say, and the kind and fields it stands for.
const ledgerWords: Record<string, { kind: BuiltInKindCode; fields?: Record<string, unknown> }> = {
  独居老人: { kind: 'elderly_alone' },
  空巢独居老人: { kind: 'elderly_alone' },
  独居: { kind: 'elderly_alone' },
  残疾人: { kind: 'disabled' },
  残疾: { kind: 'disabled' },
  低保: { kind: 'low_income', fields: { scheme: 'dibao' } },
  低保户: { kind: 'low_income', fields: { scheme: 'dibao' } },
  特困: { kind: 'low_income', fields: { scheme: 'tekun' } },
  特困供养: { kind: 'low_income', fields: { scheme: 'tekun' } },
  低保边缘: { kind: 'low_income', fields: { scheme: 'marginal' } },
  退役军人: { kind: 'veteran', fields: { category: 'veteran' } },
  优抚对象: { kind: 'veteran', fields: { category: 'other_entitled' } },
  优抚: { kind: 'veteran', fields: { category: 'other_entitled' } },
  伤残军人: { kind: 'veteran', fields: { category: 'disabled_veteran' } },
  烈属: { kind: 'veteran', fields: { category: 'martyr_family' } },
  军属: { kind: 'veteran', fields: { category: 'military_family' } },
  留守儿童: { kind: 'left_behind_child' },
  社区矫正对象: { kind: 'community_correction' },
  社区矫正: { kind: 'community_correction' },
  严重精神障碍患者: { kind: 'severe_mental_disorder' },
};

const gradeWords: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const categoryWords: Record<string, DisabilityCategory> = {
  视力: 'visual', 听力: 'hearing', 言语: 'speech', 肢体: 'physical', 智力: 'intellectual', 精神: 'mental', 多重: 'multiple',
};

/** Reads a disability grade as ledgers write it: 二级, 2, 2级. */
export function parseDisabilityGrade(raw: string): number | undefined {
  const m = /^([一二三四1-4])级?$/.exec(raw.normalize('NFKC').trim());
  return m ? gradeWords[m[1] as string] : undefined;
}

/** Reads a disability category: 肢体, 肢体残疾. */
export function parseDisabilityCategory(raw: string): DisabilityCategory | undefined {
  const t = raw.normalize('NFKC').trim().replace(/残疾$/, '');
  return Object.hasOwn(categoryWords, t) ? categoryWords[t] : (disabilityCategories as readonly string[]).includes(t) ? (t as DisabilityCategory) : undefined;
}

/**
 * Splits a ledger's 重点人群 cell ("独居老人、低保") into kinds with their implied fields.
 * Unknown words come back in `unknown`.
 */
export function parseKeyGroupCell(raw: string): { kinds: { kind: BuiltInKindCode; fields: Record<string, unknown> }[]; unknown: string[] } {
  const kinds: { kind: BuiltInKindCode; fields: Record<string, unknown> }[] = [];
  const unknown: string[] = [];
  for (const word of raw.normalize('NFKC').split(/[、,;；/|\s]+/).filter(Boolean)) {
    const found = ledgerWords[word] ?? (Object.hasOwn(builtInKinds, word) ? { kind: word as BuiltInKindCode } : undefined);
    if (!found) unknown.push(word);
    else if (!kinds.some((k) => k.kind === found.kind)) kinds.push({ kind: found.kind, fields: { ...found.fields } });
  }
  return { kinds, unknown };
}
