// What the cases module is configured with — categories, time limits, the working-day
// calendar's yearly edits, settings and the responsibility matrix — loaded once per
// process and looked at again every few seconds (other processes may edit them).
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { assertInScope, coversPath, requirePermission, scopePaths, type Actor } from '../../platform/auth/scope.ts';
import { createCalendar, validateHolidayData, type HolidayData, type HolidayYear, type WorkingCalendar } from '../../platform/calendar.ts';
import { chineseHolidays } from '../../platform/calendar-cn.ts';
import { placeOf } from '../org/index.ts';
import { categorySeeds, defaultCaseSettings, defaultTimeLimits, timeLimitSeeds, type CaseSettings } from './categories.ts';
import { caseCalendarYears, caseCategories, caseRoutingRules, caseSettings, caseTimeLimits, type CategoryRow } from './schema.ts';
import type { CalendarDay, CalendarYear, Category, CategoryAttribute, CategoryListItem, MatterClass, RoutingRule, SavedCalendarYear, TimeLimit } from './contract.ts';
import { assertStageTimeLimit, slaStages, type SlaPolicy, type SlaStage, type StageTimeLimit, type WorkingTimeAmount } from './sla.ts';

export interface CaseRules {
  categories: Map<string, CategoryRow>;
  /** Keyed `${categoryCode or ''}:${stage}`. */
  timeLimits: Map<string, StageTimeLimit>;
  settings: CaseSettings;
  holidays: HolidayData;
  calendar: WorkingCalendar;
}

interface Cached {
  rules: CaseRules;
  signature: string;
  checkedAt: number;
}
const cache = new WeakMap<Db, Cached>();
const RECHECK_MS = 3_000;

/** Drops the cached rules (after an edit in this process). */
export function invalidateCaseRules(db: Db): void {
  cache.delete(db);
}

/** Pinyin search keys of a category name: 垃圾乱堆 → lajiluandui / ljld. */
export function categorySearchKeys(name: string): { namePinyin: string; nameInitials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return { namePinyin: syllables.join(''), nameInitials: syllables.map((s) => s[0] ?? '').join('') };
}

/** Seeds the shipped categories and time limits into an empty category tree (safe to run from several processes). */
export async function ensureCategories(db: Db): Promise<void> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(caseCategories);
  if ((row?.n ?? 0) > 0) return;
  const rows: (typeof caseCategories.$inferInsert)[] = [];
  categorySeeds.forEach((cls, i) => {
    rows.push({ code: cls.code, parentCode: null, name: cls.name, ...categorySearchKeys(cls.name), defaultMatterClass: cls.matter, sort: i, keywords: cls.keywords ?? '' });
    cls.children?.forEach((c, j) =>
      rows.push({
        code: c.code,
        parentCode: cls.code,
        name: c.name,
        ...categorySearchKeys(c.name),
        defaultMatterClass: c.matter,
        keywords: c.keywords ?? '',
        attributes: c.attributes ?? [],
        sensitive: c.sensitive ?? false,
        sort: j,
      }),
    );
  });
  await db.transaction(async (tx) => {
    await tx.insert(caseCategories).values(rows).onConflictDoNothing();
    const limits = [
      ...slaStages.map((stage) => ({ categoryCode: null, stage, limit: defaultTimeLimits[stage] })),
      ...timeLimitSeeds,
    ].map((t) => ({ categoryCode: t.categoryCode, stage: t.stage, unit: t.limit.limit.unit, amount: t.limit.limit.amount, yellowAt: t.limit.yellowAt, redAt: t.limit.redAt }));
    await tx.insert(caseTimeLimits).values(limits).onConflictDoNothing();
  });
}

async function signatureOf(db: Db): Promise<string> {
  const [row] = await queryRows<{ s: string }>(
    db,
    sql`select concat_ws('|',
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from case_categories),
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from case_time_limits),
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from case_calendar_years),
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from case_settings)) as s`,
  );
  return row?.s ?? '';
}

