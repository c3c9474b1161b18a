// A community's service package (by its type) and its gaps: package items the catalogue does
// not offer there (missing, withdrawn, or not accepted at a community and not district-wide).
import { and, eq, inArray } from 'drizzle-orm';
import { assertInScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findOrgUnit } from '../../org/index.ts';
import type { CommunityPackage } from '../contract/packages.ts';
import { serviceItems, serviceItemVersions } from '../schema.ts';
import { servicePackages } from './packages.ts';

/** The package of a community in the asker's area, with what it offers and its gaps. */
export async function communityPackage(db: Db, actor: Actor, code: string): Promise<CommunityPackage> {
  const community = await findOrgUnit(db, code);
  if (!community || community.level !== 'community') throw new AppError('NOT_FOUND', { what: code });
  assertInScope(actor, 'services.read', community.orgPath);
  const type = community.communityType;
  const pkg = type ? servicePackages[type] : null;
  const base = { communityCode: community.code, communityName: community.name, communityType: type, package: pkg };
  if (!pkg) return { ...base, offered: [], gaps: [] };
  const codes = pkg.items.map((i) => i.code);
  const rows = await db
    .select({ code: serviceItems.code, active: serviceItems.active, acceptLevels: serviceItemVersions.acceptLevels, districtWide: serviceItemVersions.districtWide })
    .from(serviceItems)
    .innerJoin(serviceItemVersions, and(eq(serviceItemVersions.code, serviceItems.code), eq(serviceItemVersions.version, serviceItems.currentVersion)))
    .where(inArray(serviceItems.code, codes));
  const offered: CommunityPackage['offered'] = [];
  const gaps: CommunityPackage['gaps'] = [];
  for (const i of pkg.items) {
    const row = rows.find((r) => r.code === i.code);
    if (!row) gaps.push({ ...i, reason: 'not_in_catalogue' });
    else if (!row.active) gaps.push({ ...i, reason: 'inactive' });
    else if (!row.acceptLevels.includes('community') && !row.districtWide) gaps.push({ ...i, reason: 'not_accepted_here' });
    else offered.push(i);
  }
  return { ...base, offered, gaps };
}
