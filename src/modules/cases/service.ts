// Case use cases: intake, every workflow action through one function, reading, lists,
// duplicates, routing proposals, attachments and the public follow-up by number and phone.
//
// A transition is one transaction: the guarded update of the case (version must still be
// the one read: two people acting at once, one wins, the other gets VERSION_CONFLICT),
// the immutable timeline entry, in-app notifications and queued SMS. The workflow table
// (workflow.ts) decides; this file loads, checks references, stores and tells people.
import crypto from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import { canAccess, coversPath, hasPermission, requirePermission, shownName, type Actor } from '../../platform/auth/scope.ts';
import { roleGrants } from '../../platform/auth/schema.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { notifyUsers, queueChannelMessage } from '../notifications/index.ts';
import { storeFile, thumbnailKey, readStoredFile, canThumbnail } from '../../platform/storage.ts';
import { findGridAt, grids, orgNodes } from '../org/index.ts';
import {
  applyAction,
  availableActions,
  caseActions,
  type CaseAction,
  type CaseActionInput,
  type CaseActor,
  type CaseSnapshot,
  type CaseState,
  type CaseTimelineEntry,
  type CaseWorkflowErrorCode,
} from './workflow.ts';
import { computeSla, type SlaLevel, type SlaStage, type SlaSuspension, type WorkingTimeAmount } from './sla.ts';
import { caseAttachments, cases, caseTimeline, type CaseRow, type CaseSource, type CaseUrgency, type MatterClass, type TimelineAction, type TimelineRow } from './schema.ts';
import { categorySearchKeys, findResponsibleUnit, findUnit, loadCaseRules, policyFor, type CaseRules } from './settings.ts';
import { canSeeCase, caseActorId, caseActorsFor, seesReporter, tierOfLevel, unitOfGrant, visibleCases } from './policies.ts';

/** What the case services need besides the database. */
export interface CaseDeps {
  db: Db;
  pii: PiiCipher;
  /** Where attachments are stored. */
  dataDir: string;
}

export const openStates: readonly CaseState[] = ['reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'suspended'];
const finishedStates: readonly CaseState[] = ['closed', 'rated', 'rejected', 'merged'];

// ---------------------------------------------------------------------------- small helpers

/** Beijing date of an instant as YYYYMMDD. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Normalises a mainland phone number for look-up (digits only, no +86). */
export function normalisePhone(raw: string): string {
  const compact = raw.normalize('NFKC').replace(/[\s\-()]/g, '');
  return compact.replace(/^(?:\+86|0086)/, '');
}

/** Character bigrams of Chinese text (and whole tokens of Latin/digits), for the simple-config tsvector. */
export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const run of text.normalize('NFKC').toLowerCase().match(/[\p{Script=Han}]+|[a-z0-9-]+/gu) ?? []) {
    if (/^[a-z0-9-]+$/.test(run)) {
      terms.add(run);
      continue;
    }
    const chars = Array.from(run);
    if (chars.length === 1) terms.add(run);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...terms];
}

function searchDocument(row: { number: string; title: string; description: string; address: string }): string {
  return searchTerms(`${row.number} ${row.title} ${row.description} ${row.address}`).join(' ');
}

const unitCache = new WeakMap<Db, Map<string, { at: number; value: PlaceInfo }>>();
interface PlaceInfo {
  communityCode: string | null;
  streetCode: string | null;
  districtCode: string | null;
  districtName: string | null;
}

/** The community, street and district an org path lies in (cached a minute: the tree rarely changes). */
async function placeOf(db: Db, orgPath: string): Promise<PlaceInfo> {
  let perDb = unitCache.get(db);
  if (!perDb) unitCache.set(db, (perDb = new Map()));
  const hit = perDb.get(orgPath);
  if (hit && Date.now() - hit.at < 60_000) return hit.value;
  const codes = orgPath.split('.');
  const nodes = await db.select({ code: orgNodes.code, level: orgNodes.level, name: orgNodes.name }).from(orgNodes).where(inArray(orgNodes.code, codes));
  const of = (level: string) => nodes.find((n) => n.level === level);
  const value = {
    communityCode: of('community')?.code ?? null,
    streetCode: of('street')?.code ?? null,
    districtCode: of('district')?.code ?? null,
    districtName: of('district')?.name ?? null,
  };
  perDb.set(orgPath, { at: Date.now(), value });
  return value;
}

/** The short prefix of a district's case numbers: configured, else its name's initials (海淀区 → HD). */
export function numberPrefix(rules: CaseRules, districtCode: string | null, districtName: string | null): string {
  if (districtCode && rules.settings.numberPrefixes[districtCode]) return rules.settings.numberPrefixes[districtCode] as string;
  const base = (districtName ?? '').replace(/(自治县|自治旗|新区|区|县|市|旗)$/, '');
  const initials = base ? categorySearchKeys(base).nameInitials : '';
  return (initials || 'GZ').toUpperCase().slice(0, 4);
}

/**
 * The next case number of a district for a day: PREFIX + YYYYMMDD + '-' + 6-digit daily
 * sequence. The counter row is taken with an atomic upsert in its own statement, so
 * concurrent intakes never share a number and do not wait on each other's transactions
 * (a failed intake leaves a gap, as hotline numbering does).
 */
export async function nextCaseNumber(db: Db, prefix: string, at: Date): Promise<string> {
  const day = beijingDay(at);
  const [row] = await queryRows<{ seq: number }>(
    db,
    sql`insert into case_number_counters (prefix, day, seq) values (${prefix}, ${`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`}::date, 1)
        on conflict (prefix, day) do update set seq = case_number_counters.seq + 1
        returning seq`,
  );
  return `${prefix}${day}-${String(row?.seq ?? 1).padStart(6, '0')}`;
}

function workflowError(code: CaseWorkflowErrorCode, details: Readonly<Record<string, unknown>>): AppError {
  const shown: Record<string, unknown> = { ...details };
  if (Array.isArray(details.fields)) shown.fields = (details.fields as string[]).join(', ');
  return new AppError(code, shown);
}

// ---------------------------------------------------------------------------- SLA

/** The stage whose time limit runs in a state (a suspended case keeps the stage it left). */
export function stageOfState(state: CaseState | null): SlaStage | null {
  switch (state) {
    case 'reported':
      return 'accept';
    case 'accepted':
    case 'registered':
    case 'dispatched':
    case 'handling':
      return 'handle';
    case 'handled':
      return 'verify';
    default:
      return null;
  }
}

interface ClockEvent {
  action: string;
  at: Date;
  extension: WorkingTimeAmount | null;
}

export interface SlaFields {
  stage: SlaStage | null;
  stageStartedAt: Date | null;
  warnAt: Date | null;
  redAt: Date | null;
  deadlineAt: Date | null;
  slaLevel: SlaLevel;
}

/** The time limit of a case's current stage, from when the stage started and the clock events since. */
export function slaOf(rules: CaseRules, categoryCode: string, stage: SlaStage | null, startedAt: Date | null, events: readonly ClockEvent[], now: Date): SlaFields {
  if (!stage || !startedAt) return { stage, stageStartedAt: startedAt, warnAt: null, redAt: null, deadlineAt: null, slaLevel: 'normal' };
  const suspensions: SlaSuspension[] = [];
  const extensions: WorkingTimeAmount[] = [];
  for (const e of events) {
    if (e.at.getTime() < startedAt.getTime()) continue;
    if (e.action === 'suspend') suspensions.push({ start: e.at, end: null });
    else if (e.action === 'resume') {
      const open = suspensions.at(-1);
      if (open && open.end === null) suspensions[suspensions.length - 1] = { start: open.start, end: e.at };
    } else if (e.action === 'approve_extension' && e.extension) extensions.push(e.extension);
  }
  const sla = computeSla(policyFor(rules, categoryCode), stage, rules.calendar, { startedAt, suspensions, extensions });
  return { stage, stageStartedAt: startedAt, warnAt: sla.warnAt, redAt: sla.redAt, deadlineAt: sla.deadline, slaLevel: sla.level(now) };
}

