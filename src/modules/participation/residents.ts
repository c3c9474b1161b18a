// A resident's account linked to the registry (the proof behind one support, one ballot, one
// evaluation per person): the account's holder gives their name and ID number, which must name
// an active registry resident of the community the account is granted on.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { findResidentByIdNumber, validateIdNumber, withIdentifierLookup } from '../registry/index.ts';
import type { Verification } from './contract.ts';
import { communityCodeOf, communityNames, communityPathOf, invalidField, surnameOnly } from './places.ts';
import { participationResidents } from './schema.ts';

export interface VerifiedResident {
  residentId: string;
  userId: string;
  communityCode: string;
  /** The community's org path. */
  communityPath: string;
  /** The resident's own (grid) org path. */
  orgPath: string;
}

/** The community path a resident's account is granted on, or FORBIDDEN. */
export function communityOfAccount(actor: Actor): string {
  const grant = actor.grants.find((g) => g.role === 'resident');
  if (!grant || !actor.id) throw new AppError('FORBIDDEN', { permission: 'participation.take_part' });
  return communityPathOf(grant.orgPath);
}

/** The registry resident the signed-in account is linked to, or null. */
export async function verifiedResidentOrNull(db: Db, actor: Actor): Promise<VerifiedResident | null> {
  if (!actor.id) return null;
  const [row] = await db.select().from(participationResidents).where(eq(participationResidents.userId, actor.id));
  if (!row) return null;
  return { residentId: row.residentId, userId: row.userId, communityCode: row.communityCode, communityPath: communityPathOf(row.orgPath), orgPath: row.orgPath };
}

/** The registry resident the signed-in account is linked to; PARTICIPATION_NOT_VERIFIED when it is not. */
export async function verifiedResidentOf(db: Db, actor: Actor): Promise<VerifiedResident> {
  const found = await verifiedResidentOrNull(db, actor);
  if (!found) throw new AppError('PARTICIPATION_NOT_VERIFIED');
  return found;
}

/** Whether the signed-in account is linked, and to which community. */
export async function myVerification(db: Db, actor: Actor): Promise<Verification> {
  const found = await verifiedResidentOrNull(db, actor);
  if (!found) return { verified: false, communityCode: null, communityName: null, shownName: null };
  const names = await communityNames(db, [found.communityCode]);
  return { verified: true, communityCode: found.communityCode, communityName: names.get(found.communityCode) ?? found.communityCode, shownName: actor.displayName ? surnameOnly(actor.displayName) : null };
}

/** Links the account to the registry resident with this name and ID number in the account's community. */
export async function verifyResident(db: Db, pii: PiiCipher, actor: Actor, body: { name: string; idNumber: string }): Promise<Verification> {
  const communityPath = communityOfAccount(actor);
  const id = validateIdNumber(body.idNumber);
  if (!id.ok) throw invalidField('body.idNumber', '身份证号无效 / the ID number is not valid');
  const known = await withIdentifierLookup(db, pii, actor, { terms: [{ field: 'idNumber', param: 'idNumber', value: id.value }], context: 'participation.verify' }, () => findResidentByIdNumber(db, pii, id.value), (r) => (r ? 1 : 0));
  // One answer for "unknown", "another name" and "another community", so the form tells nobody who lives where.
  if (!known || known.name !== body.name || communityPathOf(known.orgPath) !== communityPath) throw invalidField('body.idNumber', '姓名与身份证号不是本社区登记的居民 / no resident of your community has this name and ID number');
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(participationResidents)
      .values({ userId: actor.id!, residentId: known.id, communityCode: communityCodeOf(known.orgPath), orgPath: known.orgPath })
      .onConflictDoNothing()
      .returning({ userId: participationResidents.userId });
    if (inserted.length === 0) {
      const mine = await verifiedResidentOrNull(tx, actor);
      if (mine?.residentId !== known.id) throw new AppError('CONFLICT', { what: '居民账号关联' });
      return;
    }
    await recordAudit(tx, actor, { action: 'participation.resident.verify', targetType: 'resident', targetId: known.id, orgPath: known.orgPath });
  });
  return myVerification(db, actor);
}
