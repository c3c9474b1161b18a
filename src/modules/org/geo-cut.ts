import type { GridGeometry, Position } from './contract.ts';
import { ringArea } from './geo.ts';

// Cutting a district outline into parts of given area shares (streets, communities, grids),
// for the demo: a treemap whose cuts are straight north-south or east-west lines, so every
// part lies inside the outline, parts do not overlap and together they cover it.

/** A shape as a list of outer rings (no holes): one ring per separate part. */
export type Shape = Position[][];

/** Area of a shape in square degrees. */
export function shapeArea(shape: Shape): number {
  return shape.reduce((sum, ring) => sum + Math.abs(ringArea(ring)), 0);
}

/**
 * The part of a ring on one side of the line `axis = at` (axis 0: longitude, 1: latitude;
 * side -1 keeps the lower values, +1 the higher). Sutherland–Hodgman against one half-plane:
 * a concave ring cut into pieces comes back as one ring whose pieces are joined along the
 * cut line by zero-width seams, which changes neither its area nor which points it holds.
 */
function clipRing(ring: Position[], axis: 0 | 1, at: number, side: -1 | 1): Position[] {
  const inside = (p: Position) => side * (p[axis] - at) >= 0;
  const cross = (a: Position, b: Position): Position => {
    const t = (at - a[axis]) / (b[axis] - a[axis]);
    const other = (1 - axis) as 0 | 1;
    const value = a[other] + t * (b[other] - a[other]);
    return axis === 0 ? [at, value] : [value, at];
  };
  const out: Position[] = [];
  const n = ring.length - 1; // the ring is closed: its last position repeats the first
  for (let i = 0; i < n; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    if (inside(a)) {
      out.push(a);
      if (!inside(b)) out.push(cross(a, b));
    } else if (inside(b)) out.push(cross(a, b));
  }
  const deduped = out.filter((p, i) => i === 0 || p[0] !== (out[i - 1] as Position)[0] || p[1] !== (out[i - 1] as Position)[1]);
  if (deduped.length < 3) return [];
  const closed = [...deduped, deduped[0] as Position];
  // Crumbs below a square metre or so (1e-10 square degrees) would vanish when rounded.
  return Math.abs(ringArea(closed)) > 1e-10 ? closed : [];
}

function clipShape(shape: Shape, axis: 0 | 1, at: number, side: -1 | 1): Shape {
  return shape.map((ring) => clipRing(ring, axis, at, side)).filter((ring) => ring.length > 0);
}

function boxOf(shape: Shape) {
  let minLng = Infinity, minLat = Infinity, maxLng = -Infinity, maxLat = -Infinity;
  for (const ring of shape) {
    for (const [lng, lat] of ring) {
      minLng = Math.min(minLng, lng);
      maxLng = Math.max(maxLng, lng);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  return { minLng, minLat, maxLng, maxLat };
}

/** Where to cut so that the low side holds `share` of the area: bisection on the cut line (micro-degree steps are enough). */
function cutAt(shape: Shape, axis: 0 | 1, low: number, high: number, share: number): number {
  const target = shapeArea(shape) * share;
  let lo = low;
  let hi = high;
  for (let i = 0; i < 48 && hi - lo > 1e-7; i++) {
    const mid = (lo + hi) / 2;
    if (shapeArea(clipShape(shape, axis, mid, -1)) < target) lo = mid;
    else hi = mid;
  }
  return Math.round(((lo + hi) / 2) * 1e6) / 1e6;
}

/** Where a treemap splits a list of weights: the first `half` entries, holding `share` of the total. */
export function halve(weights: readonly number[]): { half: number; share: number } {
  const total = weights.reduce((a, b) => a + b, 0);
  const half = Math.ceil(weights.length / 2);
  return { half, share: weights.slice(0, half).reduce((a, b) => a + b, 0) / total };
}

/** Whether a box is at least as wide as tall on the ground (a degree of longitude is shorter than one of latitude away from the equator). */
export function isWide(box: { minLng: number; minLat: number; maxLng: number; maxLat: number }): boolean {
  return (box.maxLng - box.minLng) * Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180) >= box.maxLat - box.minLat;
}

/**
 * Splits a shape into parts whose areas are proportional to the weights (all weights > 0), in
 * the weights' order: halves of the list go west/east or north/south, whichever way the shape
 * is longer, recursively. A part may come back as several pieces (a cut through a bay).
 */
export function splitShape(shape: Shape, weights: number[]): Shape[] {
  if (weights.length === 0) return [];
  if (weights.length === 1) return [shape];
  const { half, share } = halve(weights);
  const box = boxOf(shape);
  let a: Shape;
  let b: Shape;
  if (isWide(box)) {
    const at = cutAt(shape, 0, box.minLng, box.maxLng, share);
    a = clipShape(shape, 0, at, -1);
    b = clipShape(shape, 0, at, 1);
  } else {
    // North first, as a map is read; the low side of the cut is the south.
    const at = cutAt(shape, 1, box.minLat, box.maxLat, 1 - share);
    a = clipShape(shape, 1, at, 1);
    b = clipShape(shape, 1, at, -1);
  }
  return [...splitShape(a, weights.slice(0, half)), ...splitShape(b, weights.slice(half))];
}

/** A geometry's outer rings as a shape (holes, which district outlines here do not have, are dropped). */
export function shapeOf(geometry: GridGeometry): Shape {
  return geometry.type === 'Polygon' ? [geometry.coordinates[0] ?? []] : geometry.coordinates.map((polygon) => polygon[0] ?? []);
}

/** A shape as GeoJSON, coordinates rounded to micro-degrees (some 0.1 m). */
export function geometryOf(shape: Shape): GridGeometry {
  const round = (ring: Position[]) => ring.map(([lng, lat]) => [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6] as Position);
  return shape.length === 1 ? { type: 'Polygon', coordinates: [round(shape[0] as Position[])] } : { type: 'MultiPolygon', coordinates: shape.map((ring) => [round(ring)]) };
}
