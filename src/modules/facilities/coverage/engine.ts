// The coverage engine, pure: for every building and every required kind, the walking
// distance to the nearest facility of that kind — along the road network when there is
// one, else the straight line times the detour factor — and the kinds out of reach.
import type { DistanceMethod, KindCoverage, LifeCircleLevel, PopulationGroup } from '../contract.ts';
import { meanLat, PointIndex, type Point } from './geometry.ts';
import { distancesFrom, snapToNetwork, type RoadNetwork, type Snap } from './road-network.ts';

export interface CoverageKind {
  code: string;
  name: string;
  level: LifeCircleLevel;
  walkMeters: number;
  group: PopulationGroup;
}

export interface CoverageFacility extends Point {
  id: string;
  kind: string;
}

export interface CoverageBuilding extends Point {
  residents: number;
  elderly: number;
  children: number;
}

export interface DistanceOptions {
  /** The road network, or undefined for straight lines times the detour factor. */
  network?: RoadNetwork | undefined;
  detourFactor: number;
}

/** One building's result: metres (rounded) and facility id per kind, null when none is reachable. */
export interface BuildingResult {
  distances: Record<string, number | null>;
  nearest: Record<string, string | null>;
  lacking: string[];
}

/** The method a set of options measures with. */
export function methodOf(options: DistanceOptions): DistanceMethod {
  return options.network ? 'road' : 'straight_line';
}

/** For each origin, the walking distance to the nearest target and its index (undefined: none reachable). */
export function nearestTargets(
  origins: readonly Point[],
  targets: readonly Point[],
  options: DistanceOptions,
  originSnaps?: readonly (Snap | undefined)[],
): ({ meters: number; target: number } | undefined)[] {
  if (targets.length === 0) return origins.map(() => undefined);
  const { network } = options;
  if (!network) {
    const index = new PointIndex(targets, meanLat(targets));
    return origins.map((o) => {
      const found = index.nearest(o)!;
      return { meters: found.meters * options.detourFactor, target: found.index };
    });
  }
  const snaps = targets.map((t) => snapToNetwork(network, t)).filter((s): s is Snap => s !== undefined);
  const reached = distancesFrom(network, snaps);
  return origins.map((o, i) => {
    const snap = originSnaps ? originSnaps[i] : snapToNetwork(network, o);
    const along = snap && reached.distance.get(snap.node);
    if (snap === undefined || along === undefined) return undefined;
    return { meters: snap.access + along, target: reached.source.get(snap.node)! };
  });
}

/** Every building × every kind: distances, nearest facilities, and what each lacks. */
export function computeCoverage(
  buildings: readonly CoverageBuilding[],
  kinds: readonly CoverageKind[],
  facilities: readonly CoverageFacility[],
  options: DistanceOptions,
): BuildingResult[] {
  const results: BuildingResult[] = buildings.map(() => ({ distances: {}, nearest: {}, lacking: [] }));
  // Each building joins the network once, whatever the number of kinds.
  const { network } = options;
  const snaps = network ? buildings.map((b) => snapToNetwork(network, b)) : undefined;
  for (const kind of kinds) {
    const ofKind = facilities.filter((f) => f.kind === kind.code);
    const found = nearestTargets(buildings, ofKind, options, snaps);
    found.forEach((hit, i) => {
      const result = results[i]!;
      result.distances[kind.code] = hit ? Math.round(hit.meters) : null;
      result.nearest[kind.code] = hit ? ofKind[hit.target]!.id : null;
      if (!hit || hit.meters > kind.walkMeters) result.lacking.push(kind.code);
    });
  }
  return results;
}

/** The people of a building a kind serves. */
export function groupPeopleOf(building: CoverageBuilding, group: PopulationGroup): number {
  switch (group) {
    case 'elderly':
      return building.elderly;
    case 'children':
      return building.children;
    case 'all':
      return building.residents;
  }
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Coverage of each kind over some buildings, by buildings, residents and the kind's own group. */
export function summariseCoverage(buildings: readonly (CoverageBuilding & { lacking: readonly string[] })[], kinds: readonly CoverageKind[]): KindCoverage[] {
  return kinds.map((kind) => {
    let buildingsCovered = 0, residents = 0, residentsCovered = 0, groupPeople = 0, groupCovered = 0;
    for (const b of buildings) {
      const covered = !b.lacking.includes(kind.code);
      const people = groupPeopleOf(b, kind.group);
      residents += b.residents;
      groupPeople += people;
      if (covered) {
        buildingsCovered++;
        residentsCovered += b.residents;
        groupCovered += people;
      }
    }
    return {
      kind: kind.code, name: kind.name, level: kind.level, walkMeters: kind.walkMeters, group: kind.group,
      buildings: buildings.length, buildingsCovered, residents, residentsCovered, groupPeople, groupCovered,
      residentShare: share(residentsCovered, residents), groupShare: share(groupCovered, groupPeople),
    };
  });
}

/** The residents' share covered, averaged over the kinds (null when nobody lives there or no kind counts). */
export function overallShare(summary: readonly KindCoverage[]): number | null {
  const shares = summary.map((k) => k.residentShare).filter((s): s is number => s !== null);
  return shares.length === 0 ? null : shares.reduce((a, b) => a + b, 0) / shares.length;
}
