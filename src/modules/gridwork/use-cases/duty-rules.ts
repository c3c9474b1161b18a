// The duty rule tables (one per district) and the occasions staff announce for the attend
// (六必到) and report (九必报) rules. A district without a table starts from the defaults.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, requirePermission, scopePaths, shownName, type Actor } from '../../../platform/auth/scope.ts';
import { findGrid, findOrgUnit, gridsOfCommunity, type GridRef } from '../../org/index.ts';
import type { CreateDutyRuleBody, CreateOccasionBody, DutyKind, DutyRuleView, OccasionView, UpdateDutyRuleBody } from '../contract.ts';
import { dutyRules, occasions } from '../schema.ts';
import { defaultDutyRules, ruleProblems } from '../rules.ts';
import { communityPathOf, servedGridCodes, workerOf } from './common.ts';

type RuleRow = typeof dutyRules.$inferSelect;

function present(r: RuleRow): DutyRuleView {
  return { id: r.id, districtCode: r.districtCode, kind: r.kind, name: r.name, keyGroupKinds: r.keyGroupKinds, everyDays: r.everyDays, categories: r.categories, hoursAllowed: r.hoursAllowed, active: r.active, sort: r.sort, version: r.version };
}

/** The district code of an org path (province.city.district…), or undefined above district level. */
export function districtOfPath(orgPath: string): string | undefined {
  return orgPath.split('.')[2];
}

async function districtNode(db: Db, code: string) {
  const node = await findOrgUnit(db, code);
  if (!node || node.level !== 'district') throw new AppError('VALIDATION_FAILED', { summary: 'district', fields: [{ field: 'district', message: `${code} 不是区县 / is not a district` }] });
  return node;
}

/** Writes the default table for a district that has none yet. */
export async function ensureDefaultRules(db: Db, districtCode: string, orgPath: string): Promise<void> {
  const [has] = await db.select({ n: sql<number>`count(*)::int` }).from(dutyRules).where(eq(dutyRules.districtCode, districtCode));
  if ((has?.n ?? 0) > 0) return;
  await db
    .insert(dutyRules)
    .values(defaultDutyRules.map((r) => ({ ...r, districtCode, orgPath, active: true })))
    .onConflictDoNothing();
}

/** The active and inactive rules of a district's table (rules in force are the active ones). */
export async function rulesOf(db: Db, districtCode: string, kind?: DutyKind): Promise<RuleRow[]> {
  const node = await findOrgUnit(db, districtCode);
  if (node) await ensureDefaultRules(db, districtCode, node.orgPath);
  return db.select().from(dutyRules).where(and(eq(dutyRules.districtCode, districtCode), kind ? eq(dutyRules.kind, kind) : undefined)).orderBy(asc(dutyRules.sort), asc(dutyRules.name));
}

/** A district's table, for staff who may read gridwork there (default: the district of their scope). */
export async function listDutyRules(db: Db, actor: Actor, q: { district?: string | undefined; kind?: DutyKind | undefined }): Promise<{ items: DutyRuleView[] }> {
  requirePermission(actor, 'gridwork.read');
  const code = q.district ?? scopePaths(actor, 'gridwork.read').map(districtOfPath).find(Boolean);
  if (!code) throw new AppError('VALIDATION_FAILED', { summary: 'query.district', fields: [{ field: 'query.district', message: '请选择区县 / choose a district' }] });
  const node = await districtNode(db, code);
  // A community or street reads the table of the district above it.
  const readable = scopePaths(actor, 'gridwork.read').some((p) => p === '' || node.orgPath.startsWith(p) || p.startsWith(`${node.orgPath}.`));
  if (!readable) throw new AppError('OUT_OF_SCOPE', { permission: 'gridwork.read' });
  return { items: (await rulesOf(db, code, q.kind)).map(present) };
}

function checkRule(kind: DutyKind, rule: Parameters<typeof ruleProblems>[1]): void {
  const fields = ruleProblems(kind, rule);
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields, summary: fields.map((f) => `${f.field}: ${f.message}`).join('; ') });
}

/** Adds a row to a district's table (district staff). */
export async function createDutyRule(db: Db, actor: Actor, body: CreateDutyRuleBody): Promise<DutyRuleView> {
  const node = await districtNode(db, body.district);
  assertInScope(actor, 'gridwork.manage', node.orgPath);
  checkRule(body.kind, body);
  await ensureDefaultRules(db, node.code, node.orgPath);
  const { district: _d, ...rest } = body;
  const [row] = await db.insert(dutyRules).values({ ...rest, districtCode: node.code, orgPath: node.orgPath }).onConflictDoNothing().returning();
  if (!row) throw new AppError('CONFLICT', { what: `规则“${body.name}”` });
  await recordAudit(db, actor, { action: 'gridwork.rule.create', targetType: 'duty_rule', targetId: row.id, orgPath: node.orgPath, details: { ...rest } });
  return present(row);
}

