// One step of an application's status machine (workflow.ts), by a permitted role, on its
// timeline, pushed to the applicant. Acceptance sets the promised deadline on the platform's
// working-day calendar; 补正 tells every missing material at once; 容缺 materials must be in
// before a decision.
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { hasPermission, shownName, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { loadCaseRules } from '../../cases/index.ts';
import type { ActionBody, ApplicationStatus, ServiceItem } from '../contract.ts';
import { getItem } from '../catalogue/items.ts';
import { applicationEvents, bundleApplications, serviceApplications } from '../schema.ts';
import { coversApplication, isApplicant, loadVisible, type ApplicationRow, type ServiceDeps } from './common.ts';
import { missingForAcceptance, missingForDecision } from './material-rules.ts';
import { attachFiles, filesOf } from './materials.ts';
import { notifyApplicant } from './notify.ts';
import { transitions } from './workflow.ts';

/** The working-day calendar cases use (holidays, 调休, edited years). */
export async function serviceCalendar(db: Db) {
  return (await loadCaseRules(db)).calendar;
}

function required(fields: string[]): never {
  throw new AppError('APPLICATION_INPUT_REQUIRED', { fields: fields.join(', ') });
}

async function heldOf(db: Db, row: ApplicationRow) {
  const files = (await filesOf(db, [row.id])).get(row.id) ?? [];
  return { supplied: new Set(files.map((f) => f.materialKey ?? '')), deferred: row.deferred, committed: row.committed };
}

type Changes = Partial<typeof serviceApplications.$inferInsert>;

/** What the action changes besides the status; refuses what the rules refuse. */
async function changesFor(deps: ServiceDeps, actor: Actor, row: ApplicationRow, item: ServiceItem, body: ActionBody, now: Date): Promise<Changes> {
  const { db } = deps;
  const keys = new Set(item.materials.map((m) => m.key));
  switch (body.action) {
    case 'accept': {
      // The counter may mark 容缺 / 告知承诺 materials when accepting.
      const deferred = [...new Set([...row.deferred, ...(body.materials ?? []).filter((m) => m.deferred && keys.has(m.key)).map((m) => m.key)])];
      const committed = [...new Set([...row.committed, ...(body.materials ?? []).filter((m) => m.committed && keys.has(m.key)).map((m) => m.key)])];
      if (body.materials?.some((m) => m.fileIds.length)) await attachFiles(db, actor, row, item.materials, body.materials);
      const missing = missingForAcceptance(item.materials, { ...(await heldOf(db, row)), deferred, committed });
      if (missing.length) throw new AppError('SERVICE_MATERIALS_MISSING', { materials: missing.join('、') });
      const calendar = await serviceCalendar(db);
      const dueAt = calendar.addWorkingDays(now, item.promisedDays);
      return { deferred, committed, acceptedAt: now, dueAt };
    }
    case 'not_accept':
    case 'refuse':
      if (!body.reason) required(['reason']);
      return { reason: body.reason, finishedAt: now };
    case 'request_correction': {
      if (!body.missing?.length) required(['missing']);
      body.missing.forEach((k, i) => {
        if (!keys.has(k)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: `body.missing.${i}`, message: `该事项没有材料 ${k}` }] });
      });
      return { correction: { missing: [...new Set(body.missing)], note: body.note ?? null, at: now.toISOString() } };
    }
    case 'supply_correction': {
      const owed = row.correction?.missing ?? [];
      const given = new Set((body.materials ?? []).filter((m) => m.fileIds.length || (m.committed && item.materials.find((s) => s.key === m.key)?.rule === 'commitment')).map((m) => m.key));
      const lacking = owed.filter((k) => !given.has(k));
      if (lacking.length) throw new AppError('SERVICE_MATERIALS_MISSING', { materials: lacking.map((k) => item.materials.find((m) => m.key === k)?.name ?? k).join('、') });
      await attachFiles(db, actor, row, item.materials, body.materials ?? []);
      const committed = [...new Set([...row.committed, ...(body.materials ?? []).filter((m) => m.committed).map((m) => m.key)])];
      return { correction: null, committed, deferred: row.deferred.filter((k) => !given.has(k)) };
    }
    case 'approve': {
      const missing = missingForDecision(item.materials, await heldOf(db, row));
      if (missing.length) throw new AppError('SERVICE_MATERIALS_MISSING', { materials: missing.join('、') });
      return { finishedAt: now, reason: null };
    }
    default:
      return {};
  }
}

/** Whether every application of a bundle is finished; marks the bundle complete when so. */
async function settleBundle(tx: Db, bundleNumber: string, now: Date): Promise<void> {
  const rows = await tx.select({ status: serviceApplications.status }).from(serviceApplications).where(eq(serviceApplications.bundleNumber, bundleNumber));
  const done = rows.every((r) => (['not_accepted', 'delivered', 'rated'] as ApplicationStatus[]).includes(r.status));
  await tx.update(bundleApplications).set({ completedAt: done ? now : null }).where(eq(bundleApplications.number, bundleNumber));
}

/** Takes one action on an application, if its status and the actor allow it. */
export async function actOnApplication(deps: ServiceDeps, actor: Actor, number: string, body: ActionBody, now = new Date()): Promise<ApplicationRow> {
  const row = await loadVisible(deps.db, actor, number);
  const t = transitions[body.action];
  const allowed = coversApplication(actor, t.permission, row) || (t.applicant === true && isApplicant(actor, row));
  if (!allowed) throw new AppError(hasPermission(actor, t.permission) ? 'OUT_OF_SCOPE' : 'APPLICATION_ACTION_FORBIDDEN', { permission: t.permission });
  if (!t.from.includes(row.status)) throw new AppError('APPLICATION_ACTION_NOT_ALLOWED', { status: row.status });
  const item = await getItem(deps.db, row.itemCode, row.itemVersion);
  return deps.db.transaction(async (tx) => {
    const changes = await changesFor({ ...deps, db: tx }, actor, row, item, body, now);
    const [updated] = await tx
      .update(serviceApplications)
      .set({ ...changes, status: t.to, version: row.version + 1, updatedAt: now })
      .where(and(eq(serviceApplications.id, row.id), eq(serviceApplications.version, row.version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', {});
    const note = body.reason ?? body.note ?? (body.action === 'request_correction' ? (body.missing ?? []).map((k) => item.materials.find((m) => m.key === k)?.name ?? k).join('、') : null);
    await tx.insert(applicationEvents).values({ applicationId: row.id, action: body.action, status: t.to, actorId: actor.id, actorName: shownName(actor), note, at: now });
    await recordAudit(tx, actor, { action: `services.application.${body.action}`, targetType: 'service_application', targetId: number, orgPath: row.orgPath, details: { from: row.status, to: t.to } });
    await notifyApplicant(deps, tx, updated, item.name);
    if (updated.bundleNumber) await settleBundle(tx, updated.bundleNumber, now);
    return updated;
  });
}

/** Marks a delivered application rated (services2's ratings call it in their transaction). */
export async function markApplicationRated(tx: Db, number: string, now = new Date()): Promise<boolean> {
  const [row] = await tx.update(serviceApplications).set({ status: 'rated', updatedAt: now }).where(and(eq(serviceApplications.number, number), eq(serviceApplications.status, 'delivered'))).returning();
  if (!row) return false;
  await tx.insert(applicationEvents).values({ applicationId: row.id, action: 'rate', status: 'rated', actorId: row.applicantUserId, actorName: null, at: now });
  if (row.bundleNumber) await settleBundle(tx, row.bundleNumber, now);
  return true;
}