async function clockEvents(db: Db, caseId: string, since: Date | null): Promise<ClockEvent[]> {
  if (!since) return [];
  const rows = await db
    .select({ action: caseTimeline.action, at: caseTimeline.at, extension: caseTimeline.extension })
    .from(caseTimeline)
    .where(and(eq(caseTimeline.caseId, caseId), sql`${caseTimeline.at} >= ${since.toISOString()}`, inArray(caseTimeline.action, ['suspend', 'resume', 'approve_extension'])))
    .orderBy(asc(caseTimeline.version));
  return rows;
}

// ---------------------------------------------------------------------------- snapshots

export function snapshotOf(row: CaseRow): CaseSnapshot {
  return {
    id: row.id,
    state: row.state,
    tier: row.tier,
    version: row.version,
    reporterId: row.reporterUserId ?? (row.reporterPhoneHash ? `contact:${row.reporterPhoneHash}` : null),
    dispatcherUnitId: row.dispatcherUnit,
    handlingUnitId: row.handlingUnit,
    coHandlingUnitIds: row.coUnits,
    suspendedFrom: row.suspendedFrom,
    reopenCount: row.reopenCount,
    reworkCount: row.reworkCount,
    extensionCount: row.extensionCount,
    pendingExtension: row.pendingExtension,
    rating: row.rating,
    supervisionLevel: row.supervisionLevel,
    parentCaseId: row.parentCaseId,
  };
}

async function loadCase(db: Db, id: string): Promise<CaseRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND', { what: id });
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: id });
  return row;
}

async function loadVisibleCase(db: Db, actor: Actor, id: string): Promise<CaseRow> {
  const row = await loadCase(db, id);
  if (!canSeeCase(actor, row)) throw new AppError('OUT_OF_SCOPE', { permission: 'case.read' });
  return row;
}

// ---------------------------------------------------------------------------- notifications

const staffRoles = ['community_staff', 'street_staff', 'district_staff', 'department_handler', 'grid_worker', 'hotline_operator', 'leader'];

// Who works at a unit changes rarely; intake asks for every case. A few seconds' delay in
// a new colleague's first notification is the price of one query less per transition.
const unitUsersCaches = new WeakMap<Db, Map<string, { at: number; users: string[] }>>();
const UNIT_USERS_TTL_MS = 10_000;

/** Users holding a staff role exactly on one of these units. */
async function unitUsers(db: Db, unitCodes: readonly (string | null)[], roles: readonly string[] = staffRoles, cacheDb: Db = db): Promise<string[]> {
  const codes = [...new Set(unitCodes.filter((c): c is string => !!c))].sort();
  if (codes.length === 0) return [];
  const key = `${codes.join(',')}|${roles.join(',')}`;
  let unitUsersCache = unitUsersCaches.get(cacheDb);
  if (!unitUsersCache) unitUsersCaches.set(cacheDb, (unitUsersCache = new Map()));
  const hit = unitUsersCache.get(key);
  if (hit && Date.now() - hit.at < UNIT_USERS_TTL_MS) return hit.users;
  const users = await queryUnitUsers(db, codes, roles);
  if (unitUsersCache.size > 5_000) unitUsersCache.clear();
  unitUsersCache.set(key, { at: Date.now(), users });
  return users;
}

async function queryUnitUsers(db: Db, codes: string[], roles: readonly string[]): Promise<string[]> {
  const rows = await queryRows<{ user_id: string }>(
    db,
    sql`select distinct rg.user_id from role_grants rg
        where rg.role in ${roles}
          and rg.org_path in (select org_path from org_nodes where code in ${codes}
                              union all select org_path from grids where code in ${codes})`,
  );
  return rows.map((r) => r.user_id);
}

/** Leaders whose grant covers the case. */
async function leadersOf(db: Db, orgPath: string): Promise<string[]> {
  const rows = await db.select({ userId: roleGrants.userId, orgPath: roleGrants.orgPath }).from(roleGrants).where(eq(roleGrants.role, 'leader'));
  return rows.filter((r) => coversPath(r.orgPath, orgPath)).map((r) => r.userId);
}

const actionNames: Record<TimelineAction, string> = {
  report: '上报', accept: '受理', reject: '不予受理', register: '立案', dispatch: '派遣', acknowledge: '签收', return: '退单',
  feedback: '处置反馈', verify_pass: '核查通过，结案', verify_fail: '核查不通过，返工', rate: '评价', reopen: '重启',
  request_extension: '申请延期', approve_extension: '同意延期', reject_extension: '驳回延期', suspend: '挂起', resume: '恢复',
  supervise: '督办', escalate: '上报升级', merge: '合并', instruct: '领导批示', comment: '留言', warning: '临期预警',
  overdue: '超期', auto_supervise: '自动督办', merged_in: '并入',
};

// Which parties hear of which event. The reporter hears of what a member of the public follows.
const publicEvents = new Set<TimelineAction>(['accept', 'reject', 'dispatch', 'feedback', 'verify_pass', 'reopen', 'suspend', 'resume', 'merge']);
const smsEvents = new Set<TimelineAction>(['accept', 'reject', 'verify_pass', 'reopen']);

