// The electorate of a vote, taken from the registry when it opens (a snapshot: moves after the
// opening change nothing). One unit per adult, per household with an adult, or per house with its
// floor area; each unit names the residents who may cast its ballot online.
import type { HouseArea, HouseholdWithAdults } from '../../registry/index.ts';
import type { ElectorateBasis } from './quorum.ts';
import { hundredthsOf } from './tally.ts';

export interface ElectorateUnit {
  unitKind: 'person' | 'household' | 'house';
  unitRef: string;
  orgPath: string;
  label: string;
  /** Hundredths of m² (owners only). */
  area: number;
  voterIds: string[];
  representativeName: string | null;
}

/** Which houses a scope takes: all of the community, a grid's (org path ends in its code), or one building's. */
export type HouseFilter = (house: { houseId: string; buildingId: string; orgPath: string }) => boolean;

export function scopeFilter(kind: 'community' | 'grid' | 'building', ref: string): HouseFilter {
  if (kind === 'grid') return (h) => h.orgPath.endsWith(`.${ref}`);
  if (kind === 'building') return (h) => h.buildingId === ref;
  return () => true;
}

/**
 * The units of a registry-based electorate. Owners: every house of the scope with its area
 * (vacant and rented ones too: the law counts all exclusive area); the registry holds no owner's
 * name, so the head of an owner-occupied house's household speaks for it, and staff name the
 * owner of the others (who then vote on paper).
 */
export function electorateUnits(basis: ElectorateBasis, households: readonly HouseholdWithAdults[], houses: readonly HouseArea[], inScope: HouseFilter): ElectorateUnit[] {
  const houseById = new Map(houses.map((h) => [h.houseId, h]));
  const scoped = households.filter((hh) => {
    const house = houseById.get(hh.houseId);
    return house !== undefined && inScope(house);
  });
  switch (basis) {
    case 'adults':
      return scoped.flatMap((hh) => hh.adults.map((a) => ({ unitKind: 'person' as const, unitRef: a.residentId, orgPath: hh.orgPath, label: hh.address, area: 0, voterIds: [a.residentId], representativeName: a.name })));
    case 'households':
      return scoped
        .filter((hh) => hh.adults.length > 0)
        .map((hh) => {
          const head = hh.adults.find((a) => a.residentId === hh.headResidentId) ?? hh.adults[0]!;
          // The representative first: a meeting invites them; any adult may cast the household's ballot.
          const voterIds = [head.residentId, ...hh.adults.filter((a) => a !== head).map((a) => a.residentId)];
          return { unitKind: 'household' as const, unitRef: hh.householdId, orgPath: hh.orgPath, label: hh.address, area: 0, voterIds, representativeName: head.name };
        });
    case 'owners':
      return houses.filter(inScope).map((house) => {
        const occupant = house.tenure === 'owner_occupied' ? scoped.find((hh) => hh.houseId === house.houseId) : undefined;
        const head = occupant?.adults.find((a) => a.residentId === occupant.headResidentId);
        return { unitKind: 'house' as const, unitRef: house.houseId, orgPath: house.orgPath, label: house.address, area: hundredthsOf(house.area), voterIds: head ? [head.residentId] : [], representativeName: head?.name ?? null };
      });
    case 'group_representatives':
    case 'members':
      throw new RangeError(`${basis} is not taken from the registry`);
  }
}
