// Residents (居民): registered, read as a person's file, changed.
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { givenFields } from '../../../platform/patch.ts';
import type { CreateResidentBody, ResidentFile, ResidentView, ResidentVisit, UpdateResidentBody } from '../contract.ts';
import { kindCatalogue, visibleMembershipCondition } from '../key-groups/catalogue.ts';
import { nameSearchKeys } from '../pinyin.ts';
import { buildings, households, houses, keyGroupMemberships, residenceHistory, residents } from '../schema.ts';
import { searchTermsOf } from '../text-search.ts';
import { chinaToday } from '../vocabulary.ts';
import { lexemes, validationFailed } from './common.ts';
import { loadResident, type Resident } from './load.ts';
import { duplicateOf, placeIn, resolvePlacement } from './placement.ts';
import { addressColumns, houseAddress, presentOne, presentResidents } from './present-residents.ts';
import { checkResident, type CheckedIdentity } from './resident-rules.ts';
import type { Reveal } from './reveal.ts';

/** Registers a person, placed in a household, a house (as head of a new household) or only a grid. */
export async function createResident(db: Db, pii: PiiCipher, actor: Actor, input: CreateResidentBody): Promise<ResidentView> {
  const today = chinaToday();
  // Scope first: someone who may not write there learns nothing from the field checks.
  const target = await resolvePlacement(db, actor, input);
  const checked = checkResident(input, undefined, today);
  const id = checked.idNumber as NonNullable<CheckedIdentity['idNumber']>;
  const idHash = pii.lookupHash(id.value);
  await duplicateOf(db, actor, idHash);
  const keys = nameSearchKeys(input.name);
  const created = await db.transaction(async (tx) => {
    const placed = await placeIn(tx, target);
    const [row] = await tx
      .insert(residents)
      .values({
        gridCode: placed.gridCode,
        orgPath: placed.orgPath,
        houseId: placed.houseId,
        householdId: placed.householdId,
        relation: placed.relation,
        name: input.name,
        namePinyin: keys.full,
        nameInitials: keys.initials,
        gender: id.gender,
        birthDate: id.birthDate,
        idNumberEnc: pii.encrypt(id.value),
        idNumberHash: idHash,
        phoneEnc: checked.phone ? pii.encrypt(checked.phone) : null,
        phoneHash: checked.phone ? pii.lookupHash(checked.phone) : null,
        ethnicity: checked.ethnicity ?? null,
        residenceType: input.residenceType ?? 'local',
        arrivedOn: input.arrivedOn ?? null,
        employer: input.employer ?? null,
        education: input.education ?? null,
        politicalStatus: input.politicalStatus ?? null,
        notes: input.notes ?? null,
        search: lexemes(searchTermsOf(input.name)),
      })
      .returning();
    const resident = row as Resident;
    if (placed.householdId) {
      await tx.insert(residenceHistory).values({ residentId: resident.id, houseId: placed.houseId, householdId: placed.householdId, relation: placed.relation, orgPath: placed.orgPath, movedInOn: input.movedInOn ?? today, reason: '登记' });
      if (placed.relation === 'head') await tx.update(households).set({ headResidentId: resident.id }).where(eq(households.id, placed.householdId));
    }
    await recordAudit(tx, actor, { action: 'registry.resident.create', targetType: 'resident', targetId: resident.id, orgPath: resident.orgPath });
    return resident;
  });
  return presentOne(db, pii, actor, created, 'create');
}