/** Changes a row of a district's table (district staff), naming the version read. */
export async function updateDutyRule(db: Db, actor: Actor, id: string, body: UpdateDutyRuleBody): Promise<DutyRuleView> {
  const [row] = await db.select().from(dutyRules).where(eq(dutyRules.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `规则 ${id}` });
  assertInScope(actor, 'gridwork.manage', row.orgPath);
  const { version, ...changes } = body;
  const next = { ...row, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as RuleRow;
  checkRule(row.kind, next);
  const [updated] = await db
    .update(dutyRules)
    .set({ name: next.name, keyGroupKinds: next.keyGroupKinds, everyDays: next.everyDays, categories: next.categories, hoursAllowed: next.hoursAllowed, active: next.active, sort: next.sort, version: row.version + 1, updatedAt: new Date() })
    .where(and(eq(dutyRules.id, id), eq(dutyRules.version, version)))
    .returning();
  if (!updated) throw new AppError('VERSION_CONFLICT', { currentVersion: row.version });
  await recordAudit(db, actor, { action: 'gridwork.rule.update', targetType: 'duty_rule', targetId: id, orgPath: row.orgPath, details: { ...changes } });
  return present(updated);
}

type OccasionRow = typeof occasions.$inferSelect;

export function presentOccasion(o: OccasionRow): OccasionView {
  return { id: o.id, ruleId: o.ruleId, kind: o.kind, title: o.title, gridCode: o.gridCode, orgPath: o.orgPath, dueAt: o.dueAt, createdAt: o.createdAt, createdByName: o.createdByName, closedAt: o.closedAt, closedByName: o.closedByName };
}

/** Announces an attend or report occasion in a grid, or in every grid of a community (community staff). */
export async function createOccasion(db: Db, actor: Actor, body: CreateOccasionBody, now = new Date()): Promise<{ items: OccasionView[] }> {
  const [rule] = await db.select().from(dutyRules).where(eq(dutyRules.id, body.ruleId));
  if (!rule || rule.kind === 'visit' || !rule.active) {
    throw new AppError('VALIDATION_FAILED', { summary: 'body.ruleId', fields: [{ field: 'body.ruleId', message: '须为有效的必到或必报规则 / must be an active attend or report rule' }] });
  }
  const grid = await findGrid(db, body.under);
  const grids: GridRef[] = grid ? [grid] : await gridsOfCommunity(db, body.under);
  if (grids.length === 0) throw new AppError('NOT_FOUND', { what: body.under });
  for (const g of grids) assertInScope(actor, 'gridwork.write', communityPathOf(g.orgPath));
  if (!grids.every((g) => g.orgPath.startsWith(`${rule.orgPath}.`))) throw new AppError('OUT_OF_SCOPE', { permission: 'gridwork.write' });
  const dueAt = body.dueAt ?? new Date(now.getTime() + (rule.hoursAllowed ?? 24) * 3600_000);
  if (dueAt <= now) throw new AppError('VALIDATION_FAILED', { summary: 'body.dueAt', fields: [{ field: 'body.dueAt', message: '截止时间须晚于现在 / must be in the future' }] });
  const rows = await db
    .insert(occasions)
    .values(grids.map((g) => ({ ruleId: rule.id, kind: rule.kind, title: body.title, gridCode: g.code, orgPath: g.orgPath, dueAt, createdById: actor.id, createdByName: shownName(actor), createdAt: now })))
    .returning();
  await recordAudit(db, actor, { action: 'gridwork.occasion.create', targetType: 'duty_rule', targetId: rule.id, orgPath: grids[0]?.orgPath, details: { title: body.title, grids: grids.map((g) => g.code), dueAt: dueAt.toISOString() } });
  return { items: rows.map(presentOccasion) };
}

/** A worker records having attended an occasion in their grid. */
export async function attendOccasion(db: Db, actor: Actor, id: string, note: string | undefined): Promise<OccasionView> {
  const worker = workerOf(actor);
  const [row] = await db.select().from(occasions).where(eq(occasions.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: id });
  if (!servedGridCodes(actor).includes(row.gridCode)) throw new AppError('OUT_OF_SCOPE', { permission: 'gridwork.write' });
  if (row.kind !== 'attend') throw new AppError('GRIDWORK_CLOSED_BY_REPORT', {});
  if (row.closedAt) return presentOccasion(row);
  const [closed] = await db.update(occasions).set({ closedAt: new Date(), closedById: worker.id, closedByName: worker.name, closedRef: note ?? null }).where(eq(occasions.id, id)).returning();
  return presentOccasion(closed as OccasionRow);
}
