// What the gridwork use cases share: the worker's grids (from their grid_worker grants),
// grid shapes, China days, the settings, and the scope rule for another worker's records.
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { canAccess, shownName, systemActor, type Actor } from '../../../platform/auth/scope.ts';
import { findGrid, findOrgUnit, gridsAsGeoJson, type GridGeometry, type GridRef } from '../../org/index.ts';
import { gridworkDefaults, type GridworkSettings } from '../contract.ts';
import { settings } from '../schema.ts';

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The China (UTC+8) calendar day of an instant, YYYY-MM-DD. */
export function chinaDay(at: Date = new Date()): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China day starts. */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}

/** A YYYY-MM-DD day plus n days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the week the day falls in (weeks run Monday to Sunday). */
export function weekStartOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export interface Worker {
  id: string;
  name: string;
}

/** The actor as a grid worker: a person's account (API keys and the system keep no track or log). */
export function workerOf(actor: Actor): Worker {
  if (actor.kind !== 'user' || !actor.id) throw new AppError('FORBIDDEN', { permission: 'gridwork.write' });
  return { id: actor.id, name: shownName(actor) };
}

/** The grid codes the actor serves as a grid worker (the last part of each grid_worker grant's path). */
export function servedGridCodes(actor: Actor): string[] {
  return actor.grants.filter((g) => g.role === 'grid_worker').map((g) => g.orgPath.split('.').at(-1) as string);
}

/** The grid a worker acts in: the one named (which they must serve), else their only one. */
export async function workerGrid(db: Db, actor: Actor, gridCode: string | undefined, field = 'body.gridCode'): Promise<GridRef> {
  const served = servedGridCodes(actor);
  if (served.length === 0) throw new AppError('GRIDWORK_NOT_A_WORKER', {});
  const code = gridCode ?? (served.length === 1 ? served[0] : undefined);
  if (!code) throw new AppError('VALIDATION_FAILED', { summary: field, fields: [{ field, message: '请选择网格 / choose a grid' }] });
  if (!served.includes(code)) throw new AppError('OUT_OF_SCOPE', { permission: 'gridwork.write' });
  const grid = await findGrid(db, code);
  if (!grid) throw new AppError('NOT_FOUND', { what: code });
  return grid;
}

/** A grid's polygon. */
export async function gridGeometry(db: Db, grid: GridRef): Promise<GridGeometry> {
  const collection = await gridsAsGeoJson(db, systemActor, grid.communityCode);
  const feature = collection.features.find((f) => f.properties.code === grid.code);
  if (!feature) throw new AppError('NOT_FOUND', { what: grid.code });
  return feature.geometry as GridGeometry;
}

/** The org path under a code (an org unit or a grid), or undefined for none given. */
export async function pathUnder(db: Db, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const node = await findOrgUnit(db, code);
  if (node) return node.orgPath;
  const grid = await findGrid(db, code);
  if (grid) return grid.orgPath;
  throw new AppError('NOT_FOUND', { what: code });
}

/** The community's org path above a grid's: staff there approve and announce, the grid's own worker does not. */
export function communityPathOf(gridPath: string): string {
  return gridPath.split('.').slice(0, -1).join('.');
}

/** Whether the actor may see a worker's record at this path: their own, or gridwork.read above it. */
export function maySee(actor: Actor, workerId: string, orgPath: string): boolean {
  return actor.id === workerId || canAccess(actor, 'gridwork.read', orgPath);
}

/** The settings in force (defaults where none were saved). */
export async function loadSettings(db: Db): Promise<GridworkSettings> {
  const rows = await db.select().from(settings);
  const saved = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    trackRetentionDays: typeof saved.trackRetentionDays === 'number' ? saved.trackRetentionDays : gridworkDefaults.trackRetentionDays,
    checkInToleranceMeters: typeof saved.checkInToleranceMeters === 'number' ? saved.checkInToleranceMeters : gridworkDefaults.checkInToleranceMeters,
  };
}

/** Saves the settings. */
export async function saveSettings(db: Db, value: GridworkSettings): Promise<GridworkSettings> {
  for (const [key, v] of Object.entries(value)) {
    await db.insert(settings).values({ key, value: v }).onConflictDoUpdate({ target: settings.key, set: { value: v, updatedAt: new Date() } });
  }
  return loadSettings(db);
}