/** The rules in force, cached per database handle. */
export async function loadCaseRules(db: Db): Promise<CaseRules> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.checkedAt < RECHECK_MS) return cached.rules;
  let signature = await signatureOf(db);
  if (cached && cached.signature === signature) {
    cached.checkedAt = Date.now();
    return cached.rules;
  }
  if (signature.startsWith('0:')) {
    await ensureCategories(db);
    signature = await signatureOf(db);
  }
  const [categoryRows, limitRows, yearRows, settingRows] = await Promise.all([
    db.select().from(caseCategories).orderBy(asc(caseCategories.sort), asc(caseCategories.code)),
    db.select().from(caseTimeLimits),
    db.select().from(caseCalendarYears),
    db.select().from(caseSettings),
  ]);
  const settings = { ...defaultCaseSettings } as CaseSettings;
  for (const s of settingRows) if (Object.hasOwn(defaultCaseSettings, s.key)) (settings as unknown as Record<string, unknown>)[s.key] = s.value;
  const holidays: Record<number, HolidayYear> = { ...chineseHolidays };
  for (const y of yearRows) holidays[y.year] = { holidays: y.holidays, workdays: y.workdays, provisional: y.provisional, source: y.source, origin: 'override' };
  const rules: CaseRules = {
    categories: new Map(categoryRows.map((c) => [c.code, c])),
    timeLimits: new Map(
      limitRows.map((t) => [`${t.categoryCode ?? ''}:${t.stage}`, { limit: { unit: t.unit, amount: t.amount }, yellowAt: t.yellowAt, redAt: t.redAt }]),
    ),
    settings,
    holidays,
    calendar: createCalendar(holidays, { timeZone: 'Asia/Shanghai', workingHours: settings.workingHours }),
  };
  cache.set(db, { rules, signature, checkedAt: Date.now() });
  return rules;
}

/** The time-limit policy of a category: its own limits, else its class's, else the defaults. */
export function policyFor(rules: CaseRules, categoryCode: string): SlaPolicy {
  const category = rules.categories.get(categoryCode);
  const chain = [categoryCode, category?.parentCode ?? null, ''].filter((c): c is string => c !== null);
  const pick = (stage: SlaStage): StageTimeLimit => {
    for (const code of chain) {
      const found = rules.timeLimits.get(`${code}:${stage}`);
      if (found) return found;
    }
    return defaultTimeLimits[stage];
  };
  return { accept: pick('accept'), handle: pick('handle'), verify: pick('verify') };
}

// ---------------------------------------------------------------------------- categories

export interface CategoryInput {
  code: string;
  parentCode?: string | null | undefined;
  name: string;
  defaultMatterClass: MatterClass;
  description?: string | undefined;
  keywords?: string | undefined;
  attributes?: CategoryAttribute[] | undefined;
  sort?: number | undefined;
  active?: boolean | undefined;
  sensitive?: boolean | undefined;
}

/** The category tree (classes with their subclasses). */
export async function listCategories(db: Db, options: { includeInactive?: boolean } = {}): Promise<CategoryListItem[]> {
  const rules = await loadCaseRules(db);
  const all = [...rules.categories.values()].filter((c) => options.includeInactive || c.active);
  return all
    .filter((c) => c.parentCode === null)
    .map((cls) => ({ ...view(cls), children: all.filter((c) => c.parentCode === cls.code).map(view) }));
}

function view(c: CategoryRow): Category {
  return {
    code: c.code,
    parentCode: c.parentCode,
    name: c.name,
    namePinyin: c.namePinyin,
    nameInitials: c.nameInitials,
    description: c.description,
    keywords: c.keywords,
    defaultMatterClass: c.defaultMatterClass,
    attributes: c.attributes,
    sort: c.sort,
    active: c.active,
    sensitive: c.sensitive,
  };
}

/**
 * Finds subclasses by Chinese name or keyword, full pinyin (lajiluandui) or initials
 * (ljld), for the hotline operator's keyboard-first form. Best matches first.
 */
