// Intake: a new case from a resident, grid worker, hotline operator, department or Open311
// client, placed by its point (or the org unit given), numbered, and told to the community.
import crypto from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { canAccess, hasPermission, requirePermission, shownName, type Actor } from '../../../platform/auth/scope.ts';
import { findGridAt, placeOf } from '../../org/index.ts';
import type { CaseSource, CreateCaseBody, CaseDuplicate } from '../contract.ts';
import { caseAttachments, cases, caseTimeline, type CaseRow } from '../schema.ts';
import { loadCaseRules, type CaseRules } from '../settings.ts';
import { caseActorId, orgUnitOfGrant } from '../policies.ts';
import { normalisePhone, searchDocument, type CaseDeps } from './common.ts';
import { nextCaseNumber, numberPrefix, placeCodesOf } from './numbering.ts';
import { slaOf } from './case-sla.ts';
import { notifyParties, unitRecipientsOf } from './notify-parties.ts';
import { checkAttachments } from './attachments.ts';
import { findDuplicates } from './find-duplicates.ts';
import { actOnCase } from './act-on-case.ts';
import { actionsFor } from './get-case.ts';
import { recordCaseAudit } from './case-audit.ts';


/** A report, as the intake form, the CLI or Open311 gives it. */
export interface CreateCaseInput extends Omit<CreateCaseBody, 'orgCode'> {
  /** Community, street or grid, when there is no point or it lies in no grid. */
  orgCode?: string | undefined;
  mediaUrl?: string | undefined;
  open311Token?: boolean | undefined;
  /** What an Open311 client sends besides (the email is encrypted like the phone). */
  open311?: { mediaUrls?: string[] | undefined; email?: string | undefined; addressId?: string | undefined; zipcode?: string | undefined } | undefined;
}

function defaultSource(actor: Actor): CaseSource {
  if (actor.kind === 'api_key') return 'open311';
  const roles = new Set(actor.grants.map((g) => g.role));
  if (roles.has('hotline_operator')) return 'hotline';
  if (roles.has('grid_worker')) return 'grid_patrol';
  if (roles.has('department_handler')) return 'department';
  if (roles.has('resident') && roles.size === 1) return 'resident';
  return 'staff';
}

async function placeCase(db: Db, input: Pick<CreateCaseInput, 'lng' | 'lat' | 'orgCode'>): Promise<{ orgPath: string; gridCode: string | null }> {
  if (input.lng !== undefined && input.lat !== undefined) {
    const grid = await findGridAt(db, input.lng, input.lat);
    if (grid) return { orgPath: grid.orgPath, gridCode: grid.code };
  }
  if (input.orgCode) {
    const orgUnit = await placeOf(db, input.orgCode);
    // A district: an Open311 request no grid could be found for, left for district staff to place.
    if (!orgUnit || !['grid', 'community', 'street', 'district'].includes(orgUnit.level)) throw new AppError('CASE_UNIT_UNKNOWN', { code: input.orgCode });
    return { orgPath: orgUnit.orgPath, gridCode: orgUnit.level === 'grid' ? orgUnit.code : null };
  }
  throw new AppError('CASE_LOCATION_UNKNOWN');
}

function checkAttributes(rules: CaseRules, categoryCode: string, given: Record<string, string | string[]>): Record<string, string | string[]> {
  const definitions = rules.categories.get(categoryCode)?.attributes ?? [];
  const out: Record<string, string | string[]> = {};
  for (const d of definitions) {
    const value = given[d.code];
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (d.required) throw new AppError('CASE_INPUT_REQUIRED', { fields: `attribute[${d.code}]` });
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if ((d.datatype === 'singlevaluelist' || d.datatype === 'multivaluelist') && d.values) {
      const keys = new Set(d.values.map((v) => v.key));
      if (values.some((v) => !keys.has(v)) || (d.datatype === 'singlevaluelist' && values.length > 1)) {
        throw new AppError('CASE_INPUT_INVALID', { field: `attribute[${d.code}]`, reason: `must be one of ${[...keys].join(', ')}` });
      }
    }
    if (d.datatype === 'number' && values.some((v) => !Number.isFinite(Number(v)))) {
      throw new AppError('CASE_INPUT_INVALID', { field: `attribute[${d.code}]`, reason: 'must be a number' });
    }
    out[d.code] = d.datatype === 'multivaluelist' ? values : (values[0] as string);
  }
  return out;
}

