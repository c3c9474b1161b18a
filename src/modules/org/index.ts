// The organisation tree: org units (divisions, departments), grids and their rosters.
// Other modules use these functions; the tables stay inside the module.
export {
  /** An org unit by code, without scope (for modules given a code). */
  findOrgUnit,
  /** A grid by code, without its polygon and without scope. */
  findGrid,
  /** Where an org unit or grid code sits in the tree: level, org path, name. */
  placeOf,
  /** The org path of an org unit or grid code. */
  pathOf,
  /** Names of org units and grids by code. */
  orgUnitNames,
  /** Who serves an org unit: its grids' rosters. */
  whoServes,
  /** Whether no org unit exists yet (a new installation). */
  isOrgTreeEmpty,
  /** The nodes (not grids) with these codes, e.g. those of an org path. */
  findOrgNodes,
  /** The org paths of org units and grids by code. */
  orgPathsOf,
  /** The children of a node: its departments, or the divisions below it. */
  listChildOrgNodes,
  /** The grids below an org path, each with its community and street. */
  listGridPlacesUnder,
  /** The grids of a community, by code. */
  gridsOfCommunity,
  /** The grids under some org paths ('' is the whole tree). */
  gridsUnder,
  /** The org units of one level under a node (a district's communities, its departments). */
  orgUnitsUnder,
  /** Who serves the grids under a node in one duty, in roster order. */
  gridRosterUnder,
  type GridPlace,
  type GridRef,
  type GridServer,
  type TreePlace,
} from './queries.ts';
/** The grid containing a point (for placing a report); the spatial index behind it. */
export { findGridAt, loadGridIndex } from './grid-index.ts';
/** Loads a real division subtree from national data; adds a department under a district or street. */
export { importDivisions, createDepartment } from './org-units.ts';
/** Imports grids from a GeoJSON FeatureCollection. */
export { importGrids } from './grid-import.ts';
/** Grids under a node as GeoJSON. */
export { gridsAsGeoJson } from './grids.ts';
/** Inserts org units and grids as given, without checks (test trees, benchmarks). */
export { insertOrgUnits, insertGrids, type OrgUnitSeed, type GridSeed } from './seed.ts';
/** Adds a person to a grid's roster. */
export { addGridStaff } from './roster.ts';
/** Seeds the demo district's tree, grids and rosters; links an account to a roster entry. */
export { seedOrgDemo, linkGridStaffAccount } from './demo.ts';
/** Tiles a rectangle in proportion to weights (demo polygons). */
export { splitRect } from './demo.ts';
export { GridIndex, validateGridGeometry, bboxOf, containsPoint, pointInside, type GridGeometry, type IndexedGrid, type Position } from './geo.ts';
export { orgLevels, communityTypes, gridKinds, gridDuties, type CommunityType, type GridKind, type GridDuty, type OrgLevel, type OrgUnitView } from './contract.ts';

