// The services module's vocabulary and the zod schema of every request and response, shared
// with the web. services2's parts live in contract/<part>.ts, re-exported at the end.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/paging.ts';

// ---- Vocabulary ----

/** 行政许可 / 行政给付 / 行政确认 / 公共服务 / 其他. */
export const itemKinds = ['licence', 'benefit', 'confirmation', 'public_service', 'other'] as const;
export type ItemKind = (typeof itemKinds)[number];
/** The levels whose centres take an item in. */
export const acceptLevels = ['community', 'street', 'district'] as const;
export type AcceptLevel = (typeof acceptLevels)[number];
export const serviceChannels = ['counter', 'online', 'post'] as const;
export type ServiceChannel = (typeof serviceChannels)[number];
export const materialForms = ['original', 'copy', 'electronic'] as const;
/** required; 容缺 (may be supplied after acceptance); 告知承诺 (a written commitment replaces it); optional. */
export const materialRules = ['required', 'deferrable', 'commitment', 'optional'] as const;
export type MaterialRule = (typeof materialRules)[number];
export const formFieldTypes = ['text', 'textarea', 'number', 'date', 'select', 'phone'] as const;

export const applicationStatuses = [
  'submitted', // 已提交 (online) — waiting for the counter
  'received', // 收件
  'accepted', // 受理
  'not_accepted', // 不予受理
  'correction_requested', // 补正
  'under_review', // 审查中
  'approved', // 准予
  'refused', // 不予批准
  'delivered', // 送达
  'rated', // 已评价
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const applicationActions = ['receive', 'accept', 'not_accept', 'request_correction', 'supply_correction', 'start_review', 'approve', 'refuse', 'deliver'] as const;
export type ApplicationAction = (typeof applicationActions)[number];
/** Where an application stands against its promised deadline. */
export const deadlineStates = ['none', 'on_time', 'warning', 'overdue'] as const;
export type DeadlineState = (typeof deadlineStates)[number];

const itemCode = z.string().trim().regex(/^[A-Za-z0-9_-]{2,40}$/, '编码为 2–40 位字母、数字、-、_');
const admissionEntryCode = z.string().trim().regex(/^[A-Z0-9-]{2,30}$/, '清单事项编码为 2–30 位大写字母、数字或连字符');
const applicationNumber = z.string().trim().regex(/^[A-Z]{1,4}\d{8}-\d{5}$/, '办件编号如 SJ20261130-00001');
/** Mainland mobile number. */
export const mobilePattern = /^1[3-9]\d{9}$/;
const mobile = z.string().trim().regex(mobilePattern, '手机号应为 11 位数字');
const idNumberInput = z.string().trim().toUpperCase().regex(/^\d{17}[\dX]$/, '身份证号应为 18 位');

// ---- Catalogue ----

export const materialSpec = z.object({
  key: z.string().trim().regex(/^[a-z0-9_]{1,40}$/, '材料标识为小写字母、数字、_'),
  name: z.string().trim().min(1).max(80),
  form: z.enum(materialForms),
  count: z.number().int().min(1).max(20),
  rule: z.enum(materialRules),
  note: z.string().trim().max(200).default(''),
});
export type MaterialSpec = z.infer<typeof materialSpec>;

export const formField = z.object({
  key: z.string().trim().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '字段标识以字母开头'),
  label: z.string().trim().min(1).max(40),
  type: z.enum(formFieldTypes),
  required: z.boolean(),
  options: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
});
export type FormField = z.infer<typeof formField>;

/** What a version of an item says; a change makes a new version, applications keep theirs. */
export const itemContent = z
  .object({
    name: z.string().trim().min(2).max(80),
    kind: z.enum(itemKinds),
    /** The department that decides (org unit code), or none when the accepting centre decides. */
    departmentCode: z.string().trim().max(40).nullable(),
    acceptLevels: z.array(z.enum(acceptLevels)).min(1),
    statutoryDays: z.number().int().min(0).max(365),
    promisedDays: z.number().int().min(0).max(365),
    materials: z.array(materialSpec).max(40),
    fees: z.string().trim().max(100).default('不收费'),
    channels: z.array(z.enum(serviceChannels)).min(1),
    /** 全区通办: any centre of the district may take it in. */
    districtWide: z.boolean(),
    formFields: z.array(formField).max(40),
    guide: z.string().trim().max(2000).default(''),
    /** The admission-list entries (三个清单, 证明事项保留清单) the item is on, by code. */
    admissionEntries: z.array(admissionEntryCode).max(20).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.promisedDays > c.statutoryDays) ctx.addIssue({ code: 'custom', path: ['promisedDays'], message: '承诺时限不能长于法定时限' });
    const keys = c.materials.map((m) => m.key);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) ctx.addIssue({ code: 'custom', path: ['materials', i, 'key'], message: `材料标识 ${k} 重复` });
    });
    c.admissionEntries.forEach((k, i) => {
      if (c.admissionEntries.indexOf(k) !== i) ctx.addIssue({ code: 'custom', path: ['admissionEntries', i], message: `清单事项 ${k} 重复` });
    });
    const fields = c.formFields.map((f) => f.key);
    fields.forEach((k, i) => {
      if (fields.indexOf(k) !== i) ctx.addIssue({ code: 'custom', path: ['formFields', i, 'key'], message: `字段标识 ${k} 重复` });
    });
  });
