// Calls for projects: a need becomes a call with a budget, criteria and an expert panel;
// staff close it for review. Staff see calls in their part of the tree, organisations the
// open calls of the streets and districts they serve, experts the calls they review.
import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { roleGrants, users } from '../../../platform/auth/schema.ts';
import { assertInScope, inScope, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { findOrgUnit } from '../../org/index.ts';
import type { CallListQuery, CallView, CreateCallBody } from '../contract/projects.ts';
import { projectApplications, projectCalls, projectPanel } from '../schema/projects.ts';
import { addEvent, invalid, loadCall, yuan, type CallRow } from './common.ts';

async function present(db: Db, rows: CallRow[]): Promise<CallView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const panel = await db.select().from(projectPanel).where(inArray(projectPanel.callId, ids));
  const apps = await db
    .select({ callId: projectApplications.callId, n: count(), awarded: sql<number>`coalesce(sum(${projectApplications.awardedFen}), 0)::bigint` })
    .from(projectApplications)
    .where(inArray(projectApplications.callId, ids))
    .groupBy(projectApplications.callId);
  return rows.map((r) => {
    const a = apps.find((x) => x.callId === r.id);
    const { orgPath: _orgPath, createdBy: _createdBy, ...shown } = r;
    return { ...shown, panel: panel.filter((p) => p.callId === r.id).map((p) => ({ userId: p.userId, name: p.name })), applications: a?.n ?? 0, awardedFen: Number(a?.awarded ?? 0) };
  });
}

/** Experts (holders of the expert reviewer role) granted in or above the actor's part of the tree. */
export async function listExperts(db: Db, actor: Actor): Promise<{ userId: string; username: string; name: string }[]> {
  const paths = scopePaths(actor, 'community.projects');
  const related = paths.includes('') ? sql`true` : or(inScope(actor, 'community.projects', roleGrants.orgPath), inArray(roleGrants.orgPath, ancestorsOf(paths)));
  const rows = await db
    .selectDistinct({ userId: users.id, username: users.username, name: users.displayName })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, 'expert_reviewer'), eq(users.disabled, false), related))
    .orderBy(users.username)
    .limit(500);
  return rows;
}

/** The org paths above these ones ('' excluded): where a call an organisation below may answer sits. */
export function ancestorsOf(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const parts = p.split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return [...out];
}

/** Opens a call: budget, criteria, closing day and panel (usernames of expert reviewers). */
export async function createCall(db: Db, actor: Actor, body: CreateCallBody): Promise<CallView> {
  const orgUnit = await findOrgUnit(db, body.orgCode);
  if (!orgUnit) throw invalid([{ field: 'body.orgCode', message: '没有这个单位 / no such org unit' }]);
  assertInScope(actor, 'community.projects', orgUnit.orgPath);
  const experts = await db
    .selectDistinct({ id: users.id, username: users.username, name: users.displayName })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .where(and(inArray(users.username, body.panel), eq(roleGrants.role, 'expert_reviewer'), eq(users.disabled, false)));
  const missing = body.panel.filter((u) => !experts.some((e) => e.username === u));
  if (missing.length) throw invalid([{ field: 'body.panel', message: `不是评审专家：${missing.join('、')} / not expert reviewers` }]);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projectCalls)
      .values({ orgCode: orgUnit.code, orgPath: orgUnit.orgPath, orgName: orgUnit.name, kind: body.kind, title: body.title, need: body.need, needSource: body.needSource, budgetFen: body.budgetFen, criteria: body.criteria, closesOn: body.closesOn, createdBy: actor.id })
      .returning({ id: projectCalls.id });
    await tx.insert(projectPanel).values(experts.map((e) => ({ callId: row!.id, userId: e.id, name: e.name })));
    await addEvent(tx, actor, { callId: row!.id, kind: 'call.open', summary: `发布项目“${body.title}”，资金 ${yuan(body.budgetFen)}，评审专家 ${experts.length} 人` });
    await recordAudit(tx, actor, { action: 'community.project_call.create', targetType: 'project_call', targetId: row!.id, orgPath: orgUnit.orgPath, details: { budgetFen: body.budgetFen } });
    return row!.id;
  });
  return getCall(db, actor, id);
}

/** One call the actor may see as staff. */
export async function getCall(db: Db, actor: Actor, id: string): Promise<CallView> {
  const row = await loadCall(db, id);
  assertInScope(actor, 'community.projects', row.orgPath);
  return (await present(db, [row]))[0]!;
}

/** Closes a call to applications: the panel may then score. */
export async function closeCall(db: Db, actor: Actor, id: string): Promise<CallView> {
  const row = await loadCall(db, id);
  assertInScope(actor, 'community.projects', row.orgPath);
  if (row.status !== 'open') throw new AppError('CONFLICT', { reason: '项目已截止申报 / already closed' });
  await db.transaction(async (tx) => {
    await tx.update(projectCalls).set({ status: 'reviewing' }).where(eq(projectCalls.id, id));
    await addEvent(tx, actor, { callId: id, kind: 'call.close', summary: '截止申报，进入专家评审' });
    await recordAudit(tx, actor, { action: 'community.project_call.close', targetType: 'project_call', targetId: id, orgPath: row.orgPath });
  });
  return getCall(db, actor, id);
}

async function pageOfCalls(db: Db, q: CallListQuery, where: SQL | undefined) {
  const cond = and(where, q.status ? eq(projectCalls.status, q.status) : undefined);
  return listPage(
    q,
    db.select().from(projectCalls).where(cond).orderBy(desc(projectCalls.createdAt), desc(projectCalls.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(projectCalls).where(cond),
    (rows) => present(db, rows),
  );
}

/** Calls in the staff member's part of the tree. */
export function listCalls(db: Db, actor: Actor, q: CallListQuery) {
  return pageOfCalls(db, q, inScope(actor, 'community.projects', projectCalls.orgPath));
}

/** Calls an organisation's staff may answer: those run at or above (or below) where they are granted. */
export function listCallsForOrganisations(db: Db, actor: Actor, q: CallListQuery) {
  const paths = scopePaths(actor, 'community.organisation');
  return pageOfCalls(db, q, or(inScope(actor, 'community.organisation', projectCalls.orgPath), paths.length ? inArray(projectCalls.orgPath, ancestorsOf(paths)) : sql`false`));
}

/** The calls whose panel the expert sits on. */
export function listCallsForExpert(db: Db, actor: Actor, q: CallListQuery) {
  const mine = db.select({ id: projectPanel.callId }).from(projectPanel).where(eq(projectPanel.userId, actor.id ?? '00000000-0000-0000-0000-000000000000'));
  return pageOfCalls(db, q, inArray(projectCalls.id, mine));
}

/** A call an organisation may see: run where its staff are granted, at or above. */
export function assertCallVisibleToOrganisation(actor: Actor, call: CallRow): void {
  const paths = scopePaths(actor, 'community.organisation');
  const ok = paths.some((p) => p === '' || call.orgPath === p || call.orgPath.startsWith(`${p}.`) || p.startsWith(`${call.orgPath}.`));
  if (!ok) throw new AppError('OUT_OF_SCOPE', { permission: 'community.organisation' });
}