/** Tells everyone concerned about a timeline event (in the transaction that made it). */
async function notifyParties(db: Db, deps: Pick<CaseDeps, 'pii' | 'db'>, row: CaseRow, entry: { action: TimelineAction; actorId: string | null; targetUnit?: string | null; text?: string | null; supervisionLevel?: string | null }): Promise<void> {
  const a = entry.action;
  const recipients: string[] = [];
  const handling = [row.handlingUnit, ...row.coUnits];
  switch (a) {
    case 'report':
      recipients.push(...(await unitUsers(db, [row.communityCode, row.gridCode], ['community_staff'], deps.db)));
      break;
    case 'dispatch':
      recipients.push(...(await unitUsers(db, handling, staffRoles, deps.db)));
      break;
    case 'return':
    case 'request_extension':
    case 'reopen':
      recipients.push(...(await unitUsers(db, [row.dispatcherUnit], staffRoles, deps.db)));
      break;
    case 'feedback':
      recipients.push(...(await unitUsers(db, [row.dispatcherUnit], staffRoles, deps.db)), ...(await unitUsers(db, [row.gridCode], ['grid_worker'], deps.db)));
      break;
    case 'verify_fail':
    case 'approve_extension':
    case 'reject_extension':
      recipients.push(...(await unitUsers(db, handling, staffRoles, deps.db)));
      break;
    case 'rate':
    case 'supervise':
    case 'instruct':
      recipients.push(...(await unitUsers(db, [...handling, row.dispatcherUnit], staffRoles, deps.db)));
      break;
    case 'warning':
    case 'overdue':
      // Before registration nobody dispatches yet: the community's intake staff hear of it.
      recipients.push(...(await unitUsers(db, row.dispatcherUnit ? [...handling, row.dispatcherUnit] : [row.communityCode], row.dispatcherUnit ? staffRoles : ['community_staff'], deps.db)));
      break;
    case 'auto_supervise':
      recipients.push(...(await unitUsers(db, [...handling, row.dispatcherUnit], staffRoles, deps.db)));
      if (entry.supervisionLevel === 'red') recipients.push(...(await leadersOf(db, row.orgPath)));
      break;
    case 'escalate':
      recipients.push(...(await unitUsers(db, [entry.targetUnit ?? row.dispatcherUnit], staffRoles, deps.db)));
      break;
    default:
      break;
  }
  const publicEvent = publicEvents.has(a);
  if (publicEvent && row.reporterUserId) recipients.push(row.reporterUserId);
  // Reporters of cases merged into this one are kept informed too.
  const children = publicEvent
    ? await db.select({ reporterUserId: cases.reporterUserId, reporterPhone: cases.reporterPhone }).from(cases).where(eq(cases.parentCaseId, row.id))
    : [];
  for (const c of children) if (c.reporterUserId) recipients.push(c.reporterUserId);
  const title = `${row.number} ${actionNames[a]}`;
  await notifyUsers(db, {
    userIds: recipients.filter((id) => id !== entry.actorId),
    kind: `case.${a}`,
    title,
    body: `${row.title}${entry.text ? `：${entry.text}` : ''}`.slice(0, 300),
    subjectType: 'case',
    subjectId: row.id,
    link: `/console/cases/${row.id}`,
  });
  if (smsEvents.has(a)) {
    for (const phone of [row.reporterPhone, ...children.map((c) => c.reporterPhone)]) {
      if (!phone) continue;
      await queueChannelMessage(db, deps, { channel: 'sms', to: deps.pii.decrypt(phone), template: `case.${a}`, params: { number: row.number, title: row.title.slice(0, 20) } });
    }
  }
}

// ---------------------------------------------------------------------------- intake

export interface CreateCaseInput {
  title: string;
  description: string;
  categoryCode: string;
  matterClass?: MatterClass | undefined;
  urgency?: CaseUrgency | undefined;
  source?: CaseSource | undefined;
  lng?: number | undefined;
  lat?: number | undefined;
  address?: string | undefined;
  /** Community, street or grid, when there is no point or it lies in no grid. */
  orgCode?: string | undefined;
  reporter?: { name?: string | undefined; phone?: string | undefined } | undefined;
  residentIds?: string[] | undefined;
  houseIds?: string[] | undefined;
  peopleInvolved?: number | undefined;
  amountInvolved?: number | undefined;
  attachmentIds?: string[] | undefined;
  attributes?: Record<string, string | string[]> | undefined;
  mediaUrl?: string | undefined;
  isPublic?: boolean | undefined;
  /** Intake staff accept (and, when they may, register) the case at once. */
  acceptNow?: boolean | undefined;
  open311Token?: boolean | undefined;
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
    const unit = await findUnit(db, input.orgCode);
    if (!unit || !['grid', 'community', 'street'].includes(unit.level)) throw new AppError('CASE_UNIT_UNKNOWN', { code: input.orgCode });
    return { orgPath: unit.orgPath, gridCode: unit.level === 'grid' ? unit.code : null };
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

function uploaderKey(actor: Actor): string {
  return caseActorId(actor);
}

async function checkAttachments(db: Db, actor: Actor, ids: readonly string[], caseId: string | null): Promise<void> {
  if (ids.length === 0) return;
  if (ids.some((id) => !/^[0-9a-f-]{36}$/i.test(id))) throw new AppError('CASE_INPUT_INVALID', { field: 'photos', reason: 'unknown attachment' });
  const rows = await db.select().from(caseAttachments).where(inArray(caseAttachments.id, [...ids]));
  const ok = rows.length === new Set(ids).size && rows.every((r) => r.caseId === caseId || (r.caseId === null && r.uploadedBy === uploaderKey(actor)));
  if (!ok) throw new AppError('CASE_INPUT_INVALID', { field: 'photos', reason: 'unknown attachment, or one uploaded by someone else' });
}

/** A new case from a resident, grid worker, hotline operator, department or Open311 client. */
export async function createCase(deps: CaseDeps, actor: Actor, input: CreateCaseInput, now = new Date()) {
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
  const { districtName, ...placeCodes } = await placeOf(db, place.orgPath);
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
    isPublic: input.isPublic ?? matterClass !== 'private',
    open311Token: input.open311Token ? crypto.randomBytes(12).toString('base64url') : null,
    createdBy: caseActorId(actor),
    createdAt: now,
    updatedAt: now,
    ...sla,
  };
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
      actorUnit: actor.grants[0] ? unitOfGrant(actor.grants[0]) : null,
      orgPath: place.orgPath,
      at: now,
      photos: input.attachmentIds?.length ? input.attachmentIds : null,
      details: { source: row.source, matterClass },
    });
    if (input.attachmentIds?.length) await tx.update(caseAttachments).set({ caseId: id }).where(inArray(caseAttachments.id, input.attachmentIds));
    await notifyParties(tx, deps, created as CaseRow, { action: 'report', actorId: caseActorId(actor) });
    return created as CaseRow;
  });
  let result = inserted;
  if (input.acceptNow) {
    result = (await actOnCase(deps, actor, id, { action: 'accept' }, now)).row;
    const canRegister = caseActorsFor(actor, result).some((a) => availableActions(snapshotOf(result), a, workflowConfig(rules)).includes('register'));
    if (canRegister) result = (await actOnCase(deps, actor, id, { action: 'register' }, now)).row;
  }
  const duplicates = hasPermission(actor, 'case.read') ? await findDuplicates(db, actor, { categoryCode: category.code, lng: input.lng, lat: input.lat, excludeId: id }, now) : [];
  return { row: result, duplicates };
}

/** The new case as the intake form shows it back: its list row (the page loads the detail). */
export async function presentCreated(deps: Pick<CaseDeps, 'db'>, row: CaseRow) {
  const rules = await loadCaseRules(deps.db);
  return presentListItem(row, await unitNames(deps.db, [row.communityCode, row.streetCode, row.handlingUnit]), rules);
}

// ---------------------------------------------------------------------------- duplicates

/** Open cases of the same category near a point, reported recently: likely the same problem (visible ones only). */
export async function findDuplicates(
  db: Db,
  actor: Actor,
  q: { categoryCode: string; lng?: number | undefined; lat?: number | undefined; excludeId?: string | undefined },
  now = new Date(),
) {
  if (q.lng === undefined || q.lat === undefined) return [];
  const { settings } = await loadCaseRules(db);
  const radius = settings.duplicateRadiusMetres;
  const dLat = radius / 111_320;
  const dLng = radius / (111_320 * Math.max(0.1, Math.cos((q.lat * Math.PI) / 180)));
  const since = new Date(now.getTime() - settings.duplicateDays * 86_400_000);
  const distance = sql<number>`(6371000 * 2 * asin(sqrt(power(sin(radians(${cases.lat} - ${q.lat}) / 2), 2)
      + cos(radians(${q.lat})) * cos(radians(${cases.lat})) * power(sin(radians(${cases.lng} - ${q.lng}) / 2), 2))))`;
  const rows = await db
    .select({ id: cases.id, number: cases.number, title: cases.title, state: cases.state, address: cases.address, createdAt: cases.createdAt, distance })
    .from(cases)
    .where(
      and(
        eq(cases.categoryCode, q.categoryCode),
        inArray(cases.state, [...openStates]),
        sql`${cases.createdAt} >= ${since.toISOString()}`,
        sql`${cases.lat} between ${q.lat - dLat} and ${q.lat + dLat}`,
        sql`${cases.lng} between ${q.lng - dLng} and ${q.lng + dLng}`,
        q.excludeId ? sql`${cases.id} <> ${q.excludeId}` : undefined,
        visibleCases(actor),
      ),
    )
    .orderBy(distance)
    .limit(10);
  return rows.filter((r) => r.distance <= radius).map((r) => ({ ...r, distance: Math.round(r.distance) }));
}

