// Test data for votes, meetings and budgets: one building of four houses in 翠微路社区 (GA1),
// each with a household whose head has a verified resident account, made through the use cases.
import { makeIdNumber } from '../../registry/index.ts';
import { actorSession, type TestContext } from '../../../../test/helpers.ts';
import { makeBuilding, makeHouse, makeResident } from '../../../../test/factories.ts';
import { createConfiguredCipher } from '../../../app.ts';
import { verifyResident } from '../residents.ts';

export const householdNames = ['赵建国', '钱秀兰', '孙志强', '李美玲'] as const;

/** Four houses (90, 90, 120.50 and 60 m²; the last rented), one household each, heads verified; a child in the first. */
export async function fourHouseholds(ctx: TestContext, buildingName: string, seq: number) {
  const db = ctx.database.db;
  const pii = createConfiguredCipher(ctx.config);
  const staff = await actorSession(ctx, 'community_staff', '110108001001');
  const building = await makeBuilding(db, staff.actor, { name: buildingName });
  const specs = [
    { number: '101', area: 90, tenure: 'owner_occupied' as const },
    { number: '102', area: 90, tenure: 'owner_occupied' as const },
    { number: '201', area: 120.5, tenure: 'owner_occupied' as const },
    { number: '202', area: 60, tenure: 'rented' as const },
  ];
  const heads = [];
  for (const [i, spec] of specs.entries()) {
    const house = await makeHouse(db, staff.actor, { buildingId: building.id, ...spec });
    const idNumber = makeIdNumber({ regionCode: '110108', birthDate: '1970-03-0' + (i + 1), sequence: seq * 10 + i });
    const name = `${householdNames[i]}${'甲乙丙丁戊'[seq]}`;
    const resident = await makeResident(db, pii, staff.actor, { houseId: house.id, name, idNumber, relation: 'head' });
    const session = await actorSession(ctx, 'resident', '110108001001');
    await verifyResident(db, pii, session.actor, { name, idNumber });
    heads.push({ ...session, residentId: resident.id, householdId: resident.householdId!, houseId: house.id, name, idNumber });
  }
  await makeResident(db, pii, staff.actor, { householdId: heads[0]!.householdId, name: `赵小宝${'甲乙丙丁戊'[seq]}`, birthDate: '2015-06-01', idNumber: makeIdNumber({ regionCode: '110108', birthDate: '2015-06-01', sequence: seq * 10 + 9 }), relation: 'child' });
  return { building, heads, staff };
}
