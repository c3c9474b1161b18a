// Which centre takes an application in. Online: the lowest level that accepts the item above
// the applicant's community. At a counter: the counter's unit, if it accepts the item at its
// level and covers the community, or if the item may be done anywhere in the district (全区通办).
import { canAccess, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findOrgNodes, findOrgUnit } from '../../org/index.ts';
import { acceptLevels, type ServiceItem } from '../contract.ts';

export interface Placement {
  unitCode: string;
  unitName: string;
  orgPath: string;
  communityCode: string;
  communityName: string;
  departmentPath: string | null;
}

async function communityOf(db: Db, code: string) {
  const community = await findOrgUnit(db, code);
  if (!community || community.level !== 'community') throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'body.communityCode', message: `没有编码为 ${code} 的社区` }] });
  return community;
}

async function departmentPathOf(db: Db, item: ServiceItem): Promise<string | null> {
  if (!item.departmentCode) return null;
  return (await findOrgUnit(db, item.departmentCode))?.orgPath ?? null;
}

const districtOf = (path: string) => path.split('.').slice(0, 3).join('.');

/** The centre of an online application: the lowest accepting level above the community. */
export async function placeOnline(db: Db, item: ServiceItem, communityCode: string): Promise<Placement> {
  const community = await communityOf(db, communityCode);
  const nodes = await findOrgNodes(db, community.orgPath.split('.'));
  const level = acceptLevels.find((l) => item.acceptLevels.includes(l))!;
  const unit = nodes.find((n) => n.level === level);
  if (!unit) throw new AppError('SERVICE_LEVEL_NOT_ACCEPTING', { unit: community.name });
  return { unitCode: unit.code, unitName: unit.name, orgPath: unit.orgPath, communityCode, communityName: community.name, departmentPath: await departmentPathOf(db, item) };
}

/** The centre of a counter intake: the unit named, or the actor's own counter unit. */
export async function placeAtCounter(db: Db, actor: Actor, item: ServiceItem, communityCode: string, unitCode?: string): Promise<Placement> {
  const community = await communityOf(db, communityCode);
  let unit = unitCode ? await findOrgUnit(db, unitCode) : undefined;
  if (!unitCode) {
    const own = scopePaths(actor, 'services.intake').filter((p) => p !== '');
    const codes = own.map((p) => p.split('.').at(-1)!);
    const units = await findOrgNodes(db, codes);
    unit = (units.find((u) => community.orgPath === u.orgPath || community.orgPath.startsWith(`${u.orgPath}.`)) ?? units[0]) as typeof unit;
    if (!unit && own.length === 0 && canAccess(actor, 'services.intake', community.orgPath)) unit = community;
  }
  if (!unit) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'body.unitCode', message: '请选择受理窗口所在单位' }] });
  if (!canAccess(actor, 'services.intake', unit.orgPath)) throw new AppError('OUT_OF_SCOPE', { permission: 'services.intake' });
  if (!(item.acceptLevels as readonly string[]).includes(unit.level)) throw new AppError('SERVICE_LEVEL_NOT_ACCEPTING', { unit: unit.name, reason: '该层级不受理此事项' });
  const covers = community.orgPath === unit.orgPath || community.orgPath.startsWith(`${unit.orgPath}.`);
  if (!covers && !(item.districtWide && districtOf(unit.orgPath) === districtOf(community.orgPath))) {
    throw new AppError('SERVICE_LEVEL_NOT_ACCEPTING', { unit: unit.name, reason: '申请人不在本辖区，且该事项不是全区通办' });
  }
  return { unitCode: unit.code, unitName: unit.name, orgPath: unit.orgPath, communityCode, communityName: community.name, departmentPath: await departmentPathOf(db, item) };
}
