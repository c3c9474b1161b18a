import { describe, expect, it } from 'vitest';
import { seedTree, setupTestApp } from '../../../test/helpers.ts';
import { actorAt, makeBuilding, makeHouse } from '../../../test/factories.ts';
import { matchAddress } from './index.ts';
import { normaliseAddress } from './use-cases/match-address.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const db = ctx.database.db;
const P = '110000.110100.110108';
// Community staff collect base data: one actor holding the role in the three communities.
const staff = { ...actorAt('community_staff', `${P}.110108001.110108001001`), grants: ['110108001.110108001001', '110108001.110108001002', '110108002.110108002001'].map((c) => ({ role: 'community_staff' as const, orgPath: `${P}.${c}` })) };
const tower = await makeBuilding(db, staff, { gridCode: 'GA1', address: '翠微路28号院', name: '3号楼', lng: 116.285, lat: 39.905 });
const tower10 = await makeBuilding(db, staff, { gridCode: 'GA1', address: '翠微路28号院', name: '10号楼', lng: 116.286, lat: 39.906 });
const flat = await makeHouse(db, staff, { buildingId: tower.id, unit: '2', number: '501' });
await makeHouse(db, staff, { buildingId: tower.id, unit: '1', number: '501' });
// The same address in two grids: only the name tells them apart.
await makeBuilding(db, staff, { gridCode: 'GA2', address: '万寿路甲15号', name: '东楼' });
await makeBuilding(db, staff, { gridCode: 'GB1', address: '万寿路甲15号', name: '西楼' });
const named = await makeBuilding(db, staff, { gridCode: 'GB1', name: '永定路东街5号楼', lng: 116.305, lat: 39.905 });

describe('matchAddress: the registry’s building for a typed address', () => {
  it('normalises width, case, spaces and punctuation', () => {
    expect(normaliseAddress('北京市 海淀区 翠微路２８号院（3号楼）')).toBe('北京市海淀区翠微路28号院3号楼');
  });

  it('finds the building by address and name inside longer text, and the house the rest names', async () => {
    expect(await matchAddress(db, P, { text: '北京市海淀区翠微路28号院3号楼2单元501室' })).toMatchObject({ buildingId: tower.id, houseId: flat.id, gridCode: 'GA1', lng: 116.285, lat: 39.905, score: 110 });
    expect(await matchAddress(db, P, { text: '翠微路28号院10号楼' })).toMatchObject({ buildingId: tower10.id, houseId: null, score: 100 });
    // 501 alone names two houses: the building, not a house.
    expect(await matchAddress(db, P, { text: '翠微路28号院3号楼501' })).toMatchObject({ buildingId: tower.id, houseId: null });
    expect(await matchAddress(db, P, { text: '永定路东街5号楼' })).toMatchObject({ buildingId: named.id, gridCode: 'GB1' });
  });

  it('gives the grid alone when several of its buildings fit, and nothing when they lie in different grids', async () => {
    expect(await matchAddress(db, P, { text: '翠微路28号院' })).toMatchObject({ buildingId: null, gridCode: 'GA1', lng: 116.2855, lat: 39.9055, score: 70 });
    expect(await matchAddress(db, P, { text: '万寿路甲15号' })).toBeNull();
    expect(await matchAddress(db, P, { text: '万寿路甲15号西楼' })).toMatchObject({ gridCode: 'GB1' });
    expect(await matchAddress(db, P, { text: '火星路1号' })).toBeNull();
  });

  it('takes a building or house id, only within the org path', async () => {
    expect(await matchAddress(db, P, { id: flat.id })).toMatchObject({ buildingId: tower.id, houseId: flat.id, gridCode: 'GA1' });
    expect(await matchAddress(db, `${P}.110108002`, { id: tower.id })).toBeNull();
    expect(await matchAddress(db, `${P}.110108002`, { text: '翠微路28号院3号楼' })).toBeNull();
  });
});