export async function searchCategories(db: Db, q: string, limit = 10): Promise<CategoryListItem[]> {
  const rules = await loadCaseRules(db);
  const term = q.normalize('NFKC').trim().toLowerCase().replace(/[\s']/g, '');
  if (!term) return [];
  const scored: { score: number; c: CategoryRow }[] = [];
  for (const c of rules.categories.values()) {
    if (!c.active || c.parentCode === null) continue;
    const parent = rules.categories.get(c.parentCode);
    let score = 0;
    if (c.code === term) score = 100;
    else if (c.name.includes(term)) score = 90 - c.name.indexOf(term);
    else if (c.nameInitials.startsWith(term)) score = 80;
    else if (c.namePinyin.startsWith(term)) score = 75;
    else if (c.keywords.split(/\s+/).some((k) => k && (k.includes(term) || term.includes(k)))) score = 60;
    else if (c.nameInitials.includes(term) || c.namePinyin.includes(term)) score = 50;
    else if (parent && (parent.name.includes(term) || parent.nameInitials.startsWith(term) || parent.namePinyin.startsWith(term))) score = 40;
    if (score > 0) scored.push({ score, c });
  }
  scored.sort((a, b) => b.score - a.score || a.c.code.localeCompare(b.c.code));
  return scored.slice(0, limit).map(({ c }) => ({ ...view(c), className: rules.categories.get(c.parentCode ?? '')?.name ?? '' }));
}

function requireConfigure(actor: Actor): void {
  requirePermission(actor, 'case.configure');
}

/** Adds or changes a category (class or subclass). */
export async function saveCategory(db: Db, actor: Actor, input: CategoryInput): Promise<Category> {
  requireConfigure(actor);
  const rules = await loadCaseRules(db);
  const existing = rules.categories.get(input.code);
  const parentCode = input.parentCode === undefined ? (existing?.parentCode ?? null) : input.parentCode;
  if (parentCode !== null) {
    const parent = rules.categories.get(parentCode);
    if (!parent || parent.parentCode !== null) {
      throw new AppError('VALIDATION_FAILED', { summary: 'parentCode: 上级必须是一个大类 / the parent must be a class' });
    }
    if (existing && existing.parentCode === null && [...rules.categories.values()].some((c) => c.parentCode === existing.code)) {
      throw new AppError('VALIDATION_FAILED', { summary: 'parentCode: 有小类的大类不能变成小类 / a class with subclasses cannot become a subclass' });
    }
  }
  const values = {
    code: input.code,
    parentCode,
    name: input.name,
    ...categorySearchKeys(input.name),
    defaultMatterClass: input.defaultMatterClass,
    description: input.description ?? existing?.description ?? '',
    keywords: input.keywords ?? existing?.keywords ?? '',
    attributes: input.attributes ?? existing?.attributes ?? [],
    sort: input.sort ?? existing?.sort ?? 0,
    active: input.active ?? existing?.active ?? true,
    sensitive: input.sensitive ?? existing?.sensitive ?? false,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await tx.insert(caseCategories).values(values).onConflictDoUpdate({ target: caseCategories.code, set: values });
    await recordAudit(tx, actor, { action: existing ? 'case.category.update' : 'case.category.create', targetType: 'case_category', targetId: input.code, details: { name: input.name, active: values.active, sensitive: values.sensitive } });
  });
  invalidateCaseRules(db);
  return view({ ...values, createdAt: existing?.createdAt ?? new Date() });
}

// ---------------------------------------------------------------------------- time limits

/** Every configured time limit, the defaults first. */
export async function listTimeLimits(db: Db): Promise<TimeLimit[]> {
  await loadCaseRules(db);
  return db.select().from(caseTimeLimits).orderBy(sql`${caseTimeLimits.categoryCode} nulls first`, asc(caseTimeLimits.stage));
}

/** Sets the time limit of a stage for a category (null: the default). */
export async function saveTimeLimit(db: Db, actor: Actor, input: { categoryCode: string | null; stage: SlaStage; limit: WorkingTimeAmount; yellowAt: number; redAt: number }): Promise<TimeLimit> {
  requireConfigure(actor);
  const rules = await loadCaseRules(db);
  if (input.categoryCode !== null && !rules.categories.has(input.categoryCode)) throw new AppError('CASE_CATEGORY_UNKNOWN', { code: input.categoryCode });
  try {
    assertStageTimeLimit({ limit: input.limit, yellowAt: input.yellowAt, redAt: input.redAt });
  } catch (error) {
    throw new AppError('TIME_LIMIT_INVALID', { summary: (error as Error).message });
  }
  const values = { categoryCode: input.categoryCode, stage: input.stage, unit: input.limit.unit, amount: input.limit.amount, yellowAt: input.yellowAt, redAt: input.redAt, updatedAt: new Date() };
  const [saved] = await db.transaction(async (tx) => {
    const where = and(input.categoryCode === null ? isNull(caseTimeLimits.categoryCode) : eq(caseTimeLimits.categoryCode, input.categoryCode), eq(caseTimeLimits.stage, input.stage));
    const updated = await tx.update(caseTimeLimits).set(values).where(where).returning();
    const result = updated.length ? updated : await tx.insert(caseTimeLimits).values(values).returning();
    await recordAudit(tx, actor, { action: 'case.time_limit.save', targetType: 'case_time_limit', targetId: `${input.categoryCode ?? '*'}:${input.stage}`, details: values });
    return result;
  });
  invalidateCaseRules(db);
  return saved as TimeLimit;
}

/** Removes a category's own time limit (the class's or the default applies again). */
export async function deleteTimeLimit(db: Db, actor: Actor, id: string): Promise<void> {
  requireConfigure(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(caseTimeLimits).where(and(eq(caseTimeLimits.id, id), sql`${caseTimeLimits.categoryCode} is not null`)).returning();
    if (!row) throw new AppError('NOT_FOUND', { what: id });
    await recordAudit(tx, actor, { action: 'case.time_limit.delete', targetType: 'case_time_limit', targetId: id });
  });
  invalidateCaseRules(db);
}

