// The early-warning rules: the installation's defaults and a district's or street's own rules
// (the nearest area's rule applies to a place), read by staff of the area and changed, checked
// and audited, by those who hold command.rules.write there. The detection job reads them.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, isDistrictOrAbove, requirePermission, scopePaths, shownName, type Actor } from '../../../platform/auth/scope.ts';
import { findOrgUnit, orgUnitNames } from '../../org/index.ts';
import { warningRules } from '../schema.ts';
import { defaultRuleParams, ruleFor } from '../detection.ts';
import { resolveArea } from '../area.ts';
import {
  overdueJumpParams, repeatedPlaceParams, surgeParams, warningKinds,
  type UpdateRuleInput, type WarningKind, type WarningRuleList, type WarningRuleView,
} from '../contract.ts';

type RuleRow = typeof warningRules.$inferSelect;

const paramSchemas = { category_surge: surgeParams, repeated_place: repeatedPlaceParams, overdue_jump: overdueJumpParams } as const;

/** Writes the shipped defaults once (a default someone changed keeps their values). */
export async function ensureRules(db: Db): Promise<void> {
  await db
    .insert(warningRules)
    .values(Object.entries(defaultRuleParams).map(([kind, params]) => ({ kind: kind as WarningKind, orgPath: '', params: { ...params } })))
    .onConflictDoNothing();
}

/** Every stored rule: the defaults and the areas' own. */
export async function loadRules(db: Db): Promise<RuleRow[]> {
  await ensureRules(db);
  return db.select().from(warningRules);
}

/** A rule's parameters with the kind's defaults filled in (a parameter added later has its default in older rows). */
export function paramsOf(rule: RuleRow): Record<string, number> {
  const parsed = paramSchemas[rule.kind].safeParse({ ...defaultRuleParams[rule.kind], ...rule.params });
  return parsed.success ? (parsed.data as Record<string, number>) : rule.params;
}

async function viewsFor(db: Db, rules: RuleRow[], orgPath: string): Promise<WarningRuleView[]> {
  const inForce = warningKinds.map((kind) => ruleFor(rules, kind, orgPath) as RuleRow);
  const codes = inForce.map((r) => r.orgPath.split('.').at(-1) ?? '');
  const names = await orgUnitNames(db, codes);
  return inForce.map((r, i) => {
    const code = codes[i] ?? '';
    const own = r.orgPath === orgPath;
    return {
      kind: r.kind, enabled: r.enabled, params: paramsOf(r), version: own ? r.version : 0, updatedAt: r.updatedAt, own,
      from: r.orgPath === '' ? null : { code, name: names.get(code) ?? code },
    };
  });
}

/** The rules in force for a district or street (or the installation's defaults). */
export async function listRules(db: Db, actor: Actor, under: string | undefined): Promise<WarningRuleList> {
  const area = under ? await resolveArea(db, actor, under) : undefined;
  const rules = await loadRules(db);
  return { area: area ? { code: area.code, name: area.name, level: area.level } : null, items: await viewsFor(db, rules, area?.orgPath ?? '') };
}

const fieldError = (field: string, message: string) => new AppError('VALIDATION_FAILED', { fields: [{ field, message }], summary: `${field}: ${message}` });

/** The org path whose own rule a change writes: a district or street in the actor's scope, or '' for the defaults. */
async function ruleArea(db: Db, actor: Actor, under: string | undefined): Promise<string> {
  if (!under) {
    // The defaults are one set for the installation: tuned by those who hold the permission on a
    // district or above (district staff), never by a street's staff, whose rules are their street's own.
    requirePermission(actor, 'command.rules.write');
    if (!scopePaths(actor, 'command.rules.write').some(isDistrictOrAbove)) {
      throw new AppError('OUT_OF_SCOPE', { permission: 'command.rules.write' });
    }
    return '';
  }
  const unit = await findOrgUnit(db, under);
  if (!unit) throw new AppError('NOT_FOUND', { what: under });
  assertInScope(actor, 'command.rules.write', unit.orgPath);
  if (unit.level !== 'district' && unit.level !== 'street') throw fieldError('body.under', '规则只能按区或街道设置 / rules are set per district or street');
  return unit.orgPath;
}

function checkedParams(kind: WarningKind, base: Record<string, number>, change: Record<string, number> | undefined): Record<string, number> {
  if (!change) return base;
  const parsed = paramSchemas[kind].strict().safeParse({ ...base, ...change });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: `body.params.${i.path.join('.')}`, message: i.message }));
    throw new AppError('VALIDATION_FAILED', { fields, summary: fields.map((f) => f.field).join(', ') });
  }
  return parsed.data as Record<string, number>;
}

/**
 * Changes a rule's switch or parameters (checked against the rule's own schema, naming the bad
 * field). An area without its own rule gets one (version 0), starting from the rule it followed.
 */
export async function updateRule(db: Db, actor: Actor, kind: WarningKind, input: UpdateRuleInput): Promise<WarningRuleView> {
  const orgPath = await ruleArea(db, actor, input.under);
  await ensureRules(db);
  await db.transaction(async (tx) => {
    const rules = await tx.select().from(warningRules).where(eq(warningRules.kind, kind)).for('update');
    const mine = rules.find((r) => r.orgPath === orgPath);
    if ((mine?.version ?? 0) !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: mine?.version ?? 0 });
    const followed = mine ?? (ruleFor(rules, kind, orgPath) as RuleRow);
    const params = checkedParams(kind, paramsOf(followed), input.params);
    const values = { enabled: input.enabled ?? followed.enabled, params, updatedAt: new Date(), updatedBy: shownName(actor) };
    if (mine) await tx.update(warningRules).set({ ...values, version: mine.version + 1 }).where(and(eq(warningRules.kind, kind), eq(warningRules.orgPath, orgPath)));
    else await tx.insert(warningRules).values({ kind, orgPath, ...values });
    await recordAudit(tx, actor, { action: 'command.rule.update', targetType: 'warning_rule', targetId: kind, orgPath, details: { enabled: values.enabled, params } });
  });
  const views = await viewsFor(db, await loadRules(db), orgPath);
  return views.find((v) => v.kind === kind) as WarningRuleView;
}

/** Removes an area's own rule: the rule from above applies again. */
export async function resetRule(db: Db, actor: Actor, kind: WarningKind, under: string): Promise<WarningRuleView> {
  const orgPath = await ruleArea(db, actor, under);
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(warningRules).where(and(eq(warningRules.kind, kind), eq(warningRules.orgPath, orgPath))).returning();
    if (!gone) throw new AppError('NOT_FOUND', { what: `${kind}@${under}` });
    await recordAudit(tx, actor, { action: 'command.rule.reset', targetType: 'warning_rule', targetId: kind, orgPath, details: { params: gone.params, enabled: gone.enabled } });
  });
  const views = await viewsFor(db, await loadRules(db), orgPath);
  return views.find((v) => v.kind === kind) as WarningRuleView;
}
