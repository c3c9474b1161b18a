// A resident as every response and export shows them: masked unless revealed, with their
// address and the key groups the actor may see.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { KeyGroupTag, ResidentView } from '../contract.ts';
import { kindCatalogue, visibleMembershipCondition } from '../key-groups/catalogue.ts';
import { maskedBirthDate, maskIdNumber, maskMobile } from '../mask.ts';
import { buildings, houses, keyGroupMemberships } from '../schema.ts';
import { ageOn, chinaToday, profileOf } from '../vocabulary.ts';
import type { Resident } from './load.ts';
import { auditReveal, mayReveal, type Reveal } from './reveal.ts';

/** A house's address as people write it: 翠微路28号院3号楼2单元302室. */
export function houseAddress(building: { name: string }, house: { unit: string; number: string }): string {
  return `${building.name}${house.unit ? `${house.unit}单元` : ''}${house.number}室`;
}

/** The columns houseAddress reads, for a select of houses joined to their buildings. */
export const addressColumns = { buildingName: buildings.name, unit: houses.unit, number: houses.number };

/**
 * One resident: ID number, phone and birth date masked (the age stays: staff need it for
 * the elderly and children, and the mask's arithmetic allows for it), unless `revealed`.
 */
export function presentResident(
  pii: PiiCipher,
  r: Resident,
  extra: { revealed: boolean; address: string | null; keyGroups?: KeyGroupTag[] | undefined; today?: string | undefined },
): ResidentView {
  const idNumber = pii.decrypt(r.idNumberEnc);
  const phone = r.phoneEnc ? pii.decrypt(r.phoneEnc) : null;
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: extra.revealed ? r.birthDate : maskedBirthDate,
    age: ageOn(r.birthDate, extra.today ?? chinaToday()),
    idNumber: extra.revealed ? idNumber : maskIdNumber(idNumber),
    phone: phone === null ? null : extra.revealed ? phone : maskMobile(phone),
    revealed: extra.revealed,
    ...profileOf(r),
    status: r.status,
    gridCode: r.gridCode,
    orgPath: r.orgPath,
    houseId: r.houseId,
    householdId: r.householdId,
    relation: r.relation,
    address: extra.address,
    keyGroups: extra.keyGroups ?? [],
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Addresses and visible key groups of some residents, for presenting them. */
async function residentExtras(db: Db, actor: Actor, rows: Resident[]) {
  const houseIds = [...new Set(rows.map((r) => r.houseId).filter((id): id is string => id !== null))];
  const residentIds = rows.map((r) => r.id);
  const [addressRows, memberships, catalogue] = await Promise.all([
    houseIds.length
      ? db
          .select({ id: houses.id, ...addressColumns })
          .from(houses)
          .innerJoin(buildings, eq(buildings.id, houses.buildingId))
          .where(inArray(houses.id, houseIds))
      : [],
    residentIds.length
      ? db
          .select({ id: keyGroupMemberships.id, residentId: keyGroupMemberships.residentId, kind: keyGroupMemberships.kind, nextVisitDue: keyGroupMemberships.nextVisitDue })
          .from(keyGroupMemberships)
          .where(and(inArray(keyGroupMemberships.residentId, residentIds), isNull(keyGroupMemberships.until), visibleMembershipCondition(actor)))
          .orderBy(asc(keyGroupMemberships.createdAt))
      : [],
    kindCatalogue(db),
  ]);
  const addresses = new Map(addressRows.map((h) => [h.id, houseAddress({ name: h.buildingName }, h)]));
  const groups = new Map<string, KeyGroupTag[]>();
  for (const m of memberships) {
    const list = groups.get(m.residentId) ?? [];
    list.push({ id: m.id, kind: m.kind, name: catalogue.get(m.kind)?.name ?? m.kind, nextVisitDue: m.nextVisitDue });
    groups.set(m.residentId, list);
  }
  return { addresses, groups };
}

/**
 * Presents residents for an actor: masked, or in clear where `reveal` was asked for and
 * the actor may reveal that row; the reveal is audited before anything is returned.
 */
export async function presentResidents(db: Db, pii: PiiCipher, actor: Actor, rows: Resident[], reveal: Reveal | null, context: string): Promise<ResidentView[]> {
  const { addresses, groups } = await residentExtras(db, actor, rows);
  const today = chinaToday();
  const views = rows.map((r) =>
    presentResident(pii, r, {
      revealed: mayReveal(actor, reveal, r.orgPath),
      address: r.houseId ? (addresses.get(r.houseId) ?? null) : null,
      keyGroups: groups.get(r.id),
      today,
    }),
  );
  if (reveal && !reveal.audited) await auditReveal(db, actor, reveal, views.filter((v) => v.revealed).map((v) => v.id), context);
  return views;
}

/** One resident presented (masked) after a write. */
export async function presentOne(db: Db, pii: PiiCipher, actor: Actor, row: Resident, context: string): Promise<ResidentView> {
  const [view] = await presentResidents(db, pii, actor, [row], null, context);
  return view as ResidentView;
}
