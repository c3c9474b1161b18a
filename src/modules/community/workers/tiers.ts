// The tiers of workers (社工 / 助工 / 义工) across the registers: qualified social workers,
// assistants without the qualification, and volunteers, counted per community.
import { and, count } from 'drizzle-orm';
import { inScope, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { tierOfLevel, type TiersView, type WorkerTier } from '../contract.ts';
import { communityVolunteers, communityWorkers } from '../schema.ts';
import { communitiesByCode, underPath } from '../places.ts';

/** The community code of an org path (its fifth segment), or the path itself above community level. */
const communityOf = (orgPath: string) => orgPath.split('.')[4] ?? orgPath;

export async function tiers(db: Db, actor: Actor, under: string | undefined): Promise<TiersView> {
  const path = await underPath(db, under);
  const scoped = (column: typeof communityWorkers.orgPath | typeof communityVolunteers.orgPath) => and(inScope(actor, 'community.read', column), path ? underPaths(column, [path]) : undefined);
  const [workers, volunteers] = await Promise.all([
    db.select({ orgPath: communityWorkers.orgPath, level: communityWorkers.level, n: count() }).from(communityWorkers).where(scoped(communityWorkers.orgPath)).groupBy(communityWorkers.orgPath, communityWorkers.level),
    db.select({ orgPath: communityVolunteers.orgPath, n: count() }).from(communityVolunteers).where(scoped(communityVolunteers.orgPath)).groupBy(communityVolunteers.orgPath),
  ]);
  const byCommunity = new Map<string, Record<WorkerTier, number>>();
  const totals: Record<WorkerTier, number> = { social_worker: 0, assistant: 0, volunteer: 0 };
  const add = (orgPath: string, tier: WorkerTier, n: number) => {
    const code = communityOf(orgPath);
    const counts = byCommunity.get(code) ?? { social_worker: 0, assistant: 0, volunteer: 0 };
    counts[tier] += n;
    totals[tier] += n;
    byCommunity.set(code, counts);
  };
  for (const w of workers) add(w.orgPath, tierOfLevel(w.level), w.n);
  for (const v of volunteers) add(v.orgPath, 'volunteer', v.n);
  const places = await communitiesByCode(db, [...byCommunity.keys()]);
  const communities = [...byCommunity.entries()].map(([code, counts]) => ({ code, name: places.get(code)?.name ?? code, ...counts })).sort((a, b) => a.code.localeCompare(b.code));
  return { totals, communities };
}

