import { describe, expect, it } from 'vitest';
import { computeCoverage, nearestTargets, summariseCoverage, type CoverageKind } from './engine.ts';
import { haversineMeters } from './geometry.ts';
import { buildRoadNetwork, type LngLat } from './road-network.ts';

// A small hand-made network near 39.9°N. A river runs between (116.000, 39.900) and
// (116.002, 39.900), so the road from one bank to the other goes round a U through the
// north; a straight road leads west to a second facility.
const at = (dLng: number, dLat: number): LngLat => [116 + dLng, 39.9 + dLat];
const u: LngLat[] = [at(0, 0), at(0, 0.003), at(0.002, 0.003), at(0.002, 0)];
const west: LngLat[] = [at(0, 0), at(-0.003, 0)];
const h = (a: LngLat, b: LngLat) => haversineMeters(a[0], a[1], b[0], b[1]);

const building = { lng: 116, lat: 39.8999 };
const acrossTheRiver = { id: 'F1', kind: 'kindergarten', lng: 116.002, lat: 39.8999 };
const westAlongTheRoad = { id: 'F2', kind: 'kindergarten', lng: 115.997, lat: 39.9 };
const kindergarten: CoverageKind = { code: 'kindergarten', name: '幼儿园', level: '5min', walkMeters: 300, group: 'children' };

describe('distances', () => {
  it('measures the great circle: a thousandth of a degree of latitude is about 111 m', () => {
    expect(haversineMeters(116, 39.9, 116, 39.901)).toBeCloseTo(111.19, 1);
  });

  it('finds the shortest path along the road network, not the straight line', () => {
    const network = buildRoadNetwork([u, west]);
    expect(network.nodes).toBe(5);
    expect(network.edges).toBe(4);
    const access = h([building.lng, building.lat], at(0, 0));
    const [round, viaWest] = [
      nearestTargets([building], [acrossTheRiver], { network, detourFactor: 1.3 })[0]!,
      nearestTargets([building], [westAlongTheRoad], { network, detourFactor: 1.3 })[0]!,
    ];
    const uLength = h(u[0]!, u[1]!) + h(u[1]!, u[2]!) + h(u[2]!, u[3]!);
    expect(round.meters).toBeCloseTo(access + uLength + h(u[3]!, [acrossTheRiver.lng, acrossTheRiver.lat]), 6);
    expect(viaWest.meters).toBeCloseTo(access + h(west[0]!, west[1]!), 6);
    // Both together: the road picks the western one, which is nearer on foot.
    const both = nearestTargets([building], [acrossTheRiver, westAlongTheRoad], { network, detourFactor: 1.3 })[0]!;
    expect(both.target).toBe(1);
    expect(both.meters).toBeCloseTo(viaWest.meters, 6);
  });

  it('takes the shorter of two roads between the same points', () => {
    const long: LngLat[] = [at(0, 0), at(0.001, 0.002), at(0.002, 0)];
    const short: LngLat[] = [at(0, 0), at(0.001, 0), at(0.002, 0)];
    const network = buildRoadNetwork([long, short]);
    const target = { lng: 116.002, lat: 39.9 };
    const found = nearestTargets([{ lng: 116, lat: 39.9 }], [target], { network, detourFactor: 1.3 })[0]!;
    expect(found.meters).toBeCloseTo(h(at(0, 0), at(0.002, 0)), 6);
  });

  it('reports no distance when the facility lies on a network part the building cannot reach', () => {
    const island: LngLat[] = [at(0.01, 0.01), at(0.011, 0.01)];
    const network = buildRoadNetwork([west, island]);
    const found = nearestTargets([building], [{ lng: 116.0105, lat: 39.91 }], { network, detourFactor: 1.3 });
    expect(found[0]).toBeUndefined();
  });

  it('falls back to the straight line times the detour factor without a network', () => {
    const found = nearestTargets([building], [acrossTheRiver, westAlongTheRoad], { detourFactor: 1.3 })[0]!;
    expect(found.target).toBe(0);
    expect(found.meters).toBeCloseTo(h([building.lng, building.lat], [acrossTheRiver.lng, acrossTheRiver.lat]) * 1.3, 6);
    const plain = nearestTargets([building], [acrossTheRiver], { detourFactor: 1 })[0]!;
    expect(found.meters / plain.meters).toBeCloseTo(1.3, 9);
  });

  it('finds the same nearest facility as a brute-force loop on random points', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const points = (n: number) => Array.from({ length: n }, () => ({ lng: 116 + random() * 0.1, lat: 39.9 + random() * 0.1 }));
    const origins = points(300);
    const targets = points(40);
    const found = nearestTargets(origins, targets, { detourFactor: 1 });
    origins.forEach((o, i) => {
      const brute = Math.min(...targets.map((t) => haversineMeters(o.lng, o.lat, t.lng, t.lat)));
      expect(found[i]!.meters).toBeCloseTo(brute, 3);
    });
  });
});

describe('coverage', () => {
  it('lists a kind as lacking beyond its walking distance or when none exists, and weighs by its group', () => {
    const near = { lng: 116, lat: 39.9, residents: 10, elderly: 2, children: 3 };
    const far = { lng: 116.01, lat: 39.9, residents: 30, elderly: 5, children: 1 };
    const dayCare: CoverageKind = { code: 'elderly_day_care', name: '日间照料', level: '5min', walkMeters: 300, group: 'elderly' };
    const results = computeCoverage([near, far], [kindergarten, dayCare], [{ id: 'K', kind: 'kindergarten', lng: 116.001, lat: 39.9 }], { detourFactor: 1.3 });
    expect(results[0]!.nearest.kindergarten).toBe('K');
    expect(results[0]!.lacking).toEqual(['elderly_day_care']);
    expect(results[1]!.lacking).toEqual(['kindergarten', 'elderly_day_care']);
    expect(results[1]!.distances.elderly_day_care).toBeNull();
    const summary = summariseCoverage([{ ...near, ...results[0]! }, { ...far, ...results[1]! }], [kindergarten, dayCare]);
    expect(summary[0]).toMatchObject({ buildings: 2, buildingsCovered: 1, residents: 40, residentsCovered: 10, groupPeople: 4, groupCovered: 3, residentShare: 0.25, groupShare: 0.75 });
    expect(summary[1]).toMatchObject({ buildingsCovered: 0, groupPeople: 7, groupCovered: 0, groupShare: 0 });
  });
});
