import { describe, expect, it } from 'vitest';
import { seedTree, setupTestApp } from '../../../test/helpers.ts';
import { makeActor, makeBuilding, makeHouse, makeResident } from '../../../test/factories.ts';
import { createConfiguredCipher } from '../../app.ts';
import { houseAreas, householdsWithAdults } from './index.ts';
import { haidianId } from './testing.ts';
import { addDays, chinaToday } from './vocabulary.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { database } = ctx;
const db = database.db;
const pii = createConfiguredCipher(ctx.config);
const { actor: staff } = await makeActor(database, 'community_staff', '110108001001');

const today = chinaToday();
const year = Number(today.slice(0, 4));
// Eighteen today, and eighteen tomorrow.
const comesOfAgeToday = `${year - 18}${today.slice(4)}`;
const comesOfAgeTomorrow = addDays(comesOfAgeToday, 1);

const building = await makeBuilding(db, staff);
const big = await makeHouse(db, staff, { buildingId: building.id, unit: '2', number: '302', area: 89.5 });
const small = await makeHouse(db, staff, { buildingId: building.id, unit: '2', number: '301' });
const head = await makeResident(db, pii, staff, { name: '张三丰', idNumber: haidianId('1960-06-12', 11), houseId: big.id });
await makeResident(db, pii, staff, { name: '张小明', idNumber: haidianId(comesOfAgeToday, 21), householdId: head.householdId as string, relation: 'child' });
await makeResident(db, pii, staff, { name: '张小红', idNumber: haidianId(comesOfAgeTomorrow, 32), householdId: head.householdId as string, relation: 'child' });
const child = await makeResident(db, pii, staff, { name: '李小宝', idNumber: haidianId('2015-03-01', 41), houseId: small.id });

describe('what participation reads from the registry', () => {
  it('lists a community\'s households with the members who are 18 or over today, and households with none', async () => {
    const households = await householdsWithAdults(database.db, '110108001001');
    expect(households.map((h) => [h.address, h.adults.map((a) => a.name)])).toEqual([
      ['翠微路28号院3号楼2单元301室', []],
      ['翠微路28号院3号楼2单元302室', ['张三丰', '张小明']],
    ]);
    expect(households[1]).toMatchObject({ householdId: head.householdId, headResidentId: head.id, adults: [{ residentId: head.id }, { age: 18 }] });
    expect(households[0]?.householdId).toBe(child.householdId);
    expect(await householdsWithAdults(database.db, '110108001002')).toEqual([]);
  });

  it('gives the floor area of each house of a community, null where none was recorded', async () => {
    const areas = await houseAreas(database.db, '110108001001');
    expect(areas.map((h) => [h.houseId, h.area])).toEqual([
      [small.id, null],
      [big.id, 89.5],
    ]);
  });
});