/** A new case from a resident, grid worker, hotline operator, department or Open311 client. */
export async function createCase(deps: CaseDeps, actor: Actor, input: CreateCaseInput, now = new Date()): Promise<{ row: CaseRow; duplicates: CaseDuplicate[] }> {
  const { db } = deps;
  requirePermission(actor, 'case.report');
  const rules = await loadCaseRules(db);
  const category = rules.categories.get(input.categoryCode);
  if (!category || !category.active || category.parentCode === null) throw new AppError('CASE_CATEGORY_UNKNOWN', { code: input.categoryCode });
  const place = await placeCase(db, input);
  const isResident = actor.grants.some((g) => g.role === 'resident');
  if (!canAccess(actor, 'case.report', place.orgPath) && !isResident) throw new AppError('OUT_OF_SCOPE', { permission: 'case.report' });
  const attributes = checkAttributes(rules, category.code, input.attributes ?? {});
  await checkAttachments(db, actor, input.attachmentIds ?? [], null);
  const { districtName, ...placeCodes } = await placeCodesOf(db, place.orgPath);
  const phone = input.reporter?.phone ? normalisePhone(input.reporter.phone) : undefined;
  if (phone !== undefined && !/^\d{5,15}$/.test(phone)) throw new AppError('CASE_INPUT_INVALID', { field: 'reporter.phone', reason: 'not a phone number' });
  const matterClass = input.matterClass ?? category.defaultMatterClass;
  const number = await nextCaseNumber(db, numberPrefix(rules, placeCodes.districtCode, districtName), now);
  const id = crypto.randomUUID();
  const isUser = actor.kind === 'user' && actor.id !== null;
  const reporterUserId = isUser && isResident ? actor.id : null;
  const sla = slaOf(rules, category.code, 'accept', now, [], now);
  const row: typeof cases.$inferInsert = {
    id,
    number,
    title: input.title,
    description: input.description,
    categoryCode: category.code,
    classCode: category.parentCode,
    matterClass,
    urgency: input.urgency ?? 'normal',
    source: input.source ?? defaultSource(actor),
    state: 'reported',
    tier: 'grid',
    version: 1,
    orgPath: place.orgPath,
    gridCode: place.gridCode,
    ...placeCodes,
    lng: input.lng ?? null,
    lat: input.lat ?? null,
    address: input.address ?? '',
    reporterUserId,
    reporterName: input.reporter?.name ? deps.pii.encrypt(input.reporter.name) : null,
    reporterPhone: phone ? deps.pii.encrypt(phone) : null,
    reporterPhoneHash: phone ? deps.pii.lookupHash(phone) : null,
    residentIds: input.residentIds ?? [],
    houseIds: input.houseIds ?? [],
    peopleInvolved: input.peopleInvolved ?? null,
    amountInvolved: input.amountInvolved === undefined ? null : input.amountInvolved.toFixed(2),
    attributes,
    mediaUrl: input.mediaUrl ?? null,
    mediaUrls: input.open311?.mediaUrls ?? (input.mediaUrl ? [input.mediaUrl] : []),
    reporterEmail: input.open311?.email ? deps.pii.encrypt(input.open311.email) : null,
    addressId: input.open311?.addressId ?? null,
    zipcode: input.open311?.zipcode ?? null,
    isPublic: input.isPublic ?? matterClass !== 'private',
    open311Token: input.open311Token ? crypto.randomBytes(12).toString('base64url') : null,
    createdBy: caseActorId(actor),
    createdAt: now,
    updatedAt: now,
    ...sla,
  };
  const reportEntry = { action: 'report' as const, actorId: caseActorId(actor) };
  const recipients = await unitRecipientsOf(db, deps, { communityCode: placeCodes.communityCode, gridCode: place.gridCode, dispatcherUnit: null, handlingUnit: null, coUnits: [], orgPath: place.orgPath }, reportEntry);
  const inserted = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(cases)
      .values({ ...row, searchVector: sql`to_tsvector('simple', ${searchDocument({ number, title: input.title, description: input.description, address: input.address ?? '' })})` })
      .returning();
    await tx.insert(caseTimeline).values({
      caseId: id,
      version: 1,
      action: 'report',
      fromState: null,
      toState: 'reported',
      fromTier: null,
      toTier: 'grid',
      actorId: caseActorId(actor),
      actorName: shownName(actor),
      actorRole: actor.grants[0]?.role ?? actor.kind,
      actorUnit: actor.grants[0] ? orgUnitOfGrant(actor.grants[0]) : null,
      orgPath: place.orgPath,
      at: now,
      photos: input.attachmentIds?.length ? input.attachmentIds : null,
      details: { source: row.source, matterClass },
    });
    if (input.attachmentIds?.length) await tx.update(caseAttachments).set({ caseId: id }).where(inArray(caseAttachments.id, input.attachmentIds));
    await recordCaseAudit(tx, actor, 'report', { caseId: id, orgPath: place.orgPath }, {
      number, version: 1, toState: 'reported', source: row.source, categoryCode: category.code, matterClass,
      ...(input.attachmentIds?.length ? { photos: input.attachmentIds.length } : {}),
    });
    await notifyParties(tx, deps, created as CaseRow, reportEntry, recipients);
    return created as CaseRow;
  });
  let result = inserted;
  if (input.acceptNow) {
    result = (await actOnCase(deps, actor, id, { action: 'accept' }, now)).row;
    const canRegister = actionsFor(actor, result, rules).includes('register');
    if (canRegister) result = (await actOnCase(deps, actor, id, { action: 'register' }, now)).row;
  }
  const duplicates = hasPermission(actor, 'case.read') ? await findDuplicates(db, actor, { categoryCode: category.code, lng: input.lng, lat: input.lat, excludeId: id }, now) : [];
  return { row: result, duplicates };
}
