// The dispatch form's proposal: which org unit should handle the case.
import type { Actor } from '../../../platform/auth/scope.ts';
import type { DispatchProposal } from '../contract.ts';
import { findResponsibleUnit } from '../settings.ts';
import { loadVisibleCase, type CaseDeps } from './common.ts';
import { orgUnitNamesOf } from './present.ts';

/**
 * Who should handle the case, for the dispatch form: a government matter (政府大事) goes
 * to the unit the responsibility matrix names; community and private matters (社区小事 /
 * 居民私事) stay in the community (its grid for a grid-level case).
 */
export async function proposeDispatch(deps: Pick<CaseDeps, 'db'>, actor: Actor, id: string): Promise<DispatchProposal> {
  const { db } = deps;
  const row = await loadVisibleCase(db, actor, id);
  const rule = await findResponsibleUnit(db, row.orgPath, row.categoryCode, row.classCode);
  let orgUnitCode: string | null = null;
  let coUnitCodes: string[] = [];
  let basis: 'matrix' | 'matter_class' | 'none' = 'none';
  if (row.matterClass === 'government' && rule) {
    orgUnitCode = rule.unitCode;
    coUnitCodes = rule.coUnitCodes;
    basis = 'matrix';
  } else if (row.matterClass !== 'government') {
    orgUnitCode = row.communityCode ?? row.streetCode;
    basis = 'matter_class';
  } else if (rule) {
    orgUnitCode = rule.unitCode;
    basis = 'matrix';
  }
  const names = await orgUnitNamesOf(db, [orgUnitCode, ...coUnitCodes]);
  return {
    matterClass: row.matterClass,
    basis,
    unit: orgUnitCode ? { code: orgUnitCode, name: names.get(orgUnitCode) ?? orgUnitCode } : null,
    coUnits: coUnitCodes.map((code) => ({ code, name: names.get(code) ?? code })),
    ruleId: rule?.id ?? null,
    ruleNode: rule?.nodeCode ?? null,
  };
}
