// An application as its page shows it, and the list: the applicant's ID number and phone
// always masked (a reveal answers separately), materials with their state, the timeline,
// the deadline state and the actions the reader may take now.
import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, lt, not, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/scope.ts';
import { countAll, listPage, offsetOf, type ListPage, type PageRequest } from '../../../platform/list-page.ts';
import { maskIdNumber, maskMobile } from '../../registry/index.ts';
import { orgUnitNames } from '../../org/index.ts';
import { applicationActions, type Application, type ApplicationAction, type ApplicationListItem, type ApplicationStatus, type DeadlineState, type ServiceItem } from '../contract.ts';
import { getItem } from '../catalogue/items.ts';
import { applicationEvents, serviceApplications, serviceItemVersions } from '../schema.ts';
import { coversApplication, isApplicant, loadVisible, visibleApplications, type ApplicationRow, type ServiceDeps } from './common.ts';
import { materialStates } from './material-rules.ts';
import { filesOf } from './materials.ts';
import { deadlineState, transitions } from './workflow.ts';

/** Where the application stands against its promised deadline now. */
export function deadlineOf(row: Pick<ApplicationRow, 'status' | 'dueAt' | 'warnedAt' | 'overdueAt' | 'finishedAt' | 'updatedAt'>, now = new Date()): DeadlineState {
  const decided = row.status === 'approved' || row.status === 'refused' || row.status === 'delivered' || row.status === 'rated' ? row.finishedAt ?? row.updatedAt : null;
  return deadlineState(row.status, row.dueAt, row.warnedAt, now, decided, row.overdueAt);
}

/** The actions the actor may take on the application now. */
export function allowedActions(actor: Actor, row: ApplicationRow): ApplicationAction[] {
  return applicationActions.filter((a) => {
    const t = transitions[a];
    if (!t.from.includes(row.status)) return false;
    return coversApplication(actor, t.permission, row) || (t.applicant === true && isApplicant(actor, row));
  });
}

function applicantOf(pii: ServiceDeps['pii'], row: ApplicationRow) {
  return { name: row.applicantName, idNumber: maskIdNumber(pii.decrypt(row.idNumberEnc)), phone: maskMobile(pii.decrypt(row.phoneEnc)), revealed: false, residentId: row.residentId };
}

/** One application, for someone who may see it. */
export async function presentApplication(deps: ServiceDeps, actor: Actor, row: ApplicationRow, item?: ServiceItem): Promise<Application> {
  const version = item ?? (await getItem(deps.db, row.itemCode, row.itemVersion));
  const [files, events, names] = await Promise.all([
    filesOf(deps.db, [row.id]),
    deps.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, row.id)).orderBy(asc(applicationEvents.at)),
    orgUnitNames(deps.db, [row.unitCode, row.communityCode]),
  ]);
  const mine = files.get(row.id) ?? [];
  const held = { supplied: new Set(mine.map((f) => f.materialKey ?? '')), deferred: row.deferred, committed: row.committed };
  return {
    number: row.number,
    itemCode: row.itemCode,
    itemVersion: row.itemVersion,
    itemName: version.name,
    bundleNumber: row.bundleNumber,
    status: row.status,
    channel: row.channel,
    unitCode: row.unitCode,
    unitName: names.get(row.unitCode) ?? row.unitCode,
    communityCode: row.communityCode,
    communityName: names.get(row.communityCode) ?? row.communityCode,
    departmentCode: version.departmentCode,
    applicant: applicantOf(deps.pii, row),
    form: row.form,
    materials: materialStates(version.materials, held).map((m) => ({ ...m, files: mine.filter((f) => f.materialKey === m.key).map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size })) })),
    correction: row.correction ? { missing: row.correction.missing, note: row.correction.note, at: new Date(row.correction.at) } : null,
    reason: row.reason,
    submittedAt: row.submittedAt,
    acceptedAt: row.acceptedAt,
    dueAt: row.dueAt,
    deadline: deadlineOf(row),
    finishedAt: row.finishedAt,
    timeline: events.map((e) => ({ at: e.at, status: e.status, action: e.action, actorName: e.actorName, note: e.note })),
    allowedActions: allowedActions(actor, row),
  };
}