// ---------------------------------------------------------------------------- transitions

export interface ActionRequest extends CaseActionInput {
  action: string;
  /** The version the actor saw; omitted, the version read now is used. */
  version?: number | undefined;
  /** On dispatch: let the handling unit see the reporter's contact (they need it). */
  shareReporterContact?: boolean | undefined;
  /** On rate: whether the problem was solved (接诉即办 解决率); defaults to not unsatisfied. */
  resolved?: boolean | undefined;
}

function workflowConfig(rules: CaseRules) {
  return { maxReopens: rules.settings.maxReopens, maxExtensions: rules.settings.maxExtensions };
}

async function checkReferences(db: Db, actor: Actor, row: CaseRow, req: ActionRequest): Promise<ActionRequest> {
  const out = { ...req };
  for (const code of [req.targetUnitId, ...(req.coUnitIds ?? [])]) {
    if (code !== undefined && !(await findUnit(db, code))) throw new AppError('CASE_UNIT_UNKNOWN', { code });
  }
  if (req.action === 'escalate' && !req.targetUnitId) {
    // The dispatching centre of the next tier up: the street office, then the district.
    const next = row.tier === 'grid' ? row.streetCode : row.districtCode;
    if (next) out.targetUnitId = next;
  }
  if (req.action === 'merge' && req.parentCaseId) {
    const parent = await db.select().from(cases).where(eq(cases.id, req.parentCaseId)).then((r) => r[0]);
    if (!parent || !canSeeCase(actor, parent)) throw new AppError('CASE_MERGE_INVALID', { parent: req.parentCaseId, reason: '案件不存在 / no such case' });
    if (parent.id === row.id || finishedStates.includes(parent.state) || parent.parentCaseId) {
      throw new AppError('CASE_MERGE_INVALID', { parent: parent.number, reason: '目标案件已办结或已合并 / the case is finished or merged' });
    }
  }
  if (req.photos?.length) await checkAttachments(db, actor, req.photos, row.id);
  return out;
}

/** Tries the actor under each unit they act for; the first the table allows wins, else the most telling refusal. */
function decide(row: CaseRow, candidates: CaseActor[], req: ActionRequest, rules: CaseRules, now: Date) {
  const snapshot = snapshotOf(row);
  const action = req.action as CaseAction;
  let refusal: { code: CaseWorkflowErrorCode; details: Readonly<Record<string, unknown>> } | undefined;
  for (const candidate of candidates) {
    const result = applyAction(snapshot, action, candidate, req, workflowConfig(rules), now);
    if (result.ok) return { ...result, actor: candidate };
    if (!refusal || (refusal.code === 'CASE_ACTION_FORBIDDEN' && result.code !== 'CASE_ACTION_FORBIDDEN')) refusal = result;
  }
  if (!(caseActions as readonly string[]).includes(req.action)) throw new AppError('CASE_ACTION_UNKNOWN', { action: req.action });
  if (!refusal) {
    const probe = applyAction(snapshot, action, { id: 'nobody', roles: [], unitId: null }, req, workflowConfig(rules), now);
    throw probe.ok ? new AppError('CASE_ACTION_FORBIDDEN', { action }) : workflowError(probe.code === 'CASE_ACTION_NOT_ALLOWED' ? probe.code : 'CASE_ACTION_FORBIDDEN', probe.code === 'CASE_ACTION_NOT_ALLOWED' ? probe.details : { action });
  }
  throw workflowError(refusal.code, refusal.details);
}

interface Applied {
  next: CaseSnapshot;
  entry: CaseTimelineEntry;
  actorName: string;
  extra: Partial<typeof cases.$inferInsert>;
  details: Record<string, unknown>;
}

/**
 * Stores one applied transition: the guarded update and the timeline entry, then tells the
 * parties. Throws VERSION_CONFLICT when the case moved on since `row` was read.
 */
async function commitTransition(tx: Db, deps: CaseDeps, rules: CaseRules, row: CaseRow, applied: Applied, events: ClockEvent[], now: Date): Promise<CaseRow> {
  const { next, entry } = applied;
  const stateForStage = next.state === 'suspended' ? next.suspendedFrom : next.state;
  const stage = stageOfState(stateForStage);
  const restart = stage !== row.stage || ['reopen', 'escalate', 'verify_fail'].includes(entry.action) || !row.stageStartedAt;
  const startedAt = stage ? (restart ? now : row.stageStartedAt) : null;
  const clock = restart ? [] : [...events, { action: entry.action, at: now, extension: entry.action === 'approve_extension' ? (entry.extension ?? null) : null }];
  const sla = slaOf(rules, row.categoryCode, stage, startedAt, clock, now);
  const stageChanged = restart || stage === null;
  const handledBy = entry.action === 'dispatch' ? [...new Set([...row.handledBy, ...(entry.targetUnitId ? [entry.targetUnitId] : []), ...(entry.coUnitIds ?? [])])] : row.handledBy;
  const [updated] = await tx
    .update(cases)
    .set({
      state: next.state,
      tier: next.tier,
      version: next.version,
      dispatcherUnit: next.dispatcherUnitId,
      handlingUnit: next.handlingUnitId,
      coUnits: [...next.coHandlingUnitIds],
      handledBy,
      suspendedFrom: next.suspendedFrom,
      reopenCount: next.reopenCount,
      reworkCount: next.reworkCount,
      extensionCount: next.extensionCount,
      pendingExtension: next.pendingExtension,
      rating: next.rating,
      supervisionLevel: next.supervisionLevel,
      parentCaseId: next.parentCaseId,
      ...sla,
      overdueAt: stageChanged ? null : row.overdueAt,
      superviseRedAt: stageChanged ? null : row.superviseRedAt,
      slaLevel: stageChanged || !row.overdueAt ? sla.slaLevel : 'red',
      updatedAt: now,
      ...applied.extra,
    })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning();
  if (!updated) {
    const [current] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, row.id));
    throw new AppError('VERSION_CONFLICT', { caseId: row.id, currentVersion: current?.version });
  }
  await tx.insert(caseTimeline).values({
    caseId: row.id,
    version: entry.version,
    action: entry.action,
    fromState: entry.fromState,
    toState: entry.toState,
    fromTier: entry.fromTier,
    toTier: entry.toTier,
    actorId: entry.actorId,
    actorName: applied.actorName,
    actorRole: entry.actorRole,
    actorUnit: entry.actorUnitId,
    orgPath: row.orgPath,
    handlingUnit: next.handlingUnitId,
    at: entry.at,
    reason: entry.reason ?? null,
    text: entry.text ?? null,
    photos: entry.photos ? [...entry.photos] : null,
    targetUnit: entry.targetUnitId ?? null,
    coUnits: entry.coUnitIds ? [...entry.coUnitIds] : null,
    rating: entry.rating ?? null,
    extension: entry.extension ?? null,
    supervisionLevel: entry.supervisionLevel ?? null,
    parentCaseId: entry.parentCaseId ?? null,
    details: applied.details,
  });
  if (entry.photos?.length) await tx.update(caseAttachments).set({ caseId: row.id }).where(and(inArray(caseAttachments.id, [...entry.photos]), isNull(caseAttachments.caseId)));
  await notifyParties(tx, deps, updated, { action: entry.action, actorId: entry.actorId, targetUnit: entry.targetUnitId ?? null, text: entry.text ?? entry.reason ?? null, supervisionLevel: entry.supervisionLevel ?? null });
  return updated;
}