// ---------------------------------------------------------------------------- calendar

/** The years of the working-day calendar: shipped or edited, with their days. */
export async function listCalendarYears(db: Db): Promise<CalendarYear[]> {
  const rules = await loadCaseRules(db);
  const edited = new Set((await db.select({ year: caseCalendarYears.year }).from(caseCalendarYears)).map((r) => r.year));
  return Object.entries(rules.holidays)
    .map(([year, y]) => ({
      year: Number(year),
      holidays: [...y.holidays],
      workdays: [...y.workdays],
      provisional: y.provisional ?? false,
      source: y.source,
      edited: edited.has(Number(year)),
      origin: y.origin ?? 'table',
      names: { ...y.names },
    }))
    .sort((a, b) => a.year - b.year);
}

/** Every day of a year: working or not, and whether the package, the hand table, an override or the weekend rule says so. */
export async function listCalendarDays(db: Db, year: number): Promise<CalendarDay[]> {
  const { calendar } = await loadCaseRules(db);
  const days: CalendarDay[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) days.push(calendar.dayInfo(new Date(t).toISOString().slice(0, 10)));
  return days;
}

/** Replaces one year's holidays and make-up working days (e.g. when the State Council's notice comes out). */
export async function saveCalendarYear(db: Db, actor: Actor, year: number, input: { holidays: string[]; workdays: string[]; provisional?: boolean | undefined; source: string }): Promise<SavedCalendarYear> {
  requireConfigure(actor);
  const data: HolidayData = { [year]: { holidays: input.holidays, workdays: input.workdays, provisional: input.provisional ?? false, source: input.source } };
  const problems = validateHolidayData(data);
  if (problems.length) throw new AppError('CALENDAR_INVALID', { summary: problems.slice(0, 10).join('; '), problems });
  const values = { year, holidays: [...new Set(input.holidays)].sort(), workdays: [...new Set(input.workdays)].sort(), provisional: input.provisional ?? false, source: input.source, updatedAt: new Date(), updatedBy: actor.name };
  await db.transaction(async (tx) => {
    await tx.insert(caseCalendarYears).values(values).onConflictDoUpdate({ target: caseCalendarYears.year, set: values });
    await recordAudit(tx, actor, { action: 'case.calendar.save', targetType: 'calendar_year', targetId: String(year), details: { holidays: values.holidays.length, workdays: values.workdays.length, source: input.source } });
  });
  invalidateCaseRules(db);
  return { ...values, edited: true };
}

/** Drops the edit of a year, going back to the shipped arrangement. */
export async function resetCalendarYear(db: Db, actor: Actor, year: number): Promise<void> {
  requireConfigure(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(caseCalendarYears).where(eq(caseCalendarYears.year, year)).returning();
    if (!row) throw new AppError('NOT_FOUND', { what: String(year) });
    await recordAudit(tx, actor, { action: 'case.calendar.reset', targetType: 'calendar_year', targetId: String(year) });
  });
  invalidateCaseRules(db);
}

// ---------------------------------------------------------------------------- settings

/** The settings in force. */
export async function getCaseSettings(db: Db): Promise<CaseSettings> {
  return (await loadCaseRules(db)).settings;
}

/** Changes some settings. */
export async function updateCaseSettings(db: Db, actor: Actor, changes: Partial<CaseSettings>): Promise<CaseSettings> {
  requireConfigure(actor);
  if (changes.workingHours) {
    try {
      createCalendar({}, { timeZone: 'Asia/Shanghai', workingHours: changes.workingHours });
    } catch (error) {
      throw new AppError('VALIDATION_FAILED', { summary: `workingHours: ${(error as Error).message}` });
    }
  }
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || !Object.hasOwn(defaultCaseSettings, key)) continue;
      await tx
        .insert(caseSettings)
        .values({ key, value, updatedAt: new Date() })
        .onConflictDoUpdate({ target: caseSettings.key, set: { value, updatedAt: new Date() } });
    }
    await recordAudit(tx, actor, { action: 'case.settings.update', targetType: 'case_settings', details: changes as Record<string, unknown> });
  });
  invalidateCaseRules(db);
  return getCaseSettings(db);
}

