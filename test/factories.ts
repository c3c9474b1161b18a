// Records for tests, made through the modules' own use cases (validated by their contracts),
// never by inserting rows: a test reads as the data it needs, with defaults for the rest.
import type { Db } from '../src/platform/db.ts';
import type { PiiCipher } from '../src/platform/crypto.ts';
import type { Actor } from '../src/platform/auth/scope.ts';
import type { Role } from '../src/platform/auth/roles.ts';
import { createCase, type CaseDeps, type CreateCaseInput } from '../src/modules/cases/index.ts';
import { createBuilding, createHouse, createResident, makeIdNumber } from '../src/modules/registry/index.ts';
import {
  createBuildingBody,
  createHouseBody,
  createResidentBody,
  type BuildingView,
  type CreateBuildingBody,
  type CreateHouseBody,
  type CreateResidentBody,
  type HouseView,
  type ResidentView,
} from '../src/modules/registry/contract.ts';

export { actorSession, makeActor, makeUser } from './helpers.ts';

/** An actor holding one role on an org path, as a service sees it, with no account behind it. */
export function actorAt(role: Role, orgPath: string, name: string = role): Actor {
  return { kind: 'user', id: null, name, grants: [{ role, orgPath }], mustChangePassword: false };
}

/** A building in a grid (GA1 unless told). */
export async function makeBuilding(db: Db, actor: Actor, input: Partial<CreateBuildingBody> = {}): Promise<BuildingView> {
  return createBuilding(db, actor, createBuildingBody.parse({ gridCode: 'GA1', name: '翠微路28号院3号楼', ...input }));
}

/** A house in a building (unit 1, number 101 unless told). */
export async function makeHouse(db: Db, actor: Actor, input: Partial<CreateHouseBody> & { buildingId: string }): Promise<HouseView> {
  return createHouse(db, actor, createHouseBody.parse({ unit: '1', number: '101', ...input }));
}

let people = 0;
/**
 * A resident, in a house, a household or a grid as `input` says; by default someone born in
 * Haidian in 1980 with an ID number no other call of this file makes.
 */
export async function makeResident(db: Db, pii: PiiCipher, actor: Actor, input: Partial<CreateResidentBody> & ({ houseId: string } | { householdId: string } | { gridCode: string })): Promise<ResidentView> {
  people++;
  const idNumber = input.idNumber ?? makeIdNumber({ regionCode: '110108', birthDate: '1980-01-01', sequence: people % 1000 });
  return createResident(db, pii, actor, createResidentBody.parse({ name: `居民${people}`, ...input, idNumber }));
}

/** A case reported at a point in grid GA1 (a pile of rubbish) unless told otherwise; `now` is the report time. */
export async function makeCase(deps: CaseDeps, actor: Actor, input: Partial<CreateCaseInput> = {}, now?: Date) {
  const { row } = await createCase(deps, actor, { title: '垃圾堆放', description: '东门', categoryCode: '0501', lng: 116.285, lat: 39.905, ...input }, now);
  return row;
}