/** Extra columns an action sets besides the snapshot (timestamps, facts for indicators). */
function extraColumns(row: CaseRow, entry: CaseTimelineEntry, req: ActionRequest, now: Date): { extra: Partial<typeof cases.$inferInsert>; details: Record<string, unknown> } {
  switch (entry.action) {
    case 'accept':
    {
      const onTime = row.deadlineAt === null || now.getTime() <= row.deadlineAt.getTime();
      return { extra: { acceptedAt: now, acceptOnTime: onTime }, details: { onTime } };
    }
    case 'dispatch':
      return { extra: { reporterShared: req.shareReporterContact === true }, details: req.shareReporterContact ? { reporterShared: true } : {} };
    case 'verify_pass':
      // The closure records the facts the indicators ask of it, so a period's closures are
      // counted from their own timeline lines (no look-back over each case's history).
      return {
        extra: { closedAt: now },
        details: { overdue: row.overdueCount > 0, reworked: row.reworkCount > 0, extended: row.extensionCount > 0, reportedAt: row.createdAt.toISOString() },
      };
    case 'rate': {
      const resolved = req.resolved ?? entry.rating !== 'unsatisfied';
      return { extra: { ratedAt: now, resolved }, details: { resolved } };
    }
    case 'reopen':
      return { extra: { closedAt: null, resolved: null }, details: {} };
    default:
      return { extra: {}, details: {} };
  }
}

/**
 * Takes one workflow action on a case for an actor: the one service function behind every
 * button on the case page. Returns the updated row.
 */
export async function actOnCase(deps: CaseDeps, actor: Actor, caseId: string, request: ActionRequest, now = new Date()): Promise<{ row: CaseRow }> {
  const { db } = deps;
  const row = await loadVisibleCase(db, actor, caseId);
  if (request.version !== undefined && request.version !== row.version) {
    throw new AppError('VERSION_CONFLICT', { caseId, currentVersion: row.version });
  }
  const rules = await loadCaseRules(db);
  const req = await checkReferences(db, actor, row, request);
  const decided = decide(row, caseActorsFor(actor, row), req, rules, now);
  let next = decided.next;
  let entry = decided.timelineEntry;
  if (entry.action === 'register' && decided.actor.unitId) {
    // The registering unit's level is the tier that handles the case (微/小/大循环).
    const unit = await findUnit(db, decided.actor.unitId);
    const tier = tierOfLevel(unit?.level ?? 'community');
    next = { ...next, tier };
    entry = { ...entry, toTier: tier };
  }
  const events = await clockEvents(db, row.id, row.stageStartedAt);
  const { extra, details } = extraColumns(row, entry, req, now);
  return db.transaction(async (tx) => {
    let updated = await commitTransition(tx, deps, rules, row, { next, entry, actorName: shownName(actor), extra, details }, events, now);
    // An unsatisfied rating reopens the case at once while reopens are left (issue 4: once by default).
    if (entry.action === 'rate' && entry.rating === 'unsatisfied' && rules.settings.reopenOnUnsatisfied) {
      const reopened = applyAction(next, 'reopen', decided.actor, { reason: req.text?.trim() || '评价不满意，案件重启' }, workflowConfig(rules), now);
      if (reopened.ok) {
        const more = extraColumns(updated, reopened.timelineEntry, { action: 'reopen' }, now);
        updated = await commitTransition(tx, deps, rules, updated, { next: reopened.next, entry: reopened.timelineEntry, actorName: shownName(actor), ...more, details: { automatic: true } }, [], now);
      }
    }
    return { row: updated };
  });
}

// ---------------------------------------------------------------------------- system events (the clock)

/** Records what the clock did (warning, overdue, automatic supervision) on a locked row, bumping its version. */
export async function recordSystemEvent(
  tx: Db,
  deps: CaseDeps,
  row: CaseRow,
  event: { action: 'warning' | 'overdue' | 'auto_supervise'; set: Partial<typeof cases.$inferInsert>; supervisionLevel?: 'yellow' | 'red'; details: Record<string, unknown> },
  now: Date,
): Promise<CaseRow> {
  const [updated] = await tx
    .update(cases)
    .set({ ...event.set, version: row.version + 1, updatedAt: now })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning();
  if (!updated) throw new AppError('VERSION_CONFLICT', { caseId: row.id });
  await tx.insert(caseTimeline).values({
    caseId: row.id,
    version: row.version + 1,
    action: event.action,
    fromState: row.state,
    toState: row.state,
    fromTier: row.tier,
    toTier: row.tier,
    actorId: null,
    actorName: 'system',
    actorRole: 'system',
    actorUnit: null,
    orgPath: row.orgPath,
    handlingUnit: row.handlingUnit,
    at: now,
    supervisionLevel: event.supervisionLevel ?? null,
    details: event.details,
  });
  await notifyParties(tx, deps, updated, { action: event.action, actorId: null, supervisionLevel: event.supervisionLevel ?? null });
  return updated;
}

// ---------------------------------------------------------------------------- reading

// Names of units for display, cached a minute (renames are rare and only cosmetic here).
const nameCaches = new WeakMap<Db, Map<string, { at: number; name: string | null }>>();
const NAME_TTL_MS = 60_000;

async function unitNames(db: Db, codes: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  let nameCache = nameCaches.get(db);
  if (!nameCache) nameCaches.set(db, (nameCache = new Map()));
  const names = new Map<string, string>();
  const missing: string[] = [];
  for (const code of wanted) {
    const hit = nameCache.get(code);
    if (hit && Date.now() - hit.at < NAME_TTL_MS) {
      if (hit.name !== null) names.set(code, hit.name);
    } else missing.push(code);
  }
  if (missing.length === 0) return names;
  const [nodes, gridRows] = await Promise.all([
    db.select({ code: orgNodes.code, name: orgNodes.name }).from(orgNodes).where(inArray(orgNodes.code, missing)),
    db.select({ code: grids.code, name: grids.name }).from(grids).where(inArray(grids.code, missing)),
  ]);
  const found = new Map([...nodes, ...gridRows].map((n) => [n.code, n.name]));
  if (nameCache.size > 20_000) nameCache.clear();
  for (const code of missing) {
    const name = found.get(code) ?? null;
    nameCache.set(code, { at: Date.now(), name });
    if (name !== null) names.set(code, name);
  }
  return names;
}

function slaView(row: CaseRow, now: Date) {
  return {
    stage: row.stage,
    stageStartedAt: row.stageStartedAt,
    warnAt: row.warnAt,
    redAt: row.redAt,
    deadlineAt: row.deadlineAt,
    level: row.overdueAt ? ('red' as const) : row.deadlineAt && row.redAt && now > row.redAt ? ('red' as const) : row.warnAt && now >= row.warnAt ? ('yellow' as const) : row.slaLevel,
    isOverdue: row.overdueAt !== null || (row.deadlineAt !== null && now > row.deadlineAt),
    overdueCount: row.overdueCount,
  };
}

