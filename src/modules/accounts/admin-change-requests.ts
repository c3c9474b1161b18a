// Changes to administrators' accounts under the two-person rule (two-person-rule.ts): one
// administrator asks, another security administrator approves or rejects; every step is audited.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { countAll, listPage, offsetOf } from '../../platform/list-page.ts';
import { adminChangeRequests, roleGrants, users } from '../../platform/auth/schema.ts';
import type { Permission } from '../../platform/auth/roles.ts';
import { requirePermission, type Actor } from '../../platform/auth/scope.ts';
import type { AdminChangeAction, AdminChangeRequestInput, AdminChangeRequestPage, AdminChangeRequestView, ApprovedAdminChange } from './contract.ts';
import { applyGrantRole, applyResetPassword, applyRevokeRole, applyUnlock, applyUpdateUser, checkGrant, userOrThrow } from './service.ts';

/** The permission a person needs to ask for each change (the same as to make it directly). */
const permissionFor: Record<AdminChangeAction, Permission> = {
  reset_password: 'user.reset_password',
  unlock: 'user.unlock',
  disable: 'user.write',
  enable: 'user.write',
  grant_role: 'role.grant',
  revoke_role: 'role.grant',
};

type RequestRow = typeof adminChangeRequests.$inferSelect;

async function present(db: Db, rows: RequestRow[]): Promise<AdminChangeRequestView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.userId, r.requestedBy, ...(r.decidedBy ? [r.decidedBy] : [])]))];
  const names = new Map(ids.length ? (await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.username]) : []);
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    username: names.get(r.userId) ?? r.userId,
    action: r.action as AdminChangeAction,
    details: r.details as Record<string, unknown>,
    requestedBy: r.requestedBy,
    requestedByName: names.get(r.requestedBy) ?? r.requestedBy,
    requestedAt: r.requestedAt,
    status: r.status as AdminChangeRequestView['status'],
    decidedBy: r.decidedBy,
    decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? r.decidedBy) : null,
    decidedAt: r.decidedAt,
  }));
}

/** Asks for a change to an account; it waits for another security administrator's approval. */
export async function requestAdminChange(db: Db, actor: Actor, userId: string, input: AdminChangeRequestInput): Promise<AdminChangeRequestView> {
  requirePermission(actor, permissionFor[input.action]);
  if (!actor.id) throw new AppError('FORBIDDEN');
  await userOrThrow(db, userId);
  const { action, ...details } = input;
  if (input.action === 'grant_role') await checkGrant(db, actor, userId, input);
  if (input.action === 'revoke_role') {
    const [grant] = await db.select({ role: roleGrants.role }).from(roleGrants).where(and(eq(roleGrants.id, input.grantId), eq(roleGrants.userId, userId)));
    if (!grant) throw new AppError('NOT_FOUND', { what: input.grantId });
    Object.assign(details, { role: grant.role });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(adminChangeRequests).values({ userId, action, details, requestedBy: actor.id as string }).returning();
    await recordAudit(tx, actor, { action: 'user.change.request', targetType: 'user', targetId: userId, details: { changeRequestId: row?.id, change: action, ...details } });
    return (await present(tx, [row as RequestRow]))[0] as AdminChangeRequestView;
  });
}

/** Requests, newest first, optionally of one status. */
export async function listAdminChanges(db: Db, actor: Actor, q: { status?: AdminChangeRequestView['status'] | undefined; page: number; pageSize: number }): Promise<AdminChangeRequestPage> {
  requirePermission(actor, 'user.read');
  const where = q.status ? eq(adminChangeRequests.status, q.status) : undefined;
  return listPage(
    q,
    db.select().from(adminChangeRequests).where(where).orderBy(desc(adminChangeRequests.requestedAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(adminChangeRequests).where(where),
    (rows) => present(db, rows),
  );
}

/** Claims a pending request for a decision by someone other than its requester and its account. */
async function claim(db: Db, actor: Actor, id: string, status: 'approved' | 'rejected'): Promise<RequestRow> {
  requirePermission(actor, 'user.approve_change');
  const [request] = await db.select().from(adminChangeRequests).where(eq(adminChangeRequests.id, id));
  if (!request || request.status !== 'pending') throw new AppError('NOT_FOUND', { what: id });
  if (request.requestedBy === actor.id || request.userId === actor.id) {
    await recordAudit(db, actor, { action: `user.change.${status === 'approved' ? 'approve' : 'reject'}`, result: 'denied', targetType: 'user', targetId: request.userId, details: { changeRequestId: id, reason: 'two_person_rule' } });
    throw new AppError('TWO_PERSON_RULE', { action: request.action });
  }
  const [claimed] = await db
    .update(adminChangeRequests)
    .set({ status, decidedBy: actor.id, decidedAt: new Date() })
    .where(and(eq(adminChangeRequests.id, id), eq(adminChangeRequests.status, 'pending')))
    .returning();
  if (!claimed) throw new AppError('NOT_FOUND', { what: id });
  return claimed;
}

/** Approves a request and makes the change, as one transaction; a reset's new password is returned once. */
export async function approveAdminChange(db: Db, actor: Actor, id: string): Promise<ApprovedAdminChange> {
  return db.transaction(async (tx) => {
    const request = await claim(tx, actor, id, 'approved');
    const audit = { changeRequestId: id, requestedBy: request.requestedBy };
    const details = request.details as Record<string, string | undefined>;
    let initialPassword: string | undefined;
    switch (request.action as AdminChangeAction) {
      case 'reset_password':
        initialPassword = (await applyResetPassword(tx, actor, request.userId, audit)).initialPassword;
        break;
      case 'unlock':
        await applyUnlock(tx, actor, request.userId, audit);
        break;
      case 'disable':
      case 'enable':
        await applyUpdateUser(tx, actor, request.userId, { disabled: request.action === 'disable' }, audit);
        break;
      case 'grant_role':
        await applyGrantRole(tx, actor, request.userId, { role: details.role as never, orgCode: details.orgCode }, audit);
        break;
      case 'revoke_role':
        await applyRevokeRole(tx, actor, request.userId, details.grantId as string, audit);
        break;
    }
    await recordAudit(tx, actor, { action: 'user.change.approve', targetType: 'user', targetId: request.userId, details: { ...audit, change: request.action } });
    const [view] = await present(tx, [request]);
    return { request: view as AdminChangeRequestView, ...(initialPassword ? { initialPassword } : {}) };
  });
}

/** Rejects a request; nothing changes. */
export async function rejectAdminChange(db: Db, actor: Actor, id: string): Promise<AdminChangeRequestView> {
  return db.transaction(async (tx) => {
    const request = await claim(tx, actor, id, 'rejected');
    await recordAudit(tx, actor, { action: 'user.change.reject', targetType: 'user', targetId: request.userId, details: { changeRequestId: id, requestedBy: request.requestedBy, change: request.action } });
    return (await present(tx, [request]))[0] as AdminChangeRequestView;
  });
}
