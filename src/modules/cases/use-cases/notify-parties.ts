// Who hears of what happens to a case: in-app notifications to the org units concerned and
// the reporter, SMS for what a member of the public follows. Written in the transaction
// that made the change.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { coversPath } from '../../../platform/auth/scope.ts';
import { roleGrants } from '../../../platform/auth/schema.ts';
import type { Role } from '../../../platform/auth/roles.ts';
import { notifyUsers, queueChannelMessage, type MessageKind } from '../../notifications/index.ts';
import { orgPathsOf } from '../../org/index.ts';
import type { TimelineAction } from '../contract.ts';
import { cases, type CaseRow } from '../schema.ts';
import type { CaseDeps } from './common.ts';


const staffRoles = ['community_staff', 'street_staff', 'district_staff', 'department_handler', 'grid_worker', 'hotline_operator', 'leader'];

// Who works at an org unit changes rarely; intake asks for every case. A few seconds' delay in
// a new colleague's first notification is the price of one query less per transition.
const orgUnitUsersCaches = new WeakMap<Db, Map<string, { at: number; users: string[] }>>();
const ORG_UNIT_USERS_TTL_MS = 10_000;

/** Users holding a staff role exactly on one of these org units. */
async function orgUnitUsers(db: Db, orgUnitCodes: readonly (string | null)[], roles: readonly string[] = staffRoles, cacheDb: Db = db): Promise<string[]> {
  const codes = [...new Set(orgUnitCodes.filter((c): c is string => !!c))].sort();
  if (codes.length === 0) return [];
  const key = `${codes.join(',')}|${roles.join(',')}`;
  let usersCache = orgUnitUsersCaches.get(cacheDb);
  if (!usersCache) orgUnitUsersCaches.set(cacheDb, (usersCache = new Map()));
  const hit = usersCache.get(key);
  if (hit && Date.now() - hit.at < ORG_UNIT_USERS_TTL_MS) return hit.users;
  const users = await queryOrgUnitUsers(db, codes, roles);
  if (usersCache.size > 5_000) usersCache.clear();
  usersCache.set(key, { at: Date.now(), users });
  return users;
}

async function queryOrgUnitUsers(db: Db, codes: string[], roles: readonly string[]): Promise<string[]> {
  const paths = await orgPathsOf(db, codes);
  if (paths.length === 0) return [];
  const rows = await db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(inArray(roleGrants.role, [...roles] as Role[]), inArray(roleGrants.orgPath, paths)));
  return rows.map((r) => r.userId);
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
const smsEvents = new Set<TimelineAction>(['accept', 'dispatch', 'reject', 'verify_pass', 'reopen']);

/** The SMS a reporter gets for an event: the message kind and its variables. */
function smsMessageOf(a: TimelineAction, row: CaseRow): { kind: MessageKind; params: Record<string, string> } {
  const params = { number: row.number, title: row.title.slice(0, 20) };
  if (a === 'dispatch') return { kind: 'case.dispatched', params };
  if (a === 'reject') return { kind: 'case.closed', params: { ...params, result: '不予受理' } };
  if (a === 'verify_pass') return { kind: 'case.rate', params };
  return { kind: 'case.received', params };
}

type PartyEntry = { action: TimelineAction; actorId: string | null; targetUnit?: string | null; text?: string | null; supervisionLevel?: string | null };
type PartyPlace = Pick<CaseRow, 'communityCode' | 'gridCode' | 'dispatcherUnit' | 'handlingUnit' | 'coUnits' | 'orgPath'>;

/**
 * The staff who hear of an event by the units of the case (not its reporters). Intake asks
 * before its transaction, so the transaction holds no lock while they are looked up.
 */
export async function unitRecipientsOf(db: Db, deps: Pick<CaseDeps, 'db'>, row: PartyPlace, entry: PartyEntry): Promise<string[]> {
  const a = entry.action;
  const recipients: string[] = [];
  const handling = [row.handlingUnit, ...row.coUnits];
  switch (a) {
    case 'report':
      recipients.push(...(await orgUnitUsers(db, [row.communityCode, row.gridCode], ['community_staff'], deps.db)));
      break;
    case 'return':
    case 'request_extension':
    case 'reopen':
      recipients.push(...(await orgUnitUsers(db, [row.dispatcherUnit], staffRoles, deps.db)));
      break;
    case 'feedback':
      recipients.push(...(await orgUnitUsers(db, [row.dispatcherUnit], staffRoles, deps.db)), ...(await orgUnitUsers(db, [row.gridCode], ['grid_worker'], deps.db)));
      break;
    case 'dispatch':
    case 'verify_fail':
    case 'approve_extension':
    case 'reject_extension':
      recipients.push(...(await orgUnitUsers(db, handling, staffRoles, deps.db)));
      break;
    case 'rate':
    case 'supervise':
    case 'instruct':
      recipients.push(...(await orgUnitUsers(db, [...handling, row.dispatcherUnit], staffRoles, deps.db)));
      break;
    case 'warning':
    case 'overdue':
      // Before registration nobody dispatches yet: the community's intake staff hear of it.
      recipients.push(...(await orgUnitUsers(db, row.dispatcherUnit ? [...handling, row.dispatcherUnit] : [row.communityCode], row.dispatcherUnit ? staffRoles : ['community_staff'], deps.db)));
      break;
    case 'auto_supervise':
      recipients.push(...(await orgUnitUsers(db, [...handling, row.dispatcherUnit], staffRoles, deps.db)));
      if (entry.supervisionLevel === 'red') recipients.push(...(await leadersOf(db, row.orgPath)));
      break;
    case 'escalate':
      recipients.push(...(await orgUnitUsers(db, [entry.targetUnit ?? row.dispatcherUnit], staffRoles, deps.db)));
      break;
    default:
      break;
  }
  return recipients;
}

/** Tells everyone concerned about a timeline event (in the transaction that made it); `unitRecipients` when looked up before it. */
export async function notifyParties(db: Db, deps: Pick<CaseDeps, 'pii' | 'db'>, row: CaseRow, entry: PartyEntry, unitRecipients?: string[]): Promise<void> {
  const a = entry.action;
  const recipients = [...(unitRecipients ?? (await unitRecipientsOf(db, deps, row, entry)))];
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
      await queueChannelMessage(db, deps, { channel: 'sms', to: deps.pii.decrypt(phone), ...smsMessageOf(a, row) });
    }
  }
}