/** A list row: what the case list and the to-do board show. */
export function presentListItem(row: CaseRow, names: Map<string, string>, rules: CaseRules, now = new Date()) {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    state: row.state,
    tier: row.tier,
    version: row.version,
    categoryCode: row.categoryCode,
    categoryName: rules.categories.get(row.categoryCode)?.name ?? row.categoryCode,
    classCode: row.classCode,
    className: rules.categories.get(row.classCode)?.name ?? row.classCode,
    matterClass: row.matterClass,
    urgency: row.urgency,
    source: row.source,
    address: row.address,
    lng: row.lng,
    lat: row.lat,
    gridCode: row.gridCode,
    communityCode: row.communityCode,
    communityName: row.communityCode ? (names.get(row.communityCode) ?? null) : null,
    streetCode: row.streetCode,
    streetName: row.streetCode ? (names.get(row.streetCode) ?? null) : null,
    dispatcherUnit: row.dispatcherUnit,
    handlingUnit: row.handlingUnit,
    handlingUnitName: row.handlingUnit ? (names.get(row.handlingUnit) ?? row.handlingUnit) : null,
    supervisionLevel: row.supervisionLevel,
    rating: row.rating,
    sla: slaView(row, now),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}

function presentTimeline(entries: TimelineRow[], showReporter: boolean, names: Map<string, string>) {
  return entries.map((t) => ({
    version: t.version,
    action: t.action,
    fromState: t.fromState,
    toState: t.toState,
    fromTier: t.fromTier,
    toTier: t.toTier,
    actorName: t.actorRole === 'resident' && !showReporter ? '报告人' : t.actorName,
    actorRole: t.actorRole,
    actorUnit: t.actorUnit,
    actorUnitName: t.actorUnit ? (names.get(t.actorUnit) ?? null) : null,
    at: t.at,
    reason: t.reason,
    text: t.text,
    photos: t.photos ?? [],
    targetUnit: t.targetUnit,
    targetUnitName: t.targetUnit ? (names.get(t.targetUnit) ?? null) : null,
    coUnits: t.coUnits ?? [],
    rating: t.rating,
    extension: t.extension,
    supervisionLevel: t.supervisionLevel,
    parentCaseId: t.parentCaseId,
    details: t.details,
  }));
}

/** One case as its page shows it: record, time limit, timeline, attachments, merged cases and the actions the actor may take. */
export async function getCase(deps: CaseDeps, actor: Actor, id: string, now = new Date()) {
  const { db } = deps;
  const row = await loadVisibleCase(db, actor, id);
  const rules = await loadCaseRules(db);
  const [timeline, attachments, children, parent] = await Promise.all([
    db.select().from(caseTimeline).where(eq(caseTimeline.caseId, id)).orderBy(asc(caseTimeline.version)),
    db.select().from(caseAttachments).where(eq(caseAttachments.caseId, id)).orderBy(asc(caseAttachments.createdAt)),
    db.select({ id: cases.id, number: cases.number, title: cases.title, createdAt: cases.createdAt }).from(cases).where(eq(cases.parentCaseId, id)),
    row.parentCaseId ? db.select({ id: cases.id, number: cases.number, title: cases.title }).from(cases).where(eq(cases.id, row.parentCaseId)).then((r) => r[0] ?? null) : Promise.resolve(null),
  ]);
  const names = await unitNames(db, [row.communityCode, row.streetCode, row.districtCode, row.gridCode, row.dispatcherUnit, row.handlingUnit, ...row.coUnits, ...timeline.flatMap((t) => [t.actorUnit, t.targetUnit, ...(t.coUnits ?? [])])]);
  const showReporter = seesReporter(actor, row);
  const config = workflowConfig(rules);
  const actions = [...new Set(caseActorsFor(actor, row).flatMap((a) => availableActions(snapshotOf(row), a, config)))];
  return {
    ...presentListItem(row, names, rules, now),
    description: row.description,
    districtCode: row.districtCode,
    gridName: row.gridCode ? (names.get(row.gridCode) ?? null) : null,
    dispatcherUnitName: row.dispatcherUnit ? (names.get(row.dispatcherUnit) ?? null) : null,
    coUnits: row.coUnits.map((code) => ({ code, name: names.get(code) ?? code })),
    reporter: showReporter
      ? {
          name: row.reporterName ? deps.pii.decrypt(row.reporterName) : null,
          phone: row.reporterPhone ? deps.pii.decrypt(row.reporterPhone) : null,
          userId: row.reporterUserId,
        }
      : null,
    reporterHidden: !showReporter && (row.reporterName !== null || row.reporterPhone !== null || row.reporterUserId !== null),
    reporterShared: row.reporterShared,
    residentIds: row.residentIds,
    houseIds: row.houseIds,
    peopleInvolved: row.peopleInvolved,
    amountInvolved: row.amountInvolved === null ? null : Number(row.amountInvolved),
    attributes: row.attributes,
    mediaUrl: row.mediaUrl,
    isPublic: row.isPublic,
    reopenCount: row.reopenCount,
    reworkCount: row.reworkCount,
    extensionCount: row.extensionCount,
    pendingExtension: row.pendingExtension,
    resolved: row.resolved,
    parent,
    mergedCases: children,
    attachments: attachments.map((a) => ({ id: a.id, mime: a.mime, size: a.size, originalName: a.originalName, hasThumbnail: a.hasThumbnail, createdAt: a.createdAt })),
    timeline: presentTimeline(timeline, showReporter, names),
    availableActions: actions,
  };
}

// ---------------------------------------------------------------------------- lists

export interface CaseListQuery {
  states?: CaseState[] | undefined;
  categoryCode?: string | undefined;
  classCode?: string | undefined;
  matterClass?: MatterClass | undefined;
  source?: CaseSource | undefined;
  tier?: string | undefined;
  urgency?: CaseUrgency | undefined;
  under?: string | undefined;
  handlingUnit?: string | undefined;
  overdue?: boolean | undefined;
  slaLevel?: SlaLevel | undefined;
  supervised?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
  /** My to-do: cases waiting for an action of the actor's units. */
  todo?: boolean | undefined;
  /** Cases I reported. */
  mine?: boolean | undefined;
  sort?: 'created_desc' | 'deadline_asc' | 'updated_desc' | undefined;
  page: number;
  pageSize: number;
}

