import { describe, expect, it } from 'vitest';
import type { HouseArea, HouseholdWithAdults } from '../../registry/index.ts';
import { electorateUnits, scopeFilter } from './electorate.ts';

const house = (id: string, buildingId: string, grid: string, area: number | null, tenure: HouseArea['tenure']): HouseArea => ({
  houseId: id, buildingId, buildingName: `${buildingId}楼`, orgPath: `110108001001.${grid}`, address: `${buildingId}楼${id}室`, area, tenure,
});
const houses = [house('h1', 'b1', 'GA1', 90, 'owner_occupied'), house('h2', 'b1', 'GA1', 120.5, 'rented'), house('h3', 'b2', 'GA2', null, 'vacant')];
const adult = (residentId: string, name: string) => ({ residentId, name, age: 40 });
const households: HouseholdWithAdults[] = [
  { householdId: 'f1', houseId: 'h1', orgPath: '110108001001.GA1', address: 'b1楼h1室', headResidentId: 'r2', adults: [adult('r1', '张一'), adult('r2', '张二')] },
  { householdId: 'f2', houseId: 'h2', orgPath: '110108001001.GA1', address: 'b1楼h2室', headResidentId: 'r3', adults: [adult('r3', '李三')] },
  { householdId: 'f3', houseId: 'h2', orgPath: '110108001001.GA1', address: 'b1楼h2室', headResidentId: null, adults: [] },
];

describe('electorate snapshot', () => {
  it('takes each adult as a unit', () => {
    expect(electorateUnits('adults', households, houses, scopeFilter('community', '')).map((u) => u.unitRef)).toEqual(['r1', 'r2', 'r3']);
  });

  it('takes each household with an adult, represented by its head, any adult may vote for it', () => {
    const units = electorateUnits('households', households, houses, scopeFilter('community', ''));
    expect(units.map((u) => [u.unitRef, u.representativeName, u.voterIds])).toEqual([['f1', '张二', ['r2', 'r1']], ['f2', '李三', ['r3']]]);
  });

  it('takes every house with its area; only an owner-occupied house has the head as its voice', () => {
    const units = electorateUnits('owners', households, houses, scopeFilter('community', ''));
    expect(units.map((u) => [u.unitRef, u.area, u.voterIds, u.representativeName])).toEqual([
      ['h1', 9000, ['r2'], '张二'],
      ['h2', 12050, [], null],
      ['h3', 0, [], null],
    ]);
  });

  it('limits the electorate to a building or a grid', () => {
    expect(electorateUnits('owners', households, houses, scopeFilter('building', 'b2')).map((u) => u.unitRef)).toEqual(['h3']);
    expect(electorateUnits('owners', households, houses, scopeFilter('grid', 'GA1')).map((u) => u.unitRef)).toEqual(['h1', 'h2']);
  });
});