export type ItemContent = z.infer<typeof itemContent>;

export const createItemBody = z.object({ code: itemCode }).and(itemContent);
/** A new version: the version read, and the whole content. */
export const updateItemBody = z.object({ version: z.number().int().min(1), active: z.boolean().optional() }).and(itemContent);

export const serviceItem = z.object({
  code: z.string(),
  version: z.number().int(),
  active: z.boolean(),
  name: z.string(),
  kind: z.enum(itemKinds),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  acceptLevels: z.array(z.enum(acceptLevels)),
  statutoryDays: z.number().int(),
  promisedDays: z.number().int(),
  materials: z.array(materialSpec),
  fees: z.string(),
  channels: z.array(z.enum(serviceChannels)),
  districtWide: z.boolean(),
  formFields: z.array(formField),
  guide: z.string(),
  admissionEntries: z.array(z.string()),
  updatedAt: z.date(),
});
export type ServiceItem = z.infer<typeof serviceItem>;
export const serviceItemPage = pageOf(serviceItem);

export const listItemsQuery = z.object({
  /** Name, code, pinyin or initials (低保 / dibao / db). */
  q: z.string().trim().max(50).optional(),
  kind: z.enum(itemKinds).optional(),
  level: z.enum(acceptLevels).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export const itemCodeParams = z.object({ code: itemCode });
export const itemVersionParams = z.object({ code: itemCode, version: z.coerce.number().int().min(1) });

export const importResult = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

// ---- Bundles (高效办成一件事) ----

export const bundleContent = z.object({
  name: z.string().trim().min(2).max(80),
  lifeEvent: z.string().trim().min(1).max(200),
  itemCodes: z.array(itemCode).min(2).max(20),
  active: z.boolean().default(true),
});
export const createBundleBody = z.object({ code: itemCode }).and(bundleContent);
/** A change names the version it read; VERSION_CONFLICT if someone changed it since. */
export const updateBundleBody = bundleContent.extend({ version: z.number().int().min(1) });
export type BundleContent = z.infer<typeof bundleContent>;
export const serviceBundle = z.object({
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  lifeEvent: z.string(),
  active: z.boolean(),
  items: z.array(z.object({ code: z.string(), name: z.string(), version: z.number().int() })),
  /** One form: the union of the items' fields, each asked once. */
  formFields: z.array(formField),
  /** One set of materials: the union of the items' materials by key, the strictest rule winning. */
  materials: z.array(materialSpec),
});
export type ServiceBundle = z.infer<typeof serviceBundle>;
export const bundleCodeParams = z.object({ code: itemCode });

// ---- Applications (办件) ----

/** The applicant as typed at the counter or online; a name or phone left out is taken from the registry when it holds the person. */
export const applicantInput = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  idNumber: idNumberInput,
  phone: mobile.optional(),
});

/** A material the applicant brings: uploaded files, a 容缺 deferral or a 告知承诺 commitment. */
export const materialInput = z.object({
  key: z.string().trim().min(1).max(40),
  fileIds: z.array(z.uuid()).max(20).default([]),
  deferred: z.boolean().default(false),
  committed: z.boolean().default(false),
});

export const applyBody = z.object({
  itemCode,
  /** The community the applicant lives in (the centre that takes it is found from it). */
  communityCode: z.string().trim().min(1).max(40),
  applicant: applicantInput,
  form: z.record(z.string(), z.union([z.string().max(500), z.number()])).default({}),
  materials: z.array(materialInput).max(40).default([]),
});
export type ApplyBody = z.infer<typeof applyBody>;

/** The counter's intake: as applying, taken in at the counter's own unit (received at once). */
export const counterIntakeBody = applyBody.extend({ unitCode: z.string().trim().min(1).max(40).optional() });

export const applyBundleBody = applyBody.omit({ itemCode: true }).extend({ bundleCode: itemCode, unitCode: z.string().trim().min(1).max(40).optional() });

export const actionBody = z.object({
  action: z.enum(applicationActions),
  /** Required for not_accept and refuse. */
  reason: z.string().trim().max(500).optional(),
  /** request_correction: every missing material, told all at once (一次性告知). */
  missing: z.array(z.string().trim().min(1).max(40)).max(40).optional(),
  note: z.string().trim().max(500).optional(),
  /** supply_correction (and deferred materials): the files supplied, by material key. */
  materials: z.array(materialInput).max(40).optional(),
  /** deliver: how the result went out. */
  deliveredBy: z.enum(['counter', 'post', 'online']).optional(),
});
export type ActionBody = z.infer<typeof actionBody>;

