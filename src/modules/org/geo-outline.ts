// The outline of a district for the map's context (drawn under the grids, and the frame of
// a map without tiles). Outlines are known for the districts shipped in district-outlines.ts.
import { AppError } from '../../platform/errors.ts';
import { assertInScope, type Actor } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db.ts';
import { districtOutlines } from './district-outlines.ts';
import { findOrgNodes, findOrgUnit } from './queries.ts';
import type { DistrictOutlineView } from './contract.ts';

/** The outline of the district holding `under` (itself, or above it); who may read `under` may read it. */
export async function districtOutline(db: Db, actor: Actor, under: string): Promise<DistrictOutlineView> {
  const node = await findOrgUnit(db, under);
  if (!node) throw new AppError('NOT_FOUND', { what: under });
  assertInScope(actor, 'org.read', node.orgPath);
  const district = (await findOrgNodes(db, node.orgPath.split('.'))).find((n) => n.level === 'district');
  if (!district) throw new AppError('NOT_FOUND', { what: `${under}: district` });
  return { code: district.code, name: district.name, geometry: districtOutlines[district.code]?.geometry ?? null };
}