/** The to-do condition: what waits for the actor's units (intake, dispatch, handling, verification). */
function todoCondition(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const g of actor.grants) {
    const unit = unitOfGrant(g);
    const underGrant = g.orgPath === '' ? sql`true` : sql`(${cases.orgPath} = ${g.orgPath} or ${cases.orgPath} like ${`${g.orgPath}.%`})`;
    switch (g.role) {
      case 'hotline_operator':
      case 'community_staff':
      case 'street_staff':
      case 'district_staff':
        parts.push(sql`(${cases.state} = 'reported' and ${underGrant})`);
        if (g.role !== 'hotline_operator') {
          parts.push(sql`(${cases.state} = 'accepted' and ${underGrant})`);
          parts.push(sql`(${cases.dispatcherUnit} = ${unit} and ${cases.state} in ('registered', 'handled'))`);
          parts.push(sql`(${cases.dispatcherUnit} = ${unit} and ${cases.pendingExtension} is not null)`);
          parts.push(sql`(${cases.handlingUnit} = ${unit} and ${cases.state} in ('dispatched', 'handling'))`);
        }
        break;
      case 'department_handler':
        parts.push(sql`(${cases.handlingUnit} = ${unit} and ${cases.state} in ('dispatched', 'handling'))`);
        break;
      case 'grid_worker':
        parts.push(sql`(${cases.handlingUnit} = ${unit} and ${cases.state} in ('dispatched', 'handling'))`);
        parts.push(sql`(${cases.gridCode} = ${unit} and ${cases.state} = 'handled')`);
        break;
      case 'resident':
        parts.push(sql`(${cases.reporterUserId} = ${actor.id} and ${cases.state} = 'closed')`);
        break;
      default:
        break;
    }
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

async function listConditions(db: Db, actor: Actor, q: Omit<CaseListQuery, 'page' | 'pageSize' | 'sort'>, now: Date): Promise<SQL> {
  const conditions: (SQL | undefined)[] = [visibleCases(actor)];
  if (q.states?.length) conditions.push(inArray(cases.state, q.states));
  if (q.categoryCode) conditions.push(eq(cases.categoryCode, q.categoryCode));
  if (q.classCode) conditions.push(eq(cases.classCode, q.classCode));
  if (q.matterClass) conditions.push(eq(cases.matterClass, q.matterClass));
  if (q.source) conditions.push(eq(cases.source, q.source));
  if (q.tier) conditions.push(eq(cases.tier, q.tier as CaseRow['tier']));
  if (q.urgency) conditions.push(eq(cases.urgency, q.urgency));
  if (q.under) {
    const unit = await findUnit(db, q.under);
    if (!unit) throw new AppError('NOT_FOUND', { what: q.under });
    conditions.push(unit.level === 'department' ? sql`${cases.handledBy} && ${sql.param([unit.code])}::text[]` : sql`(${cases.orgPath} like ${`${unit.orgPath}.%`} or ${cases.orgPath} = ${unit.orgPath})`);
  }
  if (q.handlingUnit) conditions.push(eq(cases.handlingUnit, q.handlingUnit));
  // The caller's clock, not the database's now(): a list at an injected time (tests, the demo) agrees with its sla views.
  if (q.overdue) conditions.push(sql`(${cases.overdueAt} is not null or ${cases.deadlineAt} < ${now.toISOString()})`);
  if (q.slaLevel) conditions.push(eq(cases.slaLevel, q.slaLevel));
  if (q.supervised) conditions.push(sql`${cases.supervisionLevel} is not null`);
  if (q.from) conditions.push(sql`${cases.createdAt} >= ${q.from.toISOString()}`);
  if (q.to) conditions.push(sql`${cases.createdAt} < ${q.to.toISOString()}`);
  if (q.q?.trim()) {
    const text = q.q.trim();
    const terms = searchTerms(text);
    conditions.push(
      /^[A-Za-z]{1,4}\d{8}-\d{1,7}$/.test(text)
        ? eq(cases.number, text)
        : terms.length
          ? sql`${cases.searchVector} @@ to_tsquery('simple', ${terms.map((t) => `'${t.replace(/'/g, "''")}'`).join(' & ')})`
          : sql`false`,
    );
  }
  if (q.todo) conditions.push(todoCondition(actor));
  if (q.mine) conditions.push(actor.id ? sql`(${cases.reporterUserId} = ${actor.id} or ${cases.createdBy} = ${caseActorId(actor)})` : sql`false`);
  return and(...conditions) as SQL;
}

const sorts = {
  created_desc: [desc(cases.createdAt), desc(cases.id)],
  updated_desc: [desc(cases.updatedAt), desc(cases.id)],
  deadline_asc: [sql`${cases.deadlineAt} asc nulls last`, desc(cases.createdAt)],
} as const;

const COUNT_CAP = 10_000;

