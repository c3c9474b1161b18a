// Map context: the polygon of one grid. Staff see the grids of their area (org's own rule); a
// department sees the grid of a case it leads or was dispatched to, so its handler can find
// the place, without seeing any other grid of the area.
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { canAccess, scopePaths, systemActor, type Actor } from '../../../platform/auth/scope.ts';
import { findGrid, gridsAsGeoJson } from '../../org/index.ts';
import { gridHoldsCaseOf } from '../case-reads.ts';

export async function gridContext(db: Db, actor: Actor, code: string) {
  const grid = await findGrid(db, code);
  if (!grid) throw new AppError('NOT_FOUND', { what: code });
  const ownUnits = scopePaths(actor, 'case.handle').map((p) => p.split('.').at(-1) ?? p);
  if (!canAccess(actor, 'org.read', grid.orgPath) && !(await gridHoldsCaseOf(db, code, ownUnits))) throw new AppError('OUT_OF_SCOPE', { permission: 'org.read' });
  // The caller's right was checked above; org's query runs with the system's.
  const all = await gridsAsGeoJson(db, systemActor, grid.communityCode);
  return { type: 'FeatureCollection' as const, features: all.features.filter((f) => f.properties.code === code) };
}
