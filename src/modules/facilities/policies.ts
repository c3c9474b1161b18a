// Who may do what with facilities. Facilities and coverage follow the org tree like every
// scoped record (inScope / assertInScope); the standard table and a district's distance
// settings apply to a whole district, so only staff granted on a district (or above) edit them.
import { AppError } from '../../platform/errors.ts';
import { coversPath, isDistrictOrAbove, scopePaths, type Actor } from '../../platform/auth/scope.ts';

/** Throws FORBIDDEN unless the actor may edit the standard table (facilities.write on a district or above). */
export function assertMayEditStandard(actor: Actor): void {
  if (!scopePaths(actor, 'facilities.write').some(isDistrictOrAbove)) throw new AppError('FORBIDDEN', { permission: 'facilities.write' });
}

/** Throws unless the actor may change a district's settings (facilities.write granted on it or above). */
export function assertMayEditDistrict(actor: Actor, districtPath: string): void {
  const paths = scopePaths(actor, 'facilities.write');
  if (paths.length === 0) throw new AppError('FORBIDDEN', { permission: 'facilities.write' });
  if (!paths.some((p) => isDistrictOrAbove(p) && coversPath(p, districtPath))) throw new AppError('OUT_OF_SCOPE', { permission: 'facilities.write' });
}
