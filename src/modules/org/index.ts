// The organisation tree: divisions, departments, grids and their rosters.
export {
  /** Resolves a node by code, without scope (for modules given a code). */
  findOrgNode,
  /** The grid containing a point (for placing a report). */
  findGridAt,
  /** Loads a real division subtree from national data. */
  importDivisions,
  /** Imports grids from a GeoJSON FeatureCollection. */
  importGrids,
  /** Grids under a node as GeoJSON. */
  gridsAsGeoJson,
  /** Adds a department under a district or street. */
  createDepartment,
  /** Adds a person to a grid's roster. */
  addGridStaff,
  /** The spatial index of all grids. */
  loadGridIndex,
  type OrgNodeView,
  type Grid,
} from './service.ts';
export {
  /** A grid by code (no scope check). */
  findGrid,
  /** The grids of a community, by code. */
  gridsOfCommunity,
  /** The grids under some org paths ('' is the whole tree). */
  gridsUnder,
  /** The org units of one level under a node (a district's communities). */
  orgUnitsUnder,
  /** The org path of an org unit's or a grid's code. */
  orgPathOf,
  /** Names of org units and grids for a page of codes. */
  orgUnitNames,
  /** Who serves the grids under a node in one duty (the roster). */
  gridRosterUnder,
  type GridSummary,
} from './queries.ts';
export { orgRoutes } from './routes.ts';
/** Seeds the demo district's tree, grids and rosters. */
export { seedOrgDemo } from './demo.ts';
export { GridIndex, validateGridGeometry, bboxOf, containsPoint, type GridGeometry, type IndexedGrid, type Position } from './geo.ts';
/** Tiles a rectangle in proportion to weights (demo polygons). */
export { splitRect } from './demo.ts';
export { orgNodes, grids, gridStaff, communityTypes, gridKinds, gridDuties, type CommunityType, type GridKind, type GridDuty, type OrgLevel } from './schema.ts';