export const materialState = z.object({
  key: z.string(),
  name: z.string(),
  form: z.enum(materialForms),
  count: z.number().int(),
  rule: z.enum(materialRules),
  /** supplied (files), deferred (容缺, still owed), committed (告知承诺), missing, not_needed. */
  state: z.enum(['supplied', 'deferred', 'committed', 'missing', 'not_needed']),
  files: z.array(z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number().int() })),
});
export type MaterialState = z.infer<typeof materialState>;

export const timelineEntry = z.object({
  at: z.date(),
  status: z.enum(applicationStatuses),
  action: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

export const applicantView = z.object({
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  /** True only in a reveal's answer. */
  revealed: z.boolean(),
  /** Found in the registry (一次采集、全面共享). */
  residentId: z.string().nullable(),
});

export const application = z.object({
  number: z.string(),
  itemCode: z.string(),
  itemVersion: z.number().int(),
  itemName: z.string(),
  bundleNumber: z.string().nullable(),
  status: z.enum(applicationStatuses),
  channel: z.enum(serviceChannels),
  unitCode: z.string(),
  unitName: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  departmentCode: z.string().nullable(),
  applicant: applicantView,
  form: z.record(z.string(), z.union([z.string(), z.number()])),
  materials: z.array(materialState),
  correction: z.object({ missing: z.array(z.string()), note: z.string().nullable(), at: z.date() }).nullable(),
  reason: z.string().nullable(),
  submittedAt: z.date(),
  acceptedAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  deadline: z.enum(deadlineStates),
  finishedAt: z.date().nullable(),
  timeline: z.array(timelineEntry),
  allowedActions: z.array(z.enum(applicationActions)),
});
export type Application = z.infer<typeof application>;

export const applicationListItem = application.pick({
  number: true,
  itemCode: true,
  itemName: true,
  bundleNumber: true,
  status: true,
  channel: true,
  unitName: true,
  communityName: true,
  applicant: true,
  submittedAt: true,
  dueAt: true,
  deadline: true,
});
export type ApplicationListItem = z.infer<typeof applicationListItem>;
export const applicationPage = pageOf(applicationListItem);

export const listApplicationsQuery = z.object({
  status: z.enum(applicationStatuses).optional(),
  itemCode: itemCode.optional(),
  deadline: z.enum(deadlineStates).optional(),
  /** Number or applicant name. */
  q: z.string().trim().max(50).optional(),
  /** Only the signed-in resident's own applications. */
  mine: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export const applicationNumberParams = z.object({ number: applicationNumber });
export const revealBody = z.object({ reason: z.string().trim().min(2).max(200) });

export const materialUploaded = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number().int() });

/** The registry's answer to the counter's look-up by ID number (一次采集、全面共享). */
export const applicantLookupBody = z.object({ idNumber: idNumberInput });
export const applicantLookup = z.object({
  found: z.boolean(),
  residentId: z.string().nullable(),
  name: z.string().nullable(),
  /** Masked: the counter asks the applicant to confirm it. */
  phone: z.string().nullable(),
  hasPhone: z.boolean(),
  communityCode: z.string().nullable(),
  communityName: z.string().nullable(),
});

/** The counter's community picker: the streets of the counter's district, each with its communities; `search` holds the name's pinyin and initials. */
const pickerPlace = z.object({ code: z.string(), name: z.string(), search: z.string() });
export const counterStreets = z.array(pickerPlace.extend({ communities: z.array(pickerPlace) }));
export type CounterStreets = z.infer<typeof counterStreets>;

export const bundleApplication = z.object({
  number: z.string(),
  bundleCode: z.string(),
  bundleName: z.string(),
  /** Complete only when each item's application is finished. */
  complete: z.boolean(),
  applications: z.array(applicationListItem),
});

// ---- Public ----

export const publicItem = serviceItem.omit({ active: true, updatedAt: true });
export const publicItemPage = pageOf(publicItem);
export const publicItemsQuery = listItemsQuery.omit({ includeInactive: true });
export const trackQuery = z.object({ phone: mobile });
export const trackedApplication = z.object({
  number: z.string(),
  itemName: z.string(),
  status: z.enum(applicationStatuses),
  applicantName: z.string(),
  unitName: z.string(),
  submittedAt: z.date(),
  dueAt: z.date().nullable(),
  deadline: z.enum(deadlineStates),
  correction: z.object({ missing: z.array(z.string()), note: z.string().nullable() }).nullable(),
  reason: z.string().nullable(),
  timeline: z.array(timelineEntry.omit({ actorName: true })),
});
export type TrackedApplication = z.infer<typeof trackedApplication>;

// ---- services2's parts ----
export * from './contract/appointments.ts';
export * from './contract/ratings.ts';
export * from './contract/admission.ts';
export * from './contract/ledgers.ts';
export * from './contract/packages.ts';
export * from './contract/bundles.ts';