// ---------------------------------------------------------------------------- responsibility matrix

/** The rules on nodes the actor may read cases of, optionally only those on one node. */
export async function listRoutingRules(db: Db, actor: Actor, nodeCode?: string): Promise<RoutingRule[]> {
  requirePermission(actor, 'case.read');
  const rows = await db
    .select()
    .from(caseRoutingRules)
    .where(nodeCode ? eq(caseRoutingRules.nodeCode, nodeCode) : undefined)
    .orderBy(asc(caseRoutingRules.nodePath), sql`${caseRoutingRules.categoryCode} nulls first`);
  const scopes = scopePaths(actor, 'case.read');
  return rows.filter((r) => scopes.some((s) => coversPath(s, r.nodePath) || coversPath(r.nodePath, s)));
}

/** Sets which unit handles a category (or any category) on a node and below. */
export async function saveRoutingRule(
  db: Db,
  actor: Actor,
  input: { nodeCode: string; categoryCode: string | null; unitCode: string; coUnitCodes?: string[] | undefined; note?: string | undefined },
): Promise<RoutingRule> {
  const node = await placeOf(db, input.nodeCode);
  if (!node) throw new AppError('CASE_UNIT_UNKNOWN', { code: input.nodeCode });
  assertInScope(actor, 'case.configure', node.orgPath);
  const rules = await loadCaseRules(db);
  if (input.categoryCode !== null && !rules.categories.has(input.categoryCode)) throw new AppError('CASE_CATEGORY_UNKNOWN', { code: input.categoryCode });
  for (const code of [input.unitCode, ...(input.coUnitCodes ?? [])]) {
    if (!(await placeOf(db, code))) throw new AppError('CASE_UNIT_UNKNOWN', { code });
  }
  const values = { nodeCode: node.code, nodePath: node.orgPath, categoryCode: input.categoryCode, unitCode: input.unitCode, coUnitCodes: input.coUnitCodes ?? [], note: input.note ?? '', createdBy: actor.name };
  return db.transaction(async (tx) => {
    const where = and(eq(caseRoutingRules.nodeCode, node.code), input.categoryCode === null ? isNull(caseRoutingRules.categoryCode) : eq(caseRoutingRules.categoryCode, input.categoryCode));
    const updated = await tx.update(caseRoutingRules).set(values).where(where).returning();
    const [saved] = updated.length ? updated : await tx.insert(caseRoutingRules).values(values).returning();
    await recordAudit(tx, actor, { action: 'case.routing.save', targetType: 'case_routing_rule', targetId: saved?.id, orgPath: node.orgPath, details: values });
    return saved as typeof caseRoutingRules.$inferSelect;
  });
}

/** Removes a rule of the matrix. */
export async function deleteRoutingRule(db: Db, actor: Actor, id: string): Promise<void> {
  const [rule] = await db.select().from(caseRoutingRules).where(eq(caseRoutingRules.id, id));
  if (!rule) throw new AppError('NOT_FOUND', { what: id });
  assertInScope(actor, 'case.configure', rule.nodePath);
  await db.transaction(async (tx) => {
    await tx.delete(caseRoutingRules).where(eq(caseRoutingRules.id, id));
    await recordAudit(tx, actor, { action: 'case.routing.delete', targetType: 'case_routing_rule', targetId: id, orgPath: rule.nodePath });
  });
}

/**
 * The responsible unit for a case at `orgPath` in `categoryCode`: rules naming the
 * subclass or its class beat catch-all rules; among them the deepest node wins (local
 * knowledge first), and a subclass beats its class on the same node. Null when no rule applies.
 */
export async function findResponsibleUnit(db: Db, orgPath: string, categoryCode: string, classCode: string) {
  const prefixes = orgPath.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));
  const [rule] = await db
    .select()
    .from(caseRoutingRules)
    .where(
      and(
        sql`${caseRoutingRules.nodePath} in ${prefixes}`,
        sql`(${caseRoutingRules.categoryCode} is null or ${caseRoutingRules.categoryCode} in ${[categoryCode, classCode]})`,
      ),
    )
    .orderBy(
      sql`(${caseRoutingRules.categoryCode} is null)`,
      sql`length(${caseRoutingRules.nodePath}) desc`,
      sql`(${caseRoutingRules.categoryCode} = ${categoryCode}) desc`,
    )
    .limit(1);
  return rule;
}
