// Social workers (社会工作者): professional level, certificate, employer, caseload linked to the
// registry's residents (names shown as the registry allows, never an identifier), service records;
// and the tiers view (社工 / 助工 / 义工) across the registers.
import { z } from 'zod';
import { pageQuery, pageOf } from '../../../platform/paging.ts';
import { idParam, isoDate, nameText, orgCode } from './common.ts';

// HTTP (all under /api/community):
//   GET  /workers?under&level&q   POST /workers   GET/PATCH /workers/:id
//   GET  /workers/:id/caseload?state&page  GET /workers/:id/caseload.xlsx  POST /workers/:id/caseload   POST /workers/:id/caseload/:caseId/close
//   GET  /workers/:id/services    POST /workers/:id/services
//   GET  /tiers?under                                  社工 / 助工 / 义工 counts per community

/** 助理社会工作师, 社会工作师, 高级社会工作师; 未取证 for 助工 (assistants without the qualification). */
export const workerLevels = ['assistant_social_worker', 'social_worker', 'senior_social_worker', 'uncertified'] as const;
export type WorkerLevel = (typeof workerLevels)[number];

/** Qingshan's tiers: 社工 (qualified), 助工 (assistants), 义工 (volunteers). */
export const workerTiers = ['social_worker', 'assistant', 'volunteer'] as const;
export type WorkerTier = (typeof workerTiers)[number];

/** The tier of a social worker by level. */
export function tierOfLevel(level: WorkerLevel): WorkerTier {
  return level === 'uncertified' ? 'assistant' : 'social_worker';
}

const workerFields = {
  name: nameText,
  level: z.enum(workerLevels),
  certificateNumber: z.string().trim().max(50).nullable().optional(),
  certifiedOn: isoDate.nullable().optional(),
  /** The organisation employing them, when it is on the register; else employerName. */
  employerId: z.uuid().nullable().optional(),
  employerName: z.string().trim().max(100).nullable().optional(),
};

export const createWorkerBody = z
  .object({ orgCode, ...workerFields })
  .superRefine((w, ctx) => {
    if (w.level !== 'uncertified' && !w.certificateNumber) ctx.addIssue({ code: 'custom', path: ['certificateNumber'], message: '持证社工须填写证书编号 / a qualified social worker needs the certificate number' });
    if (w.level !== 'uncertified' && !w.certifiedOn) ctx.addIssue({ code: 'custom', path: ['certifiedOn'], message: '请填写取证日期 / give the date of the certificate' });
  });
export type CreateWorkerBody = z.infer<typeof createWorkerBody>;

export const updateWorkerBody = z.object({ version: z.number().int().min(1), ...workerFields }).partial().required({ version: true });
export type UpdateWorkerBody = z.infer<typeof updateWorkerBody>;

export const workerView = z.object({
  id: z.uuid(),
  name: z.string(),
  level: z.enum(workerLevels),
  certificateNumber: z.string().nullable(),
  certifiedOn: z.string().nullable(),
  employerId: z.uuid().nullable(),
  employerName: z.string().nullable(),
  orgPath: z.string(),
  orgName: z.string(),
  openCases: z.number().int(),
  serviceMinutes: z.number().int(),
  version: z.number().int(),
});
export type WorkerView = z.infer<typeof workerView>;
export const workerPage = pageOf(workerView);
export const workerListQuery = z.object({ under: orgCode.optional(), level: z.enum(workerLevels).optional(), q: z.string().trim().max(50).optional(), ...pageQuery });
export type WorkerListQuery = z.infer<typeof workerListQuery>;

export const addCaseBody = z.object({ residentId: z.uuid(), reason: z.string().trim().min(1).max(200), openedOn: isoDate });
export type AddCaseBody = z.infer<typeof addCaseBody>;
export const closeCaseBody = z.object({ closedOn: isoDate, outcome: z.string().trim().min(1).max(500) });
export const caseParams = idParam.extend({ caseId: z.uuid() });

export const caseloadView = z.object({
  id: z.uuid(),
  residentId: z.uuid(),
  /** The resident's name in clear for holders of registry.read on their community, else masked. */
  residentName: z.string(),
  reason: z.string(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  outcome: z.string().nullable(),
});
export type CaseloadView = z.infer<typeof caseloadView>;
export const caseloadPage = pageOf(caseloadView);
/** open: cases not yet closed; closed: closed ones; none: all. */
export const caseloadQuery = z.object({ state: z.enum(['open', 'closed']).optional(), ...pageQuery });
export type CaseloadQuery = z.infer<typeof caseloadQuery>;

export const workerServiceBody = z.object({
  caseId: z.uuid().nullable().optional(),
  servedOn: isoDate,
  minutes: z.number().int().min(1).max(24 * 60),
  summary: z.string().trim().min(1).max(1000),
});
export type WorkerServiceBody = z.infer<typeof workerServiceBody>;
export const workerServiceView = z.object({ id: z.uuid(), caseId: z.uuid().nullable(), residentName: z.string().nullable(), servedOn: z.string(), minutes: z.number().int(), summary: z.string(), recordedBy: z.string() });
export const workerServicePage = pageOf(workerServiceView);
export const workerServiceQuery = z.object({ ...pageQuery });

export const tiersQuery = z.object({ under: orgCode.optional() });
export const tiersView = z.object({
  totals: z.record(z.enum(workerTiers), z.number().int()),
  communities: z.array(z.object({ code: z.string(), name: z.string(), social_worker: z.number().int(), assistant: z.number().int(), volunteer: z.number().int() })),
});
export type TiersView = z.infer<typeof tiersView>;
