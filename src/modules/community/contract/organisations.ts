// Social organisations (社会组织): the registered kinds and the community organisations filed
// with the street (备案), their fields, the communities they serve, incubation, annual inspection
// and their own staff accounts.
import { z } from 'zod';
import { pageQuery, pageOf } from '../../../platform/paging.ts';
import { creditCodeProblem } from './credit-code.ts';
import { idParam, isoDate, nameText, orgCode } from './common.ts';

// HTTP (all under /api/community):
//   GET  /organisations?under&kind&incubation&q            paged register
//   POST /organisations                                     register or file one
//   GET  /organisations/:id   PATCH /organisations/:id      one; edit with the version read
//   POST /organisations/:id/inspections                     an annual inspection result
//   GET  /organisations/:id/staff  POST …/staff  DELETE …/staff/:userId   its staff accounts
//   GET  /organisations/mine                                 the organisations I am staff of
//   GET  /organisations.xlsx                                 the register as a ledger

/** 社会团体, 社会服务机构 (民办非企业单位), 基金会: registered with a credit code; 社区社会组织: filed with the street. */
export const organisationKinds = ['social_group', 'social_service_agency', 'foundation', 'community_filed'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const serviceFields = ['elderly', 'children', 'disability', 'assistance', 'governance', 'culture', 'health', 'environment', 'mediation', 'other'] as const;
export const incubationStatuses = ['none', 'incubating', 'graduated'] as const;
/** 正常, 注销 (deregistered by itself), 撤销 (revoked by the authority). */
export const organisationStatuses = ['active', 'deregistered', 'revoked'] as const;
/** 合格, 基本合格, 不合格 (年检 / 年度检查). */
export const inspectionResults = ['qualified', 'basically_qualified', 'unqualified'] as const;

const creditCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((code, ctx) => {
    const found = creditCodeProblem(code);
    if (!found) return;
    const what = {
      length: '应为 18 位 / must be 18 characters',
      character: '含有 GB 32100 不允许的字符 / has a character outside GB 32100',
      check: `校验位错误，第 18 位应为 ${found.expected} / the check character should be ${found.expected}`,
    }[found.problem];
    ctx.addIssue({ code: 'custom', message: `统一社会信用代码${what}` });
  });

const organisationFields = {
  name: z.string().trim().min(2).max(100),
  registrationAuthority: z.string().trim().max(100).nullable().optional(),
  fields: z.array(z.enum(serviceFields)).min(1).max(serviceFields.length),
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: z.string().trim().max(30).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  staffCount: z.number().int().min(0).max(100_000).default(0),
  /** Codes of the communities it serves. */
  servedCommunities: z.array(orgCode).max(200).default([]),
  incubation: z.enum(incubationStatuses).default('none'),
};

export const createOrganisationBody = z
  .object({
    kind: z.enum(organisationKinds),
    /** Where it is registered or filed: the street (or community) whose register keeps it. */
    orgCode,
    creditCode: creditCode.nullable().optional(),
    filedOn: isoDate.nullable().optional(),
    ...organisationFields,
  })
  .superRefine((o, ctx) => {
    if (o.kind !== 'community_filed' && !o.creditCode) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '登记的社会组织须填写统一社会信用代码 / a registered organisation needs its credit code' });
    if (o.kind !== 'community_filed' && !o.registrationAuthority) ctx.addIssue({ code: 'custom', path: ['registrationAuthority'], message: '请填写登记管理机关 / name the registration authority' });
  });
export type CreateOrganisationBody = z.infer<typeof createOrganisationBody>;

/** An edit: the registration data too (a changed credit code is checked as on registration), and the status. */
export const updateOrganisationBody = z
  .object({ version: z.number().int().min(1), ...organisationFields, creditCode, filedOn: isoDate.nullable(), status: z.enum(organisationStatuses) })
  .partial()
  .required({ version: true });
export type UpdateOrganisationBody = z.infer<typeof updateOrganisationBody>;

export const inspectionBody = z.object({
  year: z.number().int().min(2000).max(2100),
  result: z.enum(inspectionResults),
  note: z.string().trim().max(500).nullable().optional(),
});
export type InspectionBody = z.infer<typeof inspectionBody>;

export const inspectionView = z.object({ year: z.number().int(), result: z.enum(inspectionResults), note: z.string().nullable(), recordedBy: z.string() });

export const organisationView = z.object({
  id: z.uuid(),
  kind: z.enum(organisationKinds),
  name: z.string(),
  creditCode: z.string().nullable(),
  registrationAuthority: z.string().nullable(),
  filedOn: z.string().nullable(),
  orgPath: z.string(),
  orgName: z.string(),
  fields: z.array(z.enum(serviceFields)),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  staffCount: z.number().int(),
  servedCommunities: z.array(z.object({ code: z.string(), name: z.string() })),
  incubation: z.enum(incubationStatuses),
  inspections: z.array(inspectionView),
  status: z.enum(organisationStatuses),
  version: z.number().int(),
});
export type OrganisationView = z.infer<typeof organisationView>;
export const organisationPage = pageOf(organisationView);

export const organisationListQuery = z.object({
  under: orgCode.optional(),
  kind: z.enum(organisationKinds).optional(),
  incubation: z.enum(incubationStatuses).optional(),
  status: z.enum(organisationStatuses).optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});
export type OrganisationListQuery = z.infer<typeof organisationListQuery>;

export const addStaffBody = z.object({ username: nameText });
export const staffParams = idParam.extend({ userId: z.uuid() });
export const staffView = z.object({ userId: z.uuid(), username: z.string(), displayName: z.string() });
export const staffList = z.object({ items: z.array(staffView) });
export const myOrganisations = z.object({ items: z.array(organisationView) });