/** One application by number. */
export async function getApplication(deps: ServiceDeps, actor: Actor, number: string): Promise<Application> {
  return presentApplication(deps, actor, await loadVisible(deps.db, actor, number));
}

export interface ApplicationFilter extends PageRequest {
  status?: ApplicationStatus | undefined;
  itemCode?: string | undefined;
  deadline?: DeadlineState | undefined;
  q?: string | undefined;
  mine?: boolean;
}

const running = inArray(serviceApplications.status, ['accepted', 'under_review']);

/** Applications in a deadline state, as deadlineOf sees them (the job keeps warnedAt and overdueAt). */
function deadlineCondition(state: DeadlineState): SQL {
  const a = serviceApplications;
  const overdue = or(and(running, lt(a.dueAt, sql`now()`)), isNotNull(a.overdueAt))!;
  if (state === 'none') return isNull(a.dueAt);
  if (state === 'overdue') return overdue;
  if (state === 'warning') return and(running, isNotNull(a.warnedAt), not(overdue))!;
  return and(isNotNull(a.dueAt), not(overdue), or(not(running), isNull(a.warnedAt)))!;
}

/** The condition of a list: scope (or the resident's own) and the filters. */
export function listCondition(actor: Actor, f: Omit<ApplicationFilter, 'page' | 'pageSize'>): SQL {
  const where: SQL[] = [visibleApplications(actor, f.mine ?? false)];
  if (f.status) where.push(eq(serviceApplications.status, f.status));
  if (f.itemCode) where.push(eq(serviceApplications.itemCode, f.itemCode));
  if (f.deadline) where.push(deadlineCondition(f.deadline));
  if (f.q) where.push(or(eq(serviceApplications.number, f.q.toUpperCase()), ilike(serviceApplications.applicantName, `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`))!);
  return and(...where)!;
}

/** List items for rows (item names from their versions). */
export async function presentListItems(deps: ServiceDeps, rows: ApplicationRow[]): Promise<ApplicationListItem[]> {
  const codes = [...new Set(rows.map((r) => r.itemCode))];
  const [versions, names] = await Promise.all([
    codes.length ? deps.db.select({ code: serviceItemVersions.code, version: serviceItemVersions.version, name: serviceItemVersions.name }).from(serviceItemVersions).where(inArray(serviceItemVersions.code, codes)) : [],
    orgUnitNames(deps.db, rows.flatMap((r) => [r.unitCode, r.communityCode])),
  ]);
  const nameOf = (r: ApplicationRow) => versions.find((v) => v.code === r.itemCode && v.version === r.itemVersion)?.name ?? r.itemCode;
  return rows.map((r) => ({
    number: r.number,
    itemCode: r.itemCode,
    itemName: nameOf(r),
    bundleNumber: r.bundleNumber,
    status: r.status,
    channel: r.channel,
    unitName: names.get(r.unitCode) ?? r.unitCode,
    communityName: names.get(r.communityCode) ?? r.communityCode,
    applicant: applicantOf(deps.pii, r),
    submittedAt: r.submittedAt,
    dueAt: r.dueAt,
    deadline: deadlineOf(r),
  }));
}

/** A page of applications in the actor's scope (or their own), newest first. */
export async function listApplications(deps: ServiceDeps, actor: Actor, f: ApplicationFilter): Promise<ListPage<ApplicationListItem>> {
  const where = listCondition(actor, f);
  return listPage(
    f,
    deps.db.select().from(serviceApplications).where(where).orderBy(desc(serviceApplications.submittedAt), desc(serviceApplications.number)).limit(f.pageSize).offset(offsetOf(f)),
    deps.db.select(countAll).from(serviceApplications).where(where),
    (rows) => presentListItems(deps, rows),
  );
}
