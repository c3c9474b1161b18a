// Likely duplicates at intake: open cases of the same category, reported recently, nearby.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { CaseDuplicate } from '../contract.ts';
import { cases } from '../schema.ts';
import { loadCaseRules } from '../settings.ts';
import { visibleCases } from '../policies.ts';
import { openStates } from './common.ts';


/** Open cases of the same category near a point, reported recently: likely the same problem (visible ones only). */
export async function findDuplicates(
  db: Db,
  actor: Actor,
  q: { categoryCode: string; lng?: number | undefined; lat?: number | undefined; excludeId?: string | undefined },
  now = new Date(),
): Promise<CaseDuplicate[]> {
  if (q.lng === undefined || q.lat === undefined) return [];
  const { settings } = await loadCaseRules(db);
  const radius = settings.duplicateRadiusMetres;
  const dLat = radius / 111_320;
  const dLng = radius / (111_320 * Math.max(0.1, Math.cos((q.lat * Math.PI) / 180)));
  const since = new Date(now.getTime() - settings.duplicateDays * 86_400_000);
  const distance = sql<number>`(6371000 * 2 * asin(sqrt(power(sin(radians(${cases.lat} - ${q.lat}) / 2), 2)
      + cos(radians(${q.lat})) * cos(radians(${cases.lat})) * power(sin(radians(${cases.lng} - ${q.lng}) / 2), 2))))`;
  const rows = await db
    .select({ id: cases.id, number: cases.number, title: cases.title, state: cases.state, address: cases.address, createdAt: cases.createdAt, distance })
    .from(cases)
    .where(
      and(
        eq(cases.categoryCode, q.categoryCode),
        inArray(cases.state, [...openStates]),
        sql`${cases.createdAt} >= ${since.toISOString()}`,
        sql`${cases.lat} between ${q.lat - dLat} and ${q.lat + dLat}`,
        sql`${cases.lng} between ${q.lng - dLng} and ${q.lng + dLng}`,
        q.excludeId ? sql`${cases.id} <> ${q.excludeId}` : undefined,
        visibleCases(actor),
      ),
    )
    .orderBy(distance)
    .limit(10);
  return rows.filter((r) => r.distance <= radius).map((r) => ({ ...r, distance: Math.round(r.distance) }));
}
