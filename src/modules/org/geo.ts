import Flatbush from 'flatbush';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { GridGeometry, Position } from './contract.ts';

// Grid shapes: GeoJSON polygons in WGS84 (longitude, latitude), validated before storing,
// and a spatial index answering "which grid is this point in".

export type { GridGeometry, Position };

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

// Mainland China, Hong Kong, Macao and Taiwan, with a margin: points outside are almost
// always swapped coordinates or projected (not WGS84) values.
const CHINA = { minLng: 73, minLat: 3, maxLng: 136, maxLat: 54 };

export type GeometryProblem =
  | 'not_an_object'
  | 'unsupported_type'
  | 'no_rings'
  | 'bad_position'
  | 'not_wgs84'
  | 'outside_china'
  | 'ring_too_short'
  | 'ring_not_closed'
  | 'zero_area';

export const geometryProblemText: Record<GeometryProblem, { zh: string; en: string }> = {
  not_an_object: { zh: '缺少 geometry', en: 'geometry is missing' },
  unsupported_type: { zh: '几何类型必须是 Polygon 或 MultiPolygon', en: 'geometry must be a Polygon or MultiPolygon' },
  no_rings: { zh: '多边形没有坐标环', en: 'the polygon has no rings' },
  bad_position: { zh: '坐标必须是 [经度, 纬度] 数字对', en: 'each position must be a [longitude, latitude] pair of numbers' },
  not_wgs84: { zh: '坐标超出 WGS84 经纬度范围', en: 'a coordinate is outside the WGS84 range' },
  outside_china: {
    zh: '坐标不在中国境内，可能经纬度颠倒或使用了投影坐标',
    en: 'a coordinate lies outside China: longitude and latitude swapped, or projected coordinates?',
  },
  ring_too_short: { zh: '坐标环至少需要 4 个点', en: 'a ring needs at least 4 positions' },
  ring_not_closed: { zh: '坐标环未闭合（首尾点必须相同）', en: 'a ring is not closed (first and last positions must be equal)' },
  zero_area: { zh: '多边形面积为零', en: 'the polygon has zero area' },
};

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

/** Signed area of a closed ring in square degrees (shoelace). */
export function ringArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    area += x1 * y2 - x2 * y1;
  }
  return area / 2;
}

function checkRing(ring: unknown): GeometryProblem | undefined {
  if (!Array.isArray(ring)) return 'bad_position';
  if (!ring.every(isPosition)) return 'bad_position';
  const positions = ring as Position[];
  for (const [lng, lat] of positions) {
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return 'not_wgs84';
    if (lng < CHINA.minLng || lng > CHINA.maxLng || lat < CHINA.minLat || lat > CHINA.maxLat) return 'outside_china';
  }
  if (positions.length < 4) return 'ring_too_short';
  const first = positions[0] as Position;
  const last = positions[positions.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return 'ring_not_closed';
  if (Math.abs(ringArea(positions)) === 0) return 'zero_area';
  return undefined;
}

/** Checks a GeoJSON geometry for use as a grid: closed rings in WGS84 within China. */
export function validateGridGeometry(value: unknown): { ok: true; geometry: GridGeometry } | { ok: false; problem: GeometryProblem } {
  if (typeof value !== 'object' || value === null) return { ok: false, problem: 'not_an_object' };
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  let polygons: unknown[];
  if (type === 'Polygon') polygons = [coordinates];
  else if (type === 'MultiPolygon' && Array.isArray(coordinates)) polygons = coordinates;
  else return { ok: false, problem: 'unsupported_type' };
  if (polygons.length === 0) return { ok: false, problem: 'no_rings' };
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return { ok: false, problem: 'no_rings' };
    for (const ring of polygon) {
      const problem = checkRing(ring);
      if (problem) return { ok: false, problem };
    }
  }
  // Keep only longitude and latitude: altitude means nothing for a grid.
  const strip = (ring: Position[]) => ring.map(([lng, lat]) => [lng, lat] as Position);
  const geometry: GridGeometry =
    type === 'Polygon'
      ? { type: 'Polygon', coordinates: (coordinates as Position[][]).map(strip) }
      : { type: 'MultiPolygon', coordinates: (coordinates as Position[][][]).map((p) => p.map(strip)) };
  return { ok: true, geometry };
}