/** A person's file: the record, where they lived, their key groups and the latest visits. */
export async function getResident(db: Db, pii: PiiCipher, actor: Actor, id: string, reveal: Reveal | null): Promise<ResidentFile> {
  const resident = await loadResident(db, actor, id, 'registry.read');
  const [view] = await presentResidents(db, pii, actor, [resident], reveal, 'resident');
  const history = await db
    .select({
      id: residenceHistory.id,
      houseId: residenceHistory.houseId,
      householdId: residenceHistory.householdId,
      relation: residenceHistory.relation,
      movedInOn: residenceHistory.movedInOn,
      movedOutOn: residenceHistory.movedOutOn,
      reason: residenceHistory.reason,
      ...addressColumns,
    })
    .from(residenceHistory)
    .leftJoin(houses, eq(houses.id, residenceHistory.houseId))
    .leftJoin(buildings, eq(buildings.id, houses.buildingId))
    .where(eq(residenceHistory.residentId, id))
    .orderBy(asc(residenceHistory.movedInOn), asc(residenceHistory.createdAt));
  const catalogue = await kindCatalogue(db);
  const memberships = await db
    .select()
    .from(keyGroupMemberships)
    .where(and(eq(keyGroupMemberships.residentId, id), visibleMembershipCondition(actor)))
    .orderBy(asc(keyGroupMemberships.since));
  const recentVisits = await queryRows<ResidentVisit>(
    db,
    sql`select v.id, v.membership_id as "membershipId", v.visited_on::text as "visitedOn", v.method, v.visitor_name as "visitorName", v.notes
        from visits v left join key_group_memberships m on m.id = v.membership_id
        where v.resident_id = ${id} and (m.id is null or ${visibleMembershipCondition(actor, sql`m`)})
        order by v.visited_on desc, v.created_at desc limit 20`,
  );
  return {
    ...(view as ResidentView),
    history: history.map((h) => ({
      ...h,
      address: h.buildingName && h.number !== null ? houseAddress({ name: h.buildingName }, { unit: h.unit ?? '', number: h.number }) : null,
    })),
    memberships: memberships.map((m) => ({ ...m, name: catalogue.get(m.kind)?.name ?? m.kind })),
    visits: recentVisits,
  };
}

/** Changes a person's record; `version` must match. The audit names the fields, never their values. */
export async function updateResident(db: Db, pii: PiiCipher, actor: Actor, id: string, changes: UpdateResidentBody): Promise<ResidentView> {
  const current = await loadResident(db, actor, id, 'registry.write');
  const today = chinaToday();
  const checked = checkResident(changes, current, today);
  let idHash: string | undefined;
  if (checked.idNumber) {
    idHash = pii.lookupHash(checked.idNumber.value);
    if (idHash !== current.idNumberHash) await duplicateOf(db, actor, idHash, id);
  }
  if (changes.relation === 'head' && current.householdId && current.relation !== 'head') {
    const [household] = await db.select({ head: households.headResidentId }).from(households).where(eq(households.id, current.householdId));
    if (household?.head && household.head !== id) throw validationFailed([{ field: 'body.relation', message: '该户已有户主；请先在户档中更换户主' }]);
  }
  const keys = changes.name !== undefined ? nameSearchKeys(changes.name) : undefined;
  const set: Partial<typeof residents.$inferInsert> = {
    ...(changes.name !== undefined && keys ? { name: changes.name, namePinyin: keys.full, nameInitials: keys.initials, search: lexemes(searchTermsOf(changes.name)) } : {}),
    ...(checked.idNumber && idHash !== current.idNumberHash
      ? { idNumberEnc: pii.encrypt(checked.idNumber.value), idNumberHash: idHash, gender: checked.idNumber.gender, birthDate: checked.idNumber.birthDate }
      : {}),
    ...(checked.phone !== undefined
      ? checked.phone === null
        ? { phoneEnc: null, phoneHash: null }
        : pii.lookupHash(checked.phone) === current.phoneHash
          ? {}
          : { phoneEnc: pii.encrypt(checked.phone), phoneHash: pii.lookupHash(checked.phone) }
      : {}),
    ...givenFields(checked, ['ethnicity']),
    ...givenFields(changes, ['residenceType', 'arrivedOn', 'employer', 'education', 'politicalStatus', 'notes']),
    ...(changes.relation !== undefined && current.householdId ? { relation: changes.relation } : {}),
  };
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(residents)
      .set({ ...set, version: sql`${residents.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(residents.id, id), eq(residents.version, changes.version)))
      .returning();
    if (!row) throw new AppError('VERSION_CONFLICT', { id });
    if (changes.relation === 'head' && current.householdId) await tx.update(households).set({ headResidentId: id }).where(eq(households.id, current.householdId));
    if (changes.relation !== undefined && changes.relation !== 'head' && current.relation === 'head' && current.householdId) {
      await tx.update(households).set({ headResidentId: null }).where(and(eq(households.id, current.householdId), eq(households.headResidentId, id)));
    }
    const fields = Object.keys(changes).filter((k) => k !== 'version');
    await recordAudit(tx, actor, { action: 'registry.resident.update', targetType: 'resident', targetId: id, orgPath: row.orgPath, details: { fields } });
    return row;
  });
  return presentOne(db, pii, actor, updated, 'update');
}

/**
 * Moves a person to another household (or a new household in a house, as its head),
 * closing the current line of their residence history and opening a new one.
 */
