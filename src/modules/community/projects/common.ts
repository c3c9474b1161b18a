// What the projects' use cases share: loading a call or an application, who may see it, the
// timeline, and errors naming a field.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/scope.ts';
import { canAccess, hasPermission, shownName } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { DeliverableView } from '../contract/projects.ts';
import { projectApplications, projectCalls, projectDeliverables, projectEvents, projectPanel } from '../schema/projects.ts';
import { organisationsOfStaff } from '../organisations/organisations.ts';

export type CallRow = typeof projectCalls.$inferSelect;
export type ApplicationRow = typeof projectApplications.$inferSelect;

/** A VALIDATION_FAILED naming its fields, as zod failures are reported. */
export function invalid(fields: { field: string; message: string }[]): AppError {
  return new AppError('VALIDATION_FAILED', { summary: fields.map((f) => f.field).join(', '), fields });
}

export async function loadCall(db: Db, id: string): Promise<CallRow> {
  const [row] = await db.select().from(projectCalls).where(eq(projectCalls.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `项目 ${id}` });
  return row;
}

export async function loadApplication(db: Db, id: string): Promise<ApplicationRow> {
  const [row] = await db.select().from(projectApplications).where(eq(projectApplications.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `申报 ${id}` });
  return row;
}

/** Whether the actor sits on the call's expert panel. */
export async function isPanelMember(db: Db, actor: Actor, callId: string): Promise<boolean> {
  if (!actor.id || !hasPermission(actor, 'community.review')) return false;
  const [row] = await db.select({ userId: projectPanel.userId }).from(projectPanel).where(and(eq(projectPanel.callId, callId), eq(projectPanel.userId, actor.id)));
  return Boolean(row);
}

/** How the actor is related to an application: project staff over its call, its organisation's staff, or a panel member. */
export type Standing = 'staff' | 'organisation' | 'expert';

/** The actor's standing towards an application, or OUT_OF_SCOPE when they have none in the capacity asked. */
export async function assertStanding(db: Db, actor: Actor, app: ApplicationRow, as: Standing): Promise<void> {
  let ok = false;
  if (as === 'staff') ok = canAccess(actor, 'community.projects', app.orgPath);
  if (as === 'organisation') ok = (await organisationsOfStaff(db, actor)).some((o) => o.id === app.organisationId);
  if (as === 'expert') ok = await isPanelMember(db, actor, app.callId);
  const permission = as === 'staff' ? 'community.projects' : as === 'organisation' ? 'community.organisation' : 'community.review';
  if (!ok) throw new AppError('OUT_OF_SCOPE', { permission });
}

/** Appends to the project timeline (in the caller's transaction). */
export async function addEvent(db: Db, actor: Actor, e: { callId: string; applicationId?: string; kind: string; summary: string }): Promise<void> {
  await db.insert(projectEvents).values({ callId: e.callId, applicationId: e.applicationId ?? null, actor: shownName(actor), kind: e.kind, summary: e.summary });
}

/** Fen as yuan with two decimals, for timeline lines (exact: integer arithmetic). */
export function yuan(fenAmount: number): string {
  const sign = fenAmount < 0 ? '-' : '';
  const abs = Math.abs(fenAmount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} 元`;
}

/** The deliverables of some milestones, by milestone id. */
export async function deliverablesOf(db: Db, milestoneIds: readonly string[]): Promise<Map<string, DeliverableView[]>> {
  const out = new Map<string, DeliverableView[]>();
  if (milestoneIds.length === 0) return out;
  const rows = await db.select().from(projectDeliverables).where(inArray(projectDeliverables.milestoneId, [...milestoneIds])).orderBy(asc(projectDeliverables.createdAt));
  for (const r of rows) out.set(r.milestoneId, [...(out.get(r.milestoneId) ?? []), { id: r.id, filename: r.filename, mime: r.mime, size: r.size, uploadedBy: r.uploadedBy, createdAt: r.createdAt }]);
  return out;
}
