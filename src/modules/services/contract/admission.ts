// The work-item admission lists (三个清单 and 证明事项保留清单), the tasks departments push to
// communities against them, and the certificates communities issue from held data.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/paging.ts';

/** 依法履职事项, 协助政府事项, 负面清单 (may not be pushed down), 证明事项保留清单. */
export const admissionLists = ['statutory', 'assisting', 'negative', 'certificate'] as const;
export type AdmissionList = (typeof admissionLists)[number];
/** Lists a task may name: the negative list refuses, the certificate list is not for tasks. */
export const taskLists = ['statutory', 'assisting'] as const satisfies readonly AdmissionList[];

export const taskStatuses = ['assigned', 'under_review', 'refused'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** Certificates the platform generates from the data a community holds. */
export const certificateKinds = ['residence'] as const;
export type CertificateKind = (typeof certificateKinds)[number];

const code = z.string().trim().min(1).max(40);

export const admissionEntryView = z.object({
  id: z.string(),
  list: z.enum(admissionLists),
  code: z.string(),
  title: z.string(),
  basis: z.string(),
  departmentName: z.string(),
  certificateKind: z.enum(certificateKinds).nullable(),
  districtCode: z.string(),
  active: z.boolean(),
});
export type AdmissionEntryView = z.infer<typeof admissionEntryView>;

export const admissionEntryBody = z
  .object({
    list: z.enum(admissionLists),
    code: z.string().trim().regex(/^[A-Z0-9-]{2,30}$/, '编码为 2–30 位大写字母、数字或连字符 / 2–30 capitals, digits or hyphens'),
    title: z.string().trim().min(2).max(100),
    basis: z.string().trim().max(300).default(''),
    departmentName: z.string().trim().max(60).default(''),
    certificateKind: z.enum(certificateKinds).optional(),
    districtCode: code,
  })
  .strict();
export type AdmissionEntryBody = z.infer<typeof admissionEntryBody>;

export const admissionEntryQuery = z.object({
  ...pageQuery,
  list: z.enum(admissionLists).optional(),
  q: z.string().trim().min(1).max(50).optional(),
  district: code.optional(),
});
export type AdmissionEntryQuery = z.infer<typeof admissionEntryQuery>;
export const admissionEntryPage = pageOf(admissionEntryView);

export const reportField = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/), label: z.string().trim().min(1).max(40), kind: z.enum(['text', 'number', 'date']) });
export type ReportField = z.infer<typeof reportField>;

export const createTaskBody = z
  .object({
    /** The department pushing the task (one the asker works in). */
    departmentCode: code,
    /** A community, or a street for all its communities. */
    targetCode: code,
    title: z.string().trim().min(2).max(100),
    description: z.string().trim().max(2000).default(''),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD / a day as YYYY-MM-DD'),
    reportFields: z.array(reportField).max(20).default([]),
    /** The admission list entry the task carries out. */
    entryCode: code.optional(),
    /** Without an entry: why the street should admit it (the task then waits for its review). */
    reviewReason: z.string().trim().min(4).max(500).optional(),
  })
  .strict();
export type CreateTaskBody = z.infer<typeof createTaskBody>;

export const taskView = z.object({
  id: z.string(),
  number: z.string(),
  departmentCode: z.string(),
  departmentName: z.string(),
  targetCode: z.string(),
  targetName: z.string(),
  title: z.string(),
  description: z.string(),
  deadline: z.string(),
  reportFields: z.array(reportField),
  entry: admissionEntryView.pick({ code: true, title: true, list: true }).nullable(),
  status: z.enum(taskStatuses),
  reviewReason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.date().nullable(),
  decidedBy: z.string().nullable(),
  createdAt: z.date(),
});
export type TaskView = z.infer<typeof taskView>;

export const taskListQuery = z.object({ ...pageQuery, status: z.enum(taskStatuses).optional(), under: code.optional() });
export type TaskListQuery = z.infer<typeof taskListQuery>;
export const taskPage = pageOf(taskView);

export const reviewTaskBody = z.object({ decision: z.enum(['admit', 'refuse']), note: z.string().trim().min(2).max(500) }).strict();
export type ReviewTaskBody = z.infer<typeof reviewTaskBody>;

/** Published: tasks each department pushed in a year, by outcome. */
export const taskCountsQuery = z.object({ district: code, year: z.coerce.number().int().min(2000).max(2100).optional() });
export const taskCounts = z.object({
  year: z.number().int(),
  rows: z.array(z.object({ departmentCode: z.string(), departmentName: z.string(), assigned: z.number().int(), underReview: z.number().int(), refused: z.number().int() })),
});
export type TaskCounts = z.infer<typeof taskCounts>;

export const issueCertificateBody = z
  .object({ entryCode: code, communityCode: code, residentId: z.uuid(), purpose: z.string().trim().min(2).max(100) })
  .strict();
export type IssueCertificateBody = z.infer<typeof issueCertificateBody>;

export const communityCertificateView = z.object({
  id: z.string(),
  number: z.string(),
  code: z.string(),
  title: z.string(),
  communityCode: z.string(),
  holder: z.string(),
  purpose: z.string(),
  issuedBy: z.string(),
  createdAt: z.date(),
});
export type CommunityCertificateView = z.infer<typeof communityCertificateView>;
export const certificateListQuery = z.object({ ...pageQuery, under: code.optional() });
export type CertificateListQuery = z.infer<typeof certificateListQuery>;
export const communityCertificatePage = pageOf(communityCertificateView);

/** Residents of a community a certificate can be issued for (masked names, the address held). */
export const certifiableQuery = z.object({ community: code });
export const certifiableResidents = z.array(z.object({ residentId: z.string(), name: z.string(), address: z.string() }));
