// Inserting a tree as given, without scope, audit or checks: for test trees, benchmarks and
// the demo, which build a known tree in one go. Everything else goes through the use cases.
import type { Db } from '../../platform/db.ts';
import { grids, orgNodes } from './schema.ts';
import { bboxOf, type GridGeometry } from './geo.ts';
import { invalidateGridIndex } from './grid-index.ts';
import type { GridKind, OrgLevel } from './contract.ts';

export interface OrgUnitSeed {
  code: string;
  parentCode: string | null;
  level: OrgLevel;
  name: string;
  orgPath: string;
  /** The name with its parents; the name when left out. */
  fullName?: string;
}

export interface GridSeed {
  code: string;
  communityCode: string;
  name: string;
  kind: GridKind;
  /** The community's org path followed by the grid code. */
  orgPath: string;
  geometry: GridGeometry;
}

/** Inserts org units as given. */
export async function insertOrgUnits(db: Db, orgUnits: readonly OrgUnitSeed[]): Promise<void> {
  if (orgUnits.length === 0) return;
  await db.insert(orgNodes).values(orgUnits.map((u) => ({ ...u, fullName: u.fullName ?? u.name })));
}

/** Inserts grids as given (their bounding boxes computed), in batches; a code already there is left alone. */
export async function insertGrids(db: Db, rows: readonly GridSeed[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(grids)
      .values(rows.slice(i, i + 500).map((g) => ({ ...g, ...bboxOf(g.geometry) })))
      .onConflictDoNothing();
  }
  invalidateGridIndex(db);
}
