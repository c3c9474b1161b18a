// Service facilities and the 15-minute life circle (GB 50180-2018): facilities, the standard
// table, coverage of the registry's buildings, and the residents' "near me".
/** Recomputes a district's coverage now (the background job's work; benchmarks and the CLI). */
export { recomputeDistrict, requiredKinds, type RecomputeOutcome } from './use-cases/compute.ts';
/** Places the demo's facilities in a district and computes its coverage. */
export { seedFacilitiesDemo, PLANTED_GAP_KIND } from './demo.ts';
/** The pure coverage engine: distances of buildings to the nearest facility of each kind. */
export { computeCoverage, nearestTargets, type CoverageBuilding, type CoverageFacility, type CoverageKind } from './coverage/engine.ts';
/** A road network as a graph, from GeoJSON-like lines. */
export { buildRoadNetwork, type LngLat } from './coverage/road-network.ts';
/** Great-circle distance in metres. */
export { haversineMeters } from './coverage/geometry.ts';
