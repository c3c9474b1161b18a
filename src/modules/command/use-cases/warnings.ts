// Warnings (预警) as records: listed for an area, acknowledged and closed with a note. Each
// change is audited. The rules that raise them are in rules.ts.
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, shownName, type Actor } from '../../../platform/auth/scope.ts';
import { warnings } from '../schema.ts';
import { resolveArea } from '../area.ts';
import type { ListWarningsQuery, WarningList, WarningNoteInput, WarningView } from '../contract.ts';

type WarningRow = typeof warnings.$inferSelect;

export function presentWarning(w: WarningRow): WarningView {
  return {
    id: w.id, kind: w.kind, state: w.state, placeCode: w.placeCode, placeName: w.placeName, categoryCode: w.categoryCode, title: w.title,
    evidence: w.evidence, caseIds: w.caseIds, detectedAt: w.detectedAt, acknowledgedAt: w.acknowledgedAt, acknowledgedBy: w.acknowledgedBy,
    closedAt: w.closedAt, closedBy: w.closedBy, note: w.note, version: w.version,
  };
}

const underArea = (orgPath: string) => sql`(${warnings.orgPath} = ${orgPath} or ${warnings.orgPath} like ${`${orgPath}.%`})`;

/** Warnings of an area (default: all the actor may see), newest first. */
export async function listWarnings(db: Db, actor: Actor, q: ListWarningsQuery): Promise<WarningList> {
  const area = q.under ? await resolveArea(db, actor, q.under) : undefined;
  const where = and(
    inScope(actor, 'command.read', warnings.orgPath),
    area ? underArea(area.orgPath) : undefined,
    q.state ? eq(warnings.state, q.state) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(warnings).where(where).orderBy(desc(warnings.detectedAt), warnings.id).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(warnings).where(where),
  ]);
  return { items: rows.map(presentWarning), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The warnings raised under an org path in a period, for the units' reports (no scope: the report checked it). */
export async function warningsOfPeriod(db: Db, orgPath: string, from: Date, to: Date): Promise<{ title: string; at: Date; status: string }[]> {
  const rows = await db
    .select({ title: warnings.title, placeName: warnings.placeName, at: warnings.detectedAt, status: warnings.state })
    .from(warnings)
    .where(and(underArea(orgPath), sql`${warnings.detectedAt} >= ${from.toISOString()} and ${warnings.detectedAt} < ${to.toISOString()}`))
    .orderBy(desc(warnings.detectedAt))
    .limit(200);
  return rows.map((r) => ({ title: `${r.placeName}：${r.title}`, at: r.at, status: r.status }));
}

async function changeWarning(db: Db, actor: Actor, id: string, input: WarningNoteInput, to: 'acknowledged' | 'closed'): Promise<WarningView> {
  return db.transaction(async (tx) => {
    const [w] = await tx.select().from(warnings).where(eq(warnings.id, id)).for('update');
    if (!w) throw new AppError('NOT_FOUND', { what: id });
    assertInScope(actor, 'command.warning.handle', w.orgPath);
    if (w.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: w.version });
    if (w.state === 'closed' || (to === 'acknowledged' && w.state !== 'open')) throw new AppError('WARNING_STATE', { state: w.state });
    const by = shownName(actor);
    const now = new Date();
    const [updated] = await tx
      .update(warnings)
      .set(
        to === 'acknowledged'
          ? { state: to, acknowledgedAt: now, acknowledgedBy: by, note: input.note, version: w.version + 1 }
          : { state: to, closedAt: now, closedBy: by, note: w.note ? `${w.note}\n${input.note}` : input.note, version: w.version + 1 },
      )
      .where(eq(warnings.id, id))
      .returning();
    await recordAudit(tx, actor, { action: `command.warning.${to === 'acknowledged' ? 'acknowledge' : 'close'}`, targetType: 'warning', targetId: id, orgPath: w.orgPath, details: { note: input.note } });
    return presentWarning(updated as WarningRow);
  });
}

/** Acknowledges an open warning: someone has seen it and is on it. */
export const acknowledgeWarning = (db: Db, actor: Actor, id: string, input: WarningNoteInput) => changeWarning(db, actor, id, input, 'acknowledged');
/** Closes a warning with a note saying what was done. */
export const closeWarning = (db: Db, actor: Actor, id: string, input: WarningNoteInput) => changeWarning(db, actor, id, input, 'closed');
