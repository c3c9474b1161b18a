// Point → grid: a spatial index of all grids per database, rebuilt when grids change.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { GridIndex } from './geo.ts';
import { grids } from './schema.ts';

interface CachedIndex {
  index: GridIndex;
  paths: Map<string, string>;
  checkedAt: number;
  signature: string;
}
const gridIndexes = new WeakMap<Db, CachedIndex>();
// Other server processes may change grids; look again at most this often.
const INDEX_RECHECK_MS = 5_000;

/** Forgets this process's index after a change to grids (other processes notice within INDEX_RECHECK_MS). */
export function invalidateGridIndex(db: Db): void {
  gridIndexes.delete(db);
}

/** The spatial index of all grids, rebuilt when grids change. */
export async function loadGridIndex(db: Db): Promise<CachedIndex> {
  const cached = gridIndexes.get(db);
  if (cached && Date.now() - cached.checkedAt < INDEX_RECHECK_MS) return cached;
  const [sig] = await db
    .select({ signature: sql<string>`count(*)::text || ':' || coalesce(max(${grids.updatedAt})::text, '')` })
    .from(grids);
  const signature = sig?.signature ?? '';
  if (cached && cached.signature === signature) {
    cached.checkedAt = Date.now();
    return cached;
  }
  const rows = await db
    .select({ code: grids.code, geometry: grids.geometry, orgPath: grids.orgPath, minLng: grids.minLng, minLat: grids.minLat, maxLng: grids.maxLng, maxLat: grids.maxLat })
    .from(grids);
  const fresh: CachedIndex = {
    index: new GridIndex(rows.map((r) => ({ code: r.code, geometry: r.geometry, bbox: r }))),
    paths: new Map(rows.map((r) => [r.code, r.orgPath])),
    checkedAt: Date.now(),
    signature,
  };
  gridIndexes.set(db, fresh);
  return fresh;
}

/** The grid containing a point, without scope: for intake that places a report in its grid. */
export async function findGridAt(db: Db, lng: number, lat: number): Promise<{ code: string; orgPath: string } | undefined> {
  const { index, paths } = await loadGridIndex(db);
  const code = index.findGridAt(lng, lat);
  return code ? { code, orgPath: paths.get(code) as string } : undefined;
}