/** The bounding box of a geometry. */
export function bboxOf(geometry: GridGeometry): BBox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [lng, lat] of polygon[0] ?? []) {
      box.minLng = Math.min(box.minLng, lng);
      box.minLat = Math.min(box.minLat, lat);
      box.maxLng = Math.max(box.maxLng, lng);
      box.maxLat = Math.max(box.maxLat, lat);
    }
  }
  return box;
}

/** Whether a point lies inside a geometry (holes excluded; boundary counts as inside). */
export function containsPoint(geometry: GridGeometry, lng: number, lat: number): boolean {
  return booleanPointInPolygon([lng, lat], geometry);
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

// A point well inside each geometry, found once: of the cell centres of a lattice over its box,
// the one nearest the box's centre whose neighbours a metre away are inside too.
const insidePoints = new WeakMap<GridGeometry, Position>();

function insidePointOf(geometry: GridGeometry): Position {
  const known = insidePoints.get(geometry);
  if (known) return known;
  const box = bboxOf(geometry);
  const centre: Position = [(box.minLng + box.maxLng) / 2, (box.minLat + box.maxLat) / 2];
  const near = 1e-5;
  const wellInside = ([x, y]: Position) =>
    containsPoint(geometry, x, y) && [[near, 0], [-near, 0], [0, near], [0, -near]].every(([dx, dy]) => containsPoint(geometry, x + (dx as number), y + (dy as number)));
  const steps = 24;
  let best: Position | undefined;
  let bestDistance = Infinity;
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const point: Position = [round6(box.minLng + ((box.maxLng - box.minLng) * (i + 0.5)) / steps), round6(box.minLat + ((box.maxLat - box.minLat) * (j + 0.5)) / steps)];
      const distance = (point[0] - centre[0]) ** 2 + (point[1] - centre[1]) ** 2;
      if (distance < bestDistance && wellInside(point)) [best, bestDistance] = [point, distance];
    }
  }
  const found = best ?? (geometry.type === 'Polygon' ? geometry.coordinates[0]?.[0] : geometry.coordinates[0]?.[0]?.[0]) ?? centre;
  insidePoints.set(geometry, found);
  return found;
}

/**
 * A point of the geometry near (lng, lat), to six decimals: the point itself when it lies inside,
 * else the first point on the way from it to a point well inside. Points drawn in a grid's box
 * (demo data) stay in the grid when the grid is not a rectangle, with no new random draws.
 */
export function pointInside(geometry: GridGeometry, lng: number, lat: number): Position {
  const own: Position = [round6(lng), round6(lat)];
  if (containsPoint(geometry, own[0], own[1])) return own;
  const [x, y] = insidePointOf(geometry);
  const at = (t: number): Position => [round6(lng + (x - lng) * t), round6(lat + (y - lat) * t)];
  let outside = 0;
  let inside = 1;
  for (let k = 0; k < 30; k++) {
    const mid = (outside + inside) / 2;
    const [mx, my] = at(mid);
    if (containsPoint(geometry, mx, my)) inside = mid;
    else outside = mid;
  }
  return at(inside);
}

export interface IndexedGrid {
  code: string;
  geometry: GridGeometry;
  bbox: BBox;
}

/**
 * Point → grid lookup: an R-tree (flatbush) of bounding boxes narrows the candidates,
 * an exact point-in-polygon test decides. Built once per change of the grid set.
 */
export class GridIndex {
  private readonly tree: Flatbush | undefined;

  constructor(private readonly grids: IndexedGrid[]) {
    if (grids.length === 0) return;
    this.tree = new Flatbush(grids.length);
    for (const g of grids) this.tree.add(g.bbox.minLng, g.bbox.minLat, g.bbox.maxLng, g.bbox.maxLat);
    this.tree.finish();
  }

  get size(): number {
    return this.grids.length;
  }

  /** The code of the grid containing the point; the first by code if grids overlap. */
  findGridAt(lng: number, lat: number): string | undefined {
    if (!this.tree) return undefined;
    let found: string | undefined;
    for (const i of this.tree.search(lng, lat, lng, lat)) {
      const grid = this.grids[i] as IndexedGrid;
      if (containsPoint(grid.geometry, lng, lat) && (found === undefined || grid.code < found)) found = grid.code;
    }
    return found;
  }
}