/** The case list with filters and paging, in the actor's scope. */
export async function listCases(deps: Pick<CaseDeps, 'db'>, actor: Actor, q: CaseListQuery, now = new Date()) {
  const { db } = deps;
  requirePermission(actor, 'case.read');
  const where = await listConditions(db, actor, q, now);
  const rules = await loadCaseRules(db);
  // Counting a whole district's million cases costs more than the page itself: count up to
  // a cap, and say when the real total is larger (the list shows "10000+").
  const [rows, [count]] = await Promise.all([
    db.select().from(cases).where(where).orderBy(...sorts[q.sort ?? 'created_desc']).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from (select 1 from ${cases} where ${where} limit ${COUNT_CAP + 1}) capped`),
  ]);
  const names = await unitNames(db, rows.flatMap((r) => [r.communityCode, r.streetCode, r.handlingUnit]));
  const total = Math.min(count?.total ?? 0, COUNT_CAP);
  return { items: rows.map((r) => presentListItem(r, names, rules, now)), total, totalCapped: (count?.total ?? 0) > COUNT_CAP, page: q.page, pageSize: q.pageSize };
}

/** Rows for an export, in batches (the caller writes them out). */
export async function* casesForExport(deps: Pick<CaseDeps, 'db'>, actor: Actor, q: Omit<CaseListQuery, 'page' | 'pageSize'>, max: number, now = new Date()) {
  const { db } = deps;
  requirePermission(actor, 'case.read');
  const where = await listConditions(db, actor, q, now);
  const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(cases).where(where);
  if ((count?.total ?? 0) > max) throw new AppError('CASE_EXPORT_TOO_LARGE', { total: count?.total, max });
  const rules = await loadCaseRules(db);
  const batch = 2000;
  for (let offset = 0; ; offset += batch) {
    const rows = await db.select().from(cases).where(where).orderBy(...sorts[q.sort ?? 'created_desc']).limit(batch).offset(offset);
    if (rows.length === 0) return;
    const names = await unitNames(db, rows.flatMap((r) => [r.communityCode, r.streetCode, r.handlingUnit]));
    yield rows.map((r) => presentListItem(r, names, rules, now));
    if (rows.length < batch) return;
  }
}

// ---------------------------------------------------------------------------- routing proposal

/**
 * Who should handle the case, for the dispatch form: a government matter (政府大事) goes
 * to the unit the responsibility matrix names; community and private matters (社区小事 /
 * 居民私事) stay in the community (its grid for a grid-level case).
 */
export async function proposeDispatch(deps: Pick<CaseDeps, 'db'>, actor: Actor, id: string) {
  const { db } = deps;
  const row = await loadVisibleCase(db, actor, id);
  const rule = await findResponsibleUnit(db, row.orgPath, row.categoryCode, row.classCode);
  let unitCode: string | null = null;
  let coUnitCodes: string[] = [];
  let basis: 'matrix' | 'matter_class' | 'none' = 'none';
  if (row.matterClass === 'government' && rule) {
    unitCode = rule.unitCode;
    coUnitCodes = rule.coUnitCodes;
    basis = 'matrix';
  } else if (row.matterClass !== 'government') {
    unitCode = row.communityCode ?? row.streetCode;
    basis = 'matter_class';
  } else if (rule) {
    unitCode = rule.unitCode;
    basis = 'matrix';
  }
  const names = await unitNames(db, [unitCode, ...coUnitCodes]);
  return {
    matterClass: row.matterClass,
    basis,
    unit: unitCode ? { code: unitCode, name: names.get(unitCode) ?? unitCode } : null,
    coUnits: coUnitCodes.map((code) => ({ code, name: names.get(code) ?? code })),
    ruleId: rule?.id ?? null,
    ruleNode: rule?.nodeCode ?? null,
  };
}

// ---------------------------------------------------------------------------- attachments

/** Stores an uploaded photo or document (checked by content), for a case or a case yet to be reported. */
export async function uploadAttachment(deps: CaseDeps, actor: Actor, input: { bytes: Buffer; filename: string; caseId?: string | undefined }) {
  const { db } = deps;
  if (!hasPermission(actor, 'case.report') && !hasPermission(actor, 'case.handle')) throw new AppError('FORBIDDEN', { permission: 'case.report' });
  if (input.caseId) await loadVisibleCase(db, actor, input.caseId);
  const stored = storeFile(deps.dataDir, input.bytes);
  const [row] = await db
    .insert(caseAttachments)
    .values({ caseId: input.caseId ?? null, storageKey: stored.key, mime: stored.mime, size: stored.size, sha256: stored.sha256, originalName: input.filename.slice(0, 200), uploadedBy: uploaderKey(actor) })
    .returning();
  if (canThumbnail(stored.mime)) await enqueueJob(db, 'cases.thumbnail', { attachmentId: row?.id, key: stored.key, mime: stored.mime });
  return { id: row?.id as string, mime: stored.mime, size: stored.size, hasThumbnail: false };
}

/** An attachment's bytes (or its thumbnail) for someone who may see its case (or who uploaded it). */
export async function readAttachment(deps: CaseDeps, actor: Actor, id: string, thumbnail: boolean) {
  const { db } = deps;
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND', { what: id });
  const [row] = await db.select().from(caseAttachments).where(eq(caseAttachments.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: id });
  if (row.caseId) await loadVisibleCase(db, actor, row.caseId);
  else if (row.uploadedBy !== uploaderKey(actor)) throw new AppError('OUT_OF_SCOPE', { permission: 'case.read' });
  if (thumbnail && row.hasThumbnail) return { bytes: readStoredFile(deps.dataDir, thumbnailKey(row.storageKey)), mime: 'image/jpeg' };
  return { bytes: readStoredFile(deps.dataDir, row.storageKey), mime: row.mime };
}

// ---------------------------------------------------------------------------- hotline and public follow-up

/** Earlier cases of a caller (by phone), newest first, for the hotline operator's screen. */
export async function callerHistory(deps: CaseDeps, actor: Actor, phone: string) {
  const { db } = deps;
  requirePermission(actor, 'case.report');
  const normalised = normalisePhone(phone);
  const rows = await db
    .select()
    .from(cases)
    .where(and(eq(cases.reporterPhoneHash, deps.pii.lookupHash(normalised)), visibleCases(actor)))
    .orderBy(desc(cases.createdAt))
    .limit(20);
  const rules = await loadCaseRules(db);
  const names = await unitNames(db, rows.flatMap((r) => [r.communityCode, r.streetCode, r.handlingUnit]));
  const lastName = rows.find((r) => r.reporterName)?.reporterName;
  return {
    phone: normalised,
    callerName: lastName ? deps.pii.decrypt(lastName) : null,
    cases: rows.map((r) => presentListItem(r, names, rules)),
  };
}

/** The case a member of the public follows with its number and the phone they gave (办理过程可查询). */
async function trackedCase(deps: CaseDeps, number: string, phone: string): Promise<CaseRow> {
  const normalised = normalisePhone(phone);
  const [row] = await deps.db.select().from(cases).where(eq(cases.number, number.trim().toUpperCase()));
  const hash = deps.pii.lookupHash(normalised);
  // Compare in constant time so the answer does not tell how close a guess was.
  if (!row || !row.reporterPhoneHash || !crypto.timingSafeEqual(Buffer.from(row.reporterPhoneHash), Buffer.from(hash))) {
    throw new AppError('CASE_TRACKING_FAILED');
  }
  return row;
}

const publicActions = new Set<TimelineAction>(['report', 'accept', 'reject', 'register', 'dispatch', 'acknowledge', 'feedback', 'verify_pass', 'verify_fail', 'rate', 'reopen', 'suspend', 'resume', 'escalate', 'merge', 'approve_extension']);

/** The public view of a followed case: state, steps with units (no staff names), and whether it can be rated. */
export async function trackCase(deps: CaseDeps, number: string, phone: string, now = new Date()) {
  const row = await trackedCase(deps, number, phone);
  const rules = await loadCaseRules(deps.db);
  const timeline = await deps.db.select().from(caseTimeline).where(eq(caseTimeline.caseId, row.id)).orderBy(asc(caseTimeline.version));
  const names = await unitNames(deps.db, [row.handlingUnit, row.communityCode, ...timeline.flatMap((t) => [t.actorUnit, t.targetUnit])]);
  return {
    number: row.number,
    title: row.title,
    state: row.state,
    categoryName: rules.categories.get(row.categoryCode)?.name ?? row.categoryCode,
    address: row.address,
    createdAt: row.createdAt,
    handlingUnitName: row.handlingUnit ? (names.get(row.handlingUnit) ?? null) : null,
    expectedAt: row.deadlineAt,
    rating: row.rating,
    canRate: row.state === 'closed',
    steps: timeline
      .filter((t) => publicActions.has(t.action))
      .map((t) => ({
        action: t.action,
        at: t.at,
        unitName: t.actorUnit ? (names.get(t.actorUnit) ?? null) : null,
        targetUnitName: t.targetUnit ? (names.get(t.targetUnit) ?? null) : null,
        text: ['feedback', 'reject', 'verify_pass'].includes(t.action) ? (t.text ?? t.reason) : null,
        photos: t.action === 'feedback' ? (t.photos?.length ?? 0) : 0,
      })),
    now,
  };
}

/** A rating given on the public follow-up page, with the number and phone as proof of being the reporter. */
export async function rateTrackedCase(deps: CaseDeps, input: { number: string; phone: string; rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied'; text?: string | undefined; resolved?: boolean | undefined }) {
  const row = await trackedCase(deps, input.number, input.phone);
  const reporterId = snapshotOf(row).reporterId as string;
  const actor: Actor = { kind: 'user', id: row.reporterUserId, name: '报告人', grants: [], mustChangePassword: false };
  const rules = await loadCaseRules(deps.db);
  const now = new Date();
  const caseActor: CaseActor = { id: reporterId, roles: ['resident'], unitId: null };
  const result = applyAction(snapshotOf(row), 'rate', caseActor, { rating: input.rating, ...(input.text ? { text: input.text } : {}) }, workflowConfig(rules), now);
  if (!result.ok) throw workflowError(result.code, result.details);
  const { extra, details } = extraColumns(row, result.timelineEntry, { action: 'rate', resolved: input.resolved }, now);
  await deps.db.transaction(async (tx) => {
    const updated = await commitTransition(tx, deps, rules, row, { next: result.next, entry: result.timelineEntry, actorName: shownName(actor), extra, details: { ...details, via: 'public' } }, [], now);
    if (input.rating === 'unsatisfied' && rules.settings.reopenOnUnsatisfied) {
      const reopened = applyAction(result.next, 'reopen', caseActor, { reason: input.text?.trim() || '评价不满意，案件重启' }, workflowConfig(rules), now);
      if (reopened.ok) {
        await commitTransition(tx, deps, rules, updated, { next: reopened.next, entry: reopened.timelineEntry, actorName: shownName(actor), extra: { closedAt: null, resolved: null }, details: { automatic: true } }, [], now);
      }
    }
  });
  return trackCase(deps, input.number, input.phone);
}

export { loadCase };
