// How a case reads in responses: list rows, the timeline, the names of the org units they
// mention (one call per page for the page's codes).
import type { Db } from '../../../platform/db.ts';
import { orgUnitNames } from '../../org/index.ts';
import type { CaseListItem, CaseSla, CaseTimelineView } from '../contract.ts';
import { cases, type CaseRow, type TimelineRow } from '../schema.ts';
import { loadCaseRules, type CaseRules } from '../settings.ts';
import type { CaseDeps } from './common.ts';
import { maskReporterName } from './reveal-reporter.ts';

// Names of org units for display, cached a minute (renames are rare and only cosmetic here).
const nameCaches = new WeakMap<Db, Map<string, { at: number; name: string | null }>>();
const NAME_TTL_MS = 60_000;

export async function orgUnitNamesOf(db: Db, codes: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  let nameCache = nameCaches.get(db);
  if (!nameCache) nameCaches.set(db, (nameCache = new Map()));
  const names = new Map<string, string>();
  const missing: string[] = [];
  for (const code of wanted) {
    const hit = nameCache.get(code);
    if (hit && Date.now() - hit.at < NAME_TTL_MS) {
      if (hit.name !== null) names.set(code, hit.name);
    } else missing.push(code);
  }
  if (missing.length === 0) return names;
  const found = await orgUnitNames(db, missing);
  if (nameCache.size > 20_000) nameCache.clear();
  for (const code of missing) {
    const name = found.get(code) ?? null;
    nameCache.set(code, { at: Date.now(), name });
    if (name !== null) names.set(code, name);
  }
  return names;
}

/**
 * The columns a list row is made of: a page reads these, not the whole case (its description,
 * search vector, reporter's encrypted contact and the like stay in the database).
 */
export const listItemColumns = {
  id: cases.id, number: cases.number, title: cases.title, state: cases.state, tier: cases.tier, version: cases.version,
  categoryCode: cases.categoryCode, classCode: cases.classCode, matterClass: cases.matterClass, urgency: cases.urgency, source: cases.source,
  address: cases.address, lng: cases.lng, lat: cases.lat, gridCode: cases.gridCode, communityCode: cases.communityCode, streetCode: cases.streetCode,
  dispatcherUnit: cases.dispatcherUnit, handlingUnit: cases.handlingUnit, supervisionLevel: cases.supervisionLevel, rating: cases.rating,
  stage: cases.stage, stageStartedAt: cases.stageStartedAt, warnAt: cases.warnAt, redAt: cases.redAt, deadlineAt: cases.deadlineAt,
  slaLevel: cases.slaLevel, overdueAt: cases.overdueAt, overdueCount: cases.overdueCount,
  createdAt: cases.createdAt, updatedAt: cases.updatedAt, closedAt: cases.closedAt,
};

/** What a list row is made of (a whole case row will do too). */
export type ListItemRow = Pick<CaseRow, keyof typeof listItemColumns>;

function slaView(row: ListItemRow, now: Date): CaseSla {
  return {
    stage: row.stage,
    stageStartedAt: row.stageStartedAt,
    warnAt: row.warnAt,
    redAt: row.redAt,
    deadlineAt: row.deadlineAt,
    level: row.overdueAt ? ('red' as const) : row.deadlineAt && row.redAt && now > row.redAt ? ('red' as const) : row.warnAt && now >= row.warnAt ? ('yellow' as const) : row.slaLevel,
    isOverdue: row.overdueAt !== null || (row.deadlineAt !== null && now > row.deadlineAt),
    overdueCount: row.overdueCount,
  };
}

/** A list row: what the case list and the to-do board show. */
export function presentListItem(row: ListItemRow, names: Map<string, string>, rules: CaseRules, now = new Date()): CaseListItem {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    state: row.state,
    tier: row.tier,
    version: row.version,
    categoryCode: row.categoryCode,
    categoryName: rules.categories.get(row.categoryCode)?.name ?? row.categoryCode,
    classCode: row.classCode,
    className: rules.categories.get(row.classCode)?.name ?? row.classCode,
    matterClass: row.matterClass,
    urgency: row.urgency,
    source: row.source,
    address: row.address,
    lng: row.lng,
    lat: row.lat,
    gridCode: row.gridCode,
    communityCode: row.communityCode,
    communityName: row.communityCode ? (names.get(row.communityCode) ?? null) : null,
    streetCode: row.streetCode,
    streetName: row.streetCode ? (names.get(row.streetCode) ?? null) : null,
    dispatcherUnit: row.dispatcherUnit,
    handlingUnit: row.handlingUnit,
    handlingUnitName: row.handlingUnit ? (names.get(row.handlingUnit) ?? row.handlingUnit) : null,
    supervisionLevel: row.supervisionLevel,
    rating: row.rating,
    sla: slaView(row, now),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}

export function presentTimeline(entries: TimelineRow[], showReporter: boolean, names: Map<string, string>): CaseTimelineView[] {
  return entries.map((t) => ({
    version: t.version,
    action: t.action,
    fromState: t.fromState,
    toState: t.toState,
    fromTier: t.fromTier,
    toTier: t.toTier,
    // A resident acting is the reporter: masked like the reporter's contact, or hidden.
    actorName: t.actorRole !== 'resident' ? t.actorName : showReporter ? maskReporterName(t.actorName) : '报告人',
    actorRole: t.actorRole,
    actorUnit: t.actorUnit,
    actorUnitName: t.actorUnit ? (names.get(t.actorUnit) ?? null) : null,
    at: t.at,
    reason: t.reason,
    text: t.text,
    photos: t.photos ?? [],
    targetUnit: t.targetUnit,
    targetUnitName: t.targetUnit ? (names.get(t.targetUnit) ?? null) : null,
    coUnits: t.coUnits ?? [],
    rating: t.rating,
    extension: t.extension,
    supervisionLevel: t.supervisionLevel,
    parentCaseId: t.parentCaseId,
    details: t.details,
  }));
}


/** The new case as the intake form shows it back: its list row (the page loads the detail). */
export async function presentCreated(deps: Pick<CaseDeps, 'db'>, row: CaseRow): Promise<CaseListItem> {
  const rules = await loadCaseRules(deps.db);
  return presentListItem(row, await orgUnitNamesOf(deps.db, [row.communityCode, row.streetCode, row.handlingUnit]), rules);
}
