// A person moving to another household, moving away or dying: the record stays, the
// residence history and key groups follow.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../../platform/errors.ts';
import type { Db } from '../../../platform/db.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { EndResidenceBody, MoveResidentBody, ResidentView } from '../contract.ts';
import { households, keyGroupMemberships, residenceHistory, residents } from '../schema.ts';
import { chinaToday } from '../vocabulary.ts';
import { validationFailed } from './common.ts';
import { loadResident } from './load.ts';
import { closeResidence, placeIn, resolvePlacement } from './placement.ts';
import { presentOne } from './present-residents.ts';

/**
 * Moves a person to another household (or a new household in a house, as its head),
 * closing the current line of their residence history and opening a new one.
 */
export async function moveResident(
  db: Db,
  pii: PiiCipher,
  actor: Actor,
  id: string,
  input: MoveResidentBody,
): Promise<ResidentView> {
  const current = await loadResident(db, actor, id, 'registry.write');
  if (!input.householdId && !input.houseId) throw validationFailed([{ field: 'body.householdId', message: '须指定迁入的户或房屋' }]);
  if (input.householdId && input.householdId === current.householdId) throw validationFailed([{ field: 'body.householdId', message: '已在该户' }]);
  const target = await resolvePlacement(db, actor, { householdId: input.householdId, houseId: input.houseId, relation: input.relation });
  const movedOn = input.movedOn ?? chinaToday();
  const [since] = await db.select({ on: residenceHistory.movedInOn }).from(residenceHistory).where(and(eq(residenceHistory.residentId, id), isNull(residenceHistory.movedOutOn)));
  if (movedOn > chinaToday() || (since && movedOn < since.on)) {
    throw validationFailed([{ field: 'body.movedOn', message: since ? `迁居日期须在 ${since.on} 至今天之间` : '迁居日期不能晚于今天' }]);
  }
  const moved = await db.transaction(async (tx) => {
    const placed = await placeIn(tx, target);
    await closeResidence(tx, current, movedOn, input.reason ?? '迁出');
    const [row] = await tx
      .update(residents)
      .set({ gridCode: placed.gridCode, orgPath: placed.orgPath, houseId: placed.houseId, householdId: placed.householdId, relation: placed.relation, status: 'active', version: sql`${residents.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(residents.id, id), eq(residents.version, input.version)))
      .returning();
    if (!row) throw new AppError('VERSION_CONFLICT', { id });
    await tx.insert(residenceHistory).values({ residentId: id, houseId: placed.houseId, householdId: placed.householdId, relation: placed.relation, orgPath: placed.orgPath, movedInOn: movedOn, reason: input.reason ?? '迁入' });
    if (placed.relation === 'head' && placed.householdId) await tx.update(households).set({ headResidentId: id }).where(eq(households.id, placed.householdId));
    if (placed.orgPath !== current.orgPath) {
      await tx.update(keyGroupMemberships).set({ orgPath: placed.orgPath }).where(eq(keyGroupMemberships.residentId, id));
    }
    await recordAudit(tx, actor, {
      action: 'registry.resident.move',
      targetType: 'resident',
      targetId: id,
      orgPath: placed.orgPath,
      details: { fromHousehold: current.householdId, toHousehold: placed.householdId, fromPath: current.orgPath, movedOn },
    });
    return row;
  });
  return presentOne(db, pii, actor, moved, 'move');
}

/** Records that a person moved away or died: leaves the household, ends their key groups, keeps the record. */
export async function endResidence(
  db: Db,
  pii: PiiCipher,
  actor: Actor,
  id: string,
  input: EndResidenceBody,
): Promise<ResidentView> {
  const current = await loadResident(db, actor, id, 'registry.write');
  if (current.status !== 'active') throw validationFailed([{ field: 'body.status', message: '该居民已不在册' }]);
  const on = input.on ?? chinaToday();
  const updated = await db.transaction(async (tx) => {
    await closeResidence(tx, current, on, input.reason ?? (input.status === 'deceased' ? '死亡' : '迁出'));
    const [row] = await tx
      .update(residents)
      .set({ status: input.status, houseId: null, householdId: null, relation: null, version: sql`${residents.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(residents.id, id), eq(residents.version, input.version)))
      .returning();
    if (!row) throw new AppError('VERSION_CONFLICT', { id });
    await tx.update(keyGroupMemberships).set({ until: on, nextVisitDue: null, updatedAt: sql`now()` }).where(and(eq(keyGroupMemberships.residentId, id), isNull(keyGroupMemberships.until)));
    await recordAudit(tx, actor, { action: `registry.resident.${input.status}`, targetType: 'resident', targetId: id, orgPath: row.orgPath, details: { on } });
    return row;
  });
  return presentOne(db, pii, actor, updated, 'end');
}

